"""Article or not: the site's own pages (privacy, terms, imprint, about, contact, cookies) are not
articles, however long and titled; stories about the same things, or at similar addresses, are.
The pages are fixtures of our own (fixtures/static-pages/), each caught by a different signal."""
from __future__ import annotations

from pathlib import Path

import pytest

import scraper
from scraper.discover.classify import (
    declares_a_page_of_the_site,
    has_static_page_slug,
    is_article_page,
    names_itself_a_policy,
    shows_publication,
)
from scraper.discover.links import read_evidence, read_page
from scraper.extract.document import parse_html

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "static-pages"


def read(name: str, url: str):
    data = (PAGES / name).read_bytes()
    root = parse_html(data.decode("utf-8")).root
    return read_page(root, url), read_evidence(root), scraper.extract(data, url)


# (fixture, its address, the signal that gives it away)
STATIC_PAGES = [
    # og:type article and a WebPage graph, as SEO plugins write them; its footer's rel="privacy-policy" is itself
    ("privacy-policy.html", "https://harbourgazette.example/privacy-policy/", "names itself"),
    # nothing in the markup: the address alone
    ("nutzungsbedingungen.html", "https://hafenbote.example/nutzungsbedingungen/", "slug"),
    ("impressum.html", "https://hafenbote.example/impressum", "slug"),
    ("politique-de-cookies.html", "https://courrierduport.example/politique-de-cookies/", "slug"),
    # schema.org AboutPage (JSON-LD) and ContactPage (microdata)
    ("about-us.html", "https://harbourgazette.example/about-us/", "type"),
    ("contacto.html", "https://gacetadelpuerto.example/contacto/", "type"),
    # an address with no telling word, named by its own <link rel="terms-of-service">
    ("conditions-7.html", "https://harbourgazette.example/legal/conditions-7/", "names itself"),
]


@pytest.mark.parametrize("name, url, signal", STATIC_PAGES)
def test_the_sites_own_pages_are_not_articles(name, url, signal):
    page, evidence, article = read(name, url)
    # titled, and marked as an article or long: what the article test went by before it weighed these signals
    assert article.title and (page.article_markup or article.word_count >= 150)
    assert not is_article_page(page, article, url)
    assert not is_article_page(evidence, article, url)  # as `parse` reads archived pages
    found = {"names itself": names_itself_a_policy(page, url), "slug": has_static_page_slug(url),
             "type": declares_a_page_of_the_site(page)}
    assert found[signal], found
    assert not shows_publication(page, article, url)


@pytest.mark.parametrize("name, url", [
    # a story about a privacy policy, with article markup and a byline; its footer links the policy page
    ("privacy-news-story.html", "https://harbourgazette.example/news/council-tightens-privacy-policy/"),
    # a column at an address ending in "contact", dated by its meta tags
    ("letters-contact.html", "https://harbourgazette.example/opinion/contact/"),
])
def test_stories_about_the_same_things_stay_articles(name, url):
    page, evidence, article = read(name, url)
    assert is_article_page(page, article, url) and is_article_page(evidence, article, url)


@pytest.mark.parametrize("url, static", [
    ("https://example.com/privacy-policy/", True),
    ("https://example.com/de/datenschutzerkl%C3%A4rung", True),  # accents folded
    ("https://example.com/info/impressum.html", True),
    ("https://example.com/a-propos.php", True),
    ("https://example.com/Contact-Us/", True),
    ("https://example.com/news/contact-tracing-app-launched/", False),  # a word of the slug is not the slug
    ("https://example.com/2024/05/about/", True),  # the slug alone; a dated address then shows publication
    ("https://example.com/", False),
])
def test_static_page_slugs(url, static):
    assert has_static_page_slug(url) is static


def test_a_dated_address_or_a_byline_with_a_date_outweighs_the_slug():
    page, _, article = read("impressum.html", "https://hafenbote.example/impressum")
    assert not is_article_page(page, article, "https://hafenbote.example/2024/05/14/impressum")  # no slug of words
    dated = "https://hafenbote.example/2024/05/14/neues-impressum/about/"
    assert shows_publication(page, article.replace(authors=("Lena Brodersen",), published="2024-05-14"), dated)
