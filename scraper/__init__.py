"""scraper: web archive scraper and parser for news and blog sites.

    >>> import scraper
    >>> article = scraper.extract(page_bytes, url="https://example.com/2024/02/01/story/")
    >>> article.to_dict()["title"]
    >>> for article in scraper.read_archive("runs/example/warc/"): ...
    >>> summary = scraper.crawl(scraper.CrawlConfig(("https://example.com/",), Path("runs/example")))

The names below are the public API (pinned by tests/test_exported_members.py); everything else is
reachable through its module, with no promise that it stays where it is.
"""
import logging

from ._version import __version__
from .archive.parse import read_archive
from .crawler.engine import CrawlConfig, CrawlSummary
from .crawler.engine import run_crawl as crawl
from .errors import (
                     ArchiveThrottled,
                     ArchiveUnavailable,
                     FetchError,
                     FolderInUse,
                     NoInputError,
                     RunMismatchError,
                     ScraperError,
                     UnsafeDocument,
                     UsageError,
)
from .extract import extract
from .extract.quotes import extract_quotes
from .record import ArchivePointer, Article, Comment, Image, Quote

__all__ = [
    "ArchivePointer", "ArchiveThrottled", "ArchiveUnavailable", "Article", "Comment", "CrawlConfig", "CrawlSummary",
    "FetchError", "FolderInUse", "Image", "NoInputError", "Quote", "RunMismatchError", "ScraperError", "UnsafeDocument",
    "UsageError", "__version__", "crawl", "extract", "extract_quotes", "read_archive",
]

# A library logs, and leaves it to the application (the command line, or yours) to say where.
logging.getLogger(__name__).addHandler(logging.NullHandler())
