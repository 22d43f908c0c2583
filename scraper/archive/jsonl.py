"""The JSONL record file: one article record a line, each written exactly once across crashes.

The protocol with the frontier (which keeps the set of written record keys in SQLite):
1. write the line (or a batch of lines) and fsync the file;
2. only then commit its key as written in SQLite.
A crash between the two leaves a line whose key SQLite does not know, so a resume first repairs a
torn last line (a crash during step 1), then reads the keys of every line back into the written set
(`keys_in_file`) before writing anything new: no line is lost, none is written twice.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..discover.urls import normalize_url
from .durable import fsync_directory

# How far back from the end to look for the last newline at a time while repairing.
TAIL_STEP_BYTES = 64 * 1024


def article_key(record: dict[str, Any]) -> str:
    """The identity of an article record: its canonical URL, else its URL; duplicates share one key."""
    return key_of(record.get("canonical_url"), record.get("url"), record.get("id"))


def key_of(canonical_url: str | None, url: str | None, record_id: str | None) -> str:
    """The identity of an article: its canonical URL, else its URL (else its id), normalised."""
    key = canonical_url or url or record_id or ""
    return normalize_url(key) or key


def repair_torn_tail(path: Path) -> int:
    """Cut a half-written last line off the file; the number of bytes removed."""
    if not path.exists():
        return 0
    with path.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        end = size
        while end > 0:
            start = max(0, end - TAIL_STEP_BYTES)
            handle.seek(start)
            block = handle.read(end - start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                keep = start + newline + 1
                break
            end = start
        else:
            keep = 0
        if keep < size:
            handle.truncate(keep)
            handle.flush()
            os.fsync(handle.fileno())
        return size - keep


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSONL file, line by line (a line that is not a JSON object is skipped)."""
    if not path.exists():
        return
    with path.open("rb") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


def keys_in_file(path: Path) -> set[str]:
    return {article_key(record) for record in read_records(path)}


class JsonlWriter:
    """Appends records durably: each line is on disk (fsync'ed) when `write` (or `sync`) returns."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        created = not path.exists()
        self._file: BinaryIO = path.open("ab")
        if created:
            fsync_directory(path.parent)

    def write(self, record: dict[str, Any], sync: bool = True) -> None:
        """Append a record; on disk on return with `sync`, else once `sync()` has returned."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        self._file.write(line.encode("utf-8"))
        if sync:
            self.sync()

    def sync(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()
