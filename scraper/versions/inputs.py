"""Where the records come from: crawl, recrawl and wayback folders (their `articles.jsonl`), folders
of JSONL parts, and JSONL files; read once to index them, then record by record by byte offset.

`changes` reads its inputs twice rather than holding them: the first pass keeps, for each record,
only where it is and what `grouping` needs to know about it; the second reads back, a group at a
time, the records of articles that have more than one version. Memory grows with the number of
records, not with their size.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

RECORDS_FILE = "articles.jsonl"
# Files kept open at once while reading records back (a folder of Dask parts may hold thousands).
MAX_OPEN_FILES = 32


def record_files(paths: Iterable[str | Path]) -> list[Path]:
    """The JSONL files the paths name, in the order given: a folder gives its `articles.jsonl`, or
    else its `*.jsonl` files in name order. Raises FileNotFoundError for a path that is not there."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            own = path / RECORDS_FILE
            files += [own] if own.is_file() else sorted(path.glob("*.jsonl"))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return files


def scan(files: list[Path]) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """(file number, byte offset, record) for every line that holds a JSON object; other lines
    (a torn last line, a blank, a stray array) are skipped."""
    for number, path in enumerate(files):
        with path.open("rb") as handle:
            offset = 0
            for line in handle:
                record = parsed(line)
                if record is not None:
                    yield number, offset, record
                offset += len(line)


def parsed(line: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:  # includes bad UTF-8
        return None
    return record if isinstance(record, dict) else None


class RecordReader:
    """Reads records back by (file number, offset), keeping a few files open."""

    def __init__(self, files: list[Path]) -> None:
        self.files = files
        self.handles: dict[int, BinaryIO] = {}

    def read(self, file: int, offset: int) -> dict[str, Any]:
        handle = self.handles.pop(file, None)
        if handle is None:
            if len(self.handles) >= MAX_OPEN_FILES:
                self.handles.pop(next(iter(self.handles))).close()
            handle = self.files[file].open("rb")
        self.handles[file] = handle  # most recently used last
        handle.seek(offset)
        return parsed(handle.readline()) or {}

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()
        self.handles.clear()
