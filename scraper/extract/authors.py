"""The article's authors: clean person names, one per author.

Evidence, in order of trust (the first source that names someone wins):
1. JSON-LD: the people the article's (or web page's) `author` names (a reference {"@id": ...} is
   looked up among the page's other objects);
2. meta tags: author, article:author (unless a profile URL), parsely-author, sailthru.author,
   Dublin Core creator, citation_author, and the "Written by" label/data pairs of SEO plugins;
   a declared name (1, 2) counts only when the page shows it to the reader: one it never shows
   is the CMS account that filed the page (an editor, a "fhaacker"), not the byline;
3. the byline markup nearest the headline and outside chrome (see `bylines`): itemprop="author",
   rel="author" and /author/ links, elements whose class or id says author, and "By X" in
   elements whose class says byline;
4. "By X", "Von X", "Ein Artikel von X" in unmarked text right after the headline;
5. a line of its own that starts with a cue anywhere in the headline's region ("Gespeichert von
   X am ...", "06.11.2023 13:30 von X", "<span>Author:</span> <span>X</span>"), as themes
   print under the article's end;
6. byline markup anywhere else on the page (another column of the layout), but not in teasers,
   listings, the page's header or footer, which sign other pages;
7. only then an organisation the JSON-LD names as author, and shows.
A name that is the site's own is dropped from the metadata (a CMS default) and, beside a person,
from the byline (the publisher); a page that signs with the site's name alone keeps it. A news
agency or newsroom credit ("dpa", "red.") beside a person is dropped too.

Every raw string is cleaned the same way (`names_in`): e-mails, URLs, handles and dates dropped,
"By"/"Von"/"Par"/"Posted by" prefixes removed, split at "and", "&", "und", "et", commas, slashes
and bars, and role words ("Staff Writer", "Correspondent") and page words ("Share", "3 Mins Read")
dropped; a string that names an institution ("Landesanstalt für Wald und Forstwirtschaft")
gives no name at all. After a cue, linked names run on only while "and" or a comma joins them
("By", "A", "and", "B", "Kakuma" names two).
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import lxml.html
from lxml import etree

from . import bylines
from .jsonld import as_list, types_of
from .metatags import MetaTags
from .months import month_number
from .schemaorg import is_article
from .titles import DOMAIN_LIKE

AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
               "dcterms.creator", "dc:creator", "citation_author", "byl", "og:article:author",
               "shareaholic:article_author_name", "cxenseparse:author")
# SEO plugins put the author in Twitter's label/data pairs: label1 "Written by", data1 the name.
TWITTER_AUTHOR_LABELS = {"written by", "verfasst von", "geschrieben von", "écrit par", "escrito por", "autor", "author"}
# News agencies and newsroom credits ("red." for Redaktion): sources, not authors, beside a person.
NEWSROOM_CREDITS = {"dpa", "afp", "ap", "apa", "reuters", "sid", "kna", "epd", "efe", "ansa", "ats", "sda", "upi",
                 "dapd", "ddp", "anp", "belga", "tass", "xinhua", "sp-x", "red", "redaktion"}
ARTICLE_OG_TYPES = {"article", "news", "blog", "newsarticle", "blogposting"}
ORGANISATION_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "WebSite", "Brand"}

CUE_WORDS = (
    r"(?:(?:posted|written|published|posts|text|story|words|reported|photos?|fotos?|submitted)\s+by|"
    r"(?:geschrieben|verfasst|erstellt|gespeichert|eingestellt)\s+von|"
    r"(?:ein\s+)?(?:artikel|beitrag|bericht|kommentar|interview)\s+von|"
    r"(?:escrito|publicado)\s+por|écrit\s+par|scritto\s+da|"
    r"by|von|vom|par|por|di|da|door|av|af|od|от|text|autor(?:in)?|author|auteur|redakteur(?:in)?|verfasser(?:in)?)"
)
BYLINE_CUE = re.compile(r"^" + CUE_WORDS + r"\s*:?\s+(?=\S)", re.IGNORECASE)  # "By Jane Doe"
CUE_ALONE = re.compile(r"^" + CUE_WORDS + r"\s*:?$", re.IGNORECASE)  # "By" and the name in a link after it
NAME_SEPARATORS = re.compile(
    r"\s*(?:[,;|/•·]|\s-\s|\s–\s|\s—\s|\band\b|&|\bund\b|\bet\b|\s[yeiи]\s|\bu\.\s|\bsowie\b|\bwith\b)\s*",
    re.IGNORECASE,
)
NAMES_END = re.compile(r"\s(?:in|im|dans|en|on|at|um|am|le|il|el|published|updated|veröffentlicht)(?:\s|$)|"
                       r"(?:^|\s)(?:kategorien?|categories|category|tags|schlagwörter|rubrik|filed under)\b",
                       re.IGNORECASE)
CONVERSATION = re.compile(r"\s(?:im\s+gespräch\s+mit|in\s+conversation\s+with|en\s+conversation\s+avec)\s",
                          re.IGNORECASE)
EMAIL_OR_URL = re.compile(r"\S+@\S+|\S+\s?[\[(]at[\])]\s?\S+|https?://\S+|www\.\S+|@\w+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")  # "sarah-indra": a URL slug, not how a page signs
DIGITS = re.compile(r"\d")
# Words that are no part of a name: roles, page furniture, weekdays, company forms, placeholders.
ROLES = {
    "staff", "writer", "writers", "reporter", "reporters", "correspondent", "editor", "editors", "editorial",
    "contributor", "contributing", "columnist", "senior", "chief", "associate", "managing", "freelance",
    "photographer", "photo", "photos", "video", "producer", "journalist", "redakteur", "redakteurin",
    "korrespondent", "korrespondentin", "autor", "autorin", "author", "authors", "auteur", "gastbeitrag",
    "guest", "team", "admin", "administrator", "ceo", "founder", "president", "director", "publisher",
    "mitglied", "member", "interview",
}
PAGE_WORDS = {
    "updated", "published", "posted", "comments", "comment", "read", "mins", "min", "minute", "minutes",
    "lesezeit", "share", "follow", "more", "about", "the", "profile", "view", "all", "posts", "articles",
    "articulos", "artikel", "twitter", "facebook", "email", "e-mail", "mail", "bio", "biography", "news",
    "home", "by", "am", "on", "le", "el", "il", "den", "publiziert", "veröffentlicht", "erstellt",
    "geschrieben", "publié", "publicado", "pubblicato", "vorlesen", "anhören", "drucken", "teilen",
    "listen", "print", "copyright", "©",
}
WEEKDAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche",
}
COMPANY_FORMS = {"gmbh", "kg", "ag", "ltd", "inc", "llc", "e.v."}
PLACEHOLDERS = {"unknown", "anonymous", "anonym", "anónimo", "anonyme"}
NOT_NAME_WORDS = ROLES | PAGE_WORDS | WEEKDAYS | COMPANY_FORMS | PLACEHOLDERS
MAX_NAME_WORDS = 5
LEADING_MARKS = "|•·-–—:, "
PIECES_AFTER_HEADLINE = 12
# lower-case words a multi-word name may hold: "Ludwig van Beethoven", "Jose de la Cruz"
NAME_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "la", "le", "du", "da", "di", "dos", "das",
                  "zu", "ten", "ter", "bin", "ibn", "al", "el", "y", "e", "st."}
MAX_NAME_CHARS = 60
# Text nodes short enough to be a byline line, selected in C (the region's paragraphs are not).
SIGNED_TEXTS = etree.XPath(
    ".//text()[string-length(normalize-space()) > 1 and string-length(normalize-space()) <= $longest]"
    "[not(parent::script or parent::style)]"
)
MAX_SIGNED_LINE_CHARS = 80
LEADING_DATE_CHARS = 20  # "06.11.2023 13:30 " before "von Olga"
# Containers outside the headline's region whose names belong to other pages.
LISTING_TAGS = {"a", "header", "footer"}
LISTING_MARKS = re.compile(r"teaser|listing|liste|card|header|footer")
INLINE_TAGS = {"a", "span", "em", "i", "b", "strong", "code", "small", "font", "u", "abbr", "cite"}
PROSE_TAGS = {"p", "li", "td", "dd", "blockquote", "pre"}
LEADING_DATE = re.compile(r"^[\d.:/,|\s-]*(?:uhr\s*)?", re.IGNORECASE)
MIN_NAME_CHARS = 3  # "No": a stray word, not a signature; but initials in capitals ("LD") sign
MIN_INSTITUTION_WORDS = 3


def find_authors(meta: MetaTags, article: dict[str, Any], json_ld: list[dict[str, Any]],
                 search: bylines.BylineSearch, site_names: Callable[[str], bool]) -> tuple[str, ...]:
    """`site_names(name)` tells a name that is the site's own ("kath.net", "Die FURCHE")."""
    people, organisations = examine_json_ld(article, json_ld)
    article_page = is_article(article) or (meta.first("og:type") or "").lower() in ARTICLE_OG_TYPES
    for declared, evidence in ((True, lambda: people), (True, lambda: examine_meta_tags(meta, article_page)),
                               (False, lambda: examine_byline_markup(search)),
                               (False, lambda: examine_headline_surroundings(search)),
                               (False, lambda: examine_signed_lines(search)),
                               (False, lambda: examine_byline_markup(search, bylines.WHOLE_PAGE))):
        found = [name for name in evidence() if not DOMAIN_LIKE.fullmatch(name)]
        if declared:
            # a declared name the page never shows is the CMS account that filed the page, not
            # the byline a reader is given
            found = [name for name in found if search.shows(name)]
        named = [name for name in found if not site_names(name)]
        # a site named in the metadata is the CMS's default, not an author; named in the visible
        # byline beside a person it is the publisher ("Adam Aaronson, PhillyVoice"); named
        # there alone, it is how the page signs ("Frau Sabienes" on frau-sabienes.de)
        names = named if declared or named else found
        if names:
            # an agency or "red." beside a person credits the newsroom, not an author
            people_named = [name for name in names if name.lower() not in NEWSROOM_CREDITS]
            return tuple(people_named or names)
    # an organisation only when no person is named anywhere
    return tuple(name for name in organisations if not site_names(name) and search.shows(name))


def examine_json_ld(article: dict[str, Any], json_ld: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The people and the organisations the article's `author` (and `creator`) name; an author
    given as a reference ({"@id": ".../#author"}, as Yoast writes it) is looked up among the
    page's other JSON-LD objects."""
    if not article:
        return [], []
    by_id = {obj["@id"]: obj for obj in json_ld if isinstance(obj.get("@id"), str) and "name" in obj}
    people: list[str] = []
    organisations: list[str] = []
    for value in as_list(article.get("author")) + as_list(article.get("creator")):
        if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        if isinstance(value, dict):
            name = value.get("name")
            if isinstance(name, list):
                name = ", ".join(n for n in name if isinstance(n, str))
            if not isinstance(name, str):
                continue
            (organisations if types_of(value) & ORGANISATION_TYPES else people).extend(names_in(name))
        elif isinstance(value, str) and not value.startswith(("http://", "https://", "/")):
            people.extend(names_in(value))
    return unique_ignoring_case(people), unique_ignoring_case(organisations)


def examine_meta_tags(meta: MetaTags, article_page: bool = True) -> list[str]:
    """The names in the author meta tags; a plain <meta name="author"> only on a page that says it
    is an article (og:type, JSON-LD): on other pages it names the webmaster or the site's maker."""
    for number in "12":
        if (meta.first(f"twitter:label{number}") or "").strip(" :").lower() in TWITTER_AUTHOR_LABELS:
            names = names_in(meta.first(f"twitter:data{number}") or "")
            if names:
                return names
    for key in AUTHOR_META if article_page else AUTHOR_META[1:]:
        values = [v for v in meta.all(key) if not v.startswith(("http://", "https://", "/", "www."))]
        names = unique_ignoring_case(name for value in values for name in names_in(value))
        if names:
            return names
    return []


def examine_byline_markup(search: bylines.BylineSearch, reach: str = bylines.REGION) -> list[str]:
    """Names from the first byline element near the headline, and from its siblings (several
    authors are often several links or spans side by side)."""
    found: list[str] = []
    first_parent = None
    for element in search.author_elements(reach):
        if not bylines.short_text(element) or (reach == bylines.WHOLE_PAGE and _in_listing(element, search)):
            continue
        names = _names_in_element(element)
        if not names:
            continue
        if first_parent is None:
            first_parent = element.getparent()
        elif not _near(element, first_parent):
            break
        found.extend(names)
    return unique_ignoring_case(found)


def examine_headline_surroundings(search: bylines.BylineSearch) -> list[str]:
    """"By X" / "Posted by X" / "Von X" in unmarked text just after the headline."""
    for pieces, at in search.headline_neighbourhood():
        names = _names_after_cue(pieces[at + 1:at + 1 + PIECES_AFTER_HEADLINE])
        if names:
            return names
    return []


def examine_signed_lines(search: bylines.BylineSearch) -> list[str]:
    """A line of its own that starts with a cue ("Gespeichert von X am ...", "06.11.2023 von X")
    anywhere in the headline's region outside chrome: the byline some themes put under the
    article's end. A cue inside running prose ("... ein Projekt von G-Data.") signs nothing."""
    if search.region is None:
        return []
    for node in SIGNED_TEXTS(search.region, longest=MAX_SIGNED_LINE_CHARS + LEADING_DATE_CHARS):
        raw = " ".join(node.split()).lstrip(LEADING_MARKS)
        text = LEADING_DATE.sub("", raw)
        if len(text) > MAX_SIGNED_LINE_CHARS or not (BYLINE_CUE.match(text) or CUE_ALONE.match(text)):
            continue
        element = node.getparent()
        container = element.getparent() if node.is_tail else element
        # the line is the block around an inline element ("Software <a>von G-Data.</a>"), unless
        # a date leads the cue inside it ("<span>06.11.2023 13:30 von Olga</span>")
        while container is not None and container.tag in INLINE_TAGS and text == raw:
            container = container.getparent()
        if container is None or _in_prose(container) or search.in_chrome(container):
            continue
        pieces = bylines.text_pieces(container)
        if len(pieces) == 1 and CUE_ALONE.match(text) and container.getparent() is not None:
            # "<span>Author:</span> <span>Jane Doe</span>": the name is in the next element
            container = container.getparent()
            pieces = bylines.text_pieces(container)
        at = next((i for i, piece in enumerate(pieces) if text in piece), None)
        # the line starts with the cue (after a date at most): "CC by X" ends a caption
        if at is None or any(LEADING_DATE.sub("", piece) for piece in pieces[:at]):
            continue
        names = _names_after_cue([text] + pieces[at + 1:])
        if names:
            return names
    return []


def _in_listing(element: lxml.html.HtmlElement, search: bylines.BylineSearch) -> bool:
    """Whether an element outside the headline's region sits in a teaser of another article, a
    listing, or the page's header or footer: their names sign other pages."""
    for node in element.iterancestors():
        if node in search.containers:
            return False
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if node.tag in LISTING_TAGS or LISTING_MARKS.search(marks):
            return True
    return False


def _in_prose(element: lxml.html.HtmlElement) -> bool:
    """Whether the element sits in a paragraph or list item longer than a byline line."""
    for node in (element, *element.iterancestors()):
        if node.tag in PROSE_TAGS:
            return len(" ".join(node.text_content().split())) > MAX_SIGNED_LINE_CHARS
        if node.tag in ("div", "section", "article", "body"):
            return False
    return False


def names_in(text: str) -> list[str]:
    """Clean person names in a raw author string: "By Jane Doe and John Roe, Staff Writers"."""
    text = EMAIL_OR_URL.sub(" ", text)
    text = DIGITS.split(text, 1)[0]  # a date or a count ends the names: "Jane Doe 12.03.2024"
    text = CONVERSATION.sub(" and ", text)  # "Richard David Precht im Gespräch mit Karin Fischer"
    text = NAMES_END.split(text, 1)[0]  # "Posted by Sam Keller in Walks", "By Jane Doe on March 3"
    text = BYLINE_CUE.sub("", text.strip(" :|-–—"))
    parts = NAME_SEPARATORS.split(text)
    if any(_names_institution(part) for part in parts):
        return []  # "Bayerische Landesanstalt für Wald und Forstwirtschaft - LWF": no person
    names = []
    for part in parts:
        name = _clean_name(part)
        if name:
            names.append(name)
    return names


def _names_in_element(element: lxml.html.HtmlElement) -> list[str]:
    if element.get("content") and "author" in (element.get("itemprop") or ""):
        return names_in(element.get("content"))
    name_child = element.find(".//*[@itemprop='name']")
    if name_child is not None and "author" in (element.get("itemprop") or ""):
        return names_in(bylines.element_text(name_child))
    marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    pieces = bylines.text_pieces(element)
    if "byline" in marks or len(pieces) > 1:
        # a byline line holds more than names ("News", "3 Mins Read"): trust only "By X" pieces
        return _names_after_cue(pieces)
    return names_in(" ".join(pieces))


def _names_after_cue(pieces: list[str]) -> list[str]:
    for index, piece in enumerate(pieces):
        piece = piece.lstrip(LEADING_MARKS)  # "| By" from a screen-reader span
        if BYLINE_CUE.match(piece):
            return names_in(piece)
        if not CUE_ALONE.match(piece):
            continue
        # "By" and the linked names are separate text nodes: "By", "A", "and", "B"
        names: list[str] = []
        joined = True  # whether a separator ("and", ",") stands before the next piece
        for follower in pieces[index + 1:]:
            if names and NAME_SEPARATORS.fullmatch(" " + follower + " "):
                joined = True
                continue
            if DIGITS.search(follower) or follower[:1] in LEADING_MARKS or not joined:
                break  # the date, the read time, a piece not joined by "and": the names are over
            joined = False
            found = names_in(follower)
            if not found:
                break
            names.extend(found)
        return names
    return []


def _clean_name(part: str) -> str | None:
    """One name from one part of an author string, or None for what is no name."""
    words = [_strip_punctuation(w) for w in part.split()]
    words = [w for w in words if w]
    # role words around a name go ("Jane Doe Staff Writer"); inside one, they make it no name
    while words and words[-1].lower() in NOT_NAME_WORDS:
        words.pop()
    while words and words[0].lower() in NOT_NAME_WORDS:
        words.pop(0)
    if not words or len(words) > MAX_NAME_WORDS or any(w.lower() in NOT_NAME_WORDS for w in words):
        return None
    if len(words) == 1 and (month_number(words[0]) or words[0].endswith(".")):
        return None  # "February" from a date, "Co." from "GmbH & Co. KG"
    if all(w.lower() in NAME_PARTICLES or CUE_ALONE.match(w) for w in words):
        return None  # "von" left of a cue
    if len(words) > 1 and any(w[0].islower() and w.lower() not in NAME_PARTICLES for w in words):
        return None  # a phrase, not a name ("posted in news"); a lone user name may be lower case
    name = " ".join(words)
    if SLUG.fullmatch(name) or len(name) > MAX_NAME_CHARS or not any(ch.isalpha() for ch in name):
        return None
    if len(name) < MIN_NAME_CHARS and not name.isupper():
        return None
    return name


def _names_institution(part: str) -> bool:
    """A capitalised phrase of several words joined by a lower-case word ("Landesanstalt für
    Wald", "Ministry of Health"): the name of an institution, not of a person."""
    words = part.split()
    return (len(words) >= MIN_INSTITUTION_WORDS and words[0][:1].isupper() and words[-1][:1].isupper()
            and any(w.islower() and w not in NAME_PARTICLES for w in words[1:-1]))


def _strip_punctuation(word: str) -> str:
    # an initial keeps its dot: "Boris T. Kaiser", "J.R. Stone"
    if word.endswith(".") and len(word) <= 3:
        return word.strip(",:;()[]\"'«»„“”")
    return word.strip(".,:;!?()[]\"'«»„“”")


def _near(element: lxml.html.HtmlElement, parent: lxml.html.HtmlElement | None) -> bool:
    """Whether the element sits beside the first byline element: same parent, or one level off."""
    node = element.getparent()
    if node is parent:
        return True
    return (node is not None and node.getparent() is parent) or (parent is not None and parent.getparent() is node)


def unique_ignoring_case(names: Iterable[str]) -> list[str]:
    """The names in order, each once: "ANNA SMITH" after "Anna Smith" is left out."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out
