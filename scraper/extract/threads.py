"""Comment threads no markup gave away: runs of dated entries after the article's text.

A comment section the comments step did not recognise (no "comment" in its class names, no
schema.org Comment, a platform it does not know) still looks like one: sibling boxes built alike
(the same tag and class), each with a short line that carries a date and a time or how long ago
(the commenter's name and when they wrote) and some prose under it. Such a run after the article's own paragraphs is its readers'
thread. The same run opening the text is the article itself (a live blog's entries, a forum's
posts), so the writer leaves out a run only when the article's text came before it.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .blocks import MIN_PROSE_LENGTH
from .boilerplate import MAX_DATE_LINE_LENGTH, is_date_line

MAX_ENTRY_DEPTH = 4             # the date line sits this close under its entry's box
MIN_ENTRY_TEXT = 2 * MIN_PROSE_LENGTH  # the entry says something besides the date line
MIN_RUN = 2                     # entries built alike in one box: a thread
ENTRY_TAGS = frozenset(("div", "li", "article", "section"))  # a table's rows are data, not comments
# A comment says when it was written to the minute, or how long ago: an event list or a changelog
# gives days.
TIME_OF_WRITING = re.compile(
    r"\b\d{1,2}[:.h]\d{2}\b|\b\d+\s*(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\bvor\s+\d+\s+(minuten|stunden|tagen|wochen|monaten|jahren)\b|\bil y a\s+\d+|\bhace\s+\d+",
    re.IGNORECASE)
MAX_DATE_LINES = 500            # more short dated texts than any thread shows: the rest are not read
# Short texts with a digit, picked in C: the candidates for a date line.
SHORT_TEXTS_WITH_DIGITS = lxml.etree.XPath(
    f"descendant::text()[string-length(normalize-space()) <= {MAX_DATE_LINE_LENGTH}"
    " and translate(., '0123456789', '') != .]")


def find_dated_entries(body: lxml.html.HtmlElement) -> frozenset:
    """The boxes that are entries of a run: each holds a date line and text besides it, and has a
    sibling built alike that does too. Read before the chrome is pruned: the line with the name
    and the date often carries a class word of post meta."""
    runs: dict = {}
    seen: set = set()
    for text in SHORT_TEXTS_WITH_DIGITS(body)[:MAX_DATE_LINES]:
        holder = text.getparent()
        if holder is None:
            continue
        if text.is_tail:
            holder = holder.getparent()
        line = date_line_around(holder)
        if line is None or line in seen:
            continue
        seen.add(line)
        entry, enough = line, len(short_text(line, MAX_DATE_LINE_LENGTH)) + MIN_ENTRY_TEXT
        for _ in range(MAX_ENTRY_DEPTH):
            entry = entry.getparent()
            if entry is None:
                break
            if short_text(entry, enough) is None:  # longer than the line and some text besides
                parent = entry.getparent()
                if parent is not None and entry.tag in ENTRY_TAGS and entry not in seen:
                    seen.add(entry)
                    runs.setdefault((parent, entry.tag, entry.get("class")), []).append(entry)
                break
    return frozenset(entry for run in runs.values() if len(run) >= MIN_RUN for entry in run)


def date_line_around(element: lxml.html.HtmlElement | None) -> lxml.html.HtmlElement | None:
    """The element, or a close ancestor, whose short text is a date line: the date may be split
    over elements ("<a>Ann Lee</a> <span>May 3, 2025</span>")."""
    for _ in range(MAX_ENTRY_DEPTH):
        if element is None:
            return None
        text = short_text(element, MAX_DATE_LINE_LENGTH)
        if text is None:
            return None
        if is_date_line(text) and TIME_OF_WRITING.search(text):
            return element
        element = element.getparent()
    return None


def short_text(element: lxml.html.HtmlElement, limit: int) -> str | None:
    """The element's text, whitespace collapsed, if it is at most about `limit` characters (a space
    counted between each two words); else None. Reads no more of the element than that: an
    ancestor may hold the whole page."""
    pieces, length = [], 0
    for piece in element.itertext():
        words = piece.split()
        length += sum(map(len, words)) + len(words)
        if length > limit + 1:
            return None
        pieces.append(piece)
    return " ".join("".join(pieces).split())
