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
# schema.org types of a page that is not an article: the site's pages about itself, forms, lists.
# A page declaring one of them and no article type is a page of the site, not a story it published.
# Not the plain WebPage: SEO plugins declare it on every page, and many news sites on their articles.
STATIC_PAGE_TYPES = frozenset({
    "AboutPage", "ContactPage", "FAQPage", "QAPage", "ProfilePage", "CheckoutPage", "SearchResultsPage",
    "CollectionPage",
})
# Link relations (IANA registry) naming the site's privacy policy and terms of service.
POLICY_RELS = frozenset({"privacy-policy", "terms-of-service"})
# Meta properties giving an article's publication time (Open Graph article, Dublin Core, Parse.ly ...).
PUBLISHED_META = frozenset({"article:published_time", "og:article:published_time", "datepublished",
                            "dc.date.issued", "dcterms.issued", "parsely-pub-date", "sailthru.date"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
REQUISITE_LINK_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload"})
LAZY_IMAGE_ATTRIBUTES = ("src", "data-src", "data-lazy-src")
HEADLINE_TAGS = ("h1", "h2", "h3", "h4")


@dataclass(frozen=True)
class Markup:
    """What a page's markup says it is, for `classify`."""

    article_markup: bool = False  # og:type "article", or exactly one schema.org article item
    schema_article: bool = False  # exactly one schema.org article item (JSON-LD or microdata)
    page_types: frozenset[str] = frozenset()  # schema.org STATIC_PAGE_TYPES declared
    published_meta: bool = False  # a publication time in the meta tags or the article item
    policy_links: tuple[str, ...] = ()  # hrefs, as written, of links rel="privacy-policy" / "terms-of-service"


@dataclass(frozen=True)
class PageLinks:
    """What a fetched HTML page tells the crawl. URLs are normalised and deduplicated, in page order."""

    links: tuple[str, ...]
    requisites: tuple[str, ...]
    canonical: str | None
    feeds: tuple[str, ...]
    markup: Markup
    # Headlines (h1-h4 outside the chrome) that are links: the teasers of a listing.
    headline_links: int = 0

    @property
    def article_markup(self) -> bool:
        return self.markup.article_markup


def read_page(root: lxml.html.HtmlElement | None, url: str) -> PageLinks:
    """What a parsed page tells the crawl (read before extraction, which changes the tree)."""
    if root is None:
        return PageLinks((), (), None, (), Markup())
    base = document_base(root, url)
    return PageLinks(
        links=unique(normalize_url(a.get("href"), base) for a in root.iter("a", "area") if a.get("href")),
        requisites=unique(normalize_url(src, base) for src in requisite_sources(root)),
        canonical=canonical_link(root, base),
        feeds=unique(normalize_url(link.get("href"), base) for link in root.iter("link")
                     if "alternate" in rels_of(link) and (link.get("type") or "").strip().lower() in FEED_TYPES),
        markup=read_markup(root),
        headline_links=count_headline_links(root),
    )


@dataclass(frozen=True)
class PageEvidence:
    """Only what `is_article` weighs: for readers of archived pages, which follow no links."""

    markup: Markup
    headline_links: int

    @property
    def article_markup(self) -> bool:
        return self.markup.article_markup


def read_evidence(root: lxml.html.HtmlElement | None) -> PageEvidence:
    if root is None:
        return PageEvidence(Markup(), 0)
    return PageEvidence(read_markup(root), count_headline_links(root))


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


def read_markup(root: lxml.html.HtmlElement) -> Markup:
    """What the page says it is: og:type "article", or exactly one schema.org Article-type item in
    JSON-LD or microdata (several of them mark a listing whose teasers carry markup); the
    non-article page types it declares; whether it gives a publication time; the policy links."""
    og_article = False
    published = False
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if name == "og:type" and (meta.get("content") or "").strip().lower() == "article":
            og_article = True
        elif name in PUBLISHED_META and (meta.get("content") or "").strip():
            published = True
    objects = read_json_ld(root)
    objects += [obj["mainEntity"] for obj in objects if isinstance(obj.get("mainEntity"), dict)]
    json_ld_articles = [obj for obj in objects if types_of(obj) & ARTICLE_MARKUP_TYPES]
    items = [_item_types(element.get("itemtype") or "") for element in root.iter() if element.get("itemscope") is not None]
    schema_article = max(len(json_ld_articles), sum(1 for types in items if types & ARTICLE_MARKUP_TYPES)) == 1
    page_types = set().union(*(types_of(obj) for obj in objects), *items) & STATIC_PAGE_TYPES
    published = published or any(obj.get("datePublished") for obj in json_ld_articles)
    policies = tuple(element.get("href", "").strip() for element in root.iter("a", "link")
                     if rels_of(element) & POLICY_RELS and element.get("href"))
    return Markup(og_article or schema_article, schema_article, frozenset(page_types), published, policies)


def _item_types(itemtype: str) -> set[str]:
    """The microdata item's types, without their vocabulary prefix."""
    return {name.rstrip("/").rsplit("/", 1)[-1] for name in itemtype.split()}


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
