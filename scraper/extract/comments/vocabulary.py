"""The words site engines use to name the parts of a comment section, in class and id attributes.

Engines differ in spelling ("comment-body", "commentBody", "comment_body", "kommentar-text"), so
a class token is compared in a normalised form: lower case, without "-" and "_". A comment item is
an element named for a single comment ("comment", "wc-comment", "kommentar-item", li#comment-12);
a part is an element named for a piece of one ("comment-body", "comment-author"): an element that
carries both is a part, as in WordPress's <article id="div-comment-12" class="comment-body">.
"""
from __future__ import annotations

import re
from functools import lru_cache

import lxml.html

# The word for a comment in the languages engines name their markup in ("komentarz": Polish);
# "commentaire" and "commento" start with "comment" but are words of their own.
COMMENT_WORD = r"(?:comment|kommentar|komentarz|komentar|commentaire|comentario|commento)"
# Plural endings: "comments", "comentarios", "reacties", "komentarze".
PLURAL = r"(?:s|e)?"

# One comment: a token ending in the word, optionally with a word for "one entry".
ITEM_TOKEN = re.compile(COMMENT_WORD + r"(?:item|single)?$")
# A token ending in the word but naming a control, a count or a post's category, not a comment:
# by its first word ("new-comment", "category-kommentar") or a control word anywhere in it
# ("subscribeToWriteComment", "js-add-comment").
NOT_ITEM_TOKEN = re.compile(
    r"^(?:no|has|with|num|meta|open|show|more|new|cat|tag|type|topic|format|genre|teaser|ressort|rubrik"
    r"|kategorie|category|channel|recent|latest|last|total|count|sticky|form)"
    r"|(?:add|write|leave|submit|subscribe|login|register|load|toggle|icon|link|btn|button)")
# An element id naming one comment: comment-123, li-comment-123, div-comment-123, kommentar_123.
ITEM_ID = re.compile(r"^(?:[a-z]+[-_])*" + COMMENT_WORD + r"[-_]?(\d+)$", re.I)
# A token naming a part of a comment or of the section, not one comment.
PART_TOKEN = re.compile(
    COMMENT_WORD + PLURAL + r"(?:body|content|contents|text|meta|metadata|author|avatar|date|time|reply|replies"
    r"|respond|footer|header|form|list|count|title|vcard|actions?|votes?|likes?|rating|links?|button|btn"
    r"|icon|copy|message|info|area|section|wrap|wrapper|container|holder|inner|box|block|details|data"
    r"|head|stats|tools|options|nav|navigation|pagination|threads?|children|right|left|story|article"
    r"|inhalt|tekst|texto|testo|texte|avatarwrapper)$")

# Parts of one comment, by the ending of a normalised token.
AUTHOR_TOKEN = re.compile(
    r"(?:^fn|author|name|user|nick|nickname|benutzer|autor|verfasser|commenter|poster|authorlink|authorinfo"
    r"|naam|auteur|autore|nombre|nome|^nom|usuario|utente|utilisateur|gebruiker|uzytkownik)$")
DATE_TOKEN = re.compile(r"(?:date|time|datum|zeit|published|timestamp|posted|metadata|meta|dateline|when|timeago"
                        r"|fecha)$")
# The words for a comment's text, in English and the languages engines name their markup in.
TEXT_WORDS = r"(?:content|text|body|message|copy|story|inhalt|tekst|texto|testo|texte|contenido|contenu|inhoud|tresc)"
TEXT_TOKEN = re.compile(r"(?:" + TEXT_WORDS + r"|entry|description)$")
COMMENT_TEXT_TOKEN = re.compile(COMMENT_WORD + PLURAL + TEXT_WORDS + r"$")
LIKES_TOKEN = re.compile(r"(?:likes?|votes?|votesum|upvotes?|score|rating|points|karma|likecount)$")
# Parts that never belong in the comment's text: controls, widgets, signatures of the engine.
NOISE_TOKEN = re.compile(
    r"(?:reply|replylink|respond|actions?|tools|vote|votes|votesum|upvote|downvote|like|likes|rating"
    r"|share|sharing|report|flag|edit|permalink|avatar|vcard|says|badge|button|btn|icon|moderation"
    r"|awaiting|screenreadertext|sronly|visuallyhidden)$")
NOISE_TAGS = frozenset({"form", "button", "img", "svg", "script", "style", "textarea", "input", "select",
                        "noscript", "picture", "video", "audio", "iframe", "template", "label", "nav"})

# Words a comment engine prints around a comment that are not the comment: reply links, "says:".
REPLY_WORDS = frozenset({
    "reply", "antworten", "antwort", "beantworten", "répondre", "repondre", "responder", "rispondi",
    "report", "melden", "like", "gefällt mir", "zitieren", "quote", "share", "teilen", "permalink",
    "edit", "bearbeiten", "flag", "log in to reply", "login to reply", "zum antworten anmelden",
    "kommentar löschen", "delete", "reply to this post", "reply to this comment", "antwort schreiben",
    "auf diesen kommentar antworten", "kommentar melden", "show more", "read more", "mehr anzeigen",
    "weiterlesen", "mehr lesen", "löschen", "reageer", "beantwoorden", "odpowiedz", "odpowiedź", "citer", "citar",
    "rispondi", "responder", "cancel reply", "antworten abbrechen",
})
SAYS = re.compile(r"\s*(?:says|said|hat gesagt|sagt|schreibt|meint|schrieb|dice|dijo|ha dicho|dit|a dit|a écrit"
                  r"|disse|ha detto|zegt|zei|heeft gezegd|napisał|napisała|wrote)\s*(?::|…|\.\.\.)?\s*$", re.I)

# A name for the whole section rather than a part of one comment: the word, plural or with a
# word for a container ("comments", "comment-list", "reacties", "comments-content", "disqus_thread");
# "comment-content" names a comment's text.
SECTION_NAME = re.compile(
    r"(?:" + COMMENT_WORD + PLURAL + r"(?:list|lists|section|area|wrap|wrapper|container|holder|inner|outer|box"
    r"|block|thread|threads|stream|module|panel|root|app|main|feed|zone|frame|region)?"
    r"|" + COMMENT_WORD + r"(?:s|e)(?:content|contents|body)|disqus|disqusthread|discussion|diskussion)\d*$")
# Elements naming the whole comment section or its form.
SECTION_TOKEN = re.compile(
    r"(?:comment|kommentar|komentar|comentario|reactie|disqus|discussion|diskussion|respond|reactions|replies)")


def normalised(token: str) -> str:
    """A class token or id as compared here: lower case, without "-" and "_"."""
    return token.lower().replace("-", "").replace("_", "")


def tokens_of(element: lxml.html.HtmlElement) -> list[str]:
    """The element's class tokens, normalised."""
    return [normalised(token) for token in (element.get("class") or "").split()]


def names_of(element: lxml.html.HtmlElement) -> list[str]:
    """Class tokens and the id, normalised: what the page calls the element."""
    names = tokens_of(element)
    element_id = element.get("id")
    if element_id:
        names.append(normalised(element_id))
    return names


ROLE_PATTERNS = (("author", AUTHOR_TOKEN), ("date", DATE_TOKEN), ("text", TEXT_TOKEN),
                 ("comment-text", COMMENT_TEXT_TOKEN), ("likes", LIKES_TOKEN), ("noise", NOISE_TOKEN))


def has_role(element: lxml.html.HtmlElement, role: str) -> bool:
    """Whether the element's class names it as this part of a comment ("author", "date", "text",
    "comment-text", "likes", "noise")."""
    classes = element.get("class")
    return bool(classes) and role in roles_of_classes(classes)


@lru_cache(maxsize=4096)
def roles_of_classes(classes: str) -> frozenset[str]:
    """The parts a class attribute names; cached, as a page repeats it for every comment."""
    tokens = [normalised(token) for token in classes.split()]
    return frozenset(role for role, pattern in ROLE_PATTERNS if any_match(pattern, tokens))


def any_match(pattern: re.Pattern, names: list[str]) -> bool:
    return any(pattern.search(name) for name in names)


# The title of a comment section, as the whole text of a heading: "Comments", "3 Responses",
# "Kommentare (2)", "One thought on “Title”", "5 Antworten zu „Title“", "Reacties", "Komentarze".
# The post's title may follow after a count ("2 Responses to Title") or in quotes, not otherwise:
# "Reactions to the vote" is a heading of the article.
_TITLE_COUNT = r"(?:\d+|one|ein|eine|un|une|uno|una|één|een)\s+"
_TITLE_WORDS = (
    r"(?:reader\s+|leser-?)?"
    r"(?:comments?|kommentare?|komentarze?|komentarzy|commentaires?|comentarios?|comentários?|commenti"
    r"|reacties|reactions?|réactions?|reaktionen|responses?|respuestas?|risposte|replies|antworten|odpowiedzi"
    r"|thoughts?|meinungen|discussion|diskussion|leserbriefe|leserstimmen|kommentarer|kommentit)"
    r"(?:\s*[(\[]\s*\d+\s*[)\]])?")
_TITLE_ABOUT = r"\s+(?:on|to|for|zu|zum|zur|sur|à|a|en|su|op|bij|do|para|auf)\s+"
SECTION_TITLE = re.compile(
    r"^(?:" + _TITLE_COUNT + _TITLE_WORDS + r"(?:" + _TITLE_ABOUT + r"\S.{0,100})?"
    r"|" + _TITLE_WORDS + r"(?:" + _TITLE_ABOUT + r"[“„\"«‘‚'].{0,100})?)\s*:?$", re.I)
MAX_TITLE_TEXT = 120


def is_section_title(text: str) -> bool:
    """Whether `text` is the whole title of a comment section."""
    text = " ".join(text.split())
    return len(text) <= MAX_TITLE_TEXT and bool(SECTION_TITLE.match(text))
