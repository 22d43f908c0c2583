"""Sentence boundaries inside a paragraph, for reading an attribution in its own sentence.

A sentence ends at ".", "!" or "?" (and any closing marks) before a space and a capital, but
not after an abbreviation or an initial ("Sen. Marco Rubio", "George W. Bush").
"""
from __future__ import annotations

import re

from .orthography import ABBREVIATED_TITLES, ABBREVIATED_WORDS, CAPITAL

# A sentence ends at . ! or ? followed by a space and a capital, except after an abbreviation.
# Only the first mark of a run may start a match and the runs are taken whole (possessive), so
# that a run of thousands of dots is read once rather than once from each of its dots.
SENTENCE_END = re.compile(rf"(?<![.!?])[.!?]++[”\"’»“)]*+(?=\s+[“\"‘«„¿¡(]?(?:{CAPITAL}|[0-9]))")
# How far past a window the search for its last sentence end reads, so that the lookahead (a
# space and a capital) sees beyond the window without scanning the rest of the paragraph.
LOOKAHEAD_CHARS = 16
# A sentence is read this far at most from the quotation it attributes: an attribution lies
# within a clause or two of its quotation, and a page may hold a "sentence" of any length.
MAX_SENTENCE_CHARS = 1000
# Abbreviations and initials are short: the word before a dot is read back no further.
MAX_ABBREVIATION_CHARS = 8
ABBREVIATIONS = frozenset(word.lower() for word in ABBREVIATED_TITLES + ABBREVIATED_WORDS) | (
    frozenset("vs no u.s u.n u.k d.c jan feb mar apr aug sep sept oct nov dec".split()))


def sentence_start(text: str, lo: int, hi: int) -> int:
    """Where the sentence holding text[hi] starts, not before lo (nor MAX_SENTENCE_CHARS)."""
    lo = max(lo, hi - MAX_SENTENCE_CHARS)
    start = lo
    for match in SENTENCE_END.finditer(text, lo, hi + LOOKAHEAD_CHARS):
        if match.start() >= hi:
            break
        if not is_abbreviation(text, match.start()):
            start = match.end()
    return start


def sentence_end(text: str, lo: int, hi: int) -> int:
    """Where the sentence running at text[lo] ends, not after hi (nor MAX_SENTENCE_CHARS)."""
    hi = min(hi, lo + MAX_SENTENCE_CHARS)
    for match in SENTENCE_END.finditer(text, lo, hi + LOOKAHEAD_CHARS):
        if match.start() >= hi:
            break
        if match.start() > lo and not is_abbreviation(text, match.start()):
            return match.end()
    return hi


def is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start, limit = dot, max(dot - MAX_ABBREVIATION_CHARS, 0)
    while word_start > limit and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    return len(word) == 1 or word in ABBREVIATIONS
