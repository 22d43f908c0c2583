"""One run at a time in an output folder.

Two runs writing one folder would each take the other's in-flight URLs and double the request rate
on every site, so a run holds an exclusive lock on DIR/lock (fcntl.flock) from before it opens
anything until it ends. The kernel releases the lock when the process ends, however it ends (kill
-9 and power loss included), so a lock is never stale; the file says who holds it (pid, start time,
command), for the message the next run prints, and is removed when the run ends.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..errors import FolderInUse

LOCK_FILE = "lock"


@contextlib.contextmanager
def folder_lock(folder: Path, command: str) -> Iterator[None]:
    """Hold DIR/lock for the block; FolderInUse (saying which process holds it) when another run does."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_FILE
    handle = _locked(path, folder)
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "started": datetime.now(UTC).isoformat(timespec="seconds"),
                                 "command": command}) + "\n")
        handle.flush()
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()  # before the unlock: a run waiting on this file retries on a new one
        handle.close()


def _locked(path: Path, folder: Path):
    """The lock file, opened and locked. A file another run removed between our open and our lock
    is not the lock any more: open the path again."""
    while True:
        handle = path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = _holder(handle.read())
            handle.close()
            raise FolderInUse(f"{folder} is in use by another run ({holder}); wait for it to end, or stop it "
                              f"(Ctrl-C, or kill that pid), then run this command again") from None
        except BaseException:
            handle.close()
            raise
        try:
            same = os.fstat(handle.fileno()).st_ino == path.stat().st_ino
        except FileNotFoundError:
            same = False
        if same:
            return handle
        handle.close()


def _holder(note: str) -> str:
    try:
        holder = json.loads(note)
        return f"pid {holder['pid']}, {holder['command']}, started {holder['started']}"
    except (ValueError, KeyError, TypeError):
        return "a process that has not yet said which"
