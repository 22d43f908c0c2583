"""Authors: clean person names from JSON-LD, meta tags, byline markup or visible "By X" text; no
prefixes, roles, dates, e-mail or "and"; organisations only when no person is named; never the
names of commenters, related-post authors or the site itself."""
from __future__ import annotations

import pytest

from scraper.extract.authors import names_in
from scraper.extract.document import parse_html
from scraper.extract.jsonld import read_json_ld
from scraper.extract.metadata import extract_metadata


def authors_of(html: str, url: str | None = None) -> tuple[str, ...]:
    root = parse_html(html).root
    return extract_metadata(root, url, read_json_ld(root)).authors


@pytest.mark.parametrize("raw, expected", [
    ("By Jane Doe", ["Jane Doe"]),
    ("Posts by Jane Doe", ["Jane Doe"]),
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("Jane Doe, John Roe & Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
    ("Von Roland Brockmann und Sebastian Drescher", ["Roland Brockmann", "Sebastian Drescher"]),
    ("Par Marie Dupont et Luc Martin", ["Marie Dupont", "Luc Martin"]),
    ("Jane Doe, Staff Writer", ["Jane Doe"]),
    ("Jane Doe | Senior Correspondent", ["Jane Doe"]),
    ("By Jane Doe jane.doe@example.com", ["Jane Doe"]),
    ("Jane Doe 12.03.2024, 10:15", ["Jane Doe"]),
    ("Posted by Sam Keller in Walks", ["Sam Keller"]),
    ("By JANE DOE on February 1, 2024", ["JANE DOE"]),
    ("Jose de la Cruz", ["Jose de la Cruz"]),
    ("Autor: Max Mustermann", ["Max Mustermann"]),
    ("Ein Artikel von Alexa von Heyden", ["Alexa von Heyden"]),
    ("Gespeichert von rasos am 24. Juli 2017", ["rasos"]),
    ("cipha[at]cipha.net", []),
    ("sarah-indra", []),
    ("Katharina Schmidt Kategorien: Mode", ["Katharina Schmidt"]),
    ("Richard David Precht im Gespräch mit Karin Fischer", ["Richard David Precht", "Karin Fischer"]),
    ("Veröffentlicht am", []),
    ("3 Mins Read", []),
    ("Share on Facebook", []),
])
def test_raw_author_strings_are_cleaned(raw, expected):
    assert names_in(raw) == expected


def test_json_ld_people_before_the_organisation():
    page = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",
      "author": [{"@type": "Organization", "name": "Pacific Ledger Staff"},
                 {"@type": "Person", "name": "Alice Walker"}, {"@type": "Person", "name": "By Ben Ortiz"}]}
      </script></head><body><h1>H</h1><p>Alice Walker and Ben Ortiz, Pacific Ledger Staff</p></body></html>"""
    assert authors_of(page) == ("Alice Walker", "Ben Ortiz")


def test_an_organisation_when_no_person_is_named():
    page = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",
      "author": {"@type": "Organization", "name": "Reuters"}}</script></head><body><h1>H</h1><p>(Reuters)</p>
      </body></html>"""
    assert authors_of(page) == ("Reuters",)


def test_meta_author_but_not_a_profile_url():
    page = """<html><head><meta property="og:type" content="article">
      <meta property="article:author" content="https://www.facebook.com/someone">
      <meta name="author" content="Priya Natarajan"></head><body><h1>H</h1><p>Priya Natarajan</p></body></html>"""
    assert authors_of(page) == ("Priya Natarajan",)


def test_meta_author_of_a_page_that_is_no_article_is_the_webmaster():
    page = """<html><head><meta name="author" content="Lüder Hoppe"></head>
      <body><h1>Baumgutachten</h1><p>Wir erstellen Gutachten.</p></body></html>"""
    assert authors_of(page) == ()


def test_byline_markup_near_the_headline_not_the_comments_or_related_posts():
    page = """<html><body>
      <aside class="sidebar"><div class="author">Widget Person</div></aside>
      <article><h1>The headline</h1>
        <div class="byline">By <a rel="author" href="/author/jane-doe/">Jane Doe</a> and
          <a rel="author" href="/author/john-roe/">John Roe</a> | February 1, 2024</div>
        <p>Body text of the article.</p></article>
      <div class="related-posts"><span class="author">By Other Writer</span></div>
      <ol class="comment-list"><li><span class="comment-author">Angry Reader</span></li></ol>
      </body></html>"""
    assert authors_of(page) == ("Jane Doe", "John Roe")


def test_visible_by_line_without_markup():
    page = """<html><body><div class="wrap"><h1>A walk along the old canal</h1>
      <p><span>By</span> <a href="/team/sam">Sam Keller</a></p><p>The old canal leaves the river.</p>
      </div></body></html>"""
    assert authors_of(page) == ("Sam Keller",)


def test_the_site_is_not_its_own_author():
    page = """<html><head><meta property="og:site_name" content="Hildesheimer Presse">
      <meta name="author" content="Hildesheimer Presse"></head><body><h1>H</h1></body></html>"""
    assert authors_of(page, "https://hildesheimer-presse.de/2023/11/01/x/") == ()


def test_no_author_is_no_author():
    assert authors_of("<html><body><h1>Über uns</h1><p>Wir sind ein Team.</p></body></html>") == ()


def test_json_ld_author_given_by_reference():
    page = """<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "Article", "headline": "H", "author": {"@id": "https://doschu.example/#/person/1"}},
      {"@type": "Person", "@id": "https://doschu.example/#/person/1", "name": "Doris Schuppe"}]}</script>
      </head><body><h1>H</h1><footer>Doris Schuppe</footer></body></html>"""
    assert authors_of(page) == ("Doris Schuppe",)


def test_a_web_page_author_is_the_editor_account_not_a_byline():
    page = """<html><head><script type="application/ld+json">{"@type": "WebPage", "headline": "H",
      "author": {"@type": "Person", "name": "fhaacker"}}</script></head><body><h1>H</h1></body></html>"""
    assert authors_of(page) == ()


def test_the_visible_person_before_the_json_ld_organisation():
    page = """<html><head><script type="application/ld+json">{"@type": "Recipe", "name": "Porridge",
      "author": {"@type": "Organization", "name": "Eat Smarter"}}</script></head>
      <body><article><h1>Porridge</h1><p class="byline">By Iris Lange-Fricke</p></article></body></html>"""
    assert authors_of(page) == ("Iris Lange-Fricke",)


def test_a_news_agency_beside_a_person_is_no_author():
    page = """<html><head><meta property="og:type" content="article">
      <meta name="author" content="Von David Hutzler, dpa"></head><body><h1>H</h1><p>David Hutzler, dpa</p>
      </body></html>"""
    assert authors_of(page) == ("David Hutzler",)
    assert authors_of(page.replace("Von David Hutzler, dpa", "dpa")) == ("dpa",)


def test_a_declared_author_the_page_never_shows_is_the_filing_account():
    page = """<html><head><meta property="og:type" content="article">
      <meta name="author" content="Christina Arens"></head>
      <body><h1>Über Kohleausstieg</h1><p>Der Ausstieg kommt.</p></body></html>"""
    assert authors_of(page) == ()
    # shown to the reader (here in capitals), the same declared name is the byline
    assert authors_of(page.replace("<p>Der", "<p>CHRISTINA ARENS</p><p>Der")) == ("Christina Arens",)


def test_a_web_page_author_the_page_shows_is_the_byline():
    page = """<html><head><script type="application/ld+json">{"@type": "WebPage", "headline": "H",
      "author": {"@type": "Person", "name": "Giovanni Gaggero"}}</script></head>
      <body><h1>H</h1><p>Giovanni Gaggero, 12/10/2020</p></body></html>"""
    assert authors_of(page) == ("Giovanni Gaggero",)


def test_a_signed_line_under_the_article_names_the_author():
    body = " ".join(["Im Aktivitätsfeld Social Design engagiert sich fairkom für FairCoin."] * 20)
    page = f"""<html><body><div class="node"><h1>FairCoin hackathon beim Sommercamp</h1>
      <div class="content"><p>{body}</p></div>
      <div class="submitted">Gespeichert von <span class="username">rasos</span> am 24. Juli 2017</div>
      </div></body></html>"""
    assert authors_of(page) == ("rasos",)


def test_a_cue_inside_running_prose_signs_nothing():
    # (after a dozen lines: right under the headline, "von X" is read as the byline)
    lines = "".join(f"<p>Zeile {n}.</p>" for n in range(12))
    page = f"""<html><body><div><h1>Das Testpaket</h1>{lines}
      <p>Ein Paket kam an, mit Software <a href="/x">von G-Data.</a> Es lief gut.</p>
      <p>the original fuzzer uses find <code>by default, so no notion</code> of frequency.</p>
      </div></body></html>"""
    assert authors_of(page) == ()


def test_a_label_and_the_name_in_the_next_element():
    page = """<html><body><article><h1>Performant Python</h1><p>Slotted classes are faster.</p>
      <footer class="article-footer"><ul><li><span>Author: </span><span>Jacopo Cascioli</span></li>
      <li><span>Published: </span><time datetime="2019-12-03">03 December 2019</time></li></ul></footer>
      </article></body></html>"""
    assert authors_of(page) == ("Jacopo Cascioli",)


def test_names_after_a_cue_end_where_no_and_joins_them():
    page = """<html><body><div><h1>What you need to know</h1>
      <div class="wrote_by">By&nbsp;<a href="/reporters/jose">Jose de la Cruz</a></div>
      <div><a href="/tags/cvs">CVS Health</a></div><p>Text.</p></div></body></html>"""
    assert authors_of(page) == ("Jose de la Cruz",)


def _nested(inner: str, levels: int = 8) -> str:
    return "<div>" * levels + inner + "</div>" * levels


def test_byline_markup_in_another_column_but_not_in_teasers():
    headline = _nested("<h1>Daten von Rheinmetall gehackt</h1><p>Interne Unterlagen kursieren.</p>")
    page = f"""<html><body>
      <div class="teaser"><span class="author">Other Writer</span></div>
      {headline}
      <div class="column"><p class="autorenzeile">Von Volkmar Kabisch und Benedikt Strunz</p></div>
      <footer><span class="author">Footer Person</span></footer></body></html>"""
    assert authors_of(page) == ("Volkmar Kabisch", "Benedikt Strunz")
    assert authors_of(page.replace("autorenzeile", "zeile")) == ()


def test_an_institution_is_no_person():
    assert names_in("Bayerische Landesanstalt für Wald und Forstwirtschaft - LWF") == []
    assert names_in("Jose de la Cruz") == ["Jose de la Cruz"]
