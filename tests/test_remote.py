"""WARC collections read where they lie: a CC-NEWS-like collection of several files served over
local HTTP by a server that answers Range requests (tests/rangeserver.py), listed, streamed and
parsed by URL; and the --domain and --from/--to filters on the capture date."""
from __future__ import annotations

import gzip
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from rangeserver import RangeServer
from warcfactory import START, ArticleCapture, article_html, write_arc, write_collection
from warcio.archiveiterator import ArchiveIterator

import scraper.archive.inputs as remote
from scraper.archive.capturefilter import CaptureFilter
from scraper.archive.inputs import expand_inputs, open_input
from scraper.archive.parse import ParseConfig, run_parse
from scraper.errors import NoInputError


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    articles = write_collection(root / "cc-news", files=3, articles_per_file=12)
    # An older collection's file in the ARC format, which predates WARC.
    rng = random.Random(3)
    old = [ArticleCapture(f"http://old.example.net/1999/story-{n}.html", START + timedelta(days=n), f"Old story {n}")
           for n in range(4)]
    write_arc(root / "cc-news" / "old-00000.arc.gz",
              [(a.url, a.date, article_html(a.title, a.date, rng)) for a in old])
    (root / "cc-news" / "README.txt").write_text("not part of the collection")
    articles += old
    with RangeServer(root) as server:
        yield root / "cc-news", f"{server.base_url}/cc-news/", articles, server


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_folders_and_globs_expand_locally_and_over_http(collection):
    folder, url, _, _ = collection
    names = ["CC-NEWS-00000.warc.gz", "CC-NEWS-00001.warc.gz", "CC-NEWS-00002.warc.gz", "old-00000.arc.gz"]
    assert expand_inputs([folder]) == [str(folder / name) for name in names]
    assert expand_inputs([str(folder / "*.warc.gz")]) == [str(folder / name) for name in names[:3]]
    assert expand_inputs([url]) == [url + name for name in names]
    assert expand_inputs([url + "CC-NEWS-0000[12].warc.gz"]) == [url + name for name in names[1:3]]
    assert expand_inputs([url + names[0]]) == [url + names[0]]  # one file: taken as given, not listed
    with pytest.raises(NoInputError):
        expand_inputs([folder / "nothing-*.warc.gz"])


def test_a_common_crawl_path_list_names_files_from_the_root_of_its_store(collection):
    folder, url, _, _ = collection
    listing = folder.parent / "lists" / "2024" / "warc.paths.gz"
    listing.parent.mkdir(parents=True, exist_ok=True)
    listing.write_bytes(gzip.compress(b"cc-news/CC-NEWS-00000.warc.gz\ncc-news/CC-NEWS-00002.warc.gz\n"))
    root = url.rsplit("/cc-news/", 1)[0]
    assert expand_inputs([f"{root}/lists/2024/warc.paths.gz"]) == [
        f"{root}/cc-news/CC-NEWS-00000.warc.gz", f"{root}/cc-news/CC-NEWS-00002.warc.gz"]
    local_list = folder / "mine.paths"
    local_list.write_text("CC-NEWS-00001.warc.gz\n")
    assert expand_inputs([local_list]) == [str(folder / "CC-NEWS-00001.warc.gz")]
    local_list.unlink()


def test_a_remote_warc_is_streamed_in_ranges_not_downloaded_first(collection, monkeypatch):
    folder, url, _, server = collection
    monkeypatch.setattr(remote, "REMOTE_BLOCK_SIZE", 4096)
    name = "CC-NEWS-00001.warc.gz"
    size = (folder / name).stat().st_size
    assert size > 5 * 4096
    del server.requests[:]
    with open_input(url + name) as stream:
        records = ArchiveIterator(stream)
        first = next(iter(records))
        assert first.rec_type == "warcinfo"
        ranges_at_first_record = [r for r in server.requests if r[0] == "GET"]
        types = [first.rec_type] + [record.rec_type for record in records]
    gets = [r for r in server.requests if r[0] == "GET" and r[1].endswith(name)]
    assert all(header and header.startswith("bytes=") for _, _, header in gets)  # never a whole-file GET
    # The first record arrived before the end of the file was asked for.
    first_end = int(ranges_at_first_record[-1][2].rsplit("-", 1)[1])
    assert len(ranges_at_first_record) == 1 and first_end < size - 1 and len(gets) >= 2
    assert types.count("response") >= 12 and {"request", "metadata", "revisit"} <= set(types)


def test_a_collection_parsed_by_url_gives_the_records_of_the_local_files(collection, tmp_path):
    folder, url, articles, _ = collection
    local = run_parse(ParseConfig((str(folder),), str(tmp_path / "local.jsonl")))
    served = run_parse(ParseConfig((url,), str(tmp_path / "served.jsonl")))
    assert served.records == local.records == len(articles)
    assert lines(tmp_path / "served.jsonl") == lines(tmp_path / "local.jsonl")
    records = [json.loads(line) for line in lines(tmp_path / "served.jsonl")]
    assert [r["url"] for r in records] == [a.url for a in articles]
    assert {r["archive"]["warc_file"] for r in records} == {"CC-NEWS-00000.warc.gz", "CC-NEWS-00001.warc.gz",
                                                           "CC-NEWS-00002.warc.gz", "old-00000.arc.gz"}
    assert records[-1]["fetched_at"].startswith("2024-01-04") and records[-1]["title"] == "Old story 3"


def test_domain_and_capture_date_filters(collection, tmp_path):
    _, url, articles, _ = collection
    keep = CaptureFilter.from_options("dailyplanet.example", "20240115", "202402")
    summary = run_parse(ParseConfig((url,), str(tmp_path / "some.jsonl"), keep=keep))
    expected = [a.url for a in articles if "dailyplanet.example" in a.url
                and datetime(2024, 1, 15) <= a.date.replace(tzinfo=None) < datetime(2024, 3, 1)]
    assert 0 < len(expected) < len(articles) // 3
    assert [json.loads(line)["url"] for line in lines(tmp_path / "some.jsonl")] == expected
    assert summary.records == len(expected)
