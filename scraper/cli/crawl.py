"""`scraper crawl` and `scraper fetch`: the options, the config they make, the summary printed."""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path
from typing import NoReturn

from ..crawler.budget import DEFAULT_LISTINGS, LISTINGS_AT_LEAST, PAGES_PER_LISTING
from ..crawler.engine import ARTICLES_FILE, LOG_FILE, WARC_DIR, CrawlConfig, CrawlSummary, run_crawl
from ..crawler.fetcher import USER_AGENT, FetchPolicy
from ..crawler.retry import RetryPolicy
from ..discover.scope import SCOPE_MODES
from .options import (
    DATE_METAVAR,
    count,
    date_bound,
    default_of,
    first_day,
    last_day,
    non_negative_float,
    non_negative_int,
    positive_float,
    positive_int,
    shown_size,
    size,
)

SUMMARY_FAILURES_SHOWN = 20  # the rest are in DIR/errors.jsonl

CRAWL_SUMMARY = "crawl sites from seed URLs into WARC snapshots and article records"
CRAWL_EXAMPLES = """examples:
  scraper crawl https://news.example.com/ --out runs/example
  scraper crawl https://news.example.com/sitemap.xml --out runs/example --max-pages 500 --delay 2
  scraper crawl https://blog.example.org/feed/ --out runs/blog --from 2024-01-01 --to 2024-06-30
  scraper crawl https://example.com/ --out runs/ex --scope domain --exclude '/tag/|/author/'
Running the same command on the same --out folder resumes the crawl; limits, delays and the other
options may change, the seeds, --scope, --include and --exclude may not (they decide which pages
belong to the crawl: a resume with others is refused, saying what differs). Output: DIR/articles.jsonl (records), DIR/warc/*.warc.gz
(snapshots), DIR/state.sqlite (crawl state), DIR/errors.jsonl (one line per failure), DIR/crawl.log.
One run at a time in a folder (DIR/lock). URLs that failed for a reason that can pass are retried
by the next run (--retry-runs). Ctrl-C (or SIGTERM) stops within seconds, the next run resumes.
Exit status: 0 finished, 1 finished with failed pages, 2 usage error or folder in use, 130 stopped
by Ctrl-C, 143 by SIGTERM."""

FETCH_SUMMARY = "fetch a list of pages (no link following) into WARC and records"
FETCH_EXAMPLES = """examples:
  scraper fetch https://example.com/2024/05/01/story/ --out runs/stories
  scraper fetch $(cat urls.txt) --out runs/stories --delay 0.5
Each HTML page fetched becomes a record (no article test, no link following); other responses
are archived only. Same output files and exit status as `scraper crawl`."""


def add_crawl_options(crawl: argparse.ArgumentParser) -> None:
    crawl.add_argument("seeds", nargs="+", metavar="SEED",
                       help="home pages, sitemaps (index, urlset, .xml.gz), RSS/Atom feeds or article URLs, "
                            "e.g. https://news.example.com/")
    _output_option(crawl)
    crawl.add_argument("--max-pages", type=positive_int, metavar="N",
                       help="fetch at most N pages: the seeds and the pages found in links, sitemaps and "
                            "feeds (robots.txt, sitemaps, feeds and requisites are fetched on top); pages "
                            "listed in sitemaps and feeds come first. Counted over the whole crawl in DIR, "
                            "resumes included: to go further, resume with a larger N, "
                            "e.g. --max-pages 1000; default: no limit")
    crawl.add_argument("--max-listings", type=positive_int, metavar="N",
                       help="read at most N sitemaps and feeds, and 5 MB of them each on average (they are not "
                            f"counted in --max-pages). Counted over the whole crawl, e.g. --max-listings 500; "
                            f"default: {LISTINGS_AT_LEAST} + one per {PAGES_PER_LISTING} pages of --max-pages, "
                            f"or {DEFAULT_LISTINGS:,} without it")
    crawl.add_argument("--max-depth", type=non_negative_int, metavar="N",
                       help="follow links at most N clicks from a seed or from a page its sitemaps and feeds "
                            "list, e.g. --max-depth 3 (0: the seeds and their sitemap/feed entries only); "
                            "default: no limit")
    crawl.add_argument("--scope", choices=SCOPE_MODES, default=default_of(CrawlConfig, "scope"),
                       help="which links to follow: the seeds' hosts (host; www. or not), their "
                            "registrable domains with any subdomain (domain), or anything (any), e.g. --scope domain; "
                            f"default: {default_of(CrawlConfig, 'scope')}")
    crawl.add_argument("--include", metavar="REGEX",
                       help="follow only pages whose URL matches this regular expression (the site's sitemaps, "
                            "feeds and requisites are read whatever their URL), e.g. --include '/20[0-9]{2}/'")
    crawl.add_argument("--exclude", metavar="REGEX",
                       help="never fetch a URL matching this regular expression (pages, sitemaps, feeds, requisites, "
                            "redirects; the seeds excepted), e.g. --exclude '/tag/|/author/'")
    crawl.add_argument("--all-pages", action="store_true",
                       help="write a record for every HTML page, not only for articles (home, category and "
                            "tag pages too), e.g. --all-pages")
    crawl.add_argument("--from", dest="date_from", type=date_bound, metavar=DATE_METAVAR,
                       help="keep articles PUBLISHED on or after this day, year or month (the publication date "
                            "the page gives, not the day it is fetched), e.g. --from 2024-01-01 or --from 2024; "
                            "sitemap entries last modified before it are not fetched")
    crawl.add_argument("--to", dest="date_to", type=date_bound, metavar=DATE_METAVAR,
                       help="keep articles PUBLISHED on or before this day, the whole year or month included, "
                            "e.g. --to 2024-12-31 or --to 2024")
    _politeness_options(crawl)
    crawl.set_defaults(run=run_crawl_command, discover=True)


def add_fetch_options(fetch: argparse.ArgumentParser) -> None:
    fetch.add_argument("seeds", nargs="+", metavar="URL", help="the pages to fetch, e.g. https://example.com/story/")
    _output_option(fetch)
    _politeness_options(fetch)
    fetch.set_defaults(run=run_crawl_command, discover=False, max_pages=None, max_listings=None, max_depth=None,
                       scope="any", include=None, exclude=None, all_pages=True, date_from=None, date_to=None)


def _output_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", type=Path, required=True, metavar="DIR",
                         help="the crawl folder (created if needed; an existing one is resumed), e.g. --out runs/example")


def _politeness_options(command: argparse.ArgumentParser) -> None:
    fetch, retry = FetchPolicy(), RetryPolicy()
    delay, concurrency = default_of(CrawlConfig, "delay"), default_of(CrawlConfig, "concurrency")
    command.add_argument("--delay", type=non_negative_float, default=delay, metavar="SECONDS",
                         help="wait between two requests to the same host (a longer robots.txt Crawl-delay wins), "
                              f"e.g. --delay 0.5; default: {delay:g}")
    command.add_argument("--concurrency", type=positive_int, default=concurrency, metavar="N",
                         help="fetch from up to N hosts at once (always one request at a time per host), "
                              f"e.g. --concurrency 8; default: {concurrency}")
    command.add_argument("--user-agent", metavar="UA",
                         help=f"the User-Agent header; name yourself and a contact, so a site can reach you, "
                              f"e.g. --user-agent 'mylab-bot/1.0 (+mailto:me@lab.org)'; default: {USER_AGENT}")
    command.add_argument("--ignore-robots", action="store_true",
                         help="do not obey robots.txt (it is still fetched and archived), e.g. --ignore-robots")
    command.add_argument("--page-requisites", action="store_true",
                         help="also archive the images, stylesheets and scripts each article uses, so a replay "
                              "tool (pywb) shows it whole, e.g. --page-requisites")
    command.add_argument("--timeout", type=positive_float, default=fetch.total_timeout, metavar="SECONDS",
                         help=f"give up on a response not complete after this long (it is retried), "
                              f"e.g. --timeout 20; default: {fetch.total_timeout:g}")
    command.add_argument("--max-size", type=size, default=fetch.max_bytes, metavar="BYTES",
                         help="cap on a response body, as received and once decompressed; a larger one is "
                              f"archived truncated and reported failed, e.g. --max-size 5M; "
                              f"default: {shown_size(fetch.max_bytes)}")
    command.add_argument("--retries", type=non_negative_int, default=retry.retries, metavar="N",
                         help="retry a page up to N times on connection errors, timeouts, 429 and 5xx, with "
                              f"exponential backoff honouring Retry-After, e.g. --retries 5; default: {retry.retries}")
    command.add_argument("--retry-runs", type=positive_int, default=retry.runs, metavar="N",
                         help="a URL that still fails for a reason that can pass (connection error, timeout, 429, "
                              "5xx, robots.txt unreachable) is tried again when the same command is run again, "
                              f"in up to N runs in all (1: never again), e.g. --retry-runs 5; default: {retry.runs}")
    command.add_argument("--quiet", action="store_true",
                         help="no progress bar and no summary (the exit status and DIR/crawl.log remain), e.g. --quiet")


def config_from(args: argparse.Namespace) -> CrawlConfig:
    defaults = FetchPolicy()
    policy = FetchPolicy(
        connect_timeout=min(defaults.connect_timeout, args.timeout),
        read_timeout=min(defaults.read_timeout, args.timeout),
        total_timeout=args.timeout,
        max_bytes=args.max_size,
    )
    return CrawlConfig(
        seeds=tuple(args.seeds), out_dir=args.out, max_pages=args.max_pages, max_listings=args.max_listings,
        max_depth=args.max_depth,
        delay=args.delay, concurrency=args.concurrency, scope=args.scope, include=args.include,
        exclude=args.exclude, user_agent=args.user_agent, obey_robots=not args.ignore_robots,
        all_pages=args.all_pages, date_from=first_day(args.date_from), date_to=last_day(args.date_to),
        page_requisites=args.page_requisites, quiet=args.quiet, discover=args.discover, fetch=policy,
        retry=RetryPolicy(retries=args.retries, runs=args.retry_runs))


def run_crawl_command(args: argparse.Namespace) -> int:
    try:
        summary = run_crawl(config_from(args))
    except KeyboardInterrupt:  # a second Ctrl-C
        print(f"stopped at once; run the same command again to resume from {args.out}", file=sys.stderr)
        end_now(130)
    except (OSError, sqlite3.Error) as error:  # the output folder's disk or database failed
        print(f"scraper {args.command}: stopped: {error}; once fixed, run the same command again to resume",
              file=sys.stderr)
        return 1
    if not args.quiet:
        print(summary_text(summary))
    if summary.interrupted:
        end_now(summary.exit_status)
    return summary.exit_status


def end_now(status: int) -> NoReturn:
    """End the process without waiting for a worker still connecting to a host: the crawl's files
    are closed and its state is safe from any ending (kill -9 included), so nothing is lost."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def summary_text(summary: CrawlSummary) -> str:
    out = summary.out_dir
    lines = [summary.describe()]
    # Only what the crawl made: a crawl that fetched nothing has no snapshots folder.
    lines += [f"{label:<11}{path}" for label, path in (("records:", out / ARTICLES_FILE), ("snapshots:", out / WARC_DIR),
                                                     ("log:", out / LOG_FILE)) if path.exists()]
    if summary.max_pages is not None and summary.pages_counted >= summary.max_pages and summary.queued:
        lines.append(f"--max-pages {summary.max_pages} reached: {count(summary.pages_counted, 'page')} fetched "
                     f"over the whole crawl in {out}, resumes included; resume with a larger --max-pages to go on")
    if summary.listings_unread:
        lines.append(f"{count(summary.listings_unread, 'sitemap or feed', 'sitemaps or feeds')} left unread: the "
                     f"budget of {summary.max_listings} is spent over the whole crawl; resume with a larger "
                     f"--max-listings to read them")
    lines += filter_lines(summary)
    for origin, reason in summary.unreached:
        lines.append(f"not reached: {origin} ({reason}): nothing was fetched from it; running the same command "
                     f"again tries again")
    if summary.failed:
        lines.append(f"failed pages (all of them in {out / 'errors.jsonl'}):")
        lines += [f"  {url}  {reason}" for url, reason in summary.failed[:SUMMARY_FAILURES_SHOWN]]
        if len(summary.failed) > SUMMARY_FAILURES_SHOWN:
            lines.append(f"  ... and {len(summary.failed) - SUMMARY_FAILURES_SHOWN} more")
    if summary.articles_total == 0 and not summary.interrupted:
        lines.append(f"no article written: {why_nothing_was_written(summary)}")
    return "\n".join(lines)


def filter_lines(summary: CrawlSummary) -> list[str]:
    """What the scope, the filters and robots.txt kept out of this run, largest first."""
    lines = []
    if summary.dropped:
        counts = ", ".join(f"{number} {reason}" for reason, number in summary.dropped.most_common())
        lines.append(f"not followed in this run (distinct URLs, by what stopped them): {counts}")
    lines += [f"not written: {count(number, 'article')} {reason}" for reason, number in summary.unwritten.items()]
    return lines


def why_nothing_was_written(summary: CrawlSummary) -> str:
    if summary.pages_fetched == 0 and (summary.unreached or summary.failed):
        return "the site was not reached (see above)"
    if summary.unwritten or summary.dropped:
        return "the filters and the scope kept out what the crawl found (see above)"
    return "no page fetched looked like an article (--all-pages writes a record for every page)"
