"""Blocks of text and how much of it there is: measured once per page, read by every later step.

A block is the nearest block-level element around a run of text (a <p>, a <li>, or a <div> that
holds text directly). One pass over the text nodes charges each to its block, as link text when it
sits inside an <a>; the totals then flow up to every ancestor. Later steps (scoring, climbing,
leaving out link-dense boxes) look numbers up instead of re-reading the tree, so no step is
quadratic in the page.
"""
from __future__ import annotations

from dataclasses import dataclass

import lxml.html

# Tags that start a new paragraph; everything else flows inline inside one.
BLOCK_TAGS = frozenset(
    "p div section article main td th li dd dt dl blockquote pre h1 h2 h3 h4 h5 h6 ul ol table tr "
    "tbody thead tfoot figure figcaption form center body html address details summary header footer "
    "aside nav fieldset hr caption".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())

MIN_PROSE_LENGTH = 25           # shorter blocks are labels, not prose
MAX_PROSE_LINK_DENSITY = 0.85   # a block this much link text is a link, not prose
MAX_ANCESTOR_WALK = 60          # bounds every upward walk (pages nest 10,000 deep)
MAX_SHORT_TEXT = 100            # a text this long or shorter may be a line of its own (a date line)


@dataclass(frozen=True)
class Measure:
    """Per block: its own text length, link text and commas. Per element: all the text below it,
    the link text, and the prose (the text of the blocks that read as prose)."""

    own_text: dict
    own_links: dict
    own_commas: dict
    text: dict
    links: dict
    prose: dict
    short_texts: tuple = ()  # (the element holding it, the text) for each text of a line's length

    def link_density(self, element) -> float:
        text = self.text.get(element, 0)
        return self.links.get(element, 0) / text if text else 0.0


def measure_blocks(body: lxml.html.HtmlElement) -> Measure:
    """One pass over the text nodes, then one bounded walk up from each block."""
    own_text: dict = {}
    own_links: dict = {}
    own_commas: dict = {}
    block_of: dict = {}  # element -> (its block, whether its text is link text): texts share parents
    short_texts = []
    for text in body.xpath(".//text()"):
        length = len(text.strip())
        if not length:
            continue
        parent = text.getparent()
        if text.is_tail:  # a tail belongs to the element's parent
            parent = parent.getparent()
        if length <= MAX_SHORT_TEXT:
            short_texts.append((parent, text))
        found = block_of.get(parent)
        if found is None:
            element, in_link = parent, False
            while element is not None and element.tag not in BLOCK_TAGS:
                in_link = in_link or is_link(element)
                element = element.getparent()
            found = block_of[parent] = (element, in_link)
        element, in_link = found
        if element is None:
            continue
        own_text[element] = own_text.get(element, 0) + length
        own_commas[element] = own_commas.get(element, 0) + text.count(",")
        if in_link:
            own_links[element] = own_links.get(element, 0) + length

    text, links, prose = dict(own_text), dict(own_links), {}
    for block, length in own_text.items():
        link_length = own_links.get(block, 0)
        prose_length = length if is_prose(length, link_length) else 0
        ancestor = block
        for _ in range(MAX_ANCESTOR_WALK):
            if ancestor is not block:
                text[ancestor] = text.get(ancestor, 0) + length
                if link_length:
                    links[ancestor] = links.get(ancestor, 0) + link_length
            if prose_length:
                prose[ancestor] = prose.get(ancestor, 0) + prose_length
            ancestor = ancestor.getparent()
            if ancestor is None:
                break
    return Measure(own_text, own_links, own_commas, text, links, prose, tuple(short_texts))


def is_link(element: lxml.html.HtmlElement) -> bool:
    """An <a> that links somewhere: <a name="..."> only marks a place in the text, which stays prose."""
    return element.tag == "a" and element.get("href") is not None


def is_prose(length: int, link_length: int) -> bool:
    return length >= MIN_PROSE_LENGTH and link_length < MAX_PROSE_LINK_DENSITY * length
