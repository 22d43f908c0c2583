"""Hostile input grown tenfold takes about ten times as long, never a hundred: every pattern and loop
of the parse and body steps is linear in the page (issue: one page must never stop a crawl)."""
from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

import scraper
from scraper.extract.document import MAX_NESTING, flatten_nesting

# Tenfold input may take this many times as long: linear work with noise; quadratic work takes 100x.
MAX_GROWTH = 25
# Below this, a run is too short to time: the bound allows it whatever the small input took.
SLACK_SECONDS = 0.05
DEEP = "<html><body>" + "<div>" * (MAX_NESTING + 100) + "<p>The article's own words come first.</p>"
# Openers the flattener once searched to the end of the page for each time they recurred.
OPENERS = ["<script>", "<style>", "<title>", "<textarea>", "<xmp>", "<!--", "<a", "<div", "</"]


def seconds(run, argument) -> float:
    """The least CPU time of three runs (CPU time: other work on the machine does not count)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        run(argument)
        best = min(best, time.process_time() - start)
    return best


def grows_linearly(run, make, size: int) -> bool:
    small, large = seconds(run, make(size)), seconds(run, make(10 * size))
    return large <= MAX_GROWTH * small + SLACK_SECONDS


@settings(max_examples=15, deadline=None)
@given(opener=st.sampled_from(OPENERS), filler=st.text(alphabet="ab <>/=\"'-!", max_size=6))
def test_flattening_deep_nesting_is_linear_in_unclosed_tags(opener, filler):
    def make(count: int) -> str:
        return DEEP + (opener + filler + " x ") * count
    assert grows_linearly(lambda page: flatten_nesting(page, MAX_NESTING), make, 3000)


@settings(max_examples=6, deadline=None)
@given(opener=st.sampled_from(OPENERS))
def test_extracting_a_deep_page_of_unclosed_raw_text_is_linear(opener):
    def make(count: int) -> bytes:
        return (DEEP + (opener + "x ") * count).encode()
    assert grows_linearly(lambda page: scraper.extract(page, "https://example.com/a"), make, 3000)


def test_flattening_stops_counting_inside_unclosed_raw_text():
    page = "<body>" + "<div>" * 4 + "<script>var s = '<div><div>';" + "<div>" * 4
    flat = flatten_nesting(page, 3)
    assert flat.count("<div>") == 2 + 6  # the two kept, and the six the script's text holds
    assert flat.endswith("<script>var s = '<div><div>';" + "<div>" * 4)


def test_a_raw_text_element_ends_at_its_own_end_tag():
    page = "<body><div><script>var t = '</style><div>';</script><div>deep</div></div></body>"
    assert flatten_nesting(page, 1) == "<body> <script>var t = '</style><div>';</script> deep  </body>"


def test_finding_comment_threads_is_linear_in_dated_lines():
    def make(count: int) -> bytes:
        entry = "<div class='c'><div class='m'>Reader {0} · May 3, 2025 at 10:{1:02d}</div><p>{2}</p></div>"
        entries = "".join(entry.format(i, i % 60, "A reader's comment, long enough to count as text. " * 2)
                          for i in range(count))
        return f"<html><body><div><p>{'The article itself. ' * 40}</p>{entries}</div></body></html>".encode()
    assert grows_linearly(lambda page: scraper.extract(page, "https://example.com/a"), make, 300)


def test_a_page_of_short_dated_lines_in_one_box_is_linear():
    def make(count: int) -> bytes:
        lines = "".join(f"<p>Match {i}: 10:{i % 60:02d}</p>" for i in range(count))
        return f"<html><body><article>{lines}</article></body></html>".encode()
    assert grows_linearly(lambda page: scraper.extract(page, "https://example.com/a"), make, 500)


PROSE = "<p>" + "Article text here, long enough to be prose. " * 20 + "</p>"


def test_signup_fields_deep_in_wide_wrappers_are_linear():
    def make(count: int) -> bytes:
        wrappers = ("<div>" + "<span></span>" * count) * 50
        fields = "<form><input type='email' name='email'></form>" * 10
        return f"<html><body>{PROSE}{wrappers}{fields}{'</div>' * 50}</body></html>".encode()
    assert grows_linearly(lambda page: scraper.extract(page, "https://example.com/a"), make, 100)


def test_nested_shop_cards_and_author_boxes_are_linear():
    def make(count: int) -> bytes:
        card = "<div><img src='/a.png'><p>Name</p><a href='https://shop.example/x'>Buy</a>"
        bio = "<div><p>Ann Lee</p><p>Ann Lee writes about trains and ferries. More from Ann</p></div>"
        return (f"<html><head><meta name='author' content='Ann Lee'></head><body><article>{PROSE}"
                f"{card * (count // 10)}{'</div>' * (count // 10)}{bio * count}</article></body></html>").encode()
    assert grows_linearly(lambda page: scraper.extract(page, "https://example.com/a"), make, 100)
