"""`scraper parse`: records from WARC/ARC files and saved HTML, on this machine or a Dask cluster."""
from __future__ import annotations

import argparse
import sys

from ..archive.capturefilter import CaptureFilter, normalise_domain
from ..archive.cluster import MANIFEST, run_cluster_parse
from ..archive.parse import ParseConfig, run_parse
from .options import DATE_METAVAR, count, date_bound, positive_int

SUMMARY = "extract records from WARC files and saved HTML, offline"
EXAMPLES = """examples:
  scraper parse runs/example/warc/ --out output/articles.jsonl --workers 2
  scraper parse CC-MAIN-20240101-00000.warc.gz --out output/cc.jsonl
  scraper parse saved/ page.html --out output/saved.jsonl
  scraper parse https://data.commoncrawl.org/crawl-data/CC-NEWS/2024/01/warc.paths.gz --domain example.com --from 2024-01-01 --to 2024-01-07 --out output/ccnews.jsonl
  scraper parse 'collection/*.warc.gz' --dask local --workers 2 --out output/parts/
  scraper parse s3://bucket/warcs/ --dask tcp://scheduler:8786 --out s3://bucket/records/
Remote files (https://, s3:// with the s3 extra) are streamed, never downloaded whole first.
From archives (ours, or others' such as Common Crawl's), the article pages only, once per
canonical URL, exactly as the crawl writes them; every HTML file given becomes a record."""
DASK_HELP = ("spread the input files over a Dask distributed cluster: the scheduler's address (e.g. "
             "--dask tcp://10.0.0.5:8786) or `local` for a cluster of --workers processes on this "
             "machine; --out then names a folder (local or a URL such as s3://bucket/run/) that gets "
             "one part-NNNNN.jsonl per input file and a manifest.json; running it again skips the "
             "parts already done")


def add_parse_options(parse: argparse.ArgumentParser) -> None:
    parse.add_argument("paths", nargs="+", metavar="PATH",
                       help="WARC/ARC files (.warc, .warc.gz, .arc.gz), HTML files, folders of them or globs, "
                            "local or remote (https://, s3://), e.g. runs/example/warc/")
    parse.add_argument("--out", required=True, metavar="FILE.jsonl",
                       help="where to write the records (replaced), e.g. --out output/articles.jsonl; "
                            "with --dask, a folder for the parts")
    parse.add_argument("--workers", type=positive_int, metavar="N",
                       help="extract in N processes (records stay in input order), e.g. --workers 2; default: 1 "
                            "(with --dask local: the number of worker processes, default: one per core)")
    parse.add_argument("--domain", metavar="DOMAIN",
                       help="keep captures of this domain and its subdomains only, e.g. --domain example.com")
    parse.add_argument("--from", dest="date_from", type=date_bound, metavar=DATE_METAVAR,
                       help="keep pages CAPTURED on or after this day, year or month (the capture time: WARC-Date, "
                            "not the date the article was published), e.g. --from 2024-01 or --from 2024-01-15")
    parse.add_argument("--to", dest="date_to", type=date_bound, metavar=DATE_METAVAR,
                       help="keep pages CAPTURED on or before this day, the whole year or month included, "
                            "e.g. --to 2024 (to the end of 2024)")
    parse.add_argument("--dask", metavar="SCHEDULER", help=DASK_HELP)
    parse.add_argument("--all-pages", action="store_true",
                       help="from archives, write every HTML page, not only articles, e.g. --all-pages")
    parse.set_defaults(run=run_parse_command)


def config_from(args: argparse.Namespace) -> ParseConfig:
    keep = CaptureFilter(normalise_domain(args.domain) if args.domain else None, args.date_from, args.date_to)
    return ParseConfig(tuple(map(str, args.paths)), str(args.out), args.workers, args.all_pages, keep, args.dask)


def run_parse_command(args: argparse.Namespace) -> int:
    """0 done, 1 done with unreadable files, records or pages (or failed parts on a cluster)."""
    config = config_from(args)
    if config.dask:
        return _run_on_cluster(config)
    summary = run_parse(config)
    print(f"{count(summary.records, 'record')} written to {summary.out} from {count(summary.files, 'file')} "
          f"({count(summary.pages, 'page')} read, {count(summary.not_articles, 'non-article')}, "
          f"{count(summary.duplicates, 'duplicate')}, {count(summary.skipped, 'other record')} skipped, "
          f"{count(summary.errors, 'error')})")
    return 1 if summary.errors else 0


def _run_on_cluster(config: ParseConfig) -> int:
    summary = run_cluster_parse(config, progress=sys.stderr.isatty())
    errors = sum(part.errors for part in summary.parts)
    print(f"{summary.records} records in {len(summary.parts)} parts under {summary.out} "
          f"({summary.skipped} parts done by an earlier run, {len(summary.failed)} failed, "
          f"{errors} unreadable records or pages) in {summary.seconds:.1f} s; the list is in "
          f"{summary.out.rstrip('/')}/{MANIFEST}")
    for location, reason in summary.failed:
        print(f"  failed: {location}: {reason}", file=sys.stderr)
    return 1 if summary.failed or errors else 0
