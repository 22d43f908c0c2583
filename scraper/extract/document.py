"""Parse a page once into an lxml tree, whatever the page is like.

lxml is the engine of the hot path: it parses a news page in a few milliseconds. `huge_tree` lifts
libxml2's limits on depth and text size, so a page nested 10,000 levels deep or a 20 MB page keeps
its content instead of being cut off. Every walk over the tree elsewhere uses `iter()`, never
recursion, for the same reason.
"""
from __future__ import annotations

from dataclasses import dataclass

import lxml.etree
import lxml.html

HTML_PARSER = lxml.html.HTMLParser(
    huge_tree=True, remove_comments=True, remove_pis=True, default_doctype=False
)


@dataclass(frozen=True)
class ParsedPage:
    root: lxml.html.HtmlElement | None  # None when nothing parseable was found
    warnings: tuple[str, ...] = ()


def parse_html(text: str) -> ParsedPage:
    """The page's <html> element; never raises."""
    text = text.replace("\x00", "")
    if not text.strip():
        return ParsedPage(None, ("empty page",))
    if text.lstrip().startswith("<?xml"):  # lxml refuses str input with an encoding declaration
        text = text.split("?>", 1)[-1]
    try:
        root = lxml.html.document_fromstring(text, parser=HTML_PARSER)
    except (lxml.etree.ParserError, ValueError) as error:
        return ParsedPage(None, (f"unparseable HTML: {error}",))
    if root is None:
        return ParsedPage(None, ("unparseable HTML",))
    return ParsedPage(root)


def text_of(element: lxml.html.HtmlElement) -> str:
    """The element's text with whitespace collapsed."""
    return " ".join(element.text_content().split())
