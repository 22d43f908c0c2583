"""Comments under a "Kommentare" title, in a page that names none of its elements for comments.

Hand-written and older sites print a title ("Kommentare", "Comments (3)", "Leserbriefe") and then
the comments, each opened by a heading of its own ("#1 Kommentar von Naru-chan") followed by its
date line and its paragraphs. This reader runs only when nothing else found comments.

The steps:
1. find a short element whose whole text is a comment section title;
2. take its following siblings up to the comment form or the next title: the section;
3. split the section at its headings, one comment per heading: the heading names the author, the
   first line that reads as a date dates it, the paragraphs are its text;
4. keep the comments only if some are dated: a heading alone ("Trackbacks/Pingbacks") is weak
   evidence of a discussion.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from ...record import Comment
from .dates import DateReader
from .fields import clean_name, paragraphs

TITLE_CANDIDATES = lxml.etree.XPath(
    "//h2 | //h3 | //h4 | //@class[contains(., 'title')]")
SECTION_TITLE = re.compile(
    r"^(?:\d+\s+)?(?:leser)?(?:kommentare|comments|reader comments|reaktionen|comentarios|commentaires|commenti"
    r"|leserbriefe|leserstimmen|diskussion|discussion)\s*(?:\(\d+\))?\s*:?$", re.I)
MAX_TITLE_TEXT = 40
COMMENT_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
ORDINAL = re.compile(r"^#?\d+[.:)]?\s+")
FORM_PARTS = ("form", "textarea")


def comments_under_title(root: lxml.html.HtmlElement, dates: DateReader) -> tuple[list[Comment], tuple]:
    """The comments of the first titled section that has any, and the section's elements."""
    for title in section_titles(root):
        section = section_after(title)
        comments = [comment for number, heading in enumerate(headings_in(section), 1)
                    for comment in [comment_at(heading, number, dates)] if comment is not None]
        if any(c.published for c in comments):
            return comments, (title, *section)
    return [], ()


def section_titles(root) -> list[lxml.html.HtmlElement]:
    titles = []
    for found in TITLE_CANDIDATES(root):
        element = found if isinstance(found, lxml.html.HtmlElement) else found.getparent()
        text = " ".join(element.text_content().split())
        if len(text) <= MAX_TITLE_TEXT and SECTION_TITLE.match(text) and not any(t is element for t in titles):
            titles.append(element)
    return titles


def section_after(title) -> list[lxml.html.HtmlElement]:
    section = []
    for sibling in title.itersiblings():
        if not isinstance(sibling.tag, str) or next(sibling.iter(*FORM_PARTS), None) is not None:
            break
        if sibling.tag in COMMENT_HEADINGS and SECTION_TITLE.match(" ".join(sibling.text_content().split())):
            break
        section.append(sibling)
    return section


def headings_in(section) -> list[lxml.html.HtmlElement]:
    return [heading for element in section for heading in element.iter(*COMMENT_HEADINGS)]


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
