"""Author boxes inside the article's container, recognised by the names the page credits.

Many sites close an article with a box about its author: the name, a photo, a few lines of bio and
a link to more of their work. Where no class name gives it away (utility classes such as
"mt-12 flex rounded-2xl" say nothing), its text does: it opens with the name of an author the page
credits (after at most a few words, "About", "Written by", "Über den Autor"), and it names them
again further on ("Priya is a chartered surveyor ...", "More from Priya"). A lead paragraph under
a byline names its author once, and an article is longer than a bio.
"""
from __future__ import annotations

import re

MAX_BIO_TEXT = 1000             # a bio is a few lines: a box with more text is content
MAX_LEAD_WORDS = 4              # "About the author", "Written by", "Über den Autor"
MIN_NAME_WORDS = 2              # a single word ("admin", "Redaktion") is too common to look for
WORD = re.compile(r"\w+")


def author_names(authors: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The authors' names as words, case-folded; only those of two words or more."""
    names = (tuple(WORD.findall(author.casefold())) for author in authors)
    return tuple(name for name in names if len(name) >= MIN_NAME_WORDS)


def is_author_box(text: str, names: tuple[tuple[str, ...], ...]) -> bool:
    """The box's text (at most MAX_BIO_TEXT) opens with a credited name and names them again."""
    words = WORD.findall(text.casefold())
    for name in names:
        size = len(name)
        for start in range(min(MAX_LEAD_WORDS, len(words) - size) + 1):
            if tuple(words[start:start + size]) == name:
                rest = words[start + size:]
                return any(word in rest for word in name)
    return False
