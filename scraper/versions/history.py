"""An article's history: its versions in capture order, each compared with the one before.

Only consecutive versions whose content differs give a change; a version whose content is the
same as the one before (the same digest, or the same once compared) moves the old side forward,
so a change says between which two captures it happened: after the last capture of the old text,
by the first capture of the new one.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .changerecord import Change
from .comparison import compare
from .grouping import article_versions
from .inputs import RecordReader, record_files


def changes(paths: Iterable[str | Path]) -> Iterator[Change]:
    """One Change for each pair of consecutive versions of an article whose content differs,
    article by article in input order, each article's in capture order."""
    files = record_files(paths)
    reader = RecordReader(files)
    try:
        for key, captures in article_versions(files):
            old_capture, old = captures[0], None
            for capture in captures[1:]:
                if capture.digest == old_capture.digest:
                    old_capture, old = capture, None  # the same content, a later capture of it
                    continue
                old = old or reader.read(old_capture.file, old_capture.offset)
                new = reader.read(capture.file, capture.offset)
                change = compare(key, old, new)
                if change is not None:
                    yield change
                old_capture, old = capture, new
    finally:
        reader.close()
