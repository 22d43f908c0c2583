"""Where the comment section is, so the body leaves it out, and how many comments it declares.

The container of a comment list is the outermost element holding nothing but comment material:
from the list, climb while the parent is named for comments and every other child of it is
comment material too (the form, a "2 Comments" or "Leave a Reply" heading, pagination, a script).
A comment form with no comments yet ("Leave a Reply", WordPress's #respond, Disqus's thread
placeholder) is comment material as well, and is returned on its own.
No container is or holds the article (a <main>, an <article> or an articleBody not named for
comments), whatever its name: a theme that puts id="comments" on a wrapper around the post and its
discussion would otherwise take the article out of the body; the comment list inside it is the
container then.
"""
from __future__ import annotations

import itertools
import re
from typing import Iterable

import lxml.etree
import lxml.html

from ..chrome import holds_article as kept_by_body, named_as_article
from .vocabulary import COMMENT_WORD, ITEM_ID, SECTION_TOKEN, has_role, names_of

# Elements that are the comment section or its form by their id or class, found on their own.
SECTION_IDS = frozenset({"respond", "comments", "disqus_thread", "commentform", "comment-form", "kommentare",
                         "comment-section", "comments-section"})
SECTION_CLASSES = frozenset({"comment-respond", "comments-area", "comment-form", "comments-section"})
# A sibling with little text (a heading, a count, pagination, "Leave a Reply") can share the section.
SMALL_TEXT = 100
# How far above an entry's <article> its list item may be (forum engines wrap a post's text in one).
MAX_LIST_ITEM_DEPTH = 4
# Of a line of links (a pingback), at least this share is link text.
LINK_LINE_SHARE = 0.5
# A section holding more text than this outside its comments and forms holds something else too.
MAX_FOREIGN_TEXT = 300
NEVER_CONTAINERS = frozenset({"html", "body", "main"})
HARMLESS_TAGS = frozenset({"script", "style", "noscript", "hr", "br", "input", "form", "template", "link", "meta"})
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The page's article: what a comment container never holds (unless it is a comment itself).
ARTICLE_ELEMENTS = lxml.etree.XPath(
    "descendant-or-self::*[self::main or self::article or @itemprop='articleBody'"
    " or contains(@itemtype, 'Article')]")
COMMENT_START = re.compile(COMMENT_WORD)
COUNT_ITEMPROPS = lxml.etree.XPath("//@itemprop[. = 'commentCount']")
COUNT_LABELS = lxml.etree.XPath(
    ".//*[contains(@class, 'count') or contains(@class, 'title') or contains(@id, 'count')]")

COUNT_WORDS = (r"(?:comments?|kommentare?n?|responses?|replies|antworten|thoughts?|reactions?|reaktionen"
               r"|leserkommentare|meinungen|commentaires?|comentarios?|commenti|reacties)")
COUNT_PATTERNS = (
    re.compile(r"(?<![\d.,])(\d[\d.,]*)\s+" + COUNT_WORDS + r"\b", re.I),                # 2 Comments
    re.compile(COUNT_WORDS + r"\s*[(\[:]\s*(\d[\d.,]*)\s*[)\]]?\s*$", re.I),              # Kommentare (3)
)
ONE = re.compile(r"^\s*(?:one|ein|eine|einen|un|une|uno|una)\s+" + COUNT_WORDS + r"\b", re.I)
NO_COMMENTS = re.compile(r"^\s*(?:no|keine|kein|aucun|ningún|sin)\s+" + COUNT_WORDS + r"\b", re.I)
MAX_COUNT_TEXT = 120


def containers_of(lists: Iterable[tuple[lxml.html.HtmlElement, list[lxml.html.HtmlElement]]],
                  marked: list[lxml.html.HtmlElement]) -> tuple:
    """The outermost comment-only elements around the comment lists (each a holder and its
    top-level comments), and the comment forms among the `marked` elements (`markers`)."""
    found: list[lxml.html.HtmlElement] = []
    for holder, items in lists:
        # comments placed straight in <main>, <body>, beside the article (forum posts, a section
        # wrapped around the post) or beside other text are their own containers
        alone = holder.tag not in NEVER_CONTAINERS and not holds_article(holder) and holds_only(holder, items)
        found += [climb(holder)] if alone else items
    for element in marked:
        if is_section_element(element) and element.tag not in NEVER_CONTAINERS \
                and not holds_article(element) and foreign_text(element, found) <= MAX_FOREIGN_TEXT:
            found.append(climb(element))
    found += [heading for element in list(found) for heading in headings_before(element)]
    return outermost(found)


def is_section_element(element) -> bool:
    return element.get("id") in SECTION_IDS or bool(SECTION_CLASSES.intersection((element.get("class") or "").split()))


def climb(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """Up from `element` while the parent is named for comments and holds only comment material."""
    while True:
        parent = element.getparent()
        if parent is None or parent.tag in NEVER_CONTAINERS:
            return element
        if not any(SECTION_TOKEN.search(name) for name in names_of(parent)):
            return element
        if not all(is_comment_material(child) for child in parent if child is not element):
            return element
        if any(holds_article(child) for child in parent if child is not element):
            return element
        element = parent


def holds_article(element) -> bool:
    """The element is or holds the page's article: a <main>, an articleBody, an Article item or
    an <article> that no name calls a comment (Drupal and others put each comment in an
    <article>) and that is not one of a thread's (`is_listed`)."""
    return any(not is_comment_named(candidate) and not is_listed(candidate) for candidate in ARTICLE_ELEMENTS(element))


def is_listed(candidate) -> bool:
    """An <article> that is an entry of a list: in a list item (a few levels up at most), or
    beside other <article>s. A page prints its article once; a thread (or a list of teasers)
    prints one <article> per entry."""
    if candidate.tag != "article":
        return False
    parent = candidate.getparent()
    if parent is None:
        return False
    if any(sibling.tag == "article" for sibling in parent if sibling is not candidate):
        return True
    return any(ancestor.tag == "li" for ancestor in itertools.islice(candidate.iterancestors(), MAX_LIST_ITEM_DEPTH))


def is_comment_named(element) -> bool:
    """Named as a comment or a part of one ("comment", "comment-body", id "div-comment-12"), not
    merely qualified by the word ("article--kommentar", an opinion piece)."""
    return ("Comment" in (element.get("itemtype") or "")
            or any(COMMENT_START.match(name) for name in names_of(element))
            or bool(ITEM_ID.match(element.get("id") or "")))


def holds_only(holder, items) -> bool:
    """Whether `holder` holds nothing but the comment `items`, comment material and lines of links
    (the pingbacks of a WordPress list)."""
    item_set = set(items)
    return all(is_comment_material(child) or is_link_line(child) for child in holder if child not in item_set)


def is_link_line(element) -> bool:
    return link_text_length(element) >= LINK_LINE_SHARE * len(" ".join(element.text_content().split()))


def link_text_length(element) -> int:
    """Characters of link text in `element`, spaces collapsed."""
    return sum(len(" ".join(link.text_content().split())) for link in element.iter("a"))


def is_comment_material(element) -> bool:
    """Part of a comment section: a form or script, a short line, or an element named for
    comments, except a comment's text standing alone outside any comment (a forum's topic post
    named "comment-content" is the page's article)."""
    if not isinstance(element.tag, str) or element.tag in HARMLESS_TAGS:
        return True
    small = len(element.text_content().strip()) <= SMALL_TEXT
    if any(SECTION_TOKEN.search(name) for name in names_of(element)):
        return small or not has_role(element, "comment-text")
    return small


def foreign_text(element, containers) -> int:
    """How much text `element` holds outside the comment containers already found."""
    total = len(element.text_content().strip())
    for container in containers:
        if container is element or is_ancestor(element, container):
            total -= len(container.text_content().strip())
        elif is_ancestor(container, element):
            return 0
    return total


def headings_before(element) -> list[lxml.html.HtmlElement]:
    """A "2 Comments" or "Leave a Reply" heading just above the section, outside it."""
    previous = element.getprevious()
    if previous is not None and previous.tag in HEADING_TAGS and is_section_heading(previous):
        return [previous]
    return []


def is_section_heading(element) -> bool:
    text = " ".join(element.text_content().split())
    return len(text) <= MAX_COUNT_TEXT and (declared_count(text) is not None or bool(re.search(
        COUNT_WORDS + r"|leave a reply|leave a comment|schreibe einen|hinterlasse|kommentieren|discussion",
        text, re.I)))


def as_the_body_drops(containers: tuple) -> tuple:
    """The containers as the body can leave them out. The body keeps any element holding what it
    takes for the article (`chrome.holds_article`: a class like "postbody", which forum engines
    give every post), so such a container is given as its parts instead, down to those the body
    drops; a part that is itself named like an article stays in the body."""
    parts: list = []
    stack = list(reversed(containers))
    while stack:
        element = stack.pop()
        if not kept_by_body(element):
            parts.append(element)
        elif not named_as_article(element) or len(element):
            stack.extend(reversed([child for child in element if isinstance(child.tag, str)]))
    return tuple(parts)


def outermost(elements: list) -> tuple:
    unique: list = []
    for element in elements:
        if any(element is seen for seen in unique):
            continue
        unique.append(element)
    return tuple(element for element in unique
                 if not any(other is not element and is_ancestor(other, element) for other in unique))


def is_ancestor(ancestor, element) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


def declared_count(text: str) -> int | None:
    """The number in "2 Comments", "12 Kommentare", "Comments (3)", "One thought on ...", "No comments"."""
    text = " ".join(text.split())
    if not text or len(text) > MAX_COUNT_TEXT:
        return None
    for pattern in COUNT_PATTERNS:
        match = pattern.search(text)
        if match:
            digits = re.sub(r"[.,]", "", match.group(1))
            return int(digits) if digits.isdigit() else None
    if ONE.search(text):
        return 1
    if NO_COMMENTS.search(text):
        return 0
    return None


def count_in(containers) -> int | None:
    """The count the section declares in a heading or a count label."""
    for container in containers:
        candidates = [container] if container.tag in HEADING_TAGS else container.iter(*HEADING_TAGS)
        for heading in candidates:
            count = declared_count(heading.text_content())
            if count is not None:
                return count
        for element in COUNT_LABELS(container):
            count = declared_count(element.text_content())
            if count is not None:
                return count
    return None


def count_from_microdata(marked) -> int | None:
    """An itemprop="commentCount" (on a <meta> or shown) on the page."""
    if not marked:
        return None
    for attribute in COUNT_ITEMPROPS(marked[0].getroottree()):
        element = attribute.getparent()
        value = (element.get("content") or element.text_content()).strip()
        if value.isdigit():
            return int(value)
    return None
