"""Discovery: which URLs a crawl should visit, and which of the pages it fetched are articles.

Pure functions and small stateful guards, no I/O; the crawl (`scraper.crawl`) does the fetching.
- `normalize_url` makes one spelling of every URL, so the frontier deduplicates;
- `Scope` says which URLs belong to the crawl;
- `read_page` reads a fetched HTML page for its links, requisites, canonical, feeds and article markup;
- `is_article` weighs the evidence that a page is an article rather than a listing;
- `parse_sitemap` and `parse_feed` read sitemaps and RSS/Atom feeds, safely: entity expansion and
  external entities off, compressed input inflated with a cap;
- `sniff_kind` tells what a response is; `LinkTrapGuard` stops endless link spaces.
"""
from __future__ import annotations

import logging
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import lxml.etree
import lxml.html

from ..extract.chrome import is_chrome
from ..extract.document import parse_html
from ..extract.jsonld import read_json_ld, types_of
from ..record import Article

log = logging.getLogger(__name__)

# --- URL normalisation ---------------------------------------------------------------------------

WEB_SCHEMES = {"http", "https"}
DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that identify a campaign or a click, never the page: the same article reached from a
# newsletter and from the home page must be one URL.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_anon_id",
    "oly_enc_id", "rb_clickid", "s_cid", "ncid", "cmpid", "ocid", "sr_share", "at_medium", "at_campaign",
})
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_")
# Characters left as they are in a path or query; everything else (spaces, non-ASCII) is escaped.
PATH_SAFE = "/%:@!$&'()*+,;=-._~"
QUERY_SAFE = PATH_SAFE + "?"
PATH_NEEDS_ESCAPING = re.compile(r"[^A-Za-z0-9" + re.escape(PATH_SAFE) + "]")
QUERY_NEEDS_ESCAPING = re.compile(r"[^A-Za-z0-9" + re.escape(QUERY_SAFE) + "]")
ABSOLUTE_WEB_URL = re.compile(r"https?://", re.IGNORECASE)


def normalize_url(url: str, base: str | None = None) -> str | None:
    """One spelling of a web URL, or None when it is not an http(s) URL worth visiting.

    Joined with `base`; the fragment dropped; tracking parameters removed (the others keep their
    order and spelling: sorting them could change what some servers answer); scheme and host
    lower-cased, the host in IDNA form; default ports dropped; dot segments resolved; the path's
    case kept (paths are case-sensitive on most servers).
    """
    if not url:
        return None
    url = url.strip()
    try:
        joined = joined_url(url, base)
        parts = urlsplit(joined)
        scheme = parts.scheme.lower()
        if scheme not in WEB_SCHEMES or not parts.hostname:
            return None
        host = idna_host(parts.hostname.rstrip("."))
        port = parts.port
    except (ValueError, UnicodeError):
        return None
    if host is None:
        return None
    if ":" in host:  # an IPv6 literal: urlsplit gave it without its brackets
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username is not None:  # credentials in a link are rare but part of the address
        netloc = f"{parts.netloc.rsplit('@', 1)[0]}@{netloc}"
    path = escaped(remove_dot_segments(parts.path) or "/", PATH_SAFE, PATH_NEEDS_ESCAPING)
    query = escaped(without_tracking_params(parts.query), QUERY_SAFE, QUERY_NEEDS_ESCAPING)
    return urlunsplit((scheme, netloc, path, query, ""))


def joined_url(url: str, base: str | None) -> str:
    """urljoin, with a shortcut for the two kinds of link most pages are made of: absolute URLs
    and root-relative paths ("/2024/02/01/story/"), which need no general resolution."""
    if base is None or ABSOLUTE_WEB_URL.match(url):
        return url
    if url.startswith("/") and not url.startswith("//"):
        origin = origin_of(base)
        if origin:
            return origin + url
    return urljoin(base, url)


@lru_cache(maxsize=1024)
def origin_of(url: str) -> str | None:
    """"https://example.com:8080" from "https://example.com:8080/a/b?c"; None for anything else."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in WEB_SCHEMES:
        return None
    return scheme + separator + rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


def escaped(text: str, safe: str, needs_escaping: re.Pattern) -> str:
    # Most links need no escaping; checking first is much cheaper than quote() on every one.
    return quote(text, safe=safe) if needs_escaping.search(text) else text


@lru_cache(maxsize=4096)
def idna_host(host: str) -> str | None:
    """The host in ASCII (IDNA) form; None for a host that cannot be encoded."""
    if host.isascii():
        return host.lower()
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4: "/a/./b/../c" is "/a/c" (urljoin does this only when there is a base)."""
    if "." not in path:
        return path
    output: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(output) > 1:
                output.pop()
        elif segment != ".":
            output.append(segment)
    if path.endswith(("/.", "/..")):
        output.append("")
    return "/".join(output)


def without_tracking_params(query: str) -> str:
    if not query:
        return ""
    kept = [pair for pair in query.split("&") if pair and not is_tracking_param(pair.split("=", 1)[0])]
    return "&".join(kept)


def is_tracking_param(name: str) -> bool:
    name = unquote(name).lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


# --- Scope ---------------------------------------------------------------------------------------

SCOPE_MODES = ("host", "domain", "any")


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """The domain a site registered ("news.bbc.co.uk" -> "bbc.co.uk"), from the Public Suffix List
    snapshot bundled with tldextract: never fetched, so the answer is the same offline and online."""
    return public_suffix_list()(host).top_domain_under_public_suffix or host


@lru_cache(maxsize=1)
def public_suffix_list():
    import tldextract  # imported on first use: loading the list costs ~30 ms, paid only in domain mode

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def site_host(host: str) -> str:
    return host.removeprefix("www.")


def compile_pattern(option: str, pattern: str | None) -> re.Pattern | None:
    if not pattern:
        return None
    try:
        return re.compile(pattern)
    except re.error as error:
        raise ValueError(f"--{option} {pattern!r} is not a valid regular expression: {error}") from error


@dataclass(frozen=True)
class Scope:
    """Which URLs belong to a crawl.

    mode "host": the host of a seed (with or without "www."); "domain": the registrable domain of a
    seed (any subdomain); "any": every URL. `include` / `exclude` are regular expressions searched
    in the URL: a URL must match `include` (when given) and must not match `exclude`.
    An invalid mode or regex raises ValueError when the scope is made.
    """

    seeds: tuple[str, ...]
    mode: str = "host"
    include: str | None = None
    exclude: str | None = None
    _hosts: frozenset[str] = field(init=False, repr=False, compare=False)
    _include: re.Pattern | None = field(init=False, repr=False, compare=False)
    _exclude: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.mode not in SCOPE_MODES:
            raise ValueError(f"scope must be one of {', '.join(SCOPE_MODES)}, not {self.mode!r}")
        hosts = {self._site_of(host_of(seed)) for seed in self.seeds}
        object.__setattr__(self, "_hosts", frozenset(hosts - {""}))
        object.__setattr__(self, "_include", compile_pattern("include", self.include))
        object.__setattr__(self, "_exclude", compile_pattern("exclude", self.exclude))

    def _site_of(self, host: str) -> str:
        if not host:
            return ""
        return registrable_domain(host) if self.mode == "domain" else site_host(host)

    def allows(self, url: str) -> bool:
        if self._include is not None and not self._include.search(url):
            return False
        if self._exclude is not None and self._exclude.search(url):
            return False
        if self.mode == "any":
            return True
        return self._site_of(host_of(url)) in self._hosts


# --- Reading a page ------------------------------------------------------------------------------

ARTICLE_TYPES = frozenset({
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


def read_page(html_text: str, url: str) -> PageLinks:
    parsed = parse_html(html_text)
    if parsed.root is None:
        return PageLinks((), (), None, (), False)
    root = parsed.root
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


def read_evidence(html_text: str) -> PageEvidence:
    root = parse_html(html_text).root
    if root is None:
        return PageEvidence(False, 0)
    return PageEvidence(has_article_markup(root), count_headline_links(root))


def document_base(root: lxml.html.HtmlElement, url: str) -> str:
    """The URL relative links resolve against: <base href> when the page sets one."""
    for element in root.iter("base"):
        href = element.get("href")
        if href:
            return urljoin(url, href.strip())
    return url


def rels_of(element: lxml.html.HtmlElement) -> set[str]:
    return set((element.get("rel") or "").lower().split())


def unique(urls) -> tuple[str, ...]:
    return tuple(dict.fromkeys(url for url in urls if url))


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
    return sum(1 for obj in objects + nested if types_of(obj) & ARTICLE_TYPES)


def microdata_article_count(root: lxml.html.HtmlElement) -> int:
    itemtypes = (element.get("itemtype") or "" for element in root.iter() if element.get("itemscope") is not None)
    return sum(1 for itemtype in itemtypes if {t.rstrip("/").rsplit("/", 1)[-1] for t in itemtype.split()} & ARTICLE_TYPES)


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


# --- Article or not ------------------------------------------------------------------------------

# Path segments that open a listing: /category/politics/, /tag/eu/, /author/jane-doe/ ...
LISTING_SEGMENTS = frozenset({
    "category", "categories", "tag", "tags", "topic", "topics", "author", "authors", "section",
    "sections", "archive", "archives", "search", "feed",
})
# A listing segment followed by at most this many segments is the listing itself, not an article under it.
LISTING_DEPTH = 2
PAGINATION_QUERY = re.compile(r"(?:^|&)(?:page|paged|pg)=\d+(?:&|$)", re.IGNORECASE)
# A parameter other than the page number whose value holds an id (3 digits or more).
ITEM_ID_PARAM = re.compile(r"(?:^|&)(?!(?:page|paged|pg)=)[^=&]+=[^&]*\d{3}", re.IGNORECASE)
YEAR = r"(?:19|20)\d\d"
# /2024/02/01/slug, /2024/02/slug, /2024-02-01-slug: a date, then what follows it ...
DATE_THEN_REST = re.compile(
    rf"/{YEAR}[/-](?:0?[1-9]|1[0-2])(?:[/-](?:0?[1-9]|[12]\d|3[01]))?[/-](?P<rest>.+)"
    rf"|/{YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[/_-](?P<compact>.+)"
)
# ... which must hold a slug of words ("eu-budget-talks"), not "index.html" or "page/2".
SLUG = re.compile(r"[a-z]+[-_][a-z0-9]|[a-z0-9][-_][a-z]+", re.IGNORECASE)
MIN_BODY_WORDS = 150  # a real article body; teasers, captions and error pages are shorter
MIN_DATED_BODY_WORDS = 40  # a dated slug needs less proof, but not an empty page
# A page with this many linked headlines whose body has fewer words per headline is a list of teasers.
LISTING_MIN_HEADLINE_LINKS = 6
LISTING_WORDS_PER_HEADLINE = 120


def is_article(page: PageLinks | PageEvidence, article: Article, url: str) -> bool:
    """An article page, to be written as a record; listings (home, category, tag, author, pagination,
    date archives) are only followed for their links."""
    if looks_like_listing_url(url):
        return False
    if page.article_markup:
        return True
    if not article.title:
        return False
    if has_dated_slug(url) and article.word_count >= MIN_DATED_BODY_WORDS:
        return True
    return article.word_count >= MIN_BODY_WORDS and not looks_like_teaser_list(page, article)


def looks_like_listing_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    segments = [segment for segment in parts.path.lower().split("/") if segment]
    names_an_item = ITEM_ID_PARAM.search(parts.query) is not None  # ?p=31228, ?idx=8576&page=1
    if not segments or segments in (["index.html"], ["index.htm"], ["index.php"]):
        return not names_an_item  # the home page, unless the query names a post
    if PAGINATION_QUERY.search(parts.query) and not names_an_item:
        return True
    if len(segments) >= 2 and segments[-2] == "page" and segments[-1].isdigit():
        return True
    for position, segment in enumerate(segments):
        if segment in LISTING_SEGMENTS and len(segments) - position - 1 <= LISTING_DEPTH:
            return True
    return is_date_archive(segments)


def is_date_archive(segments: list[str]) -> bool:
    """/2024/ or /2024/02/ or /2024/02/01/ (but not /123456, an article id)."""
    return (len(segments) <= 3 and re.fullmatch(YEAR, segments[0]) is not None
            and all(segment.isdigit() and len(segment) <= 2 for segment in segments[1:]))


def has_dated_slug(url: str) -> bool:
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    match = DATE_THEN_REST.search(path)
    return match is not None and SLUG.search(match.group("rest") or match.group("compact")) is not None


def looks_like_teaser_list(page: PageLinks | PageEvidence, article: Article) -> bool:
    headlines = page.headline_links
    return headlines >= LISTING_MIN_HEADLINE_LINKS and article.word_count < headlines * LISTING_WORDS_PER_HEADLINE


# --- Sitemaps and feeds --------------------------------------------------------------------------

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit; also the inflation cap
GZIP_MAGIC = b"\x1f\x8b"
XML_PARSER = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=True,
    remove_comments=True, remove_pis=True,
)


class UnsafeDocument(ValueError):
    """A sitemap or feed built to hurt: over the size cap once inflated, or declaring entities."""


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


def inflate(data: bytes, cap: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes, gunzipped (every member) when they are gzip, never more than `cap` of them:
    UnsafeDocument beyond; zlib stops at `cap` + 1 bytes, so a bomb costs `cap`, not its size.
    A truncated gzip gives what could be inflated (a sitemap cut short still lists its first URLs)."""
    if not data.startswith(GZIP_MAGIC):
        if len(data) > cap:
            raise UnsafeDocument(f"document larger than {cap} bytes")
        return data
    output = bytearray()
    member = data
    try:
        while member:
            inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
            output += inflater.decompress(member, cap + 1 - len(output))
            if len(output) > cap:
                raise UnsafeDocument(f"gzip inflates beyond {cap} bytes")
            # a file may hold several gzip members one after the other (pigz, appended logs)
            member = inflater.unused_data if inflater.eof and inflater.unused_data.startswith(GZIP_MAGIC) else b""
    except zlib.error as error:
        if not output:
            raise UnsafeDocument(f"broken gzip: {error}") from error
        log.warning("broken gzip, reading the %d bytes inflated before the fault", len(output))
    return bytes(output)


def parse_xml(data: bytes) -> lxml.etree._Element | None:
    """The root element, parsed with entities and network off; UnsafeDocument for a DTD that
    declares entities (billion laughs, external entities): sitemaps and feeds never need them."""
    data = inflate(data).lstrip()
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
        text = inflate(data).decode("utf-8", "replace")
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


# --- What a response is --------------------------------------------------------------------------

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_CONTENT_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"})
SNIFF_BYTES = 4096
ROOT_ELEMENT = re.compile(rb"<(?![?!])([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
SITEMAP_ROOTS = {b"urlset", b"sitemapindex"}
FEED_ROOTS = {b"rss", b"feed", b"rdf"}


def sniff_kind(url: str, content_type: str | None, data: bytes) -> str:
    """"html", "sitemap", "feed", "robots" or "other": the declared type first, then the first bytes."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    path = urlsplit(url).path.lower() if url else ""
    head = sniff_head(data)
    root = root_element(head)
    if path == "/robots.txt" and root != b"html":
        return "robots"
    if mime in FEED_CONTENT_TYPES:
        return "feed"
    if root in SITEMAP_ROOTS:
        return "sitemap"
    if root in FEED_ROOTS:
        return "feed"
    if mime in HTML_TYPES or root == b"html":
        return "html"
    if mime in ("", "text/plain") and "sitemap" in path and path.endswith((".txt", ".txt.gz")):
        return "sitemap"
    if not mime and re.search(rb"<(?:!doctype html|html|head|body)[\s>]", head[:1024], re.IGNORECASE):
        return "html"
    return "other"


def sniff_head(data: bytes) -> bytes:
    if data.startswith(GZIP_MAGIC):
        try:
            return zlib.decompressobj(wbits=zlib.MAX_WBITS | 16).decompress(data[:SNIFF_BYTES * 4], SNIFF_BYTES)
        except zlib.error:
            return b""
    return data[:SNIFF_BYTES]


def root_element(head: bytes) -> bytes | None:
    """The local name of the first element, past the XML declaration, comments and doctype."""
    head = re.sub(rb"<!--.*?-->", b"", head.lstrip(b"\xef\xbb\xbf \t\r\n"), flags=re.DOTALL)
    match = ROOT_ELEMENT.search(head)
    return match.group(2).lower() if match else None


# --- Robots, guesses -----------------------------------------------------------------------------

SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
# Where sites usually keep their sitemaps and feeds (WordPress, Drupal, Hugo, Jekyll, Ghost ...),
# in the order worth trying.
GUESSED_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/feed/", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml")


def sitemaps_from_robots(robots_text: str, base: str) -> list[str]:
    return list(unique(normalize_url(match, base) for match in SITEMAP_LINE.findall(robots_text or "")))


def feed_and_sitemap_guesses(home_url: str) -> list[str]:
    return list(unique(normalize_url(path, home_url) for path in GUESSED_PATHS))


# --- Link traps ----------------------------------------------------------------------------------

SHORT_NUMBER = re.compile(r"(?<!\d)\d{1,4}(?!\d)")
MAX_URL_LENGTH = 2048
MAX_QUERY_LENGTH = 300
MAX_SEGMENT_REPEATS = 2  # /a/b/a/b/a/b: a worded path segment three times is a loop
MAX_PARAM_REPEATS = 2  # ?x=1&x=1&x=1: a parameter growing on every link


class LinkTrapGuard:
    """Stops endless link spaces: calendars linking to the next month forever, ever-growing query
    strings, paths repeating themselves.

    URLs are counted per pattern: the URL with its short numbers (years, months, days, page numbers:
    up to 4 digits) replaced by "#" and its query values dropped (bar identifiers). Beyond `max_per_pattern` distinct
    URLs, a pattern is a trap. Numbers of 5 digits or more are kept: they are identifiers, and
    counting /story/123456 and /story/123457 as one pattern would cap a whole site.
    Call `allow` for each URL before queueing it; asking again about an allowed URL answers True.
    """

    def __init__(self, max_per_pattern: int = 200, max_query_length: int = MAX_QUERY_LENGTH) -> None:
        self.max_per_pattern = max_per_pattern
        self.max_query_length = max_query_length
        self._seen: dict[str, set[str]] = {}
        self.rejected: Counter[str] = Counter()  # why URLs were refused, for the crawl summary

    def allow(self, url: str) -> bool:
        reason = self.trap_reason(url)
        if reason is None:
            return True
        self.rejected[reason] += 1
        return False

    def trap_reason(self, url: str) -> str | None:
        if len(url) > MAX_URL_LENGTH:
            return "url too long"
        parts = urlsplit(url)
        if len(parts.query) > self.max_query_length:
            return "query too long"
        pairs = [pair.partition("=") for pair in parts.query.split("&") if pair]
        if pairs and max(Counter(key for key, _, _ in pairs).values()) > MAX_PARAM_REPEATS:
            return "repeated query parameter"
        worded = [segment for segment in parts.path.split("/") if segment and not segment.isdigit()]
        if worded and max(Counter(worded).values()) > MAX_SEGMENT_REPEATS:
            return "repeated path segment"
        pattern = url_pattern(parts.netloc, parts.path, pairs)
        seen = self._seen.setdefault(pattern, set())
        if url in seen:
            return None
        if len(seen) >= self.max_per_pattern:
            return "too many URLs of one pattern"
        seen.add(url)
        return None


def url_pattern(host: str, path: str, query: list[tuple[str, str, str]]) -> str:
    """host + path with short numbers as "#" + the sorted query keys, each with its value only when
    the value is an identifier (5 digits or more, as ?p=48213)."""
    keys = sorted({key + (f"={value}" if value.isdigit() and len(value) > 4 else "") for key, _, value in query})
    return f"{host}{SHORT_NUMBER.sub('#', path)}?{'&'.join(keys)}"
