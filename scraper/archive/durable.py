"""Writes that survive a power cut: what fsync on a file does not cover by itself."""
from __future__ import annotations

import os
from pathlib import Path


def fsync_directory(directory: Path) -> None:
    """Make a directory's entries (files just created in it) durable; a no-op where unsupported.

    fsync on a new file saves its bytes but not its name: without this, a power cut can leave the
    data on disk and no directory entry pointing at it.
    """
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some platforms and file systems cannot fsync a directory
    finally:
        os.close(handle)
