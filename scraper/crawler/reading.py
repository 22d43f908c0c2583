"""Reading a fetched response: what it is and what it says, as pure CPU work.

The crawl runs this in its reader thread, so that parsing and extracting one page overlap the disk
writes (fsync) of the previous one in the scheduling thread. It does no I/O and touches no crawl
state. The steps:
1. refuse a body cut at the size cap, or one that inflates past it (or not at all);
2. tell a sitemap, a feed, an HTML page and anything else apart (`discover.kinds`);
3. parse a sitemap or a feed for its entries;
4. parse an HTML page once: read its links from the tree, then extract its article record from it;
5. judge whether the record is wanted: an article (or any page, with all_pages) published inside
   the date window.
What comes out is one of the `Reading` kinds below, each a frozen dataclass holding only what it
needs.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from ..discover.classify import is_article_page
from ..discover.kinds import ResponseKind, response_kind
from ..discover.links import PageLinks, read_page, tree_to_read
from ..discover.listings import FeedEntry, Sitemap, parse_feed, parse_sitemap
from ..exchange import Exchange, decoded_body
from ..extract import extract_document, parse_document
from ..record import Article

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadingRules:
    """The crawl options reading depends on."""

    max_bytes: int
    discover: bool  # sitemaps and feeds are read for their entries
    all_pages: bool  # every HTML page is wanted as a record, not only articles
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None


@dataclass(frozen=True)
class Unreadable:
    """A response that cannot be read: it becomes a failed page."""

    problem: str


@dataclass(frozen=True)
class ArchivedOnly:
    """A response kept in the archive and read no further (a requisite, a robots.txt, an image,
    or a sitemap or feed when the crawl does not discover)."""

    kind: ResponseKind = "other"


@dataclass(frozen=True)
class SitemapReading:
    sitemap: Sitemap | None  # None: unreadable (logged)


@dataclass(frozen=True)
class FeedReading:
    entries: tuple[FeedEntry, ...]


NOT_AN_ARTICLE = "not an article"
OUTSIDE_WINDOW = "published outside --from/--to"


@dataclass(frozen=True)
class PageReading:
    """An HTML page: its links, its record (dated at its capture), and why not to write it, if not."""

    page: PageLinks
    article: Article
    refusal: str | None = None  # NOT_AN_ARTICLE or OUTSIDE_WINDOW; None: the record is written

    @property
    def wanted(self) -> bool:
        return self.refusal is None


Reading = Unreadable | ArchivedOnly | SitemapReading | FeedReading | PageReading


def read_response(final: Exchange, rules: ReadingRules, captured: str, archive_only: bool = False) -> Reading:
    """Read a final (non-redirect) response, its record dated `captured` (the WARC-Date of the
    record holding its payload); `archive_only` for page requisites, never parsed."""
    if final.truncated:
        return Unreadable(f"body larger than the {rules.max_bytes}-byte cap (archived truncated)")
    body = decoded_body(final, rules.max_bytes)
    if not body.complete:
        return Unreadable(f"{final.header('content-encoding')} body unreadable or over the "
                          f"{rules.max_bytes}-byte cap once decoded")
    if archive_only:
        return ArchivedOnly()
    kind = response_kind(final.url, final.content_type, body.data)
    if kind == "sitemap" and rules.discover:
        return SitemapReading(_sitemap(body.data, final.url))
    if kind == "feed" and rules.discover:
        return FeedReading(_feed(body.data, final.url))
    if kind == "html":
        document = parse_document(body.data, final.url, encoding=final.charset)
        page = read_page(tree_to_read(document, body.data, final.charset), final.url)  # before extraction
        article = extract_document(document, fetched_at=captured)
        return PageReading(page, article, refusal(page, article, final.url, rules))
    return ArchivedOnly(kind)


def refusal(page: PageLinks, article: Article, url: str, rules: ReadingRules) -> str | None:
    """Why the page's record is not written (None: it is): not an article, or outside the window."""
    if not (rules.all_pages or not rules.discover or is_article_page(page, article, url)):
        return NOT_AN_ARTICLE
    if rules.date_from is None and rules.date_to is None:
        return None
    day = (article.published or "")[:10]
    if day and in_window(day, rules.date_from, rules.date_to):
        return None
    log.info("not written %s: published %s, outside the date window", url, article.published)
    return OUTSIDE_WINDOW


def in_window(day: str, date_from: str | None, date_to: str | None) -> bool:
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def _sitemap(data: bytes, url: str) -> Sitemap | None:
    try:
        return parse_sitemap(data, url)
    except ValueError as error:  # an unsafe or broken document (billion laughs, not XML)
        log.warning("sitemap %s not read: %s", url, error)
        return None


def _feed(data: bytes, url: str) -> tuple[FeedEntry, ...]:
    try:
        return parse_feed(data, url)
    except ValueError as error:
        log.warning("feed %s not read: %s", url, error)
        return ()
