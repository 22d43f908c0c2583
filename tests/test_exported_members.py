"""The public API, pinned (as httpx's tests/test_exported_members.py): a name added to or removed
from `scraper.__all__` must be a decision, made here too."""
from __future__ import annotations

import io
import json
import logging
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import scraper
from scraper.archive.parse import ParseConfig, run_parse

PUBLIC = {
    "ArchivePointer", "ArchiveThrottled", "ArchiveUnavailable", "Article", "Comment", "CrawlConfig", "CrawlSummary",
    "FetchError", "FolderInUse", "Image", "NoInputError", "Quote", "RunMismatchError", "ScraperError", "UnsafeDocument",
    "UsageError", "__version__", "crawl", "extract", "extract_quotes", "read_archive",
}
SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"


def test_all_exports_exactly_the_public_names():
    assert set(scraper.__all__) == PUBLIC
    assert len(scraper.__all__) == len(PUBLIC)  # no name twice
    for name in scraper.__all__:
        assert hasattr(scraper, name), name


def test_every_error_is_a_scraper_error():
    errors = [scraper.ArchiveThrottled, scraper.ArchiveUnavailable, scraper.FetchError, scraper.FolderInUse,
              scraper.NoInputError,
              scraper.RunMismatchError, scraper.UnsafeDocument, scraper.UsageError]
    assert all(issubclass(error, scraper.ScraperError) for error in errors)
    assert issubclass(scraper.RunMismatchError, scraper.UsageError) and issubclass(scraper.FolderInUse, scraper.UsageError)
    assert not issubclass(scraper.UsageError, ValueError)  # a ValueError from deep code is no usage error


def test_the_package_logs_nowhere_by_default():
    assert any(isinstance(handler, logging.NullHandler) for handler in logging.getLogger("scraper").handlers)


def test_read_archive_gives_the_records_parse_writes(tmp_path):
    pages = sorted(SITE.glob("2024/*/*/*/index.html"))[:3] + [SITE / "index.html"]
    warc = tmp_path / "pages.warc.gz"
    with warc.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number, page in enumerate(pages + pages[:1]):  # the first page twice: one record
            data = page.read_bytes()
            url = f"https://news.example.com/{page.parent.relative_to(SITE)}/"
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(data), length=len(data),
                http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": f"2024-03-0{number + 1}T10:00:00Z"}))
    read = list(scraper.read_archive(warc))
    run_parse(ParseConfig((str(warc),), str(tmp_path / "out.jsonl")))
    written = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    # three articles: the home page is a listing, and the repeat of the first page gives no record
    assert len(read) == len(written) == 3
    assert [a.to_dict() for a in read] == [json.loads(line) for line in written]
    assert all(a.archive is not None and a.archive.source == "warc" and a.title for a in read)
