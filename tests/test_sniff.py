"""Telling binary data from a page: a few control bytes pasted into a page's text are no binary data."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

import scraper
from scraper.extract.sniff import sniff_non_html

PAGE = (b"<html><head><title>Ferry Timetable Changes</title></head><body><article>"
        b"<h1>Ferry Timetable Changes</h1>"
        b"<p>The island ferry will sail twice an hour from May, the operator announced on Tuesday.</p>"
        b"<p>Evening sailings move to the new pier, which opened after two years of building work.</p>"
        b"</article></body></html>")
# Where pasted text goes: between the tags (a control byte inside a tag breaks the markup itself).
TEXT_POSITIONS = [i for i in range(len(PAGE) + 1) if PAGE.rfind(b">", 0, i) >= PAGE.rfind(b"<", 0, i)]
CONTROL_BYTES = [byte for byte in range(0x20) if byte not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B)]


@settings(max_examples=40, deadline=None)
@given(at=st.sampled_from(TEXT_POSITIONS), byte=st.sampled_from(CONTROL_BYTES),
       count=st.integers(min_value=1, max_value=3))
def test_a_few_control_bytes_in_the_header_keep_the_article(at, byte, count):
    page = PAGE[:at] + bytes([byte]) * count + PAGE[at:]
    assert sniff_non_html(page) is None
    record = scraper.extract(page, "https://example.com/ferry", encoding="utf-8")
    assert not any(w.startswith("not an HTML page") for w in record.warnings)
    kept = "".join(character for character in record.body if character.isalnum())
    assert "Eveningsailingsmovetothenewpier" in kept


def test_a_vertical_tab_pasted_into_the_title_keeps_the_article():
    page = PAGE.replace(b"Ferry Timetable", b"Ferry\x0bTimetable")
    record = scraper.extract(page, "https://example.com/ferry", encoding="utf-8")
    assert "The island ferry will sail twice an hour from May" in record.body


def test_random_bytes_and_binary_without_a_signature_are_still_binary():
    noise = random.Random(8).randbytes(4096)
    assert sniff_non_html(noise) == "application/octet-stream"
    assert sniff_non_html(b"<p>" + noise) == "application/octet-stream"
    assert sniff_non_html(bytes(range(256)) * 2) == "application/octet-stream"
