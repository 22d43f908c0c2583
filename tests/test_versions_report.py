"""The HTML report of `scraper changes`: a self-contained page, checked as markup and then as a
person sees it, in a real headless Chromium (Debian's chromium and chromedriver, driven by Selenium;
.ci/run installs them, and the browser tests are skipped, saying why, where they are missing)."""
from __future__ import annotations

import json
import shutil
import struct

import pytest
from conftest import FIXTURES
from lxml import html as lxml_html

from scraper.versions import write_report
from scraper.versions.comparison import compare

PAIRS = FIXTURES / "versions" / "pairs"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000")


def pair_change(stem):
    pair = json.loads((PAIRS / f"{stem}.json").read_text(encoding="utf-8"))
    return compare(pair["new"]["canonical_url"], pair["old"], pair["new"])


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A report of four changes in four articles: a rewrite with a correction, edited sentences,
    a moved paragraph and new comments."""
    changes = [pair_change(stem) for stem in ("36-headline-paragraph-quote-correction", "08-two-sentences-edited",
                                              "10-paragraph-moved", "15-comments-added-with-reply")]
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert write_report(changes, path) == 4
    return path


def test_the_page_needs_nothing_from_outside(report):
    text = report.read_text(encoding="utf-8")
    page = lxml_html.fromstring(text)
    assert not page.xpath("//script | //link | //img | //iframe | //object | //embed | //@src")
    assert "url(" not in text and "@import" not in text and "@font-face" not in text
    assert all(href.startswith("#") for href in page.xpath("//a/@href"))
    assert len(page.xpath("//nav[@id='articles']//li")) == 4


def test_record_text_is_escaped(tmp_path):
    pair = json.loads((PAIRS / "01-headline-rewritten.json").read_text(encoding="utf-8"))
    pair["new"]["title"] = "<script>alert(1)</script> & <b>bold</b>"
    path = tmp_path / "r.html"
    write_report([compare("u", pair["old"], pair["new"])], path)
    page = lxml_html.fromstring(path.read_bytes())
    assert not page.xpath("//script | //b")
    assert page.xpath("//tr[@data-field='title']//ins/text()") == [pair["new"]["title"]]


def test_no_changes_make_a_page_that_says_so(tmp_path):
    path = tmp_path / "r.html"
    assert write_report([], path) == 0
    assert lxml_html.fromstring(path.read_bytes()).xpath("//*[@id='no-changes']")


# In a real browser

@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.skip(f"Debian's chromium and chromium-driver are not installed ({CHROMIUM}, {CHROMEDRIVER}): "
                    "apt-get install -y chromium chromium-driver (.ci/run does)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install -e '.[test]'")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in CHROMIUM_ARGS:
        options.add_argument(argument)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page(browser, report):
    browser.get(report.as_uri())
    return browser


def shown(driver, selector):
    from selenium.webdriver.common.by import By
    return [element for element in driver.find_elements(By.CSS_SELECTOR, selector) if element.is_displayed()]


def test_the_list_of_changed_articles_is_shown(page):
    assert page.title.startswith("What changed: 4 changes in 4 articles")
    links = shown(page, "nav#articles li a")
    assert [link.text for link in links] == [
        "Bridge closure: six weeks of round-the-clock repairs", "Warehouse fraud trial opens with claims of fake invoices",
        "Hundreds evacuated as river bursts its banks", "Growing tomatoes through the winter"]


def test_changed_fields_and_notices_are_shown(page):
    [title_row] = shown(page, "#article-1 tr[data-field='title']")
    assert title_row.find_element("css selector", "del").text == "Harbour bridge to close for six weeks of repairs"
    assert title_row.find_element("css selector", "ins").text == "Bridge closure: six weeks of round-the-clock repairs"
    [notice] = shown(page, "#article-1 .notice.correction")
    assert "This article originally said the bridge carries 13,000 vehicles a day." in notice.text


def test_added_and_removed_sentences_are_marked_side_by_side(page):
    removed = shown(page, "#article-1 .side.old del.removed")
    added = shown(page, "#article-1 .side.new ins.added")
    assert [e.text for e in removed] == [
        "\"We had no choice once the report came in,\" said council leader Priya Raman."]
    assert [e.text for e in added] == [
        "The council will publish the engineers' report on its website next week.",
        "Correction: This article originally said the bridge carries 13,000 vehicles a day."]
    before, after = removed[0].rect, added[0].rect
    assert before["x"] + before["width"] <= after["x"]  # the old version on the left, the new on the right
    assert added[0].value_of_css_property("background-color") == "rgba(215, 245, 221, 1)"
    assert "line-through" in removed[0].value_of_css_property("text-decoration")


def test_edited_sentences_mark_the_changed_words(page):
    old, last_old = shown(page, "#article-2 .side.old .edited")
    new, last_new = shown(page, "#article-2 .side.new .edited")
    assert old.text == "He said the invoices totalled more than 2 million dollars."
    assert [e.text for e in old.find_elements("css selector", "del")] == ["2"]
    assert [e.text for e in new.find_elements("css selector", "ins")] == ["2.4"]
    assert [e.text for e in last_new.find_elements("css selector", "ins")] == ["four"]
    assert old.rect["y"] == new.rect["y"]  # the two versions of the sentence on one row
    assert last_old.rect["y"] == last_new.rect["y"]


def test_moved_sentences_say_where_they_went(page):
    old_side = shown(page, "#article-3 .side.old .moved")
    new_side = shown(page, "#article-3 .side.new .moved")
    assert len(old_side) == len(new_side) == 2
    assert old_side[0].text.startswith("Rain fell for three days without a break.")
    assert old_side[0].text.endswith("moved to ¶4") and new_side[0].text.endswith("moved from ¶2")


def test_unchanged_paragraphs_fold_and_open(page):
    from selenium.webdriver.common.by import By
    fold = page.find_element(By.CSS_SELECTOR, "#article-2 details.fold")
    hidden = fold.find_elements(By.CSS_SELECTOR, ".side.new p")
    assert [p.get_attribute("data-paragraph") for p in hidden] == ["3", "4"]
    assert not any(p.is_displayed() for p in hidden)
    fold.find_element(By.TAG_NAME, "summary").click()
    assert all(p.is_displayed() for p in hidden)


def test_a_change_outside_the_body_says_the_text_is_the_same(page):
    assert shown(page, "#article-4 .body-same") and not shown(page, "#article-4 .sides")
    comments = shown(page, "#article-4 .comments-added ins")
    assert [c.text for c in comments] == ["Which Polish paste tomato was it? I would like to grow it too.",
                                          "It was Krakus, seeds from a swap last spring."]


def test_nothing_was_fetched_and_the_page_renders(page, tmp_path):
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    picture = tmp_path / "report.png"
    assert page.save_screenshot(str(picture))
    data = picture.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 1000 and height >= 600
    assert len(data) > 20_000  # text and coloured marks, not a blank page
