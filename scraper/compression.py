"""Inflating compressed bytes under a cap: the one helper for everything compressed the scraper reads.

A small compressed input can expand without bound (a "zip bomb"), so every caller names the most it
will take, and inflation stops one byte past it: a bomb costs the cap, not its size. It serves HTTP
bodies (Content-Encoding gzip, deflate, br), gzipped sitemaps, the first bytes of a gzipped file
(to tell what it is) and gzipped path lists; `end_of_whole_members` finds where the complete
members of a gzip file end (the WARC writer's recovery after a crash); `inflate_chunks` streams a
large gzipped sitemap without holding it whole.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli

from .errors import UnsafeDocument

GZIP_MAGIC = b"\x1f\x8b"
GZIP_WBITS = 16 + zlib.MAX_WBITS
ZLIB_WBITS = zlib.MAX_WBITS
RAW_DEFLATE_WBITS = -zlib.MAX_WBITS
CODINGS = frozenset({"gzip", "x-gzip", "deflate", "br"})
SCAN_CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Inflated:
    data: bytes  # at most the cap
    complete: bool  # False when the input inflates to more than the cap
    error: str | None = None  # the input is corrupt (or the coding unknown) past `data`
    truncated: bool = False  # the input stops before its compressed stream ends


def inflate(data: bytes, cap: int, coding: str = "gzip") -> Inflated:
    """`data` decompressed, never more than `cap` bytes of it.

    "gzip" reads every member of a file that holds several one after the other (pigz, appended
    logs); "deflate" takes the zlib wrapping or, as many servers send it, a raw stream; "br" is
    brotli. An input cut short gives what could be inflated, with `truncated` set.
    """
    if coding not in CODINGS:
        return Inflated(b"", True, f"unknown coding {coding!r}")
    if coding == "br":
        return _inflate_brotli(data, cap)
    if coding == "deflate":
        attempt = _inflate_zlib(data, cap, ZLIB_WBITS)
        return attempt if attempt.error is None else _inflate_zlib(data, cap, RAW_DEFLATE_WBITS)
    return _inflate_zlib(data, cap, GZIP_WBITS)


def _inflate_zlib(data: bytes, cap: int, wbits: int) -> Inflated:
    output = bytearray()
    member = data
    while True:
        inflater = zlib.decompressobj(wbits)
        try:
            output += inflater.decompress(member, cap + 1 - len(output))
        except zlib.error as error:
            return Inflated(bytes(output), True, str(error))
        if len(output) > cap:
            return Inflated(bytes(output[:cap]), False)
        rest = inflater.unused_data
        if not inflater.eof or wbits != GZIP_WBITS or not rest.startswith(GZIP_MAGIC):
            return Inflated(bytes(output), True, truncated=not inflater.eof)
        member = rest


def _inflate_brotli(data: bytes, cap: int) -> Inflated:
    inflater = brotli.Decompressor()
    try:
        output = inflater.process(data, output_buffer_limit=cap + 1)
    except brotli.error as error:
        return Inflated(b"", True, str(error))
    return Inflated(output[:cap], len(output) <= cap, truncated=not inflater.is_finished())


def inflate_chunks(data: bytes, cap: int, chunk: int = SCAN_CHUNK_BYTES) -> Iterator[bytes]:
    """`data` gunzipped (every member) a chunk of at most `chunk` bytes at a time, for a reader that
    streams: the whole is never held. Past `cap` bytes in all, UnsafeDocument; an input cut short
    or corrupt after the first bytes ends the chunks there (UnsafeDocument when nothing came out)."""
    produced = 0
    member = data
    while member:
        inflater = zlib.decompressobj(GZIP_WBITS)
        pending = member
        while pending and not inflater.eof:
            try:
                piece = inflater.decompress(pending, chunk)
            except zlib.error as error:
                if not produced:
                    raise UnsafeDocument(f"broken gzip: {error}") from error
                return
            pending = inflater.unconsumed_tail
            produced += len(piece)
            if produced > cap:
                raise UnsafeDocument(f"gzip inflates beyond {cap} bytes")
            if piece:
                yield piece
        if not inflater.eof:
            return  # cut short
        member = inflater.unused_data if inflater.unused_data.startswith(GZIP_MAGIC) else b""


def gunzip_head(data: bytes, size: int) -> bytes:
    """The first `size` bytes of gzipped `data` (which may be only the start of a file); b"" when
    they cannot be inflated."""
    return inflate(data, size).data


def end_of_whole_members(path: Path, start: int) -> int:
    """The offset just past the last complete gzip member at or after `start` (a member boundary).

    zlib checks each member's CRC and length, so a member that inflates to its end is whole; the
    inflated bytes are not needed, so they are bounded and dropped.
    """
    end = start
    with path.open("rb") as handle:
        handle.seek(start)
        inflater = zlib.decompressobj(GZIP_WBITS)
        data = b""
        while True:
            if not data:
                data = handle.read(SCAN_CHUNK_BYTES)
                if not data:
                    return end
            try:
                inflater.decompress(data, SCAN_CHUNK_BYTES)
            except zlib.error:
                return end
            if inflater.eof:
                rest = inflater.unused_data
                end = handle.tell() - len(rest)
                data = rest
                inflater = zlib.decompressobj(GZIP_WBITS)
            else:
                data = inflater.unconsumed_tail
