"""Publication and update dates: machine values keep the page's own offset, visible dates are read in
many languages by the fast patterns, dateparser is only the fallback, and the dates of comments,
related posts, site headers and copyright lines never win."""
from __future__ import annotations

import time

import pytest

from scraper.extract import dates
from scraper.extract.dates import dates_in_text, machine_date, text_date
from scraper.extract.document import parse_html
from scraper.extract.jsonld import read_json_ld
from scraper.extract.metadata import extract_metadata


def metadata_of(html: str, url: str | None = None):
    root = parse_html(html).root
    return extract_metadata(root, url, read_json_ld(root))


@pytest.mark.parametrize("value, expected", [
    ("2024-02-01T22:30:00-05:00", "2024-02-01T22:30:00-05:00"),  # never converted to UTC (the day would change)
    ("2024-02-01T10:00:00Z", "2024-02-01T10:00:00+00:00"),
    ("2024-02-01T10:00:00.123+0100", "2024-02-01T10:00:00+01:00"),
    ("2024-02-01 10:00", "2024-02-01T10:00:00"),
    ("2024-02-01", "2024-02-01"),
    ("20240201", "2024-02-01"),
    ("Thu, 01 Feb 2024 10:00:00 +0100", "2024-02-01T10:00:00+01:00"),
    ("2024-13-01", None),
    ("1970-01-01", None),  # before the web's archives: a placeholder, not a date
    ("", None),
])
def test_machine_values_keep_their_time_and_offset(value, expected):
    assert machine_date(value) == expected


@pytest.mark.parametrize("text, language", [
    ("February 1, 2024", "en"),
    ("Feb. 1st, 2024", "en"),
    ("Published 1 February 2024 at 10:00", "en"),
    ("1. Februar 2024", "de"),
    ("01.02.2024, 11:35 Uhr", "de"),
    ("1er février 2024", "fr"),
    ("Publié le 1 février 2024", "fr"),
    ("1 de febrero de 2024", "es"),
    ("1 febbraio 2024", "it"),
    ("1 de fevereiro de 2024", "pt"),
    ("1 februari 2024", "nl"),
    ("1 lutego 2024", "pl"),
    ("1. února 2024", "cs"),
    ("1 февраля 2024 г.", "ru"),
    ("1 лютого 2024", "uk"),
    ("1 februarie 2024", "ro"),
    ("1 Φεβρουαρίου 2024", "el"),
    ("1. veljače 2024", "hr"),
    ("2024年2月1日", "zh"),
    ("2024-02-01 | Botschaft", None),
    ("2/1/2024", "en"),  # month first on an English page
    ("1/2/2024", "de"),  # day first elsewhere
])
def test_visible_dates_in_many_languages(text, language):
    assert text_date(text, language) == "2024-02-01"


@pytest.mark.parametrize("text", ["3 Mins Read", "Tuesday, June 24", "2 Comments", "© 2009–2024 Sam Keller",
                                  "Call 0800 123 4567", "Seite 12 von 2024"])
def test_strings_that_are_no_date(text):
    assert text_date(text, "en") is None


def test_a_month_name_two_languages_share():
    assert text_date("1. listopada 2024", "pl") == "2024-11-01"
    assert text_date("1. listopada 2024", "hr") == "2024-10-01"


def test_update_cues_mark_the_update_date():
    found = list(dates_in_text("By Justin DelMonico | February 1, 2024 | Updated: | February 3, 2024", "en"))
    assert found == [("2024-02-01", False), ("2024-02-03", True)]
    assert list(dates_in_text("Aktualisiert am 2. Februar 2024", "de")) == [("2024-02-02", True)]
    assert list(dates_in_text("Mis à jour le 3 février 2024", "fr")) == [("2024-02-03", True)]


def test_json_ld_is_trusted_before_meta_tags_and_markup():
    page = """<html><head>
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",
        "datePublished": "2023-03-04T05:06:07+09:00", "dateModified": "2023-03-05"}</script>
      <meta property="article:published_time" content="2022-01-01T00:00:00Z">
      </head><body><h1>H</h1><time datetime="2021-01-01"></time></body></html>"""
    meta = metadata_of(page)
    assert (meta.published, meta.updated) == ("2023-03-04T05:06:07+09:00", "2023-03-05")


def test_meta_tags_before_time_elements():
    page = """<html><head><meta name="dc.date.issued" content="2022-05-06">
      <meta property="article:modified_time" content="2022-05-07T08:00:00+02:00"></head>
      <body><h1>H</h1><time datetime="2021-01-01"></time></body></html>"""
    meta = metadata_of(page)
    assert (meta.published, meta.updated) == ("2022-05-06", "2022-05-07T08:00:00+02:00")


def test_the_byline_a_reader_sees_beats_a_declared_date_that_disagrees():
    page = """<html><head><meta property="article:published_time" content="2023-11-03T10:25:56+00:00"></head>
      <body><article><h1>H</h1><span class="entry-date">6. November 2023, 15:25 Uhr</span><p>Text.</p>
      </article></body></html>"""
    assert metadata_of(page).published == "2023-11-06"
    # 01/11/2023 read month-first is the declared 11 January with day and month swapped: it agrees
    page = page.replace("6. November 2023, 15:25 Uhr", "11/03/2023").replace('<html>', '<html lang="en">')
    assert metadata_of(page).published == "2023-11-03T10:25:56+00:00"


def test_time_element_nearest_the_headline_and_not_in_comments():
    page = """<html><body>
      <div class="ticker"><time datetime="2025-06-24">Tuesday, June 24</time></div>
      <article><h1>The headline</h1>
        <div class="entry-meta"><time class="published" datetime="2024-02-01T09:15:00+01:00">1 Feb</time>
          <time class="updated" datetime="2024-02-02T10:00:00+01:00">2 Feb</time></div>
        <p>Body text.</p></article>
      <section class="related-posts"><time datetime="2025-06-24">June 24, 2025</time></section>
      <ol class="comment-list"><li><time datetime="2024-02-01T23:59:00+01:00">Feb 1</time></li></ol>
      </body></html>"""
    meta = metadata_of(page)
    assert (meta.published, meta.updated) == ("2024-02-01T09:15:00+01:00", "2024-02-02T10:00:00+01:00")


BYLINE_PAGE = """<html><body>
  <header><div class="top-bar"><span class="date">Tuesday, June 24, 2025</span></div></header>
  <article><h1>Chinese Cities Host American Mayors</h1>
    <div class="post-meta"><span>By Justin DelMonico</span><span>February 1, 2024</span>
      <span>Updated:</span><span>February 1, 2024</span><span>2 Comments</span><span>3 Mins Read</span></div>
    <p>A report by The Washington Post details how China is happy to host American mayors.</p>
  </article>
  <div class="related-posts"><h3>More news</h3><span class="date">June 24, 2025</span></div>
  <div id="comments"><div class="comment-meta"><span class="date">February 2, 2024</span></div></div>
  <footer><p>Copyright © 2024 The Maine Wire</p></footer>
</body></html>"""


def test_visible_byline_dates_beat_header_related_and_comment_dates():
    meta = metadata_of(BYLINE_PAGE)
    assert (meta.published, meta.updated) == ("2024-02-01", "2024-02-01")


def test_unmarked_date_next_to_the_headline():
    page = """<html><body><div class="nav">Home</div><div>
      <p><em>01.11.2023 11:35</em></p><h4>Effiziente Hybridbatterie</h4><h1>Effiziente Hybridbatterie</h1>
      <p>Text.</p></div></body></html>"""
    assert metadata_of(page).published == "2023-11-01"


def test_the_url_is_the_last_resort_and_copyright_years_are_ignored():
    page = """<html><body><h1>A walk</h1><p>Text from 1952.</p>
      <footer>Copyright © 2009–2024</footer></body></html>"""
    assert metadata_of(page, "https://blog.example.com/2023/05/17/a-walk/").published == "2023-05-17"
    assert metadata_of(page, "https://blog.example.com/a-walk/").published is None
    assert metadata_of(page, "hard::example").published is None


def test_fast_patterns_do_not_call_dateparser(monkeypatch):
    def refuse(*args):
        raise AssertionError("dateparser called for a date the patterns read")
    monkeypatch.setattr(dates, "dateparser_date", refuse)
    assert metadata_of(BYLINE_PAGE).published == "2024-02-01"


def test_dateparser_reads_languages_the_tables_lack():
    page = """<html lang="ar"><body><article><h1>عنوان المقال</h1>
      <div class="date">الأربعاء، 07 أكتوبر 2020 - 12:09 م</div><p>نص.</p></article></body></html>"""
    assert metadata_of(page).published == "2020-10-07"


def test_date_search_is_fast_once_warm():
    metadata_of(BYLINE_PAGE)
    start = time.perf_counter()
    for _ in range(20):
        metadata_of(BYLINE_PAGE)
    # parse + all metadata of a small page; a few ms each even on a loaded machine
    assert (time.perf_counter() - start) / 20 < 0.02


def test_central_european_midnight_written_in_utc_is_the_next_day():
    page = """<html><head><meta property="article:published_time" content="2022-11-06T23:00:00+00:00"></head>
      <body><h1>Provence</h1><p>Text.</p></body></html>"""
    assert metadata_of(page).published == "2022-11-07"
    page = page.replace("23:00:00", "23:05:00")
    assert metadata_of(page).published == "2022-11-06T23:05:00+00:00"


def test_the_url_day_does_not_override_a_time_with_the_publishers_offset():
    page = """<html><head><meta property="article:published_time" content="{}"></head>
      <body><h1>Antarctica at 20 degrees</h1><p>Text.</p></body></html>"""
    url = "https://news.example.com/2020/02/18/ciencia/antarctica.html"
    assert metadata_of(page.format("2020-02-19T18:37:32+01:00"), url).published == "2020-02-19T18:37:32+01:00"
    # written in UTC, the time may belong to the publisher's previous day: the URL's day settles it
    assert metadata_of(page.format("2020-02-19T02:37:32Z"), url).published == "2020-02-18"


def test_the_dateline_right_under_the_headline_beats_a_declared_date():
    page = """<html><head><meta name="date" content="2020-04-29T11:52:23"></head><body><div>
      <h1>Daten von Rheinmetall gehackt</h1><p><span>Stand: 28.04.2020 18:00 Uhr</span></p>
      <p>Bis zum 30.04.2020 will der Konzern die Lücke schließen, heißt es in der langen Mitteilung.</p>
      </div></body></html>"""
    assert metadata_of(page).published == "2020-04-28"
    # a date in the lead sentence under the headline is an event's, not the dateline
    lead = page.replace("<p><span>Stand: 28.04.2020 18:00 Uhr</span></p>", "")
    assert metadata_of(lead).published == "2020-04-29T11:52:23"


def test_a_byline_that_shows_only_an_update_dates_the_article():
    page = """<html lang="en"><head><script type="application/ld+json">{"@type": "Article", "headline": "H",
      "datePublished": "2019-10-15T16:59:59Z", "dateModified": "2020-03-12T14:42:17Z"}</script></head>
      <body><article><h1>Dead skin cells</h1><div class="timestamp">Updated Mar 12, 2020 @ 10:42 am</div>
      <p>Text.</p></article></body></html>"""
    assert metadata_of(page).published == "2020-03-12"
    # shown beside the publication day, the update is only an update
    shown = page.replace('<div class="timestamp">', '<div class="date">Oct 15, 2019</div><div class="timestamp">')
    assert metadata_of(shown).published == "2019-10-15T16:59:59+00:00"


def test_the_next_articles_header_under_the_headline_is_no_byline():
    page = """<html><head><meta property="article:published_time" content="2023-10-25T16:24:40+02:00"></head>
      <body><div class="posts"><article><h1>Dresdner Stollenfest</h1><p>Text.</p></article>
      <article><header class="entry-header"><h2><a href="/tiramisu">Mandarinen Tiramisu</a></h2>
      <div class="post-meta"><span class="post-date">September 01, 2023</span></div></header></article>
      </div></body></html>"""
    assert metadata_of(page).published == "2023-10-25T16:24:40+02:00"


def test_hatom_dates_in_a_title_and_drupal_submitted_lines():
    page = """<html><body><div class="post"><h1>Mozarts Schulnoten</h1>
      <span class="published" title="2013-04-04T18:52:11+00:00"></span><p>Text aus 2013.</p></div></body></html>"""
    assert metadata_of(page).published == "2013-04-04T18:52:11+00:00"
    body = " ".join(["Ein Hackathon am 26. August 2017 in der Schweiz."] * 3)
    page = f"""<html><body><div class="node"><h1>FairCoin hackathon</h1><p>{body}</p>
      <div class="submitted">Gespeichert von <span>rasos</span> am 24. Juli 2017 - 18:55</div></div></body></html>"""
    assert metadata_of(page).published == "2017-07-24"
