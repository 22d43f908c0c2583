"""The URLs a fetched response leads to, as the frontier queues them: every source of new URLs
(page links and feeds, sitemap children and entries, feed entries, robots.txt Sitemap lines, the
usual sitemap and feed paths, redirects, page requisites) is turned into `Discovered` entries here,
and `follows` is the gate of scope and link traps they pass.

A sitemap's or a feed's entries are at the depth of the listing itself (a seed's: 0), not one click
further: the site lists them as its content, so they are fetched before the links of the same depth
(breadth first), and a --max-pages sample holds articles rather than category pages; --max-depth
counts the clicks from them as from a seed.
"""
from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from ..discover.links import PageLinks
from ..discover.listings import FeedEntry, Sitemap, feed_and_sitemap_guesses, sitemaps_from_robots
from ..discover.scope import Scope
from ..discover.traps import LinkTrapGuard
from ..discover.urls import normalize_url
from .frontier import GUESS, LISTING, PAGE, REQUISITE, Discovered, Item
from .reading import in_window
from .robots import origin_of


class LinkGate:
    def __init__(self, seeds: tuple[str, ...], scope: Scope, max_depth: int | None, discover: bool,
                 date_from: str | None, date_to: str | None) -> None:
        self.seeds = seeds
        self.scope = scope
        self.traps = LinkTrapGuard()
        self.max_depth = max_depth
        self.discover = discover
        self.date_from = date_from
        self.date_to = date_to

    def follows(self, url: str) -> bool:
        return self.scope.allows(url) and self.traps.allow(url)

    def page_links(self, item: Item, page: PageLinks) -> list[Discovered]:
        depth = item.depth + 1
        found = []
        if self.max_depth is None or depth <= self.max_depth:
            found += [Discovered(url, PAGE, depth) for url in page.links if self.follows(url)]
        found += [Discovered(url, LISTING, item.depth) for url in page.feeds if self.follows(url)]
        return found

    def requisites(self, item: Item, page: PageLinks) -> list[Discovered]:
        return [Discovered(url, REQUISITE, item.depth) for url in page.requisites]

    def sitemap_entries(self, item: Item, sitemap: Sitemap) -> list[Discovered]:
        found = [Discovered(child, LISTING, item.depth) for child in normalized(sitemap.children)
                 if self.scope.allows(child)]
        for entry in sitemap.entries:
            # lastmod is the last change, never before publication: older than --from means outside.
            if entry.lastmod and self.date_from and entry.lastmod[:10] < self.date_from:
                continue
            found += [Discovered(url, PAGE, item.depth) for url in normalized([entry.url]) if self.follows(url)]
        return found

    def feed_entries(self, item: Item, entries: tuple[FeedEntry, ...]) -> list[Discovered]:
        kept = [entry.url for entry in entries if not entry.published
                or in_window(entry.published[:10], self.date_from, self.date_to)]
        return [Discovered(url, PAGE, item.depth) for url in normalized(kept) if self.follows(url)]

    def robots_entries(self, origin: str, robots_text: str) -> list[Discovered]:
        """A seed site's sitemaps (from robots.txt) and its feed and sitemap at the usual places."""
        if not self.discover or not any(origin_of(seed) == origin for seed in self.seeds):
            return []
        found = [Discovered(url, LISTING, 0) for url in sitemaps_from_robots(robots_text, origin + "/")]
        if any(is_home(seed) and origin_of(seed) == origin for seed in self.seeds):
            found += [Discovered(url, GUESS, 0) for url in feed_and_sitemap_guesses(origin + "/")]
        return found

    def redirect(self, item: Item, target: str) -> list[Discovered]:
        """A redirect to another origin, queued to be fetched as a URL of its own."""
        url = normalize_url(target)
        return [Discovered(url, item.kind, item.depth)] if url else []


def normalized(urls: Iterable[str]) -> list[str]:
    return [url for url in (normalize_url(u) for u in urls) if url]


def is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query
