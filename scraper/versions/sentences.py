"""A body as paragraphs of sentences, in one linear pass.

The record's body holds paragraphs joined by a blank line. Each paragraph is cut into sentences:
1. a boundary candidate is a run of terminators (. ! ? …) with its closing quotes and brackets,
   followed by white space; the CJK terminators (。！？) need no space after them;
2. no candidate is a boundary when the next word starts in lower case ("5 p.m. on Tuesday"), and a
   single "." is none after a title or a month ("Mr.", "Jan."), an initial ("J. Smith") or a
   dotted shorthand ("U.S.", "z.B.");
3. a sentence longer than MAX_SENTENCE_CHARS is cut at a space, so that a body without punctuation
   (a list, a table flattened to text, a hostile page) cannot make one huge unit that the word
   diff of the report and the similarity of the alignment would have to chew on whole.
Every step looks at a bounded window around a candidate; the candidate pattern starts only at the
first character of a run (the look-behind) and takes its runs whole (possessive quantifiers), so a
long run of dots or spaces costs its length once, never its square.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .textform import comparison_form

MAX_SENTENCE_CHARS = 600
TERMINATORS = ".!?…"
CJK_TERMINATORS = "。！？"
CLOSERS = "\"'”’»)]"
OPENERS = "\"'“‘«([¿¡"
_T, _C = re.escape(TERMINATORS), re.escape(CLOSERS)
CANDIDATE = re.compile(rf"(?<![{_T}])[{_T}]++[{_C}]*+\s++|[{CJK_TERMINATORS}]++[{_C}]*+\s*+")
# How far back from a "." the word before it is looked for.
WORD_BEFORE_CHARS = 24
# Words that end in a dot and are followed by a name or a number, never by a new sentence, in the
# languages the extractor reads (lower case, without the final dot): titles and months.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp
jan feb mar apr jun jul aug sep sept oct nov dec no nos nr vol pp fig art abs vs cf ca approx
hr fr frau herr mme mlle mm sra srta dña dott avv ing sig
""".split())
# An acronym or shorthand with inner dots: "U.S", "z.B", "e.g", "a.m" (each part one or two letters).
DOTTED_SHORTHAND = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")


@dataclass(frozen=True)
class Sentence:
    text: str  # as the body has it
    form: str  # its comparison form (textform): what equality and similarity are decided on
    paragraph: int  # index of its paragraph in the body
    index: int  # index of the sentence in the whole body


def paragraphs(body: str) -> list[str]:
    """The body's paragraphs: runs of non-blank lines (a line break inside one is a space)."""
    found: list[str] = []
    lines: list[str] = []
    for line in body.split("\n"):
        if line.strip():
            lines.append(line.strip())
        elif lines:
            found.append(" ".join(lines))
            lines = []
    if lines:
        found.append(" ".join(lines))
    return found


def split_body(body: str | None) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs(body or "")):
        for text in sentence_texts(paragraph):
            form = comparison_form(text)
            if form:
                sentences.append(Sentence(text=text, form=form, paragraph=number, index=len(sentences)))
    return tuple(sentences)


def sentence_texts(paragraph: str) -> Iterator[str]:
    start = 0
    for match in CANDIDATE.finditer(paragraph):
        if match.end() >= len(paragraph) or not is_boundary(paragraph, match):
            continue
        yield from cut_long(paragraph[start:match.end()].strip())
        start = match.end()
    yield from cut_long(paragraph[start:].strip())


def is_boundary(paragraph: str, match: re.Match[str]) -> bool:
    """Whether the candidate ends a sentence: the next word may start one (not in lower case), and a
    single dot does not close a title, a month, an initial ("J. Smith") or a dotted shorthand
    followed by a capital ("U.S. Army"; "in the U.S. The" is missed, a small price)."""
    if match.group()[0] in CJK_TERMINATORS:
        return True
    following = paragraph[match.end():match.end() + 3].lstrip(OPENERS)
    if following[:1].islower():
        return False
    if match.group()[0] != "." or match.group()[1:2] == ".":
        return True
    before = paragraph[max(0, match.start() - WORD_BEFORE_CHARS):match.start()].split()
    word = before[-1].lstrip(OPENERS).lower() if before else ""
    is_initial = len(word) == 1 and word.isalpha()
    return not (is_initial or word in ABBREVIATIONS or DOTTED_SHORTHAND.fullmatch(word))


def cut_long(text: str) -> Iterator[str]:
    """The text in pieces of at most MAX_SENTENCE_CHARS, cut at the last space before the limit."""
    start = 0
    while len(text) - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield text[start:cut].strip()
        start = cut
    if text[start:].strip():
        yield text[start:].strip()
