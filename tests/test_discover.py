"""Discovery: URL normalisation, scope, links, sitemaps, feeds, article classification, link traps."""
from __future__ import annotations

import datetime
import gzip
import time
from pathlib import Path

import pytest

import scraper
from scraper.discover.classify import is_article_page, looks_like_listing_url
from scraper.discover.kinds import response_kind
from scraper.discover.links import PageLinks, read_evidence, read_page
from scraper.discover.listings import (
    document_bytes,
    feed_and_sitemap_guesses,
    parse_feed,
    parse_sitemap,
    sitemaps_from_robots,
)
from scraper.discover.scope import Scope, is_internal_host
from scraper.discover.traps import LinkTrapGuard, MemoryTrapCounts
from scraper.discover.urls import normalize_url
from scraper.errors import UnsafeDocument, UsageError
from scraper.extract.document import parse_html

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"


def tree(html: str):
    return parse_html(html).root
BASE = "https://news.example.com/section/page.html"


@pytest.mark.parametrize("url, expected", [
    ("HTTP://News.Example.COM/a/B.html", "http://news.example.com/a/B.html"),  # path case kept
    ("https://news.example.com:443/x", "https://news.example.com/x"),
    ("http://news.example.com:80/x", "http://news.example.com/x"),
    ("http://news.example.com:8080/x", "http://news.example.com:8080/x"),
    ("https://news.example.com/x#comments", "https://news.example.com/x"),
    ("https://news.example.com/x?utm_source=nl&utm_medium=email&id=7&fbclid=abc&gclid=1&mc_cid=2",
     "https://news.example.com/x?id=7"),
    ("https://news.example.com/x?b=2&a=1", "https://news.example.com/x?b=2&a=1"),  # order kept
    ("https://news.example.com", "https://news.example.com/"),
    ("https://news.example.com/a/./b/../c", "https://news.example.com/a/c"),
    ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
    ("https://news.example.com/a b", "https://news.example.com/a%20b"),
    ("https://news.example.com/a%20b", "https://news.example.com/a%20b"),  # not escaped twice
    ("other.html", "https://news.example.com/section/other.html"),
    ("/2024/02/01/story/", "https://news.example.com/2024/02/01/story/"),
    ("//cdn.example.net/i.png", "https://cdn.example.net/i.png"),
    ("  /padded  ", "https://news.example.com/padded"),
    ("http://[::1]:8000/x", "http://[::1]:8000/x"),
    ("mailto:desk@example.com", None),
    ("javascript:void(0)", None),
    ("tel:+441234", None),
    ("data:text/html,hi", None),
    ("ftp://example.com/file", None),
    ("http://example.com:99999/", None),
    ("", None),
    # session ids: in the path (as parameters, or an ASP.NET cookieless segment) and in the query
    ("https://news.example.com/cal;jsessionid=A1B2C3?x=1", "https://news.example.com/cal?x=1"),
    ("https://news.example.com/a;sid=9f8e/b;v=2;JSESSIONID=x", "https://news.example.com/a/b;v=2"),
    ("https://news.example.com/(S(lit3py55t21z5v55vlm25s55))/story.aspx", "https://news.example.com/story.aspx"),
    ("https://news.example.com/x?PHPSESSID=ab12&id=4&sid=77", "https://news.example.com/x?id=4&sid=77"),
])
def test_normalize_url(url, expected):
    assert normalize_url(url, BASE) == expected


def test_normalize_url_without_base_needs_an_absolute_url():
    assert normalize_url("/relative") is None
    assert normalize_url("https://Example.com/?utm_campaign=x") == "https://example.com/"


def test_scope_host_ignores_www_only():
    scope = Scope(("https://www.example.com/",))
    assert scope.allows("https://example.com/a")
    assert scope.allows("http://www.example.com/b")
    assert not scope.allows("https://blog.example.com/")
    assert not scope.allows("https://example.org/")


def test_scope_domain_uses_the_registrable_domain():
    scope = Scope(("https://news.example.co.uk/",), mode="domain")
    assert scope.allows("https://sport.example.co.uk/x")
    assert scope.allows("https://example.co.uk/")
    assert not scope.allows("https://other.co.uk/")  # co.uk is a public suffix, not a site


def test_scope_any_include_exclude():
    scope = Scope(("https://example.com/",), mode="any", include=r"/20\d\d/", exclude=r"\?replytocom=")
    assert scope.allows("https://elsewhere.org/2024/01/x")
    assert not scope.allows("https://example.com/about/")
    assert not scope.allows("https://example.com/2024/01/x?replytocom=5")


@pytest.mark.parametrize("host, internal", [
    ("127.0.0.1", True), ("127.1", True), ("2130706433", True), ("0x7f.0.0.1", True), ("localhost", True),
    ("admin.localhost", True), ("10.0.0.5", True), ("192.168.1.1", True), ("169.254.169.254", True),
    ("100.64.0.1", True), ("0.0.0.0", True), ("[::1]", True), ("::ffff:10.0.0.1", True), ("fe80::1", True),
    ("example.com", False), ("93.184.215.14", False), ("2606:4700::1111", False),
])
def test_internal_hosts(host, internal):
    assert is_internal_host(host) is internal


def test_an_internal_address_is_out_of_scope_unless_a_seed_is_one():
    public = Scope(("https://news.example.com/",), mode="any")
    assert public.refusal("http://169.254.169.254/latest/meta-data/") == "internal address"
    assert public.refusal("http://localhost:8080/admin") == "internal address"
    assert public.refusal("https://elsewhere.org/") is None
    assert Scope(("http://127.0.0.1:8000/",), mode="any").refusal("http://localhost:9000/") is None


def test_include_narrows_pages_exclude_everything_but_seeds():
    scope = Scope(("https://example.com/",), include="/2024/", exclude="/private/")
    assert scope.refusal("https://example.com/about/") == "--include"
    assert scope.refusal("https://example.com/sitemap.xml", page=False) is None
    assert scope.refusal("https://example.com/private/feed.xml", page=False) == "--exclude"
    assert scope.refusal("https://example.com/private/", seed=True) is None
    assert scope.refusal("https://other.org/", seed=True) == "other host (--scope host)"


def test_scope_rejects_bad_mode_and_regex():
    with pytest.raises(UsageError):
        Scope(("https://example.com/",), mode="galaxy")
    with pytest.raises(UsageError):
        Scope(("https://example.com/",), include="(unclosed")


PAGE = """<!DOCTYPE html><html><head>
<base href="https://news.example.com/base/">
<link rel="canonical" href="/2024/02/01/story/?utm_source=x">
<link rel="stylesheet" href="/s.css"><link rel="shortcut icon" href="/fav.ico">
<link rel="alternate" type="application/rss+xml" href="/feed/">
<link rel="alternate" type="application/atom+xml" href="https://news.example.com/atom.xml">
<link rel="alternate" hreflang="fr" href="/fr/">
<script src="app.js"></script>
<meta property="og:type" content="website">
</head><body>
<a href="rel/page">relative to base</a> <a href="/abs#frag">fragment</a> <a href="/abs">again</a>
<a href="mailto:x@example.com">mail</a> <a href="javascript:go()">js</a> <a>no href</a>
<img src="/a.jpg" srcset="/a-300.jpg 300w, /a-600.jpg 600w"><picture><source srcset="/b.webp 1x"></picture>
</body></html>"""


def test_read_page_links_requisites_canonical_feeds():
    page = read_page(tree(PAGE), "https://news.example.com/2024/02/01/story/")
    assert page.links == ("https://news.example.com/base/rel/page", "https://news.example.com/abs")
    assert set(page.requisites) == {
        "https://news.example.com/s.css", "https://news.example.com/fav.ico", "https://news.example.com/base/app.js",
        "https://news.example.com/a.jpg", "https://news.example.com/a-300.jpg", "https://news.example.com/a-600.jpg",
        "https://news.example.com/b.webp"}
    assert page.canonical == "https://news.example.com/2024/02/01/story/"
    assert page.feeds == ("https://news.example.com/feed/", "https://news.example.com/atom.xml")
    assert page.article_markup is False


@pytest.mark.parametrize("markup, expected", [
    ('<meta property="og:type" content="article">', True),
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle"}]}</script>', True),
    ('<script type="application/ld+json">{"@type": ["BlogPosting"]}</script>', True),
    ('<script type="application/ld+json">{"@type": "WebPage", "mainEntity": {"@type": "Article"}}</script>', True),
    ('<div itemscope itemtype="https://schema.org/NewsArticle"><h1>x</h1></div>', True),
    # a listing whose teasers each carry BlogPosting microdata is not one article
    ('<div itemscope itemtype="http://schema.org/BlogPosting"></div><div itemscope itemtype="http://schema.org/BlogPosting"></div>', False),
    ('<script type="application/ld+json">{"@type": "CollectionPage"}</script>', False),
    ("", False),
])
def test_article_markup(markup, expected):
    html = f"<html><head>{markup}</head><body><p>text</p></body></html>"
    assert read_page(tree(html), "https://example.com/x").article_markup is expected
    assert read_evidence(tree(html)).article_markup is expected


def site_page(path: str) -> tuple[PageLinks, scraper.Article, str]:
    url = "http://127.0.0.1:8000/" + path
    data = (SITE / path / "index.html").read_bytes()
    return read_page(tree(data.decode("utf-8")), url), scraper.extract(data, url), url


@pytest.mark.parametrize("path", [
    "2024/01/08/council-approves-new-ferry-timetable/",  # JSON-LD NewsArticle
    "2024/01/11/storm-damages-north-pier-railings/",  # og:type article only
    "2024/01/23/school-roof-fund-reaches-target/",  # no markup: dated slug and body
])
def test_demo_site_articles_are_articles(path):
    assert is_article_page(*site_page(path))


@pytest.mark.parametrize("path", [
    "", "category/local/", "category/local/page/2/", "tag/harbour/", "author/maren-holt/", "about/",
])
def test_demo_site_listings_are_not_articles(path):
    assert not is_article_page(*site_page(path))


@pytest.mark.parametrize("url, listing", [
    ("https://example.com/", True),
    ("https://example.com/index.php", True),
    ("https://example.com/?s=harbour", True),  # a search on the home page
    ("https://example.com/?p=31228", False),  # a WordPress post by id
    ("https://example.com/news/?page=2", True),
    ("https://example.com/news_view.html?idx=8576&page=1", False),  # the page of the list it came from
    ("https://example.com/category/politics/", True),
    ("https://example.com/tag/eu/page/3/", True),
    ("https://example.com/author/jane-doe/", True),
    ("https://example.com/2024/", True),
    ("https://example.com/2024/02/", True),
    ("https://example.com/123456", False),
    ("https://example.com/archive/2019/05/some-long-story-title/", False),
    ("https://example.com/politics/eu-budget-talks-collapse", False),
])
def test_listing_urls(url, listing):
    assert looks_like_listing_url(url) is listing


LONG_BODY = " ".join(f"Sentence number {n} of a long and real article body, with several words in it." for n in range(30))


def test_is_article_weighs_body_and_teasers():
    plain = read_page(tree("<html><body><p>x</p></body></html>"), "https://example.com/story")
    body = scraper.Article(id="x", title="A story", body=LONG_BODY, word_count=len(LONG_BODY.split()))
    assert is_article_page(plain, body, "https://example.com/news/a-long-story")
    assert not is_article_page(plain, body.replace(title=None), "https://example.com/news/a-long-story")
    short = body.replace(body="Too short.", word_count=2)
    assert not is_article_page(plain, short, "https://example.com/news/a-short-story")
    teasers = "".join(f'<h2><a href="/s{n}">Story {n}</a></h2><p>Teaser text {n}.</p>' for n in range(20))
    listing = read_page(tree(f"<html><body><main>{teasers}</main></body></html>"), "https://example.com/front")
    assert not is_article_page(listing, body, "https://example.com/front")
    # the same headlines in a related-posts box after the article are chrome, not teasers
    related = read_page(tree(f'<html><body><main><p>x</p><section class="related-posts">{teasers}</section></main></body></html>'),
                        "https://example.com/news/a-long-story")
    assert related.headline_links == 0 and is_article_page(related, body, "https://example.com/news/a-long-story")
    # a dated slug needs only a modest body; a date archive is a listing
    dated = body.replace(word_count=60)
    assert is_article_page(plain, dated, "https://example.com/2024/02/01/council-votes-budget/")
    assert not is_article_page(plain, dated, "https://example.com/news/council-votes-budget")
    assert not is_article_page(plain, body, "https://example.com/2024/02/")
    assert not is_article_page(plain, body, "https://example.com/2024/02/01/council-votes-budget/page/2/")


SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.com/posts.xml.gz</loc><lastmod>2024-03-01</lastmod></sitemap>
  <sitemap><loc>https://example.com/pages.xml</loc></sitemap>
</sitemapindex>"""
URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://example.com/2024/02/01/a/?utm_source=sm</loc><lastmod>2024-02-01T10:00:00+00:00</lastmod></url>
  <url><loc> https://example.com/b </loc></url>
  <url><loc>https://example.com/c</loc><news:news><news:publication_date>2024-02-03</news:publication_date></news:news></url>
  <url><loc>mailto:nobody@example.com</loc></url>
</urlset>"""


def test_sitemap_index_and_gzipped_child_with_lastmod():
    index = parse_sitemap(SITEMAP_INDEX, "https://example.com/sitemap.xml")
    assert index.children == ("https://example.com/posts.xml.gz", "https://example.com/pages.xml")
    assert index.entries == () and index.error is None
    child = parse_sitemap(gzip.compress(URLSET), "https://example.com/posts.xml.gz")
    assert [(e.url, e.lastmod) for e in child.entries] == [
        ("https://example.com/2024/02/01/a/", "2024-02-01T10:00:00+00:00"),
        ("https://example.com/b", None),
        ("https://example.com/c", "2024-02-03"),
    ]


def test_text_sitemap_and_garbage():
    text = parse_sitemap(b"https://example.com/a\n\nhttps://example.com/b\n", "https://example.com/sitemap.txt")
    assert [e.url for e in text.entries] == ["https://example.com/a", "https://example.com/b"]
    assert parse_sitemap(b"<html><body>Not found</body></html>", "https://example.com/sitemap.xml").entries == ()
    assert parse_sitemap(b"\x1f\x8b\x08garbage", "https://example.com/s.xml.gz").error


def test_gzip_bomb_stops_at_the_cap():
    bomb = gzip.compress(b"\0" * (60 * 2**20), compresslevel=9)  # 60 MB inflated, ~60 kB on the wire
    assert len(bomb) < 200_000
    started = time.monotonic()
    sitemap = parse_sitemap(bomb, "https://example.com/bomb.xml.gz")
    assert sitemap.entries == () and "beyond" in sitemap.error
    assert time.monotonic() - started < 5
    with pytest.raises(UnsafeDocument):
        document_bytes(gzip.compress(b"x" * 5000), cap=4096)
    assert document_bytes(gzip.compress(b"x" * 4096), cap=4096) == b"x" * 4096
    assert document_bytes(gzip.compress(b"first ") + gzip.compress(b"second")) == b"first second"  # two members
    assert document_bytes(gzip.compress(URLSET)[:-30]).startswith(URLSET[:100])  # cut short: what is there


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.com/&lol9;</loc></url></urlset>"""


def test_billion_laughs_and_external_entities_are_rejected(tmp_path):
    started = time.monotonic()
    sitemap = parse_sitemap(BILLION_LAUGHS, "https://example.com/sitemap.xml")
    assert sitemap.entries == () and "entities" in sitemap.error
    assert time.monotonic() - started < 2
    secret = tmp_path / "secret.txt"
    secret.write_text("https://example.com/stolen")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
           '<rss><channel><item><link>&x;</link></item></channel></rss>').encode()
    assert parse_feed(xxe, "https://example.com/feed") == ()


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>A</title><link>https://example.com/a?utm_medium=rss</link><pubDate>Thu, 01 Feb 2024 09:30:00 +0000</pubDate></item>
<item><title>B</title><guid isPermaLink="true">https://example.com/b</guid></item>
<item><title>C</title><guid isPermaLink="false">tag:example.com,2024:c</guid></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>A</title><link rel="edit" href="/edit/a"/><link href="/a"/><published>2024-02-01T09:30:00Z</published></entry>
<entry><title>B</title><link rel="alternate" type="text/html" href="https://example.com/b"/><updated>2024-02-02T00:00:00Z</updated></entry>
</feed>"""
RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.com/"><title>t</title></channel>
<item rdf:about="https://example.com/a"><title>A</title><link>https://example.com/a</link><dc:date>2024-02-01</dc:date></item>
<item rdf:about="https://example.com/b"><title>B</title></item>
</rdf:RDF>"""


def test_feeds_rss_atom_rdf():
    assert [(e.url, e.published) for e in parse_feed(RSS, "https://example.com/feed/")] == [
        ("https://example.com/a", "2024-02-01T09:30:00+00:00"), ("https://example.com/b", None)]
    assert [(e.url, e.published) for e in parse_feed(ATOM, "https://example.com/atom.xml")] == [
        ("https://example.com/a", "2024-02-01T09:30:00Z"), ("https://example.com/b", "2024-02-02T00:00:00Z")]
    assert [(e.url, e.published) for e in parse_feed(RDF, "https://example.com/index.rdf")] == [
        ("https://example.com/a", "2024-02-01"), ("https://example.com/b", None)]
    assert parse_feed(b"not xml at all", "https://example.com/feed") == ()


@pytest.mark.parametrize("url, content_type, data, kind", [
    ("https://e.com/robots.txt", "text/plain", b"User-agent: *", "robots"),
    ("https://e.com/robots.txt", "text/html", b"<!DOCTYPE html><html>soft 404</html>", "html"),
    ("https://e.com/sitemap.xml", "application/xml", SITEMAP_INDEX, "sitemap"),
    ("https://e.com/s.xml.gz", "application/x-gzip", gzip.compress(URLSET), "sitemap"),
    ("https://e.com/feed/", "application/rss+xml; charset=utf-8", RSS, "feed"),
    ("https://e.com/feed/", "text/xml", ATOM, "feed"),
    ("https://e.com/index.rdf", None, RDF, "feed"),
    ("https://e.com/", "text/html; charset=utf-8", b"<p>hi</p>", "html"),
    ("https://e.com/x", None, b"<!doctype html><html><body>x", "html"),
    ("https://e.com/x.pdf", "application/pdf", b"%PDF-1.7", "other"),
    ("https://e.com/sitemap.txt", "text/plain", b"https://e.com/a\n", "sitemap"),
])
def test_sniff_kind(url, content_type, data, kind):
    assert response_kind(url, content_type, data) == kind


def test_sitemaps_from_robots_and_guesses():
    robots = "User-agent: *\nDisallow: /private/\nSitemap: https://example.com/sitemap.xml\nsitemap:/news.xml\n"
    assert sitemaps_from_robots(robots, "https://example.com/robots.txt") == [
        "https://example.com/sitemap.xml", "https://example.com/news.xml"]
    guesses = feed_and_sitemap_guesses("https://example.com/some/page")
    assert guesses[0] == "https://example.com/sitemap.xml"
    assert "https://example.com/feed/" in guesses and len(set(guesses)) == len(guesses)


def test_trap_guard_stops_a_calendar_but_not_article_ids():
    guard = LinkTrapGuard(max_per_pattern=50)
    calendar = [f"https://example.com/events/{year}/{month:02d}/" for year in range(2000, 2100) for month in range(1, 13)]
    allowed = [url for url in calendar if guard.allow(url)]
    assert len(allowed) == 50
    assert guard.allow(calendar[0])  # asking again about an allowed URL is fine
    assert all(guard.allow(f"https://example.com/story/{100000 + n}") for n in range(200))
    assert all(guard.allow(f"https://example.com/2024/02/01/story-{chr(97 + n % 26)}{n // 26}") for n in range(40))
    assert guard.rejected["too many URLs of one pattern"] == len(calendar) - 50


@pytest.mark.parametrize("calendar", [
    "https://example.com/cal/{d:%Y%m%d}/", "https://example.com/events?date={d:%Y%m%d}",
    "https://example.com/agenda/{d:%d%m%Y}.html", "https://example.com/day?at={d:%Y%m%d}1200",
    "https://example.com/month/{d:%Y%m}", "https://example.com/cal/{d:%Y-%m-%d}",
])
def test_trap_guard_stops_calendars_of_any_date_spelling(calendar):
    guard = LinkTrapGuard(max_per_pattern=50)
    start = datetime.date(2024, 1, 1)
    days = [calendar.format(d=start + datetime.timedelta(days=n * 31)) for n in range(120)]
    assert sum(guard.allow(url) for url in days) == 50
    assert all(guard.allow(f"https://example.com/story/{48213000 + n}") for n in range(120))  # ids are not dates


def test_trap_counts_outlive_the_guard_as_a_resumed_crawl_does():
    counts = MemoryTrapCounts()
    pages = [f"https://example.com/list?page={n}" for n in range(300)]
    assert sum(LinkTrapGuard(counts).allow(url) for url in pages[:120]) == 120
    resumed = LinkTrapGuard(counts)  # a new guard over the same counts, as after a resume
    assert resumed.allow(pages[5])  # counted before: still allowed
    assert sum(resumed.allow(url) for url in pages[120:]) == 80


def test_trap_guard_query_and_path_loops():
    guard = LinkTrapGuard(max_query_length=100)
    assert guard.allow("https://example.com/search?q=a")
    assert not guard.allow("https://example.com/search?q=" + "a" * 200)
    assert not guard.allow("https://example.com/x?sort=1&sort=1&sort=1")
    assert not guard.allow("https://example.com/a/b/a/b/a/b/")
    assert guard.allow("https://example.com/2024/02/02/a-b/")  # repeated numbers are dates, not loops
    pages = [f"https://example.com/list?page={n}" for n in range(500)]
    assert sum(guard.allow(url) for url in pages) == 200
