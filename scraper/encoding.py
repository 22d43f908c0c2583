"""Turn page bytes into text the way browsers do.

The order follows the HTML standard's encoding sniffing: a byte-order mark wins, then the charset the
HTTP response declared, then a `<meta charset>` (or `http-equiv` Content-Type) in the first bytes,
then detection. Labels are resolved with the WHATWG table (the `webencodings` package), so
"latin1" and "iso-8859-1" decode as windows-1252, exactly as a browser shows them.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import webencodings

# How far into the page browsers look for a <meta charset> (the standard's prescan reads 1024 bytes;
# real pages often put the tag later, behind long comments or scripts, so look further).
META_PRESCAN_BYTES = 4096
# Enough bytes to tell the charset of a page apart; detection over a whole 20 MB page is slow.
DETECTION_SAMPLE_BYTES = 65536

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the Python codec name used
    source: str  # "bom", "http", "meta", "detected" or "default"
    had_errors: bool  # bytes invalid in that charset were replaced


def codec_for_label(label: str | None) -> str | None:
    """The Python codec a browser would use for a charset label, or None for an unknown label."""
    if not label:
        return None
    found = webencodings.lookup(label.strip().strip("\"'"))
    if found is None:
        return None
    if found.name == "x-user-defined":  # the standard maps this label for HTML to windows-1252
        return "cp1252"
    return found.codec_info.name


def decode_page(page: bytes, http_charset: str | None = None) -> Decoded:
    """Decode page bytes; never raises, replacing what cannot be decoded."""
    for bom, codec in BOMS:
        if page.startswith(bom):
            return _decode(page[len(bom):], codec, "bom")
    codec = codec_for_label(http_charset)
    if codec:
        return _decode(page, codec, "http")
    match = META_CHARSET.search(page[:META_PRESCAN_BYTES])
    codec = codec_for_label(match.group(1).decode("ascii", "replace")) if match else None
    if codec in ("utf-16-le", "utf-16-be"):  # a meta tag readable as ASCII cannot be UTF-16
        codec = "utf-8"
    if codec:
        return _decode(page, codec, "meta")
    return _decode(page, _detect(page), "detected")


def _detect(page: bytes) -> str:
    try:
        page.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(page) - 3:  # a page cut off inside its last character is still UTF-8
            return "utf-8"
    best = charset_normalizer.from_bytes(page[:DETECTION_SAMPLE_BYTES]).best()
    return codec_for_label(best.encoding) if best is not None else "cp1252"


def _decode(page: bytes, codec: str, source: str) -> Decoded:
    try:
        return Decoded(page.decode(codec), codec, source, False)
    except (UnicodeDecodeError, LookupError):
        try:
            return Decoded(page.decode(codec, "replace"), codec, source, True)
        except LookupError:
            return Decoded(page.decode("utf-8", "replace"), "utf-8", "default", True)
