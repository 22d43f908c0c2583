"""scraper: web archive scraper and parser for news and blog sites.

    >>> import scraper
    >>> article = scraper.extract(page_bytes, url="https://example.com/2024/02/01/story/")
    >>> article.to_dict()["title"]
"""
import logging

from ._version import __version__
from .extract import extract
from .extract.quotes import extract_quotes
from .record import Article, ArchivePointer, Comment, Image, Quote

__all__ = ["Article", "ArchivePointer", "Comment", "Image", "Quote", "__version__", "extract", "extract_quotes"]

# A library logs, and leaves it to the application (the command line, or yours) to say where.
logging.getLogger(__name__).addHandler(logging.NullHandler())
