"""Turn page bytes into text the way browsers do, and correct the labels that are plainly wrong.

The order follows the HTML standard's encoding sniffing: a byte-order mark wins, then the charset the
HTTP response declared, then a `<meta charset>` (or `http-equiv` Content-Type) in the first bytes,
then detection. Labels are resolved with the WHATWG table (the `webencodings` package), so
"latin1" and "iso-8859-1" decode as windows-1252, exactly as a browser shows them.

Two checks keep a wrong label from turning a whole page into mojibake (old templates keep a
"iso-8859-1" meta tag long after the site moved to UTF-8, and the reverse):
- bytes that form valid UTF-8 with at least one multi-byte character are UTF-8, whatever legacy
  charset is declared: text in a legacy charset practically never forms valid multi-byte UTF-8;
- bytes declared UTF-8 that are invalid UTF-8 and hold not one valid multi-byte character were
  written in a legacy charset, which detection finds.
Either correction is reported as a warning. Bytes that are merely damaged (a few invalid ones in an
otherwise fitting charset) are decoded in the declared charset with the damage replaced.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import charset_normalizer
import webencodings

# How far into the page browsers look for a <meta charset> (the standard's prescan reads 1024 bytes;
# real pages often put the tag later, behind long comments or scripts, so look further).
META_PRESCAN_BYTES = 4096
# Detection reads the page's text, not its markup: markup is ASCII and drowns the few bytes that tell
# charsets apart. It looks at most this far into the page for text...
DETECTION_SCAN_BYTES = 1 << 20
# ...and gives the detector at most this much of it: enough to tell charsets apart, and fast.
DETECTION_SAMPLE_BYTES = 65536

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
# The runs of text between tags that hold non-ASCII bytes: what detection reads.
# (Possessive, and stopping at every ">", so that no input makes the scan worse than linear.)
TEXT_WITH_NON_ASCII = re.compile(rb">([^<>\x80-\xff]*+[\x80-\xff][^<>]*+)")
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
UTF8 = "utf-8"
UTF16 = ("utf-16-le", "utf-16-be")
# The legacy charset browsers assume for most of the world when nothing else is known.
BROWSER_DEFAULT = "cp1252"
# The HTML standard's default charset for a locale ("determining the character encoding", step
# "implementation-defined default"), keyed by the language names the detector reports; the rest of
# the world defaults to windows-1252.
LOCALE_DEFAULTS = {
    "Arabic": "windows-1256", "Farsi": "windows-1256", "Bulgarian": "windows-1251",
    "Kazakh": "windows-1251", "Russian": "windows-1251", "Serbian": "windows-1251",
    "Ukrainian": "windows-1251", "Czech": "windows-1250", "Croatian": "windows-1250",
    "Slovak": "windows-1250", "Hungarian": "iso-8859-2", "Polish": "iso-8859-2",
    "Slovene": "iso-8859-2", "Romanian": "iso-8859-16", "Estonian": "windows-1257",
    "Lithuanian": "windows-1257", "Greek": "iso-8859-7", "Hebrew": "windows-1255",
    "Turkish": "windows-1254", "Vietnamese": "windows-1258", "Thai": "windows-874",
    "Japanese": "shift_jis", "Korean": "euc-kr", "Chinese": "gb18030",
}
# Detection chooses among the charsets browsers can decode (the WHATWG table), as a page in any other
# charset could not be read by anyone; UTF-16 is left to the BOM.
WEB_CODECS = frozenset(
    encoding.codec_info.name for encoding in map(webencodings.lookup, webencodings.LABELS)
    if encoding.name not in ("replacement", "x-user-defined", "utf-16le", "utf-16be"))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the Python codec name used
    source: str  # "bom", "http", "meta", "detected" or "default"
    had_errors: bool  # bytes invalid in that charset were replaced
    declared: str | None = None  # the codec the page declared, when the bytes proved it wrong
    # The page bytes when they are exactly the text in UTF-8 (most pages): the parser reads
    # UTF-8, and is handed these instead of the text encoded again.
    utf8: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def warnings(self) -> tuple[str, ...]:
        found = []
        if self.declared:
            found.append(f"declared charset {self.declared} does not fit the bytes; decoded as {self.encoding}")
        if self.had_errors:
            found.append(f"bytes invalid in {self.encoding} were replaced")
        return tuple(found)


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
    for bom, bom_codec in BOMS:
        if page.startswith(bom):
            return _decode(page[len(bom):], bom_codec, "bom")
    codec, source = codec_for_label(http_charset), "http"
    if not codec:
        codec, source = declared_in_meta(page), "meta"
    # Most pages are valid UTF-8: decoded once here, that text is the answer for all of them.
    utf8_text = strict_utf8(page)
    if not codec:
        if utf8_text is not None:
            return Decoded(utf8_text, UTF8, "detected", False, utf8=page)
        return _decode(page, detect_charset(page), "detected")
    if codec != UTF8 and not page.isascii() and utf8_text is not None:
        return Decoded(utf8_text, UTF8, "detected", False, codec, utf8=page)
    if codec != UTF8 and is_utf8_text(page):  # valid but for a character cut off at the end
        return _decode(page, UTF8, "detected", declared=codec)
    if codec == UTF8 and utf8_text is not None:
        return Decoded(utf8_text, UTF8, source, False, utf8=page)
    if codec == UTF8 and not is_utf8(page) and not UTF8_MULTIBYTE.search(page):
        return _decode(page, detect_charset(page), "detected", declared=codec)
    return _decode(page, codec, source)


def declared_in_meta(page: bytes) -> str | None:
    """The codec a `<meta charset>` or `http-equiv` Content-Type near the top of the page names."""
    match = META_CHARSET.search(page[:META_PRESCAN_BYTES])
    codec = codec_for_label(match.group(1).decode("ascii", "replace")) if match else None
    if codec in UTF16:  # the standard's rule: a meta tag readable as ASCII cannot be UTF-16
        return UTF8
    return codec


def strict_utf8(page: bytes) -> str | None:
    """The page as text if it is valid UTF-8 throughout, else None."""
    try:
        return page.decode(UTF8)
    except UnicodeDecodeError:
        return None


def is_utf8(page: bytes) -> bool:
    """Valid UTF-8, allowing a page cut off inside its last character."""
    try:
        page.decode(UTF8)
    except UnicodeDecodeError as error:
        return error.start >= len(page) - 3 and error.reason == "unexpected end of data"
    return True


def is_utf8_text(page: bytes) -> bool:
    """Valid UTF-8 with at least one multi-byte character (pure ASCII fits every charset)."""
    return not page.isascii() and is_utf8(page)


def detect_charset(page: bytes) -> str:
    """The charset of undeclared bytes: UTF-8 when they are valid UTF-8, else what the detector
    reads from the page's text."""
    if is_utf8(page):
        return UTF8
    matches = charset_normalizer.from_bytes(detection_sample(page), cp_isolation=sorted(WEB_CODECS))
    best = matches.best()
    if best is None:
        return BROWSER_DEFAULT
    # Short text often reads equally well in several single-byte charsets, and the detector then
    # orders them arbitrarily ("España" as "Espańa" in cp1250, "rozpočet" as "rozpoèet" in cp1252).
    # Among equals, take the charset browsers default to for the language the detector recognised.
    tied = [match for match in matches if (match.chaos, match.coherence) == (best.chaos, best.coherence)]
    preferred = codec_for_label(LOCALE_DEFAULTS.get(best.language, BROWSER_DEFAULT))
    if preferred and any(preferred in map(_codec_for_detected, match.could_be_from_charset) for match in tied):
        return preferred
    return _codec_for_detected(best.encoding) or BROWSER_DEFAULT


def detection_sample(page: bytes) -> bytes:
    """The page's runs of text that hold non-ASCII bytes, or its first bytes if there are none (the
    non-ASCII bytes are then in attributes)."""
    head = page[:DETECTION_SCAN_BYTES]
    text = b" ".join(run.strip() for run in TEXT_WITH_NON_ASCII.findall(head))[:DETECTION_SAMPLE_BYTES]
    return text or head[:DETECTION_SAMPLE_BYTES]


def _codec_for_detected(name: str) -> str | None:
    """The detector names Python codecs ("iso8859_2", "cp932"); prefer the browser's mapping."""
    try:
        python_name = codecs.lookup(name).name
    except LookupError:
        return None
    return codec_for_label(python_name) or python_name


def _decode(page: bytes, codec: str, source: str, declared: str | None = None) -> Decoded:
    try:
        return Decoded(page.decode(codec), codec, source, False, declared)
    except (UnicodeDecodeError, LookupError):
        try:
            return Decoded(page.decode(codec, "replace"), codec, source, True, declared)
        except LookupError:
            return Decoded(page.decode(UTF8, "replace"), UTF8, "default", True, declared)
