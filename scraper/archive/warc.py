"""The WARC writer: every HTTP exchange of a crawl, as received, into gzipped WARC 1.1 files.

Each file opens with a warcinfo record (tool, version, crawl options). Each exchange becomes a
response record (or a revisit record when the same payload was archived before) followed by its
request record. The files survive a kill -9 (or a power cut) at any moment because of one rule:
after a batch of records is written the file is flushed and fsync'ed, and only then is its end
offset recorded as committed (by the ledger, in SQLite) and the batch reported to the caller. A
resume cuts every file back to the end of its last whole record (from the committed offset on,
see `recover_warc_files`), which removes a half-written gzip member, so `warcio check` and
`warcio index` accept every file and every pointer handed out still leads to its record.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import BinaryIO, Protocol
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..compression import end_of_whole_members
from ..exchange import Exchange
from ..record import ArchivePointer
from .durable import fsync_directory

WARC_VERSION = "1.1"
MAX_FILE_BYTES = 1024**3  # rotate to a new file past this size (the usual 1 GB of web archives)
FILE_PREFIX = "scraper"


@dataclass(frozen=True)
class Capture:
    """Where one response record lives, and, for a revisit, the record holding its payload."""

    uri: str
    warc_file: str  # relative to the WARC directory
    offset: int  # of the record's gzip member
    length: int  # of that gzip member, compressed
    record_id: str
    payload_digest: str | None
    date: str  # the WARC-Date
    original: Capture | None = None  # set on a revisit: the earlier capture of the same payload

    @property
    def payload_capture(self) -> Capture:
        """The capture whose record carries the payload: itself, or the one a revisit refers to."""
        return self.original or self

    def pointer(self) -> ArchivePointer:
        return ArchivePointer(source="crawl", warc_file=self.warc_file, offset=self.offset, length=self.length,
                              record_id=self.record_id, payload_digest=self.payload_digest,
                              capture_timestamp=self.date)


class ArchiveLedger(Protocol):
    """What the archive needs remembered durably (the frontier's SQLite database provides it)."""

    def warc_files(self) -> dict[str, int]: ...  # file name -> committed end offset
    def register_warc(self, name: str) -> None: ...
    def forget_warc(self, name: str) -> None: ...
    def payload_capture(self, digest: str) -> Capture | None: ...
    def commit_archive(self, name: str, end: int, captures: list[Capture]) -> None: ...


def recover_warc_files(directory: Path, ledger: ArchiveLedger) -> None:
    """Cut each file back to the end of its last complete record, dropping a half-written one.

    Everything up to the committed offset is known to be whole; past it, a crash may have left
    complete records (kept: they were fsync'ed, and a JSONL line written since may point at one)
    followed by a torn gzip member (cut). zlib checks each member's CRC and length, so a member
    that inflates to its end is a whole record.
    """
    known = ledger.warc_files()
    # A file created in a batch whose commit a crash prevented is not in the ledger: still ours.
    for path in sorted(directory.glob(f"{FILE_PREFIX}-*.warc.gz")):
        if path.name not in known:
            ledger.register_warc(path.name)
            known[path.name] = 0
    for name, committed in known.items():
        path = directory / name
        if not path.exists():
            continue
        end = end_of_whole_members(path, committed)
        if end == 0:  # created, but not even its warcinfo record written whole
            path.unlink()
            ledger.forget_warc(name)
        elif path.stat().st_size > end:
            with path.open("r+b") as handle:
                handle.truncate(end)
                handle.flush()
                os.fsync(handle.fileno())


class WarcArchive:
    """Appends exchanges to the current WARC file, starting a new file past the size limit."""

    def __init__(self, directory: Path, ledger: ArchiveLedger, info: dict[str, str],
                 max_file_bytes: int = MAX_FILE_BYTES) -> None:
        self.directory = directory
        self.ledger = ledger
        self.info = info
        self.max_file_bytes = max_file_bytes
        self._name: str | None = None
        self._file: BinaryIO | None = None
        self._writer: WARCWriter | None = None

    def write(self, exchanges: tuple[Exchange, ...], sync: bool = True) -> list[Capture]:
        """Archive exchanges (a redirect chain); one Capture per exchange, in order.

        With `sync`, the records are on disk when this returns. Without, they are only once
        `sync()` has returned, and the ledger's record of them must not be committed before:
        that is how a caller makes one fsync serve a whole batch of pages.
        """
        if not exchanges:
            return []
        self._ensure_file()
        captures: list[Capture] = []
        fresh: list[Capture] = []
        for exchange in exchanges:
            capture = self._write_exchange(exchange, fresh)
            captures.append(capture)
            if capture.original is None and capture.payload_digest and exchange.payload:
                fresh.append(capture)
        self._commit(fresh, sync)
        return captures

    def sync(self) -> None:
        """Put every record written so far on disk."""
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self.sync()
            self._file.close()
        self._file = self._writer = self._name = None

    def _ensure_file(self) -> None:
        if self._file is not None and self._file.tell() < self.max_file_bytes:
            return
        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        serial = len(self.ledger.warc_files())
        name = f"{FILE_PREFIX}-{stamp}-{serial:05d}.warc.gz"
        # Registered before it exists, so a crash right after creating it still gets it cleaned up.
        self.ledger.register_warc(name)
        self._name = name
        self._file = (self.directory / name).open("ab")
        self._writer = WARCWriter(self._file, gzip=True, warc_version=WARC_VERSION)
        self._writer.write_record(self._writer.create_warcinfo_record(name, self.info))
        self._commit([])
        fsync_directory(self.directory)  # the new file's name, too, must survive a power cut

    def _open_file(self) -> tuple[WARCWriter, BinaryIO, str]:
        assert self._writer is not None and self._file is not None and self._name is not None, "no WARC file open"
        return self._writer, self._file, self._name

    def _write_exchange(self, exchange: Exchange, fresh: list[Capture]) -> Capture:
        writer, file, name = self._open_file()
        http_headers = StatusAndHeaders(f"{exchange.status} {exchange.reason}".rstrip(), list(exchange.headers),
                                        protocol=exchange.protocol)
        warc_headers = {"WARC-Date": exchange.date}
        if exchange.truncated:
            warc_headers["WARC-Truncated"] = "length"
        record = writer.create_warc_record(exchange.url, "response", payload=BytesIO(exchange.payload),
                                           length=len(exchange.payload), http_headers=http_headers,
                                           warc_headers_dict=warc_headers)
        digest = record.rec_headers.get_header("WARC-Payload-Digest")
        original = self._earlier_capture(digest, fresh) if exchange.payload and not exchange.truncated else None
        if original is not None:
            record = writer.create_revisit_record(exchange.url, digest, original.uri, original.date,
                                                  http_headers=http_headers,
                                                  warc_headers_dict={"WARC-Date": exchange.date})
        offset = file.tell()
        writer.write_record(record)
        length = file.tell() - offset
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        request = writer.create_warc_record(
            exchange.url, "request",
            # With is_http_request, warcio takes the method from the line's first word and keeps the
            # rest as the status line, so the HTTP version belongs in the line itself.
            http_headers=StatusAndHeaders(f"GET {_request_target(exchange.url)} {exchange.protocol}",
                                          list(exchange.request_headers), is_http_request=True),
            warc_headers_dict={"WARC-Date": exchange.date, "WARC-Concurrent-To": record_id})
        writer.write_record(request)
        return Capture(exchange.url, name, offset, length, record_id, digest, exchange.date, original)

    def _earlier_capture(self, digest: str | None, fresh: list[Capture]) -> Capture | None:
        if not digest:
            return None
        return next((c for c in fresh if c.payload_digest == digest), None) or self.ledger.payload_capture(digest)

    def _commit(self, captures: list[Capture], sync: bool = True) -> None:
        _, file, name = self._open_file()
        if sync:
            self.sync()
        else:
            file.flush()
        self.ledger.commit_archive(name, file.tell(), captures)


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
