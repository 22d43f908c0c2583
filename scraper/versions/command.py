"""`scraper changes PATH... --out changes.jsonl [--html report.html]`: the command's work, for the
command line to call once it has parsed its arguments.

Both outputs are written as the changes come and moved into place at the end, so an interrupted
run leaves the previous files (or none), never half of one. Exit status: 0 done (with or without
changes), 2 a path that is not there or an output that cannot be written.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from .changerecord import Change
from .history import changes
from .report import write_report

EXIT_OK, EXIT_USAGE = 0, 2


def run_changes(paths: Sequence[str | Path], out: str | Path, html: str | Path | None = None,
                log: TextIO | None = None) -> int:
    """Write one change record a line to `out` (and the report to `html`); the exit status."""
    log = log or sys.stderr
    out = Path(out)
    partial = out.with_name(f".{out.name}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        articles: set[str] = set()
        with partial.open("w", encoding="utf-8") as handle:
            written = list_as_written(changes(paths), handle, articles)
            if html is not None:
                total = write_report(written, html)
            else:
                total = sum(1 for _ in written)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, out)
    except FileNotFoundError as error:
        print(f"scraper changes: {error}", file=log)
        partial.unlink(missing_ok=True)
        return EXIT_USAGE
    except OSError as error:
        print(f"scraper changes: cannot write the output: {error}", file=log)
        partial.unlink(missing_ok=True)
        return EXIT_USAGE
    print(f"{total} change{'' if total == 1 else 's'} in {len(articles)} article{'' if len(articles) == 1 else 's'}"
          f" written to {out}" + (f", report in {html}" if html is not None else ""), file=log)
    return EXIT_OK


def list_as_written(found: Iterable[Change], handle: TextIO, articles: set[str]) -> Iterator[Change]:
    """The changes, each written to `handle` as one JSON line as it passes (its article noted). A
    record whose text UTF-8 cannot hold (a lone surrogate that came in as a JSON escape) is written
    with its non-ASCII characters escaped, so nothing is lost."""
    for change in found:
        articles.add(change.url)
        record = change.to_dict()
        try:
            handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        except UnicodeEncodeError:
            handle.write(json.dumps(record, separators=(",", ":")) + "\n")
        yield change
