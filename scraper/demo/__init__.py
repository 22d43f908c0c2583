"""`scraper demo`: crawl the bundled demo news site, with no internet, into output/demo/.

The steps:
1. start afresh: the output folder must be new, empty or hold a previous demo or crawl, which is
   cleared (the demo site's port changes from run to run, so an old crawl there could not be
   resumed); a folder holding anything else is left alone and the demo refuses to run;
2. serve fixtures/site/ (an invented local newspaper: home page, categories with pagination, tag
   and author pages, 24 articles with chrome, quotes and comments, a sitemap index, an RSS feed,
   and a robots.txt that forbids /private/) on a free 127.0.0.1 port;
3. crawl it like any site, politely but with a short delay;
4. say where the records and snapshots are, and how to load them, in commands that work as
   printed (the scraper and python of the environment running the demo).
"""
from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import sys
from pathlib import Path

from ..crawler.engine import ARTICLES_FILE, ERRORS_FILE, LOG_FILE, STATE_FILE, WARC_DIR, CrawlConfig, run_crawl
from ..crawler.folderlock import LOCK_FILE
from ..errors import UsageError
from .siteserver import serve_site

DEMO_SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"
DEMO_OUT = Path("output/demo")
DEMO_DELAY = 0.05  # seconds between requests: polite in form, quick on loopback
REPARSED_FILE = "reparsed.jsonl"  # where the printed `scraper parse` hint writes
# What a crawl (and the demo's hint) leaves in its folder, SQLite's journal files included: a
# folder holding only these is a previous run, which the demo may clear; anything else is the
# user's, and is never deleted.
RUN_FILES = frozenset({ARTICLES_FILE, ERRORS_FILE, LOG_FILE, REPARSED_FILE, LOCK_FILE,
                       STATE_FILE, f"{STATE_FILE}-wal", f"{STATE_FILE}-shm", f"{STATE_FILE}-journal"})
WARC_SUFFIXES = (".warc.gz", ".warc")


def run_demo(out_dir: Path = DEMO_OUT, quiet: bool = False) -> int:
    """Crawl the demo site into `out_dir`; the crawl's exit status (0: finished, 1: failed pages).
    UsageError when the demo site is missing or `out_dir` holds something other than a previous run."""
    if not (DEMO_SITE / "index.html").is_file():
        raise UsageError(f"the demo site is missing: {DEMO_SITE} (run the demo from a checkout of the project)")
    problem = unusable_folder(out_dir)
    if problem is not None:
        raise UsageError(f"{problem}; choose another folder, "
                         f"e.g. --out {shlex.quote(str(out_dir.with_name(out_dir.name + '-demo')))}")
    clear_previous_run(out_dir)
    with serve_site(DEMO_SITE) as server:
        if not quiet:
            print(f"Serving the demo site ({DEMO_SITE}) at {server.base_url}/")
        summary = run_crawl(CrawlConfig(seeds=(server.base_url + "/",), out_dir=out_dir, delay=DEMO_DELAY, quiet=quiet))
    if not quiet:
        print(next_steps(summary.articles_written, out_dir))
    return 1 if summary.failed else 0


def unusable_folder(out_dir: Path) -> str | None:
    """Why the demo may not write into `out_dir`, or None: it is new, empty or a previous run."""
    if not out_dir.exists():
        return None
    if not out_dir.is_dir():
        return f"{out_dir} exists and is not a folder"
    foreign = sorted(entry.name for entry in out_dir.iterdir() if not _written_by_a_run(entry))
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        return (f"{out_dir} holds files that no demo or crawl wrote ({shown}); the demo clears its folder "
                f"and will not delete them")
    return None


def clear_previous_run(out_dir: Path) -> None:
    """Delete what a previous run left in `out_dir` (checked by `unusable_folder`), keeping the
    folder itself: it may be a mount point or a link the user made."""
    if not out_dir.exists():
        return
    for entry in out_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _written_by_a_run(entry: Path) -> bool:
    if entry.name == WARC_DIR and entry.is_dir() and not entry.is_symlink():
        return all(part.is_file() and part.name.endswith(WARC_SUFFIXES) for part in entry.iterdir())
    return entry.name in RUN_FILES and entry.is_file()


def next_steps(articles: int, out_dir: Path) -> str:
    """Where the results are, and commands to use them that run as printed, from this checkout."""
    records = out_dir / ARTICLES_FILE
    python = _shown_path(Path(sys.executable))
    load = (f"{python} -c \"import pandas; print(pandas.read_json({str(records)!r}, lines=True)"
            f"[['title', 'authors', 'published']])\"")
    if importlib.util.find_spec("pandas") is None:
        load += f"\n                     (needs pandas: {python} -m pip install pandas)"
    reparse = f"{_scraper_command()} parse {shlex.quote(str(out_dir / WARC_DIR))} " \
              f"--out {shlex.quote(str(out_dir / REPARSED_FILE))}"
    return f"""
{articles} article records: {records}
WARC snapshots:      {out_dir / WARC_DIR}/
Load the records:    {load}
Parse them again:    {reparse}"""


def _scraper_command() -> str:
    """The `scraper` script next to this Python (a venv's bin/, which need not be on PATH), else
    the module run by this Python."""
    script = Path(sys.executable).parent / ("scraper.exe" if os.name == "nt" else "scraper")
    if script.is_file():
        return _shown_path(script)
    return f"{_shown_path(Path(sys.executable))} -m scraper"


def _shown_path(path: Path) -> str:
    """A path as short as it can be shown: relative to the current folder when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        shown = str(absolute.relative_to(Path.cwd()))
    except ValueError:
        shown = str(absolute)
    if os.sep not in shown:  # a bare name would be looked up on PATH instead
        shown = os.curdir + os.sep + shown
    return shlex.quote(shown)
