"""The terminal progress bar of a crawl: pages fetched and their rate, queued, failed, articles written."""
from __future__ import annotations

import sys
import time
from typing import Protocol

from tqdm import tqdm

from .frontier import FAILED, Frontier


class Counted(Protocol):
    """What the bar shows of a running crawl."""

    pages_fetched: int
    articles_written: int
    frontier: Frontier


class Progress:
    REFRESH_SECONDS = 0.5  # the queue counts cost a query: refresh them a few times a second at most

    def __init__(self) -> None:
        self.bar = tqdm(unit=" pages", desc="crawling", dynamic_ncols=True)
        self.shown_at = 0.0

    def show(self, crawl: Counted) -> None:
        self.bar.n = crawl.pages_fetched
        if time.monotonic() - self.shown_at >= self.REFRESH_SECONDS:
            self.shown_at = time.monotonic()
            counts = crawl.frontier.counts()
            self.bar.set_postfix(queued=counts["queued"], failed=counts[FAILED], articles=crawl.articles_written)

    def close(self, crawl: Counted) -> None:
        self.shown_at = 0.0  # the final counts, whatever the last refresh showed
        self.show(crawl)
        self.bar.close()


def progress_bar(quiet: bool) -> Progress | None:
    return None if quiet or not sys.stderr.isatty() else Progress()
