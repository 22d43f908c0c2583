"""What a response is: an HTML page, a sitemap, a feed, a robots.txt or something else; from its
declared media type first, then from its first bytes."""
from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urlsplit

from ..compression import GZIP_MAGIC, gunzip_head
from ..exchange import HTML_MEDIA_TYPES

ResponseKind = Literal["html", "sitemap", "feed", "robots", "other"]

FEED_CONTENT_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"})
SNIFF_BYTES = 4096
ROOT_ELEMENT = re.compile(rb"<(?![?!])([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
SITEMAP_ROOTS = {b"urlset", b"sitemapindex"}
FEED_ROOTS = {b"rss", b"feed", b"rdf"}


def response_kind(url: str, content_type: str | None, data: bytes) -> ResponseKind:
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
    if mime in HTML_MEDIA_TYPES or root == b"html":
        return "html"
    if mime in ("", "text/plain") and "sitemap" in path and path.endswith((".txt", ".txt.gz")):
        return "sitemap"
    if not mime and re.search(rb"<(?:!doctype html|html|head|body)[\s>]", head[:1024], re.IGNORECASE):
        return "html"
    return "other"


def sniff_head(data: bytes) -> bytes:
    if data.startswith(GZIP_MAGIC):
        return gunzip_head(data[:SNIFF_BYTES * 4], SNIFF_BYTES)
    return data[:SNIFF_BYTES]


def root_element(head: bytes) -> bytes | None:
    """The local name of the first element, past the XML declaration, comments and doctype."""
    head = re.sub(rb"<!--.*?-->", b"", head.lstrip(b"\xef\xbb\xbf \t\r\n"), flags=re.DOTALL)
    match = ROOT_ELEMENT.search(head)
    return match.group(2).lower() if match else None
