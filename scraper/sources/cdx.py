"""Listing captures through the Wayback Machine's CDX server API.

One query names a URL (or a prefix, host or domain), a date window and a collapse rule; the server
answers in JSON, a header row then one row a capture, sorted by SURT key then timestamp. Big answers
come in pages: with `showResumeKey=true` and a `limit`, a cut answer ends with an empty row and then
a row holding the key that continues it (`resumeKey=`).

Only successful HTML captures are asked for (`filter=statuscode:200`, `filter=mimetype:text/html`).
`collapse` drops a row when the named field equals the previous row's, adjacent rows only, as the
server does; the server forgets the previous row between pages, so the client applies the rule
again across page boundaries (doing it twice changes nothing within a page).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from ..errors import UsageError

DEFAULT_CDX_ENDPOINT = "https://web.archive.org/cdx/search/cdx"
CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
MATCH_TYPES = ("exact", "prefix", "host", "domain")
SUCCESSFUL_HTML = ("statuscode:200", "mimetype:text/html")
# Rows asked for per query: big enough that a site's history is a handful of queries, small
# enough that one answer is quick for the server to build.
DEFAULT_PAGE_SIZE = 1000


@dataclass(frozen=True)
class CdxRow:
    urlkey: str
    timestamp: str
    original: str
    mimetype: str
    statuscode: str
    digest: str
    length: int | None

    @classmethod
    def from_values(cls, header: list[str], values: list[str]) -> CdxRow:
        named = dict(zip(header, values))
        length = named.get("length", "-")
        urlkey, timestamp, original, mimetype, statuscode, digest = (named.get(name, "-") for name in CDX_FIELDS[:-1])
        return cls(urlkey, timestamp, original, mimetype, statuscode, digest,
                   length=int(length) if length.isdigit() else None)


@dataclass(frozen=True)
class CdxPage:
    rows: tuple[CdxRow, ...]
    resume_key: str | None  # None: the listing is complete


@dataclass(frozen=True)
class CdxQuery:
    url: str
    match: str = "exact"
    start: str | None = None  # YYYY[MM[DD...]] digits, as the API takes them
    end: str | None = None
    collapse: str | None = None  # "digest", "urlkey" or "timestamp:N"
    limit: int | None = None  # captures in all, over every page

    def __post_init__(self) -> None:
        if self.match not in MATCH_TYPES:
            raise UsageError(f"match must be one of {', '.join(MATCH_TYPES)}, not {self.match!r}")
        collapse_field(self.collapse)  # raises on a rule the API does not have

    def params(self, page_size: int, resume_key: str | None) -> list[tuple[str, str]]:
        """The query string of one page: at most `page_size` rows, continuing after `resume_key`."""
        params = [("url", self.url), ("matchType", self.match), ("output", "json"),
                  ("fl", ",".join(CDX_FIELDS)), ("showResumeKey", "true"), ("limit", str(page_size))]
        params += [("filter", rule) for rule in SUCCESSFUL_HTML]
        params += [(name, value) for name, value in
                   (("from", self.start), ("to", self.end), ("collapse", self.collapse)) if value]
        if resume_key:
            params.append(("resumeKey", resume_key))
        return params

    def to_json(self) -> str:
        """The query as stored with a run's state, to recognise the same run on resume."""
        return json.dumps(asdict(self), sort_keys=True)


def collapse_field(rule: str | None) -> tuple[str, int | None] | None:
    """ "timestamp:6" -> ("timestamp", 6); "digest" -> ("digest", None)."""
    if not rule:
        return None
    name, _, width = rule.partition(":")
    if name not in CDX_FIELDS or (width and not width.isdigit()):
        raise UsageError(f"collapse must be a field name with an optional :N, such as digest, "
                         f"urlkey or timestamp:8, not {rule!r}")
    return name, int(width) if width else None


def collapse_value(row: CdxRow, rule: tuple[str, int | None]) -> str:
    name, width = rule
    value = str(getattr(row, name))
    return value[:width] if width else value


def collapse_adjacent(rows: Iterable[CdxRow], rule: str | None,
                      previous: CdxRow | None = None) -> Iterator[CdxRow]:
    """Drop each row whose collapse field equals the row kept just before it. `previous` is the
    last row of the page before, so a run of equal rows split by a page boundary still collapses."""
    parsed = collapse_field(rule)
    last = collapse_value(previous, parsed) if parsed and previous else None
    for row in rows:
        if parsed:
            value = collapse_value(row, parsed)
            if value == last:
                continue
            last = value
        yield row


def read_cdx_page(payload: str) -> CdxPage:
    """Parse one JSON answer: the header row, the capture rows, and the resume key if cut.

    An empty answer (no captures at all) is "" or "[]" from the server. Raise ValueError on an
    answer that is not a CDX table (an error page served with status 200, say)."""
    table = json.loads(payload) if payload.strip() else []
    if not isinstance(table, list) or not all(isinstance(row, list) for row in table):
        raise ValueError("not a CDX JSON table")
    if not table:
        return CdxPage((), None)
    header, *body = table
    resume_key = None
    if len(body) >= 2 and body[-2] == [] and len(body[-1]) == 1:
        resume_key = body[-1][0]
        body = body[:-2]
    rows = tuple(CdxRow.from_values(header, values) for values in body if len(values) == len(header))
    return CdxPage(rows, resume_key)
