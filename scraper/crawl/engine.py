"""The crawl engine: seeds in; WARC snapshots, article records and a resumable state out.

One scheduling thread owns every piece of state (the SQLite frontier, the WARC files, the JSONL
file); worker threads download, and a reader thread works out what each page says (`reading`:
parsing and extraction, which hold no state) while the scheduler stores the next one. The loop,
in steps:
1. hand due URLs to free workers: one request at a time per host, `delay` seconds (or the site's
   Crawl-delay, if longer) between them, `concurrency` hosts at once; a host's robots.txt first;
2. wait for a download or a reading to finish (or for the next URL to come due);
3. archive every exchange a download made (`archive`);
4. retry it later with exponential backoff (honouring Retry-After), or record its failure; or
   hand its final response to a reader (the host is free again meanwhile);
5. take what a reading says: a sitemap or feed queues its entries; an HTML page queues its links
   and, when it is an article, becomes a record in the JSONL file (`records`), exactly once;
6. close the URL in the frontier, with what it led to;
7. every few pages (or when idle), make the batch durable: the WARC records, then the JSONL lines
   pointing at them, then the frontier's state, each with one fsync for the whole batch.
A kill -9 at any point loses nothing: see `frontier`, `archive` and `records` for the protocol.
"""
from __future__ import annotations

import contextlib
import json
import logging
import signal
import sqlite3
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from protego import Protego
from tqdm import tqdm

from .._version import __version__
from ..archive.warc import MAX_FILE_BYTES, Capture, WarcArchive, recover_warc_files
from ..discover.links import PageLinks
from ..discover.listings import FeedEntry, Sitemap, feed_and_sitemap_guesses, sitemaps_from_robots
from ..discover.scope import Scope
from ..discover.traps import LinkTrapGuard
from ..discover.urls import host_of, normalize_url
from ..encoding import decode_page
from ..errors import UsageError
from ..exchange import Exchange, decoded_body, warc_date
from .fetcher import FetchPolicy, FetchResult, Fetcher
from .retry import Retry, RetryPolicy, retrying
from .frontier import (BUDGET_KINDS, DONE, FAILED, GUESS, LISTING, PAGE, REQUISITE, SEED, SKIPPED, Discovered,
                       Frontier, Item)
from .reading import Reading, ReadingRules, extract_article, in_window, is_wanted, read_response
from ..archive.jsonl import JsonlWriter, keys_in_file, article_key, repair_torn_tail

log = logging.getLogger(__name__)

ARTICLES_FILE = "articles.jsonl"
STATE_FILE = "state.sqlite"
ERRORS_FILE = "errors.jsonl"
LOG_FILE = "crawl.log"
WARC_DIR = "warc"
# A Crawl-delay beyond this is taken as this: a site asking for an hour between pages would make
# the crawl useless, and waiting a minute is already very polite.
MAX_CRAWL_DELAY = 60.0
# Kinds whose 4xx answers are noted in the log but are not failed pages.
QUIET_KINDS = (GUESS, REQUISITE)
# A batch of settled pages is made durable (three fsyncs) when it has this many pages or is this
# old: fsyncs, not downloads, bound a polite crawl of one fast host, and a crash loses at most a
# batch, which a resume fetches again.
BATCH_MAX_PAGES = 32
BATCH_MAX_SECONDS = 1.0
# Downloaded pages waiting for the reader, at most: beyond, downloading pauses.
MAX_READ_BACKLOG = 8
# How long the loop sleeps at most before looking at the queue again (and at a Ctrl-C).
IDLE_TICK = 0.5


@dataclass(frozen=True)
class CrawlConfig:
    """Everything a crawl run needs; `scraper crawl` and `scraper fetch` build one from options."""

    seeds: tuple[str, ...]
    out_dir: Path
    max_pages: int | None = None
    max_depth: int | None = None
    delay: float = 1.0
    concurrency: int = 4
    scope: str = "host"
    include: str | None = None
    exclude: str | None = None
    user_agent: str | None = None
    obey_robots: bool = True
    all_pages: bool = False
    date_from: str | None = None  # YYYY-MM-DD, inclusive
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

    @property
    def exit_status(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed else 0


def run_crawl(config: CrawlConfig) -> CrawlSummary:
    """Crawl (or resume the crawl in config.out_dir) until the queue is empty or a limit is hit."""
    return Crawl(config).run()


@dataclass
class HostState:
    """Politeness bookkeeping for one host."""

    busy: bool = False
    next_allowed: float = 0.0  # wall-clock time before which nothing is sent to this host
    delay: float = 0.0


@dataclass(frozen=True)
class RobotsTask:
    origin: str  # scheme://host:port


@dataclass(frozen=True)
class Stored:
    """A page downloaded and archived, waiting for a reader to say what it is."""

    item: Item
    final: Exchange
    capture: Capture
    aliases: tuple[Discovered, ...]


class Crawl:
    def __init__(self, config: CrawlConfig) -> None:
        self.config = config
        self.out = Path(config.out_dir)
        self.seeds = _normalized_seeds(config.seeds)
        if config.date_from and config.date_to and config.date_from > config.date_to:
            raise UsageError(f"--from {config.date_from} is after --to {config.date_to}: "
                                  f"no article could be kept (swap them?)")
        self.scope = Scope(self.seeds, config.scope, config.include, config.exclude)
        self.fetcher = Fetcher(config.fetch, config.user_agent)
        self.rules = ReadingRules(config.fetch.max_bytes, config.discover, config.all_pages,
                                  config.date_from, config.date_to)
        self.trap_guard = LinkTrapGuard()
        self.hosts: dict[str, HostState] = {}
        self.robots: dict[str, Protego | None] = {}  # origin -> rules (None: everything allowed)
        self.robots_failure: dict[str, str] = {}  # origin -> why its robots.txt could not be read
        self.pages_fetched = 0
        self.articles_written = 0
        self.pending_records: list[dict] = []  # records of the open batch, written at its flush
        # One reader thread: extraction is CPU work, which more threads would not speed up.
        self.reader = ThreadPoolExecutor(max_workers=1)
        self.batch_pages = 0
        self.batch_started = 0.0
        self.stopping = False
        self.interrupted = False

    # --- the run ---

    def run(self) -> CrawlSummary:
        started = time.monotonic()
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot use {self.out} as the output folder: {error.strerror}") from error
        handler = _file_log_handler(self.out / LOG_FILE)
        logging.getLogger("scraper").addHandler(handler)
        logging.getLogger("scraper").setLevel(logging.INFO)
        self.frontier = Frontier(self.out / STATE_FILE)
        try:
            resumed = self._open_state()
            self.archive = WarcArchive(self.out / WARC_DIR, self.frontier, self._warcinfo(), self.config.warc_max_bytes)
            self.records = JsonlWriter(self.out / ARTICLES_FILE)
            self.errors = (self.out / ERRORS_FILE).open("a", encoding="utf-8")
            log.info("crawl %s: seeds %s", "resumed" if resumed else "started", " ".join(self.seeds))
            with _stop_on_signals(self), ThreadPoolExecutor(max_workers=max(1, self.config.concurrency)) as pool:
                self._loop(pool)
            summary = self._summary(started, resumed)
            log.info("crawl %s: %s", "interrupted" if self.interrupted else "finished", summary)
            return summary
        finally:
            self.reader.shutdown(wait=False, cancel_futures=True)
            for closing in ("archive", "records", "errors"):
                if hasattr(self, closing):
                    getattr(self, closing).close()
            self.frontier.close()
            self.fetcher.close()
            logging.getLogger("scraper").removeHandler(handler)
            handler.close()

    def _open_state(self) -> bool:
        """Claim the folder for this crawl; on a resume, repair and reconcile before going on."""
        identity = {"seeds": sorted(self.seeds), "scope": self.config.scope,
                    "include": self.config.include, "exclude": self.config.exclude}
        resumed = self.frontier.claim(identity, self.out)
        articles = self.out / ARTICLES_FILE
        torn = repair_torn_tail(articles)
        if torn:
            log.warning("removed a half-written last line (%d bytes) from %s", torn, articles)
        self.frontier.add_written(keys_in_file(articles))
        requeued = self.frontier.requeue_in_flight()
        if requeued:
            log.info("%d URLs in flight when the last run stopped are queued again", requeued)
        recover_warc_files(self.out / WARC_DIR, self.frontier)
        self.frontier.add(Discovered(seed, SEED, 0) for seed in self.seeds)
        return resumed

    def _loop(self, pool: ThreadPoolExecutor) -> None:
        fetching: dict[Future, tuple[Item | RobotsTask, str]] = {}
        reading: dict[Future, Stored] = {}
        progress = _progress_bar(self.config.quiet)
        try:
            while True:
                if not self.stopping:
                    self._dispatch(pool, fetching, len(reading))
                if not fetching and not reading:
                    self._flush()  # nothing in flight: make everything durable before waiting
                    wake = None if self.stopping else self._next_wake()
                    if wake is None:
                        return
                    time.sleep(min(IDLE_TICK, max(0.0, wake - time.time())))
                    continue
                timeout = IDLE_TICK if self.stopping else self._wait_timeout()
                done, _ = wait([*fetching, *reading], timeout=timeout, return_when=FIRST_COMPLETED)
                for future in done & reading.keys():
                    stored = reading.pop(future)
                    self._take(stored, self._reading_of(future, stored))
                downloads = self._collect(done & fetching.keys(), fetching)
                if not self.stopping:
                    self._dispatch(pool, fetching, len(reading))
                for task, host, result, early in downloads:
                    self._settle(task, result, reading)
                    if not early:
                        self._release(host)
                if progress is not None:
                    progress.show(self)
                if self.batch_pages >= BATCH_MAX_PAGES or (
                        self.frontier.batch_open and time.monotonic() - self.batch_started >= BATCH_MAX_SECONDS):
                    self._flush()
        finally:
            if progress is not None:
                progress.close(self)

    def _collect(self, done: set[Future], fetching: dict) -> list[tuple[Item | RobotsTask, str, FetchResult, bool]]:
        """The finished downloads, each with whether its host was freed already.

        A page fetched fine frees its host at once, so the next request to the host goes out while
        this one is stored and read. A failure (whose Retry-After may hold the whole host) and
        robots.txt (which may set a Crawl-delay) free it once they are settled.
        """
        downloads = []
        for future in done:
            task, host = fetching.pop(future)
            result = _outcome(future, task)
            early = isinstance(task, Item) and result.error is None
            if early:
                self._release(host)
            downloads.append((task, host, result, early))
        return downloads

    def _dispatch(self, pool: ThreadPoolExecutor, running: dict, backlog: int) -> None:
        """Start downloads on free workers for hosts that are neither busy nor resting, while the
        pages waiting for the reader stay few (each holds its body in memory)."""
        now = time.time()
        slots = min(self.config.concurrency - len(running), MAX_READ_BACKLOG - backlog)
        while slots > 0:
            blocked = self._blocked_hosts(now)
            items = self.frontier.ready(now, blocked, slots, self._budget_open())
            items = self._within_budget(items)
            if not items:
                return
            started: list[Item] = []
            for item in items:
                host = host_of(item.url)
                origin = _origin(item.url)
                if origin not in self.robots:
                    running[pool.submit(self._fetch_robots, origin)] = (RobotsTask(origin), host)
                elif not self._robots_allow(item, origin):
                    continue
                else:
                    started.append(item)
                    running[pool.submit(self.fetcher.fetch, item.url, self._follow_inline)] = (item, host)
                self.hosts.setdefault(host, HostState(delay=self.config.delay)).busy = True
                slots -= 1
            self.frontier.start(started)

    def _follow_inline(self, current: str, target: str) -> bool:
        """In a worker: follow a redirect at once only within the origin whose robots.txt is read,
        to a URL it allows; any other goes back to the frontier, to be checked like a new URL."""
        origin = _origin(target)
        if origin != _origin(current):
            return False
        if not self.config.obey_robots:
            return True
        rules = self.robots.get(origin)
        return rules is None or rules.can_fetch(target, self.fetcher.user_agent)

    def _blocked_hosts(self, now: float) -> set[str]:
        return {host for host, state in self.hosts.items() if state.busy or state.next_allowed > now}

    def _budget_open(self) -> bool:
        """Whether --max-pages leaves room for pages not started yet."""
        return self.config.max_pages is None or self.frontier.budget_used() < self.config.max_pages

    def _within_budget(self, items: list[Item]) -> list[Item]:
        if self.config.max_pages is None:
            return items
        room = self.config.max_pages - self.frontier.budget_used()
        kept = []
        for item in items:
            if item.kind in BUDGET_KINDS and item.attempts == 0:
                if room <= 0:
                    continue
                room -= 1
            kept.append(item)
        return kept

    def _robots_allow(self, item: Item, origin: str) -> bool:
        """Whether robots.txt lets us fetch the item; a refused item is closed as skipped."""
        if not self.config.obey_robots:
            return True
        if origin in self.robots_failure:
            reason = f"robots.txt unreachable ({self.robots_failure[origin]}): the site is not crawled"
            self._fail(item, reason)
            return False
        rules = self.robots[origin]
        if rules is None or rules.can_fetch(item.url, self.fetcher.user_agent):
            return True
        log.info("skipped %s: disallowed by robots.txt", item.url)
        self.frontier.finish(item.url, SKIPPED, "disallowed by robots.txt")
        return False

    def _next_wake(self) -> float | None:
        """When something may next be dispatched; None when nothing queued is waiting for time
        (with nothing running either, that means the crawl is over)."""
        now = time.time()
        busy = {host for host, state in self.hosts.items() if state.busy}
        resting = {host: state.next_allowed for host, state in self.hosts.items()
                   if not state.busy and state.next_allowed > now}
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

    # --- robots.txt ---

    def _fetch_robots(self, origin: str) -> FetchResult:
        """Download robots.txt, retrying server trouble like any page (in the worker: it is short)."""
        return retrying(lambda: self.fetcher.fetch(origin + "/robots.txt"),
                        lambda result: Retry(result.retry_after) if result.retryable else None, self.config.retry)

    def _settle_robots(self, task: RobotsTask, result: FetchResult) -> None:
        self._archive(result.exchanges)
        final = result.final
        if final is not None and final.status == 200 and not final.truncated:
            text = decode_page(decoded_body(final, self.config.fetch.max_bytes).data, final.charset).text
            self.robots[task.origin] = Protego.parse(text)
            self._robots_discoveries(task.origin, text)
        elif final is not None and 400 <= final.status < 500:
            self.robots[task.origin] = None  # no robots.txt: everything is allowed (RFC 9309 2.3.1.3)
            self._robots_discoveries(task.origin, "")
        elif result.redirect_to or (final is not None and final.status < 400):
            self.robots[task.origin] = None  # moved to another host, or not a file: no rules to obey
        else:
            # RFC 9309 2.3.1.4: a server error means the site is to be taken as fully disallowed.
            self.robots[task.origin] = None
            self.robots_failure[task.origin] = result.error or f"HTTP {final.status}"
            log.warning("robots.txt of %s unreachable: %s", task.origin, self.robots_failure[task.origin])
        rules = self.robots[task.origin]
        delay = rules.crawl_delay(self.fetcher.user_agent) if rules is not None and self.config.obey_robots else None
        host = host_of(task.origin)
        state = self.hosts.setdefault(host, HostState(delay=self.config.delay))
        if delay:
            state.delay = max(self.config.delay, min(float(delay), MAX_CRAWL_DELAY))
            log.info("%s asks for a Crawl-delay of %s s; waiting %s s between requests", host, delay, state.delay)

    def _robots_discoveries(self, origin: str, text: str) -> None:
        """A seed site's sitemaps (from robots.txt) and its feed and sitemap at the usual places."""
        if not self.config.discover or not any(_origin(seed) == origin for seed in self.seeds):
            return
        found = [Discovered(url, LISTING, 0) for url in sitemaps_from_robots(text, origin + "/")]
        if any(_is_home(seed) and _origin(seed) == origin for seed in self.seeds):
            found += [Discovered(url, GUESS, 0) for url in feed_and_sitemap_guesses(origin + "/")]
        self.frontier.add(found)

    # --- one download's outcome ---

    def _settle(self, task: Item | RobotsTask, result: FetchResult, reading: dict[Future, Stored]) -> None:
        """Archive a download; then retry it, fail it, or hand it to a reader."""
        self.pages_fetched += len(result.exchanges)
        with self._guard(task, result.url):
            if isinstance(task, RobotsTask):
                self._settle_robots(task, result)
            else:
                self._settle_item(task, result, reading)

    def _take(self, stored: Stored, page: Reading) -> None:
        with self._guard(stored.item, stored.item.url):
            self._take_response(stored.item, stored.final, stored.capture, page, list(stored.aliases))

    @contextlib.contextmanager
    def _guard(self, task: Item | RobotsTask, url: str):
        """Join the open batch (or open one); a page we cannot handle fails alone."""
        if not self.frontier.batch_open:
            self.frontier.begin_batch()
            self.batch_started = time.monotonic()
        self.batch_pages += 1
        try:
            yield
        except (OSError, sqlite3.Error):
            raise  # our own disk or database failing: stop, and let a resume redo this page
        except Exception as error:  # a bug or a page we cannot handle must not end the crawl
            log.exception("could not process %s", url)
            if isinstance(task, Item):
                self._fail(task, f"internal error: {error.__class__.__name__}: {error}")

    def _reading_of(self, future: Future, stored: Stored) -> Reading:
        """The reader's answer; a page it could not read fails alone."""
        error = future.exception()
        if error is None:
            return future.result()
        log.error("reading %s raised %r", stored.item.url, error)
        return Reading(problem=f"internal error: {error.__class__.__name__}: {error}")

    def _release(self, host: str) -> None:
        state = self.hosts[host]
        state.busy = False
        state.next_allowed = max(state.next_allowed, time.time() + state.delay)

    def _settle_item(self, item: Item, result: FetchResult, reading: dict[Future, Stored]) -> None:
        captures = self._archive(result.exchanges)
        aliases = [Discovered(u, item.kind, item.depth) for u in
                   {normalize_url(e.url) for e in result.exchanges[1:]} - {item.url, None}]
        if result.error is not None:
            self._failed_fetch(item, result)
        elif result.redirect_to is not None:
            target = normalize_url(result.redirect_to)
            found = [Discovered(target, item.kind, item.depth)] if target else []
            self.frontier.finish(item.url, DONE, f"redirected to {result.redirect_to}", found, aliases=aliases)
        else:
            future = self.reader.submit(read_response, result.final, self.rules, item.kind == REQUISITE)
            reading[future] = Stored(item, result.final, captures[-1], tuple(aliases))

    def _failed_fetch(self, item: Item, result: FetchResult) -> None:
        policy = self.config.retry
        attempt = item.attempts + 1  # the frontier counted this attempt after `item` was read
        if item.kind in QUIET_KINDS and result.final is not None and 400 <= result.final.status < 500:
            # A guessed feed location that is not there, or a missing image: not a failed page.
            log.info("%s: %s", item.url, result.error)
            self.frontier.finish(item.url, DONE, result.error)
            return
        if result.retryable and policy.allows(attempt):
            wait_for = policy.wait(attempt, result.retry_after)
            log.info("retrying %s in %.1f s (attempt %d failed): %s", item.url, wait_for, attempt, result.error)
            when = time.time() + wait_for
            self.frontier.retry_later(item.url, when, result.error)
            if result.retry_after is not None:  # the server asked the whole host to slow down
                host = host_of(item.url)
                self.hosts[host].next_allowed = max(self.hosts[host].next_allowed, when)
            return
        self._fail(item, result.error, attempt)

    def _fail(self, item: Item, reason: str, attempts: int = 0) -> None:
        log.warning("failed %s: %s", item.url, reason)
        self.frontier.finish(item.url, FAILED, reason)
        self.errors.write(json.dumps({"url": item.url, "reason": reason, "attempts": attempts,
                                      "kind": item.kind, "time": _now_iso()}) + "\n")
        self.errors.flush()

    def _take_response(self, item: Item, final: Exchange, capture: Capture, reading: Reading,
                       aliases: list[Discovered]) -> None:
        if reading.problem is not None:
            self._fail(item, reading.problem, 1)
            return
        found: list[Discovered] = []
        written = None
        if reading.sitemap is not None:
            found = self._sitemap_entries(item, reading.sitemap)
        elif reading.feed:
            found = self._feed_entries(item, reading.feed)
        elif reading.kind == "html":
            found, written = self._take_page(item, final, capture, reading)
        self.frontier.finish(item.url, DONE, None, found, written, aliases)

    def _take_page(self, item: Item, final: Exchange, capture: Capture,
                   reading: Reading) -> tuple[list[Discovered], str | None]:
        """Links to follow from an HTML page, and the key of the record written from it, if any."""
        found = self._links(item, reading.page) if self.config.discover else []
        holder = capture.holder
        if holder.uri != final.url:  # the same bytes were archived under another URL: one record is enough
            log.info("%s repeats the payload of %s: no second record", final.url, holder.uri)
            return found, None
        article, wanted = reading.article, reading.wanted
        if holder.date != final.date:  # a page archived before (a resume): the record is of that capture
            article = extract_article(decoded_body(final, self.rules.max_bytes).data, final, holder.date)
            wanted = is_wanted(reading.page, article, final.url, self.rules)
        if not wanted:
            return found, None
        record = article.replace(fetched_at=holder.date, archive=holder.pointer()).to_dict()
        key = article_key(record)
        written = None
        if not self.frontier.is_written(key):
            self.pending_records.append(record)
            self.articles_written += 1
            written = key
        if self.config.page_requisites:
            found += [Discovered(url, REQUISITE, item.depth) for url in reading.page.requisites]
        return found, written

    def _links(self, item: Item, page: PageLinks) -> list[Discovered]:
        depth = item.depth + 1
        found = []
        if self.config.max_depth is None or depth <= self.config.max_depth:
            found += [Discovered(url, PAGE, depth) for url in page.links if self._follow(url)]
        found += [Discovered(url, LISTING, item.depth) for url in page.feeds if self._follow(url)]
        return found

    def _follow(self, url: str) -> bool:
        return self.scope.allows(url) and self.trap_guard.allow(url)

    # A sitemap's or a feed's entries are at the depth of the listing itself (a seed's: 0), not one
    # click further: the site lists them as its content, so they are fetched before the links of
    # the same depth (breadth first), and a --max-pages sample holds articles rather than category
    # pages; --max-depth counts the clicks from them as from a seed.
    def _sitemap_entries(self, item: Item, sitemap: Sitemap) -> list[Discovered]:
        found = [Discovered(child, LISTING, item.depth) for child in _normalized(sitemap.children)
                 if self.scope.allows(child)]
        for entry in sitemap.entries:
            # lastmod is the last change, never before publication: older than --from means outside.
            if entry.lastmod and self.config.date_from and entry.lastmod[:10] < self.config.date_from:
                continue
            found += [Discovered(url, PAGE, item.depth) for url in _normalized([entry.url]) if self._follow(url)]
        return found

    def _feed_entries(self, item: Item, entries: tuple[FeedEntry, ...]) -> list[Discovered]:
        kept = [entry.url for entry in entries if not entry.published
                or in_window(entry.published[:10], self.config.date_from, self.config.date_to)]
        return [Discovered(url, PAGE, item.depth) for url in _normalized(kept) if self._follow(url)]

    def _archive(self, exchanges: tuple[Exchange, ...]) -> list[Capture]:
        return self.archive.write(exchanges, sync=False)  # made durable by the batch's flush

    def _flush(self) -> None:
        """Make the open batch durable, in the order that keeps every pointer valid: the WARC
        records, then the JSONL lines pointing at them, then the state saying both are done."""
        if not self.frontier.batch_open:
            return
        self.archive.sync()
        for record in self.pending_records:
            self.records.write(record, sync=False)
        if self.pending_records:
            self.records.sync()
        self.pending_records.clear()
        self.frontier.commit_batch()
        self.batch_pages = 0

    # --- reporting ---

    def _warcinfo(self) -> dict[str, str]:
        options = {key: (str(value) if isinstance(value, Path) else value)
                   for key, value in asdict(self.config).items() if key not in ("out_dir", "quiet")}
        return {
            "software": f"scraper/{__version__}",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "http-header-user-agent": self.fetcher.user_agent,
            "robots": "obey" if self.config.obey_robots else "ignore",
            "isPartOf": self.out.name,
            "scraper-options": json.dumps(options, sort_keys=True),
        }

    def _summary(self, started: float, resumed: bool) -> CrawlSummary:
        counts = self.frontier.counts()
        return CrawlSummary(
            out_dir=self.out,
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
            elapsed=time.monotonic() - started,
        )

    def request_stop(self) -> None:
        """First Ctrl-C: finish what is in flight, then stop; a second one stops at once."""
        if self.stopping:
            raise KeyboardInterrupt
        self.stopping = self.interrupted = True
        log.info("stopping: waiting for the pages in flight")


class _Progress:
    """The terminal progress bar: pages fetched and their rate, queued, failed, articles written."""

    REFRESH_SECONDS = 0.5  # the queue counts cost a query: refresh them a few times a second at most

    def __init__(self) -> None:
        self.bar = tqdm(unit=" pages", desc="crawling", dynamic_ncols=True)
        self.shown_at = 0.0

    def show(self, crawl: Crawl) -> None:
        self.bar.n = crawl.pages_fetched
        if time.monotonic() - self.shown_at >= self.REFRESH_SECONDS:
            self.shown_at = time.monotonic()
            counts = crawl.frontier.counts()
            self.bar.set_postfix(queued=counts["queued"], failed=counts[FAILED], articles=crawl.articles_written)

    def close(self, crawl: Crawl) -> None:
        self.shown_at = 0.0  # the final counts, whatever the last refresh showed
        self.show(crawl)
        self.bar.close()


def _progress_bar(quiet: bool) -> _Progress | None:
    return None if quiet or not sys.stderr.isatty() else _Progress()


def _outcome(future: Future, task: Item | RobotsTask) -> FetchResult:
    """The worker's answer; an unexpected exception in it becomes a failed, non-retried fetch."""
    error = future.exception()
    if error is None:
        return future.result()
    url = task.url if isinstance(task, Item) else task.origin + "/robots.txt"
    log.error("download of %s raised %r", url, error)
    return FetchResult(url, error=f"internal error: {error.__class__.__name__}: {error}")



def _normalized(urls) -> list[str]:
    return [url for url in (normalize_url(u) for u in urls) if url]


class _stop_on_signals:
    """Ctrl-C and SIGTERM ask the crawl to stop cleanly (only possible from the main thread)."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, crawl: Crawl) -> None:
        self.crawl = crawl
        self.previous: dict[int, object] = {}

    def __enter__(self) -> None:
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                self.previous[signum] = signal.signal(signum, lambda *_: self.crawl.request_stop())

    def __exit__(self, *exc) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)


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


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _now_iso() -> str:
    return warc_date(datetime.now(timezone.utc))


def _file_log_handler(path: Path) -> logging.Handler:
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler

