"""What is not speech: scare quotes, terms and names in quotation marks, titles.

Annotators of news attribution count nearly every quoted fragment whose sentence has a source,
so only what is plainly not speech is dropped here; the rest is a quotation.
"""
from __future__ import annotations

import re

from .attribution import Attribution
from .cues import NAMING_WORDS
from .marks import Span
from .speakers import FIRST_PERSON

# A quotation this short (in words) that no one is said to have said is a scare quote.
SCARE_QUOTE_WORDS = 2
# After "called" or "known as", a quotation this short (in words) is a term ("junkets"),
# unless its own sentence gives it a named speaker.
NAMED_TERM_WORDS = 3
# Words before a quoted Title Case phrase that make it the title of a show, a book, a film:
# "on CNN’s “State of the Union”", "an interview with “Fox and Friends”".
TITLE_CONTEXT = re.compile(
    r"(?:['’]s|\b(?:on|with|in|of|from|for|the|a|an|his|her|their|its))\s*$", re.IGNORECASE)
TITLE_CONTEXT_CHARS = 24
NAMING_CONTEXT_CHARS = 40


def is_speech(text: str, span: Span, attribution: Attribution | None, own: bool,
              speaker: str | None) -> bool:
    """Whether a quoted span of `text` reports what someone said, rather than naming a thing.

    Dropped: a word or two that no one in the sentence is said to have said (a scare quote);
    the words after "called", "known as", "titled" ... unless a named speaker's own sentence
    reports them ("calling him a “loser”"); Title Case phrases (names, titles) without a cue
    or after "on CNN’s", "in", "with" (a show, a book).
    """
    quoted = text[span.start:span.end]
    if not any(char.isalpha() for char in quoted):
        return False
    words = quoted.split()
    cued = attribution is not None and attribution.cue is not None
    sentence_of_its_own = quoted.rstrip()[-1:] in ".!?"
    if attribution is None and len(words) <= SCARE_QUOTE_WORDS and not sentence_of_its_own:
        return False
    if follows_naming_word(text, span) and (
            is_title_case(words) or len(words) <= NAMED_TERM_WORDS):
        spoken = own and cued and attribution.mention is not None and (
            attribution.mention.lower() not in FIRST_PERSON)
        return spoken and speaker is not None and not is_title_case(words)
    if is_title_case(words):
        before = max(span.start - 1, 0)
        return cued and not TITLE_CONTEXT.search(text, max(0, before - TITLE_CONTEXT_CHARS), before)
    return True


def follows_naming_word(text: str, span: Span) -> bool:
    """Whether the quotation comes right after "called", "known as", "titled", ..."""
    before = max(span.start - 1, 0)
    return bool(NAMING_WORDS.search(text, max(0, before - NAMING_CONTEXT_CHARS), before))


def is_title_case(words: list[str]) -> bool:
    """Every significant word capitalized, as in a name or a title ("Meet the Press")."""
    significant = 0
    for word in words:  # stops at the first lower-case word: a long quotation is read no further
        if len(word) > 3 or word[:1].isupper():
            if word[:1].isalpha() and not word[:1].isupper():
                return False
            significant += 1
    return significant > 1
