"""`scraper wayback` against a Wayback Machine of our own on 127.0.0.1 (tests/cdxserver.py).

The archive holds about 300 captures of 40 URLs over three years: pages that change between some
captures and not others (identical captures share a digest), captures that were 404s or
redirects at the time, images, one capture the archive serves by redirecting to its neighbour, and
a CDX server that answers 429 once.
"""
from __future__ import annotations

import base64
import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cdxserver import ArchivedCapture, CdxArchive
from conftest import VALIDATOR
from warcio.archiveiterator import ArchiveIterator

import scraper.sources.wayback as wayback
from scraper.cli import main as cli_main
from scraper.crawler.retry import RetryPolicy
from scraper.sources.cdx import CdxQuery
from scraper.sources.wayback import WaybackConfig, run_wayback

SITE = "https://news.example.com"
ARTICLE_URLS = 36
IMAGE_URLS = 4
FIRST = datetime(2020, 1, 1, tzinfo=UTC)
THREE_YEARS = timedelta(days=3 * 365)
REPO = Path(__file__).resolve().parent.parent


def page(url: str, version: int) -> bytes:
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    paragraphs = "".join(f"<p>Paragraph {n} of {slug}, as it read in version {version}: the council met "
                         f"again and the harbour plan moved on by one more vote.</p>" for n in range(5))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{slug} v{version}</title>"
            f"<meta property='og:type' content='article'></head><body><article><h1>{slug} v{version}</h1>"
            f"{paragraphs}</article></body></html>").encode()


def digest(body: bytes) -> str:
    return base64.b32encode(hashlib.sha1(body).digest()).decode()


def timestamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M%S")


def generated_archive(seed: int = 5) -> list[ArchivedCapture]:
    """~300 captures of 40 URLs over 2020-2022; one capture is served through a redirect."""
    rng = random.Random(seed)
    captures: list[ArchivedCapture] = []
    for number in range(ARTICLE_URLS):
        url = f"{SITE}/2020/story-{number:02d}/"
        version = 0
        moments = sorted(FIRST + timedelta(seconds=rng.randrange(int(THREE_YEARS.total_seconds())))
                         for _ in range(rng.randint(6, 9)))
        for moment in moments:
            if rng.random() < 0.4:
                version += 1  # the page changed; otherwise this capture repeats the last one
            status = rng.choices(["200", "404", "301"], weights=[85, 8, 7])[0]
            body = page(url, version) if status == "200" else b"<html><body>moved or gone</body></html>"
            captures.append(ArchivedCapture(url, timestamp(moment), body, statuscode=status, digest=digest(body)))
    for number in range(IMAGE_URLS):
        url = f"{SITE}/img/photo-{number}.jpg"
        for year in range(3):
            body = b"\xff\xd8\xff" + bytes([number, year]) * 50
            captures.append(ArchivedCapture(url, f"{2020 + year}0601120000", body, mimetype="image/jpeg",
                                            digest=digest(body)))
    # One listed capture the archive serves from a capture 7 seconds later, by a redirect.
    served = next(c for c in captures if c.statuscode == "200" and c.mimetype == "text/html")
    neighbour = timestamp(datetime.strptime(served.timestamp, "%Y%m%d%H%M%S") + timedelta(seconds=7))
    served.redirect_to = neighbour
    captures.append(ArchivedCapture(served.original, neighbour, served.body, digest=served.digest, listed=False))
    return captures


def successful_html(captures: list[ArchivedCapture]) -> list[ArchivedCapture]:
    return [c for c in captures if c.listed and c.statuscode == "200" and c.mimetype == "text/html"]


def served_key(capture: ArchivedCapture) -> tuple[str, str]:
    """(URL, timestamp) of the record a listed capture gives: its redirect target's, if any."""
    return capture.original, capture.redirect_to or capture.timestamp


def config(archive: CdxArchive, out: Path, query: CdxQuery, page_size: int = 40) -> WaybackConfig:
    return WaybackConfig(query, out, archive.cdx_endpoint, archive.replay_endpoint, delay=0,
                         retry=RetryPolicy(retries=4, backoff=0.01, throttle_wait=0.01), page_size=page_size)


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]


def warc_records(out: Path) -> list:
    found = []
    for path in sorted((out / "warc").glob("*.warc.gz")):
        with path.open("rb") as handle:
            found += [(record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                       record.rec_headers.get_header("WARC-Date"))
                      for record in ArchiveIterator(handle)]
    return found


def test_every_successful_html_capture_becomes_one_dated_record(tmp_path, monkeypatch):
    captures = generated_archive()
    expected = successful_html(captures)
    assert 250 <= len(captures) <= 350 and len({c.original for c in captures}) == 40
    extractions = Counter()
    real_extract = wayback.extract

    def counting_extract(page_bytes, url, **kwargs):
        extractions[(url, digest(page_bytes))] += 1
        return real_extract(page_bytes, url, **kwargs)

    monkeypatch.setattr(wayback, "extract", counting_extract)
    with CdxArchive(captures, throttle={3}) as archive:
        summary = run_wayback(config(archive, tmp_path, CdxQuery("news.example.com/", "prefix")))

    # Listing: paged with resume keys, asked for successful HTML only, one 429 waited out.
    assert archive.throttled == 1 and summary.throttled == 1
    pages = -(-len(expected) // 40)
    assert len(archive.cdx_requests) == pages + 1
    for params in archive.cdx_requests:
        assert ("filter", "statuscode:200") in params and ("filter", "mimetype:text/html") in params
    assert sum("resumeKey" in dict(params) for params in archive.cdx_requests) == pages  # + the retried one
    # Fetching: each successful HTML capture once (the redirected one through its neighbour), nothing else.
    asked = Counter(archive.replay_requests)
    redirected = next(c for c in expected if c.redirect_to)
    assert asked[(f"/web/{redirected.redirect_to}", redirected.original)] == 1
    del asked[(f"/web/{redirected.redirect_to}", redirected.original)]
    assert asked == Counter((f"/web/{c.timestamp}", c.original) for c in expected)

    written = records(tmp_path)
    assert summary.records_written == len(written) == len(expected) and not summary.failed
    assert [(r["url"], r["archive"]["capture_timestamp"]) for r in written] == \
        sorted(served_key(c) for c in expected)  # CDX order: by URL, then by time
    by_url = defaultdict(list)
    for record in written:
        VALIDATOR.validate(record)
        assert record["archive"]["source"] == "wayback"
        stamp = record["archive"]["capture_timestamp"]
        assert record["fetched_at"] == datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(
            tzinfo=UTC).isoformat()
        by_url[record["url"]].append(stamp)
    assert all(stamps == sorted(stamps) for stamps in by_url.values())
    redirected_record = next(r for r in written if r["url"] == redirected.original
                             and r["archive"]["capture_timestamp"] == redirected.redirect_to)
    assert redirected_record["title"] == redirected.body.decode().split("<title>")[1].split("<")[0]
    # Identical captures give one record each but are extracted once.
    assert set(extractions.values()) == {1}
    assert len(extractions) == len({(c.original, c.digest) for c in expected}) < len(expected)

    # The WARC files: one response (or revisit) per capture, dated at the capture time.
    archived = [(kind, uri, date) for kind, uri, date in warc_records(tmp_path) if kind in ("response", "revisit")]
    assert sorted((uri, date) for _, uri, date in archived) == sorted(
        (url, f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[8:10]}:{stamp[10:12]}:{stamp[12:]}Z")
        for url, stamp in map(served_key, expected))
    assert Counter(kind for kind, _, _ in archived)["revisit"] == len(expected) - len(extractions)


def test_collapse_drops_adjacent_repeats_across_pages_and_limit_caps_the_total(tmp_path):
    captures = generated_archive()
    url = f"{SITE}/2020/story-03/"
    mine = [c for c in successful_html(captures) if c.original == url]
    kept, last = [], None
    for capture in mine:  # the expected rows: adjacent equal digests collapse
        if capture.digest != last:
            kept.append(capture)
        last = capture.digest
    assert len(kept) < len(mine)
    with CdxArchive(captures) as archive:
        # Two rows a page: runs of repeats straddle page boundaries, which the server forgets.
        summary = run_wayback(config(archive, tmp_path / "digest", CdxQuery(url, collapse="digest"), page_size=2))
        assert [r["archive"]["capture_timestamp"] for r in records(tmp_path / "digest")] == \
            [served_key(c)[1] for c in kept]
        assert summary.captures_listed == len(kept)

        # One capture a year from 2021 on, at most 10 in all, across the host.
        query = CdxQuery("news.example.com", "host", start="2021", end="2022", collapse="timestamp:4", limit=10)
        run_wayback(config(archive, tmp_path / "yearly", query, page_size=4))
        limited = records(tmp_path / "yearly")
        assert len(limited) == 10
        assert all(r["archive"]["capture_timestamp"][:4] in ("2021", "2022") for r in limited)
        pairs = [(r["url"], r["archive"]["capture_timestamp"][:4]) for r in limited]
        assert len(set(pairs)) == len(pairs)
        assert all("limit" in dict(p) and int(dict(p)["limit"]) <= 4 for p in archive.cdx_requests[-3:])


def test_a_run_killed_midway_resumes_with_nothing_lost_or_duplicated(tmp_path):
    captures = generated_archive()
    expected = successful_html(captures)
    out = tmp_path / "run"
    with CdxArchive(captures, replay_delay=0.01) as archive:
        command = [sys.executable, "-c", "import sys; from scraper.cli import main; sys.exit(main())",
                   "wayback", "news.example.com/", "--match", "prefix", "--out", str(out), "--delay", "0",
                   "--cdx-endpoint", archive.cdx_endpoint, "--replay-endpoint", archive.replay_endpoint]
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        jsonl = out / "articles.jsonl"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            if jsonl.exists() and jsonl.read_bytes().count(b"\n") >= 60:
                break
            time.sleep(0.02)
        assert process.poll() is None, process.stderr.read().decode()
        process.send_signal(signal.SIGKILL)
        process.wait()
        before = len(records(out))
        assert 60 <= before < len(expected)

        summary = run_wayback(config(archive, out, CdxQuery("news.example.com/", "prefix"), page_size=1000))
        assert not summary.interrupted and not summary.failed

        written = records(out)
        keys = [(r["url"], r["archive"]["capture_timestamp"]) for r in written]
        assert len(keys) == len(set(keys)) == len(expected)
        assert keys == sorted(served_key(c) for c in expected)
        # Every HTML capture was fetched; the only repeats are those in flight at the kill.
        asked = Counter(archive.replay_requests)
        assert all(asked[(f"/web/{c.timestamp}", c.original)] >= 1 for c in expected)
        assert sum(asked.values()) - len(asked) <= 2
    # The WARC files survived the kill: every record reads back.
    assert len([kind for kind, _, _ in warc_records(out) if kind in ("response", "revisit")]) >= len(expected)


def test_a_different_query_in_the_same_folder_is_refused(tmp_path, capsys):
    with CdxArchive(generated_archive()) as archive:
        common = ["--out", str(tmp_path), "--delay", "0", "--cdx-endpoint", archive.cdx_endpoint,
                  "--replay-endpoint", archive.replay_endpoint]
        assert cli_main(["wayback", f"{SITE}/2020/story-01/", *common]) == 0
        assert cli_main(["wayback", f"{SITE}/2020/story-02/", *common]) == 2
        assert "choose a new folder" in capsys.readouterr().err
        with pytest.raises(SystemExit) as exit_info:
            cli_main(["wayback", f"{SITE}/2020/story-01/", "--from", "20x1", *common])
        assert exit_info.value.code == 2 and "not a date: '20x1'" in capsys.readouterr().err
        assert cli_main(["wayback", f"{SITE}/2020/story-01/", "--from", "2021", "--to", "2020", *common]) == 2
        assert "--from 2021 is after --to 2020" in capsys.readouterr().err


def test_requests_are_spaced_and_a_429_pauses_the_run(tmp_path):
    assert WaybackConfig(CdxQuery("x"), tmp_path).delay >= 1  # the public service's limits, by default
    assert WaybackConfig(CdxQuery("x"), tmp_path).retry.throttle_wait >= 60
    url = f"{SITE}/2020/story-05/"
    with CdxArchive(generated_archive(), throttle={1}) as archive:
        paced = WaybackConfig(CdxQuery(url), tmp_path, archive.cdx_endpoint, archive.replay_endpoint,
                              delay=0.05, retry=RetryPolicy(backoff=0.01, throttle_wait=0.5))
        started = time.monotonic()
        summary = run_wayback(paced)
        elapsed = time.monotonic() - started
        requests = len(archive.cdx_requests) + len(archive.replay_requests)
    assert summary.throttled == 1 and summary.records_written >= 3
    assert elapsed >= 0.5 + (requests - 2) * 0.05


def test_an_archive_that_keeps_refusing_stops_the_run_which_resumes_later(tmp_path):
    url = f"{SITE}/2020/story-07/"
    expected = [c for c in successful_html(generated_archive()) if c.original == url]
    with CdxArchive(generated_archive(), throttle={1, 2, 3}) as archive:
        quick = config(archive, tmp_path, CdxQuery(url))
        stubborn = replace(quick, retry=replace(quick.retry, retries=2))
        stopped = run_wayback(stubborn)
        assert stopped.unavailable and "429" in stopped.unavailable and stopped.records_written == 0
        assert stopped.throttled == 3  # and no fourth try: it gave up, to come back later
        resumed = run_wayback(stubborn)
    assert not resumed.unavailable and resumed.records_written == len(expected) > 0


def closed_port() -> int:
    """A loopback port nothing listens on: connections to it are refused at once."""
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("host", [f"127.0.0.1:{closed_port()}", "no-such-archive.invalid"])
def test_an_archive_that_cannot_be_reached_is_reported_in_seconds(tmp_path, capsys, host):
    started = time.monotonic()
    status = cli_main(["wayback", "https://example.com/", "--out", str(tmp_path), "--cdx-endpoint",
                       f"http://{host}/cdx", "--replay-endpoint", f"http://{host}/web"])
    error = capsys.readouterr().err
    assert status == 1 and time.monotonic() - started < 10  # not the 75 s of the whole backoff schedule
    assert "the archive could not be reached" in error and "check the network connection" in error
    assert ("connection refused" in error) if host.startswith("127.") else ("host name not resolved" in error)
