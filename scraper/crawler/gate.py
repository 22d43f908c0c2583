"""The scope gate: the one place a URL enters the crawl.

Every source of URLs (the seeds, page links and the feeds a page names, sitemap children and
entries, feed entries, robots.txt Sitemap lines, the usual sitemap and feed paths, redirects, page
requisites) turns what it found into `Discovered` entries here, and `admit` lets through only those
that pass the same checks, in order:
1. in scope (`discover.scope`): no internal address unless a seed is one; the seeds' hosts or
   domains; `--include` for pages; `--exclude` for everything but the seeds;
2. no link trap (`discover.traps`): no trap's shape (too long, repeating itself), and, for URLs
   found in links and redirects, no more than so many of one pattern, counted in the crawl's state
   so that a resume goes on counting. The entries of a sitemap or feed are not counted: the site
   lists them, a finite list under the listing budget, and a site of short numeric ids
   (/news/1234) would be cut to a few hundred. Nor are the seeds (and where they redirect).
A redirect a worker follows at once, within one origin, is checked by `may_follow`: the same
checks, bar the trap counts (which live in the scheduling thread's database).
What each check drops is counted, distinct URLs per reason (`Drops`), for the summary.

A sitemap's or a feed's entries are at the depth of the listing itself (a seed's: 0), not one click
further: the site lists them as its content, so they are fetched before the links of the same depth
(breadth first), and a --max-pages sample holds articles rather than category pages; --max-depth
counts the clicks from them as from a seed.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from ..discover.links import PageLinks
from ..discover.listings import FeedEntry, Sitemap, feed_and_sitemap_guesses, sitemaps_from_robots
from ..discover.scope import Scope
from ..discover.traps import LinkTrapGuard, TrapCounts, trap_shape
from ..discover.urls import normalize_url
from .frontier import GUESS, LISTING, PAGE, REQUISITE, SEED, Discovered, Item, UrlKind
from .reading import in_window
from .robots import origin_of

# Why the gate drops a URL, besides the scope's reasons (`discover.scope`).
LINK_TRAP = "link trap"
TOO_DEEP = "--max-depth"
LISTED_OUTSIDE_WINDOW = "--from/--to"  # sitemap and feed entries dated outside the window
# Distinct URLs counted per reason, at most: beyond, the count is a floor (and memory stays bounded).
MAX_COUNTED_DROPS = 100_000
SITEMAP_BATCH = 1000  # sitemap entries judged and queued together


class Drops:
    """The distinct URLs the gate dropped, per reason."""

    def __init__(self) -> None:
        self._seen: dict[str, set[int]] = {}

    def add(self, reason: str, url: str) -> None:
        seen = self._seen.setdefault(reason, set())
        if len(seen) < MAX_COUNTED_DROPS:
            seen.add(hash(url))

    def counts(self) -> Counter[str]:
        return Counter({reason: len(seen) for reason, seen in self._seen.items()})


class ScopeGate:
    def __init__(self, seeds: tuple[str, ...], scope: Scope, max_depth: int | None, discover: bool,
                 date_from: str | None, date_to: str | None, trap_counts: TrapCounts | None = None) -> None:
        self.seeds = seeds
        self.scope = scope
        self.traps = LinkTrapGuard(trap_counts)
        self.max_depth = max_depth
        self.discover = discover
        self.date_from = date_from
        self.date_to = date_to
        self.drops = Drops()

    # --- the gate ---

    def admit(self, found: Iterable[Discovered], count_patterns: bool = True) -> list[Discovered]:
        """The found URLs in scope and in no trap, each once; the others counted as dropped."""
        candidates: dict[str, Discovered] = {}
        for entry in found:
            if entry.url in candidates:
                continue
            reason = self.scope.refusal(entry.url, page=entry.kind == PAGE, seed=entry.kind == SEED)
            if reason is not None:
                self.drops.add(reason, entry.url)
                continue
            candidates[entry.url] = entry
        if count_patterns:
            trapped = self.traps.refusals([url for url, entry in candidates.items() if entry.kind != SEED])
        else:
            trapped = {url: reason for url in candidates if (reason := trap_shape(url)) is not None}
        for url in trapped:
            self.drops.add(LINK_TRAP, url)
        return [entry for url, entry in candidates.items() if url not in trapped]

    def may_follow(self, target: str, kind: UrlKind) -> bool:
        """Whether a redirect to `target` may be followed at once by the worker fetching a URL of
        this kind (thread-safe: no counting)."""
        url = normalize_url(target)
        return (url is not None and self.scope.refusal(url, page=kind == PAGE, seed=kind == SEED) is None
                and trap_shape(url) is None)

    # --- the sources ---

    def seed_entries(self) -> list[Discovered]:
        return self.admit(Discovered(seed, SEED, 0) for seed in self.seeds)

    def page_links(self, item: Item, page: PageLinks) -> list[Discovered]:
        depth = item.depth + 1
        found = [Discovered(url, LISTING, item.depth) for url in page.feeds]
        if self.max_depth is None or depth <= self.max_depth:
            found += [Discovered(url, PAGE, depth) for url in page.links]
        else:
            for url in page.links:
                self.drops.add(TOO_DEEP, url)
        return self.admit(found)

    def requisites(self, item: Item, page: PageLinks) -> list[Discovered]:
        return self.admit(Discovered(url, REQUISITE, item.depth) for url in page.requisites)

    def sitemap_entries(self, item: Item, sitemap: Sitemap) -> Iterator[list[Discovered]]:
        """What a sitemap lists, in batches of SITEMAP_BATCH: its 700,000 URLs are never all made
        into Discovered entries at once."""
        yield self.admit(Discovered(child, LISTING, item.depth) for child in sitemap.children)
        for batch in sitemap.entries.batches(SITEMAP_BATCH):
            found = []
            for entry in batch:
                # lastmod is the last change, never before publication: older than --from means outside.
                if entry.lastmod and self.date_from and entry.lastmod[:10] < self.date_from:
                    self.drops.add(LISTED_OUTSIDE_WINDOW, entry.url)
                else:
                    found.append(Discovered(entry.url, PAGE, item.depth))
            yield self.admit(found, count_patterns=False)

    def feed_entries(self, item: Item, entries: tuple[FeedEntry, ...]) -> list[Discovered]:
        found = []
        for entry in entries:
            if entry.published and not in_window(entry.published[:10], self.date_from, self.date_to):
                self.drops.add(LISTED_OUTSIDE_WINDOW, entry.url)
            else:
                found.append(Discovered(entry.url, PAGE, item.depth))
        return self.admit(found, count_patterns=False)

    def robots_entries(self, origin: str, robots_text: str) -> list[Discovered]:
        """A seed site's sitemaps (from robots.txt) and its feed and sitemap at the usual places."""
        if not self.discover or not any(origin_of(seed) == origin for seed in self.seeds):
            return []
        found = [Discovered(url, LISTING, 0) for url in sitemaps_from_robots(robots_text, origin + "/")]
        if any(is_home(seed) and origin_of(seed) == origin for seed in self.seeds):
            found += [Discovered(url, GUESS, 0) for url in feed_and_sitemap_guesses(origin + "/")]
        return self.admit(found)

    def redirect(self, item: Item, target: str) -> list[Discovered]:
        """A redirect the worker did not follow, queued to be fetched as a URL of its own if the
        gate admits it. A seed's redirect is the seed's new address: a seed too, but checked."""
        url = normalize_url(target)
        return self.admit([Discovered(url, item.kind, item.depth)]) if url else []


def is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query
