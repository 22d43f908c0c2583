"""Direct quotations in article text, and who said them.

The steps, over the paragraphs of one text:
1. pair the quotation marks of each paragraph into spans (`marks`), carrying a quotation left
   open at the end of a paragraph into the next one when that paragraph re-opens it;
2. read the attribution of each span from its own sentence (`attribution`, `sentences`):
   after the quotation ("…,” said Doe, "« … », a-t-il dit"), then before it (Doe said “…”,
   Beck, who described it as “…”), then in the clause that closes the sentence ("“…” and
   more, Doe said.");
3. lend an attribution to the spans that have none: from another quotation of the same
   paragraph, from the sentence before, from the paragraph before when a quotation continues
   or was introduced ("X wrote:"), or from its last sentence ("Carter said that ...");
4. resolve each mention to a name (`speakers`): surname -> full name, pronoun -> the subject
   nearby or the last speaker;
5. drop what is not speech (`terms`): scare quotes, names and titles in quotation marks.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...record import Quote
from .attribution import (Attribution, attribution_after, attribution_before,
                          attribution_ending_sentence, subject_near)
from .marks import Span, spans_in, starts_with_quotation
from .mentions import words_with_offsets
from .sentences import sentence_end, sentence_start
from .speakers import SpeakerHistory, is_pronoun
from .terms import is_speech

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
TRIM_END = " \t\n,"
LINE_END = re.compile(r"[ \t]*\n[ \t]*")
NEXT_WORD = re.compile(r"\s{0,3}(\w+)")
CAPITAL_PRONOUNS = frozenset({"He", "She", "They", "It", "I", "We", "You"})
BLOCK_KIND = "blockquote"
OPENING_MARKS = "\"“„«»"
CLOSING_MARKS = "\"”“»«"


@dataclass(frozen=True)
class Paragraph:
    offset: int  # where the paragraph starts in the whole text
    text: str
    kind: str


@dataclass(frozen=True)
class Found:
    """A quoted span with the attribution read for it, before the speaker is resolved."""

    paragraph: int
    span: Span
    attribution: Attribution | None
    own: bool  # the attribution comes from the span's own sentence


def extract_quotes(text: str) -> list[Quote]:
    """The quotations of plain text whose paragraphs are separated by blank lines."""
    return quotes_in(list(split_paragraphs(text)), text)


def quotes_from_paragraphs(paragraphs: list[tuple[str, str]]) -> list[Quote]:
    """Quotes of an article body: (text, kind) paragraphs; kind "blockquote" gives block quotes.

    Offsets are in the body text, the paragraphs joined by blank lines.
    """
    laid_out, at = [], 0
    for text, kind in paragraphs:
        laid_out.append(Paragraph(at, text, kind))
        at += len(text) + 2
    return quotes_in(laid_out, "\n\n".join(text for text, _ in paragraphs))


def split_paragraphs(text: str) -> Iterator[Paragraph]:
    at = 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        yield Paragraph(at, text[at:brk.start()], "p")
        at = brk.end()
    yield Paragraph(at, text[at:], "p")


def quotes_in(paragraphs: list[Paragraph], whole: str) -> list[Quote]:
    """Steps 4 and 5 over the attributed spans, in reading order (pronouns look back)."""
    found = attributed(paragraphs)
    history = SpeakerHistory(whole)
    near: dict[tuple[int, int], str | None] = {}  # a pronoun lent to many quotations is read once
    quotes = []
    for item in found:
        paragraph = paragraphs[item.paragraph]
        attribution = item.attribution
        named_at = attribution.mention_start if attribution and attribution.mention_start >= 0 else item.span.start
        mention = attribution and (attribution.antecedent or attribution.mention)
        if mention and is_pronoun(mention) and (item.paragraph, named_at) not in near:
            near[item.paragraph, named_at] = subject_near(paragraph.text,
                                                         min(named_at, item.span.start))
        speaker = history.resolve(mention or None, paragraph.offset + named_at,
                                  near.get((item.paragraph, named_at)))
        if paragraph.kind != BLOCK_KIND and not is_speech(
                paragraph.text, item.span, attribution, item.own, speaker):
            continue
        start, end = trimmed(paragraph.text, item.span)
        quotes.append(Quote(
            text=paragraph.text[start:end],
            speaker=speaker,
            speaker_mention=attribution.mention if attribution else None,
            cue=attribution.cue if attribution else None,
            paragraph=item.paragraph,
            start=paragraph.offset + start,
            end=paragraph.offset + end,
            kind="block" if paragraph.kind == BLOCK_KIND else "direct",
        ))
    return quotes


def attributed(paragraphs: list[Paragraph]) -> list[Found]:
    """Steps 1-3: every quoted span of the text with the attribution it is given."""
    found: list[Found] = []
    carried = False  # a quotation was left open at the end of the paragraph before
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if paragraph.kind == BLOCK_KIND:
            spans = [block_span(text)] if text.strip() else []
        else:
            spans = spans_in(text, continued=carried and starts_with_quotation(text))
        carried = bool(spans) and not spans[-1].closed
        own = [attribution_of(text, spans, i) for i in range(len(spans))]
        own = [cued_later_in_sentence(text, spans, own, i) for i in range(len(spans))]
        lent = [attribution or attribution_in_sentence_before(text, spans, i)
                for i, attribution in enumerate(lend_within(own))]
        if spans and not any(lent) and (spans[0].continued or opens_paragraph(text, spans[0])
                                         or paragraph.kind == BLOCK_KIND):
            inherited = introduced_by(paragraphs[index - 1].text) if index else None
            if inherited is None and found and found[-1].paragraph == index - 1:
                inherited = found[-1].attribution
            elif inherited is None and index:
                inherited = last_sentence_attribution(paragraphs[index - 1].text)
            lent = [inherited] * len(spans)
        found.extend(Found(index, span, given, own=given is not None and given is mine)
                     for span, given, mine in zip(spans, lent, own))
    return found


def block_span(text: str) -> Span:
    """The whole of a blockquote paragraph, less quotation marks around it if it has them."""
    start, end = 0, len(text.rstrip())
    while start < end and text[start].isspace():
        start += 1
    if end - start > 1 and text[start] in OPENING_MARKS and text[end - 1] in CLOSING_MARKS:
        start, end = start + 1, end - 1
    return Span(start, end, True)


def attribution_of(text: str, spans: list[Span], i: int) -> Attribution | None:
    """Step 2: the attribution in the sentence of spans[i], outside every quotation.

    A quotation that ends like speech before its attribution ("…,” / "…?”") looks after itself
    first; one that ends its sentence looks before ("Doe said the plan was “…”"), then at a
    short clause right after it ("“…” Doe said."); one that does not end its sentence, at the
    clause that ends it ("“…” and more, Doe said.").
    """
    span = spans[i]
    after_start = span.end + 1
    next_quotation = spans[i + 1].start - 1 if i + 1 < len(spans) else len(text)
    after_end = after_start if ends_line(text, after_start) else sentence_end(
        text, after_start, next_quotation)
    before_limit = spans[i - 1].end + 1 if i else 0
    opening = sentence_start(text, before_limit, span.start - 1)
    at_sentence_start = starts_sentence(text, spans, i, opening)
    if closes_speech(text, span):
        found = attribution_after(words_with_offsets(text[after_start:after_end], after_start), True)
        return found or attribution_before(text, opening, span.start - 1, at_sentence_start)
    found = attribution_before(text, opening, span.start - 1, at_sentence_start)
    if found is not None and found.cue is not None and not found.weak:
        return found
    after = words_with_offsets(text[after_start:after_end], after_start)  # read only if needed
    if found is None:
        found = attribution_after(after, False, short_clause=True)
    if (found is None or found.cue is None or found.weak) and (
            text[span.start:span.end].rstrip()[-1:] not in (".", "!", "?")):
        # "Obama “felt a moral obligation” on climate, Axelrod said.": the clause that ends
        # the sentence with a verb of saying outweighs a subject without one.
        found = attribution_ending_sentence(after) or found
    return found


def ends_line(text: str, at: int) -> bool:
    """Whether the line ends at `at` and the next starts a paragraph of its own (a capital or a
    quotation mark): texts that put one paragraph a line have no blank lines to tell."""
    found = LINE_END.match(text, at)
    return bool(found) and found.end() < len(text) and (
        text[found.end()].isupper() or text[found.end()] in OPENING_MARKS)


def starts_sentence(text: str, spans: list[Span], i: int, opening: int) -> bool:
    """Whether the window before spans[i] starts its sentence, rather than going on after an
    earlier quotation of it ("Beck described Trump as “…” and clearly intended “…”")."""
    if not i or opening > spans[i - 1].end + 1:
        return True
    return text[spans[i - 1].start:spans[i - 1].end].rstrip()[-1:] in (".", "!", "?")


def cued_later_in_sentence(text: str, spans: list[Span], own: list[Attribution | None],
                           i: int) -> Attribution | None:
    """Step 2b: "Guns are “a public health crisis” and “stunt growth,” Howard Dean said.": a
    quotation given only its sentence's subject takes the verb of saying of the quotation
    that follows it in the same sentence."""
    given = own[i]
    if given is None or given.cue is not None or i + 1 == len(spans):
        return given
    following = own[i + 1]
    if following is None or following.cue is None or following.mention_start < spans[i + 1].end:
        return given  # not "“…” and Trump says “…”", another clause with its own subject
    gap_end = spans[i + 1].start - 1
    if text[spans[i].start:spans[i].end].rstrip()[-1:] in (".", "!", "?") or (
            sentence_end(text, spans[i].end + 1, gap_end) < gap_end):
        return given
    return following


def attribution_in_sentence_before(text: str, spans: list[Span], i: int) -> Attribution | None:
    """Step 3b: "Or maybe Jeb Bush, consultant Phil Musser says. “…”": for a quotation that
    opens its sentence, with no attribution of its own or from its paragraph, the sentence
    before it, when that sentence holds no quotation, says who."""
    span = spans[i]
    before_limit = spans[i - 1].end + 1 if i else 0
    opening = sentence_start(text, before_limit, span.start - 1)
    if text[opening:span.start - 1].strip() or opening <= before_limit:
        return None
    previous = sentence_start(text, before_limit, opening - 1)
    if i and previous <= before_limit:
        return None
    return attribution_before(text, previous, opening)


def closes_speech(text: str, span: Span) -> bool:
    """Whether the quotation ends the way speech does before its attribution: “…,” “…?” “…!”;
    not “…!” She replied, where a capital pronoun starts another sentence."""
    inside = text[span.start:span.end].rstrip()
    if inside[-1:] in ("?", "!"):
        following = NEXT_WORD.match(text, span.end + 1)
        return not (following and following.group(1) in CAPITAL_PRONOUNS)
    return inside[-1:] in (",", "—") or text[span.end + 1:span.end + 2] == ","


def lend_within(own: list[Attribution | None]) -> list[Attribution | None]:
    """Step 3a: a span with no named attribution takes that of the nearest span before it in
    its paragraph, else of the nearest after it."""
    named = [given if given is not None and given.mention else None for given in own]
    after: list[Attribution | None] = [None] * len(own)
    following = None
    for i in range(len(own) - 1, -1, -1):
        after[i] = following
        following = named[i] or following
    lent, preceding = [], None
    for i, attribution in enumerate(own):
        lent.append(named[i] or preceding or after[i] or attribution)
        preceding = named[i] or preceding
    return lent


def introduced_by(previous: str) -> Attribution | None:
    """Step 3c: "As Joel Pollak observed:" ending the paragraph before introduces the quotation."""
    stripped = previous.rstrip()
    if not stripped.endswith(":"):
        return None
    end = len(stripped) - 1
    return attribution_before(stripped, sentence_start(stripped, 0, end), end)


def last_sentence_attribution(previous: str) -> Attribution | None:
    """Step 3d: "Carter said that for decades critics had predicted a withdrawal." then a
    paragraph of quotation alone: the last sentence of the paragraph before, which holds no
    quotation, names the speaker."""
    end = len(previous.rstrip())
    found = attribution_before(previous, sentence_start(previous, 0, end - 1), end)
    return found if found and found.mention else None


def opens_paragraph(text: str, span: Span) -> bool:
    return not text[:max(span.start - 1, 0)].strip()


def trimmed(text: str, span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRIM_END:
        end -= 1
    return start, end
