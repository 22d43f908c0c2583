"""The `scraper` command line: crawl, fetch, parse, wayback, demo.

Exit status: 0 when the command finished, 1 when it finished with failed pages (listed in the
summary and in DIR/errors.jsonl), 2 for usage errors, 130 when stopped by Ctrl-C (run the same
command again to resume).
"""
from __future__ import annotations

import argparse
import math
import re
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from .._version import __version__
from ..archive import cluster
from ..archive.capturefilter import add_arguments as add_filter_arguments
from ..archive.capturefilter import CaptureFilter
from ..archive.capturefilter import from_arguments as filter_from_arguments
from ..crawl.engine import CrawlConfig, CrawlSummary, CrawlUsageError, parse_day, run_crawl
from ..demo import run_demo
from ..sources.wayback import EXAMPLES as WAYBACK_EXAMPLES
from ..sources.wayback import SUMMARY as WAYBACK_SUMMARY
from ..sources.wayback import add_arguments as add_wayback_arguments
from ..sources.wayback import run as run_wayback_command
from ..crawl.fetcher import USER_AGENT, FetchPolicy
from ..archive.parse import run_parse
SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
SIZE_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}
SUMMARY_FAILURES_SHOWN = 20  # the rest are in DIR/errors.jsonl

CRAWL_EXAMPLES = """examples:
  scraper crawl https://news.example.com/ --out runs/example
  scraper crawl https://news.example.com/sitemap.xml --out runs/example --max-pages 500 --delay 2
  scraper crawl https://blog.example.org/feed/ --out runs/blog --from 2024-01-01 --to 2024-06-30
  scraper crawl https://example.com/ --out runs/ex --scope domain --exclude '/tag/|/author/'
Running the same command on the same --out folder resumes the crawl; limits, delays and the other
options may change, the seeds, --scope, --include and --exclude may not (they decide which pages
belong to the crawl: a resume with others is refused, saying what differs). Output: DIR/articles.jsonl (records), DIR/warc/*.warc.gz
(snapshots), DIR/state.sqlite (crawl state), DIR/errors.jsonl (one line per failed URL), DIR/crawl.log.
Exit status: 0 finished, 1 finished with failed pages, 2 usage error, 130 stopped by Ctrl-C."""

FETCH_EXAMPLES = """examples:
  scraper fetch https://example.com/2024/05/01/story/ --out runs/stories
  scraper fetch $(cat urls.txt) --out runs/stories --delay 0.5
Each HTML page fetched becomes a record (no article test, no link following); other responses
are archived only. Same output files and exit status as `scraper crawl`."""

PARSE_EXAMPLES = """examples:
  scraper parse runs/example/warc/ --out output/articles.jsonl --workers 2
  scraper parse CC-MAIN-20240101-00000.warc.gz --out output/cc.jsonl
  scraper parse saved/ page.html --out output/saved.jsonl
  scraper parse https://data.commoncrawl.org/crawl-data/CC-NEWS/2024/01/warc.paths.gz --domain example.com --from 20240101 --to 20240107 --out output/ccnews.jsonl
  scraper parse 'collection/*.warc.gz' --dask local --workers 2 --out output/parts/
  scraper parse s3://bucket/warcs/ --dask tcp://scheduler:8786 --out s3://bucket/records/
Remote files (https://, s3:// with the s3 extra) are streamed, never downloaded whole first.
From archives (ours, or others' such as Common Crawl's), the article pages only, once per
canonical URL, exactly as the crawl writes them; every HTML file given becomes a record."""

DEMO_EXAMPLES = """example:
  scraper demo
Serves the bundled demo news site (fixtures/site/) on a free 127.0.0.1 port, crawls it into
output/demo/ and prints where the records are and how to load them. A previous demo or crawl
in the --out folder is replaced; a folder holding anything else is left alone (exit status 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scraper", description="Web archive scraper and parser for news and blog sites.",
        epilog="Run `scraper COMMAND --help` for the options of each command, with examples.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"scraper {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    crawl = _command(commands, "crawl", "crawl sites from seed URLs into WARC snapshots and article records",
                     CRAWL_EXAMPLES)
    crawl.add_argument("seeds", nargs="+", metavar="SEED",
                       help="home pages, sitemaps (index, urlset, .xml.gz), RSS/Atom feeds or article URLs, "
                            "e.g. https://news.example.com/")
    _output_option(crawl)
    crawl.add_argument("--max-pages", type=_positive_int, metavar="N",
                       help="fetch at most N pages: the seeds and the pages found in links, sitemaps and "
                            "feeds (robots.txt, sitemaps, feeds and requisites are fetched on top); pages "
                            "listed in sitemaps and feeds come first. Counted over the whole crawl in DIR, "
                            "resumes included: to go further, resume with a larger N, "
                            "e.g. --max-pages 1000; default: no limit")
    crawl.add_argument("--max-depth", type=_non_negative_int, metavar="N",
                       help="follow links at most N clicks from a seed or from a page its sitemaps and feeds "
                            "list, e.g. --max-depth 3 (0: the seeds and their sitemap/feed entries only); "
                            "default: no limit")
    crawl.add_argument("--scope", choices=("host", "domain", "any"), default="host",
                       help="which links to follow: the seeds' hosts (host, the default; www. or not), their "
                            "registrable domains with any subdomain (domain), or anything (any), e.g. --scope domain")
    crawl.add_argument("--include", metavar="REGEX",
                       help="follow only URLs matching this regular expression, e.g. --include '/20[0-9]{2}/'")
    crawl.add_argument("--exclude", metavar="REGEX",
                       help="never follow URLs matching this regular expression, e.g. --exclude '/tag/|/author/'")
    crawl.add_argument("--all-pages", action="store_true",
                       help="write a record for every HTML page, not only for articles (home, category and "
                            "tag pages too), e.g. --all-pages")
    crawl.add_argument("--from", dest="date_from", type=_day, metavar="DATE",
                       help="keep articles published on or after DATE (YYYY-MM-DD), e.g. --from 2024-01-01; "
                            "sitemap entries last modified before it are not fetched")
    crawl.add_argument("--to", dest="date_to", type=_day, metavar="DATE",
                       help="keep articles published on or before DATE (YYYY-MM-DD), e.g. --to 2024-12-31")
    _politeness_options(crawl)
    crawl.set_defaults(run=run_crawl_command, discover=True)

    fetch = _command(commands, "fetch", "fetch a list of pages (no link following) into WARC and records",
                     FETCH_EXAMPLES)
    fetch.add_argument("seeds", nargs="+", metavar="URL", help="the pages to fetch, e.g. https://example.com/story/")
    _output_option(fetch)
    _politeness_options(fetch)
    fetch.set_defaults(run=run_crawl_command, discover=False, max_pages=None, max_depth=None, scope="any",
                       include=None, exclude=None, all_pages=True, date_from=None, date_to=None)

    parse = _command(commands, "parse", "extract records from WARC files and saved HTML, offline", PARSE_EXAMPLES)
    parse.add_argument("paths", nargs="+", metavar="PATH",
                       help="WARC/ARC files (.warc, .warc.gz, .arc.gz), HTML files, folders of them or globs, "
                            "local or remote (https://, s3://), e.g. runs/example/warc/")
    parse.add_argument("--out", required=True, metavar="FILE.jsonl",
                       help="where to write the records (replaced), e.g. --out output/articles.jsonl; "
                            "with --dask, a folder for the parts")
    parse.add_argument("--workers", type=_positive_int, metavar="N",
                       help="extract in N processes (records stay in input order), e.g. --workers 2; default: 1 "
                            "(with --dask local: the number of worker processes, default: one per core)")
    add_filter_arguments(parse)
    cluster.add_arguments(parse)
    parse.add_argument("--all-pages", action="store_true",
                       help="from archives, write every HTML page, not only articles, e.g. --all-pages")
    parse.set_defaults(run=run_parse_command)

    wayback = _command(commands, "wayback", WAYBACK_SUMMARY, WAYBACK_EXAMPLES)
    add_wayback_arguments(wayback)
    wayback.set_defaults(run=run_wayback_command)

    demo = _command(commands, "demo", "serve the bundled demo site on 127.0.0.1 and crawl it", DEMO_EXAMPLES)
    demo.add_argument("--out", type=Path, default=Path("output/demo"), metavar="DIR",
                      help="where the demo crawl writes, e.g. --out /tmp/demo; default: output/demo. It must "
                           "be new, empty, or hold a previous demo or crawl (which is replaced)")
    demo.add_argument("--quiet", action="store_true",
                      help="print nothing but errors; the exit status says how it went, e.g. --quiet")
    demo.set_defaults(run=run_demo_command)
    return parser


def _command(commands, name: str, summary: str, examples: str) -> argparse.ArgumentParser:
    return commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".",
                               epilog=examples, formatter_class=argparse.RawDescriptionHelpFormatter)


def _output_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", type=Path, required=True, metavar="DIR",
                         help="the crawl folder (created if needed; an existing one is resumed), e.g. --out runs/example")


def _politeness_options(command: argparse.ArgumentParser) -> None:
    defaults = FetchPolicy()
    command.add_argument("--delay", type=_non_negative_float, default=1.0, metavar="SECONDS",
                         help="wait between two requests to the same host (a longer robots.txt Crawl-delay wins), "
                              "e.g. --delay 0.5; default: 1")
    command.add_argument("--concurrency", type=_positive_int, default=4, metavar="N",
                         help="fetch from up to N hosts at once (always one request at a time per host), "
                              "e.g. --concurrency 8; default: 4")
    command.add_argument("--user-agent", metavar="UA",
                         help=f"the User-Agent header; name yourself and a contact, so a site can reach you, "
                              f"e.g. --user-agent 'mylab-bot/1.0 (+mailto:me@lab.org)'; default: {USER_AGENT}")
    command.add_argument("--ignore-robots", action="store_true",
                         help="do not obey robots.txt (it is still fetched and archived), e.g. --ignore-robots")
    command.add_argument("--page-requisites", action="store_true",
                         help="also archive the images, stylesheets and scripts each article uses, so a replay "
                              "tool (pywb) shows it whole, e.g. --page-requisites")
    command.add_argument("--timeout", type=_positive_float, default=defaults.total_timeout, metavar="SECONDS",
                         help=f"give up on a response not complete after this long (it is retried), "
                              f"e.g. --timeout 20; default: {defaults.total_timeout:g}")
    command.add_argument("--max-size", type=_size, default=defaults.max_bytes, metavar="BYTES",
                         help="cap on a response body, as received and once decompressed; a larger one is "
                              "archived truncated and reported failed, e.g. --max-size 5M; default: 20M")
    command.add_argument("--retries", type=_non_negative_int, default=defaults.retries, metavar="N",
                         help="retry a page up to N times on connection errors, timeouts, 429 and 5xx, with "
                              f"exponential backoff honouring Retry-After, e.g. --retries 5; default: {defaults.retries}")
    command.add_argument("--quiet", action="store_true",
                         help="no progress bar and no summary (the exit status and DIR/crawl.log remain), e.g. --quiet")


def config_from(args: argparse.Namespace) -> CrawlConfig:
    defaults = FetchPolicy()
    policy = FetchPolicy(
        connect_timeout=min(defaults.connect_timeout, args.timeout),
        read_timeout=min(defaults.read_timeout, args.timeout),
        total_timeout=args.timeout,
        max_bytes=args.max_size,
        retries=args.retries,
    )
    return CrawlConfig(
        seeds=tuple(args.seeds), out_dir=args.out, max_pages=args.max_pages, max_depth=args.max_depth,
        delay=args.delay, concurrency=args.concurrency, scope=args.scope, include=args.include,
        exclude=args.exclude, user_agent=args.user_agent, obey_robots=not args.ignore_robots,
        all_pages=args.all_pages, date_from=args.date_from, date_to=args.date_to,
        page_requisites=args.page_requisites, quiet=args.quiet, discover=args.discover, fetch=policy)


def run_crawl_command(args: argparse.Namespace) -> int:
    try:
        summary = run_crawl(config_from(args))
    except CrawlUsageError as error:
        print(f"scraper {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"stopped at once; run the same command again to resume from {args.out}", file=sys.stderr)
        return 130
    except (OSError, sqlite3.Error) as error:  # the output folder's disk or database failed
        print(f"scraper {args.command}: stopped: {error}; once fixed, run the same command again to resume",
              file=sys.stderr)
        return 1
    if not args.quiet:
        print(summary_text(summary))
    return summary.exit_status


def summary_text(summary: CrawlSummary) -> str:
    out = summary.out_dir
    state = "stopped (run the same command again to resume)" if summary.interrupted else "finished"
    lines = [
        f"crawl {state} in {summary.elapsed:.1f} s: {_count(summary.pages_fetched, 'response')} fetched "
        f"(robots.txt, sitemaps and feeds included), "
        f"{summary.articles_written} articles written ({summary.articles_total} in {out / 'articles.jsonl'}), "
        f"{len(summary.failed)} failed, {summary.skipped} skipped, {summary.queued} left in the queue",
        f"records:   {out / 'articles.jsonl'}",
        f"snapshots: {out / 'warc'}/",
        f"log:       {out / 'crawl.log'}",
    ]
    if summary.max_pages is not None and summary.pages_counted >= summary.max_pages and summary.queued:
        lines.append(f"--max-pages {summary.max_pages} reached: {_count(summary.pages_counted, 'page')} fetched "
                     f"over the whole crawl in {out}, resumes included; resume with a larger --max-pages to go on")
    if summary.failed:
        lines.append(f"failed pages (all of them in {out / 'errors.jsonl'}):")
        lines += [f"  {url}  {reason}" for url, reason in summary.failed[:SUMMARY_FAILURES_SHOWN]]
        if len(summary.failed) > SUMMARY_FAILURES_SHOWN:
            lines.append(f"  ... and {len(summary.failed) - SUMMARY_FAILURES_SHOWN} more")
    return "\n".join(lines)


def run_parse_command(args: argparse.Namespace) -> int:
    try:
        keep = _capture_filter(args)
    except ValueError as error:  # a bad or inverted date
        return _parse_usage_error(error)
    if args.dask:
        return cluster.run(args)
    try:
        summary = run_parse(args.paths, Path(args.out), workers=args.workers or 1, all_pages=args.all_pages,
                            keep=keep)
    except (ValueError, FileNotFoundError) as error:  # an input that names nothing
        return _parse_usage_error(error)
    print(f"{_count(summary.records, 'record')} written to {summary.out} from {_count(summary.files, 'file')} "
          f"({_count(summary.pages, 'page')} read, {_count(summary.not_articles, 'non-article')}, "
          f"{_count(summary.duplicates, 'duplicate')}, {_count(summary.skipped, 'other record')} skipped, "
          f"{_count(summary.errors, 'error')})")
    return 1 if summary.errors else 0


def _capture_filter(args: argparse.Namespace) -> CaptureFilter:
    """The --domain/--from/--to filter; ValueError for a bad date or a window that keeps nothing."""
    keep = filter_from_arguments(args)
    if keep.start is not None and keep.end is not None and keep.end.after <= keep.start.first:
        raise ValueError(f"--from {args.date_from} is after --to {args.date_to}: no capture could be kept (swap them?)")
    return keep


def _parse_usage_error(error: Exception) -> int:
    print(f"scraper parse: error: {error}", file=sys.stderr)
    return 2


def _count(number: int, noun: str) -> str:
    """"1 file", "2 files": the noun in the plural unless there is exactly one."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def run_demo_command(args: argparse.Namespace) -> int:
    return run_demo(args.out, quiet=args.quiet)


# The option types say what they expect when a value is not a number at all: argparse would
# otherwise name the function ("invalid _number value: 'abc'").
def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r} (e.g. 10)") from None


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a number: {text!r} (e.g. 0.5)")
    return value


def _checked(parse: Callable[[str], float], allowed: Callable[[float], bool], requirement: str) -> Callable[[str], float]:
    """An option type: what `parse` reads, refused unless `allowed` ("must be 1 or more, not 0")."""
    def option_type(text: str) -> float:
        value = parse(text)
        if not allowed(value):
            shown = value if isinstance(value, int) else f"{value:g}"
            raise argparse.ArgumentTypeError(f"must be {requirement}, not {shown}")
        return value
    return option_type


_positive_int = _checked(_whole_number, lambda value: value >= 1, "1 or more")
_non_negative_int = _checked(_whole_number, lambda value: value >= 0, "0 or more")
_non_negative_float = _checked(_number, lambda value: value >= 0, "0 or more")
_positive_float = _checked(_number, lambda value: value > 0, "more than 0")


def _size(text: str) -> int:
    """A byte count: 1048576, 512K, 20M or 1G."""
    match = SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 500000, 512K, 20M)")
    value = int(float(match.group(1)) * SIZE_UNITS[match.group(2).lower()])
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1 byte")
    return value


def _day(text: str) -> str:
    try:
        return parse_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD, e.g. 2024-01-31)") from None


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except KeyboardInterrupt:  # Ctrl-C outside a crawl (which handles its own): no traceback
        print("scraper: stopped by Ctrl-C", file=sys.stderr)
        return 130

