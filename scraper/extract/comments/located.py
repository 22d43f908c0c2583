"""Where the comments a page states in its JSON-LD sit in its markup, so that the body leaves
them out even when no rule here knows that markup.

The text finds them: the element holding the start of each comment's text, climbed to the child
of the element holding them all (the list), is that comment's element. With one comment found,
its element is the largest around its text that holds little else (its author and date).
"""
from __future__ import annotations

import lxml.etree
import lxml.html

from ...record import Comment
from .section import holds_article

# Comments looked for: the list that holds the first few holds the rest too.
MAX_LOCATED = 5
# The start of a comment's text looked for, and the least that is worth looking for.
SNIPPET = 40
MIN_SNIPPET = 12
# Around one comment's text, its element holds at most this much more (author, date, links).
MAX_FRAME_TEXT = 200
TEXT_NODES = lxml.etree.XPath("//text()[contains(normalize-space(.), $snippet)]")
NOT_SHOWN = frozenset({"script", "style", "noscript", "template", "textarea", "title"})


def located_lists(root: lxml.html.HtmlElement,
                  comments: list[Comment]) -> list[tuple[lxml.html.HtmlElement, list[lxml.html.HtmlElement]]]:
    """The element holding the `comments` in the markup with the comments' elements, if found."""
    owners = []
    for comment in comments[:MAX_LOCATED]:
        owner = owner_of_text(root, comment.text)
        if owner is not None and not any(owner is seen for seen in owners):
            owners.append(owner)
    if not owners:
        return []
    if len(owners) == 1:
        element = frame_of(owners[0], len(comments[0].text))
        holder = element.getparent()
        return [] if holder is None else [(holder, [element])]
    holder = common_ancestor(owners)
    if holder is None:
        return []
    items: list[lxml.html.HtmlElement] = []
    for owner in owners:
        item = child_towards(holder, owner)
        if item is not None and not any(item is seen for seen in items):
            items.append(item)
    return [(holder, items)]


def owner_of_text(root: lxml.html.HtmlElement, text: str) -> lxml.html.HtmlElement | None:
    """The shown element whose own text holds the start of `text`."""
    first = " ".join(text.split("\n", 1)[0].split())[:SNIPPET]
    snippet = first.rsplit(" ", 1)[0] if len(first) == SNIPPET and " " in first else first
    if len(snippet) < MIN_SNIPPET:
        return None  # too short to be found once
    for node in TEXT_NODES(root, snippet=snippet):
        owner = node.getparent()
        if owner is not None and getattr(node, "is_tail", False):
            owner = owner.getparent()
        if owner is not None and not any(e.tag in NOT_SHOWN for e in (owner, *owner.iterancestors())):
            return owner
    return None


def frame_of(owner: lxml.html.HtmlElement, text_length: int) -> lxml.html.HtmlElement:
    """The largest element around `owner` holding little besides the comment's text."""
    element = owner
    for parent in owner.iterancestors():
        if len(" ".join(parent.text_content().split())) > text_length + MAX_FRAME_TEXT or holds_article(parent):
            break
        element = parent
    return element


def common_ancestor(elements: list[lxml.html.HtmlElement]) -> lxml.html.HtmlElement | None:
    first = [elements[0], *elements[0].iterancestors()]
    shared = set(first)
    for element in elements[1:]:
        shared &= {element, *element.iterancestors()}
    return next((element for element in first if element in shared), None)


def child_towards(holder: lxml.html.HtmlElement, element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The child of `holder` that is or holds `element`."""
    for ancestor in (element, *element.iterancestors()):
        if ancestor.getparent() is holder:
            return ancestor
    return None
