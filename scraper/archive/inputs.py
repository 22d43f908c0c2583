"""Input locations for `scraper parse`: local paths and remote collections, opened as streams.

A location is a local path (a file, a folder, a glob) or a URL that fsspec understands: https://
(Common Crawl's CC-NEWS files are public over https), s3:// when s3fs is installed, and so on.
Files are never downloaded whole first: a remote file is read in blocks (HTTP Range requests, or one
streamed GET when the server answers no ranges), and the WARC reader consumes it as it arrives.
"""
from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from ..compression import inflate
from ..errors import NoInputError, UsageError

# The files a collection is made of; a folder or a remote prefix is searched for these.
COLLECTION_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz", ".html", ".htm", ".xhtml")
GLOB_CHARACTERS = frozenset("*?[")
# Sequential reading wants big blocks: one Range request per 8 MiB keeps the round trips few
# without holding much in memory; "readahead" fetches the next block as the reader moves on.
REMOTE_BLOCK_SIZE = 8 * 1024 * 1024
REMOTE_CACHE = "readahead"
# Listing an http "folder" means fetching a page and reading its links, so only a URL that ends
# in "/" is taken for one; asking `isdir` of a 1 GB WARC over http would download it.
HTTP_SCHEMES = frozenset({"http", "https"})
# Common Crawl publishes the files of each crawl (CC-NEWS: of each month) as a list, warc.paths.gz,
# of paths relative to the root of its store (https://data.commoncrawl.org/, s3://commoncrawl/).
# A location named so is read as that list.
PATH_LIST_SUFFIXES = (".paths", ".paths.gz")
# A month of CC-NEWS lists a few hundred files, a Common Crawl crawl about 100,000: far below this.
MAX_PATH_LIST_BYTES = 256 * 2**20


def is_remote(location: str) -> bool:
    """A URL with a scheme other than file:// (a Windows drive letter is not a scheme)."""
    scheme = urlsplit(location).scheme
    return len(scheme) > 1 and scheme != "file"


def is_collection_file(name: str) -> bool:
    return name.lower().endswith(COLLECTION_SUFFIXES)


def expand_inputs(locations: Iterable[str | os.PathLike]) -> list[str]:
    """Every file the locations name, in a stable order: folders and globs expanded, locally and
    remotely. A location that names one file is kept as given, whatever its suffix; a location that
    matches nothing raises NoInputError, so a typo is not a silent empty run."""
    found: list[str] = []
    for location in locations:
        location = os.fspath(location)
        if location.lower().endswith(PATH_LIST_SUFFIXES):
            try:
                matched = _read_path_list(location)
            except FileNotFoundError:
                matched = []
        elif is_remote(location):
            matched = _expand_remote(location)
        else:
            matched = _expand_local(location)
        if not matched:
            raise NoInputError(f"no input files at {location}")
        found += matched
    return list(dict.fromkeys(found))


def _expand_local(location: str) -> list[str]:
    path = Path(location.removeprefix("file://"))
    if any(char in location for char in GLOB_CHARACTERS):
        candidates = sorted(Path(name) for name in glob.glob(str(path), recursive=True))
    elif path.is_dir():
        candidates = sorted(p for p in path.rglob("*") if is_collection_file(p.name))
    else:
        return [str(path)] if path.exists() else []
    return [str(p) for p in candidates if p.is_file()]


def _expand_remote(location: str) -> list[str]:
    import fsspec  # the remote extra; local runs do not need it

    fs, path = fsspec.core.url_to_fs(location)
    is_http = urlsplit(location).scheme in HTTP_SCHEMES
    if any(char in path for char in GLOB_CHARACTERS):
        names = fs.glob(path)
    elif location.endswith("/") or (not is_http and fs.isdir(path)):
        names = [name for name in fs.find(path) if is_collection_file(name)]
    else:
        return [location]
    return sorted(name if is_remote(name) else fs.unstrip_protocol(name) for name in names)


def _read_path_list(location: str) -> list[str]:
    """The files a path list names; a relative path is taken from the root of the list's store
    (scheme and host, or bucket) when the list is remote, from the list's folder when it is local."""
    with open_input(location) as stream:
        data = stream.read(MAX_PATH_LIST_BYTES + 1)
    if location.lower().endswith(".gz"):
        inflated = inflate(data, MAX_PATH_LIST_BYTES)
        if inflated.error or inflated.truncated or not inflated.complete:
            raise UsageError(f"{location}: not a whole gzipped path list ({inflated.error or 'cut short or too large'})")
        data = inflated.data
    elif len(data) > MAX_PATH_LIST_BYTES:
        raise UsageError(f"{location}: a path list larger than {MAX_PATH_LIST_BYTES} bytes")
    if is_remote(location):
        parts = urlsplit(location)
        root = f"{parts.scheme}://{parts.netloc}/"
    else:
        root = os.path.dirname(os.path.abspath(location)) + os.sep
    names = (line.strip() for line in data.decode("utf-8").splitlines())
    return [name if is_remote(name) or os.path.isabs(name) else root + name.lstrip("/")
            for name in names if name and not name.startswith("#")]


def open_input(location: str | os.PathLike) -> BinaryIO:
    """A binary stream of one input file; the caller closes it (use it in a `with`)."""
    location = os.fspath(location)
    if not is_remote(location):
        return open(location.removeprefix("file://"), "rb")
    import fsspec

    fs, path = fsspec.core.url_to_fs(location)
    return fs.open(path, "rb", block_size=REMOTE_BLOCK_SIZE, cache_type=REMOTE_CACHE)


def display_name(location: str) -> str:
    """The file name part of a location, for logs and for naming output parts."""
    return os.path.basename(urlsplit(location).path.rstrip("/")) or location
