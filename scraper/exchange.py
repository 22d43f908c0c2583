"""One HTTP request and its response, as exchanged: the type every layer that touches HTTP shares.

The crawl's fetcher makes them, the WARC writer archives them, the Wayback source replays them; so
they live below all three, with what reading one needs: its media type and charset, its body
without its content-encoding (inflated under a cap), and its Retry-After.
"""
from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

from .compression import inflate

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Statuses worth asking again later: the server is overloaded or had a passing fault.
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its response, as sent and as received."""

    url: str
    request_headers: tuple[tuple[str, str], ...]
    protocol: str  # "HTTP/1.1"
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    payload: bytes  # the body as received: content-encoding intact, chunked framing removed
    date: str  # when the request was sent, ISO 8601 UTC to the second (the WARC-Date)
    truncated: bool = False  # the body was cut at the size cap

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)

    @property
    def content_type(self) -> str | None:
        media_type, _ = parse_content_type(self.header("content-type"))
        return media_type

    @property
    def charset(self) -> str | None:
        _, charset = parse_content_type(self.header("content-type"))
        return charset

    @property
    def location(self) -> str | None:
        target = self.header("location")
        return urljoin(self.url, target.strip()) if target and self.status in REDIRECT_STATUSES else None


@dataclass(frozen=True)
class DecodedBody:
    data: bytes
    complete: bool  # False when the decoded body reached the cap or the encoding was unreadable


def decoded_body(exchange: Exchange, cap: int) -> DecodedBody:
    """The body with its content-encoding(s) removed, at most `cap` bytes."""
    encodings = [token.strip().lower() for token in (exchange.header("content-encoding") or "").split(",")]
    data = exchange.payload
    complete = True
    # Codings are listed in the order they were applied, so they come off in reverse.
    for coding in reversed([c for c in encodings if c and c != "identity"]):
        inflated = inflate(data, cap, coding)
        if inflated.error is not None and not inflated.data:
            return DecodedBody(b"", False)
        data = inflated.data
        complete = complete and inflated.complete
    return DecodedBody(data, complete)


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """("text/html", "utf-8") from 'text/html; charset="UTF-8"'; the charset as declared, lower-cased."""
    if not value:
        return None, None
    media_type, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip().strip("\"'"):
            charset = val.strip().strip("\"'").lower()
    return media_type.strip().lower() or None, charset


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def warc_date(moment: datetime) -> str:
    """A moment as a WARC-Date: ISO 8601 in UTC, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
