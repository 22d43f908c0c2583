"""`scraper demo` end to end: the bundled site served on loopback, crawled, parsed back."""
from __future__ import annotations

import json
import re
import shlex
import socket
import subprocess
import sys
from pathlib import Path

from conftest import VALIDATOR
from warcio.archiveiterator import ArchiveIterator

from scraper.cli import main as cli_main
from scraper.demo import run_demo
from scraper.demo.siteserver import serve_site

LISTING = re.compile(r"/(category|tag|author|page|about)/|:\d+/$")


def test_demo_crawls_the_site_into_a_fresh_folder(tmp_path, capsys):
    out = tmp_path / "demo"
    (out / "warc").mkdir(parents=True)  # what an earlier run left: replaced
    (out / "articles.jsonl").write_text('{"stale": true}\n')
    (out / "state.sqlite").write_bytes(b"")
    (out / "warc" / "scraper-old.warc.gz").write_bytes(b"")
    (out / "reparsed.jsonl").write_text("")
    assert run_demo(out) == 0
    assert not (out / "warc" / "scraper-old.warc.gz").exists() and not (out / "reparsed.jsonl").exists()
    printed = capsys.readouterr().out
    assert "articles.jsonl" in printed and "read_json" in printed
    # the hint names this environment's python and scraper, which need not be on PATH
    load = next(line for line in printed.splitlines() if line.startswith("Load the records:"))
    assert Path(shlex.split(load.split(":", 1)[1])[0]).resolve() == Path(sys.executable).resolve()
    reparse = next(line for line in printed.splitlines() if line.startswith("Parse them again:"))
    command = shlex.split(reparse.split(":", 1)[1])
    assert Path(command[0]).parent.resolve() == Path(sys.executable).parent.resolve()

    records = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in records:
        VALIDATOR.validate(record)
    urls = [r["url"] for r in records]
    assert len(records) >= 20 and len(set(urls)) == len(urls)
    assert not [url for url in urls if LISTING.search(url)]  # home, categories, tags, authors: followed only
    assert all(r["title"] and r["word_count"] > 150 and r["archive"]["source"] == "crawl" for r in records)

    fetched = set()
    for warc in sorted((out / "warc").glob("*.warc.gz")):
        with warc.open("rb") as stream:
            fetched |= {r.rec_headers.get_header("WARC-Target-URI") or "" for r in ArchiveIterator(stream)}
    assert any(url.endswith("/robots.txt") for url in fetched)
    assert any(url.endswith("/sitemap-posts.xml") for url in fetched) and any(url.endswith("/feed/") for url in fetched)
    assert not [url for url in fetched if "/private/" in url]  # disallowed by robots.txt

    # the printed `scraper parse` command runs as printed, and gives the crawl's records, bar the
    # archive's source
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"{len(records)} records written") and "from 1 file (" in run.stdout
    reparsed = [json.loads(line) for line in (out / "reparsed.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in reparsed:
        assert record["archive"].pop("source") == "warc"
    for record in records:
        assert record["archive"].pop("source") == "crawl"
    assert sorted(reparsed, key=lambda r: r["url"]) == sorted(records, key=lambda r: r["url"])


def test_demo_refuses_a_folder_it_did_not_write_and_a_file(tmp_path, capsys):
    foreign = tmp_path / "mine"
    (foreign / "warc").mkdir(parents=True)
    (foreign / "articles.jsonl").write_text("")
    (foreign / "warc" / "notes.txt").write_text("my notes")  # not a WARC file
    (foreign / "thesis.tex").write_text("chapter 1")
    assert cli_main(["demo", "--out", str(foreign)]) == 2
    message = capsys.readouterr().err
    assert "thesis.tex" in message and "warc" in message and "Traceback" not in message
    assert (foreign / "thesis.tex").read_text() == "chapter 1" and (foreign / "warc" / "notes.txt").exists()
    assert (foreign / "articles.jsonl").exists()

    a_file = tmp_path / "results.csv"
    a_file.write_text("a,b\n")
    assert cli_main(["demo", "--out", str(a_file), "--quiet"]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert a_file.read_text() == "a,b\n"


def test_site_server_serves_folders_templates_and_nothing_outside(tmp_path):
    (tmp_path / "site" / "feed").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text("<h1>home</h1>")
    (tmp_path / "site" / "feed" / "index.xml").write_text("<rss><link>{base}/a</link></rss>")
    (tmp_path / "secret.txt").write_text("outside the site")
    with serve_site(tmp_path / "site") as server:
        def get(path: str) -> bytes:
            with socket.create_connection(server.server_address[:2]) as connection:
                connection.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
                return b"".join(iter(lambda: connection.recv(65536), b""))
        assert get("/").split(b"\r\n")[0].endswith(b"200 OK") and get("/").endswith(b"<h1>home</h1>")
        feed = get("/feed/")
        assert b"application/xml" in feed and f"<link>{server.base_url}/a</link>".encode() in feed
        assert b" 404 " in get("/../secret.txt").split(b"\r\n")[0]
        assert b" 404 " in get("/%2e%2e/secret.txt").split(b"\r\n")[0]
