"""Every exception scraper raises on purpose, in one hierarchy (as httpx's `_exceptions.py`).

    ScraperError
    ├── UsageError            a run that cannot start as asked: the command line's exit status 2
    │   ├── RunMismatchError  the output folder holds another run (other seeds, scope, query ...)
    │   ├── FolderInUse       another run is writing the output folder now
    │   └── NoInputError      an input location that names no file
    ├── FetchError            a download that failed (`retryable` when a later try may succeed)
    ├── UnsafeDocument        a sitemap or feed built to hurt (too big once inflated, XML entities)
    └── ArchiveUnavailable    the Wayback Machine kept failing one URL after every retry
        └── ArchiveThrottled  ... kept answering 429 through every pause: the whole run stops

The command line maps `UsageError` to exit status 2 and nothing else: a ValueError from deep in the
code is a bug, reported as one, not taken for a mistake of the user's.
"""
from __future__ import annotations


class ScraperError(Exception):
    """The base of every exception scraper raises on purpose."""


class UsageError(ScraperError):
    """A run that cannot start as asked: a bad option, seed, date or regex, or an output folder
    that cannot be used. The message is for the user, and says what to do instead."""


class RunMismatchError(UsageError):
    """The output folder holds another run: resuming needs the same seeds, scope and filters (a
    crawl) or the same query and archive (a Wayback run)."""


class FolderInUse(UsageError):
    """Another run (its pid and start time in the message) is writing the output folder now."""


class NoInputError(UsageError):
    """An input location (a file, folder, glob or URL) that names no file."""


class FetchError(ScraperError):
    """A download that failed: the connection, a timeout, a broken response. `unreachable`: the host
    name did not resolve or the host refused the connection (no network, no server), which a few
    quick tries settle."""

    def __init__(self, message: str, retryable: bool, unreachable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.unreachable = unreachable


class UnsafeDocument(ScraperError):
    """A sitemap or feed built to hurt: over the size cap once inflated, or declaring XML entities."""


class ArchiveUnavailable(ScraperError):
    """The archive kept failing (5xx or network errors) after every retry, for one URL."""


class ArchiveThrottled(ArchiveUnavailable):
    """The archive kept answering 429 through every pause: the whole run must stop, not one URL."""
