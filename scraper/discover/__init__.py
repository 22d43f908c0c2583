"""Discovery: which URLs a crawl should visit, and which of the pages it fetched are articles.

Pure functions and small stateful guards, no I/O; the crawl (`scraper.crawler`) does the fetching.
- `urls`: `normalize_url` makes one spelling of every URL, so the frontier deduplicates;
- `scope`: `Scope` says which URLs belong to the crawl;
- `links`: `read_page` reads a fetched HTML page for its links, requisites, canonical, feeds and
  the evidence that it is an article;
- `classify`: `is_article_page` weighs that evidence: an article rather than a listing or one of the
  site's pages about itself (privacy, terms, imprint, about, contact);
- `listings`: `parse_sitemap` and `parse_feed` read sitemaps and RSS/Atom feeds, safely;
- `kinds`: `response_kind` tells what a response is;
- `traps`: `LinkTrapGuard` stops endless link spaces.
"""
