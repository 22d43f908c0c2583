"""Find the comments in the markup and how they nest: which element is one comment, which is a
reply to which.

The steps:
1. take the comment items: of the elements that mention comments (`markers`), those named for one
   comment (`vocabulary`) or marked up as a schema.org Comment (`named_items`); or those a
   thread's shape gives (`shapes`);
2. fold together the elements that are the same comment: WordPress wraps a comment in
   <li id="comment-12"> and again in <article id="div-comment-12">, other engines in an outer
   element holding nothing but the inner one; a <dt> heading and the <dd>s after it are one comment too;
3. a comment nested in another comment's element is a reply to it, and so is one in a reply list
   right after a comment;
4. on a forum thread page the first post is the topic, not a comment.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html

from .section import is_ancestor
from .vocabulary import ITEM_ID, ITEM_TOKEN, NOT_ITEM_TOKEN, PART_TOKEN, normalised

# Elements that can hold a whole comment; a <span class="comment"> or <a class="comment"> is a link
# to the comments or a label, never one.
ITEM_TAGS = frozenset({"li", "div", "article", "section", "dd", "dt", "aside", "blockquote", "tr"})
# Where a forum engine puts its posts, and how much other text (titles, navigation) such a page has.
PAGE_CONTAINERS = frozenset({"main", "body"})
MAX_THREAD_PAGE_TEXT = 1000
MAX_THREAD_PAGE_SHARE = 0.2
REPLY_LIST_CLASSES = frozenset({"indented", "children", "replies", "comment-replies"})
MICRODATA_TYPES = ("schema.org/Comment", "schema.org/UserComments")
# RDFa types of a comment: Drupal's "sioc:Post sioct:Comment", "schema:Comment".
RDFA_TYPES = frozenset({"sioct:Comment", "schema:Comment", "schema:UserComments"})


@dataclass
class Thread:
    """One comment in the markup: its element, the elements folded into it, and its parent."""

    element: lxml.html.HtmlElement
    aliases: list[lxml.html.HtmlElement] = field(default_factory=list)
    parent: Thread | None = None
    microdata: bool = False

    @property
    def elements(self) -> list[lxml.html.HtmlElement]:
        return [self.element, *self.aliases]

    def region(self) -> list[lxml.html.HtmlElement]:
        """The elements holding this comment's own material (a <dt> heading has its <dd> with it)."""
        return [self.element, *(alias for alias in self.aliases if not is_ancestor(self.element, alias))]


def named_items(marked: list[lxml.html.HtmlElement]) -> list[lxml.html.HtmlElement]:
    """The `marked` elements (`markers`) that are one comment each, by their names or microdata."""
    return [element for element in marked if is_comment_item(element)]


def find_threads(items: list[lxml.html.HtmlElement]) -> list[Thread]:
    """The comments the `items` (in page order) make, each knowing its parent."""
    if not items:
        return []
    item_set = set(items)
    owner: dict[lxml.html.HtmlElement, Thread] = {}
    threads: list[Thread] = []
    for element in items:  # document order: an ancestor is always seen before its descendants
        if element in owner:
            continue
        container = nearest_item_ancestor(element, item_set)
        outer = owner.get(container) if container is not None else None
        if outer is not None and is_same_comment(outer, element, item_set):
            outer.aliases.append(element)
            owner[element] = outer
            continue
        if outer is None:
            outer = owner.get(comment_before_replies(element))
        thread = Thread(element, parent=outer, microdata=is_microdata_comment(element))
        owner[element] = thread
        threads.append(thread)
        for text in texts_of_heading(element):
            thread.aliases.append(text)
            owner[text] = thread
    return without_topic_post(threads)


def comment_before_replies(element) -> lxml.html.HtmlElement | None:
    """For a comment in a reply list placed after its parent rather than inside it (Drupal's
    <div class="indented">), the parent's element."""
    holder = element.getparent()
    if holder is None or not REPLY_LIST_CLASSES.intersection((holder.get("class") or "").split()):
        return None
    return holder.getprevious()


def without_topic_post(threads: list[Thread]) -> list[Thread]:
    """A page that is nothing but posts, placed straight in <main> or <body>, is a forum thread:
    its first post is the topic, which is the page's body, not a comment on it."""
    top = [thread for thread in threads if thread.parent is None]
    holder = top[0].element.getparent() if top else None
    if holder is None or holder.tag not in PAGE_CONTAINERS or len(top) < 2:
        return threads
    posts = [thread for thread in top if thread.element.getparent() is holder]
    total = len(holder.text_content().strip())
    foreign = total - sum(len(t.element.text_content().strip()) for t in posts)
    if foreign > MAX_THREAD_PAGE_TEXT or foreign > MAX_THREAD_PAGE_SHARE * total:
        return threads  # an article with its comments below it
    topic = posts[0]
    for thread in threads:
        if thread.parent is topic:
            thread.parent = None
    return [thread for thread in threads if thread is not topic]


def is_comment_item(element: lxml.html.HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    tokens = block_names_of(element)
    if any(PART_TOKEN.search(token) for token in tokens):
        return False  # even with a Comment itemtype: sites put it on the whole list too
    if is_microdata_comment(element):
        return True
    if element.tag not in ITEM_TAGS:
        return False
    if any(ITEM_TOKEN.search(token) and not NOT_ITEM_TOKEN.search(token) for token in tokens):
        return True
    return bool(ITEM_ID.match(element.get("id") or ""))


def block_names_of(element) -> list[str]:
    """The class tokens, normalised, with a BEM modifier reduced to its block: "comment--reply" is a
    comment, "article--kommentar" (an opinion piece) and "teaser--comment" are not."""
    return [normalised(token.split("--", 1)[0]) for token in (element.get("class") or "").split()]


def is_microdata_comment(element: lxml.html.HtmlElement) -> bool:
    """A schema.org Comment in microdata (by its itemtype, or as an item in an article's `comment`
    property) or in RDFa."""
    itemtype = element.get("itemtype") or ""
    if any(itemtype.endswith(kind) for kind in MICRODATA_TYPES):
        return True
    if element.get("itemprop") == "comment" and element.get("itemscope") is not None:
        return True
    return bool(RDFA_TYPES.intersection((element.get("typeof") or "").split()))


def nearest_item_ancestor(element, item_set) -> lxml.html.HtmlElement | None:
    for ancestor in element.iterancestors():
        if ancestor in item_set:
            return ancestor
    return None


def is_same_comment(outer: Thread, element, item_set) -> bool:
    """Whether `element`, nested in `outer`'s element, is the same comment rather than a reply:
    the two carry the same comment number, or the outer one holds nothing of its own."""
    number = comment_number(element)
    if number is not None and any(comment_number(e) == number for e in outer.elements):
        return True
    if outer.aliases:  # the outer comment already has its body: this is a reply
        return False
    return not own_text(outer.element, item_set)


def comment_number(element) -> str | None:
    match = ITEM_ID.match(element.get("id") or "")
    return match.group(1) if match else None


def own_text(element, item_set) -> str:
    """The text of `element` outside the comment items nested in it."""
    parts: list[str] = []
    stack = [element]
    while stack:
        node = stack.pop()
        if node is not element and node in item_set:
            if node.tail:
                parts.append(node.tail)
            continue
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
        stack.extend(reversed(node))
    return "".join(parts).strip()


def texts_of_heading(element) -> list[lxml.html.HtmlElement]:
    """For a <dt> comment heading (author, date), the <dd>s after it that hold its text and footer."""
    if element.tag != "dt":
        return []
    texts = []
    for following in element.itersiblings():
        if following.tag != "dd":
            break
        texts.append(following)
    return texts
