"""The budget of sitemaps and feeds: how many a crawl reads, and how many bytes of them.

Sitemaps and feeds are not counted against --max-pages (a crawl of 5 pages may need a sitemap
index and one of its sitemaps to find them), so they need a budget of their own: a chain of
sitemap indexes each naming the next would otherwise run for ever. The budget follows the page
budget: LISTINGS_AT_LEAST (room for the usual paths a home page is probed for, its robots.txt
sitemaps and an index or two), plus one per PAGES_PER_LISTING pages of --max-pages; without
--max-pages, DEFAULT_LISTINGS; --max-listings sets it outright. The bytes (as received) are
LISTING_BYTES_EACH a listing on average, and never less than one sitemap at the protocol's size
limit. Both are counted over the whole crawl, resumes included (state.sqlite), like --max-pages.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..discover.listings import MAX_DOCUMENT_BYTES
from .frontier import GUESS, LISTING

LISTING_KINDS = (LISTING, GUESS)  # sitemaps and feeds: found, or guessed at their usual paths
LISTINGS_AT_LEAST = 20
PAGES_PER_LISTING = 10
DEFAULT_LISTINGS = 10_000
LISTING_BYTES_EACH = 5 * 2**20
SPENT = "the budget of sitemaps and feeds is spent (--max-listings)"


@dataclass(frozen=True)
class ListingLimits:
    listings: int
    bytes: int

    @classmethod
    def for_crawl(cls, max_pages: int | None, max_listings: int | None) -> ListingLimits:
        if max_listings is not None:
            count = max_listings
        elif max_pages is not None:
            count = LISTINGS_AT_LEAST + max_pages // PAGES_PER_LISTING
        else:
            count = DEFAULT_LISTINGS
        return cls(count, max(count * LISTING_BYTES_EACH, MAX_DOCUMENT_BYTES))


class ListingBudget:
    """What the crawl has spent of its limits (started listings, bytes received), from every run."""

    def __init__(self, limits: ListingLimits, started: int, received: int) -> None:
        self.limits = limits
        self.started = started
        self.received = received

    def room(self) -> int:
        """How many more sitemaps and feeds may be started."""
        if self.received >= self.limits.bytes:
            return 0
        return max(0, self.limits.listings - self.started)
