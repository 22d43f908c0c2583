"""The `scraper` command line: crawl, fetch, parse, wayback, demo.

All of argparse lives here: each command's module reads its options into the library's config
dataclass (`CrawlConfig`, `ParseConfig`, `WaybackConfig`) and prints its summary; the library never
sees a Namespace. Logging is configured here too, and only here.

Exit status: 0 when the command finished, 1 when it finished with failed pages (listed in the
summary and in DIR/errors.jsonl), 2 for usage errors (argparse's, and `scraper.errors.UsageError`:
nothing else), 130 when stopped by Ctrl-C, 143 by SIGTERM (run the same command again to resume).
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

from .._version import __version__
from ..demo import DEMO_OUT, run_demo
from ..errors import UsageError
from .crawl import CRAWL_EXAMPLES, CRAWL_SUMMARY, FETCH_EXAMPLES, FETCH_SUMMARY, add_crawl_options, add_fetch_options
from .parse import EXAMPLES as PARSE_EXAMPLES
from .parse import SUMMARY as PARSE_SUMMARY
from .parse import add_parse_options
from .wayback import EXAMPLES as WAYBACK_EXAMPLES
from .wayback import SUMMARY as WAYBACK_SUMMARY
from .wayback import add_wayback_options

PACKAGE_LOGGER = "scraper"
# The crawl writes what happened to DIR/crawl.log (its own handler), the progress bar and the
# summary to the terminal; the other commands print their warnings (an unreadable record, a
# capture the archive would not serve) as they happen.
LOGS_TO_TERMINAL = frozenset({"parse", "wayback"})

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
    add_crawl_options(_command(commands, "crawl", CRAWL_SUMMARY, CRAWL_EXAMPLES))
    add_fetch_options(_command(commands, "fetch", FETCH_SUMMARY, FETCH_EXAMPLES))
    add_parse_options(_command(commands, "parse", PARSE_SUMMARY, PARSE_EXAMPLES))
    add_wayback_options(_command(commands, "wayback", WAYBACK_SUMMARY, WAYBACK_EXAMPLES))
    demo = _command(commands, "demo", "serve the bundled demo site on 127.0.0.1 and crawl it", DEMO_EXAMPLES)
    demo.add_argument("--out", type=Path, default=DEMO_OUT, metavar="DIR",
                      help=f"where the demo crawl writes, e.g. --out /tmp/demo; default: {DEMO_OUT}. It must "
                           "be new, empty, or hold a previous demo or crawl (which is replaced)")
    demo.add_argument("--quiet", action="store_true",
                      help="print nothing but errors; the exit status says how it went, e.g. --quiet")
    demo.set_defaults(run=run_demo_command)
    return parser


def _command(commands, name: str, summary: str, examples: str) -> argparse.ArgumentParser:
    return commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".",
                               epilog=examples, formatter_class=argparse.RawDescriptionHelpFormatter)


def run_demo_command(args: argparse.Namespace) -> int:
    return run_demo(args.out, quiet=args.quiet)


@contextlib.contextmanager
def configured_logging(command: str) -> Iterator[None]:
    """The package logger at INFO (the crawl log records what happened), and, for the commands
    that have no log file, warnings on stderr; as it was again afterwards."""
    logger = logging.getLogger(PACKAGE_LOGGER)
    level = logger.level
    logger.setLevel(logging.INFO)
    terminal = None
    if command in LOGS_TO_TERMINAL:
        terminal = logging.StreamHandler(sys.stderr)
        terminal.setLevel(logging.WARNING)
        logger.addHandler(terminal)
    try:
        yield
    finally:
        if terminal is not None:
            logger.removeHandler(terminal)
        logger.setLevel(level)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with configured_logging(args.command):
            return args.run(args)
    except UsageError as error:
        print(f"scraper {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C outside a crawl (which handles its own): no traceback
        print("scraper: stopped by Ctrl-C", file=sys.stderr)
        return 130
