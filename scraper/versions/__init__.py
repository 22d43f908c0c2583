"""What changed in an article between its captures: `scraper changes`.

    >>> from scraper.versions import changes, write_report
    >>> found = list(changes(["runs/example", "runs/story-history/articles.jsonl"]))
    >>> found[0].to_dict()["fields"]          # {"title": {"old": ..., "new": ...}, ...}
    >>> write_report(found, "report.html")    # one self-contained page, versions side by side

The steps, each its own module:
1. `inputs`: the records of crawl, recrawl and wayback folders and JSONL files, indexed by offset;
2. `grouping`: the records of each article, in capture order, incomplete captures left out;
3. `history`: each article's consecutive versions, compared (`comparison`) when their content
   differs: the `fields`, the body cut into `sentences` (compared in their `textform`) and aligned
   (`alignment`), quotes, comments and correction or update `notices`;
4. `changerecord`: the change record (JSON Schema: scraper/schema/change.schema.json);
5. `report`: the HTML page; `command`: `scraper changes`' options and exit status.
"""
from __future__ import annotations

from .changerecord import Change
from .command import run_changes
from .history import changes
from .report import write_report

__all__ = ["Change", "changes", "run_changes", "write_report"]
