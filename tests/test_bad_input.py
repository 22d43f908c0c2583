"""Bad input never raises: every page gives a schema-valid record, quickly, with a warning saying
what was wrong. Big and deep inputs are generated here, never stored."""
from __future__ import annotations

import gzip
import struct
import time
import zlib

import pytest

import lxml.html

from scraper.extract.document import MAX_ELEMENTS, MAX_NESTING, cut_after_elements, flatten_nesting

# The bound is "a second or two"; CPU time is measured so that other work on the machine
# does not make the test flaky. The slowest case (the 20 MB page) takes about 1.5 s here; the
# bound leaves room for a slower CI machine.
SECONDS = 3.0
ARTICLE = (
    b"<html><head><title>Harbour Bridge Reopens</title></head><body><article>"
    b"<h1>Harbour Bridge Reopens</h1>"
    b"<p>The harbour bridge reopened on Monday after eight months of repairs to its steel deck.</p>"
    b"<p>Engineers said the new deck should last another fifty years without major work.</p>"
    b"</article></body></html>"
)


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\x00\xff\x00")) + chunk(b"IEND", b""))


PDF = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"4 0 obj\n<< /Length 44 >>\nstream\nBT /F1 24 Tf 100 700 Td (Hello <p>World</p>) Tj ET\n"
       b"endstream\nendobj\n%%EOF\n")


def timed(extract_record, page, url="https://example.com/news/2024/01/02/story", **kwargs):
    start = time.process_time()
    record = extract_record(page, url, **kwargs)
    assert time.process_time() - start < SECONDS
    return record


@pytest.mark.parametrize("page", [b"", b"   \n\t ", ""])
def test_an_empty_page_gives_an_empty_record_with_a_warning(extract_record, page):
    record = timed(extract_record, page)
    assert record["body"] == "" and record["title"] is None
    assert record["warnings"] == ["empty page"]


@pytest.mark.parametrize("page, media_type", [
    (PDF, "application/pdf"),
    (png_bytes(), "image/png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01", "image/jpeg"),
    (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "image/gif"),
    (gzip.compress(ARTICLE), "application/gzip"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "application/zip"),
    (b"<p>" + bytes(range(256)) * 4, "application/octet-stream"),
])
def test_binary_bytes_are_not_read_as_a_page(extract_record, page, media_type):
    record = timed(extract_record, page, encoding="utf-8")
    assert record["warnings"] == [f"not an HTML page ({media_type})"]
    assert record["body"] == "" and record["title"] is None and record["authors"] == []
    assert record["id"]  # still a record that can be stored and found again


def test_a_utf16_page_with_its_bom_is_not_taken_for_binary(extract_record):
    page = "\ufeff<html><body><p>Zürich hat gewählt.</p></body></html>".encode("utf-16-le")
    record = timed(extract_record, page)
    assert "Zürich hat gewählt." in record["body"]
    assert not any(warning.startswith("not an HTML page") for warning in record["warnings"])


def test_a_truncated_page_keeps_what_arrived_and_says_it_is_cut_off(extract_record):
    cut = ARTICLE[:ARTICLE.index(b"without major")]
    record = timed(extract_record, cut)
    assert "The harbour bridge reopened on Monday after eight months of repairs to its steel deck." in record["body"]
    assert "Engineers said the new deck should last another fifty years" in record["body"]
    assert "page is cut off (no closing </body> or </html>)" in record["warnings"]


def test_a_complete_page_is_not_called_cut_off(extract_record):
    assert not any("cut off" in warning for warning in timed(extract_record, ARTICLE)["warnings"])


def test_a_20_mb_page_of_inline_data_keeps_its_article(extract_record):
    # Pages this big are mostly inline data: a framework's state blob, base64 images.
    blob = b"<script>window.__STATE__=\"" + b"QUJD" * (5 * 1024 * 1024) + b"\";</script>"
    image = b'<img src="data:image/png;base64,' + b"iVBO" * (64 * 1024) + b'" alt="">'
    page = ARTICLE.replace(b"</head>", blob + b"</head>").replace(b"<h1>", image + b"<h1>")
    assert len(page) > 20 * 1024 * 1024
    record = timed(extract_record, page)
    assert "The harbour bridge reopened on Monday" in record["body"]
    assert "Engineers said the new deck should last another fifty years" in record["body"]
    assert "QUJDQUJD" not in record["body"]


def test_a_20_mb_page_of_elements_is_cut_with_a_warning(extract_record):
    paragraph = b"<p>Paragraph %d of a page far longer than any article, with words enough to read.</p>"
    page = (b"<html><body><article>" + b"".join(paragraph % i for i in range(250_000))
            + b"</article></body></html>")
    assert len(page) > 20 * 1024 * 1024
    record = timed(extract_record, page)
    assert f"page has more than {MAX_ELEMENTS} elements: the rest was left out" in record["warnings"]
    assert record["body"].startswith("Paragraph 0 of a page")
    assert "Paragraph 249999 " not in record["body"]


def test_nesting_10000_levels_deep_keeps_the_content(extract_record):
    page = (b"<html><body>" + b"<div>" * 10_000 + b"<p>The deepest words survive.</p>" + b"</div>" * 10_000
            + b"<p>So do the words after them.</p></body></html>")
    record = timed(extract_record, page)
    assert "The deepest words survive." in record["body"]
    assert "So do the words after them." in record["body"]
    assert f"nesting deeper than {MAX_NESTING} levels was flattened" in record["warnings"]


def test_flattening_keeps_text_order_and_the_shallow_structure():
    page = "<body>" + "<div>" * 5 + "<b>deep</b> text" + "</div>" * 5 + "<p>after</p></body>"
    flat = flatten_nesting(page, 3)
    assert flat.startswith("<body><div><div>")
    assert flat.count("<div>") == 2 and flat.count("</div>") == 2
    assert flat.index("deep") < flat.index("text") < flat.index("<p>after</p>")
    # raw text that looks like tags is not counted or changed
    script = "<body><script>var s = '<div><div><div><div>';</script><div>x</div></body>"
    assert flatten_nesting(script, 2) == script


def test_bytes_invalid_in_their_declared_charset_are_replaced_with_a_warning(extract_record):
    page = ('<html><head><meta charset="utf-8"></head><body><p>Der Bürgermeister sprach. '.encode()
            + b"\xff\xfe\xc3" + " Danach gingen alle nach Hause.</p></body></html>".encode())
    record = timed(extract_record, page)
    assert "Der Bürgermeister sprach." in record["body"]
    assert "Danach gingen alle nach Hause." in record["body"]
    assert "bytes invalid in utf-8 were replaced" in record["warnings"]


def test_bytes_invalid_in_a_multibyte_charset_are_replaced(extract_record):
    page = "<html><body><p>北京市政府发布新的交通规划。</p></body></html>".encode("gbk")
    broken = page.replace("交通".encode("gbk"), b"\x81\x20")
    record = timed(extract_record, broken, encoding="gbk")
    assert "北京市政府发布新的" in record["body"]
    assert any(warning.startswith("bytes invalid in gb") for warning in record["warnings"])


def test_a_str_page_is_accepted(extract_record):
    record = timed(extract_record, ARTICLE.decode())
    assert "The harbour bridge reopened on Monday" in record["body"]
    assert record["warnings"] == []


def test_a_str_with_lone_surrogates_does_not_raise(extract_record):
    record = timed(extract_record, "<html><body><p>Broken \udcff text that still has words.</p></body></html>")
    assert record["id"]


@pytest.mark.parametrize("url", ["hard::x", "hard::", "http://[::1", "not a url", "", None, "https://"])
def test_a_malformed_url_is_tolerated(extract_record, url):
    record = timed(extract_record, ARTICLE, url)
    assert record["url"] == url
    assert record["domain"] is None
    assert "The harbour bridge reopened on Monday" in record["body"]


def test_markup_soup_does_not_raise(extract_record):
    soup = (b"<html><body><p>Un<b>closed <i>tags</b> everywhere</i><table><td>cell<p>para"
            b"</table></div></div><<<>>><!-- unclosed comment <p>Kept words here.</p>")
    record = timed(extract_record, soup)
    assert record["id"]


def test_cutting_a_tree_keeps_the_first_elements_in_document_order():
    root = lxml.html.fromstring("<div><p>one <b>two</b> tail</p><p>three</p><ul><li>four</li></ul></div>")
    assert cut_after_elements(root, 3)
    assert lxml.html.tostring(root) == b"<div><p>one <b>two</b> tail</p></div>"
    assert not cut_after_elements(root, 3)
