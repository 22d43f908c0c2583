"""The frontier and the crawl's durable state, in one SQLite database (DIR/state.sqlite, WAL mode).

What it remembers, so that a crawl killed at any moment resumes without loss or duplication:
- every URL seen, with its state (queued, in-flight, done, failed, skipped), kind, depth, attempts
  and the time it may next be tried;
- the keys of the article records already written to the JSONL file;
- each WARC file's committed end offset, and the payload digests archived (for revisit records);
- the crawl's identity (seeds, scope, include and exclude), so a resume with others is refused;
- what carries from one run to the next: the URLs of each link-trap pattern (`discover.traps`), and
  how many runs each failed URL failed in, and whether for a reason that can pass (a later run
  retries those: `requeue_failures`).
Every method is one transaction, or joins the open batch (`begin_batch` ... `commit_batch`: the
crawl commits many pages' changes at once, after their WARC records and JSONL lines are on disk).
`synchronous=FULL`, so a commit survives power loss, not only a killed process (the JSONL file
relies on it). Two kinds of commit skip the sync, because losing them costs nothing: marking URLs
in flight (a resume re-queues them anyway) and a WARC file's committed offset (a resume keeps the
complete records past it, see `archive.recover_warc_files`); the next synced commit makes them
durable too.
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..archive.warc import Capture
from ..discover.urls import host_of
from ..errors import RunMismatchError


class UrlState(StrEnum):
    """Where a URL stands; stored as its value."""

    QUEUED = "queued"
    IN_FLIGHT = "in-flight"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


class UrlKind(StrEnum):
    """What a URL is expected to be, which decides what becomes of its response; stored as its value."""

    SEED = "seed"  # given by the user
    PAGE = "page"  # found in a page's links, a sitemap or a feed
    LISTING = "listing"  # a sitemap or a feed
    GUESS = "guess"  # a usual sitemap or feed location, tried on a seed site
    REQUISITE = "requisite"  # an image, stylesheet or script of an article


QUEUED, IN_FLIGHT, DONE, FAILED, SKIPPED = UrlState
SEED, PAGE, LISTING, GUESS, REQUISITE = UrlKind
# Kinds counted against --max-pages: pages a user asked for, or the crawl found in links, sitemaps and
# feeds; not the sitemaps and feeds themselves (LISTING), guessed feed locations (GUESS) or page requisites.
BUDGET_KINDS = (SEED, PAGE)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS urls (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,
    host TEXT NOT NULL,
    kind TEXT NOT NULL,
    depth INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0,
    reason TEXT
);
CREATE INDEX IF NOT EXISTS urls_by_state ON urls (state, depth, seq);
CREATE TABLE IF NOT EXISTS written (key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS warc_files (name TEXT PRIMARY KEY, committed INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS payloads (
    digest TEXT PRIMARY KEY, uri TEXT NOT NULL, warc_file TEXT NOT NULL, offset INTEGER NOT NULL,
    length INTEGER NOT NULL, record_id TEXT NOT NULL, date TEXT NOT NULL
);
"""
# What carries from one run to the next beyond the queue.
RUNS_SCHEMA = """
CREATE TABLE IF NOT EXISTS trap_patterns (pattern TEXT PRIMARY KEY, urls INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS failed_runs (url TEXT PRIMARY KEY, runs INTEGER NOT NULL, transient INTEGER NOT NULL);
"""
# SQLite's default limit on the parameters of one statement is 999 in older builds.
MAX_PARAMETERS = 900


@dataclass(frozen=True)
class Item:
    """A URL taken from the frontier to be fetched."""

    url: str
    kind: UrlKind
    depth: int
    attempts: int


@dataclass(frozen=True)
class Discovered:
    """A URL found in a page, sitemap, feed or redirect, to be queued if new."""

    url: str
    kind: UrlKind
    depth: int


class Frontier:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Only the crawl's scheduling thread uses the connection; workers never touch SQLite.
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.db.executescript(RUNS_SCHEMA)
        self._batch_open = False

    def close(self) -> None:
        self.db.close()

    def _transaction(self, synced: bool = True):
        """One method's transaction, or nothing inside a batch (the batch's commit covers it)."""
        if self._batch_open:
            return contextlib.nullcontext()
        return _Transaction(self.db, synced)

    # --- batches ---

    def begin_batch(self) -> None:
        """Hold every change from here to `commit_batch` in one transaction (one fsync for many
        pages); a crash before the commit loses the whole batch, which a resume fetches again."""
        if not self._batch_open:
            self.db.execute("BEGIN IMMEDIATE")
            self._batch_open = True

    def commit_batch(self) -> None:
        if self._batch_open:
            self.db.execute("COMMIT")
            self._batch_open = False

    @property
    def batch_open(self) -> bool:
        return self._batch_open

    # --- identity ---

    def claim(self, identity: Mapping[str, object], out_dir: Path) -> bool:
        """Record this crawl's identity, or check it matches the one stored; True on a resume."""
        text = json.dumps(identity, sort_keys=True)
        row = self.db.execute("SELECT value FROM meta WHERE key = 'identity'").fetchone()
        if row is None:
            with self._transaction():
                self.db.execute("INSERT INTO meta (key, value) VALUES ('identity', ?)", (text,))
            return False
        if row[0] != text:
            differences = identity_differences(json.loads(row[0]), identity)
            raise RunMismatchError(
                f"{out_dir} holds another crawl: {'; '.join(differences)}. Resuming needs the same seeds, "
                f"--scope, --include and --exclude (they decide which pages belong to the crawl; limits, "
                f"delays and the other options may change). To start a new crawl, choose a new folder, "
                f"for example --out {out_dir.with_name(out_dir.name + '-2')}")
        return True

    # --- the queue ---

    def add(self, found: Iterable[Discovered]) -> int:
        """Queue the URLs not seen before; how many were new."""
        with self._transaction():
            return self._add(found)

    def _add(self, found: Iterable[Discovered]) -> int:
        before = self.db.total_changes
        self.db.executemany(
            "INSERT OR IGNORE INTO urls (url, host, kind, depth) VALUES (?, ?, ?, ?)",
            [(item.url, host_of(item.url), item.kind, item.depth) for item in found])
        return self.db.total_changes - before

    def ready(self, now: float, busy_hosts: set[str], limit: int, budget_open: bool = True) -> list[Item]:
        """Up to `limit` queued URLs due by `now`, breadth first, at most one per host, none from a
        busy host. Once the page budget is spent (`budget_open` False), only what the pages already
        fetched still need: retries of started pages, and page requisites."""
        if limit <= 0:
            return []
        items: list[Item] = []
        hosts = set(busy_hosts)
        query, params = _queued_filter(busy_hosts, budget_open)
        cursor = self.db.execute(
            f"SELECT url, host, kind, depth, attempts FROM urls WHERE {query} AND next_try <= ? ORDER BY depth, seq",
            params + (now,))
        for url, host, kind, depth, attempts in cursor:
            if host in hosts:
                continue
            hosts.add(host)
            items.append(Item(url, UrlKind(kind), depth, attempts))
            if len(items) == limit:
                break
        cursor.close()
        return items

    def next_due(self, busy_hosts: set[str], budget_open: bool = True) -> float | None:
        """When the earliest queued URL of a free host may be tried; None if there is none."""
        query, params = _queued_filter(busy_hosts, budget_open)
        return self.db.execute(f"SELECT MIN(next_try) FROM urls WHERE {query}", params).fetchone()[0]

    def start(self, items: list[Item]) -> None:
        """Mark URLs in flight. Not synced to disk on its own: if this is lost, the URLs are still
        queued, which is what a resume makes of in-flight URLs anyway; the next commit syncs it."""
        if not items:
            return
        with self._transaction(synced=False):
            self.db.executemany("UPDATE urls SET state = 'in-flight', attempts = attempts + 1 WHERE url = ?",
                                [(item.url,) for item in items])

    def retry_later(self, url: str, when: float, reason: str) -> None:
        with self._transaction():
            self.db.execute("UPDATE urls SET state = 'queued', next_try = ?, reason = ? WHERE url = ?",
                            (when, reason, url))

    def finish(self, url: str, state: UrlState, reason: str | None = None, found: Iterable[Discovered] = (),
               written_key: str | None = None, aliases: Iterable[Discovered] = ()) -> None:
        """Close a URL, queue what it led to and remember the record it gave, in one transaction.
        `aliases` are the URLs a redirect chain went through: fetched already, so never queued."""
        with self._transaction():
            self.db.execute("UPDATE urls SET state = ?, reason = ? WHERE url = ?", (state, reason, url))
            self.db.executemany(
                "INSERT OR IGNORE INTO urls (url, host, kind, depth, state) VALUES (?, ?, ?, ?, 'done')",
                [(item.url, host_of(item.url), item.kind, item.depth) for item in aliases])
            self._add(found)
            if written_key is not None:
                self.db.execute("INSERT OR IGNORE INTO written (key) VALUES (?)", (written_key,))

    def return_to_queue(self, urls: Iterable[str]) -> None:
        """Put URLs that were handed out but not finished back, without counting the attempt."""
        with self._transaction():
            self.db.executemany("UPDATE urls SET state = 'queued', attempts = MAX(0, attempts - 1) "
                                "WHERE url = ? AND state = 'in-flight'", [(url,) for url in urls])

    def requeue_in_flight(self) -> int:
        """After a crash: what was being fetched is fetched again."""
        with self._transaction():
            return self.db.execute("UPDATE urls SET state = 'queued' WHERE state = 'in-flight'").rowcount

    def note_failure(self, url: str, transient: bool) -> None:
        """Count a run in which the URL failed (it is closed FAILED by `finish`, in the same batch);
        `transient`: for a reason that can pass (connection, timeout, 429, 5xx, robots.txt unreachable)."""
        with self._transaction():
            self.db.execute("INSERT INTO failed_runs (url, runs, transient) VALUES (?, 1, ?) ON CONFLICT (url) "
                            "DO UPDATE SET runs = runs + 1, transient = excluded.transient", (url, transient))

    def requeue_failures(self, max_runs: int) -> int:
        """At the start of a run: queue again the URLs that failed for a reason that can pass, in fewer
        than `max_runs` runs; how many. Their attempts stay counted (a page keeps its place in --max-pages)."""
        with self._transaction():
            return self.db.execute(
                "UPDATE urls SET state = 'queued', next_try = 0 WHERE state = 'failed' AND url IN "
                "(SELECT url FROM failed_runs WHERE transient AND runs < ?)", (max_runs,)).rowcount

    def requeue_skipped(self, reason: str) -> int:
        """Queue again the URLs skipped for this reason (a budget since made larger); how many."""
        with self._transaction():
            return self.db.execute("UPDATE urls SET state = 'queued' WHERE state = 'skipped' AND reason = ?",
                                   (reason,)).rowcount

    def skip_queued(self, kinds: Sequence[str], reason: str) -> int:
        """Close as skipped, for this reason, every queued URL of these kinds never started."""
        with self._transaction():
            return self.db.execute(
                f"UPDATE urls SET state = 'skipped', reason = ? WHERE state = 'queued' AND attempts = 0 "
                f"AND kind IN ({','.join('?' * len(kinds))})", (reason, *kinds)).rowcount

    def skipped_for(self, reason: str) -> int:
        return self.db.execute("SELECT COUNT(*) FROM urls WHERE state = 'skipped' AND reason = ?",
                               (reason,)).fetchone()[0]

    def started_of(self, kinds: Sequence[str]) -> int:
        """URLs of these kinds started, over every run."""
        return self.db.execute(f"SELECT COUNT(*) FROM urls WHERE kind IN ({','.join('?' * len(kinds))}) "
                               f"AND attempts > 0", tuple(kinds)).fetchone()[0]

    def tally(self, name: str) -> int:
        """A running total the crawl keeps in its state (0 until added to)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", ("tally:" + name,)).fetchone()
        return int(row[0]) if row else 0

    def add_to_tally(self, name: str, amount: int) -> None:
        with self._transaction():
            self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                            "SET value = CAST(value AS INTEGER) + excluded.value", ("tally:" + name, amount))

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys((QUEUED, IN_FLIGHT, DONE, FAILED, SKIPPED), 0)
        counts.update(self.db.execute("SELECT state, COUNT(*) FROM urls GROUP BY state").fetchall())
        return counts

    def budget_used(self) -> int:
        """Pages counted against --max-pages: those started, finished or failed."""
        placeholders = ",".join("?" * len(BUDGET_KINDS))
        return self.db.execute(
            f"SELECT COUNT(*) FROM urls WHERE kind IN ({placeholders}) AND (state != 'queued' OR attempts > 0)",
            BUDGET_KINDS).fetchone()[0]

    def failures(self) -> list[tuple[str, str]]:
        return self.db.execute("SELECT url, reason FROM urls WHERE state = 'failed' ORDER BY seq").fetchall()

    # --- written records ---

    def is_written(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM written WHERE key = ?", (key,)).fetchone() is not None

    def add_written(self, keys: Iterable[str]) -> None:
        with self._transaction():
            self.db.executemany("INSERT OR IGNORE INTO written (key) VALUES (?)", [(key,) for key in keys])

    def written_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM written").fetchone()[0]

    # --- the link-trap counts (a `discover.traps.TrapCounts`) ---

    def known(self, urls: Sequence[str]) -> set[str]:
        """Those of the URLs the crawl has queued or fetched."""
        found: set[str] = set()
        for chunk in _chunks(urls):
            found.update(row[0] for row in self.db.execute(
                f"SELECT url FROM urls WHERE url IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def pattern_counts(self, patterns: Sequence[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for chunk in _chunks(patterns):
            counts.update(self.db.execute(
                f"SELECT pattern, urls FROM trap_patterns WHERE pattern IN ({','.join('?' * len(chunk))})", chunk))
        return counts

    def record(self, admitted: Sequence[tuple[str, str]]) -> None:
        """Count the URLs admitted under their patterns (the URLs themselves are queued by the caller,
        in the same batch)."""
        added = Counter(pattern for _, pattern in admitted)
        with self._transaction():
            self.db.executemany("INSERT INTO trap_patterns (pattern, urls) VALUES (?, ?) "
                                "ON CONFLICT (pattern) DO UPDATE SET urls = urls + excluded.urls", added.items())

    # --- the archive ledger (see scraper.archive.ArchiveLedger) ---

    def warc_files(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT name, committed FROM warc_files ORDER BY rowid").fetchall())

    def register_warc(self, name: str) -> None:
        with self._transaction():
            self.db.execute("INSERT OR IGNORE INTO warc_files (name, committed) VALUES (?, 0)", (name,))

    def forget_warc(self, name: str) -> None:
        with self._transaction():
            self.db.execute("DELETE FROM warc_files WHERE name = ?", (name,))

    def payload_capture(self, digest: str) -> Capture | None:
        row = self.db.execute("SELECT uri, warc_file, offset, length, record_id, date FROM payloads "
                              "WHERE digest = ?", (digest,)).fetchone()
        if row is None:
            return None
        uri, warc_file, offset, length, record_id, date = row
        return Capture(uri, warc_file, offset, length, record_id, digest, date)

    def commit_archive(self, name: str, end: int, captures: list[Capture]) -> None:
        with self._transaction(synced=False):
            self.db.execute("UPDATE warc_files SET committed = ? WHERE name = ?", (end, name))
            self.db.executemany(
                "INSERT OR IGNORE INTO payloads (digest, uri, warc_file, offset, length, record_id, date) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(c.payload_digest, c.uri, c.warc_file, c.offset, c.length, c.record_id, c.date) for c in captures])


# How a resume refusal names each part of a crawl's identity: as the user typed it.
IDENTITY_LABELS = {"seeds": "seeds", "scope": "--scope", "include": "--include", "exclude": "--exclude"}


def identity_differences(stored: Mapping[str, object], given: Mapping[str, object]) -> list[str]:
    """What differs between the stored crawl identity and the one given, in the user's words:
    e.g. "--exclude differs: stored none vs given '/tag/'"."""
    differences = []
    for key in sorted(stored.keys() | given.keys(), key=lambda k: (k not in IDENTITY_LABELS, k)):
        if stored.get(key) != given.get(key):
            label = IDENTITY_LABELS.get(key, key)
            verb = "differ" if label == "seeds" else "differs"
            differences.append(f"{label} {verb}: stored {_shown(stored.get(key))} vs given {_shown(given.get(key))}")
    return differences


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return repr(value) if isinstance(value, str) else str(value)


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), MAX_PARAMETERS):
        yield values[start:start + MAX_PARAMETERS]


def _queued_filter(busy_hosts: set[str], budget_open: bool) -> tuple[str, tuple]:
    query = "state = 'queued'"
    params: tuple = ()
    if busy_hosts:
        query += f" AND host NOT IN ({','.join('?' * len(busy_hosts))})"
        params += tuple(busy_hosts)
    if not budget_open:
        query += f" AND (kind = ? OR (kind IN ({','.join('?' * len(BUDGET_KINDS))}) AND attempts > 0))"
        params += (REQUISITE, *BUDGET_KINDS)
    return query, params


class _Transaction:
    """BEGIN ... COMMIT (ROLLBACK on an exception) on a connection in autocommit mode; an unsynced
    one commits to the WAL without waiting for the disk (WAL mode keeps the database consistent)."""

    def __init__(self, db: sqlite3.Connection, synced: bool) -> None:
        self.db = db
        self.synced = synced

    def __enter__(self) -> None:
        if not self.synced:
            self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, error, trace) -> None:
        try:
            self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            if not self.synced:
                self.db.execute("PRAGMA synchronous=FULL")
