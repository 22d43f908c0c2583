"""The headline alone, without the " - Site Name" or " | Section | Site" a `<title>` carries.

Steps:
1. gather the declared titles: JSON-LD headline, og:title, twitter:title, `<title>`;
2. cut from each the parts that name the site: split at the usual separators (" | ", " - ", " – ",
   " :: ", " » "...) and drop end parts that match the site name, the og:site_name, the JSON-LD
   publisher, the domain, or look like a domain; when nothing names the site, a bar or bullet
   still parts the headline from section and brand, and the longest part is kept. A declared
   title that is only the site's name (as blogs set og:title) is dropped;
3. the visible headline: an `<h1>` whose text (or one line of it) agrees with a declared title
   or one of its parts: what the reader sees and what the metadata says;
4. an `<h1>` sharing most of its words with a declared title (SEO titles reword the headline;
   a screen-reader "Navigation" h1 shares none), or long enough to be a headline in any case,
   or any `<h1>` when nothing is declared;
5. an h2-h4 that agrees with a declared title (themes that give the h1 to the site's logo);
6. the first declared title left after the cut; last, the first heading that is not the site.
A kicker or subtitle marked inside the heading ("dachzeile", "overline", <small>) is left out, and
so is an unmarked first line that a declared title leaves out; so are decorations before or after
the words ("[> Jens Weber"). An h1 hidden for screen readers is no visible headline.
The heading element found anchors the byline search for authors and dates.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

import lxml.html
from lxml import etree

from .bylines import element_text, marked_as_chrome, text_pieces
from .jsonld import string_of
from .metatags import MetaTags

# " | ", " - ", " – ", " — ", " :: ", " » ", " · ", " • ", " // ", " ~ "; a separator has spaces
# around it, so hyphenated words and "U.S.-China" stay whole.
TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—~•·»«/:]{1,2}|-{1,2}|::)\s+")
DOMAIN_LIKE = re.compile(r"(?:www\.)?[\w-]+\.(?:[a-z]{2,6})", re.IGNORECASE)
NOT_LETTERS = re.compile(r"[\W_]+")
STRONG_SEPARATOR = re.compile(r"\s+(?:[|•·»«│]|::)\s+")
KICKER_MARKS = re.compile(
    r"kicker|dachzeile|overline|topline|roofline|eyebrow|subtitle|subline|supertitle|spitzmarke|"
    r"invisible|sr-only|visually-?hidden|screen-reader|colon|fake-h\d",
)  # matched against lower-cased marks
HIDDEN_MARKS = re.compile(r"invisible|sr-only|visually-?hidden|screen-reader")
HEADINGS = etree.XPath("//h1 | //h2 | //h3 | //h4")
# Leading and trailing runs of decoration symbols standing apart from the words.
DECORATION = re.compile(r"^(?:[\[\]<>|:~•·*#/\\=+-]+\s+)+|(?:\s+[\[\]<>|:~•·*#/\\=+-]+)+$")
MIN_AGREEING_CHARS = 5
MIN_PREFIX_CHARS = 20
MIN_OVERLAP = 0.5
# An h1 this long is a headline whatever the declared titles say; shorter ones may be a section's
# or a screen reader's label ("Fachmeldungen", "Navigation mit Access Keys").
MIN_HEADLINE_WORDS = 5
WORD = re.compile(r"\w+")
MAX_TITLE_CHARS = 400
# A domain label shorter than this ("bz", "ft") matches too much text by accident.
MIN_SITE_KEY_CHARS = 4
MAX_SITE_PART_WORDS = 6


@dataclass(frozen=True)
class Headline:
    title: str | None
    element: lxml.html.HtmlElement | None  # the visible headline, where the byline is sought


def choose_title(root: lxml.html.HtmlElement, meta: MetaTags, article: dict, site_keys: set[str]) -> Headline:
    """`site_keys` come from `site_keys_of`: the site's names and domain, in comparable form."""
    declared = [string_of(article.get("headline")), meta.first("og:title"), meta.first("twitter:title"),
                _title_tag(root)]
    declared = [" ".join(html.unescape(t).split()) for t in declared if t and t.strip()]
    # a declared title that is only the site's name (blogs set og:title so) says nothing
    cut = [t for t in (strip_site_name(title, site_keys) for title in declared) if not names_site(t, site_keys)]
    headings = [h for h in HEADINGS(root) if not marked_as_chrome(h)]
    # an h1 hidden for screen readers copies the title; the reader's headline is elsewhere
    h1s = [h for h in headings if h.tag == "h1" and _plausible_heading(h, site_keys) and not _hidden(h)]
    wanted = _wanted_keys(declared, cut, site_keys)
    for h1 in h1s:
        agreed = _agreeing_text(h1, wanted, site_keys)
        if agreed:
            return Headline(agreed, h1)
    declared_words = [_words(title) for title in cut]
    for h1 in h1s:
        # an SEO title and the visible headline often differ in wording: the headline wins when it
        # shares most of its words with a declared title; a lone "Navigation" h1 shares none
        text = heading_text(h1)
        if (not declared_words or len(text.split()) >= MIN_HEADLINE_WORDS
                or max(_overlap(_words(text), words) for words in declared_words) >= MIN_OVERLAP):
            return Headline(text, h1)
    for heading in headings:
        agreed = _agreeing_text(heading, wanted, site_keys) if heading.tag != "h1" else None
        if agreed:
            return Headline(agreed, heading)
    if cut:
        return Headline(cut[0], h1s[0] if h1s else None)
    heading = _first_heading(headings, site_keys)
    return Headline(heading_text(heading) if heading is not None else None, heading)


def strip_site_name(title: str, site_keys: set[str], longest_part: bool = True) -> str:
    parts = TITLE_SEPARATOR.split(title)
    while len(parts) > 1 and names_site(parts[-1], site_keys):
        parts.pop()
    while len(parts) > 1 and names_site(parts[0], site_keys):
        parts.pop(0)
    if len(parts) == len(TITLE_SEPARATOR.split(title)):
        # nothing named the site; a bar or bullet still parts the headline from the site or
        # section names ("Headline | Section | Brand"): the longest part is the headline
        strong = STRONG_SEPARATOR.split(title) if longest_part else []
        return max(strong, key=len).strip() if len(strong) > 1 else title
    # rejoin what is left with the separators the title used
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def heading_text(heading: lxml.html.HtmlElement) -> str:
    """The heading's text without the kicker above it or the subtitle below it when they are
    marked as such ("dachzeile", "overline", <small>), nor hidden separators; all of it when
    nothing else would be left."""
    text = " ".join(text_pieces(heading, skip=_is_kicker)) or element_text(heading)
    # a decoration before or after the words ("[> Jens Weber", "Headline :") is no part of it
    return DECORATION.sub("", text) or text


def _is_kicker(element: lxml.html.HtmlElement) -> bool:
    marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return element.tag == "small" or (bool(marks.strip()) and KICKER_MARKS.search(marks) is not None)


def _wanted_keys(declared: list[str], cut: list[str], site_keys: set[str]) -> set[str]:
    wanted = {_key(t) for t in cut}
    for title in declared:
        wanted.update(_key(part) for part in TITLE_SEPARATOR.split(title) if not names_site(part, site_keys))
    return {key for key in wanted if len(key) >= MIN_AGREEING_CHARS}


def _agreeing_text(heading: lxml.html.HtmlElement, wanted: set[str], site_keys: set[str]) -> str | None:
    """The heading's text (without a marked kicker), or the one line of it (an unmarked kicker
    "Tunesien" above the headline, a subtitle below), when a declared title names it."""
    pieces = text_pieces(heading)
    full = strip_site_name(" ".join(pieces), site_keys, longest_part=False)
    if not 0 < len(full) <= MAX_TITLE_CHARS:
        return None
    text = strip_site_name(heading_text(heading), site_keys, longest_part=False)
    if _key(text) in wanted or _key(full) in wanted:
        # a declared title that names the heading without its first line ("Patch Notes" above
        # "Patchnotes 4.47.4 - Bugfix Build") shows that line to be an unmarked kicker
        rest = DECORATION.sub("", " ".join(pieces[1:]))
        return rest if len(pieces) > 1 and _key(rest) in wanted else text
    for piece in pieces if len(pieces) > 1 else ():
        if _key(piece) in wanted:
            return piece
    # "Headline" vs the declared "Headline: the subtitle - Site", and the reverse
    for key in {_key(text), _key(full)}:
        if len(key) >= MIN_PREFIX_CHARS and any(k.startswith(key) or key.startswith(k)
                                                for k in wanted if len(k) >= MIN_PREFIX_CHARS):
            return text
    return None


def _hidden(heading: lxml.html.HtmlElement) -> bool:
    marks = f"{heading.get('class') or ''} {heading.get('id') or ''}".lower()
    return HIDDEN_MARKS.search(marks) is not None


def _words(text: str) -> set[str]:
    return set(WORD.findall(text.casefold()))


def _overlap(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(words) if words else 0.0


def _plausible_heading(heading: lxml.html.HtmlElement, site_keys: set[str]) -> bool:
    text = element_text(heading)
    return 0 < len(text) <= MAX_TITLE_CHARS and not names_site(text, site_keys)


def _first_heading(headings: list[lxml.html.HtmlElement], site_keys: set[str]) -> lxml.html.HtmlElement | None:
    """The first h1 that is not the site's logo; else the first such h2 (blog themes)."""
    for level in ("h1", "h2"):
        for heading in headings:
            if heading.tag == level:
                text = element_text(heading)
                if text and len(text) <= MAX_TITLE_CHARS and not names_site(text, site_keys):
                    return heading
    return None


def names_site(part: str, site_keys: set[str]) -> bool:
    key = _key(part)
    if not key:
        return True
    if key in site_keys or DOMAIN_LIKE.fullmatch(part.strip()):
        return True
    if len(part.split()) > MAX_SITE_PART_WORDS:
        return False
    return any(len(site) >= MIN_SITE_KEY_CHARS and (site in key or key in site) for site in site_keys)


def site_keys_of(site_names: list[str], domain: str | None) -> set[str]:
    keys = {_key(name) for name in site_names}
    if domain:
        labels = domain.split(".")
        # "www.spiegel.de" -> "spiegel"; "news.bbc.co.uk" -> "bbc", "news"
        keys.update(_key(label) for label in labels[:-1] if label not in {"www", "co", "com", "org", "net"})
        keys.add(_key(domain))
    keys.discard("")
    return keys


def _key(text: str) -> str:
    """Casefolded letters and digits only: "The Maine Wire" == "the-maine-wire"."""
    return NOT_LETTERS.sub("", unicodedata.normalize("NFKC", text).casefold())


def _title_tag(root: lxml.html.HtmlElement) -> str | None:
    for title in root.iter("title"):
        if title.getparent() is not None and title.getparent().tag == "svg":
            continue
        return title.text_content()
    return None
