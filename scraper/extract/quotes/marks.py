"""Quotation marks: pair them into the spans of quoted text, paragraph by paragraph.

Conventions handled: English curly “…” and straight "…" marks, French and Russian « … »
(and the German » … «), German and Central European „ … “ / „ … ”, and the newspaper rule
that a quotation running over several paragraphs re-opens each paragraph without closing the
previous one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MARK = re.compile(r'["“”„«»]')
# Inline markup left in the text (<tweet author="x">): its attribute quotes are not quotation marks.
MARKUP_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")

# Characters after which a straight quote opens rather than closes: start of a clause.
OPENING_CONTEXT = set(" \t\n([{—–-/")
# Characters before which a straight quote closes rather than opens: end of a word or clause.
CLOSING_CONTEXT = set(" \t\n.,;:!?)]}—–-…/")

# Which closing marks end a quotation opened by each mark. The straight quote and the curly
# marks are mixed freely in real copy (“…" is common), so they close one another.
CLOSERS = {
    '"': '"”“',
    "“": '"”“',
    "„": '“”"',
    "«": "»",
    "»": "«",
    "”": '”"',
}


@dataclass(frozen=True)
class Span:
    """A stretch of quoted text inside one paragraph; offsets are in the paragraph."""

    start: int
    end: int
    closed: bool  # False when the paragraph ends with the quotation still open
    continued: bool = False  # True when it carries on a quotation left open in the paragraph before


def can_open(text: str, i: int) -> bool:
    """Whether the mark at i may open a quotation: at the start of a clause, before a word."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in OPENING_CONTEXT or (not after.isspace() and not before.isalnum())


def can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() or after in CLOSING_CONTEXT


def open_mark_at(text: str, i: int) -> bool:
    """Whether the mark at position i opens a quotation (as opposed to closing one)."""
    mark = text[i]
    if mark in "“„«":
        return True
    if mark == "»":  # German »…« opens with »; French «…» closes with it
        return can_open(text, i) and not can_close(text, i)
    if mark == "”":  # Swedish and Finnish ”…”: opens only at the start of a clause
        return can_open(text, i) and not can_close(text, i)
    return can_open(text, i)


def spans_in(text: str, continued: bool = False) -> list[Span]:
    """Pair the marks of one paragraph, left to right; an unclosed quotation runs to the end."""
    spans: list[Span] = []
    opened_at = -1
    opener = ""
    tags = markup_ranges(text)
    tag = 0
    for match in MARK.finditer(text):
        i = match.start()
        while tag < len(tags) and tags[tag][1] <= i:
            tag += 1
        if tag < len(tags) and tags[tag][0] < i:
            continue  # inside a tag: an attribute's quote
        mark = text[i]
        if opened_at < 0:
            if open_mark_at(text, i):
                opened_at, opener = i + 1, mark
            continue
        if mark in CLOSERS.get(opener, "") and can_close(text, i):
            spans.append(Span(opened_at, i, True, continued and not spans))
            opened_at = -1
        elif mark in '"“' and open_mark_at(text, i):
            # A mark that can only open while a quotation is open: the earlier mark was stray
            # (a typo or a mark left open), so the quotation starts again here.
            opened_at, opener = i + 1, mark
    if opened_at >= 0:
        spans.append(Span(opened_at, len(text.rstrip()), False, continued and not spans))
    return spans


def markup_ranges(text: str) -> list[tuple[int, int]]:
    if "<" not in text:
        return []
    return [match.span() for match in MARKUP_TAG.finditer(text)]


def starts_with_quotation(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in '"“„«»”' and open_mark_at(stripped, 0)
