"""Reader comments as a flat list of threaded records, and the elements the body must leave out.

The steps:
1. find the comments in the markup (`threads`): WordPress lists, the static Disqus fallback,
   microdata Comments and the many engines that name a comment block "comment" or "kommentar";
2. read each one's author, date, text and likes (`fields`), dropping a comment with no text (its
   replies go to its own parent) and a list in which no comment has an author or a date;
3. when the page's JSON-LD states its comments (`structured`) and the markup gave fewer, the
   JSON-LD wins: it is what the site itself says; with neither, comments may still sit under a
   plain "Kommentare" title (`headed`);
4. find the containers, the outermost comment-only elements, and the count the page declares
   (`section`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html

from ...record import Comment
from .dates import DateReader
from .fields import read_fields
from .headed import comments_under_title
from .markers import marked_elements
from .section import containers_of, count_from_microdata, count_in
from .structured import comments_from_json_ld, count_from_json_ld
from .threads import Thread, find_threads
from .vocabulary import ITEM_ID

# Where engines put a comment's own id, most trusted first.
ID_ATTRIBUTES = ("id", "data-comment-id", "data-id")
# WordPress themes repeat the comment's id on its wrappers with a tag prefix: li-comment-12, div-comment-12.
TAG_PREFIX = re.compile(r"^(?:li|div|article)-(?=comment-\d+$)")


@dataclass(frozen=True)
class CommentSection:
    comments: tuple[Comment, ...] = ()
    count: int | None = None  # the number the page declares ("2 Comments")
    containers: tuple[lxml.html.HtmlElement, ...] = field(default=(), compare=False)  # left out of the body


def find_comments(root: lxml.html.HtmlElement, json_ld: list[dict[str, Any]], fetched_at: str | None) -> CommentSection:
    dates = DateReader(fetched_at, month_first=(root.get("lang") or "").lower().startswith("en-us"))
    marked = marked_elements(root)
    threads = find_threads(marked)
    comments, shown = comments_from_markup(threads, dates)
    stated = comments_from_json_ld(json_ld, dates)
    if len(stated) > len(comments):
        comments = stated
    containers = containers_of(comment_lists(shown), marked)
    if not comments:
        comments, headed = comments_under_title(root, dates)
        containers += headed
    count = count_from_json_ld(json_ld)
    if count is None:
        count = count_from_microdata(marked)
    if count is None:
        count = count_in(containers)
    return CommentSection(tuple(comments), count, containers)


def comments_from_markup(threads: list[Thread], dates: DateReader) -> tuple[list[Comment], list[Thread]]:
    """The comments, and the threads they came from."""
    elements = {element for thread in threads for element in thread.elements}
    ids = ids_of(threads)
    kept: dict[int, str | None] = {}  # thread -> the id its replies point at
    found: list[tuple[Comment, Thread, bool]] = []
    for thread in threads:
        region = thread.region()
        own = set(thread.elements)
        fields = read_fields(region, own, elements - own, dates)
        parent_id = kept.get(id(thread.parent)) if thread.parent is not None else None
        if not fields.text:
            kept[id(thread)] = parent_id  # its replies belong to its parent
            continue
        comment_id = ids[id(thread)]
        kept[id(thread)] = comment_id
        comment = Comment(id=comment_id, text=fields.text, parent_id=parent_id, author=fields.author,
                          published=fields.published, likes=fields.likes)
        found.append((comment, thread, bool(fields.author or fields.dated or thread.microdata)))
    kept_found = discussions_only(found)
    return [comment for comment, _, _ in kept_found], [thread for _, thread, _ in kept_found]


def discussions_only(found: list[tuple[Comment, Thread, bool]]) -> list[tuple[Comment, Thread, bool]]:
    """Drop each list of blocks named "comment" in which no block has an author or a date (the
    flag): that is not a discussion but an editor's note, a live ticker ("live-comment"), a sidebar
    of links to comments, a list of tags. Microdata Comments are comments by the page's own word."""
    group_of = {id(thread): id(root_of(thread).element.getparent()) for _, thread, _ in found}
    evidence = {group_of[id(thread)] for _, thread, evident in found if evident}
    return [entry for entry in found if group_of[id(entry[1])] in evidence]


def root_of(thread: Thread) -> Thread:
    while thread.parent is not None:
        thread = thread.parent
    return thread


def ids_of(threads: list[Thread]) -> dict[int, str]:
    """The page's own id for each comment ("comment-12"), else a stable one by position ("c3")."""
    ids: dict[int, str] = {}
    used: set[str] = set()
    for number, thread in enumerate(threads, 1):
        page_ids = [TAG_PREFIX.sub("", value) for element in thread.elements
                    for value in (element.get(name) for name in ID_ATTRIBUTES) if value]
        page_ids.sort(key=lambda value: not value.lower().startswith("comment"))
        page_ids += anchor_ids(thread.element)
        chosen = next((value for value in page_ids if value not in used), None) or f"c{number}"
        used.add(chosen)
        ids[id(thread)] = chosen
    return ids


def anchor_ids(element) -> list[str]:
    """The id of an empty anchor just before the comment: <a id="comment-12"></a> (Drupal, old blogs)."""
    anchor = element.getprevious()
    if anchor is None or anchor.tag != "a" or len(anchor) or (anchor.text or "").strip():
        return []
    value = anchor.get("id") or anchor.get("name") or ""
    return [value] if ITEM_ID.match(value) else []


def comment_lists(shown: list[Thread]) -> list[tuple[lxml.html.HtmlElement, list[lxml.html.HtmlElement]]]:
    """Each element holding top-level comments, once, with those comments."""
    lists: dict[int, tuple[lxml.html.HtmlElement, list[lxml.html.HtmlElement]]] = {}
    shown_ids = {id(thread) for thread in shown}
    for thread in shown:
        if thread.parent is None or id(thread.parent) not in shown_ids:
            holder = thread.element.getparent()
            if holder is not None:
                lists.setdefault(id(holder), (holder, []))[1].append(thread.element)
    return list(lists.values())
