"""The crawl against a real HTTP server on 127.0.0.1: politeness, discovery, failures, archiving."""
from __future__ import annotations

import datetime
import json
import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import VALIDATOR
from httpserver import HTML, Reply, SiteServer, brotlied, drip, generated, gzipped, html_page, page
from warcio.archiveiterator import ArchiveIterator

from scraper import __version__
from scraper.cli import main as cli_main
from scraper.crawler.budget import ListingBudget, ListingLimits
from scraper.crawler.engine import CrawlConfig, run_crawl
from scraper.crawler.fetcher import USER_AGENT, FetchPolicy
from scraper.crawler.reading import read_response
from scraper.crawler.retry import RetryPolicy
from scraper.errors import UsageError

# Short limits so that failures are quick: the whole file runs in a few seconds.
FAST = FetchPolicy(connect_timeout=2, read_timeout=2, total_timeout=2, max_bytes=1_000_000)
RETRY = RetryPolicy(retries=2, backoff=0.05, max_wait=3)
TEXT = (("Content-Type", "text/plain"),)
XML = (("Content-Type", "application/xml"),)
ARTICLE_A = "/2024/03/05/council-budget/"
ARTICLE_B = "/2024/03/06/library-hours/"


@pytest.fixture
def site():
    with SiteServer() as server:
        server.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n", TEXT))
        yield server


def crawl(out: Path, *seeds: str, **options) -> tuple:
    config = CrawlConfig(tuple(seeds), out, delay=options.pop("delay", 0), quiet=True,
                         fetch=options.pop("fetch", FAST), retry=options.pop("retry", RETRY), **options)
    summary = run_crawl(config)
    return summary, read_jsonl(out / "articles.jsonl")


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def warc_records(out: Path) -> list:
    """(type, uri, http status, headers, raw payload) of every record, file by file."""
    found = []
    for path in sorted((out / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                status = record.http_headers.get_statuscode() if record.http_headers else None
                found.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), status,
                              record.rec_headers, record.raw_stream.read()))
    return found


def responses(out: Path, url: str) -> list:
    return [r for r in warc_records(out) if r[0] in ("response", "revisit") and r[1] == url]


def by_url(records: list[dict]) -> dict[str, dict]:
    return {record["url"]: record for record in records}


def news_site(site: SiteServer) -> None:
    site.route("/", page("Home", [ARTICLE_A, ARTICLE_B, "/section/city/"]))
    site.route("/section/city/", page("City", [ARTICLE_A, "/"]))
    news_site_articles(site)


def news_site_articles(site: SiteServer) -> None:
    site.route(ARTICLE_A, page("Council passes the budget", ["/"], article=True))
    site.route(ARTICLE_B, page("Library hours extended", ["/"], article=True, published="2024-03-06"))


# --- politeness ---

def test_robots_disallow_and_crawl_delay_are_obeyed(site, tmp_path):
    site.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n", TEXT))
    site.route("/", page("Home", [ARTICLE_A, "/private/secret/"]))
    site.route(ARTICLE_A, page("Council passes the budget", article=True))
    site.route("/private/secret/", page("Secret", article=True))
    summary, records = crawl(tmp_path, site.url("/"), discover=False)
    assert site.paths()[0] == "/robots.txt"
    assert "/private/secret/" not in site.paths()
    times = [hit.time for hit in site.hits]
    assert all(later - earlier >= 0.28 for earlier, later in zip(times, times[1:]))
    assert summary.failed == ()


@pytest.mark.parametrize("reply", [Reply(503, b"down for maintenance", TEXT),
                                   Reply(429, b"slow down", (("Retry-After", "0"),) + TEXT)])
def test_a_site_whose_robots_txt_keeps_failing_is_not_crawled(site, tmp_path, reply):
    site.route("/robots.txt", reply)  # a 429 too: unreachable, not "no robots.txt" (RFC 9309 2.3.1.4)
    site.route("/", page("Home"))
    summary, records = crawl(tmp_path, site.url("/"), discover=False)
    assert site.count("/robots.txt") == RETRY.retries + 1 and "/" not in site.paths()
    assert records == [] and summary.failed[0][1].startswith("site not reached: robots.txt unreachable after 3 attempts")
    [error] = read_jsonl(tmp_path / "errors.jsonl")
    assert error["attempts"] == 3


def test_robots_txt_answering_429_is_asked_again_after_the_wait_without_holding_a_worker(site, tmp_path):
    site.route("/robots.txt", [Reply(429, b"slow down", (("Retry-After", "1"),) + TEXT),
                               Reply(200, b"User-agent: *\nDisallow: /private/\n", TEXT)])
    site.route("/", page("Home", ["/private/x/"]))
    site.route("/other/", page("Other"))
    started = time.monotonic()
    summary, _ = crawl(tmp_path, site.url("/"), site.url("/other/"))
    first, second = [hit.time for hit in site.hits if hit.path == "/robots.txt"]
    assert second - first >= 0.95 and "/private/x/" not in site.paths() and summary.failed == ()
    assert time.monotonic() - started < 5


def test_a_robots_txt_larger_than_the_size_cap_is_obeyed_for_its_first_500_kib(site, tmp_path):
    filler = b"# a comment line of the kind some sites repeat\n" * 12_000  # about 550 KiB
    site.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n" + filler + b"Disallow: /late/\n", TEXT))
    site.route("/", page("Home", ["/private/x/", "/late/y/"]))
    site.route("/late/y/", page("Late"))
    crawl(tmp_path, site.url("/"), fetch=FetchPolicy(connect_timeout=2, read_timeout=2, total_timeout=2,
                                                     max_bytes=100_000))
    assert "/private/x/" not in site.paths()  # the rules at the top are obeyed, beyond --max-size
    assert "/late/y/" in site.paths()  # a rule past 500 KiB is not read (RFC 9309 2.5)
    assert "larger than 500 KiB" in (tmp_path / "crawl.log").read_text()


def test_a_redirect_into_a_disallowed_path_is_not_followed(site, tmp_path):
    site.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n", TEXT))
    site.route("/open", Reply(302, b"", (("Location", "/private/page"),)))
    site.route("/private/page", page("Private"))
    summary, records = crawl(tmp_path, site.url("/open"), discover=False)
    assert "/private/page" not in site.paths() and records == []
    assert summary.skipped == 1 and summary.failed == ()


def test_robots_is_ignored_when_asked_but_still_archived(site, tmp_path):
    site.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /\n", TEXT))
    site.route("/", page("Home"))
    summary, records = crawl(tmp_path, site.url("/"), discover=False, obey_robots=False)
    assert "/" in site.paths() and len(records) == 1
    assert responses(tmp_path, site.url("/robots.txt"))


def test_one_request_at_a_time_per_host_with_the_delay_between(site, tmp_path):
    news_site(site)
    crawl(tmp_path, site.url("/"), site.url(ARTICLE_A), site.url(ARTICLE_B), delay=0.2, concurrency=4,
          discover=False)
    times = sorted(hit.time for hit in site.hits)
    assert len(times) == 4
    assert all(later - earlier >= 0.19 for earlier, later in zip(times, times[1:]))


def test_user_agent_names_the_tool_and_can_be_overridden(site, tmp_path):
    site.route("/", page("Home"))
    crawl(tmp_path / "a", site.url("/"), discover=False)
    sent = site.hits[-1].headers["User-Agent"]
    assert sent == USER_AGENT and sent.startswith(f"scraper/{__version__} (")
    assert "://" not in sent  # no link to a page that does not exist
    crawl(tmp_path / "b", site.url("/"), discover=False, user_agent="lab-bot/2.0")
    assert site.hits[-1].headers["User-Agent"] == "lab-bot/2.0"


# --- discovery and scope ---

def test_home_page_crawl_follows_links_and_writes_articles_only(site, tmp_path):
    news_site(site)
    summary, records = crawl(tmp_path, site.url("/"))
    assert sorted(r["url"] for r in records) == [site.url(ARTICLE_A), site.url(ARTICLE_B)]
    assert summary.failed == () and summary.articles_written == 2
    for record in records:
        VALIDATOR.validate(record)
    # the home page also looked for the sitemaps and feeds at their usual places, quietly
    assert "/sitemap.xml" in site.paths() and "/feed/" in site.paths()


def test_a_home_page_seed_reads_the_sitemaps_named_in_robots_txt(site, tmp_path):
    news_site(site)
    site.route("/", page("Home", [ARTICLE_A]))  # ARTICLE_B is only in the sitemap
    site.route("/robots.txt", Reply(200, f"User-agent: *\nAllow: /\nSitemap: {site.url('/news-map.xml')}\n".encode(),
                                    TEXT))
    urlset = (f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              f'<url><loc>{site.url(ARTICLE_B)}</loc></url></urlset>').encode()
    site.route("/news-map.xml", Reply(200, urlset, XML))
    _, records = crawl(tmp_path, site.url("/"))
    assert sorted(r["url"] for r in records) == [site.url(ARTICLE_A), site.url(ARTICLE_B)]


def test_all_pages_writes_listings_too(site, tmp_path):
    news_site(site)
    _, records = crawl(tmp_path, site.url("/"), all_pages=True)
    assert {site.url("/"), site.url("/section/city/")} <= {r["url"] for r in records}


def test_sitemap_index_with_a_gzipped_child(site, tmp_path):
    news_site(site)
    index = (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f'<sitemap><loc>{site.url("/sitemap-posts.xml.gz")}</loc></sitemap></sitemapindex>').encode()
    child = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f'<url><loc>{site.url(ARTICLE_A)}</loc><lastmod>2024-03-05</lastmod></url>'
             f'<url><loc>{site.url(ARTICLE_B)}</loc><lastmod>2024-03-06</lastmod></url></urlset>').encode()
    site.route("/sitemap_index.xml", Reply(200, index, XML))
    site.route("/sitemap-posts.xml.gz", Reply(200, gzipped(child), (("Content-Type", "application/gzip"),)))
    _, records = crawl(tmp_path, site.url("/sitemap_index.xml"), max_depth=1)
    assert sorted(r["url"] for r in records) == [site.url(ARTICLE_A), site.url(ARTICLE_B)]


def test_sitemap_lastmod_before_the_window_is_not_fetched(site, tmp_path):
    news_site(site)
    urlset = (f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              f'<url><loc>{site.url(ARTICLE_A)}</loc><lastmod>2024-03-05</lastmod></url>'
              f'<url><loc>{site.url(ARTICLE_B)}</loc><lastmod>2024-03-06T10:00:00Z</lastmod></url></urlset>').encode()
    site.route("/sitemap.xml", Reply(200, urlset, XML))
    _, records = crawl(tmp_path, site.url("/sitemap.xml"), max_depth=1, date_from="2024-03-06")
    assert ARTICLE_A not in site.paths()
    assert [r["url"] for r in records] == [site.url(ARTICLE_B)]


def test_date_window_keeps_articles_published_inside_it(site, tmp_path):
    news_site(site)
    _, records = crawl(tmp_path, site.url("/"), date_from="2024-03-06", date_to="2024-03-31")
    assert [r["url"] for r in records] == [site.url(ARTICLE_B)]


def test_rss_and_atom_feeds(site, tmp_path):
    news_site(site)
    rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
           f'<item><title>A</title><link>{site.url(ARTICLE_A)}</link></item></channel></rss>').encode()
    atom = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
            f'<entry><title>B</title><link href="{site.url(ARTICLE_B)}"/></entry></feed>').encode()
    site.route("/rss.xml", Reply(200, rss, (("Content-Type", "application/rss+xml"),)))
    site.route("/atom.xml", Reply(200, atom, (("Content-Type", "application/atom+xml"),)))
    _, records = crawl(tmp_path, site.url("/rss.xml"), site.url("/atom.xml"), max_depth=1)
    assert sorted(r["url"] for r in records) == [site.url(ARTICLE_A), site.url(ARTICLE_B)]


def test_tracking_parameters_and_canonicals_give_one_fetch_and_one_record(site, tmp_path):
    site.route("/", page("Home", [ARTICLE_A + "?utm_source=newsletter&utm_medium=email", ARTICLE_A + "#comments",
                                  ARTICLE_A, "/amp" + ARTICLE_A]))
    site.route(ARTICLE_A, page("Council passes the budget", article=True, canonical=ARTICLE_A))
    site.route("/amp" + ARTICLE_A, page("Council passes the budget", article=True, canonical=site.url(ARTICLE_A),
                                        extra_body="<p>amp version</p>"))
    _, records = crawl(tmp_path, site.url("/"))
    assert site.count(ARTICLE_A) == 1 and site.count("/amp" + ARTICLE_A) == 1
    assert len(records) == 1


def test_links_to_another_host_are_not_followed(site, tmp_path):
    site.route("/", page("Home", [site.url("/elsewhere/", host="localhost"), "/here/"]))
    site.route("/here/", page("Here"))
    crawl(tmp_path, site.url("/"))
    assert "/here/" in site.paths()
    assert all(hit.headers["Host"].startswith("127.0.0.1") for hit in site.hits)


def test_max_pages_and_max_depth_limit_the_crawl(site, tmp_path):
    site.route("/", page("Home", ["/p1/"]))
    site.route("/p1/", page("One", ["/p2/"]))
    site.route("/p2/", page("Two", ["/p3/"]))
    site.route("/p3/", page("Three"))
    crawl(tmp_path / "depth", site.url("/"), max_depth=1)
    assert "/p1/" in site.paths() and "/p2/" not in site.paths()
    site.hits.clear()
    summary, _ = crawl(tmp_path / "pages", site.url("/"), max_pages=2)
    assert [p for p in site.paths() if p.startswith("/p") or p == "/"] == ["/", "/p1/"]
    assert summary.queued >= 1


def test_a_page_started_within_the_budget_is_still_retried(site, tmp_path):
    site.route("/", page("Home", ["/p1/", "/p2/"]))
    site.route("/p1/", [Reply(500, b"oops"), page("One")])
    summary, _ = crawl(tmp_path, site.url("/"), max_pages=2, all_pages=True)
    assert site.count("/p1/") == 2 and "/p2/" not in site.paths()
    assert summary.failed == () and summary.articles_total == 2


def test_link_trap_is_stopped(site, tmp_path):
    def calendar(hit):
        month = int(hit.path.split("=")[1])
        return Reply(200, html_page(f"Month {month}", [f"/calendar?month={month + 1}"]), (("Content-Type", HTML),))
    site.route("/", page("Home", ["/calendar?month=1"]))
    for month in range(1, 400):
        site.route(f"/calendar?month={month}", calendar)
    summary, _ = crawl(tmp_path, site.url("/"), fetch=FAST)
    assert 0 < site.paths().count("/calendar?month=1") and len(site.hits) < 300


def calendar_of_days(site: SiteServer, spelling: str, days: int = 400) -> list[str]:
    """A calendar whose every day links to the next one, its date written as `spelling` says."""
    paths = [spelling.format(day=datetime.date(2024, 1, 1) + datetime.timedelta(days=n)) for n in range(days)]
    for path, following in zip(paths, paths[1:]):
        site.route(path, page("Events of the day", [following]))
    site.route("/", page("Home", [paths[0]]))
    return paths


@pytest.mark.parametrize("spelling", ["/cal/{day:%Y%m%d}/", "/events?date={day:%Y%m%d}"])
def test_a_calendar_of_compact_dates_is_stopped(site, tmp_path, spelling):
    paths = calendar_of_days(site, spelling)
    summary, _ = crawl(tmp_path, site.url("/"))
    assert len([path for path in site.paths() if path in paths]) == 200
    assert summary.dropped["link trap"] == 1


def test_session_ids_in_the_path_give_one_url_a_page(site, tmp_path):
    def home(hit):  # a server that puts a new session id in every link it writes
        return page("Home", [f"/news;jsessionid={time.monotonic_ns()}", f"/(S({time.monotonic_ns()}))/news"])
    site.route("/", home)
    site.route("/news", page("News", ["/"]))
    crawl(tmp_path, site.url("/"))
    assert site.count("/news") == 1 and site.count("/") == 1


def test_link_trap_counts_survive_a_resume(site, tmp_path):
    paths = calendar_of_days(site, "/cal/{day:%Y%m%d}/")
    for budget in (60, 120, 180, 500):  # the crawl stopped by --max-pages three times, then resumed to the end
        crawl(tmp_path, site.url("/"), max_pages=budget)
    assert len([path for path in site.paths() if path in paths]) == 200  # not 200 per run


# --- redirects and failures ---

def test_redirect_chain_is_followed_and_every_hop_archived(site, tmp_path):
    moved = b"<html><body>Moved to <a href='/older'>here</a></body></html>"
    site.route("/old", Reply(301, moved, (("Location", "/older"), ("Content-Type", HTML))))
    site.route("/older", Reply(302, b"", (("Location", site.url(ARTICLE_A)),)))
    site.route(ARTICLE_A, page("Council passes the budget", article=True))
    summary, records = crawl(tmp_path, site.url("/old"), discover=False)
    assert [r["url"] for r in records] == [site.url(ARTICLE_A)]
    hops = [r for r in warc_records(tmp_path) if r[0] == "response" and "robots" not in r[1]]
    assert [hop[2] for hop in hops] == ["301", "302", "200"]
    assert hops[0][4] == moved  # a redirect's own body is archived too
    assert summary.failed == ()
    assert site.count(ARTICLE_A) == 1 and site.count("/old") == 1


def test_redirect_loop_fails(site, tmp_path):
    site.route("/a", Reply(302, b"", (("Location", "/b"),)))
    site.route("/b", Reply(302, b"", (("Location", "/a"),)))
    summary, _ = crawl(tmp_path, site.url("/a"), discover=False)
    assert len(summary.failed) == 1 and "redirect loop" in summary.failed[0][1]
    assert site.count("/a") + site.count("/b") <= 3 * 2


def test_redirect_to_another_host_in_scope_is_queued_as_a_new_url(site, tmp_path):
    site.route("/moved", Reply(301, b"", (("Location", site.url("/new-home/", host="localhost")),)))
    site.route("/new-home/", page("New home"))
    summary, records = crawl(tmp_path, site.url("/moved"), discover=False, scope="any")
    assert [r["url"] for r in records] == [site.url("/new-home/", host="localhost")]
    assert summary.failed == ()


# --- one gate for every URL: redirects, robots.txt Sitemap lines, requisites ---

def test_a_redirect_out_of_scope_is_neither_fetched_nor_written(site, tmp_path):
    # a page of the allowed host sends the crawler to another host: only the redirect itself is archived
    site.route("/", page("Home", ["/go/"]))
    site.route("/go/", Reply(302, b"", (("Location", site.url("/2024/03/05/elsewhere/", host="localhost")),)))
    site.route("/2024/03/05/elsewhere/", page("Elsewhere", article=True))
    summary, records = crawl(tmp_path, site.url("/"))
    assert all(hit.headers["Host"].startswith("127.0.0.1") for hit in site.hits) and records == []
    assert [r[2] for r in responses(tmp_path, site.url("/go/"))] == ["302"]
    assert summary.dropped["other host (--scope host)"] == 1 and summary.failed == ()


def test_a_redirect_within_the_host_passes_include_exclude_and_the_trap_checks(site, tmp_path):
    site.route("/", page("Home", ["/a/", "/b/"]))
    site.route("/a/", Reply(302, b"", (("Location", "/private/x/"),)))  # followed at once, within the origin
    site.route("/b/", Reply(302, b"", (("Location", "/x/" * 4),)))  # a looping path
    site.route("/private/x/", page("Private", article=True))
    summary, records = crawl(tmp_path, site.url("/"), exclude="/private/")
    assert "/private/x/" not in site.paths() and not any(path.startswith("/x/") for path in site.paths())
    assert records == [] and summary.dropped["--exclude"] == 1 and summary.dropped["link trap"] == 1


def test_a_robots_sitemap_line_naming_another_host_is_not_fetched(site, tmp_path):
    elsewhere = site.url("/their-sitemap.xml", host="localhost")
    site.route("/robots.txt", Reply(200, f"User-agent: *\nSitemap: {elsewhere}\n".encode(), TEXT))
    site.route("/", page("Home"))
    site.route("/their-sitemap.xml", Reply(200, b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', XML))
    summary, _ = crawl(tmp_path, site.url("/"))
    assert "/their-sitemap.xml" not in site.paths() and summary.dropped["other host (--scope host)"] == 1


def test_page_requisites_on_another_host_follow_the_scope(site, tmp_path):
    cdn = site.url("/cdn/photo.jpg", host="localhost")
    site.route(ARTICLE_A, page("Council passes the budget", article=True, extra_body=f'<img src="{cdn}">'))
    site.route("/cdn/photo.jpg", Reply(200, b"\xff\xd8\xff", (("Content-Type", "image/jpeg"),)))
    crawl(tmp_path / "host", site.url(ARTICLE_A), page_requisites=True)
    assert "/cdn/photo.jpg" not in site.paths()
    crawl(tmp_path / "any", site.url(ARTICLE_A), page_requisites=True, scope="any")
    assert "/cdn/photo.jpg" in site.paths()


def test_404_is_a_recorded_failure_with_a_log_line(site, tmp_path):
    site.route("/", page("Home", ["/gone/"]))
    summary, _ = crawl(tmp_path, site.url("/"))
    assert summary.failed == ((site.url("/gone/"), "HTTP 404 Not Found"),)
    assert summary.exit_status == 1
    errors = read_jsonl(tmp_path / "errors.jsonl")
    assert [(e["url"], e["reason"]) for e in errors] == [(site.url("/gone/"), "HTTP 404 Not Found")]
    assert site.count("/gone/") == 1  # a 404 is not retried
    assert responses(tmp_path, site.url("/gone/"))[0][2] == "404"


def test_500_that_recovers_is_retried(site, tmp_path):
    site.route(ARTICLE_A, [Reply(500, b"oops"), Reply(503, b"busy"), page("Council passes the budget", article=True)])
    summary, records = crawl(tmp_path, site.url(ARTICLE_A), discover=False)
    assert len(records) == 1 and summary.failed == ()
    assert [r[2] for r in responses(tmp_path, site.url(ARTICLE_A))] == ["500", "503", "200"]


def test_500_forever_fails_after_the_retries(site, tmp_path):
    site.route("/broken", Reply(500, b"oops"))
    summary, _ = crawl(tmp_path, site.url("/broken"), discover=False)
    assert site.count("/broken") == RETRY.retries + 1
    assert summary.failed == ((site.url("/broken"), "HTTP 500 Internal Server Error"),)


# --- failures retried by the next run ---

def test_the_next_run_retries_what_failed_for_a_reason_that_can_pass(site, tmp_path, capsys):
    site.route("/", page("Home", [ARTICLE_A, "/gone/"]))
    site.route(ARTICLE_A, Reply(503, b"busy"))
    summary, _ = crawl(tmp_path, site.url("/"))
    assert {url for url, _ in summary.failed} == {site.url(ARTICLE_A), site.url("/gone/")}
    news_site_articles(site)  # the server is back
    status = cli_main(["crawl", site.url("/"), "--out", str(tmp_path), "--delay", "0"])
    out = capsys.readouterr().out
    assert status == 1 and "1 URL that failed in an earlier run retried" in out
    assert [r["url"] for r in read_jsonl(tmp_path / "articles.jsonl")] == [site.url(ARTICLE_A)]
    assert site.count("/gone/") == 1  # a 404 is not retried, by this run or any other
    errors = read_jsonl(tmp_path / "errors.jsonl")
    assert [e["attempts"] for e in errors if e["url"] == site.url(ARTICLE_A)] == [RETRY.retries + 1]


def test_a_site_whose_robots_txt_was_unreachable_is_asked_again_by_the_next_run(site, tmp_path):
    site.route("/robots.txt", Reply(503, b"down", TEXT))
    site.route("/", page("Home", [ARTICLE_A]))
    news_site_articles(site)
    first, _ = crawl(tmp_path, site.url("/"))
    assert "/" not in site.paths() and first.unreached and first.exit_status == 1
    site.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n", TEXT))
    second, records = crawl(tmp_path, site.url("/"))
    assert second.retried == 1 and second.failed == () and [r["url"] for r in records] == [site.url(ARTICLE_A)]


def test_a_failure_is_retried_in_a_limited_number_of_runs(site, tmp_path):
    site.route("/broken", Reply(500, b"oops"))
    runs = RetryPolicy(retries=0, runs=3)
    retried = [crawl(tmp_path, site.url("/broken"), discover=False, retry=runs)[0].retried for _ in range(5)]
    assert retried == [0, 1, 1, 0, 0] and site.count("/broken") == 3


def test_429_waits_for_retry_after(site, tmp_path):
    site.route("/busy", [Reply(429, b"slow down", (("Retry-After", "1"),)), page("Finally")])
    summary, records = crawl(tmp_path, site.url("/busy"), discover=False)
    first, second = [hit.time for hit in site.hits if hit.path == "/busy"]
    assert second - first >= 0.95
    assert len(records) == 1


def test_retry_after_holds_the_whole_host(site, tmp_path):
    site.route("/busy", [Reply(429, b"slow down", (("Retry-After", "1"),)), page("Finally")])
    site.route("/other", page("Other"))
    crawl(tmp_path, site.url("/busy"), site.url("/other"), discover=False)
    refused = next(hit.time for hit in site.hits if hit.path == "/busy")
    assert next(hit.time for hit in site.hits if hit.path == "/other") - refused >= 0.95


def test_a_dripping_response_is_cut_at_the_total_deadline(site, tmp_path):
    site.route("/drip", Reply(200, drip(b"<html>" + b"x" * 100, every=0.1), (("Content-Type", HTML),)))
    policy = FetchPolicy(connect_timeout=1, read_timeout=1, total_timeout=0.5)
    started = time.monotonic()
    summary, _ = crawl(tmp_path, site.url("/drip"), discover=False, fetch=policy, retry=RetryPolicy(retries=1, backoff=0.05))
    assert time.monotonic() - started < 4
    assert len(summary.failed) == 1 and summary.failed[0][1].startswith("timeout")
    assert site.count("/drip") == 2


def test_dripping_headers_are_cut_at_the_total_deadline_too(site, tmp_path):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 100
    site.route("/tarpit", Reply(raw=drip(head, every=0.1)))
    policy = FetchPolicy(connect_timeout=1, read_timeout=1, total_timeout=0.5)
    started = time.monotonic()
    summary, _ = crawl(tmp_path, site.url("/tarpit"), discover=False, fetch=policy, retry=RetryPolicy(retries=0))
    assert time.monotonic() - started < 3
    assert summary.failed == ((site.url("/tarpit"), "timeout: response took longer than 0.5 s"),)


def test_a_response_slower_than_the_read_timeout_fails(site, tmp_path):
    site.route("/slow", Reply(200, iter([1.5, b"<html>late</html>"]), (("Content-Type", HTML),), length=17))
    policy = FetchPolicy(connect_timeout=1, read_timeout=0.5, total_timeout=5)
    summary, _ = crawl(tmp_path, site.url("/slow"), discover=False, fetch=policy, retry=RetryPolicy(retries=0))
    assert len(summary.failed) == 1 and summary.failed[0][1].startswith("timeout")


def test_a_50_mb_body_stops_at_the_cap(site, tmp_path):
    size = 50 * 2**20
    site.route("/huge", Reply(200, generated(size), (("Content-Type", HTML),), length=size))
    started = time.monotonic()
    summary, records = crawl(tmp_path, site.url("/huge"), discover=False)
    assert time.monotonic() - started < 10
    assert records == [] and "cap" in summary.failed[0][1]
    [record] = responses(tmp_path, site.url("/huge"))
    assert record[3].get_header("WARC-Truncated") == "length"
    assert len(record[4]) == FAST.max_bytes


def test_a_decompression_bomb_stops_at_the_cap(site, tmp_path):
    bomb = gzipped(b"\0" * (200 * 2**20))  # 200 MB of zeros in about 200 KB
    site.route("/bomb", Reply(200, bomb, (("Content-Type", HTML), ("Content-Encoding", "gzip"))))
    summary, records = crawl(tmp_path, site.url("/bomb"), discover=False)
    assert records == [] and "once decoded" in summary.failed[0][1]


def test_gzip_and_brotli_bodies_are_archived_as_received_and_decoded_for_extraction(site, tmp_path):
    html_a = html_page("Council passes the budget", article=True)
    html_b = html_page("Library hours extended", article=True)
    site.route(ARTICLE_A, Reply(200, gzipped(html_a), (("Content-Type", HTML), ("Content-Encoding", "gzip"))))
    site.route(ARTICLE_B, Reply(200, brotlied(html_b), (("Content-Type", HTML), ("Content-Encoding", "br"))))
    _, records = crawl(tmp_path, site.url(ARTICLE_A), site.url(ARTICLE_B), discover=False)
    assert {r["title"] for r in records} == {"Council passes the budget", "Library hours extended"}
    assert responses(tmp_path, site.url(ARTICLE_A))[0][4] == gzipped(html_a)
    assert responses(tmp_path, site.url(ARTICLE_B))[0][4] == brotlied(html_b)
    with (tmp_path / "warc" / records[0]["archive"]["warc_file"]).open("rb") as stream:
        stream.seek(records[0]["archive"]["offset"])
        record = next(iter(ArchiveIterator(stream)))
        assert b"Council passes the budget" in record.content_stream().read()  # warcio decodes it too


def test_a_chunked_response_is_archived_readably(site, tmp_path):
    html = html_page("Chunked", article=True)
    site.route("/chunked", Reply(200, [html[:100], html[100:]], (("Content-Type", HTML),)))
    _, records = crawl(tmp_path, site.url("/chunked"), discover=False)
    assert records[0]["title"] == "Chunked"
    assert responses(tmp_path, site.url("/chunked"))[0][4] == html
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, (tmp_path / "warc").iterdir())],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_a_pdf_is_archived_but_not_extracted(site, tmp_path):
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    site.route("/", page("Home", ["/report.pdf"]))
    site.route("/report.pdf", Reply(200, pdf, (("Content-Type", "application/pdf"),)))
    summary, records = crawl(tmp_path, site.url("/"), all_pages=True)
    assert [r["url"] for r in records] == [site.url("/")]
    assert responses(tmp_path, site.url("/report.pdf"))[0][4] == pdf
    assert summary.failed == ()


@pytest.mark.parametrize("body, content_type", [
    # the HTTP charset wins over a wrong <meta charset>, as in browsers
    ("<html><head><meta charset='utf-8'><title>Déjà vu à Zürich</title></head><body><p>Ça va.</p></body></html>"
     .encode("cp1252"), "text/html; charset=windows-1252"),
    # no HTTP charset: the <meta> one is used
    ("<html><head><meta charset='windows-1251'><title>Новости дня</title></head><body><p>Текст.</p></body></html>"
     .encode("cp1251"), "text/html"),
    # no charset anywhere: detected
    ("<html><head><title>Déjà vu à Zürich</title></head><body><p>Ça va très bien.</p></body></html>"
     .encode(), "text/html"),
])
def test_charsets_from_the_http_header_the_page_or_detection(site, tmp_path, body, content_type):
    site.route("/page", Reply(200, body, (("Content-Type", content_type),)))
    _, records = crawl(tmp_path, site.url("/page"), discover=False)
    assert records[0]["title"] in ("Déjà vu à Zürich", "Новости дня")


# --- archive ---

def test_warc_files_read_back_with_warcio(site, tmp_path):
    news_site(site)
    _, records = crawl(tmp_path, site.url("/"))
    kinds = [r[0] for r in warc_records(tmp_path)]
    assert kinds[0] == "warcinfo"
    assert kinds.count("request") == kinds.count("response") + kinds.count("revisit")
    info = warc_records(tmp_path)[0][4].decode()
    assert "software: scraper/" in info and "http-header-user-agent" in info
    for tool in ("check", "index"):
        run = subprocess.run([sys.executable, "-m", "warcio.cli", tool, *map(str, (tmp_path / "warc").iterdir())],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    for record in records:  # every pointer leads to the response record it names
        pointer = record["archive"]
        with (tmp_path / "warc" / pointer["warc_file"]).open("rb") as stream:
            stream.seek(pointer["offset"])
            assert len(stream.read(pointer["length"])) == pointer["length"]
            stream.seek(pointer["offset"])
            warc = next(iter(ArchiveIterator(stream)))
        assert warc.rec_headers.get_header("WARC-Record-ID") == pointer["record_id"]
        assert warc.rec_headers.get_header("WARC-Target-URI") == record["url"]
        assert warc.rec_headers.get_header("WARC-Date") == record["fetched_at"] == pointer["capture_timestamp"]
        assert warc.rec_headers.get_header("WARC-Payload-Digest") == pointer["payload_digest"]
        assert record["fetched_at"].endswith("Z") and len(record["fetched_at"]) == 20


def test_request_records_carry_a_well_formed_request_line(site, tmp_path):
    site.route("/story?page=2", page("Story", [], article=True))
    crawl(tmp_path, site.url("/story?page=2"), discover=False)
    requests_read = []
    for path in (tmp_path / "warc").glob("*.warc.gz"):
        with path.open("rb") as stream:
            requests_read += [(r.rec_headers.get_header("WARC-Target-URI"), r.http_headers)
                              for r in ArchiveIterator(stream) if r.rec_type == "request"]
    lines = {uri: (headers.protocol, headers.statusline) for uri, headers in requests_read}
    # warcio reads a request line as method (its "protocol") and "target version" (its status line)
    assert lines[site.url("/robots.txt")] == ("GET", "/robots.txt HTTP/1.1")
    assert lines[site.url("/story?page=2")] == ("GET", "/story?page=2 HTTP/1.1")
    for _, headers in requests_read:
        assert headers.get_header("User-Agent", "").startswith("scraper/")


def test_a_repeated_payload_becomes_a_revisit_record(site, tmp_path):
    same = html_page("Same bytes", article=True)
    site.route("/one", Reply(200, same, (("Content-Type", HTML),)))
    site.route("/two", Reply(200, same, (("Content-Type", HTML),)))
    _, records = crawl(tmp_path, site.url("/one"), site.url("/two"), discover=False)
    [revisit] = [r for r in warc_records(tmp_path) if r[0] == "revisit"]
    assert revisit[1] == site.url("/two")
    assert revisit[3].get_header("WARC-Refers-To-Target-URI") == site.url("/one")
    assert [r["url"] for r in records] == [site.url("/one")]


def test_warc_files_rotate_at_the_size_limit(site, tmp_path):
    news_site(site)
    crawl(tmp_path, site.url("/"), warc_max_bytes=2000)
    files = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert len(files) > 2
    for path in files:
        with path.open("rb") as stream:
            assert next(iter(ArchiveIterator(stream))).rec_type == "warcinfo"


def test_page_requisites_are_archived_for_articles(site, tmp_path):
    site.route(ARTICLE_A, page("Council passes the budget", article=True,
                               extra_head='<link rel="stylesheet" href="/style.css"><script src="/app.js"></script>',
                               extra_body='<img src="/photo.jpg" alt="The council">'))
    site.route("/style.css", Reply(200, b"body{color:black}", (("Content-Type", "text/css"),)))
    site.route("/app.js", Reply(200, b"console.log(1)", (("Content-Type", "application/javascript"),)))
    site.route("/photo.jpg", Reply(200, b"\xff\xd8\xff\xe0fakejpeg", (("Content-Type", "image/jpeg"),)))
    crawl(tmp_path / "without", site.url(ARTICLE_A), discover=False)
    assert not {"/style.css", "/app.js", "/photo.jpg"} & set(site.paths())
    crawl(tmp_path / "with", site.url(ARTICLE_A), discover=False, page_requisites=True)
    for path in ("/style.css", "/app.js", "/photo.jpg"):
        assert responses(tmp_path / "with", site.url(path)), path


# --- state ---

def test_a_different_seed_on_the_same_folder_is_refused(site, tmp_path):
    site.route("/", page("Home"))
    site.route("/other/", page("Other"))
    crawl(tmp_path, site.url("/"))
    with pytest.raises(UsageError, match="new folder") as refusal:
        crawl(tmp_path, site.url("/other/"))
    assert f"seeds differ: stored [{site.url('/')}] vs given [{site.url('/other/')}]" in str(refusal.value)
    assert "None" not in str(refusal.value)
    assert cli_main(["crawl", site.url("/other/"), "--out", str(tmp_path), "--quiet"]) == 2


def test_a_different_include_or_exclude_on_resume_is_refused_saying_what_differs(site, tmp_path, capsys):
    site.route("/", page("Home"))
    crawl(tmp_path, site.url("/"))
    status = cli_main(["crawl", site.url("/"), "--out", str(tmp_path), "--quiet", "--exclude", "/tag/"])
    message = capsys.readouterr().err
    assert status == 2
    assert "--exclude differs: stored none vs given '/tag/'" in message
    assert "seeds" not in message.split("Resuming")[0] and "None" not in message
    with pytest.raises(UsageError, match=r"--scope differs: stored 'host' vs given 'domain'"):
        crawl(tmp_path, site.url("/"), scope="domain")


def test_running_again_resumes_without_refetching_or_duplicating(site, tmp_path):
    news_site(site)
    crawl(tmp_path, site.url("/"), max_pages=2)
    first = site.paths()
    summary, records = crawl(tmp_path, site.url("/"), delay=0.01)  # limits may change on resume
    assert summary.resumed
    assert sorted(r["url"] for r in records) == [site.url(ARTICLE_A), site.url(ARTICLE_B)]
    pages = [p for p in site.paths() if p in ("/", ARTICLE_A, ARTICLE_B, "/section/city/")]
    assert sorted(pages) == sorted(set(pages))  # each page fetched once over both runs
    assert first[0] == "/robots.txt"


# --- command line ---

def test_every_option_of_every_command_has_an_example(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")  # no line wrapping inside option names
    for command in ("crawl", "fetch", "parse", "wayback", "demo"):
        with pytest.raises(SystemExit):
            cli_main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        options = {word.strip("[],.;:()") for word in text.split() if word.startswith("--")} - {"--help"}
        assert options, command
        for option in options:
            assert f"e.g. {option}" in text or f"e.g. --{option.lstrip('-')}" in text, (command, option)
        assert "example" in text


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["crawl", "http://example.com/"])  # no --out
    assert exit_info.value.code == 2
    assert cli_main(["crawl", "mailto:someone@example.com", "--out", str(tmp_path)]) == 2
    assert cli_main(["crawl", "http://example.com/", "--out", str(tmp_path / "x"), "--include", "("]) == 2


def test_an_inverted_date_range_is_a_usage_error(tmp_path, capsys):
    status = cli_main(["crawl", "http://example.com/", "--out", str(tmp_path / "x"),
                       "--from", "2024-06-01", "--to", "2024-01-01"])
    assert status == 2 and "--from 2024-06-01 is after --to 2024-01-01" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()  # refused before anything is written
    with pytest.raises(UsageError, match="is after"):
        crawl(tmp_path / "y", "http://example.com/", date_from="2024-06-01", date_to="2024-01-01")


@pytest.mark.parametrize("option, value, expected", [
    ("--delay", "abc", "argument --delay: not a number: 'abc'"),
    ("--delay", "nan", "argument --delay: not a number: 'nan'"),
    ("--max-pages", "ten", "argument --max-pages: not a whole number: 'ten'"),
    ("--delay", "-1", "argument --delay: must be 0 or more, not -1"),
])
def test_bad_option_values_are_explained_in_words(tmp_path, capsys, option, value, expected):
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["crawl", "http://example.com/", "--out", str(tmp_path), option, value])
    error = capsys.readouterr().err
    assert exit_info.value.code == 2 and expected in error and "_float" not in error and "_int" not in error


def test_ctrl_c_outside_a_crawl_exits_130_without_a_traceback(tmp_path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr("scraper.cli.parse.run_parse", interrupted)
    (tmp_path / "page.html").write_text("<p>hello</p>")
    assert cli_main(["parse", str(tmp_path / "page.html"), "--out", str(tmp_path / "out.jsonl")]) == 130
    error = capsys.readouterr().err
    assert "Ctrl-C" in error and "Traceback" not in error


def test_max_pages_counts_pages_over_the_whole_crawl_listed_articles_first(site, tmp_path, capsys):
    site.route("/robots.txt", Reply(200, f"User-agent: *\nSitemap: {site.url('/sitemap.xml')}\n".encode(), TEXT))
    site.route("/", page("Home", ["/section/city/", "/section/arts/", "/section/sport/"]))
    for section in ("city", "arts", "sport"):
        site.route(f"/section/{section}/", page(section.title(), ["/"]))
    news_site_articles(site)
    urlset = (f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{site.url(ARTICLE_A)}</loc>'
              f'</url><url><loc>{site.url(ARTICLE_B)}</loc></url></urlset>').encode()
    site.route("/sitemap.xml", Reply(200, urlset, XML))
    # the home page and the two articles its sitemap lists: not the section pages it links to
    status = cli_main(["crawl", site.url("/"), "--out", str(tmp_path), "--max-pages", "3", "--delay", "0.05"])
    out = capsys.readouterr().out
    assert status == 0
    assert sorted(r["url"] for r in read_jsonl(tmp_path / "articles.jsonl")) == [site.url(ARTICLE_A),
                                                                                 site.url(ARTICLE_B)]
    assert not [p for p in site.paths() if p.startswith("/section/")]
    assert "--max-pages 3 reached: 3 pages fetched over the whole crawl" in out
    # a resume with the same limit fetches no more pages: the limit is the crawl's, not the run's
    site.hits.clear()
    assert cli_main(["crawl", site.url("/"), "--out", str(tmp_path), "--max-pages", "3", "--quiet"]) == 0
    assert not [p for p in site.paths() if p.startswith("/section/")]
    summary, _ = crawl(tmp_path, site.url("/"), max_pages=4)
    assert [p for p in site.paths() if p.startswith("/section/")] == ["/section/city/"]
    assert summary.pages_counted == 4


def test_cli_crawl_prints_a_summary_and_exits_1_on_failures(site, tmp_path, capsys):
    site.route("/", page("Home", ["/gone/"]))
    status = cli_main(["crawl", site.url("/"), "--out", str(tmp_path), "--delay", "0", "--retries", "0"])
    out = capsys.readouterr().out
    assert status == 1
    assert "1 failed" in out and site.url("/gone/") in out and "articles.jsonl" in out


def test_fetch_writes_each_page_without_following_links(site, tmp_path):
    news_site(site)
    assert cli_main(["fetch", site.url("/"), "--out", str(tmp_path), "--delay", "0", "--quiet"]) == 0
    assert set(site.paths()) == {"/robots.txt", "/"}
    assert [r["url"] for r in read_jsonl(tmp_path / "articles.jsonl")] == [site.url("/")]


def test_parse_of_the_crawl_warcs_gives_the_same_records(site, tmp_path):
    news_site(site)
    latin = html_page("Déjà vu à Zürich", article=True).decode()  # its <meta> says utf-8: the header wins
    site.route("/", page("Home", [ARTICLE_A, ARTICLE_B, "/2024/03/07/zurich-story/", "/2024/03/08/zipped/"]))
    site.route("/2024/03/07/zurich-story/", Reply(200, latin.encode("cp1252"),
                                                  (("Content-Type", "text/html; charset=windows-1252"),)))
    site.route("/2024/03/08/zipped/", Reply(200, gzipped(html_page("Zipped story", article=True)),
                                            (("Content-Type", HTML), ("Content-Encoding", "gzip"))))
    _, crawled = crawl(tmp_path / "crawl", site.url("/"))
    assert len(crawled) == 4
    assert cli_main(["parse", str(tmp_path / "crawl" / "warc"), "--out", str(tmp_path / "parsed.jsonl")]) == 0
    parsed = read_jsonl(tmp_path / "parsed.jsonl")

    def comparable(record: dict) -> dict:  # the pointer's source says who read the record: "crawl" or "warc"
        return {**record, "archive": {**record["archive"], "source": None}}
    assert sorted(map(comparable, parsed), key=lambda r: r["url"]) == sorted(map(comparable, crawled),
                                                                           key=lambda r: r["url"])


def test_a_page_fetched_again_after_a_crash_gives_the_record_of_its_first_capture(site, tmp_path):
    news_site(site)
    _, records = crawl(tmp_path, site.url("/"))
    articles = tmp_path / "articles.jsonl"
    lines = articles.read_text(encoding="utf-8").splitlines(keepends=True)
    lost = json.loads(lines[-1])
    # as if killed after archiving the page but before its record was written and its URL closed
    articles.write_text("".join(lines[:-1]), encoding="utf-8")
    with sqlite3.connect(tmp_path / "state.sqlite") as db:
        db.execute("UPDATE urls SET state = 'in-flight' WHERE url = ?", (lost["url"],))
        db.execute("DELETE FROM written")
    time.sleep(1.1)  # the second capture gets a later WARC-Date
    crawl(tmp_path, site.url("/"))
    assert read_jsonl(articles)[-1] == lost  # same capture date, same pointer: the first capture's
    [revisit] = [r for r in warc_records(tmp_path) if r[0] == "revisit" and r[1] == lost["url"]]
    assert revisit[3].get_header("WARC-Refers-To-Date") == lost["fetched_at"]


def test_a_crawl_leaves_the_logging_configuration_as_it_found_it(site, tmp_path):
    logger = logging.getLogger("scraper")
    level, handlers = logger.level, list(logger.handlers)
    site.route("/", html_page("Home"))
    crawl(tmp_path, site.url("/"))
    assert logger.level == level and logger.handlers == handlers
    assert (tmp_path / "crawl.log").exists()


def test_the_crawl_log_ends_with_a_readable_summary_line(site, tmp_path):
    news_site(site)
    assert cli_main(["crawl", site.url("/"), "--out", str(tmp_path), "--delay", "0", "--quiet"]) == 0
    last = (tmp_path / "crawl.log").read_text(encoding="utf-8").splitlines()[-1]
    assert "Summary(" not in last and "PosixPath" not in last
    assert "crawl finished in" in last and "2 articles written (2 in all), 0 failed" in last


def test_a_stop_waits_for_the_page_being_read_not_for_those_queued_behind_it(site, tmp_path, monkeypatch):
    stories = [f"/2024/03/05/story-{n}/" for n in range(12)]
    site.route("/", page("Home", stories))
    for path in stories:
        site.route(path, page("Story " + path, article=True))
    reads = []

    def slow_reading(*args, **kwargs):  # as a page whose extraction takes its whole time budget
        reads.append(time.monotonic())
        time.sleep(0.4)
        return read_response(*args, **kwargs)
    monkeypatch.setattr("scraper.crawler.engine.read_response", slow_reading)
    stopped = []

    def ctrl_c() -> None:  # with pages queued to be read
        stopped.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)
    stopper = threading.Timer(1.5, ctrl_c)
    stopper.start()
    summary, records = crawl(tmp_path, site.url("/"), concurrency=4)
    ended = time.monotonic()
    stopper.join()
    assert summary.interrupted and summary.exit_status == 130 and len(records) < len(stories)
    # the page in hand when the stop is acted on is read (the reader may have taken it as the signal came); no other
    assert len([read for read in reads if read > stopped[0]]) <= 1
    assert ended - stopped[0] < 1.5  # 8 pages were waiting for the reader: 3.2 s had they been read
    monkeypatch.undo()
    summary, records = crawl(tmp_path, site.url("/"))
    assert summary.failed == () and sorted(r["url"] for r in records) == sorted(site.url(p) for p in stories)


def test_an_endless_chain_of_sitemap_indexes_is_stopped_by_the_listing_budget(site, tmp_path, capsys):
    def index(number: int) -> Reply:  # each index names the next one
        return Reply(200, (f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>'
                           f'{site.url(f"/maps/{number + 1}.xml")}</loc></sitemap></sitemapindex>').encode(), XML)
    for number in range(300):
        site.route(f"/maps/{number}.xml", index(number))
    status = cli_main(["crawl", site.url("/maps/0.xml"), "--out", str(tmp_path), "--max-pages", "5", "--delay", "0"])
    out = capsys.readouterr().out
    read = len([path for path in site.paths() if path.startswith("/maps/")])
    assert status == 0 and read == 1 + 20  # the seed, then 20 + 5 // 10 sitemaps and feeds for 5 pages
    assert "1 sitemap or feed left unread: the budget of 20 is spent" in out
    cli_main(["crawl", site.url("/maps/0.xml"), "--out", str(tmp_path), "--max-listings", "30", "--delay", "0", "--quiet"])
    assert len([path for path in site.paths() if path.startswith("/maps/")]) == 1 + 30  # counted over the crawl


def test_the_listing_budget_follows_max_pages_and_counts_bytes_too():
    assert ListingLimits.for_crawl(5, None).listings == 20 and ListingLimits.for_crawl(1000, None).listings == 120
    assert ListingLimits.for_crawl(None, None).listings == 10_000 and ListingLimits.for_crawl(5, 3).listings == 3
    limits = ListingLimits.for_crawl(None, 100)
    assert limits.bytes == 100 * 5 * 2**20
    assert ListingBudget(limits, started=99, received=0).room() == 1
    assert ListingBudget(limits, started=10, received=limits.bytes).room() == 0  # the bytes are spent first


# --- a new user's first hour: the summary says why nothing was written ---

def test_a_crawl_that_writes_nothing_says_what_each_filter_dropped(site, tmp_path, capsys):
    site.route("/", page("Home", [ARTICLE_A, ARTICLE_B, "/tag/eu/", site.url("/x/", host="localhost")]))
    news_site_articles(site)
    status = cli_main(["crawl", site.url("/"), "--out", str(tmp_path), "--delay", "0", "--include", "/2024/",
                       "--exclude", "/03/06/", "--from", "2025"])
    out = capsys.readouterr().out
    assert status == 0 and read_jsonl(tmp_path / "articles.jsonl") == []
    dropped = out.split("not followed in this run (distinct URLs, by what stopped them): ")[1].splitlines()[0]
    assert set(dropped.split(", ")) == {"2 --include", "1 --exclude", "1 other host (--scope host)"}  # /tag/eu/ and /
    assert "not written: 1 article published outside --from/--to" in out
    assert "no article written: the filters and the scope kept out what the crawl found" in out


def test_a_crawl_that_never_reached_the_site_says_so_plainly(tmp_path, capsys):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    status = cli_main(["crawl", f"http://127.0.0.1:{port}/", "--out", str(tmp_path / "new"), "--delay", "0"])
    out = capsys.readouterr().out
    assert status == 1 and time.monotonic() - started < 5  # two quick retries, not the backoff schedule
    assert f"not reached: http://127.0.0.1:{port} (connection refused" in out and "3 attempts" in out
    assert "no article written: the site was not reached" in out
    assert "snapshots:" not in out and not (tmp_path / "new" / "warc").exists()  # no folder named that was not made
    [error] = read_jsonl(tmp_path / "new" / "errors.jsonl")
    assert error["attempts"] == 3 and error["reason"].startswith("site not reached")
