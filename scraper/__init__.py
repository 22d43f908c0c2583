"""scraper: web archive scraper and parser for news and blog sites.

    >>> import scraper
    >>> article = scraper.extract(page_bytes, url="https://example.com/2024/02/01/story/")
    >>> article.to_dict()["title"]
"""
__version__ = "0.1.0"

from .extract import extract  # noqa: E402
from .extract.quotes import extract_quotes  # noqa: E402
from .record import Article, ArchivePointer, Comment, Image, Quote  # noqa: E402

__all__ = ["Article", "ArchivePointer", "Comment", "Image", "Quote", "__version__", "extract", "extract_quotes"]
