"""`scraper demo`: crawl the bundled demo news site, with no internet, into output/demo/.

The steps:
1. start afresh: the output folder of the last demo is removed;
2. serve fixtures/site/ (an invented local newspaper: home page, categories with pagination, tag
   and author pages, 24 articles with chrome, quotes and comments, a sitemap index, an RSS feed,
   and a robots.txt that forbids /private/) on a free 127.0.0.1 port;
3. crawl it like any site, politely but with a short delay;
4. say where the records and snapshots are, and how to load them.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .crawl import CrawlConfig, run_crawl
from .siteserver import serve_site

DEMO_SITE = Path(__file__).resolve().parents[1] / "fixtures" / "site"
DEMO_OUT = Path("output/demo")
DEMO_DELAY = 0.05  # seconds between requests: polite in form, quick on loopback


def run_demo(out_dir: Path = DEMO_OUT, quiet: bool = False) -> int:
    """Crawl the demo site into `out_dir`; the crawl's exit status (0: finished, 1: failed pages)."""
    if not (DEMO_SITE / "index.html").is_file():
        print(f"The demo site is missing: {DEMO_SITE} (run the demo from a checkout of the project).")
        return 2
    if out_dir.exists():
        shutil.rmtree(out_dir)
    with serve_site(DEMO_SITE) as server:
        if not quiet:
            print(f"Serving the demo site ({DEMO_SITE}) at {server.base_url}/")
        summary = run_crawl(CrawlConfig(seeds=(server.base_url + "/",), out_dir=out_dir, delay=DEMO_DELAY, quiet=quiet))
    records = out_dir / "articles.jsonl"
    if not quiet:
        print(f"""
{summary.articles_written} article records: {records}
WARC snapshots:      {out_dir / "warc"}/
Load the records:    python -c "import pandas; print(pandas.read_json('{records}', lines=True)[['title', 'authors', 'published']])"
Parse them again:    scraper parse {out_dir / "warc"} --out {out_dir / "reparsed.jsonl"}""")
    return 1 if summary.failed else 0
