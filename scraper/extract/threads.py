"""Comment threads no markup gave away: runs of dated entries after the article's text.

A comment section the comments step did not recognise (no "comment" in its class names, no
schema.org Comment, a platform it does not know) still looks like one: sibling boxes built alike
(the same tag and class), each with a short line that carries a date and a time or how long ago
(the commenter's name and when they wrote) and some prose under it. Such a run after the
article's own paragraphs is its readers' thread. The same run opening the text is the article
itself (a live blog's entries, a forum's posts), so the writer leaves out a run only when the
article's text came before it. Read from the measure of the pruned page: no pass of its own.
"""
from __future__ import annotations

import re
from itertools import islice

import lxml.html

from .blocks import MIN_PROSE_LENGTH, Measure
from .boilerplate import MAX_DATE_LINE_LENGTH, is_date_line

MAX_ENTRY_DEPTH = 4             # the date line sits this close under its entry's box
MIN_ENTRY_TEXT = 2 * MIN_PROSE_LENGTH  # the entry says something besides the date line
MIN_RUN = 2                     # entries built alike in one box: a thread
ENTRY_TAGS = frozenset(("div", "li", "article", "section"))  # a table's rows are data, not comments
# A comment says when it was written to the minute, or how long ago: an event list or a changelog
# gives days.
TIME_OF_WRITING = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d+\s*(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\bvor\s+\d+\s+(minuten|stunden|tagen|wochen|monaten|jahren)\b|\bil y a\s+\d+|\bhace\s+\d+",
    re.IGNORECASE)
MAX_DATE_LINES = 500            # more timed lines than any thread shows: the rest are not read


def find_dated_entries(measure: Measure) -> frozenset:
    """The boxes that are entries of a run: each holds a date line and text besides it, and has a
    sibling built alike that does too. The time of writing is one short text of the line
    ("<a>Ann</a> <span>May 3, 2025 at 9:14</span>"): the lines are looked for around those."""
    runs: dict = {}
    seen: set = set()
    times = (holder for holder, text in measure.short_texts if TIME_OF_WRITING.search(text) is not None)
    for holder in islice(times, MAX_DATE_LINES):
        line = date_line_around(holder, measure)
        if line is None or line in seen:
            continue
        seen.add(line)
        entry, line_length = line, measure.text.get(line, 0)
        for _ in range(MAX_ENTRY_DEPTH):
            entry = entry.getparent()
            if entry is None:
                break
            if measure.text.get(entry, 0) - line_length >= MIN_ENTRY_TEXT:
                parent = entry.getparent()
                if parent is not None and entry.tag in ENTRY_TAGS and entry not in seen:
                    seen.add(entry)
                    runs.setdefault((parent, entry.tag, entry.get("class")), []).append(entry)
                break
    return frozenset(entry for run in runs.values() if len(run) >= MIN_RUN for entry in run)


def date_line_around(element: lxml.html.HtmlElement | None, measure: Measure) -> lxml.html.HtmlElement | None:
    """The element, or a close ancestor, whose short text is a date line: the date may be split
    over elements ("<a>Ann Lee</a> <span>May 3, 2025</span>")."""
    for _ in range(MAX_ENTRY_DEPTH):
        if element is None or measure.text.get(element, 0) > MAX_DATE_LINE_LENGTH:
            return None
        if is_date_line(" ".join(element.text_content().split())):
            return element
        element = element.getparent()
    return None
