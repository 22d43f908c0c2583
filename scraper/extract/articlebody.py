"""The page's own copy of its article text (schema.org `articleBody` in JSON-LD): where it stands.

Many publishers put the whole text of the article in their JSON-LD. The copy is plain text (no
headings, lists or pictures) and sometimes cut short, so it is no body itself; but it says, better
than any class name, which of the page's blocks are the article's. The steps:
1. take the longest `articleBody` string the page's objects carry, its tags (some sites paste
   HTML in it) left out, and cut it into overlapping runs of words (shingles);
2. each block of text in the DOM that is mostly made of those runs is the article's;
3. when the matched text is most of the copy (a copy the page does not show, a teaser or another
   story, guides nothing), it checks the containers the score picked: when none of them holds the
   deepest element holding nearly all of it, that element is the container.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.html

from .blocks import MAX_ANCESTOR_WALK, MIN_PROSE_LENGTH, Measure

MIN_COPY_LENGTH = 500           # shorter copies are teasers: they say where the article starts, not where it is
MAX_COPY_LENGTH = 200_000       # the words read from a copy (a hostile page may paste megabytes)
SHINGLE = 4                     # words per run
MIN_BLOCK_SHARE = 0.5           # a block this much made of the copy's runs is the article's
MIN_COPY_SHOWN = 0.6            # the matched blocks hold this share of the copy: the page shows it
CONTAINER_SHARE = 0.9           # the container holds this share of the matched text
TAG = re.compile(r"<[^<>]{0,500}>")
WORD = re.compile(r"\w+")


def article_body_copy(json_ld: list[dict[str, Any]]) -> str | None:
    """The longest articleBody string of the page's JSON-LD objects (or of their main entity)."""
    copies = []
    for obj in json_ld:
        for holder in (obj, obj.get("mainEntity")):
            if isinstance(holder, dict) and isinstance(holder.get("articleBody"), str):
                copies.append(holder["articleBody"])
    best = max(copies, key=len, default="")
    return best if len(best) >= MIN_COPY_LENGTH else None


def shingles(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.casefold())
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@dataclass(frozen=True)
class ShownCopy:
    """Where the page shows its copy: the matched text below each element, and in all."""

    matched: dict
    total: int

    def container(self, body: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
        """The deepest element holding nearly all of the matched text."""
        container = body
        while True:
            child = next((c for c in container if self.matched.get(c, 0) >= CONTAINER_SHARE * self.total), None)
            if child is None:
                return container
            container = child

    def check(self, containers: list, body: lxml.html.HtmlElement) -> list:
        """The containers the score picked, unless none of them holds the copy's container: then
        that container (the score took a part of the article, or something else). Containers
        wider than the copy's stay: the copy often leaves out the standfirst, a forum's replies or
        paragraphs added after it was written."""
        guide = self.container(body)
        if guide is body or any(holds(container, guide) for container in containers):
            return containers
        return [guide]


def shown_copy(copy: str, measure: Measure) -> ShownCopy | None:
    """Which blocks the copy is made of; None when the page does not show most of it."""
    copy = TAG.sub(" ", copy[:MAX_COPY_LENGTH])
    runs = shingles(copy)
    if not runs:
        return None
    matched: dict = {}
    total = 0
    for block, length in measure.own_text.items():
        if length < MIN_PROSE_LENGTH or measure.text.get(block, 0) != length:
            continue  # too short to tell, or a block holding others (they are read themselves)
        own = shingles(block.text_content())
        if not own or len(own & runs) < MIN_BLOCK_SHARE * len(own):
            continue
        total += length
        ancestor = block
        for _ in range(MAX_ANCESTOR_WALK):
            matched[ancestor] = matched.get(ancestor, 0) + length
            ancestor = ancestor.getparent()
            if ancestor is None:
                break
    if total < MIN_COPY_SHOWN * len(" ".join(copy.split())):
        return None
    return ShownCopy(matched, total)


def holds(container: lxml.html.HtmlElement, element: lxml.html.HtmlElement) -> bool:
    """The container is the element or one of its ancestors (a bounded walk up)."""
    for _ in range(MAX_ANCESTOR_WALK):
        if element is None:
            return False
        if element is container:
            return True
        element = element.getparent()
    return False
