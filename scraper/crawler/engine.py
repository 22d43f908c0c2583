"""The crawl engine: seeds in; WARC snapshots, article records and a resumable state out.

One scheduling thread owns every piece of state (the SQLite frontier, the WARC files, the JSONL
file); worker threads download, and a reader thread works out what each page says (`reading`:
parsing and extraction, which hold no state) while the scheduler stores the next one. The loop,
in steps:
1. hand due URLs to free workers: one request at a time per host (`hosts`), `concurrency` hosts at
   once, within the page budget and the budget of sitemaps and feeds (`budget`); a host's
   robots.txt first (`robots`, asked again later when it answers 429 or 5xx);
2. wait for a download or a reading to finish (or for the next URL to come due);
3. archive every exchange a download made (`scraper.archive.warc`);
4. retry it later as the retry policy says (`retry`), or record its failure; or hand its final
   response to the reader (the host is free again meanwhile);
5. take what a reading says: a sitemap or feed queues its entries; an HTML page queues its links
   and, when it is an article, becomes a record in the JSONL file, exactly once; every URL queued
   comes through the gate (`gate`);
6. close the URL in the frontier, with what it led to;
7. every few pages (or when idle), make the batch durable (`batch`).
A kill -9 at any point loses nothing: see `frontier`, `batch`, `scraper.archive.warc` and
`scraper.archive.jsonl` for the protocol. Ctrl-C or SIGTERM stops the loop within STOP_GRACE or
two: no new request, the downloads in flight cut after STOP_GRACE, only the page in hand read; what
was left goes back to the queue for the next run (a second signal ends at once). One run at a time
holds the folder (`folderlock`); a new run first queues again what failed for a reason that can
pass in an earlier one (`retry`).
"""
from __future__ import annotations

import contextlib
import json
import logging
import signal
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from .._version import __version__
from ..archive.jsonl import JsonlWriter, article_key, keys_in_file, repair_torn_tail
from ..archive.warc import MAX_FILE_BYTES, Capture, WarcArchive, recover_warc_files
from ..discover.scope import Scope, ScopeMode
from ..discover.urls import host_of, normalize_url
from ..errors import UsageError
from ..exchange import Exchange, warc_date
from .batch import DurableBatch
from .budget import LISTING_KINDS, ListingBudget, ListingLimits
from .budget import SPENT as LISTINGS_SPENT
from .fetcher import Fetcher, FetchPolicy, FetchResult
from .folderlock import folder_lock
from .frontier import BUDGET_KINDS, DONE, FAILED, GUESS, LISTING, REQUISITE, SKIPPED, Discovered, Frontier, Item
from .gate import ScopeGate
from .hosts import HostSlots
from .progress import progress_bar
from .reading import (
    OUTSIDE_WINDOW,
    ArchivedOnly,
    FeedReading,
    PageReading,
    Reading,
    ReadingRules,
    SitemapReading,
    Unreadable,
    read_response,
)
from .retry import RetryPolicy
from .robots import ROBOTS_MAX_BYTES, RobotsRules, origin_of

log = logging.getLogger(__name__)

ARTICLES_FILE = "articles.jsonl"
STATE_FILE = "state.sqlite"
ERRORS_FILE = "errors.jsonl"
LOG_FILE = "crawl.log"
LISTING_BYTES = "listing bytes"
DISALLOWED = "robots.txt"  # the URLs robots.txt disallows, as the summary counts them  # the tally of sitemap and feed bytes received, over every run
WARC_DIR = "warc"
PACKAGE_LOGGER = "scraper"
# Kinds whose 4xx answers are noted in the log but are not failed pages.
QUIET_KINDS = (GUESS, REQUISITE)
# Downloaded pages waiting for the reader, at most: beyond, downloading pauses.
MAX_READ_BACKLOG = 8
# How long the loop sleeps at most before looking at the queue again (and at a Ctrl-C).
IDLE_TICK = 0.5
# Once asked to stop, downloads in flight have this long to finish; then their requests are cut,
# and after as long again the crawl stops without them (a request still connecting cannot be cut).
# Their URLs go back to the queue, for the next run.
STOP_GRACE = 1.0


@dataclass(frozen=True)
class CrawlConfig:
    """Everything a crawl run needs; `scraper crawl` and `scraper fetch` build one from options."""

    seeds: tuple[str, ...]
    out_dir: Path
    max_pages: int | None = None
    max_listings: int | None = None  # sitemaps and feeds read at most; None: as `budget` derives it
    max_depth: int | None = None
    delay: float = 1.0
    concurrency: int = 4
    scope: ScopeMode = "host"
    include: str | None = None
    exclude: str | None = None
    user_agent: str | None = None
    obey_robots: bool = True
    all_pages: bool = False
    date_from: str | None = None  # YYYY-MM-DD, inclusive: articles published on or after it
    date_to: str | None = None  # YYYY-MM-DD, inclusive
    page_requisites: bool = False
    quiet: bool = False
    discover: bool = True  # False for `scraper fetch`: the given URLs only, each one written as a record
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    warc_max_bytes: int = MAX_FILE_BYTES


@dataclass(frozen=True)
class CrawlSummary:
    out_dir: Path
    pages_fetched: int  # responses read in this run (robots.txt, sitemaps, feeds and requisites included)
    articles_written: int  # records added to articles.jsonl in this run
    failed: tuple[tuple[str, str], ...]  # (url, reason) of every failed URL of the crawl
    articles_total: int = 0  # records in articles.jsonl, over every run
    skipped: int = 0  # URLs not fetched: robots.txt, date window, budget
    queued: int = 0  # URLs left in the queue (a crawl stopped by --max-pages or Ctrl-C)
    pages_counted: int = 0  # pages counted against --max-pages, over every run of the crawl
    max_pages: int | None = None
    resumed: bool = False
    interrupted: bool = False
    elapsed: float = 0.0
    dropped: Counter[str] = field(default_factory=Counter)  # distinct URLs not queued in this run, by filter
    unwritten: Counter[str] = field(default_factory=Counter)  # articles read but not written in this run, by filter
    unreached: tuple[tuple[str, str], ...] = ()  # (origin, why) of the sites not reached in this run
    retried: int = 0  # URLs that failed in an earlier run (for a reason that can pass) queued again
    listings_unread: int = 0  # sitemaps and feeds left unread: their budget is spent
    max_listings: int = 0  # the budget of sitemaps and feeds this run had

    stop_signal: int = signal.SIGINT  # what stopped an interrupted crawl

    @property
    def exit_status(self) -> int:
        """0 finished, 1 finished with failed pages, 128 + the signal when stopped (130 Ctrl-C, 143 SIGTERM)."""
        if self.interrupted:
            return 128 + self.stop_signal
        return 1 if self.failed else 0

    def describe(self) -> str:
        """The run in one line, for the log and the terminal."""
        state = "stopped (run the same command again to resume)" if self.interrupted else "finished"
        retried = f"{_counted(self.retried, 'URL')} that failed in an earlier run retried, " if self.retried else ""
        return (f"crawl {state} in {self.elapsed:.1f} s: {_counted(self.pages_fetched, 'response')} fetched "
                f"(robots.txt, sitemaps and feeds included), {retried}"
                f"{_counted(self.articles_written, 'article')} written ({self.articles_total} in all), "
                f"{len(self.failed)} failed, {self.skipped} skipped, {self.queued} left in the queue")


def run_crawl(config: CrawlConfig) -> CrawlSummary:
    """Crawl (or resume the crawl in config.out_dir) until the queue is empty or a limit is hit."""
    return Crawl(config).run()


@dataclass(frozen=True)
class RobotsTask:
    origin: str  # scheme://host:port


Task = Item | RobotsTask


@dataclass(frozen=True)
class Stored:
    """A page downloaded and archived, waiting for the reader to say what it is."""

    item: Item
    final: Exchange
    capture: Capture
    aliases: tuple[Discovered, ...]


@dataclass(frozen=True)
class Download:
    """A finished download, and whether its host was freed already."""

    task: Task
    host: str
    result: FetchResult
    host_freed: bool


class Crawl:
    """One crawl run: the config checked when it is made (UsageError), the folder opened by `run`."""

    def __init__(self, config: CrawlConfig) -> None:
        self.config = config
        self.out = Path(config.out_dir)
        self.seeds = _normalized_seeds(config.seeds)
        if config.date_from and config.date_to and config.date_from > config.date_to:
            raise UsageError(f"--from {config.date_from} is after --to {config.date_to}: "
                             f"no article could be kept (swap them?)")
        self.scope = Scope(self.seeds, config.scope, config.include, config.exclude)
        self.retried = 0

    def run(self) -> CrawlSummary:
        started = time.monotonic()
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot use {self.out} as the output folder: {error.strerror}") from error
        config = self.config
        with contextlib.ExitStack() as stack:
            stack.enter_context(folder_lock(self.out, "scraper crawl" if config.discover else "scraper fetch"))
            stack.enter_context(_logged_to(self.out / LOG_FILE))
            fetcher = stack.enter_context(contextlib.closing(Fetcher(config.fetch, config.user_agent)))
            robots_fetcher = stack.enter_context(contextlib.closing(
                Fetcher(replace(config.fetch, max_bytes=ROBOTS_MAX_BYTES), config.user_agent)))
            frontier = stack.enter_context(contextlib.closing(Frontier(self.out / STATE_FILE)))
            resumed = self._open_state(frontier)
            archive = stack.enter_context(contextlib.closing(
                WarcArchive(self.out / WARC_DIR, frontier, _warcinfo(config, self.out, fetcher.user_agent),
                            config.warc_max_bytes)))
            records = stack.enter_context(contextlib.closing(JsonlWriter(self.out / ARTICLES_FILE)))
            failures = stack.enter_context(contextlib.closing(FailureLog(self.out / ERRORS_FILE)))
            engine = Engine(config, self.seeds, self.scope, fetcher, robots_fetcher, frontier, archive, records,
                            failures)
            engine.queue_seeds()
            stack.callback(engine.reader.shutdown, wait=False, cancel_futures=True)
            log.info("crawl %s: seeds %s", "resumed" if resumed else "started", " ".join(self.seeds))
            pool = ThreadPoolExecutor(max_workers=max(1, config.concurrency))
            try:
                with _stop_on_signals(engine):
                    engine.loop(pool)
            finally:
                # Nothing is left in flight after a clean end; after a second Ctrl-C (or a failure)
                # the requests still running are cut, and nothing waits for them.
                engine.cancel_downloads()
                pool.shutdown(wait=False, cancel_futures=True)
            summary = engine.summary(self.out, started, resumed, self.retried)
            log.info("%s", summary.describe())
            return summary

    def _open_state(self, frontier: Frontier) -> bool:
        """Claim the folder for this crawl; on a resume, repair and reconcile before going on."""
        identity = {"seeds": sorted(self.seeds), "scope": self.config.scope,
                    "include": self.config.include, "exclude": self.config.exclude}
        resumed = frontier.claim(identity, self.out)
        articles = self.out / ARTICLES_FILE
        torn = repair_torn_tail(articles)
        if torn:
            log.warning("removed a half-written last line (%d bytes) from %s", torn, articles)
        frontier.add_written(keys_in_file(articles))
        requeued = frontier.requeue_in_flight()
        if requeued:
            log.info("%d URLs in flight when the last run stopped are queued again", requeued)
        self.retried = frontier.requeue_failures(self.config.retry.runs)
        if self.retried:
            log.info("%s that failed in an earlier run for a reason that can pass queued again",
                     _counted(self.retried, "URL"))
        recover_warc_files(self.out / WARC_DIR, frontier)
        return resumed


class Engine:
    """The scheduling loop over the open folder; its parts are the components it is given or makes."""

    def __init__(self, config: CrawlConfig, seeds: tuple[str, ...], scope: Scope, fetcher: Fetcher,
                 robots_fetcher: Fetcher, frontier: Frontier, archive: WarcArchive, records: JsonlWriter,
                 failures: FailureLog) -> None:
        self.config = config
        self.fetcher = fetcher
        self.frontier = frontier
        self.archive = archive
        self.failures = failures
        self.batch = DurableBatch(frontier, archive, records)
        self.hosts = HostSlots(config.delay)
        self.gate = ScopeGate(seeds, scope, config.max_depth, config.discover, config.date_from, config.date_to,
                              trap_counts=frontier)
        self.listings = ListingBudget(ListingLimits.for_crawl(config.max_pages, config.max_listings),
                                      frontier.started_of(LISTING_KINDS), frontier.tally(LISTING_BYTES))
        self.robots = RobotsRules(robots_fetcher, config.retry, config.obey_robots,
                                  follow=lambda _, target: self.gate.may_follow(target, LISTING))
        self.rules = ReadingRules(config.fetch.max_bytes, config.discover, config.all_pages,
                                  config.date_from, config.date_to)
        # One reader thread: extraction is CPU work, which more threads would not speed up.
        self.reader = ThreadPoolExecutor(max_workers=1)
        self.pages_fetched = 0
        self.articles_written = 0
        self.stopping = False
        self.interrupted = False
        self.stop_signal: int = signal.SIGINT
        self.stop_requested = 0.0  # time.monotonic() of the first Ctrl-C or SIGTERM
        self.downloads_cut = False
        self.tries: Counter[str] = Counter()  # failed tries of a URL in this run, for the retry policy
        self.unwritten: Counter[str] = Counter()  # articles read but not written in this run, by filter

    def queue_seeds(self) -> None:
        """Queue the seeds, and the sitemaps and feeds a smaller budget left unread (if it is larger now)."""
        self.frontier.add(self.gate.seed_entries())
        if self.listings.room() > 0:
            self.frontier.requeue_skipped(LISTINGS_SPENT)

    # --- the loop ---

    def loop(self, pool: ThreadPoolExecutor) -> None:
        fetching: dict[Future[FetchResult], tuple[Task, str]] = {}
        reading: dict[Future[Reading], Stored] = {}
        progress = progress_bar(self.config.quiet)
        try:
            while True:
                if self.stopping:
                    self._wind_down(fetching, reading)
                else:
                    self._dispatch(pool, fetching, len(reading))
                if not fetching and not reading:
                    self.batch.flush()  # nothing in flight: make everything durable before waiting
                    wake = None if self.stopping else self._next_wake()
                    if wake is None:
                        return
                    time.sleep(min(IDLE_TICK, max(0.0, wake - time.time())))
                    continue
                timeout = IDLE_TICK if self.stopping else self._wait_timeout()
                futures: list[Future[Any]] = [*fetching, *reading]
                done, _ = wait(futures, timeout=timeout, return_when=FIRST_COMPLETED)
                for future in done & reading.keys():
                    stored = reading.pop(future)
                    self._take_reading(stored, _reading_of(future, stored))
                downloads = self._collect(done & fetching.keys(), fetching)
                if not self.stopping:
                    self._dispatch(pool, fetching, len(reading))
                for download in downloads:
                    self._take_download(download, reading)
                    if not download.host_freed:
                        self.hosts.release(download.host)
                if progress is not None:
                    progress.show(self)
                if self.batch.due():
                    self.batch.flush()
        finally:
            if progress is not None:
                progress.close(self)

    def _wind_down(self, fetching: dict[Future[FetchResult], tuple[Task, str]],
                   reading: dict[Future[Reading], Stored]) -> None:
        """Stopping: no page waits for the reader but the one in hand, and no download for more than
        STOP_GRACE; what is left goes back to the queue, for the next run."""
        for future in [future for future in reading if future.cancel()]:
            self.frontier.return_to_queue([reading.pop(future).item.url])
        overdue = time.monotonic() - self.stop_requested - STOP_GRACE
        if overdue > 0 and fetching and not self.downloads_cut:
            log.info("stopping: cutting the %s still running", _counted(len(fetching), "download"))
            self.cancel_downloads()
        if overdue > STOP_GRACE:
            self.frontier.return_to_queue([task.url for task, _ in fetching.values() if isinstance(task, Item)])
            fetching.clear()

    def cancel_downloads(self) -> None:
        """Cut every request in flight (their workers then end at once); no new one starts."""
        self.downloads_cut = True
        self.fetcher.cancel()
        self.robots.fetcher.cancel()

    def _collect(self, done: set[Future[FetchResult]], fetching: dict[Future[FetchResult], tuple[Task, str]]
                 ) -> list[Download]:
        """The finished downloads. A page fetched fine frees its host at once, so the next request to
        the host goes out while this one is stored and read. A failure (whose Retry-After may hold
        the whole host) and robots.txt (which may set a Crawl-delay) free it once they are settled."""
        downloads = []
        for future in done:
            task, host = fetching.pop(future)
            result = _outcome(future, task)
            freed = isinstance(task, Item) and result.error is None
            if freed:
                self.hosts.release(host)
            downloads.append(Download(task, host, result, freed))
        return downloads

    def _dispatch(self, pool: ThreadPoolExecutor, running: dict[Future[FetchResult], tuple[Task, str]],
                  backlog: int) -> None:
        """Start downloads on free workers for hosts that are neither busy nor resting, while the
        pages waiting for the reader stay few (each holds its body in memory)."""
        now = time.time()
        slots = min(self.config.concurrency - len(running), MAX_READ_BACKLOG - backlog)
        while slots > 0:
            items = self.frontier.ready(now, self.hosts.blocked(now), slots, self._budget_open())
            items = self._within_budget(items)
            if not items:
                return
            started: list[Item] = []
            for item in items:
                host = host_of(item.url)
                origin = origin_of(item.url)
                if not self.robots.known(origin):
                    running[pool.submit(self.robots.fetch, origin)] = (RobotsTask(origin), host)
                elif not self._robots_allow(item, origin):
                    continue
                else:
                    started.append(item)
                    running[pool.submit(self.fetcher.fetch, item.url, self._inline_follower(item))] = (item, host)
                    if item.kind in LISTING_KINDS and item.attempts == 0:
                        self.listings.started += 1
                self.hosts.occupy(host)
                slots -= 1
            self.frontier.start(started)

    def _budget_open(self) -> bool:
        """Whether --max-pages leaves room for pages not started yet."""
        return self.config.max_pages is None or self.frontier.budget_used() < self.config.max_pages

    def _within_budget(self, items: list[Item]) -> list[Item]:
        """The items the budgets leave room for: --max-pages for pages, the listing budget for sitemaps
        and feeds (once it is spent, every sitemap and feed still queued is skipped, for the summary
        to say, and queued again by a run with a larger budget)."""
        pages = None if self.config.max_pages is None else self.config.max_pages - self.frontier.budget_used()
        listings = self.listings.room()
        kept = []
        for item in items:
            if item.attempts == 0 and item.kind in BUDGET_KINDS and pages is not None:
                if pages <= 0:
                    continue
                pages -= 1
            elif item.attempts == 0 and item.kind in LISTING_KINDS:
                if listings <= 0:
                    skipped = self.frontier.skip_queued(LISTING_KINDS, LISTINGS_SPENT)
                    log.warning("%s: %d more sitemaps and feeds not read", LISTINGS_SPENT, skipped)
                    continue
                listings -= 1
            kept.append(item)
        return kept

    def _inline_follower(self, item: Item) -> Callable[[str, str], bool]:
        """What a worker fetching the item may follow at once: a redirect within the origin whose
        robots.txt is read, to a URL it allows and the gate admits; any other goes back to the
        frontier, through the gate, to be checked like a new URL."""
        def follows(current: str, target: str) -> bool:
            return (origin_of(target) == origin_of(current) and self.robots.allows(target)
                    and self.gate.may_follow(target, item.kind))
        return follows

    def _robots_allow(self, item: Item, origin: str) -> bool:
        """Whether robots.txt lets us fetch the item; a refused item is closed as skipped, and every
        URL of a site whose robots.txt is unreachable fails for this run (the next run retries it)."""
        failure = self.robots.failure(origin)
        if failure is not None:
            attempts = self.robots.attempts(origin)
            self._fail(item, f"site not reached: robots.txt unreachable after {_counted(attempts, 'attempt')} "
                             f"({failure})", attempts, transient=True)
            return False
        if self.robots.allows(item.url):
            return True
        log.info("skipped %s: disallowed by robots.txt", item.url)
        self.gate.drops.add(DISALLOWED, item.url)
        self.frontier.finish(item.url, SKIPPED, "disallowed by robots.txt")
        return False

    def _next_wake(self) -> float | None:
        """When something may next be dispatched; None when nothing queued is waiting for time
        (with nothing running either, that means the crawl is over)."""
        now = time.time()
        busy = self.hosts.busy()
        resting = self.hosts.resting(now)
        budget_open = self._budget_open()
        due = self.frontier.next_due(busy | set(resting), budget_open)
        if due is not None:
            return due
        if not resting or self.frontier.next_due(busy, budget_open) is None:
            return None
        return min(resting.values())

    def _wait_timeout(self) -> float:
        wake = self._next_wake()
        return IDLE_TICK if wake is None else min(IDLE_TICK, max(0.01, wake - time.time()))

    # --- a download's outcome ---

    def _take_download(self, download: Download, reading: dict[Future[Reading], Stored]) -> None:
        """Archive a download; then retry it, fail it, or hand it to the reader."""
        result = download.result
        self.pages_fetched += len(result.exchanges)
        task = download.task
        with self._one_page(task, result.url):
            if isinstance(task, RobotsTask):
                self._take_robots(task, result)
            else:
                self._take_item(task, result, reading)

    def _take_robots(self, task: RobotsTask, result: FetchResult) -> None:
        self.archive.write(result.exchanges, sync=False)  # made durable by the batch's flush
        answer = self.robots.settle(task.origin, result)
        host = host_of(task.origin)
        if answer.retry_at is not None:  # the host waits; its next URL asks for robots.txt again
            self.hosts.hold_until(host, answer.retry_at)
            return
        if answer.crawl_delay:
            delay = self.hosts.slow_down(host, answer.crawl_delay)
            log.info("%s asks for a Crawl-delay of %s s; waiting %s s between requests", host, answer.crawl_delay, delay)
        if answer.text is not None:
            self.frontier.add(self.gate.robots_entries(task.origin, answer.text))

    def _take_item(self, item: Item, result: FetchResult, reading: dict[Future[Reading], Stored]) -> None:
        captures = self.archive.write(result.exchanges, sync=False)
        if item.kind in LISTING_KINDS:
            received = sum(len(exchange.payload) for exchange in result.exchanges)
            self.listings.received += received
            self.frontier.add_to_tally(LISTING_BYTES, received)
        aliases = [Discovered(u, item.kind, item.depth) for u in
                   {normalize_url(e.url) for e in result.exchanges[1:]} - {item.url, None} if u]
        final = result.final
        if result.error is not None:
            self._failed_fetch(item, result)
        elif result.redirect_to is not None:
            found = self.gate.redirect(item, result.redirect_to)
            note = f"redirected to {result.redirect_to}" + ("" if found else ", out of scope: not followed")
            if not found:
                log.info("%s: %s", item.url, note)
            self.frontier.finish(item.url, DONE, note, found, aliases=aliases)
        elif final is not None:
            capture = captures[-1]
            future = self.reader.submit(read_response, final, self.rules, capture.payload_capture.date,
                                        item.kind == REQUISITE)
            reading[future] = Stored(item, final, capture, tuple(aliases))

    def _failed_fetch(self, item: Item, result: FetchResult) -> None:
        if self.stopping and result.retryable:  # cut short by the stop, most likely: the next run fetches it
            self.frontier.return_to_queue([item.url])
            return
        policy = self.config.retry
        attempts = item.attempts + 1  # over every run; the frontier counted this one after `item` was read
        self.tries[item.url] += 1  # in this run: what the retry policy counts
        tries = self.tries[item.url]
        error = result.error or "failed"
        if item.kind in QUIET_KINDS and result.final is not None and 400 <= result.final.status < 500:
            # A guessed feed location that is not there, or a missing image: not a failed page.
            log.info("%s: %s", item.url, error)
            self.frontier.finish(item.url, DONE, error)
            return
        if result.retryable and policy.allows(tries, result.unreachable):
            wait_for = policy.wait(tries, result.retry_after, unreachable=result.unreachable)
            log.info("retrying %s in %.1f s (attempt %d failed): %s", item.url, wait_for, attempts, error)
            when = time.time() + wait_for
            self.frontier.retry_later(item.url, when, error)
            if result.retry_after is not None:  # the server asked the whole host to slow down
                self.hosts.hold_until(host_of(item.url), when)
            return
        self._fail(item, error, attempts, transient=result.retryable)

    def _fail(self, item: Item, reason: str, attempts: int, transient: bool = False) -> None:
        """Close the URL as failed; one that failed for a reason that can pass is tried again by the
        next run of the crawl (up to the retry policy's `runs`)."""
        log.warning("failed %s: %s", item.url, reason)
        self.frontier.finish(item.url, FAILED, reason)
        self.frontier.note_failure(item.url, transient)
        self.failures.write(item, reason, attempts)

    @contextlib.contextmanager
    def _one_page(self, task: Task, url: str) -> Iterator[None]:
        """Join the open batch; a page we cannot handle fails alone."""
        self.batch.join()
        try:
            yield
        except (OSError, sqlite3.Error):
            raise  # our own disk or database failing: stop, and let a resume redo this page
        except Exception as error:  # a bug or a page we cannot handle must not end the crawl
            log.exception("could not process %s", url)
            if isinstance(task, Item):
                self._fail(task, f"internal error: {error.__class__.__name__}: {error}", task.attempts + 1)

    # --- a reading's outcome ---

    def _take_reading(self, stored: Stored, reading: Reading) -> None:
        item = stored.item
        with self._one_page(item, item.url):
            found: list[Discovered] = []
            written = None
            if isinstance(reading, Unreadable):
                self._fail(item, reading.problem, item.attempts + 1)
                return
            if isinstance(reading, SitemapReading):
                for batch in self.gate.sitemap_entries(item, reading.sitemap) if reading.sitemap is not None else ():
                    self.frontier.add(batch)  # in the open batch: durable with the sitemap's own state
            elif isinstance(reading, FeedReading):
                found = self.gate.feed_entries(item, reading.entries)
            elif isinstance(reading, PageReading):
                found, written = self._take_page(item, stored, reading)
            else:
                assert isinstance(reading, ArchivedOnly)
            self.frontier.finish(item.url, DONE, None, found, written, list(stored.aliases))

    def _take_page(self, item: Item, stored: Stored, reading: PageReading) -> tuple[list[Discovered], str | None]:
        """Links to follow from an HTML page, and the key of the record written from it, if any."""
        found = self.gate.page_links(item, reading.page) if self.config.discover else []
        payload = stored.capture.payload_capture
        if payload.uri != stored.final.url:  # the same bytes were archived under another URL: one record is enough
            log.info("%s repeats the payload of %s: no second record", stored.final.url, payload.uri)
            return found, None
        if reading.refusal == OUTSIDE_WINDOW:
            self.unwritten[OUTSIDE_WINDOW] += 1
        if not reading.wanted:
            return found, None
        record = reading.article.replace(fetched_at=payload.date, archive=payload.pointer()).to_dict()
        key = article_key(record)
        written = None
        if not self.frontier.is_written(key):
            self.batch.add_record(record)
            self.articles_written += 1
            written = key
        if self.config.page_requisites:
            found += self.gate.requisites(item, reading.page)
        return found, written

    # --- reporting ---

    def summary(self, out: Path, started: float, resumed: bool, retried: int = 0) -> CrawlSummary:
        counts = self.frontier.counts()
        return CrawlSummary(
            out_dir=out,
            pages_fetched=self.pages_fetched,
            articles_written=self.articles_written,
            failed=tuple(self.frontier.failures()),
            articles_total=self.frontier.written_count(),
            skipped=counts[SKIPPED],
            queued=counts["queued"] + counts["in-flight"],
            pages_counted=self.frontier.budget_used(),
            max_pages=self.config.max_pages,
            resumed=resumed,
            interrupted=self.interrupted,
            stop_signal=self.stop_signal,
            elapsed=time.monotonic() - started,
            dropped=self.gate.drops.counts(),
            unwritten=self.unwritten,
            retried=retried,
            listings_unread=self.frontier.skipped_for(LISTINGS_SPENT),
            max_listings=self.listings.limits.listings,
            unreached=tuple(self.robots.unreachable().items()),
        )

    def request_stop(self, signum: int = signal.SIGINT) -> None:
        """First Ctrl-C (or SIGTERM): stop starting requests, give those in flight STOP_GRACE to
        finish and the page being read its time, then stop; a second one stops at once."""
        if self.stopping:
            raise KeyboardInterrupt
        self.stopping = self.interrupted = True
        self.stop_signal = signum
        self.stop_requested = time.monotonic()
        log.info("stopping (%s): finishing the pages in flight, for %g s at most", signal.Signals(signum).name,
                 STOP_GRACE)


class FailureLog:
    """DIR/errors.jsonl: one JSON line per failed URL, flushed as it is written."""

    def __init__(self, path: Path) -> None:
        self._file: TextIO = path.open("a", encoding="utf-8")

    def write(self, item: Item, reason: str, attempts: int) -> None:
        self._file.write(json.dumps({"url": item.url, "reason": reason, "attempts": attempts,
                                     "kind": item.kind, "time": _now_iso()}) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def _warcinfo(config: CrawlConfig, out: Path, user_agent: str) -> dict[str, str]:
    options = {key: (str(value) if isinstance(value, Path) else value)
               for key, value in asdict(config).items() if key not in ("out_dir", "quiet")}
    return {
        "software": f"scraper/{__version__}",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "http-header-user-agent": user_agent,
        "robots": "obey" if config.obey_robots else "ignore",
        "isPartOf": out.name,
        "scraper-options": json.dumps(options, sort_keys=True),
    }


def _reading_of(future: Future[Reading], stored: Stored) -> Reading:
    """The reader's answer; a page it could not read fails alone."""
    error = future.exception()
    if error is None:
        return future.result()
    log.error("reading %s raised %r", stored.item.url, error)
    return Unreadable(f"internal error: {error.__class__.__name__}: {error}")


def _outcome(future: Future[FetchResult], task: Task) -> FetchResult:
    """The worker's answer; an unexpected exception in it becomes a failed, non-retried fetch."""
    error = future.exception()
    if error is None:
        return future.result()
    url = task.url if isinstance(task, Item) else task.origin + "/robots.txt"
    log.error("download of %s raised %r", url, error)
    return FetchResult(url, error=f"internal error: {error.__class__.__name__}: {error}")


class _stop_on_signals:
    """Ctrl-C and SIGTERM ask the crawl to stop cleanly (only possible from the main thread)."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> None:
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                self.previous[signum] = signal.signal(signum, lambda number, _: self.engine.request_stop(number))

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _logged_to(path: Path) -> Iterator[None]:
    """What the package logs during the run, in DIR/crawl.log too (the level is the application's:
    the command line sets INFO)."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(PACKAGE_LOGGER)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        handler.close()


def _normalized_seeds(seeds: tuple[str, ...]) -> tuple[str, ...]:
    normalized = []
    for seed in seeds:
        url = normalize_url(seed)
        if url is None:
            raise UsageError(f"not an http(s) URL: {seed!r} (example: https://example.com/)")
        normalized.append(url)
    if not normalized:
        raise UsageError("no seed URL given")
    return tuple(dict.fromkeys(normalized))


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _now_iso() -> str:
    return warc_date(datetime.now(UTC))
