"""The article's containers read in document order, one paragraph per block of text.

The walk (lxml's iterwalk: no recursion, so a page nested 10,000 deep is fine) joins inline
elements into the paragraph around them and starts a new one at every block or <br>. On the way
it leaves out what sits inside the article but is not its text:
- figures and captions (the figure is kept as an image, its caption as the image's);
- boxes mostly made of links (menus, share bars), teaser cards of other stories and shop cards
  of products (`cards`), the author's box (`bios`);
- the headline <h1> (the record's title) and, in the article's <header>, all but the standfirst
  (a <section>'s header holds the section's heading: text);
- paragraphs mostly made of a link ("Read more: ...") and boilerplate lines (`boilerplate`);
- everything after a heading that opens the related posts or the comments, and a run of dated
  entries after the article's text (`threads`);
- the kicker above the headline ("City"), a section's label opening the text.
The page's characters are kept; only runs of HTML whitespace collapse to one space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from ..record import Image
from .blocks import BLOCK_TAGS, HEADING_TAGS, MAX_PROSE_LINK_DENSITY, Measure, is_link
from .boilerplate import (MAX_LABEL_WORDS, MAX_TITLE_LENGTH, is_boilerplate_line, is_comments_title,
                          is_date_line, is_link_promo, is_subscribe_prompt)
from .bios import MAX_BIO_TEXT, author_names, is_author_box
from .cards import MAX_SHOP_CARD_TEXT, find_teasers, host_of, is_shop_card
from .chrome import words_in
from .figures import caption_of, has_image, image_of, is_caption
from .threads import find_dated_entries


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "p"  # "p", "heading", "list", "blockquote", "pre"


KIND_OF_TAG = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "li": "list", "dt": "list", "dd": "list", "blockquote": "blockquote",
    "pre": "pre",
}
HEADLINE_TAG = "h1"
FIGURE_TAGS = frozenset(("figure", "figcaption", "caption"))
LIST_TAGS = frozenset("ul ol dl li".split())
# Inside the article, a box whose text is mostly links is a menu, a link list or a share bar.
BOX_TAGS = frozenset("div section ul ol dl table form center".split())
MAX_BOX_LINK_DENSITY = 0.5
# A box this much made of the JSON-LD copy's text is the article's, link-dense or not.
MIN_COPY_SHARE = 0.5
# In an article's <header>, only the standfirst is body text: a line this long, not the kicker,
# the date line or a "Text size" button.
MIN_HEADER_PARAGRAPH = 60
# Class words whose heading opens the related posts or the comments (their starts:
# "relatedpoststitle" counts).
SECTION_END_WORDS = ("related", "recommend", "comment", "reply", "morestories", "mostread", "popular",
                     "readmore")
# A line of at most MAX_LABEL_WORDS words and this many characters opening the text is a label.
MAX_LABEL_LENGTH = 25
# A line this long that the page's title holds is the headline, not a word the title shares.
MIN_HEADLINE_COPY = 15
MIN_BODY_PARAGRAPH = 80         # the article's own paragraphs are at least this long
MIN_PARAGRAPHS_BEFORE_THREAD = 3  # a run of dated entries after this many of them is a thread
HTML_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


class ParagraphWriter:
    """Walks containers in document order and collects their paragraphs and figures."""

    def __init__(self, measure: Measure, page_url: str | None, headlines: tuple[str, ...] = (),
                 authors: tuple[str, ...] = (), copy_text: dict | None = None):
        self.measure = measure
        self.copy_text = copy_text or {}  # per element, its text that the JSON-LD copy holds
        self.page_url = page_url
        self.headlines = headlines  # the page's titles, case-folded
        self.author_names = author_names(authors)
        self.page_host = host_of(page_url)
        self.teasers = find_teasers(measure)
        self.entries = find_dated_entries(measure)  # the entries of runs of dated boxes (`threads`)
        self.threads: dict = {}  # per run of entries (their parent): whether it is a thread
        self.images: list[Image] = []
        self.found: list[Paragraph] = []
        self.pieces: list[str] = []
        self.link_chars = 0
        self.link_depth = 0
        self.header_depth = 0  # how many open <header>s are the article's (not a section's)
        self.headers: list[bool] = []  # the open <header>s, innermost last: whether each is the article's
        self.tables: list[bool] = []  # the open tables, innermost last: whether each is a data table
        self.ended = False  # a heading opened the related posts or the comments
        self.headline_at: int | None = None  # how many paragraphs came before the headline <h1>

    def write(self, container: lxml.html.HtmlElement) -> None:
        kinds: list[str] = []  # the kind each open block gives its paragraphs ("" for none)
        walker = lxml.etree.iterwalk(container, events=("start", "end"))
        for event, element in walker:
            tag = element.tag
            if not isinstance(tag, str):  # a comment or processing instruction: only its tail shows
                if event == "end" and element.tail:
                    self.add_text(element.tail)
                continue
            if event == "start":
                if tag == "header":  # counted before any skip: its "end" comes either way
                    self.headers.append(not is_section_header(element))
                    self.header_depth += self.headers[-1]
                elif tag == "table":
                    self.tables.append(is_data_table(element))
                if tag in BLOCK_TAGS:
                    self.flush(kinds)
                    if tag in HEADING_TAGS and self.found and opens_chrome_section(element):
                        self.ended = True
                    kinds.append(KIND_OF_TAG.get(tag, ""))
                    if tag == HEADLINE_TAG and self.headline_at is None:
                        self.headline_at = len(self.found)
                    if element is not container and self.leaves_out(element):
                        if tag == "figure" or has_image(element):
                            self.add_figure(element)
                        walker.skip_subtree()
                        continue
                elif is_link(element):
                    self.link_depth += 1
                elif element.get("class") and is_caption(element):
                    walker.skip_subtree()  # an inline caption (<span class="caption">): its tail stays
                    continue
                elif tag == "br":
                    self.flush(kinds)
                elif tag == "img":
                    self.add_image(element, None)
                if element.text:
                    self.add_text(element.text)
            else:
                if tag in BLOCK_TAGS:
                    self.flush(kinds)
                    kinds.pop()
                elif is_link(element):
                    self.link_depth -= 1
                if tag == "header":
                    self.header_depth -= self.headers.pop()
                elif tag == "table":
                    self.tables.pop()
                if element is not container and element.tail:
                    self.add_text(element.tail)
        self.flush(kinds)

    def leaves_out(self, element: lxml.html.HtmlElement) -> bool:
        """Figures and captions, the headline, the lists in an article's header (tools, tags),
        teaser cards, link-dense boxes, shop cards and the author's box; but never a box mostly
        made of the text the page's JSON-LD copy holds (`articlebody`), whatever it looks like."""
        tag = element.tag
        if tag in FIGURE_TAGS or tag == HEADLINE_TAG or is_caption(element):
            return True
        if self.copy_text.get(element, 0) >= MIN_COPY_SHARE * self.measure.text.get(element, 0) > 0:
            return False
        if self.header_depth and tag in LIST_TAGS:
            return True
        if element in self.teasers:
            return True
        if element in self.entries:  # a run of dated entries after the article's text is its readers' thread
            run = element.getparent()  # decided at its first entry, for the whole run
            if run not in self.threads:
                self.threads[run] = self.read_prose()
            if self.threads[run]:
                return True
        if tag not in BOX_TAGS:
            return False
        if self.measure.link_density(element) > MAX_BOX_LINK_DENSITY:
            return True
        length = self.measure.text.get(element, 0)
        if length <= MAX_SHOP_CARD_TEXT and is_shop_card(element, self.measure, self.page_host):
            return True
        return (bool(self.author_names) and 0 < self.measure.text.get(element, 0) <= MAX_BIO_TEXT
                and is_author_box(element.text_content(), self.author_names))

    def read_prose(self) -> bool:
        """The article's text came first: this many paragraphs of its length."""
        return sum(len(p.text) >= MIN_BODY_PARAGRAPH for p in self.found) >= MIN_PARAGRAPHS_BEFORE_THREAD

    def add_text(self, text: str) -> None:
        self.pieces.append(text)
        if self.link_depth:
            self.link_chars += len(text.strip())

    def flush(self, kinds: list[str]) -> None:
        """End the paragraph being read; keep it unless it is a link or boilerplate."""
        if not self.pieces:  # a block that opens right after another ended: nothing was read
            return
        joined = "".join(self.pieces)
        link_chars = self.link_chars
        self.pieces, self.link_chars = [], 0
        if self.ended or not joined or joined.isspace():  # nothing, or spaces (non-breaking ones too)
            return  # most flushes: the line breaks between blocks, left uncollapsed
        text = collapse_whitespace(joined)
        link_share = link_chars / max(1, len(text.replace(" ", "")))
        # a cell of a data table is data, a link or not (a film's title in a list of films)
        in_data_table = bool(self.tables) and self.tables[-1]
        if (link_share > MAX_PROSE_LINK_DENSITY and not in_data_table) or is_link_promo(text, link_share):
            return
        if is_boilerplate_line(text, self.page_url):
            return
        if self.header_depth and len(text) < MIN_HEADER_PARAGRAPH:
            return
        kind = next((k for k in reversed(kinds) if k), "p")
        self.found.append(Paragraph(text, kind))

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The paragraphs up to a comment section's title (a section no markup gave away), without
        the kicker above the headline, the date lines around them, nor what is left dangling at
        the end (`is_left_dangling`)."""
        found = without_kickers(list(self.found), self.headline_at, self.headlines)
        for index, paragraph in enumerate(found):
            if index and is_comments_title(paragraph.text):
                del found[index:]
                break
        found = without_date_lines_at_the_edges(found)
        while found and is_left_dangling(found[-1]):
            found.pop()
        return tuple(found)

    def add_figure(self, figure: lxml.html.HtmlElement) -> None:
        image = next(figure.iter("img"), None)
        if image is not None:
            self.add_image(image, caption_of(figure))

    def add_image(self, element: lxml.html.HtmlElement, caption: str | None) -> None:
        image = image_of(element, self.page_url, caption)
        if image is not None and all(known.url != image.url for known in self.images):
            self.images.append(image)


def is_section_header(header: lxml.html.HtmlElement) -> bool:
    """The header of a <section> of the text (its heading), not the article's own header (the
    headline, the byline, the date)."""
    parent = header.getparent()
    return parent is not None and parent.tag == "section" and next(header.iter("h1"), None) is None


def is_data_table(table: lxml.html.HtmlElement) -> bool:
    """A table with header cells holds data; one without lays out a page (or a menu)."""
    return next(table.iter("th"), None) is not None


def opens_chrome_section(heading: lxml.html.HtmlElement) -> bool:
    """A heading whose class names the related posts or the comments ("related-posts-title")."""
    return any(word.startswith(SECTION_END_WORDS) for word in words_in(heading.get("class") or ""))


def is_left_dangling(paragraph: Paragraph) -> bool:
    """At the end of the text: a short heading whose box was removed (a long one is the text of a
    page written in headings), or the site's call to subscribe."""
    if paragraph.kind == "heading" and len(paragraph.text) <= MAX_TITLE_LENGTH:
        return True
    return is_subscribe_prompt(paragraph.text)


def without_kickers(found: list[Paragraph], headline_at: int | None, headlines: tuple[str, ...]) -> list[Paragraph]:
    """Short lines above the headline are its kicker, the section's label or a breadcrumb
    ("City", "Verkehr"): the article starts under the headline. Text above it that reads as
    prose (a paragraph of the article's length) means the headline is no top of the article.
    A label, the site's call to subscribe or a copy of the page's title (the headline in another
    element than <h1>) that opens the text goes as well."""
    if headline_at and all(len(p.text) < MIN_BODY_PARAGRAPH for p in found[:headline_at]):
        found = found[headline_at:]
    start = 0
    while start < len(found) and (is_label(found[start]) or is_subscribe_prompt(found[start].text)
                                  or repeats_headline(found[start].text, headlines)):
        start += 1
    return found[start:]


def repeats_headline(text: str, headlines: tuple[str, ...]) -> bool:
    """The line is (part of) the page's title: "Erdrutschsieg der VMRO" in "Wahlen - Erdrutschsieg der VMRO"."""
    if len(text) < MIN_HEADLINE_COPY:
        return False
    text = text.casefold()
    return any(text in headline for headline in headlines)


def is_label(paragraph: Paragraph) -> bool:
    """A line of a word or two that is neither a heading nor a sentence nor its start ("Dear
    friends,"): a section's label."""
    text = paragraph.text
    return (paragraph.kind == "p" and len(text.split()) <= MAX_LABEL_WORDS and len(text) <= MAX_LABEL_LENGTH
            and text[-1].isalnum())


def without_date_lines_at_the_edges(found: list[Paragraph]) -> list[Paragraph]:
    """Date lines before the first and after the last long paragraph are the byline's and the
    footer's; between paragraphs a dated line is content (an event's date, a live blog's time).
    A date line is no long paragraph, however long ("page.html - Created 03-10-2004 2:20pm - ...")."""
    long = [i for i, p in enumerate(found)
            if p.kind != "heading" and len(p.text) >= MIN_BODY_PARAGRAPH and not is_date_line(p.text)]
    if not long:
        return found
    first, last = long[0], long[-1]
    return [p for i, p in enumerate(found)
            if first <= i <= last or p.kind == "heading" or not is_date_line(p.text)]


def collapse_whitespace(text: str) -> str:
    """Runs of HTML whitespace become one space; other characters, including the non-breaking
    space a page writes on purpose, are the page's and stay."""
    return HTML_WHITESPACE.sub(" ", text).strip(" ")
