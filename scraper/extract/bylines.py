"""Where the visible byline is: the elements that look like author or date lines, in the order a
reader meets them from the headline on.

A byline sits next to the headline. The same markup (a `date` class, an `/author/` link) also
appears in the site header ("Tuesday, June 24"), in related-post teasers and in the comments, so
every candidate is weighed by general facts rather than by site:
1. region: the headline's container a few levels up is searched first (cheap, and where bylines
   are); the rest of the page only by steps that found nothing there;
2. chrome: a candidate inside a container marked as comments, related posts, sidebar, widget,
   navigation, an embed or a quotation is dropped, but only for containers that do NOT also
   hold the headline (a page wrapper called "content-with-sidebar" holds the article itself);
3. position: candidates after the headline come first, in reading order; those above it follow,
   nearest first (some themes put the date above the title);
4. other items: under the headline, a block that holds a linked heading of its own is the next
   article's header or a teaser, and its date is not the article's (`in_other_item`).
Whether the page shows a name at all (`shows`) is asked of its visible text, in C.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator, NamedTuple

import lxml.html
from lxml import etree

# Class or id words of containers whose dates and names belong to something else than the article.
# "footer" is not among them: article footers ("entry-footer") hold the byline in many themes.
# Matched against lower-cased class and id.
CHROME_WORDS = re.compile(
    r"comment|related|sidebar|reply|respond|recent|popular|trending|ticker|"
    # "promo", but not Drupal's "node-promoted" (the article itself, promoted to the front page)
    r"navigation|navbar|breadcrumb|share|newsletter|promo(?!ted)|teaser-list|more-stories|"
    r"read-?next|recommend|discussion|disqus|carousel|slider|most-read|also-read|you-may|"
    r"embed|instagram|tweet|"
    # page builders call every block a widget ("elementor-widget"): only a class that starts
    # with the word is a sidebar widget
    r"(?:^|\s)(?:widget|menu)",
)
HOLDS_ARTICLE = etree.XPath(
    "boolean(.//*[@itemprop='articleBody' or @itemprop='blogPost' or contains(concat(' ', @class, ' '), ' hentry ')"
    " or contains(@class, 'post-body') or contains(@class, 'entry-content')])"
)
# An embedded post (Instagram, Twitter) or a quotation carries its own author and date.
CHROME_TAGS = {"nav", "aside", "form", "noscript", "blockquote", "figure", "iframe"}
SKIPPED_TEXT_TAGS = {"script", "style", "noscript", "template", "button", "select", "option", "svg"}

# How far up from the headline unmarked dates are sought, and how much text is read there.
NEIGHBOURHOOD_LEVELS = 3
MAX_NEIGHBOURHOOD_PIECES = 200
# Text longer than this is a paragraph or a whole block, not a byline.
MAX_BYLINE_CHARS = 300


# Class and id words, matched against lower-cased marks (a case-blind regex costs five times more,
# and every element with a class is tested).
DATE_MARKS = re.compile(r"date|time|publi|posted|submitted|byline|meta|datum|fecha|dateline|info|zeit|data")
AUTHOR_MARKS = re.compile(r"author|byline|autor|auteur|posted-?by|poster|writer|journalist|verfasser")
AUTHOR_TAGS = {"byline", "author"}  # custom elements some CMSs write: <byline>Von X, dpa</byline>
AUTHOR_HREF = re.compile(r"/(?:author|authors|autor|autoren|auteur|auteurs|redakteur|profile|profil|staff)/", re.IGNORECASE)
ANY_MARKS = re.compile(f"{DATE_MARKS.pattern}|{AUTHOR_MARKS.pattern}")
SCANNED_TAGS = {"time", "a", "abbr"} | AUTHOR_TAGS
# hAtom's machine copy of a date in a title: <span class="updated" title="2013-04-04T18:52:11+00:00">
MACHINE_TITLE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
MACHINE_DATE_ITEMPROPS = {"datePublished", "dateModified", "dateCreated"}
# The elements worth a closer look, selected in C: marked ones, headings, time, author links.
SCAN_CANDIDATES = etree.XPath(
    "descendant-or-self::*[@class or @id or @itemprop] | $headline | .//time | .//byline | .//author | "
    ".//a[@rel='author' or contains(@href, '/author') or contains(@href, '/autor') or contains(@href, '/auteur') or "
    "contains(@href, '/redakteur') or contains(@href, '/profil') or contains(@href, '/staff/')]"
)
# The elements anywhere on the page whose class says author (as most sites write it, in lower
# case); the markup made for machines (itemprop, rel) is in PAGE_CANDIDATES. Selecting the class
# attributes, then their elements, costs a third of testing every element.
AUTHOR_CANDIDATES = etree.XPath(
    "$headline | //@class[contains(., 'author') or contains(., 'autor') or contains(., 'byline') or "
    "contains(., 'writer')]/.."
)
# Outside that region, only the markup made for machines is sought: cheap to select in C
# (attributes selected by value, then their elements).
PAGE_CANDIDATES = etree.XPath(
    "$headline | //time | //@itemprop[. = 'datePublished' or . = 'dateModified' or . = 'dateCreated' or "
    "contains(., 'author') or contains(., 'creator')]/.. | //@rel[. = 'author']/parent::a"
)
# How far a candidate search reaches: the headline's region after the headline; the region (or
# the machine markup of the whole page when there is no region); the region, then markup made
# for machines anywhere, then every marked element anywhere. (Machine dates far from the
# headline belong to teasers more often than to the article.)
REGION_AFTER_HEADLINE, REGION, WHOLE_PAGE = "region after headline", "region", "whole page"
# The byline is almost always inside the headline's container a few levels up: that region is
# searched first, and the whole page only when the region has no answer (a big page costs ms).
REGION_LEVELS = 6
REGION_MAX_ELEMENTS = 500
COUNT_ELEMENTS = etree.XPath("count(.//*)")
LINKED_HEADINGS = etree.XPath(".//*[self::h1 or self::h2 or self::h3][.//a[@href]]")
MAX_META_ASIDE_ELEMENTS = 60
# Text a reader sees: in the body, outside scripts and styles (searched in C, by one word).
SHOWS_WORD = etree.XPath(
    "boolean(//body//text()[(contains(., $word) or contains(., $upper)) and "
    "not(parent::script or parent::style or parent::noscript or parent::template)])"
)


class Candidates(NamedTuple):
    """Each list in document order, with the headline among them as the anchor."""

    machine_dates: list[lxml.html.HtmlElement]
    date_texts: list[lxml.html.HtmlElement]
    authors: list[lxml.html.HtmlElement]


class BylineSearch:
    """The byline candidates of one page, found in a single pass over the tree, and only when a
    step needs them (most pages declare their authors and dates in metadata)."""

    def __init__(self, root: lxml.html.HtmlElement, headline: lxml.html.HtmlElement | None):
        self.root = root
        self.headline = headline
        self.containers = set(headline.iterancestors()) if headline is not None else set()
        # without a headline, the whole page is the region
        self.region = _region_of(headline) if headline is not None else root
        self._scanned: dict[tuple[int, int], Candidates] = {}
        self._chrome: dict[lxml.html.HtmlElement, bool] = {}
        self._other_items: set[lxml.html.HtmlElement] | None = None
        self._neighbourhood: list[tuple[list[str], int]] | None = None
        self._unread_levels: Iterator[tuple[list[str], int]] = iter(())

    def machine_date_elements(self) -> Iterator[lxml.html.HtmlElement]:
        """`<time datetime>`, itemprop dates with a machine value, abbr[title] dates: nearest first."""
        return self._candidates("machine_dates", REGION)

    def date_text_elements(self, reach: str = WHOLE_PAGE) -> Iterator[lxml.html.HtmlElement]:
        """Elements whose class or id says date: in the headline's region, then anywhere (a page
        whose byline sits in another column of the layout; only pages without any other date
        evidence get this far, so the whole-page scan is rare). With `reach=REGION_AFTER_HEADLINE`,
        only what follows the headline in its region."""
        return self._candidates("date_texts", reach)

    def author_elements(self, reach: str = REGION) -> Iterator[lxml.html.HtmlElement]:
        """Elements that name an author, in the headline's region (or with `reach=WHOLE_PAGE`,
        then anywhere)."""
        return self._candidates("authors", reach)

    def _candidates(self, kind: str, reach: str) -> Iterator[lxml.html.HtmlElement]:
        seen: set[lxml.html.HtmlElement] = set()
        scans = [(self.region, SCAN_CANDIDATES)] if self.region is not None else []
        if reach == WHOLE_PAGE or self.region is None:
            scans.append((self.root, PAGE_CANDIDATES))
        if reach == WHOLE_PAGE and self.region is not self.root:
            # outside the region, author marks are selected in C; every marked element is
            # looked at only for dates (few pages get that far)
            scans.append((self.root, AUTHOR_CANDIDATES if kind == "authors" else SCAN_CANDIDATES))
        for scope, expression in scans:
            found = getattr(self._scan(scope, expression), kind)
            for element in self._ordered(found, reach == REGION_AFTER_HEADLINE):
                if element not in seen:
                    seen.add(element)
                    yield element

    def in_chrome(self, element: lxml.html.HtmlElement) -> bool:
        """True when a container between the element and the headline's containers is chrome
        (remembered for every container on the way: candidates share their ancestors)."""
        path = []
        node, result = element, False
        while node is not None and node not in self.containers:
            known = self._chrome.get(node)
            if known is not None:
                result = known
                break
            path.append(node)
            if isinstance(node.tag, str) and marked_as_chrome(node):
                result = True
                break
            node = node.getparent()
        for visited in path:
            self._chrome[visited] = result
        return result

    def in_other_item(self, element: lxml.html.HtmlElement) -> bool:
        """Whether the element belongs to another item's block under the headline (the next
        article's header, a teaser): a container between it and the headline's containers that
        holds a linked heading of its own."""
        if self.headline is None:
            return False  # without a headline, nothing is "under" it
        if self._other_items is None:
            self._other_items = set()
            for heading in LINKED_HEADINGS(self.region) if self.region is not None else ():
                for node in (heading, *heading.iterancestors()):
                    if node in self.containers or node in self._other_items:
                        break
                    self._other_items.add(node)
        node = element
        while node is not None and node not in self.containers:
            if node in self._other_items:
                return True
            node = node.getparent()
        return False

    def shows(self, name: str) -> bool:
        """Whether the page shows the name to its reader. The last word (the surname) is sought,
        as written or in capitals: the full name may be split by markup ("Jane <b>Doe</b>") or
        a non-breaking space."""
        word = name.split()[-1] if name.split() else name
        return bool(SHOWS_WORD(self.root, word=word, upper=word.upper()))

    def headline_neighbourhood(self) -> Iterable[tuple[list[str], int]]:
        """The text pieces of the headline's parent, grandparent... (nearest first), each with the
        index of the headline's own text among them (read once: the author and date steps both
        look here)."""
        if self._neighbourhood is None:
            self._neighbourhood, self._unread_levels = [], self._read_neighbourhood()
        level = 0
        while True:
            if level == len(self._neighbourhood):  # read one level further up, only when asked
                found = next(self._unread_levels, None)
                if found is None:
                    return
                self._neighbourhood.append(found)
            yield self._neighbourhood[level]
            level += 1

    def _read_neighbourhood(self) -> Iterator[tuple[list[str], int]]:
        if self.headline is None:
            return
        heading = text_pieces(self.headline)
        if not heading:
            return
        container = self.headline.getparent()
        for _ in range(NEIGHBOURHOOD_LEVELS):
            if container is None or container.tag in ("body", "html"):
                return
            pieces = text_pieces(container, MAX_NEIGHBOURHOOD_PIECES)
            if heading[0] in pieces:
                yield pieces, pieces.index(heading[0])
            container = container.getparent()

    def _ordered(self, candidates: list[lxml.html.HtmlElement],
                 after_headline_only: bool = False) -> list[lxml.html.HtmlElement]:
        return [el for el in reading_order(candidates, self.headline, after_headline_only)
                if not self.in_chrome(el)]

    def _scan(self, scope: lxml.html.HtmlElement, expression: etree.XPath) -> Candidates:
        key = (id(scope), id(expression))
        if key in self._scanned:
            return self._scanned[key]
        machine: list[lxml.html.HtmlElement] = []
        texts: list[lxml.html.HtmlElement] = []
        authors: list[lxml.html.HtmlElement] = []
        for element in expression(scope, headline=[self.headline] if self.headline is not None else []):
            tag = element.tag
            if element is self.headline:  # the anchor of the reading order
                machine.append(element)
                texts.append(element)
                authors.append(element)
                continue
            itemprop = element.get("itemprop") or ""
            marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
            if not itemprop and tag not in SCANNED_TAGS and ANY_MARKS.search(marks) is None:
                continue  # most elements: one test, and on
            dated = tag == "time" or itemprop in MACHINE_DATE_ITEMPROPS
            date_marked = dated or DATE_MARKS.search(marks) is not None
            title = element.get("title")
            if dated and (element.get("datetime") or element.get("content")) or (
                    title and date_marked and (tag == "abbr" or MACHINE_TITLE.match(title))):
                machine.append(element)
            if date_marked and tag not in ("html", "body"):
                texts.append(element)
            if ("author" in itemprop or "creator" in itemprop or tag in AUTHOR_TAGS or AUTHOR_MARKS.search(marks) or (
                    tag == "a" and ((element.get("rel") or "") == "author"
                                    or AUTHOR_HREF.search(element.get("href") or "")))):
                authors.append(element)
        self._scanned[key] = Candidates(machine, texts, authors)
        return self._scanned[key]


def _region_of(headline: lxml.html.HtmlElement | None) -> lxml.html.HtmlElement | None:
    """The largest container of the headline, up to REGION_LEVELS up, that stays small enough to
    scan quickly (counting is done in C)."""
    region = None
    for level, ancestor in enumerate(headline.iterancestors() if headline is not None else ()):
        if level >= REGION_LEVELS or ancestor.tag in ("body", "html") or COUNT_ELEMENTS(ancestor) > REGION_MAX_ELEMENTS:
            break
        region = ancestor
    return region


def marked_as_chrome(element: lxml.html.HtmlElement) -> bool:
    if element.tag in CHROME_TAGS:
        # a small <aside> beside the article is its meta column (date, category, reading time);
        # a sidebar holds lists and widgets
        return element.tag != "aside" or COUNT_ELEMENTS(element) > MAX_META_ASIDE_ELEMENTS
    marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    # Blogger wraps the post itself in "widget Blog": a container holding the article is not chrome
    return (bool(marks.strip()) and CHROME_WORDS.search(marks) is not None
            and not HOLDS_ARTICLE(element))


def reading_order(candidates: list[lxml.html.HtmlElement], headline: lxml.html.HtmlElement | None,
                  after_headline_only: bool = False) -> list[lxml.html.HtmlElement]:
    """`candidates` come in document order and include the headline, whose place among them
    orders the others; the headline itself is not returned."""
    index = next((i for i, element in enumerate(candidates) if element is headline), None)
    if index is None:
        return [] if after_headline_only else candidates
    after = candidates[index + 1:]
    if after_headline_only:
        return after
    return after + candidates[:index][::-1]


def text_pieces(element: lxml.html.HtmlElement, limit: int | None = None,
                skip: Callable[[lxml.html.HtmlElement], bool] | None = None) -> list[str]:
    """The element's text nodes, each whitespace-collapsed: keeping them apart keeps
    "Justin DelMonico" and "By Justin DelMonico" and "February 1, 2024" from running together.
    Descendants for which `skip` is true give no text (their tails still count)."""
    pieces: list[str] = []
    for node in _text_nodes(element, skip):
        text = " ".join(node.split())
        if text:
            pieces.append(text)
            if limit is not None and len(pieces) >= limit:
                break
    return pieces


def _text_nodes(element: lxml.html.HtmlElement,
                skip: Callable[[lxml.html.HtmlElement], bool] | None) -> Iterable[str]:
    # iterative walk (pages nest deeply); tails belong to the parent's flow
    stack: list[tuple[lxml.html.HtmlElement, bool]] = [(element, False)]
    while stack:
        node, is_tail_only = stack.pop()
        if is_tail_only:
            if node.tail:
                yield node.tail
            continue
        if not isinstance(node.tag, str) or node.tag in SKIPPED_TEXT_TAGS or (
                node is not element and skip is not None and skip(node)):
            if node is not element and node.tail:
                yield node.tail
            continue
        if node.text:
            yield node.text
        if node is not element:
            stack.append((node, True))
        for child in reversed(node):
            stack.append((child, False))


def element_text(element: lxml.html.HtmlElement) -> str:
    return " ".join(text_pieces(element))


def short_text(element: lxml.html.HtmlElement) -> bool:
    text = element.text_content()
    return 0 < len(text) <= MAX_BYLINE_CHARS * 3 and len(" ".join(text.split())) <= MAX_BYLINE_CHARS
