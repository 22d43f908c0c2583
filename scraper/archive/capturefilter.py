"""Which captures of a collection to keep: a domain, and a window on the capture date.

Shared by `scraper parse` (local, parallel or on Dask) and `scraper wayback`. The window is on the
*capture* time (WARC-Date, an ARC record's date, a Wayback timestamp), not on the date an article
says it was published: an archivist slicing CC-NEWS by month asks for what was captured then.

Date bounds are written YYYY, YYYY-MM or YYYY-MM-DD, or without the dashes as the Wayback Machine
writes them; a bound names a whole period, so `--from 2021 --to 2021` keeps everything captured in
2021. (`scraper crawl` reads its publication-day window with the same `parse_date_bound`.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..errors import UsageError

DATE_BOUND = re.compile(r"^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?$")
# WARC-Date (ISO 8601, "Z" or an offset, maybe fractional seconds) or a 14-digit ARC/CDX timestamp.
DIGITS_TIMESTAMP = re.compile(r"^\d{4,14}$")


@dataclass(frozen=True)
class DateBound:
    """A period named by YYYY, YYYYMM or YYYYMMDD: its first instant and the one just after it."""

    first: datetime
    after: datetime
    digits: str  # the bound as the CDX server API takes it

    @property
    def shown(self) -> str:
        """The bound as YYYY, YYYY-MM or YYYY-MM-DD."""
        return "-".join(part for part in (self.digits[:4], self.digits[4:6], self.digits[6:8]) if part)


def parse_date_bound(text: str) -> DateBound:
    """Read YYYY, YYYY-MM, YYYY-MM-DD (or YYYYMM, YYYYMMDD); UsageError for anything else."""
    match = DATE_BOUND.match(text.strip())
    if not match:
        raise UsageError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-01-31)")
    year = int(match.group(1))
    month, day = (int(part) if part else None for part in match.groups()[1:])
    try:
        first = datetime(year, month or 1, day or 1, tzinfo=UTC)
    except ValueError:
        raise UsageError(f"not a date: {text!r} (no such day)") from None
    if day is not None:
        after = datetime.fromordinal(first.toordinal() + 1).replace(tzinfo=UTC)
    elif month is not None:
        after = first.replace(year=year + month // 12, month=month % 12 + 1)
    else:
        after = first.replace(year=year + 1)
    return DateBound(first, after, "".join(part for part in match.groups() if part))


def check_window(start: DateBound | None, end: DateBound | None, what: str) -> None:
    """UsageError for a window that ends before it starts: it could keep nothing."""
    if start is not None and end is not None and end.after <= start.first:
        raise UsageError(f"--from {start.shown} is after --to {end.shown}: no {what} could be kept (swap them?)")


def capture_time(value: str | None) -> datetime | None:
    """A capture time from a WARC-Date, an ARC date or a CDX timestamp; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        if DIGITS_TIMESTAMP.match(value):
            # A short timestamp names the start of its period: "202103" is 1 March 2021.
            padded = value[:4] + (value[4:6] or "01") + (value[6:8] or "01") + value[8:].ljust(6, "0")
            return datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def normalise_domain(text: str) -> str:
    """ "https://www.Example.com/" -> "example.com": the host part, lower-cased, without www."""
    host = urlsplit(text if "//" in text else "//" + text).hostname or text
    return host.lower().rstrip(".").removeprefix("www.")


@dataclass(frozen=True)
class CaptureFilter:
    """Keep a capture when its host is `domain` or a subdomain of it, and it falls in the window."""

    domain: str | None = None
    start: DateBound | None = None
    end: DateBound | None = None

    def __post_init__(self) -> None:
        check_window(self.start, self.end, "capture")

    @classmethod
    def from_options(cls, domain: str | None, start: str | None, end: str | None) -> CaptureFilter:
        return cls(normalise_domain(domain) if domain else None,
                   parse_date_bound(start) if start else None,
                   parse_date_bound(end) if end else None)

    def keeps_url(self, url: str | None) -> bool:
        if self.domain is None:
            return True
        try:
            host = (urlsplit(url or "").hostname or "").rstrip(".")
        except ValueError:
            return False
        return host == self.domain or host.endswith("." + self.domain)

    def keeps_time(self, when: datetime | None) -> bool:
        """A capture with no readable date is kept only when no window was asked for."""
        if self.start is None and self.end is None:
            return True
        if when is None:
            return False
        if self.start is not None and when < self.start.first:
            return False
        return self.end is None or when < self.end.after

    def keeps(self, url: str | None, captured: str | datetime | None) -> bool:
        when = captured if isinstance(captured, datetime) or captured is None else capture_time(captured)
        return self.keeps_url(url) and self.keeps_time(when)



KEEP_ALL = CaptureFilter()  # no domain, no window
