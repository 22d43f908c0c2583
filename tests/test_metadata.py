"""Page metadata: the headline alone, site, language, canonical URL, section, tags, lead image; the
tree left as it was found; the seed page's two variants."""
from __future__ import annotations

import lxml.html
import pytest

from conftest import fixture_bytes
from scraper.encoding import decode_page
from scraper.extract.document import parse_html
from scraper.extract.jsonld import read_json_ld
from scraper.extract.metadata import extract_metadata, normalise_language
from scraper.record import Image

SEED_TITLE = ("Chinese Cities Host American Mayors On Visits As Relationship Between Beijing and Washington "
              "Continues to Sour")


def metadata_of(html: str | bytes, url: str | None = None):
    text = decode_page(html, None).text if isinstance(html, bytes) else html
    root = parse_html(text).root
    return extract_metadata(root, url, read_json_ld(root))


@pytest.mark.parametrize("head, body, expected", [
    # the site's name cut from the <title>, matched by og:site_name, by the domain, or as a domain
    ('<title>Storm closes harbour | Coast Herald</title><meta property="og:site_name" content="Coast Herald">',
     "", "Storm closes harbour"),
    ("<title>Coast Herald - Storm closes harbour</title>", "", "Storm closes harbour"),
    ("<title>Storm closes harbour – coastherald.com</title>", "", "Storm closes harbour"),
    # the visible headline agrees with a part of the title
    ("<title>Storm closes harbour | News | Coast Herald</title>", "<h1>Storm closes harbour</h1>",
     "Storm closes harbour"),
    # og:title is only the blog's name: the post's heading is the title, not the logo's h1
    ('<title>Coast Herald</title><meta property="og:title" content="Coast Herald">',
     '<h1 class="logo">Coast Herald</h1><h2>Storm closes harbour</h2>', "Storm closes harbour"),
    # a kicker above the headline inside the h1 is left out when the title names the headline alone
    ('<meta property="og:title" content="Daten von Rheinmetall gehackt">',
     '<h1><span class="kicker">Interne Unterlagen</span> <span>Daten von Rheinmetall gehackt</span></h1>',
     "Daten von Rheinmetall gehackt"),
    # an unmarked kicker line in the h1 that a declared title leaves out
    ('<script type="application/ld+json">{"@type": "Article", "headline": "Patchnotes 4.47 - Bugfix Build"}'
     '</script><meta property="og:title" content="Patch Notes - Patchnotes 4.47 - Bugfix Build">',
     "<h1><span>Patch Notes</span> <span>Patchnotes 4.47 - Bugfix Build</span></h1>", "Patchnotes 4.47 - Bugfix Build"),
    # an SEO title differs from the visible headline: the headline wins
    ("<title>Heat pumps in old houses - when it pays off</title>",
     "<h1>Do heat pumps pay off in old houses?</h1>", "Do heat pumps pay off in old houses?"),
    # a screen-reader heading shares nothing with the title: the declared title wins
    ('<meta property="og:title" content="Storm closes harbour">', "<h1>Hauptnavigation</h1>",
     "Storm closes harbour"),
    ('<meta property="og:title" content="Tom &amp;#038; Jerry">', "", "Tom & Jerry"),
])
def test_the_title_is_the_headline_alone(head, body, expected):
    html = f"<html><head>{head}</head><body>{body}<p>Text.</p></body></html>"
    assert metadata_of(html, "https://www.coastherald.com/2024/storm").title == expected


@pytest.mark.parametrize("value, expected", [
    ("en", "en"), ("en-US", "en"), ("de_AT", "de"), ("DE", "de"), ("pt-br", "pt-BR"), ("zh_TW", "zh-TW"),
    ("fr-FR, en", "fr"), ("", None), ("not a language", None),
])
def test_language_tags(value, expected):
    assert normalise_language(value) == expected


def test_language_from_og_locale_when_html_has_none():
    html = '<html><head><meta property="og:locale" content="pt_BR"></head><body><h1>Olá</h1></body></html>'
    assert metadata_of(html).language == "pt-BR"


def test_descriptive_fields():
    html = """<html lang="en"><head>
      <link rel="canonical" href="/news/storm-closes-harbour">
      <meta property="og:site_name" content="Coast Herald">
      <meta name="description" content="The harbour   will stay closed until Monday.">
      <meta property="article:section" content="Local">
      <meta property="article:tag" content="weather"><meta property="article:tag" content="ports">
      <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Storm closes harbour",
        "image": {"@type": "ImageObject", "url": "/img/harbour.jpg", "caption": "Waves at the pier"}}</script>
      </head><body><h1>Storm closes harbour</h1></body></html>"""
    meta = metadata_of(html, "https://www.coastherald.com/news/storm-closes-harbour?utm=x")
    assert meta.canonical_url == "https://www.coastherald.com/news/storm-closes-harbour"
    assert meta.site_name == "Coast Herald"
    assert meta.language == "en"
    assert meta.description == "The harbour will stay closed until Monday."
    assert meta.section == "Local"
    assert meta.tags == ("weather", "ports")
    assert meta.lead_image == Image(url="https://www.coastherald.com/img/harbour.jpg", caption="Waves at the pier")


def test_json_ld_keywords_and_section_when_no_meta_tags():
    html = """<html><head><script type="application/ld+json">{"@type": "BlogPosting", "headline": "H",
      "articleSection": ["Travel"], "keywords": "canals, walking ,  history"}</script></head>
      <body><h1>H</h1></body></html>"""
    meta = metadata_of(html)
    assert (meta.section, meta.tags) == ("Travel", ("canals", "walking", "history"))


def test_relative_links_without_a_page_url_are_dropped():
    html = '<html><head><link rel="canonical" href="/x"><meta property="og:image" content="/a.jpg"></head></html>'
    meta = metadata_of(html, "hard::broken")
    assert (meta.canonical_url, meta.lead_image) == (None, None)


def test_the_tree_is_not_changed():
    page = fixture_bytes("maine-wire.html")
    root = parse_html(decode_page(page, None).text).root
    before = lxml.html.tostring(root)
    extract_metadata(root, "https://www.themainewire.com/2024/02/x/", read_json_ld(root))
    assert lxml.html.tostring(root) == before


@pytest.mark.parametrize("name", ["maine-wire.html", "maine-wire-bare.html"])
def test_seed_page_metadata_in_both_variants(name):
    meta = metadata_of(fixture_bytes(name))
    assert meta.title == SEED_TITLE
    assert meta.authors == ("Justin DelMonico",)
    assert meta.published[:10] == "2024-02-01"
    assert meta.updated[:10] == "2024-02-01"


def test_seed_page_keeps_its_own_offset():
    meta = metadata_of(fixture_bytes("maine-wire.html"))
    assert meta.published.endswith("-05:00") and meta.site_name == "The Maine Wire"


def test_the_dek_under_the_headline_when_no_description_is_declared():
    html = """<html><body><article><h1>Stadtrat beschließt neue Buslinie</h1>
      <p class="vorspann">Ab dem Sommer sollen Busse im Zehn-Minuten-Takt zum Klinikum fahren.</p>
      <p>Der Stadtrat hat am Donnerstagabend eine neue Buslinie beschlossen.</p></article></body></html>"""
    assert metadata_of(html).description == "Ab dem Sommer sollen Busse im Zehn-Minuten-Takt zum Klinikum fahren."
    declared = html.replace("<html>", '<html><head><meta name="description" content="Neue Buslinie."></head>')
    assert metadata_of(declared).description == "Neue Buslinie."


def test_a_decoration_before_the_headline_and_a_hidden_h1_are_no_title():
    assert metadata_of("<html><head><title>mediaarchitecture.de // » Jens Weber</title></head>"
                       "<body><h2>[&gt; Jens Weber</h2><p>Text.</p></body></html>").title == "Jens Weber"
    page = """<html><head><meta property="og:title" content="EU-Taxonomie: Atomkraft ist nicht nachhaltig"></head>
      <body><h1 class="visuallyhidden">EU-Taxonomie: Atomkraft ist nicht nachhaltig | Umweltbundesamt</h1>
      <div class="article"><h2 class="title">EU-Taxonomie: Atomkraft ist nicht nachhaltig</h2>
      <div class="article-meta"><time datetime="2022-01-25T08:00:00+01:00">25.01.2022</time></div><p>Text.</p>
      </div></body></html>"""
    meta = metadata_of(page)
    assert (meta.title, meta.published) == ("EU-Taxonomie: Atomkraft ist nicht nachhaltig", "2022-01-25T08:00:00+01:00")
