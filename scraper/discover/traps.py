"""Link traps: endless link spaces (calendars linking to the next day forever, ever-growing query
strings, paths repeating themselves), stopped before they fill the frontier.

The steps `LinkTrapGuard.refusals` takes for each URL:
1. shapes no real page has: a URL or a query too long, a query parameter or a worded path segment
   repeated (`trap_shape`);
2. a URL counted before (already in the crawl) passes;
3. a new URL is counted under its pattern (`url_pattern`: short numbers and dates as "#", query
   values dropped bar identifiers); beyond `max_per_pattern` URLs, the pattern is a trap.
The counts live where the guard is told (`TrapCounts`): the crawl keeps them in its state, so a
resumed crawl goes on counting where it stopped instead of starting again.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple, Protocol
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2048
MAX_QUERY_LENGTH = 300
MAX_SEGMENT_REPEATS = 2  # /a/b/a/b/a/b: a worded path segment three times is a loop
MAX_PARAM_REPEATS = 2  # ?x=1&x=1&x=1: a parameter growing on every link
MAX_PER_PATTERN = 200
DIGITS = re.compile(r"\d+")
SHORT_NUMBER_DIGITS = 4  # years, months, days, page numbers
# Digit runs that read as a calendar day or month, however written: 202401, 20240101, 01012024,
# 12312024, 202401011230, 20240101123000.
DATE_LENGTHS = (6, 8, 12, 14)
FIRST_YEAR, LAST_YEAR = 1900, 2099


class TrapCounts(Protocol):
    """Where a guard keeps what it has counted."""

    def known(self, urls: Sequence[str]) -> set[str]:
        """Those of the URLs counted before."""
        ...

    def pattern_counts(self, patterns: Sequence[str]) -> dict[str, int]:
        """How many URLs were counted under each of the patterns (absent: none)."""
        ...

    def record(self, admitted: Sequence[tuple[str, str]]) -> None:
        """(url, pattern) of the URLs newly admitted."""
        ...


class MemoryTrapCounts:
    """The counts in memory: for a guard used on its own."""

    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.patterns: Counter[str] = Counter()

    def known(self, urls: Sequence[str]) -> set[str]:
        return {url for url in urls if url in self.urls}

    def pattern_counts(self, patterns: Sequence[str]) -> dict[str, int]:
        return {pattern: self.patterns[pattern] for pattern in patterns if pattern in self.patterns}

    def record(self, admitted: Sequence[tuple[str, str]]) -> None:
        for url, pattern in admitted:
            self.urls.add(url)
            self.patterns[pattern] += 1


class LinkTrapGuard:
    """Numbers of 5 digits or more that are not dates stay in a pattern: they are identifiers, and
    counting /story/123456 and /story/123457 as one pattern would cap a whole site."""

    def __init__(self, counts: TrapCounts | None = None, max_per_pattern: int = MAX_PER_PATTERN,
                 max_query_length: int = MAX_QUERY_LENGTH) -> None:
        self.counts: TrapCounts = counts if counts is not None else MemoryTrapCounts()
        self.max_per_pattern = max_per_pattern
        self.max_query_length = max_query_length
        self.rejected: Counter[str] = Counter()  # why URLs were refused

    def allow(self, url: str) -> bool:
        return not self.refusals([url])

    def refusals(self, urls: Sequence[str]) -> dict[str, str]:
        """The URLs refused, with why; the others are admitted and counted."""
        refused: dict[str, str] = {}
        patterns: dict[str, str] = {}
        for url in dict.fromkeys(urls):
            parts = _parts(url)
            reason = _trap_shape(url, parts, self.max_query_length)
            if reason is not None:
                refused[url] = reason
            else:
                patterns[url] = _pattern(parts)
        known = self.counts.known(list(patterns)) if patterns else set()
        new = {url: pattern for url, pattern in patterns.items() if url not in known and pattern}
        counted = Counter(self.counts.pattern_counts(list(set(new.values()))))
        admitted = []
        for url, pattern in new.items():
            if counted[pattern] >= self.max_per_pattern:
                refused[url] = "too many URLs of one pattern"
                continue
            counted[pattern] += 1
            admitted.append((url, pattern))
        if admitted:
            self.counts.record(admitted)
        self.rejected.update(refused.values())
        return refused


class _Parts(NamedTuple):
    netloc: str
    path: str
    query: str


def _parts(url: str) -> _Parts:
    """netloc, path and query: by string operations for the URLs `normalize_url` writes (a sitemap
    brings 50,000 at once), by urlsplit for any other."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme not in ("http", "https"):
        parts = urlsplit(url)
        return _Parts(parts.netloc, parts.path, parts.query)
    rest = rest.partition("#")[0]
    rest, _, query = rest.partition("?")
    netloc, slash, path = rest.partition("/")
    return _Parts(netloc, slash + path, query)


def trap_shape(url: str, max_query_length: int = MAX_QUERY_LENGTH) -> str | None:
    """Why the URL's shape is a trap's (too long, a parameter or a worded segment repeated), or None."""
    return _trap_shape(url, _parts(url), max_query_length)


def _trap_shape(url: str, parts: _Parts, max_query_length: int) -> str | None:
    if len(url) > MAX_URL_LENGTH:
        return "url too long"
    if len(parts.query) > max_query_length:
        return "query too long"
    if parts.query.count("&") >= MAX_PARAM_REPEATS:
        keys = [pair.partition("=")[0] for pair in parts.query.split("&") if pair]
        if max(Counter(keys).values(), default=0) > MAX_PARAM_REPEATS:
            return "repeated query parameter"
    if parts.path.count("/") > MAX_SEGMENT_REPEATS:
        worded = [segment for segment in parts.path.split("/") if segment and not segment.isdigit()]
        if max(Counter(worded).values(), default=0) > MAX_SEGMENT_REPEATS:
            return "repeated path segment"
    return None


def url_pattern(url: str) -> str:
    """host + path with short numbers and dates as "#" + the sorted query keys, each with its value
    only when the value is an identifier (5 digits or more and not a date, as ?p=48213); "" for a
    URL that is its own pattern (nothing in it varies), which needs no counting."""
    return _pattern(_parts(url))


def _pattern(parts: _Parts) -> str:
    pairs = [pair.partition("=") for pair in parts.query.split("&") if pair]
    path = DIGITS.sub(_collapsed, parts.path)
    keys = sorted({key + (f"={value}" if is_identifier(value) else "") for key, _, value in pairs})
    if "#" not in path and all("=" in key for key in keys):
        return ""
    return f"{parts.netloc}{path}?{'&'.join(keys)}"


def _collapsed(match: re.Match[str]) -> str:
    digits = match.group()
    return digits if is_identifier(digits) else "#"


def is_identifier(value: str) -> bool:
    """A number of 5 digits or more that does not read as a date: a page's id."""
    return value.isdigit() and len(value) > SHORT_NUMBER_DIGITS and not is_date_like(value)


def is_date_like(digits: str) -> bool:
    """YYYYMM, YYYYMMDD, DDMMYYYY, MMDDYYYY, or YYYYMMDD followed by a time of day."""
    if len(digits) not in DATE_LENGTHS:
        return False
    if len(digits) == 6:
        return FIRST_YEAR <= int(digits[:4]) <= LAST_YEAR and 1 <= int(digits[4:]) <= 12
    day = digits[:8]
    return any(_is_day(*fields) for fields in ((day[:4], day[4:6], day[6:]), (day[4:], day[2:4], day[:2]),
                                                (day[4:], day[:2], day[2:4])))


def _is_day(year: str, month: str, day: str) -> bool:
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        return False
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True
