"""`scraper wayback`: a URL's (or a site's) history from the Wayback Machine, as dated records."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..archive.capturefilter import check_window
from ..sources.cdx import DEFAULT_CDX_ENDPOINT, MATCH_TYPES, CdxQuery
from ..sources.wayback import DEFAULT_REPLAY_ENDPOINT, WaybackConfig, WaybackSummary, run_wayback
from .options import DATE_METAVAR, date_bound, default_of, non_negative_float, positive_int

SUMMARY = "fetch the captures of a page or a site from the Wayback Machine as dated records"
EXAMPLES = """examples:
  scraper wayback https://example.com/news/story/ --out runs/story-history
  scraper wayback example.com/news/ --match prefix --from 2020 --to 2022 --collapse digest --out runs/news
  scraper wayback example.com --match domain --collapse timestamp:6 --limit 500 --out runs/monthly
One record per capture (fetched_at = the capture time, archive.source = "wayback"), in URL then time
order; the captures are archived in DIR/warc/*.warc.gz, dated at the capture time. Running the same
command on the same --out folder resumes. Another archive speaking the Wayback CDX server API
(JSON output) and id_ replay can be named with --cdx-endpoint and --replay-endpoint.
Exit status: 0 finished, 1 finished with failed captures, 2 usage error, 130 stopped by Ctrl-C."""


def add_wayback_options(parser: argparse.ArgumentParser) -> None:
    delay, retry = default_of(WaybackConfig, "delay"), default_of(WaybackConfig, "retry")
    parser.add_argument("url", metavar="URL-OR-PREFIX",
                        help="the page (or, with --match, the prefix, host or domain) whose captures to fetch, "
                             "e.g. https://example.com/news/story/ or example.com/news/")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="output folder (articles.jsonl, warc/*.warc.gz, state.sqlite); the same command "
                             "on the same folder resumes, e.g. --out runs/history")
    parser.add_argument("--from", dest="date_from", type=date_bound, metavar=DATE_METAVAR,
                        help="the first CAPTURE day, year or month to fetch (the capture time, not the date an "
                             "article was published), e.g. --from 2020 or --from 2020-03-15")
    parser.add_argument("--to", dest="date_to", type=date_bound, metavar=DATE_METAVAR,
                        help="the last CAPTURE day, year or month to fetch, the whole period included, e.g. --to 2022 "
                             "(to the end of 2022)")
    parser.add_argument("--match", choices=MATCH_TYPES, default=default_of(CdxQuery, "match"),
                        help="how URL-OR-PREFIX matches captured URLs: the URL itself (exact), "
                             "every URL under it (prefix), its host, or its domain with subdomains, "
                             f"e.g. --match prefix; default: {default_of(CdxQuery, 'match')}")
    parser.add_argument("--collapse", metavar="RULE",
                        help="skip a capture when this field equals the previous capture's: digest "
                             "(unchanged pages), urlkey (one capture a URL), timestamp:N (one per "
                             "N-digit time prefix), e.g. --collapse digest or --collapse timestamp:8 (one a day)")
    parser.add_argument("--limit", type=positive_int, metavar="N",
                        help="fetch at most N captures in all, e.g. --limit 500; default: no limit")
    parser.add_argument("--cdx-endpoint", default=DEFAULT_CDX_ENDPOINT, metavar="URL",
                        help=f"the CDX server API to list captures from, e.g. --cdx-endpoint "
                             f"http://127.0.0.1:8080/cdx/search/cdx; default: {DEFAULT_CDX_ENDPOINT}")
    parser.add_argument("--replay-endpoint", default=DEFAULT_REPLAY_ENDPOINT, metavar="URL",
                        help=f"the replay prefix to fetch captures from ({{prefix}}/{{timestamp}}id_/{{url}}), "
                             f"e.g. --replay-endpoint http://127.0.0.1:8080/web; default: {DEFAULT_REPLAY_ENDPOINT}")
    parser.add_argument("--delay", type=non_negative_float, default=delay, metavar="SECONDS",
                        help=f"pause between two requests to the archive, e.g. --delay 5; default: "
                             f"{delay:g} (a 429 pauses at least {retry.throttle_wait:g} s whatever this says)")
    parser.add_argument("--user-agent", metavar="UA",
                        help="the User-Agent header, e.g. --user-agent 'mylab-history/1.0 (+mailto:me@lab.org)'; "
                             "default: scraper/VERSION")
    parser.set_defaults(run=run_wayback_command)


def config_from(args: argparse.Namespace) -> WaybackConfig:
    check_window(args.date_from, args.date_to, "capture")
    query = CdxQuery(args.url, args.match, args.date_from.digits if args.date_from else None,
                     args.date_to.digits if args.date_to else None, args.collapse, args.limit)
    return WaybackConfig(query, args.out, args.cdx_endpoint, args.replay_endpoint, args.delay,
                         user_agent=args.user_agent)


def run_wayback_command(args: argparse.Namespace) -> int:
    """0 done, 1 done with failed captures or stopped because the archive would not answer, 130
    stopped by Ctrl-C (run it again to resume)."""
    summary = run_wayback(config_from(args))
    print_summary(summary)
    if summary.interrupted:
        return 130
    return 1 if summary.failed or summary.unavailable else 0


def print_summary(summary: WaybackSummary) -> None:
    if summary.unreachable:
        print(f"the archive could not be reached: {summary.unavailable}; check the network connection "
              f"(or --cdx-endpoint and --replay-endpoint), then run the same command again", file=sys.stderr)
    elif summary.unavailable:
        print(f"the archive is not answering ({summary.unavailable})", file=sys.stderr)
    stopped = summary.interrupted or summary.unavailable
    state = "stopped (run the same command again to resume)" if stopped else "finished"
    print(f"wayback {state}: {summary.records_written} records in {summary.out_dir / 'articles.jsonl'}, "
          f"{summary.captures_listed} captures listed this run, {len(summary.failed)} failed, "
          f"{summary.throttled} throttled, {summary.elapsed:.1f} s")
    for url, reason in summary.failed:
        print(f"  failed: {url}: {reason}")
