"""Sitemaps and feeds: the lists of URLs a site publishes, read safely (entity expansion and
external entities off, compressed input inflated under a cap); and where a site keeps them (its
robots.txt's Sitemap lines, the usual paths).

A sitemap may hold 50,000 URLs in 50 MB, and a gzipped one many more for its size, so both are read
as a stream (`_ended_elements`): inflated a chunk at a time under MAX_DOCUMENT_BYTES, parsed by a
pull parser, each <url>, <sitemap>, <item> or <entry> dropped from the tree once read; a sitemap's
entries are kept packed in one string (`SitemapEntries`). Memory then grows with the URLs a sitemap
lists, by their text (about 60 bytes each), not with the document's tree (about 1,400 bytes an entry).
"""
from __future__ import annotations

import codecs
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from itertools import chain, islice

import lxml.etree

from ..compression import GZIP_MAGIC, inflate_chunks
from ..errors import UnsafeDocument
from .urls import normalize_url, unique

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit; also the inflation cap
PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=True,
                      remove_comments=True, remove_pis=True)
NOT_XML_PROBE_CHARS = 1000  # a text sitemap has no "<" near its start
MAX_LINE_CHARS = 8192  # a line of a text sitemap longer than this is no URL


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None = None


class SitemapEntries:
    """A sitemap's entries, in order, packed in one string (a line "url<TAB>lastmod" each): a URL
    costs its text, not three objects. Iterating gives SitemapEntry; `batches` gives lists of them."""

    __slots__ = ("_packed", "_count")

    def __init__(self, entries: Iterable[SitemapEntry] = ()) -> None:
        packed = io.StringIO()
        count = 0
        for entry in entries:
            packed.write(f"{entry.url}\t{_one_line(entry.lastmod or '')}\n")
            count += 1
        self._packed = packed.getvalue()
        self._count = count

    def __iter__(self) -> Iterator[SitemapEntry]:
        packed = self._packed
        start = 0
        while start < len(packed):
            end = packed.index("\n", start)
            url, _, lastmod = packed[start:end].partition("\t")
            yield SitemapEntry(url, lastmod or None)
            start = end + 1

    def batches(self, size: int) -> Iterator[list[SitemapEntry]]:
        entries = iter(self)
        while batch := list(islice(entries, size)):
            yield batch

    def __len__(self) -> int:
        return self._count

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SitemapEntries | tuple | list):
            return list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._packed)

    def __repr__(self) -> str:
        return f"SitemapEntries({self._count} entries)"


@dataclass(frozen=True)
class Sitemap:
    entries: SitemapEntries = field(default_factory=SitemapEntries)
    children: tuple[str, ...] = ()  # the sitemaps a sitemap index lists
    error: str | None = None  # why nothing could be read (the crawl logs it and goes on)


@dataclass(frozen=True)
class FeedEntry:
    url: str
    published: str | None = None


def document_chunks(data: bytes, cap: int = MAX_DOCUMENT_BYTES) -> Iterator[bytes]:
    """The bytes, gunzipped (every member) when they are gzip, a chunk at a time, never more than
    `cap` of them: UnsafeDocument beyond. A truncated gzip gives what could be inflated (a sitemap
    cut short still lists its first URLs)."""
    if not data.startswith(GZIP_MAGIC):
        if len(data) > cap:
            raise UnsafeDocument(f"document larger than {cap} bytes")
        return iter((data,))
    return inflate_chunks(data, cap)


def document_bytes(data: bytes, cap: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The whole document, as `document_chunks` reads it (for small documents and tests)."""
    return b"".join(document_chunks(data, cap))


def _ended_elements(chunks: Iterator[bytes], names: frozenset[str]) -> Iterator[lxml.etree._Element]:
    """The elements with these local names, each as soon as it is complete, from an XML document
    read chunk by chunk; every element read is dropped from the tree, so the tree stays small.
    UnsafeDocument for a DTD that declares entities (billion laughs, external entities): sitemaps
    and feeds never need them. A broken document ends where the parser gives up."""
    parser = lxml.etree.XMLPullParser(events=("end",), **PARSER_OPTIONS)
    checked = False
    for chunk in chain(chunks, (None,)):
        try:
            if chunk is None:
                parser.close()
            else:
                parser.feed(chunk)
        except lxml.etree.XMLSyntaxError:
            return
        for _, element in parser.read_events():
            if not checked:
                dtd = element.getroottree().docinfo.internalDTD
                if dtd is not None and any(True for _ in dtd.iterentities()):
                    raise UnsafeDocument("the document declares XML entities")
                checked = True
            if local_name(element) in names:
                yield element
                _forget(element)


def _forget(element: lxml.etree._Element) -> None:
    """Drop an element read, and the siblings read before it, from the tree being built."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


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
        chunks = document_chunks(data)
        first = next(chunks, b"")
        chunks = chain((first,), chunks)
        if first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return xml_sitemap(chunks, url)
        return text_sitemap(chunks, url)
    except UnsafeDocument as error:
        log.warning("sitemap %s rejected: %s", url, error)
        return Sitemap(error=str(error))


def xml_sitemap(chunks: Iterator[bytes], url: str) -> Sitemap:
    children: list[str] = []
    is_index: bool | None = None

    def read() -> Iterator[SitemapEntry]:
        nonlocal is_index
        for element in _ended_elements(chunks, frozenset({"url", "sitemap"})):
            if is_index is None:
                is_index = local_name(element.getroottree().getroot()) == "sitemapindex"
            location = normalize_url(child_text(element, "loc") or "", url)
            if location is None:
                continue
            if is_index or local_name(element) == "sitemap":
                children.append(location)
                continue
            # Google News sitemaps give the publication date inside <news:news>.
            news = next((child for child in element if local_name(child) == "news"), None)
            lastmod = child_text(element, "lastmod") or (child_text(news, "publication_date") if news is not None else None)
            yield SitemapEntry(location, lastmod)
    packed = SitemapEntries(read())  # read first: it fills `children`
    return Sitemap(packed, unique(children))


def text_sitemap(chunks: Iterator[bytes], url: str) -> Sitemap:
    """One URL a line (the protocol's text format)."""
    lines = _text_lines(chunks)
    first = next(lines, "")
    if "<" in first[:NOT_XML_PROBE_CHARS]:
        return Sitemap(error="not a sitemap")
    seen: set[str] = set()

    def read() -> Iterator[SitemapEntry]:
        for line in chain((first,), lines):
            location = normalize_url(line, url) if line.strip().startswith("http") else None
            if location and location not in seen:
                seen.add(location)
                yield SitemapEntry(location)
    return Sitemap(SitemapEntries(read()))


def _text_lines(chunks: Iterator[bytes]) -> Iterator[str]:
    """The lines of the text; a line longer than MAX_LINE_CHARS (no URL is) comes out empty, so a
    document without line breaks costs one pass, not one copy of itself per chunk."""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    rest = ""
    overlong = False
    for chunk in chain(chunks, (b"",)):
        text = rest + decoder.decode(chunk, final=not chunk)
        *lines, rest = text.split("\n")
        if lines and overlong:
            lines[0], overlong = "", False
        yield from lines
        if len(rest) > MAX_LINE_CHARS:
            rest, overlong = "", True
    yield "" if overlong else rest


def _one_line(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def parse_feed(data: bytes, url: str) -> tuple[FeedEntry, ...]:
    """The entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in feed order; () when unreadable."""
    entries: list[FeedEntry] = []
    try:
        for element in _ended_elements(document_chunks(data), frozenset({"item", "entry"})):
            if local_name(element) == "item":
                link = child_text(element, "link") or permalink_guid(element) or element.get(RDF_ABOUT)
                published = child_text(element, "pubdate", "date", "published", "issued")
            else:
                link = atom_link(element)
                published = child_text(element, "published", "updated", "issued")
            location = normalize_url(link or "", url)
            if location:
                entries.append(FeedEntry(location, iso_date(published)))
    except UnsafeDocument as error:
        log.warning("feed %s rejected: %s", url, error)
        return ()
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
