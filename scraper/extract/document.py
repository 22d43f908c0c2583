"""Parse a page once into an lxml tree, whatever the page is like.

lxml is the engine of the hot path: it parses a news page in a few milliseconds. libxml2 guards itself
with resource limits, and when a page crosses one it stops parsing and silently drops the rest of the
page. So the steps are:
1. parse with the default limits (nesting depth 256, 10 MB text buffers): every real article fits;
2. a page with a text buffer past the limit (a 20 MB inline script or data URI) is parsed again with
   `huge_tree`, which lifts the size limits;
3. a page nested past the depth limit (10,000 `<div>`s) has its nesting flattened below
   `MAX_NESTING` before it is parsed again: the content is kept, with a warning, and no later step
   meets a tree so deep that walking it could be a problem;
4. a tree with more elements than any article needs is cut after `MAX_ELEMENTS`, with a warning, so
   every later step runs in bounded time;
5. a page that opens its <html> or <body> but never closes them was most likely cut off in transfer:
   its content is kept, with a warning.
Every walk over the tree elsewhere uses `iter()`, never recursion.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

import lxml.etree
import lxml.html

# The page is handed to libxml2 as UTF-8 bytes, its native encoding: a str would be handed over as
# UTF-16 or UCS-4 (whatever the widest character makes it) and converted on the way in. The
# encoding is fixed: an XML declaration or a <meta charset> in the text cannot override it.
# No step looks elements up by id (the XPath id() function), so libxml2 keeps no table of ids (nor
# reports each id a page repeats).
PARSER_OPTIONS = dict(remove_comments=True, remove_pis=True, default_doctype=False, encoding="utf-8",
                      collect_ids=False)
LIMITED_PARSER = lxml.html.HTMLParser(**PARSER_OPTIONS)
HUGE_PARSER = lxml.html.HTMLParser(huge_tree=True, **PARSER_OPTIONS)
# lxml.html picks each element's class in Python (a `FormElement` for <form>, ...), a call for every
# element a later step touches; no step uses those form classes, so every element is an HtmlElement
# (text_content(), drop_tree(), classes, ...), picked in C.
ELEMENT_CLASSES = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity)
for _parser in (LIMITED_PARSER, HUGE_PARSER):
    _parser.set_element_class_lookup(ELEMENT_CLASSES)

# Deeper than any real page (news pages nest 20 to 60 levels) and below libxml2's limit of 256.
MAX_NESTING = 200
# Five times the element count of the largest page in a thousand news and blog pages (about 10,000).
MAX_ELEMENTS = 50_000

# The flattening step reads the tags as written, one scan forward (`flatten_nesting`). A tag opens
# with "<", an optional "/" and a name; a comment with "<!--". Raw-text elements (whose content may
# look like tags) pass whole up to their own end tag; an element or comment left unclosed runs to the
# end of the page, as in a browser. Every search starts where the last one ended: linear in the page.
TAG_START = re.compile(r"<(?:(!--)|(/?)([a-zA-Z][^\s/>]*))")
RAW_TEXT_ENDS = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
                 for name in ("script", "style", "textarea", "title", "xmp")}
COMMENT_END = "-->"
# Where a whole page ends: its closing tags sit in the last bytes (after them, at most some scripts).
PAGE_END_CHARS = 65536
OPENS_PAGE = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
CLOSES_PAGE = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split())


@dataclass(frozen=True)
class ParsedPage:
    root: lxml.html.HtmlElement | None  # None when nothing parseable was found
    warnings: tuple[str, ...] = ()


def parse_html(text: str, utf8: bytes | None = None) -> ParsedPage:
    """The page's <html> element; never raises. `utf8` is the text in UTF-8, if the caller has it."""
    markup = as_markup(text) if utf8 is None else utf8
    if b"\x00" in markup:  # libxml2 ends the page at a NUL (looked for in the bytes: faster)
        text = text.replace("\x00", "")
        markup = markup.replace(b"\x00", b"")
    if not text.strip():
        return ParsedPage(None, ("empty page",))
    warnings = ["page is cut off (no closing </body> or </html>)"] if looks_truncated(text) else []
    try:
        root, limit = _parse_once(markup, LIMITED_PARSER)
        if limit == "size":
            root, limit = _parse_once(markup, HUGE_PARSER)
        if limit == "depth":
            markup = as_markup(flatten_nesting(text, MAX_NESTING))
            warnings.append(f"nesting deeper than {MAX_NESTING} levels was flattened")
            root, limit = _parse_once(markup, HUGE_PARSER)
    except (lxml.etree.ParserError, ValueError) as error:
        return ParsedPage(None, (f"unparseable HTML: {error}",))
    if root is None:
        return ParsedPage(None, ("unparseable HTML",))
    if cut_after_elements(root, MAX_ELEMENTS):
        warnings.append(f"page has more than {MAX_ELEMENTS} elements: the rest was left out")
    return ParsedPage(root, tuple(warnings))


def as_markup(text: str) -> bytes:
    """The text as the parsers read it: UTF-8, a lone surrogate (from a broken str) as "?"."""
    return text.encode("utf-8", "replace")


def _parse_once(markup: bytes, parser: lxml.html.HTMLParser) -> tuple[lxml.html.HtmlElement | None, str | None]:
    """The tree, and which resource limit ("depth" or "size") stopped the parser early, if any."""
    root = lxml.html.document_fromstring(markup, parser=parser)
    for error in parser.error_log:
        if error.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT or "XML_PARSE_HUGE" in error.message:
            return root, "depth" if "depth" in error.message.lower() else "size"
    return root, None


def flatten_nesting(text: str, max_depth: int) -> str:
    """The page with the tags that open deeper than `max_depth` (and their end tags) replaced by a
    space: their text stays, in order, inside the deepest element kept.

    A single linear scan; the depth is counted from the tags as written, which overcounts where end
    tags are implied (`<p>`, `<li>`), so the real depth of the result is at most `max_depth`.
    """
    pieces: list[str] = []
    depth = dropped = position = scan = 0
    tag_end = -1  # the next ">" at or after `scan`, found once for all the tags before it
    while (tag := TAG_START.search(text, scan)) is not None:
        if tag.group(1):  # a comment: passes whole; unclosed, the rest of the page is comment
            scan = text.find(COMMENT_END, tag.end())
            if scan < 0:
                break
            scan += len(COMMENT_END)
            continue
        if tag_end < tag.end():
            tag_end = text.find(">", tag.end())
        if tag_end < 0:  # no tag closes after this one: the rest is text
            break
        scan = tag_end + 1
        closing, name = tag.group(2), tag.group(3).lower()
        if not closing and name in RAW_TEXT_ENDS:
            raw_end = RAW_TEXT_ENDS[name].search(text, scan)
            if raw_end is None:  # unclosed raw text runs to the end of the page
                break
            scan = raw_end.end()
            continue
        if text[tag_end - 1] == "/" or name in VOID_ELEMENTS:
            continue  # void and self-closed elements do not nest
        if closing:  # an end tag closes the innermost open element: a dropped one first
            if not dropped:
                depth = max(depth - 1, 0)
                continue
            dropped -= 1
        elif depth < max_depth:
            depth += 1
            continue
        else:
            dropped += 1
        pieces += (text[position:tag.start()], " ")
        position = scan
    pieces.append(text[position:])
    return "".join(pieces)


def cut_after_elements(root: lxml.html.HtmlElement, limit: int) -> bool:
    """Remove every element after the first `limit` in document order; True if any was removed."""
    # counted in C: the common case costs a fraction of a walk over the tree
    if root.xpath("count(descendant-or-self::*)") <= limit:
        return False
    last = next(islice(root.iter(), limit - 1, None))
    # What follows `last` in document order: its children, then the later siblings of it and of
    # each of its ancestors.
    del last[:]
    node = last
    while (parent := node.getparent()) is not None:
        del parent[parent.index(node) + 1:]
        node = parent
    return True


def looks_truncated(text: str) -> bool:
    """A whole page (one that opens <html> or <body>) whose end has no closing </body> or </html>."""
    return OPENS_PAGE.search(text, 0, PAGE_END_CHARS) is not None and CLOSES_PAGE.search(
        text, max(len(text) - PAGE_END_CHARS, 0)) is None


def text_of(element: lxml.html.HtmlElement) -> str:
    """The element's text with whitespace collapsed."""
    return " ".join(element.text_content().split())
