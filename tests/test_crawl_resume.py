"""Crash safety: `scraper crawl` killed with SIGKILL (or stopped with Ctrl-C) and run again writes
every article exactly once, and leaves WARC files that warcio reads to the end."""
from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from httpserver import Reply, SiteServer, html_page
from warcio.archiveiterator import ArchiveIterator

from scraper.archive.jsonl import repair_torn_tail

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 80
LISTING_PAGES = 4
RESPONSE_DELAY = 0.02  # slow enough that a kill lands mid-crawl, fast enough for a short test


def article_path(number: int) -> str:
    return f"/2024/03/{number % 28 + 1:02d}/story-number-{number}/"


@pytest.fixture
def site():
    """A news site: listing pages linking to 40 articles, each served a little slowly."""
    with SiteServer() as server:
        server.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n", (("Content-Type", "text/plain"),)))
        per_page = ARTICLES // LISTING_PAGES
        for index in range(LISTING_PAGES):
            links = [article_path(n) for n in range(index * per_page, (index + 1) * per_page)]
            links += [f"/page/{index + 2}/"] if index + 1 < LISTING_PAGES else []
            server.route("/" if index == 0 else f"/page/{index + 1}/", slow(html_page(f"Page {index + 1}", links)))
        for number in range(ARTICLES):
            server.route(article_path(number), slow(html_page(f"Story number {number}", ["/"], article=True,
                                                             published=f"2024-03-{number % 28 + 1:02d}")))
        yield server


def slow(body: bytes) -> Reply:
    return Reply(200, [RESPONSE_DELAY, body], (("Content-Type", "text/html; charset=utf-8"),), length=len(body))


def crawl_command(site: SiteServer, out: Path) -> list[str]:
    return [sys.executable, "-m", "scraper", "crawl", site.url("/"), "--out", str(out), "--delay", "0",
            "--concurrency", "2", "--timeout", "5", "--retries", "1", "--quiet"]


def start(site: SiteServer, out: Path) -> subprocess.Popen:
    return subprocess.Popen(crawl_command(site, out), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def assert_exactly_once_and_readable(site: SiteServer, out: Path) -> None:
    records = [json.loads(line) for line in lines(out / "articles.jsonl")]
    urls = [record["url"] for record in records]
    assert sorted(urls) == sorted(site.url(article_path(n)) for n in range(ARTICLES))
    assert len(urls) == len(set(urls)) == ARTICLES
    warc_dir = out / "warc"
    for path in warc_dir.iterdir():
        gzip.decompress(path.read_bytes())  # every gzip member complete: raises on a torn one
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                record.content_stream().read()
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, warc_dir.iterdir())],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    for record in records:
        pointer = record["archive"]
        with (warc_dir / pointer["warc_file"]).open("rb") as stream:
            stream.seek(pointer["offset"])
            member = stream.read(pointer["length"])
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        inflater.decompress(member)
        assert inflater.eof and not inflater.unused_data  # exactly one whole gzip member
        with (warc_dir / pointer["warc_file"]).open("rb") as stream:
            stream.seek(pointer["offset"])
            warc = next(iter(ArchiveIterator(stream)))
            assert warc.rec_headers.get_header("WARC-Record-ID") == pointer["record_id"]
            assert warc.rec_headers.get_header("WARC-Target-URI") == record["url"]


def test_kill_9_at_random_moments_then_resume_writes_every_article_once(site, tmp_path):
    out = tmp_path / "crawl"
    rng = random.Random(4)
    written = []
    for _ in range(4):
        process = start(site, out)
        # wait for this run to write something, then kill it at a random moment soon after
        before = len(lines(out / "articles.jsonl"))
        deadline = time.monotonic() + 20
        while len(lines(out / "articles.jsonl")) == before and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.3))
        if process.poll() is not None:
            break
        process.send_signal(signal.SIGKILL)
        process.wait()
        written.append(len(lines(out / "articles.jsonl")))
    assert len(written) >= 2 and 0 < written[0] < ARTICLES, written  # killed mid-crawl, twice at least
    done = subprocess.run(crawl_command(site, out), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert_exactly_once_and_readable(site, out)


def test_torn_tails_left_by_a_crash_are_repaired_on_resume(site, tmp_path):
    out = tmp_path / "crawl"
    subprocess.run(crawl_command(site, out), cwd=ROOT, check=True, timeout=60)
    articles = out / "articles.jsonl"
    last_line = lines(articles)[-1]
    with articles.open("a", encoding="utf-8") as handle:  # a crash in the middle of a line
        handle.write(last_line[: len(last_line) // 2])
    [warc] = sorted((out / "warc").iterdir())[-1:]
    whole = warc.stat().st_size
    member = gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n" + os.urandom(3000))
    with warc.open("ab") as handle:  # a crash in the middle of a gzip member
        handle.write(member[: len(member) // 2])
    with sqlite3.connect(out / "state.sqlite") as db:  # and the last offset commits lost (power loss)
        db.execute("UPDATE warc_files SET committed = 0")
    again = subprocess.run(crawl_command(site, out), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert warc.stat().st_size == whole  # the whole records kept, the torn one cut
    assert_exactly_once_and_readable(site, out)


def test_ctrl_c_stops_cleanly_and_the_next_run_finishes(site, tmp_path):
    out = tmp_path / "crawl"
    process = start(site, out)
    deadline = time.monotonic() + 20
    while len(lines(out / "articles.jsonl")) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 130, stderr
    assert 3 <= len(lines(out / "articles.jsonl")) < ARTICLES
    done = subprocess.run(crawl_command(site, out), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert_exactly_once_and_readable(site, out)


def test_repair_torn_tail_keeps_whole_lines_only(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": ')
    assert repair_torn_tail(path) == len(b'{"c": ')
    assert path.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert repair_torn_tail(path) == 0
    path.write_bytes(b'{"only": "torn')
    repair_torn_tail(path)
    assert path.read_bytes() == b""
