"""The pure extraction core: page bytes (and the URL) in, one `Article` out. No network, no disk.

The steps, in order:
1. decode the bytes as a browser would (`scraper.encoding`);
2. parse once with lxml (`document`);
3. read the JSON-LD objects every later step may trust (`jsonld`);
4. read the metadata: title, authors, dates, site, language, ... (`metadata`);
5. find the reader comments, and remember their containers (`comments`);
6. extract the body with the chrome and the comments removed (`body`): this step may change the
   tree, so it comes after every other reader of the page;
7. find the quotations in the body and their speakers (`quotes`).
Steps 1-2 are `parse_document`, steps 3-7 `extract_document`: a caller that reads the same tree for
its own ends (the crawl's links) parses once, reads, then extracts.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

import lxml.html

from .._version import __version__
from ..encoding import decode_page
from ..record import Article, record_id, word_count
from .articlebody import article_body_copy
from .body import BodyHints, extract_body
from .comments import find_comments
from .document import parse_html
from .figures import with_lead_image
from .jsonld import read_json_ld
from .metadata import extract_metadata
from .quotes import quotes_from_paragraphs
from .sniff import sniff_non_html

EXTRACTOR = {"name": "scraper", "version": __version__}


@dataclass(frozen=True)
class Document:
    """A page decoded and parsed (steps 1-2), ready for `extract_document`, which changes its tree."""

    id: str  # the record id: of the page's bytes at its URL
    url: str | None
    root: lxml.html.HtmlElement | None  # None when there is nothing to extract
    warnings: tuple[str, ...]
    not_html: str | None = None  # the media type of bytes that are surely not a page (not parsed)


def extract(
    html: bytes | str,
    url: str | None = None,
    *,
    encoding: str | None = None,
    fetched_at: str | datetime | None = None,
) -> Article:
    """Extract the article record from one page; never raises on bad input.

    `encoding` is the charset the HTTP response declared, if any; `fetched_at` the capture time,
    which also resolves relative comment dates ("2 days ago").
    """
    return extract_document(parse_document(html, url, encoding=encoding), fetched_at=fetched_at)


def parse_document(html: bytes | str, url: str | None = None, *, encoding: str | None = None) -> Document:
    """Steps 1-2: decode the page and parse it once; never raises on bad input."""
    page = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else bytes(html or b"")
    if not isinstance(html, str) and (media_type := sniff_non_html(page)):
        return Document(record_id(url, page), url, None, (f"not an HTML page ({media_type})",), media_type)
    decoded = None if isinstance(html, str) else decode_page(page, encoding)
    text = html if decoded is None else decoded.text
    warnings = list(decoded.warnings) if decoded else []
    parsed = parse_html(text, decoded.utf8 if decoded else None)
    return Document(record_id(url, page), url, parsed.root, tuple(warnings) + parsed.warnings)


def extract_document(document: Document, *, fetched_at: str | datetime | None = None) -> Article:
    """Steps 3-7: the record of a parsed page. The body step changes the tree: extract a document
    once, after every other reader of its tree."""
    url = document.url
    fetched = iso_timestamp(fetched_at)
    base = Article(id=document.id, url=url, domain=domain_of(url), fetched_at=fetched, extractor=EXTRACTOR)
    warnings = list(document.warnings)
    if document.root is None:
        return base.replace(warnings=tuple(warnings))
    root = document.root

    json_ld = read_json_ld(root)
    meta = extract_metadata(root, url, json_ld)
    comment_section = find_comments(root, json_ld, fetched)
    hints = BodyHints(authors=meta.authors, article_body=article_body_copy(json_ld))
    body = extract_body(root, url, exclude=comment_section.containers, hints=hints)
    warnings += body.warnings
    quotes = quotes_from_paragraphs([(p.text, p.kind) for p in body.paragraphs])

    images = with_lead_image(meta.lead_image, body.images)
    body_text = body.text
    return base.replace(
        canonical_url=meta.canonical_url,
        domain=domain_of(url) or domain_of(meta.canonical_url),
        site_name=meta.site_name,
        language=meta.language,
        title=meta.title,
        description=meta.description,
        authors=meta.authors,
        published=meta.published,
        updated=meta.updated,
        section=meta.section,
        tags=meta.tags,
        images=images,
        body=body_text,
        word_count=word_count(body_text),
        quotes=tuple(quotes),
        comments=comment_section.comments,
        comment_count=comment_section.count,
        warnings=tuple(warnings),
    )


def domain_of(url: str | None) -> str | None:
    """The host of a URL, lower-cased, without "www."; None for a malformed URL such as "hard::x"."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def iso_timestamp(value: str | datetime | None) -> str | None:
    """A capture time as ISO 8601; a naive datetime is taken as UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.isoformat(timespec="seconds")
    return str(value)
