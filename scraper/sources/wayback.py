"""`scraper wayback`: a URL's (or a site's) history from the Wayback Machine, as dated records.

The steps:
1. list the captures through the CDX server API (`scraper.cdx`), one page of rows at a time;
2. fetch each capture's original bytes from the replay endpoint (`{replay}/{timestamp}id_/{url}`:
   the payload as archived, without the archive's banner), following a redirect to a neighbouring
   timestamp and keeping that timestamp;
3. archive it in the run's WARC files, dated at the capture time, with the original headers
   (which the archive hands back as X-Archive-Orig-*);
4. extract the record, dated at the capture time (`fetched_at`), with `archive.source = "wayback"`
   and the capture's timestamp; identical captures of a URL are extracted once.

The run is a frontier like a crawl's (`scraper.frontier`, in DIR/state.sqlite): each CDX page and
each capture is a URL to visit. A page, once read, queues its captures and then the next page in
one transaction, so a run killed at any moment resumes where it stopped, and records come out in
CDX order: by URL, then by time. A record is keyed by (URL, capture timestamp).

The public service limits CDX queries to a few dozen a minute and blocks clients that ignore its
429s: requests go one at a time, `delay` seconds apart, and a 429 pauses the run for at least a
minute.
"""
from __future__ import annotations

import re
import time
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

from .._version import __version__
from ..archive.capturefilter import capture_time
from ..archive.jsonl import JsonlWriter, read_records, repair_torn_tail
from ..archive.warc import WarcArchive, recover_warc_files
from ..crawler.fetcher import Fetcher, FetchPolicy
from ..crawler.folderlock import folder_lock
from ..crawler.frontier import DONE, FAILED, LISTING, PAGE, SKIPPED, Discovered, Frontier, Item
from ..crawler.retry import Retry, RetryPolicy, retrying
from ..errors import ArchiveThrottled, ArchiveUnavailable, FetchError, RunMismatchError
from ..exchange import (
    HTML_MEDIA_TYPES,
    REDIRECT_STATUSES,
    RETRYABLE_STATUSES,
    Exchange,
    decoded_body,
    parse_retry_after,
    warc_date,
)
from ..extract import extract
from ..record import Article
from .cdx import (
    DEFAULT_CDX_ENDPOINT,
    DEFAULT_PAGE_SIZE,
    CdxQuery,
    CdxRow,
    collapse_adjacent,
    collapse_field,
    collapse_value,
    read_cdx_page,
)

DEFAULT_REPLAY_ENDPOINT = "https://web.archive.org/web"
DEFAULT_DELAY = 3.0  # seconds between two requests to the archive
# Four more tries after a 429, a 5xx or a network error, the first 5 s later, doubling; a 429 pauses
# for at least a minute: the public service blocks clients that hurry.
ARCHIVE_RETRIES = RetryPolicy(retries=4, backoff=5.0, throttle_wait=60.0)
MAX_REPLAY_REDIRECTS = 5
# Identical captures of a URL sit next to each other in CDX order, so a small cache of extracted
# pages catches nearly every repeat.
PARSED_CACHE_SIZE = 64
REPLAY_PATH = re.compile(r"^/(\d{1,14})(?:[a-z]{2}_)?/(.+)$")
# Original headers that describe the original transfer, not the payload the archive hands back.
TRANSFER_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})
# The archive's own headers that describe the payload as we received it.
PAYLOAD_HEADERS = ("Content-Type", "Content-Encoding")
ORIGINAL_HEADER_PREFIX = "x-archive-orig-"


@dataclass(frozen=True)
class WaybackConfig:
    query: CdxQuery
    out_dir: Path
    cdx_endpoint: str = DEFAULT_CDX_ENDPOINT
    replay_endpoint: str = DEFAULT_REPLAY_ENDPOINT
    delay: float = DEFAULT_DELAY
    retry: RetryPolicy = ARCHIVE_RETRIES
    page_size: int = DEFAULT_PAGE_SIZE
    user_agent: str | None = None
    fetch: FetchPolicy = field(default_factory=FetchPolicy)

    def identity(self) -> dict[str, object]:
        """What makes two runs the same run: the query and the archive asked (not the pace)."""
        return {"command": "wayback", "query": self.query.to_json(), "cdx_endpoint": self.cdx_endpoint,
                "replay_endpoint": self.replay_endpoint.rstrip("/")}


@dataclass(frozen=True)
class WaybackSummary:
    out_dir: Path
    captures_listed: int
    records_written: int
    failed: tuple[tuple[str, str], ...]
    throttled: int  # 429s met (each followed by a long pause)
    interrupted: bool = False  # stopped by Ctrl-C
    unavailable: str | None = None  # why the run stopped early: the archive would not answer
    unreachable: bool = False  # ... because it could not be reached at all (no network, no such host)
    elapsed: float = 0.0


@dataclass(frozen=True)
class ListingPosition:
    """Where a CDX page stands in the whole listing: the captures queued before it, and the collapse
    value of the last one (the server forgets it between pages). It travels in the page URL's
    fragment, so it is stored with the page in the frontier and never sent to the server."""

    captures_before: int = 0
    last_value: str | None = None

    def fragment(self) -> str:
        pairs = [("captures", str(self.captures_before))]
        if self.last_value is not None:
            pairs.append(("last", self.last_value))
        return urlencode(pairs)

    @classmethod
    def from_fragment(cls, fragment: str) -> ListingPosition:
        values = dict(parse_qsl(fragment))
        return cls(int(values.get("captures", 0)), values.get("last"))


class PoliteClient:
    """One request at a time to the archive, `delay` apart; a 429, a 5xx or a network error is
    retried as the config's retry policy says (a 429 pausing longest)."""

    def __init__(self, config: WaybackConfig) -> None:
        self.config = config
        self.fetcher = Fetcher(config.fetch, config.user_agent)
        self.throttled = 0
        self._last_request = float("-inf")

    def get(self, url: str) -> Exchange:
        answer = retrying(lambda: self._try(url), self._worth_retrying, self.config.retry)
        if isinstance(answer, FetchError):
            if answer.unreachable:
                raise ArchiveUnavailable(f"cannot reach {urlsplit(url).netloc}: {answer}") from answer
            raise ArchiveUnavailable(f"{url}: {answer}") from answer
        if answer.status in RETRYABLE_STATUSES:
            failure = ArchiveThrottled if answer.status == 429 else ArchiveUnavailable
            raise failure(f"{url}: HTTP {answer.status} after {self.config.retry.retries + 1} attempts")
        return answer

    def _try(self, url: str) -> Exchange | FetchError:
        self._keep_pace()
        try:
            return self.fetcher.exchange(url)
        except FetchError as error:
            if error.unreachable:  # nothing reached the archive: the next try need not wait for the pace
                self._last_request = float("-inf")
            return error

    def _worth_retrying(self, answer: Exchange | FetchError) -> Retry | None:
        if isinstance(answer, FetchError):
            return Retry(unreachable=answer.unreachable) if answer.retryable else None
        if answer.status not in RETRYABLE_STATUSES:
            return None
        self.throttled += answer.status == 429
        return Retry(parse_retry_after(answer.header("retry-after")), throttled=answer.status == 429)

    def _keep_pace(self) -> None:
        wait = self._last_request + self.config.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_request = time.monotonic()

    def close(self) -> None:
        self.fetcher.close()


def replay_url(replay_endpoint: str, timestamp: str, original: str) -> str:
    return f"{replay_endpoint.rstrip('/')}/{timestamp}id_/{original}"


def read_replay_url(replay_endpoint: str, url: str) -> tuple[str, str] | None:
    """(timestamp, original) from a replay URL under the endpoint, with or without a flag like id_."""
    prefix = replay_endpoint.rstrip("/")
    match = REPLAY_PATH.match(url[len(prefix):]) if url.startswith(prefix + "/") else None
    if not match:
        return None
    return match.group(1).ljust(14, "0"), match.group(2)


def capture_key(url: str, timestamp: str) -> str:
    """A Wayback record's identity: one per URL and capture time."""
    return f"{url} {timestamp}"


def original_headers(exchange: Exchange) -> tuple[tuple[str, str], ...]:
    """The headers the site sent, as the archive hands them back (X-Archive-Orig-*), with those
    that described the original transfer replaced by the ones that describe the payload we hold."""
    payload_headers = tuple((name, value) for name in PAYLOAD_HEADERS if (value := exchange.header(name)))
    replaced = TRANSFER_HEADERS | {name.lower() for name, _ in payload_headers}
    original = ((name[len(ORIGINAL_HEADER_PREFIX):], value) for name, value in exchange.headers
                if name.lower().startswith(ORIGINAL_HEADER_PREFIX))
    return tuple((name, value) for name, value in original if name.lower() not in replaced) + payload_headers


class WaybackRun:
    """One run into one output folder: the frontier, the WARC files, the JSONL file."""

    def __init__(self, config: WaybackConfig) -> None:
        self.config = config
        out = config.out_dir
        self.frontier = Frontier(out / "state.sqlite")
        try:
            self.resumed = self.frontier.claim(config.identity(), out)
        except RunMismatchError as error:
            self.frontier.close()
            # The frontier's message speaks of seeds and scope; a Wayback run is told by its query.
            raise RunMismatchError(
                f"{out} holds another run (a crawl, or a different query or archive); resuming needs the "
                f"same URL and options. To start this one, choose a new folder, for example "
                f"--out {out.with_name(out.name + '-2')}") from error
        self.client = PoliteClient(config)
        warc_dir = out / "warc"
        recover_warc_files(warc_dir, self.frontier)
        self.archive = WarcArchive(warc_dir, self.frontier, {
            "software": f"scraper/{__version__}", "format": "WARC File Format 1.1",
            "description": "Wayback Machine captures fetched by scraper wayback",
            "scraper-query": config.query.to_json(), "scraper-replay": config.replay_endpoint})
        self.jsonl = out / "articles.jsonl"
        # A crash between writing a line and recording its key leaves a line SQLite does not know.
        repair_torn_tail(self.jsonl)
        self.frontier.add_written(capture_key(record.get("url") or "", (record.get("archive") or {})
                                             .get("capture_timestamp") or "")
                                  for record in read_records(self.jsonl))
        self.frontier.requeue_in_flight()
        self.writer = JsonlWriter(self.jsonl)
        self.parsed: OrderedDict[tuple[str, str], Article] = OrderedDict()
        self.listed = 0
        if not self.resumed:
            self.frontier.add([Discovered(self.page_url(None, ListingPosition()), LISTING, 0)])

    def close(self) -> None:
        self.archive.close()
        self.writer.close()
        self.client.close()
        self.frontier.close()

    # --- the loop ---------------------------------------------------------------------------------

    def run(self) -> WaybackSummary:
        started = time.monotonic()
        interrupted = False
        unavailable = None
        unreachable = False
        item: Item | None = None
        try:
            while True:
                ready = self.frontier.ready(time.time(), set(), 1)
                if not ready:
                    break
                item = ready[0]
                self.frontier.start([item])
                self.visit(item)
                item = None
        except KeyboardInterrupt:
            interrupted = True
            if item is not None:
                self.frontier.return_to_queue([item.url])
        except ArchiveUnavailable as error:
            # A CDX page the archive will not give now, or 429s through every pause: stop, and let a
            # later run resume there.
            unavailable = str(error)
            unreachable = isinstance(error.__cause__, FetchError) and error.__cause__.unreachable
            if item is not None:
                self.frontier.retry_later(item.url, 0, unavailable)
        return WaybackSummary(self.config.out_dir, self.listed, self.frontier.written_count(),
                              tuple(self.frontier.failures()), self.client.throttled, interrupted,
                              unavailable, unreachable, time.monotonic() - started)

    def visit(self, item: Item) -> None:
        if item.kind == LISTING:
            self.list_page(item)
            return
        try:
            self.fetch_capture(item)
        except ArchiveThrottled:
            raise
        except ArchiveUnavailable as error:
            # One capture the archive will not serve does not stop the run; it is reported.
            self.frontier.finish(item.url, FAILED, str(error))

    # --- step 1: list -------------------------------------------------------------------------------

    def page_url(self, resume_key: str | None, position: ListingPosition) -> str:
        query = self.config.query
        size = self.config.page_size
        if query.limit is not None:
            size = min(size, query.limit - position.captures_before)
        return (f"{self.config.cdx_endpoint}?{urlencode(query.params(size, resume_key))}"
                f"#{position.fragment()}")

    def list_page(self, item: Item) -> None:
        """Read one CDX page; queue its captures and the next page together."""
        request_url, fragment = urldefrag(item.url)
        position = ListingPosition.from_fragment(fragment)
        exchange = self.client.get(request_url)
        if exchange.status != 200:
            raise ArchiveUnavailable(f"the CDX server answered HTTP {exchange.status} to {request_url}")
        try:
            page = read_cdx_page(decoded_body(exchange, self.config.fetch.max_bytes).data.decode("utf-8", "replace"))
        except ValueError as error:
            raise ArchiveUnavailable(f"the CDX server's answer to {request_url} is unreadable: {error}") from error
        rule = collapse_field(self.config.query.collapse)
        previous = _row_with(rule, position.last_value) if position.last_value is not None else None
        rows = [row for row in collapse_adjacent(page.rows, self.config.query.collapse, previous)
                if row.timestamp.isdigit() and row.original not in ("", "-")]  # a malformed row is no capture
        limit = self.config.query.limit
        if limit is not None:
            rows = rows[: max(0, limit - position.captures_before)]
        found = [Discovered(replay_url(self.config.replay_endpoint, row.timestamp, row.original), PAGE,
                            item.depth + 1) for row in rows]
        after = ListingPosition(position.captures_before + len(rows),
                                collapse_value(rows[-1], rule) if rule and rows else position.last_value)
        more = page.resume_key and (limit is None or after.captures_before < limit)
        if more:
            # Queued after this page's captures at the same depth, so it is read once they are done.
            found.append(Discovered(self.page_url(page.resume_key, after), LISTING, item.depth + 1))
        self.listed += len(rows)
        self.frontier.finish(item.url, DONE, found=found)

    # --- steps 2 to 4: fetch, archive, extract --------------------------------------------------------

    def fetch_capture(self, item: Item) -> None:
        replay = read_replay_url(self.config.replay_endpoint, item.url)
        assert replay is not None, item.url  # queued by `list_page` as a replay URL
        timestamp, original = replay
        if self.frontier.is_written(capture_key(original, timestamp)):  # written just before a crash
            self.frontier.finish(item.url, DONE)
            return
        exchange, timestamp = self.follow_replay(item.url, timestamp, original)
        if exchange.status != 200:
            self.frontier.finish(item.url, FAILED, f"the archive answered HTTP {exchange.status}")
            return
        key = capture_key(original, timestamp)
        if self.frontier.is_written(key):  # a redirect led to a capture already recorded
            self.frontier.finish(item.url, DONE)
            return
        captured = capture_time(timestamp)
        assert captured is not None, timestamp  # digits, checked by `list_page`
        archived = replace(exchange, url=original, headers=original_headers(exchange),
                           request_headers=(("Host", urlsplit(original).netloc),), date=warc_date(captured))
        capture = self.archive.write((archived,))[0]
        if archived.content_type not in HTML_MEDIA_TYPES:
            self.frontier.finish(item.url, SKIPPED, f"not HTML: {archived.content_type}")
            return
        article = self.extracted(archived, capture.payload_digest, captured)
        pointer = replace(capture.pointer(), source="wayback", capture_timestamp=timestamp)
        self.writer.write(article.replace(fetched_at=captured.isoformat(timespec="seconds"),
                                          archive=pointer).to_dict())
        self.frontier.finish(item.url, DONE, written_key=key)

    def follow_replay(self, url: str, timestamp: str, original: str) -> tuple[Exchange, str]:
        """The capture's response, following the archive's redirects to neighbouring captures; the
        timestamp of the capture actually served."""
        for _ in range(MAX_REPLAY_REDIRECTS + 1):
            exchange = self.client.get(url)
            target = exchange.location if exchange.status in REDIRECT_STATUSES else None
            if target is None:
                return exchange, timestamp
            neighbour = read_replay_url(self.config.replay_endpoint, target)
            if neighbour is None:
                raise ArchiveUnavailable(f"{url}: redirected out of the archive, to {target}")
            # Ask for the neighbour's original bytes (id_), whatever flag the redirect carried.
            timestamp = neighbour[0]
            url = replay_url(self.config.replay_endpoint, timestamp, neighbour[1])
        raise ArchiveUnavailable(f"{url}: more than {MAX_REPLAY_REDIRECTS} redirects in the archive")

    def extracted(self, exchange: Exchange, digest: str | None, captured: datetime) -> Article:
        """Extract once per (URL, payload): a later identical capture reuses the first extraction,
        whose capture time is the better anchor for relative dates ("2 days ago") anyway."""
        cache_key = (exchange.url, digest or "")
        if digest and cache_key in self.parsed:
            self.parsed.move_to_end(cache_key)
            return self.parsed[cache_key]
        body = decoded_body(exchange, self.config.fetch.max_bytes)
        article = extract(body.data, exchange.url, encoding=exchange.charset, fetched_at=captured)
        if digest:
            self.parsed[cache_key] = article
            if len(self.parsed) > PARSED_CACHE_SIZE:
                self.parsed.popitem(last=False)
        return article


def _row_with(rule: tuple[str, int | None] | None, value: str) -> CdxRow:
    """A stand-in for the previous page's last row, carrying only its collapse value."""
    values = dict.fromkeys(("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest"), "")
    if rule:
        values[rule[0]] = value
    return CdxRow(**values, length=None)


def run_wayback(config: WaybackConfig) -> WaybackSummary:
    with folder_lock(config.out_dir, "scraper wayback"):
        run = WaybackRun(config)
        try:
            return run.run()
        finally:
            run.close()
