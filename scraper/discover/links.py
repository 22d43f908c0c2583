"""Reading a fetched HTML page for the crawl: its links, requisites, canonical URL and feeds, and
the evidence `classify` weighs (article markup, linked headlines)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html

from ..encoding import decode_page
from ..extract import Document
from ..extract.chrome import is_chrome
from ..extract.document import parse_html
from ..extract.jsonld import read_json_ld, types_of
from .urls import normalize_url, unique

# The schema.org types of one article's markup (`scraper.extract.schemaorg` keeps a wider list
# for metadata: to be one vocabulary).
ARTICLE_MARKUP_TYPES = frozenset({
    "Article", "NewsArticle", "BlogPosting", "AnalysisNewsArticle", "OpinionNewsArticle",
    "ReportageNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "AskPublicQuestionArticle",
    "SatiricalArticle", "LiveBlogPosting", "TechArticle", "ScholarlyArticle", "Report",
})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
REQUISITE_LINK_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload"})
LAZY_IMAGE_ATTRIBUTES = ("src", "data-src", "data-lazy-src")
HEADLINE_TAGS = ("h1", "h2", "h3", "h4")


@dataclass(frozen=True)
class PageLinks:
    """What a fetched HTML page tells the crawl. URLs are normalised and deduplicated, in page order."""

    links: tuple[str, ...]
    requisites: tuple[str, ...]
    canonical: str | None
    feeds: tuple[str, ...]
    article_markup: bool
    # Headlines (h1-h4 outside the chrome) that are links: the teasers of a listing.
    headline_links: int = 0


def read_page(root: lxml.html.HtmlElement | None, url: str) -> PageLinks:
    """What a parsed page tells the crawl (read before extraction, which changes the tree)."""
    if root is None:
        return PageLinks((), (), None, (), False)
    base = document_base(root, url)
    return PageLinks(
        links=unique(normalize_url(a.get("href"), base) for a in root.iter("a", "area") if a.get("href")),
        requisites=unique(normalize_url(src, base) for src in requisite_sources(root)),
        canonical=canonical_link(root, base),
        feeds=unique(normalize_url(link.get("href"), base) for link in root.iter("link")
                     if "alternate" in rels_of(link) and (link.get("type") or "").strip().lower() in FEED_TYPES),
        article_markup=has_article_markup(root),
        headline_links=count_headline_links(root),
    )


@dataclass(frozen=True)
class PageEvidence:
    """Only what `is_article` weighs: for readers of archived pages, which follow no links."""

    article_markup: bool
    headline_links: int


def read_evidence(root: lxml.html.HtmlElement | None) -> PageEvidence:
    if root is None:
        return PageEvidence(False, 0)
    return PageEvidence(has_article_markup(root), count_headline_links(root))


def tree_to_read(document: Document, html: bytes, charset: str | None) -> lxml.html.HtmlElement | None:
    """The tree to read a page's links and evidence from: the document's own. Bytes that extraction
    refuses as surely not a page (a control byte near the start) are parsed all the same, as a
    browser given them as HTML would still show them."""
    if document.not_html is None:
        return document.root
    return parse_html(decode_page(html, charset).text).root


def document_base(root: lxml.html.HtmlElement, url: str) -> str:
    """The URL relative links resolve against: <base href> when the page sets one."""
    for element in root.iter("base"):
        href = element.get("href")
        if href:
            return urljoin(url, href.strip())
    return url


def rels_of(element: lxml.html.HtmlElement) -> set[str]:
    return set((element.get("rel") or "").lower().split())


def requisite_sources(root: lxml.html.HtmlElement):
    """What a browser loads to render the page: images (all srcset candidates), stylesheets, icons, scripts."""
    for element in root.iter("img", "source", "link", "script"):
        tag = element.tag
        if tag == "link":
            if rels_of(element) & REQUISITE_LINK_RELS:
                yield element.get("href")
            continue
        if tag == "script":
            yield element.get("src")
            continue
        if tag == "img":
            for name in LAZY_IMAGE_ATTRIBUTES:
                yield element.get(name)
        for candidate in (element.get("srcset") or "").split(","):
            yield candidate.strip().split(" ")[0] if candidate.strip() else None


def canonical_link(root: lxml.html.HtmlElement, base: str) -> str | None:
    for link in root.iter("link"):
        if "canonical" in rels_of(link) and link.get("href"):
            return normalize_url(link.get("href"), base)
    return None


def has_article_markup(root: lxml.html.HtmlElement) -> bool:
    """The page says it is one article: og:type "article", or exactly one schema.org Article-type
    item in JSON-LD or microdata. Several of them mark a listing whose teasers carry markup."""
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:type":
            if (meta.get("content") or "").strip().lower() == "article":
                return True
    counts = (json_ld_article_count(root), microdata_article_count(root))
    return max(counts) == 1


def json_ld_article_count(root: lxml.html.HtmlElement) -> int:
    objects = read_json_ld(root)
    nested = [obj["mainEntity"] for obj in objects if isinstance(obj.get("mainEntity"), dict)]
    return sum(1 for obj in objects + nested if types_of(obj) & ARTICLE_MARKUP_TYPES)


def microdata_article_count(root: lxml.html.HtmlElement) -> int:
    itemtypes = (element.get("itemtype") or "" for element in root.iter() if element.get("itemscope") is not None)
    return sum(1 for itemtype in itemtypes if {t.rstrip("/").rsplit("/", 1)[-1] for t in itemtype.split()} & ARTICLE_MARKUP_TYPES)


def count_headline_links(root: lxml.html.HtmlElement) -> int:
    """Linked headlines outside the site's chrome (menus, sidebars, related and popular posts, as
    the body extractor recognises them): on a listing they are the teasers."""
    count = 0
    for heading in root.iter(*HEADLINE_TAGS):
        if any(is_chrome(ancestor) for ancestor in heading.iterancestors()):
            continue
        parent = heading.getparent()
        if heading.find(".//a[@href]") is not None or (parent is not None and parent.tag == "a"):
            count += 1
    return count
