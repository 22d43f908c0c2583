"""Link traps: endless link spaces (calendars linking to the next month forever, ever-growing
query strings, paths repeating themselves), stopped before they fill the frontier."""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

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
