"""Sitemaps and feeds: the lists of URLs a site publishes, read safely (entity expansion and
external entities off, compressed input inflated under a cap); and where a site keeps them (its
robots.txt's Sitemap lines, the usual paths)."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import lxml.etree

from ..compression import GZIP_MAGIC, inflate
from ..errors import UnsafeDocument
from .urls import normalize_url, unique

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit; also the inflation cap
XML_PARSER = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=True,
    remove_comments=True, remove_pis=True,
)


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None = None


@dataclass(frozen=True)
class Sitemap:
    entries: tuple[SitemapEntry, ...] = ()
    children: tuple[str, ...] = ()  # the sitemaps a sitemap index lists
    error: str | None = None  # why nothing could be read (the crawl logs it and goes on)


@dataclass(frozen=True)
class FeedEntry:
    url: str
    published: str | None = None


def document_bytes(data: bytes, cap: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes, gunzipped (every member) when they are gzip, never more than `cap` of them:
    UnsafeDocument beyond. A truncated gzip gives what could be inflated (a sitemap cut short
    still lists its first URLs)."""
    if not data.startswith(GZIP_MAGIC):
        if len(data) > cap:
            raise UnsafeDocument(f"document larger than {cap} bytes")
        return data
    inflated = inflate(data, cap)
    if not inflated.complete:
        raise UnsafeDocument(f"gzip inflates beyond {cap} bytes")
    if inflated.error is not None:
        if not inflated.data:
            raise UnsafeDocument(f"broken gzip: {inflated.error}")
        log.warning("broken gzip, reading the %d bytes inflated before the fault", len(inflated.data))
    return inflated.data


def parse_xml(data: bytes) -> lxml.etree._Element | None:
    """The root element, parsed with entities and network off; UnsafeDocument for a DTD that
    declares entities (billion laughs, external entities): sitemaps and feeds never need them."""
    data = document_bytes(data).lstrip()
    if not data:
        return None
    try:
        root = lxml.etree.fromstring(data, XML_PARSER)
    except lxml.etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise UnsafeDocument("the document declares XML entities")
    return root


def local_name(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def child_text(element, *names: str) -> str | None:
    """The text of the first child with one of these local names (any namespace), in `names` order."""
    found: dict[str, str] = {}
    for child in element:
        name = local_name(child)
        if name in names and name not in found and (child.text or "").strip():
            found[name] = child.text.strip()
    return next((found[name] for name in names if name in found), None)


def parse_sitemap(data: bytes, url: str) -> Sitemap:
    """A sitemap index (children), a urlset (entries with lastmod), or a plain-text sitemap (one URL a
    line); gzip or not. Never raises: a hostile or broken sitemap gives an empty one with `error`."""
    try:
        root = parse_xml(data)
    except UnsafeDocument as error:
        log.warning("sitemap %s rejected: %s", url, error)
        return Sitemap(error=str(error))
    if root is None:
        return text_sitemap(data, url)
    entries: list[SitemapEntry] = []
    children: list[str] = []
    is_index = local_name(root) == "sitemapindex"
    for element in root.iter():
        name = local_name(element)
        if name not in ("url", "sitemap"):
            continue
        location = normalize_url(child_text(element, "loc") or "", url)
        if location is None:
            continue
        if is_index or name == "sitemap":
            children.append(location)
        else:
            # Google News sitemaps give the publication date inside <news:news>.
            news = next((child for child in element if local_name(child) == "news"), None)
            lastmod = child_text(element, "lastmod") or (child_text(news, "publication_date") if news is not None else None)
            entries.append(SitemapEntry(location, lastmod))
    return Sitemap(tuple(entries), unique(children))


def text_sitemap(data: bytes, url: str) -> Sitemap:
    try:
        text = document_bytes(data).decode("utf-8", "replace")
    except UnsafeDocument as error:
        return Sitemap(error=str(error))
    if "<" in text[:1000]:
        return Sitemap(error="not a sitemap")
    urls = unique(normalize_url(line, url) for line in text.splitlines() if line.strip().startswith("http"))
    return Sitemap(tuple(SitemapEntry(u) for u in urls))


def parse_feed(data: bytes, url: str) -> tuple[FeedEntry, ...]:
    """The entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in feed order; () when unreadable."""
    try:
        root = parse_xml(data)
    except UnsafeDocument as error:
        log.warning("feed %s rejected: %s", url, error)
        return ()
    if root is None:
        return ()
    entries: list[FeedEntry] = []
    for element in root.iter():
        name = local_name(element)
        if name == "item":
            link = child_text(element, "link") or permalink_guid(element) or element.get(RDF_ABOUT)
            published = child_text(element, "pubdate", "date", "published", "issued")
        elif name == "entry":
            link = atom_link(element)
            published = child_text(element, "published", "updated", "issued")
        else:
            continue
        location = normalize_url(link or "", url)
        if location:
            entries.append(FeedEntry(location, iso_date(published)))
    return tuple(entries)


RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"


def permalink_guid(item) -> str | None:
    for child in item:
        if local_name(child) == "guid" and (child.get("isPermaLink") or "true").lower() == "true":
            return (child.text or "").strip() or None
    return None


def atom_link(entry) -> str | None:
    """The entry's rel="alternate" link (the default rel), else its first link."""
    links = [child for child in entry if local_name(child) == "link" and child.get("href")]
    for link in links:
        if (link.get("rel") or "alternate") == "alternate":
            return link.get("href")
    return links[0].get("href") if links else None


def iso_date(value: str | None) -> str | None:
    """RSS dates are RFC 822 ("Thu, 01 Feb 2024 09:30:00 +0000"); Atom and Dublin Core are ISO 8601 already."""
    if not value:
        return None
    if value[:4].isdigit():
        return value
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value


SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
# Where sites usually keep their sitemaps and feeds (WordPress, Drupal, Hugo, Jekyll, Ghost ...),
# in the order worth trying.
GUESSED_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/feed/", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml")


def sitemaps_from_robots(robots_text: str, base: str) -> list[str]:
    return list(unique(normalize_url(match, base) for match in SITEMAP_LINE.findall(robots_text or "")))


def feed_and_sitemap_guesses(home_url: str) -> list[str]:
    return list(unique(normalize_url(path, home_url) for path in GUESSED_PATHS))
