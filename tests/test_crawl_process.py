"""`scraper crawl` as a process: the folder lock, and stopping by Ctrl-C or SIGTERM in every state."""
from __future__ import annotations

import gzip
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from httpserver import HTML, Reply, SiteServer, drip, html_page, page

ROOT = Path(__file__).resolve().parent.parent
TEXT = (("Content-Type", "text/plain"),)
STORIES = [f"/2024/03/05/story-number-{n}/" for n in range(12)]


@pytest.fixture
def site():
    with SiteServer() as server:
        server.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n", TEXT))
        server.route("/", page("Home", STORIES))
        for path in STORIES:
            server.route(path, page("Story " + path, article=True))
        yield server


def crawl_command(site: SiteServer, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "scraper", "crawl", site.url("/"), "--out", str(out), "--quiet", *options]


def start(site: SiteServer, out: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(crawl_command(site, out, *options), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def records(out: Path) -> list[str]:
    path = out / "articles.jsonl"
    return [json.loads(line)["url"] for line in path.read_text().splitlines()] if path.exists() else []


def test_a_second_crawl_on_the_same_folder_is_refused_naming_the_first(site, tmp_path):
    first = start(site, tmp_path, "--delay", "0.15")
    wait_for(lambda: site.count("/") == 1)
    second = subprocess.run(crawl_command(site, tmp_path, "--delay", "0.15"), cwd=ROOT, capture_output=True,
                            text=True, timeout=30)
    assert second.returncode == 2
    assert f"in use by another run (pid {first.pid}, scraper crawl, started " in second.stderr
    assert first.wait(timeout=60) == 0
    times = sorted(hit.time for hit in site.hits)
    assert all(later - earlier >= 0.14 for earlier, later in zip(times, times[1:]))  # one crawler's pace
    assert sorted(records(tmp_path)) == sorted(site.url(path) for path in STORIES)
    assert not (tmp_path / "lock").exists()  # removed when the run ends
    # once the first has ended, the folder is free: the same command resumes it
    assert subprocess.run(crawl_command(site, tmp_path), cwd=ROOT, timeout=30).returncode == 0


def test_a_lock_left_by_a_killed_run_does_not_hold(site, tmp_path):
    first = start(site, tmp_path, "--delay", "0.15")
    wait_for(lambda: (tmp_path / "lock").exists() and site.count("/") == 1)
    first.kill()
    first.wait()
    assert (tmp_path / "lock").exists()  # left behind, but the kernel released the lock with the process
    done = subprocess.run(crawl_command(site, tmp_path, "--delay", "0"), cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert sorted(records(tmp_path)) == sorted(site.url(path) for path in STORIES)


# --- stopping: Ctrl-C and SIGTERM, promptly, in every state; the next run finishes the crawl ---

STOP_LIMIT = 3.0  # seconds from the signal to the exit, on a busy machine (1 s of grace, then the cut)
SLOW = "/2024/03/05/slow-story/"


def stop(process: subprocess.Popen, *signals: int, between: float = 0.2) -> tuple[int, float]:
    """Send the signals; the exit status and the seconds from the first signal to the exit."""
    sent = time.monotonic()
    for number, signum in enumerate(signals):
        process.send_signal(signum)
        if number + 1 < len(signals):
            time.sleep(between)
    status = process.wait(timeout=30)
    return status, time.monotonic() - sent


def assert_resumes_to_the_end(site: SiteServer, out: Path, expected: list[str]) -> None:
    done = subprocess.run(crawl_command(site, out, "--delay", "0"), cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    urls = records(out)
    assert sorted(urls) == sorted(site.url(path) for path in expected) and len(urls) == len(set(urls))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, (out / "warc").iterdir())],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_stopping_while_waiting_on_robots_txt_answering_429(site, tmp_path):
    site.route("/robots.txt", Reply(429, b"slow down", (("Retry-After", "300"),) + TEXT))
    process = start(site, tmp_path, "--delay", "0")
    wait_for(lambda: site.count("/robots.txt") == 1)
    time.sleep(0.5)  # now waiting the 300 s the site asked for
    status, took = stop(process, signal.SIGINT)
    assert status == 130 and took < STOP_LIMIT, took
    site.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n", TEXT))
    assert_resumes_to_the_end(site, tmp_path, STORIES)


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_stopping_while_downloading_a_slow_page(site, tmp_path, signum, status):
    body = html_page("A slow story", article=True)
    site.route(SLOW, Reply(200, drip(body, every=0.05), (("Content-Type", HTML),)))  # 20 s or more
    site.route("/", page("Home", [SLOW]))
    process = start(site, tmp_path, "--timeout", "120", "--delay", "0")
    wait_for(lambda: site.count(SLOW) == 1)
    time.sleep(0.3)
    stopped, took = stop(process, signum)
    assert stopped == status and took < STOP_LIMIT, took
    site.route(SLOW, page("A slow story", article=True))
    assert_resumes_to_the_end(site, tmp_path, [SLOW])
    assert json.loads((tmp_path / "articles.jsonl").read_text())["title"] == "A slow story"


def test_a_second_ctrl_c_stops_at_once(site, tmp_path):
    site.route(SLOW, Reply(200, drip(html_page("A slow story", article=True), every=0.05), (("Content-Type", HTML),)))
    site.route("/", page("Home", [SLOW]))
    process = start(site, tmp_path, "--timeout", "120", "--delay", "0")
    wait_for(lambda: site.count(SLOW) == 1)
    status, took = stop(process, signal.SIGINT, signal.SIGINT, between=0.1)
    assert status == 130 and took < 0.1 + STOP_LIMIT / 2, took  # before the first one's grace is over
    assert "stopped at once" in process.stderr.read()
    site.route(SLOW, page("A slow story", article=True))
    assert_resumes_to_the_end(site, tmp_path, [SLOW])


def test_stopping_while_waiting_between_requests(site, tmp_path):
    process = start(site, tmp_path, "--delay", "30")
    wait_for(lambda: site.count("/robots.txt") == 1)
    time.sleep(0.5)  # the next request to the host is 30 s away
    status, took = stop(process, signal.SIGINT)
    assert status == 130 and took < STOP_LIMIT, took
    assert_resumes_to_the_end(site, tmp_path, STORIES)


# --- memory: a sitemap of 200,000 URLs, read as a stream ---

# The crawl's own (about 50 MB: Python, lxml, the extractors) plus about 110 bytes a URL listed (the
# URL's text, packed once, and the batch being queued): 200,000 URLs stay under this. Before the
# sitemap was read as a stream, its tree and entries took 215 MB.
SITEMAP_URLS = 200_000
PEAK_BOUND_MB = 120
REPORT_PEAK = ("import sys; from scraper.cli import main; status = main(sys.argv[1:]); "
               "print('peak', open('/proc/self/status').read().split('VmHWM:')[1].split()[0], file=sys.stderr); "
               "sys.exit(status)")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc")
def test_a_sitemap_of_200000_urls_is_read_within_a_bounded_memory(tmp_path):
    with SiteServer() as server:
        server.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n", TEXT))
        base = server.url("/").encode()
        urlset = (b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                  + b"".join(b"<url><loc>%s2024/03/05/story-%d/</loc><lastmod>2024-03-05</lastmod></url>\n" % (base, n)
                             for n in range(SITEMAP_URLS)) + b"</urlset>\n")
        server.route("/sitemap.xml.gz", Reply(200, gzip.compress(urlset, 6), (("Content-Type", "application/gzip"),)))
        del urlset
        run = subprocess.run([sys.executable, "-c", REPORT_PEAK, "crawl", server.url("/sitemap.xml.gz"), "--out",
                              str(tmp_path), "--max-pages", "1", "--delay", "0", "--quiet"],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    peak_mb = int(run.stderr.split("peak")[-1].split()[0]) / 1024
    assert peak_mb < PEAK_BOUND_MB, peak_mb
    with sqlite3.connect(tmp_path / "state.sqlite") as db:  # every URL it lists is queued
        assert db.execute("SELECT COUNT(*) FROM urls WHERE kind = 'page'").fetchone()[0] == SITEMAP_URLS
