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

COMMENT_WORD = r"(?:comment|kommentar|commentaire|comentario|commento)"

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
    COMMENT_WORD + r"s?(?:body|content|contents|text|meta|metadata|author|avatar|date|time|reply|replies"
    r"|respond|footer|header|form|list|count|title|vcard|actions?|votes?|likes?|rating|links?|button|btn"
    r"|icon|copy|message|info|area|section|wrap|wrapper|container|holder|inner|box|block|details|data"
    r"|head|stats|tools|options|nav|navigation|pagination|threads?|children|right|left|story|article"
    r"|inhalt|avatarwrapper)$")

# Parts of one comment, by the ending of a normalised token.
AUTHOR_TOKEN = re.compile(
    r"(?:^fn|author|authorname|username|user|^name|nick|nickname|benutzer|benutzername|autor|verfasser"
    r"|commenter|poster|authorlink|authorinfo)$")
DATE_TOKEN = re.compile(r"(?:date|time|datum|zeit|published|timestamp|posted|metadata|meta|dateline|when)$")
TEXT_TOKEN = re.compile(r"(?:content|text|body|message|copy|entry|story|inhalt|description|commentbody)$")
COMMENT_TEXT_TOKEN = re.compile(COMMENT_WORD + r"s?(?:content|text|body|message|copy|story|inhalt)$")
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
    "weiterlesen", "mehr lesen",
})
SAYS = re.compile(r"\s*(?:says|said|sagt|schreibt|meint|schrieb|dice|dijo|dit|a dit|a écrit|disse|zegt|zei|wrote)"
                  r"\s*:?\s*$", re.I)

# Elements naming the whole comment section or its form.
SECTION_TOKEN = re.compile(
    r"(?:comment|kommentar|commentaire|comentario|disqus|discussion|diskussion|respond|reactions|replies)")


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
