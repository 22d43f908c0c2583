"""Tell page bytes that are not HTML at all (a PDF, an image, an archive) from a page.

A crawl fetches whatever a link points at, and servers label responses wrongly; decoding a PNG as
text and "extracting" it gives garbage that looks like a record. The check follows the WHATWG MIME
sniffing standard: first the signatures (magic numbers) of common binary formats, then its rule for
unknown bytes: text never contains the control bytes that binary data is full of. The standard
calls one such byte enough; but text pasted from a word processor carries the odd vertical tab or
form feed, and dropping a whole article for it loses a record. Binary data is *full* of them (about
one byte in ten of compressed or random data), so it takes a share of the header, not one byte.
"""
from __future__ import annotations

import re

# Leading bytes of the binary formats a news crawl meets, and the media type each one names.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b\x08", "application/gzip"),  # a compressed body the fetcher did not inflate
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"\x28\xb5\x2f\xfd", "application/zstd"),
    (b"wOFF", "font/woff"),
    (b"wOF2", "font/woff2"),
    (b"\x00\x01\x00\x00", "font/ttf"),
    (b"OggS", "application/ogg"),
    (b"ID3", "audio/mpeg"),
    (b"\x1a\x45\xdf\xa3", "video/webm"),
    (b"\x7fELF", "application/x-executable"),
)
# RIFF containers name their format at bytes 8-12.
RIFF_FORMATS = {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}
# ISO media (MP4, HEIC, AVIF) carry "ftyp" at bytes 4-8.
ISO_MEDIA_MARK = b"ftyp"
# The standard's "binary data bytes": control characters no text encoding (but UTF-16) produces.
BINARY_BYTE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
# The standard looks at the first 512 bytes ("resource header").
RESOURCE_HEADER_BYTES = 512
# Binary bytes making up this share of the header mark binary data: about a third of what random
# bytes hold, and far more than a few pasted control characters (16 in a 512-byte header).
BINARY_SHARE = 1 / 32
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def sniff_non_html(page: bytes) -> str | None:
    """The media type of bytes that are surely not an HTML page, or None when they may be one."""
    header = page[:RESOURCE_HEADER_BYTES]
    if not header or header.startswith(UTF16_BOMS):  # UTF-16 text is full of NUL bytes
        return None
    for signature, media_type in SIGNATURES:
        if header.startswith(signature):
            return media_type
    if header.startswith(b"RIFF") and header[8:12] in RIFF_FORMATS:
        return RIFF_FORMATS[header[8:12]]
    if header[4:8] == ISO_MEDIA_MARK:
        return "video/mp4"
    if len(BINARY_BYTE.findall(header)) >= BINARY_SHARE * len(header):
        return "application/octet-stream"
    return None
