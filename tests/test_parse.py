"""`scraper parse` (scraper.parse.run_parse): records from WARC files and saved HTML, in input order."""
from __future__ import annotations

import gzip
import json
from datetime import datetime
from io import BytesIO
from pathlib import Path

from conftest import VALIDATOR
from warcfactory import write_arc
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.archive.parse import ParseConfig, run_parse
from scraper.cli import main as cli_main

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
ORIGIN = "http://gazette.example"
ARTICLES = sorted(p.parent.relative_to(SITE).as_posix() for p in SITE.glob("2024/*/*/*/index.html"))


def site_bytes(path: str) -> bytes:
    return (SITE / path / "index.html").read_bytes()


def write_response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                   status: str = "200 OK", extra_headers: tuple = (), warc_headers: dict | None = None) -> str:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body))), *extra_headers],
                               protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body), http_headers=headers,
                                       warc_headers_dict=warc_headers)
    request = writer.create_warc_record(url, "request", http_headers=StatusAndHeaders(
        "GET / HTTP/1.1", [("Host", "gazette.example")], is_http_request=True))
    writer.write_record(record)
    writer.write_record(request)
    return record.rec_headers.get_header("WARC-Record-ID")


def build_warc(path: Path) -> list[str]:
    """A WARC with pages of every kind; returns the URLs that should become records, in order."""
    expected = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        write_response(writer, ORIGIN + "/robots.txt", b"User-agent: *\nDisallow:\n", "text/plain")
        write_response(writer, ORIGIN + "/", site_bytes(""))  # the home page: a listing
        for number, article in enumerate(ARTICLES[:6]):
            url = f"{ORIGIN}/{article}"
            body = site_bytes(article)
            if number == 1:  # gzip content-encoding: the payload as received, decoded on reading
                write_response(writer, url, gzip.compress(body), extra_headers=(("Content-Encoding", "gzip"),))
            elif number == 2:  # no Content-Type: the first bytes say HTML
                write_response(writer, url, body, content_type="application/octet-stream")
            else:
                write_response(writer, url, body)
            expected.append(url)
            if number == 3:
                writer.write_record(writer.create_warc_record(url, "metadata", payload=BytesIO(b"outlinks: none"),
                                                              warc_content_type="application/warc-fields"))
                digest = "sha1:" + "A" * 32
                writer.write_record(writer.create_revisit_record(url + "?again=1", digest, url, "2024-01-01T00:00:00Z"))
        write_response(writer, ORIGIN + "/assets/logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")
        write_response(writer, ORIGIN + "/missing/", b"<html><title>Not found</title><p>gone</p></html>", status="404 Not Found")
        write_response(writer, ORIGIN + "/category/local/", site_bytes("category/local"))
        # the same article again at a tracking URL: its canonical makes it a duplicate
        write_response(writer, f"{ORIGIN}/{ARTICLES[0]}?utm_source=x", site_bytes(ARTICLES[0]))
    return expected


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_warc_gives_the_html_articles_in_order_with_pointers(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    expected = build_warc(warc)
    summary = run_parse(ParseConfig((str(warc),), str(tmp_path / "out.jsonl")))
    records = read_jsonl(tmp_path / "out.jsonl")
    for record in records:
        VALIDATOR.validate(record)
    assert [r["url"] for r in records] == expected
    assert summary.records == len(expected) and summary.duplicates == 1 and summary.not_articles == 2
    assert summary.errors == 0
    assert all(r["title"] and r["word_count"] > 100 for r in records)
    assert records[1]["body"] and "\ufffd" not in records[1]["body"]  # the gzip page was decoded

    # each pointer leads back to the very record the page came from
    with warc.open("rb") as handle:
        for record in records:
            pointer = record["archive"]
            assert pointer["source"] == "warc" and pointer["warc_file"] == "crawl.warc.gz"
            handle.seek(pointer["offset"])
            warc_record = next(iter(ArchiveIterator(BytesIO(handle.read(pointer["length"])))))
            assert warc_record.rec_headers.get_header("WARC-Record-ID") == pointer["record_id"]
            assert warc_record.rec_headers.get_header("WARC-Target-URI") == record["url"]
            assert warc_record.rec_headers.get_header("WARC-Date") == record["fetched_at"] == pointer["capture_timestamp"]
            assert pointer["payload_digest"].startswith("sha1:")


def test_two_workers_give_the_same_lines(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc)
    run_parse(ParseConfig((str(warc), str(warc)), str(tmp_path / "one.jsonl"), workers=1, all_pages=True))
    summary = run_parse(ParseConfig((str(warc), str(warc)), str(tmp_path / "two.jsonl"), workers=2, all_pages=True))
    one = (tmp_path / "one.jsonl").read_text(encoding="utf-8")
    assert one == (tmp_path / "two.jsonl").read_text(encoding="utf-8")
    # all_pages keeps listings; the second copy of the file only repeats keys already written
    urls = [r["url"] for r in read_jsonl(tmp_path / "two.jsonl")]
    assert ORIGIN + "/" in urls and ORIGIN + "/category/local/" in urls
    assert summary.duplicates == summary.pages - summary.records > 0


def test_html_folder_and_broken_inputs(tmp_path):
    folder = tmp_path / "pages"
    (folder / "b").mkdir(parents=True)
    (folder / "a.html").write_bytes(site_bytes(ARTICLES[0]))
    (folder / "b" / "c.htm").write_bytes(site_bytes("category/local"))
    (folder / "notes.txt").write_text("not a page")
    broken = tmp_path / "broken.warc.gz"
    whole = tmp_path / "whole.warc.gz"
    build_warc(whole)
    broken.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2] + b"\x00garbage")
    not_warc = tmp_path / "not.warc"
    not_warc.write_bytes(b"this is not a web archive\n" * 10)
    summary = run_parse(ParseConfig((str(folder), str(broken), str(not_warc)), str(tmp_path / "out.jsonl"), workers=2))
    records = read_jsonl(tmp_path / "out.jsonl")
    assert [r["url"] for r in records[:2]] == [(folder / "a.html").as_uri(), (folder / "b" / "c.htm").as_uri()]
    assert records[0]["archive"] is None and records[0]["fetched_at"] is None
    assert len(records) > 2  # the pages before the break in the broken WARC are kept
    assert summary.errors == 1 and summary.files == 4  # not.warc; the broken one ends early


def test_arc_file(tmp_path):
    arc = tmp_path / "old.arc.gz"
    url = f"{ORIGIN}/{ARTICLES[0]}"
    write_arc(arc, [(url, datetime(2024, 1, 8, 10, 10, 10), site_bytes(ARTICLES[0]))])
    summary = run_parse(ParseConfig((str(arc),), str(tmp_path / "out.jsonl")))
    [record] = read_jsonl(tmp_path / "out.jsonl")
    assert summary.records == 1 and record["url"] == url and record["fetched_at"] == "2024-01-08T10:10:10Z"
    assert record["archive"]["warc_file"] == "old.arc.gz" and record["archive"]["record_id"] is None


def test_truncated_payload_is_read_with_a_warning(tmp_path):
    warc = tmp_path / "cut.warc.gz"
    page = site_bytes(ARTICLES[2])
    with warc.open("wb") as handle:
        write_response(WARCWriter(handle, gzip=True), f"{ORIGIN}/{ARTICLES[2]}", page[: len(page) * 2 // 3],
                       warc_headers={"WARC-Truncated": "length"})
    run_parse(ParseConfig((str(warc),), str(tmp_path / "out.jsonl")))
    [record] = read_jsonl(tmp_path / "out.jsonl")
    assert record["title"] and "payload truncated in the archive (length)" in record["warnings"]


def test_cli_summary_counts_in_words_and_an_inverted_window_is_refused(tmp_path, capsys):
    page_file = tmp_path / "a.html"
    page_file.write_bytes(site_bytes(ARTICLES[0]))
    assert cli_main(["parse", str(page_file), "--out", str(tmp_path / "out.jsonl")]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"1 record written to {tmp_path / 'out.jsonl'} from 1 file (1 page read, ")
    assert "0 errors)" in printed
    status = cli_main(["parse", str(page_file), "--out", str(tmp_path / "window.jsonl"),
                       "--from", "20240601", "--to", "20240101"])
    assert status == 2 and "--from 2024-06-01 is after --to 2024-01-01" in capsys.readouterr().err
    assert not (tmp_path / "window.jsonl").exists()
