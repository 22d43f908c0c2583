"""Crawl throughput: `scraper crawl` against Scrapy on the same local site (issue 4, Performance).

    .venv/bin/python bench/crawl_throughput.py [--stories 1655] [--scrapy-python .peers/bin/python]

1. generate a news site of about 2,000 HTML pages (bench/sitegen.py) in a temporary folder;
2. serve it from a separate process on 127.0.0.1 (scraper.demo.siteserver: threaded, HTTP/1.1 keep-alive);
3. crawl it with `scraper crawl --delay 0` (robots.txt obeyed, WARC writing on, records extracted);
4. crawl it with Scrapy 2.x: a CrawlSpider following every in-scope link and writing each raw body
   to disk, robots.txt obeyed, one request at a time per host as `scraper crawl` does (it never
   sends a host two requests at once), no download delay, AutoThrottle off;
5. report HTML pages a second for each (pages / wall-clock time of the whole command) and the ratio.
Scrapy is a benchmark-only dependency, installed in the peers venv, never in the project.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sitegen import build_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PER_HOST_CONCURRENCY = 1  # scraper crawl's politeness: one request at a time per host

SERVER = """
import sys
from pathlib import Path
from scraper.demo.siteserver import SiteServer
server = SiteServer(Path(sys.argv[1]))
print(server.base_url, flush=True)
server.serve_forever()
"""

SPIDER = """
import hashlib, re, sys
from pathlib import Path
from urllib.parse import urlsplit
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule

START, OUT = sys.argv[1], Path(sys.argv[2])
OUT.mkdir(parents=True, exist_ok=True)


class SiteSpider(CrawlSpider):
    name = "site"
    start_urls = [START]
    allowed_domains = [urlsplit(START).hostname]
    # in scope: the same origin (allow_domains compares host:port with the domain, so never matches an IP:port)
    rules = (Rule(LinkExtractor(allow=("^" + re.escape(START),)), callback="save", follow=True),)

    def parse_start_url(self, response):
        return self.save(response)

    def save(self, response):
        name = hashlib.sha1(response.url.encode()).hexdigest()
        (OUT / name).write_bytes(response.body)
        return []


process = CrawlerProcess(settings={
    "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": %(per_host)d,
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False,
    "COOKIES_ENABLED": False,
})
process.crawl(SiteSpider)
process.start()
"""


def timed(command: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def html_responses_in_warcs(folder: Path) -> int:
    count = 0
    for warc in folder.glob("*.warc.gz"):
        with warc.open("rb") as stream:
            for record in ArchiveIterator(stream):
                headers = record.http_headers
                if record.rec_type == "response" and headers is not None and headers.get_statuscode() == "200" \
                        and (headers.get_header("Content-Type") or "").startswith("text/html"):
                    count += 1
    return count


def html_files(folder: Path) -> int:
    """Scrapy's spider callbacks see 2xx responses only (HttpErrorMiddleware), so these are all 200s."""
    return sum(1 for path in folder.iterdir() if path.read_bytes()[:15].lower().startswith(b"<!doctype html"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=1655, help="articles on the site (1655 give about 2,000 pages)")
    parser.add_argument("--scrapy-python", default=".peers/bin/python", help="a Python with Scrapy installed (default: the peers environment .peers/)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crawlbench-") as tmp:
        work = Path(tmp)
        pages = build_site(work / "site", args.stories)
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(work / "site")], stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None
            base = server.stdout.readline().strip() + "/"
            ours_seconds = timed([sys.executable, "-m", "scraper", "crawl", base, "--out", str(work / "ours"),
                                  "--delay", "0", "--concurrency", str(PER_HOST_CONCURRENCY), "--quiet"])
            ours_pages = html_responses_in_warcs(work / "ours" / "warc")
            articles = sum(1 for _ in (work / "ours" / "articles.jsonl").open())
            spider = work / "spider.py"
            spider.write_text(SPIDER % {"per_host": PER_HOST_CONCURRENCY})
            scrapy_seconds = timed([args.scrapy_python, str(spider), base, str(work / "scrapy")])
            scrapy_pages = html_files(work / "scrapy")
        finally:
            server.terminate()
            server.wait()
    figures: dict[str, Any] = {
        "site_html_pages": pages,
        "scraper": {"html_pages": ours_pages, "articles": articles, "seconds": round(ours_seconds, 2),
                    "pages_per_second": round(ours_pages / ours_seconds, 1)},
        "scrapy": {"html_pages": scrapy_pages, "seconds": round(scrapy_seconds, 2),
                   "pages_per_second": round(scrapy_pages / scrapy_seconds, 1)},
    }
    figures["ratio"] = round(figures["scraper"]["pages_per_second"] / figures["scrapy"]["pages_per_second"], 2)
    print(f"site: {pages} HTML pages on 127.0.0.1, {PER_HOST_CONCURRENCY} request at a time per host, no delay")
    print(f"scraper crawl: {ours_pages} pages ({articles} articles written, WARC on) in {ours_seconds:.1f} s = "
          f"{figures['scraper']['pages_per_second']} pages/s")
    print(f"Scrapy:        {scrapy_pages} pages (raw bodies to disk) in {scrapy_seconds:.1f} s = "
          f"{figures['scrapy']['pages_per_second']} pages/s")
    print(f"ratio scraper/Scrapy: {figures['ratio']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
