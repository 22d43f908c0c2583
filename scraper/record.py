"""The article record (schema version 1): the frozen dataclasses that flow out of extraction.

Every stage after extraction (the JSONL writer, the crawl, `scraper parse`) passes these objects
around unchanged; `Article.to_dict()` is the one place where they become JSON. The published JSON
Schema is `scraper/schema/article.schema.json`; keep the two in step.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Image:
    url: str
    alt: str | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Quote:
    """One quotation in the body: its text without the marks, and who said it."""

    text: str
    speaker: str | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    paragraph: int = 0
    start: int = 0
    end: int = 0
    kind: str = "direct"  # "direct" (quotation marks) or "block" (a <blockquote>)


@dataclass(frozen=True)
class Comment:
    """One reader comment; replies point at their parent through `parent_id`."""

    id: str
    text: str
    parent_id: str | None = None
    author: str | None = None
    published: str | None = None
    likes: int | None = None


@dataclass(frozen=True)
class ArchivePointer:
    """Where the snapshot a record came from lives: a WARC record, or a Wayback capture."""

    source: str  # "crawl", "wayback" or "warc" ("html" is reserved for saved pages; unused in v1)
    warc_file: str | None = None
    offset: int | None = None
    length: int | None = None
    record_id: str | None = None
    payload_digest: str | None = None
    capture_timestamp: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    url: str | None = None
    canonical_url: str | None = None
    domain: str | None = None
    site_name: str | None = None
    language: str | None = None
    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    body: str = ""
    word_count: int = 0
    quotes: tuple[Quote, ...] = ()
    comments: tuple[Comment, ...] = ()
    comment_count: int | None = None
    fetched_at: str | None = None
    archive: ArchivePointer | None = None
    warnings: tuple[str, ...] = ()
    extractor: dict[str, str] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: tuples become lists, nested dataclasses become objects."""
        record = dataclasses.asdict(self)
        return {"schema_version": record.pop("schema_version"), **_lists(record)}

    def replace(self, **changes: Any) -> Article:
        return dataclasses.replace(self, **changes)


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(item) for item in value]
    return value


def record_id(url: str | None, page: bytes) -> str:
    """A stable id: the same page bytes at the same URL give the same id on every run."""
    digest = hashlib.sha256((url or "").encode("utf-8", "surrogatepass") + b"\0" + page)
    return digest.hexdigest()[:32]


def word_count(text: str) -> int:
    return len(text.split())
