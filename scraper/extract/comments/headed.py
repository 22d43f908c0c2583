"""Comments under a "Kommentare" title, each opened by a heading of its own, in a page that names
none of its elements for comments.

Hand-written and older sites print a title ("Kommentare", "Comments (3)", "Leserbriefe") and then
the comments, each opened by a heading of its own ("#1 Kommentar von Naru-chan") followed by its
date line and its paragraphs. This reader runs only when nothing else found comments.

The steps, in each titled section (`regions`: the elements after the title, up to the form):
1. split the section at its headings, one comment per heading: the heading names the author, the
   first line that reads as a date dates it, the paragraphs are its text (a heading linking to
   another page opens a post's teaser, not a comment);
2. keep the comments only if some are dated: a heading alone ("Trackbacks/Pingbacks") is weak
   evidence of a discussion.
"""
from __future__ import annotations

import re

import lxml.html

from ...record import Comment
from .dates import DateReader
from .fields import clean_name, paragraphs
from .regions import Region

COMMENT_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
ORDINAL = re.compile(r"^#?\d+[.:)]?\s+")


def comments_under_title(regions: list[Region], dates: DateReader) -> tuple[list[Comment], tuple]:
    """The comments of the first titled section that has any, and the section's elements."""
    for region in regions:
        if region.title is None:
            continue
        comments = [comment for number, heading in enumerate(headings_in(region.roots), 1)
                    for comment in [comment_at(heading, number, dates)] if comment is not None]
        if any(c.published for c in comments):
            return comments, (region.title, *region.roots)
    return [], ()


def headings_in(section) -> list[lxml.html.HtmlElement]:
    """The headings that open a comment: not those linking to another page (a list of posts)."""
    return [heading for element in section for heading in element.iter(*COMMENT_HEADINGS)
            if all((link.get("href") or "#").startswith("#") for link in heading.iter("a"))]


def comment_at(heading, number: int, dates: DateReader) -> Comment | None:
    """The comment a heading opens: the heading's name, the first date line, the paragraphs up to
    the next heading."""
    body = []
    for sibling in heading.itersiblings():
        if sibling.tag in COMMENT_HEADINGS:
            break
        body.append(sibling)
    lines = [heading.tail or ""] + [line for element in body for line in paragraphs([element], set())]
    published = next((found for line in lines for found in [dates.read(line)] if found), None)
    text = "\n\n".join(line for line in lines[1:] if not dates.read(line))
    if not text:
        return None
    author = clean_name(ORDINAL.sub("", " ".join(heading.text_content().split())))
    return Comment(id=heading.get("id") or f"c{number}", text=text, author=author, published=published)
