"""Reading a fetched response: what it is and what it says, as pure CPU work.

The crawl runs this in the worker thread that downloaded the response, so that parsing and
extracting one page overlap the disk writes (fsync) of the previous one in the scheduling thread.
It does no I/O and touches no crawl state. The steps:
1. refuse a body cut at the size cap, or one that inflates past it (or not at all);
2. tell a sitemap, a feed, an HTML page and anything else apart (`discover.kinds`);
3. parse a sitemap or a feed for its entries;
4. read an HTML page for its links, and extract its article record;
5. judge whether the record is wanted: an article (or any page, with all_pages) published inside
   the date window.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from ..discover.classify import is_article_page
from ..discover.kinds import response_kind
from ..discover.links import PageLinks, read_page
from ..discover.listings import FeedEntry, Sitemap, parse_feed, parse_sitemap
from ..encoding import decode_page
from ..extract import extract
from ..exchange import Exchange, decoded_body
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
class Reading:
    problem: str | None = None  # why the response cannot be read (it is then a failed page)
    kind: str = "other"  # "html", "sitemap", "feed", "robots" or "other"
    page: PageLinks | None = None
    article: Article | None = None  # extracted as captured at the response's own date
    wanted: bool = False  # the article is to be written as a record
    sitemap: Sitemap | None = None
    feed: tuple[FeedEntry, ...] = ()


def read_response(final: Exchange, rules: ReadingRules, archive_only: bool = False) -> Reading:
    """Read a final (non-redirect) response; `archive_only` for page requisites, never parsed."""
    if final.truncated:
        return Reading(problem=f"body larger than the {rules.max_bytes}-byte cap (archived truncated)")
    body = decoded_body(final, rules.max_bytes)
    if not body.complete:
        return Reading(problem=f"{final.header('content-encoding')} body unreadable or over the "
                               f"{rules.max_bytes}-byte cap once decoded")
    if archive_only:
        return Reading()
    kind = response_kind(final.url, final.content_type, body.data)
    if kind == "sitemap" and rules.discover:
        return Reading(kind=kind, sitemap=_sitemap(body.data, final.url))
    if kind == "feed" and rules.discover:
        return Reading(kind=kind, feed=_feed(body.data, final.url))
    if kind == "html":
        page = read_page(decode_page(body.data, final.charset).text, final.url)
        article = extract_article(body.data, final, final.date)
        return Reading(kind=kind, page=page, article=article,
                       wanted=is_wanted(page, article, final.url, rules))
    return Reading(kind=kind)


def extract_article(data: bytes, final: Exchange, captured: str) -> Article:
    """The record of a page: the HTTP charset handed over, dated at its capture (the WARC-Date)."""
    return extract(data, final.url, encoding=final.charset, fetched_at=captured)


def is_wanted(page: PageLinks, article: Article, url: str, rules: ReadingRules) -> bool:
    if not (rules.all_pages or not rules.discover or is_article_page(page, article, url)):
        return False
    if rules.date_from is None and rules.date_to is None:
        return True
    day = (article.published or "")[:10]
    if day and in_window(day, rules.date_from, rules.date_to):
        return True
    log.info("not written %s: published %s, outside the date window", url, article.published)
    return False


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
