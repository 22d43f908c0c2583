"""The versions of each article: records grouped by the article they are (canonical URL, else
URL, spelled one way), ordered by capture time.

Steps:
1. key each record by its canonical URL, else its URL, spelled as the crawl spells URLs
   (`discover.normalize_url`: tracking parameters dropped, host lower-cased, ...), so a crawl, a
   recrawl and a Wayback history of one article fall into one group; a record with neither (a
   saved page parsed without its address) belongs to no known article and is left out;
2. order each group by capture time (`fetched_at`, else the archive's capture timestamp, in UTC),
   then by the recrawl's `version`, then by input order; records with no time go last, in input
   order;
3. leave out incomplete captures (a paywall, a cut-off page, an error page, no body: see
   INCOMPLETE_WARNINGS) when the article has complete ones: comparing a paywalled teaser with the
   full text would report most of the article as removed. When every capture is incomplete, they
   are compared with each other;
4. a digest of the compared content (`content_digest`) lets `changes` skip, without reading the
   records again, consecutive versions that are byte for byte the same article.
Groups come out in the order their first record was read, so the output is deterministic.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..discover.urls import normalize_url
from .fields import FIELDS
from .inputs import scan

# Warnings the extractor gives a capture whose content is not the whole article.
INCOMPLETE_WARNINGS = ("paywalled", "page is cut off", "rendered by script", "no article body found",
                       "not an HTML page")
CONTENT_KEYS = (*FIELDS, "body", "quotes", "comments")
WAYBACK_TIMESTAMP_FORMAT = "%Y%m%d%H%M%S"


@dataclass(frozen=True)
class Capture:
    """One record as the first pass saw it: where it is and what ordering and skipping need."""

    file: int
    offset: int
    order: int  # position in the input, for stable ordering
    time: datetime | None
    version: int | None
    complete: bool
    digest: str


def article_key(record: dict[str, Any]) -> str | None:
    for name in ("canonical_url", "url"):
        address = record.get(name)
        if isinstance(address, str) and address.strip():
            return normalize_url(address) or address.strip()
    return None


def capture_time(record: dict[str, Any]) -> datetime | None:
    """When the capture was made, in UTC: `fetched_at`, else `archive.capture_timestamp`."""
    fetched = record.get("fetched_at")
    if isinstance(fetched, str) and fetched.strip():
        try:
            return in_utc(datetime.fromisoformat(fetched.strip()))
        except ValueError:
            pass
    archive = record.get("archive")
    stamp = archive.get("capture_timestamp") if isinstance(archive, dict) else None
    if isinstance(stamp, str) and stamp.isdigit() and 4 <= len(stamp) <= 14 and len(stamp) % 2 == 0:
        try:  # a Wayback timestamp may be cut short: 2024, 202402, ... fill it with the earliest
            return datetime.strptime(stamp + "0101000000"[len(stamp) - 4:], WAYBACK_TIMESTAMP_FORMAT
                                     ).replace(tzinfo=UTC)
        except ValueError:
            return None
    return None


def in_utc(moment: datetime) -> datetime:
    """A naive time is taken as UTC (the crawl writes UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def is_complete(record: dict[str, Any]) -> bool:
    body = record.get("body")
    warnings = record.get("warnings")
    flagged = any(isinstance(warning, str) and warning.startswith(INCOMPLETE_WARNINGS)
                  for warning in (warnings if isinstance(warnings, list) else []))
    return isinstance(body, str) and bool(body.strip()) and not flagged


def content_digest(record: dict[str, Any]) -> str:
    content = [record.get(key) for key in CONTENT_KEYS]
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def version_number(record: dict[str, Any]) -> int | None:
    version = record.get("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def article_versions(files: list[Path]) -> Iterator[tuple[str, list[Capture]]]:
    """(article key, its comparable captures in time order) for each article, in input order."""
    groups: dict[str, list[Capture]] = {}
    for order, (file, offset, record) in enumerate(scan(files)):
        key = article_key(record)
        if key is None:
            continue
        capture = Capture(file=file, offset=offset, order=order, time=capture_time(record),
                          version=version_number(record), complete=is_complete(record),
                          digest=content_digest(record))
        groups.setdefault(key, []).append(capture)
    for key, captures in groups.items():
        if len(captures) < 2:
            continue
        if any(capture.complete for capture in captures):
            captures = [capture for capture in captures if capture.complete]
        captures.sort(key=lambda c: (c.time is None, c.time or datetime.min.replace(tzinfo=UTC),
                                     c.version if c.version is not None else -1, c.order))
        yield key, captures
