"""The durable batch: the pages settled since the last flush, made durable together.

fsyncs, not downloads, bound a polite crawl of one fast host, so a batch of settled pages is made
durable with three of them, in the order that keeps every pointer valid: the WARC records, then
the JSONL lines pointing at them, then the frontier's state saying both are done. A crash loses at
most a batch, which a resume fetches again.
"""
from __future__ import annotations

import time
from typing import Any

from ..archive.jsonl import JsonlWriter
from ..archive.warc import WarcArchive
from .frontier import Frontier

# A batch is flushed when it has this many pages or is this old.
BATCH_MAX_PAGES = 32
BATCH_MAX_SECONDS = 1.0


class DurableBatch:
    def __init__(self, frontier: Frontier, archive: WarcArchive, records: JsonlWriter) -> None:
        self.frontier = frontier
        self.archive = archive
        self.records = records
        self.pages = 0
        self.started = 0.0
        self.pending: list[dict[str, Any]] = []  # the records of the open batch, written at its flush

    def join(self) -> None:
        """Count one more page in the open batch (or open one)."""
        if not self.frontier.batch_open:
            self.frontier.begin_batch()
            self.started = time.monotonic()
        self.pages += 1

    def add_record(self, record: dict[str, Any]) -> None:
        self.pending.append(record)

    def due(self) -> bool:
        return self.pages >= BATCH_MAX_PAGES or (
            self.frontier.batch_open and time.monotonic() - self.started >= BATCH_MAX_SECONDS)

    def flush(self) -> None:
        if not self.frontier.batch_open:
            return
        self.archive.sync()
        for record in self.pending:
            self.records.write(record, sync=False)
        if self.pending:
            self.records.sync()
        self.pending.clear()
        self.frontier.commit_batch()
        self.pages = 0
