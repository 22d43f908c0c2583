"""Reader comments as a flat list of threaded records, and the elements the body must leave out.

The steps:
1. find the comments in the markup (`threads`): WordPress lists, the static Disqus fallback,
   microdata Comments and the many engines that name a comment block "comment" or "kommentar";
   where no block is named for one comment, the shape of the thread in a section named or titled
   for comments (`regions`, `shapes`);
2. read each one's author, date, text and likes (`fields`), dropping a comment with no text (its
   replies go to its own parent) and a list in which no comment has an author or a date;
3. when the page's JSON-LD states its comments (`structured`) and the markup gave fewer, the
   JSON-LD wins: it is what the site itself says (`located` finds where the markup shows them);
   with neither, comments may still sit under a plain "Kommentare" title, one heading each
   (`headed`);
4. find the containers, the outermost comment-only elements, and the count the page declares
   (`section`).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Any

import lxml.html

from ...record import Comment
from .dates import DateReader
from .fields import CommentFields, read_fields
from .headed import comments_under_title
from .located import MAX_LOCATED, SNIPPET, located_lists
from .markers import marked_elements
from .regions import Region, named_regions, posted_regions, titled_regions
from .section import as_the_body_drops, containers_of, count_from_microdata, count_in
from .shapes import comment_items, same_shape
from .structured import comments_from_json_ld, count_from_json_ld
from .threads import Thread, find_threads, named_items
from .vocabulary import ITEM_ID

# Where engines put a comment's own id, most trusted first.
ID_ATTRIBUTES = ("id", "data-comment-id", "data-id")
# Where a comment's header line may be printed outside its element, and how long it may be.
SIDES = ("before", "after")
MAX_HEADER_TEXT = 120
FORM_CONTROLS = ("textarea", "input", "select")
# The looks (tag and class) of a list's comments compared with a block that has no author or date.
MAX_SHAPES = 20
# A permalink is a date or a "#" or "Link", not a sentence.
MAX_PERMALINK_TEXT = 60
# WordPress themes repeat the comment's id on its wrappers with a tag prefix: li-comment-12, div-comment-12.
TAG_PREFIX = re.compile(r"^(?:li|div|article)-(?=comment-\d+$)")


@dataclass(frozen=True)
class CommentSection:
    comments: tuple[Comment, ...] = ()
    count: int | None = None  # the number the page declares ("2 Comments")
    containers: tuple[lxml.html.HtmlElement, ...] = field(default=(), compare=False)  # left out of the body


def find_comments(root: lxml.html.HtmlElement, json_ld: list[dict[str, Any]], fetched_at: str | None) -> CommentSection:
    dates = DateReader(fetched_at, month_first=(root.get("lang") or "").lower().startswith("en-us"))
    marks = marked_elements(root)
    marked = marks.named
    threads = find_threads(named_items(marked))
    used: set[str] = set()
    comments, shown = comments_from_markup(threads, dates, used)
    regions = named_regions(marked, [element for thread in shown for element in thread.elements])
    titled = titled_regions(marks.titles) if not shown else []
    by_shape, shaped = comments_by_shape(regions + titled, dates, used)
    if not shown and not shaped:
        by_shape, shaped = comments_by_shape(posted_regions(marks.users), dates, used)
    comments += by_shape
    shown += shaped
    stated = comments_from_json_ld(json_ld, dates)
    lists = comment_lists(shown)
    if len(stated) > len(comments):
        comments = stated
        lists += located_lists(root, not_shown(stated, shown))
    containers = containers_of(lists, marked)
    if not comments:
        comments, headed = comments_under_title(titled, dates)
        containers += headed
    count = count_from_json_ld(json_ld)
    if count is None:
        count = count_from_microdata(marked)
    if count is None:
        count = count_in(containers)
    return CommentSection(tuple(comments), count, as_the_body_drops(containers))


def not_shown(stated: list[Comment], shown: list[Thread]) -> list[Comment]:
    """The first few `stated` comments the markup's comments do not show (by the start of their
    text): enough to find where the page prints them (`located`)."""
    shown_text = " ".join(" ".join(thread.element.text_content().split()) for thread in shown)
    missing = (comment for comment in stated if " ".join(comment.text.split())[:SNIPPET] not in shown_text)
    return list(itertools.islice(missing, MAX_LOCATED))


def comments_by_shape(regions: list[Region], dates: DateReader,
                      used: set[str]) -> tuple[list[Comment], list[Thread]]:
    """The comments the shape of a thread shows (`shapes`) in the regions that hold none found by
    name (`regions`): the named sections, or, on a page with no comments found by name, the titled
    ones, whose comments must name an author."""
    comments: list[Comment] = []
    threads: list[Thread] = []
    taken: set = set()
    for region in regions:
        if any(root in taken or any(a in taken for a in root.iterancestors()) for root in region.roots):
            continue  # inside a region already read
        region_ids = set(used)
        found, found_threads = comments_from_markup(find_threads(comment_items(list(region.roots), dates)), dates,
                                                    region_ids)
        if region.needs_authors and not any(comment.author for comment in found):
            continue
        if region.posts and (len(found) < len(region.roots) or not all(comment.author for comment in found)):
            continue  # every reply of a forum's thread names its author
        if found:
            used.update(region_ids)
            comments += found
            threads += found_threads
            taken.update(region.roots)
    return comments, threads


def comments_from_markup(threads: list[Thread], dates: DateReader,
                         used: set[str]) -> tuple[list[Comment], list[Thread]]:
    """The comments, and the threads they came from (`used`: the ids the page's comments have)."""
    elements = {element for thread in threads for element in thread.elements}
    ids = ids_of(threads, used)
    kept: dict[int, str | None] = {}  # thread -> the id its replies point at
    found: list[tuple[Comment, Thread, bool]] = []
    sides: dict[int, str | None] = {}  # list -> the side its comments' headers are on
    for thread in threads:
        region = thread.region()
        own = set(thread.elements)
        fields = read_fields(region, own, elements - own, dates)
        if not (fields.author or fields.dated):
            fields = with_header_beside(fields, thread.element, elements, sides, dates)
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


def with_header_beside(fields: CommentFields, element, items: set, sides: dict[int, str | None],
                       dates: DateReader) -> CommentFields:
    """The comment's author and date from a header line printed beside it, outside its element:
    before it (<div class="kommentar-kopf">Peter, 12.03.2015</div><div class="kommentar">) or
    after it, the side decided once per list by its first comment that has one."""
    holder = element.getparent()
    if holder is None or next(element.iter(*FORM_CONTROLS), None) is not None:
        return fields  # a form's field named "comment", its label beside it
    side = sides.get(id(holder), "unknown")
    for candidate in SIDES if side == "unknown" else (side,) if side else ():
        header = sibling_header(element, candidate, items)
        head = read_fields([header], {header}, set(), dates) if header is not None else None
        if head is not None and (head.author or head.dated):
            sides[id(holder)] = candidate
            return replace(fields, author=head.author, published=head.published, dated=head.dated)
    if side == "unknown":
        sides[id(holder)] = None
    return fields


def sibling_header(element, side: str, items: set):
    """The short element just before or after `element` that is no comment itself."""
    sibling = element.getprevious() if side == "before" else element.getnext()
    while sibling is not None and sibling.tag == "a" and not sibling.text_content().strip():
        sibling = sibling.getprevious() if side == "before" else sibling.getnext()  # an empty anchor
    if sibling is None or sibling in items or not isinstance(sibling.tag, str) \
            or next(sibling.iter(*FORM_CONTROLS), None) is not None:
        return None
    return sibling if len(sibling.text_content().strip()) <= MAX_HEADER_TEXT else None


def discussions_only(found: list[tuple[Comment, Thread, bool]]) -> list[tuple[Comment, Thread, bool]]:
    """Drop each list of blocks named "comment" in which no block has an author or a date (the
    flag): that is not a discussion but an editor's note, a live ticker ("live-comment"), a sidebar
    of links to comments, a list of tags. Microdata Comments are comments by the page's own word.
    In a discussion, a block with neither is a comment only if shaped like one that has them (a
    "load more" box or a notice under the form is named "comment" too)."""
    group_of = {id(thread): id(root_of(thread).element.getparent()) for _, thread, _ in found}
    evident: dict[int, dict[tuple, lxml.html.HtmlElement]] = {}  # group -> one element of each look
    for _, thread, flag in found:
        examples = evident.setdefault(group_of[id(thread)], {}) if flag else None
        if examples is not None and len(examples) < MAX_SHAPES:
            examples.setdefault((thread.element.tag, thread.element.get("class")), thread.element)
    return [entry for entry in found if entry[2] or any(
        same_shape(entry[1].element, element) for element in evident.get(group_of[id(entry[1])], {}).values())]


def root_of(thread: Thread) -> Thread:
    while thread.parent is not None:
        thread = thread.parent
    return thread


def ids_of(threads: list[Thread], used: set[str]) -> dict[int, str]:
    """The page's own id for each comment ("comment-12"), else a stable one by position ("c3");
    none of them among the `used` ids of the page's other comments (they are added)."""
    ids: dict[int, str] = {}
    for thread in threads:
        page_ids = [TAG_PREFIX.sub("", value) for element in thread.elements
                    for value in (element.get(name) for name in ID_ATTRIBUTES) if value]
        page_ids.sort(key=lambda value: not value.lower().startswith("comment"))
        page_ids += anchor_ids(thread.element) + permalink_ids(thread.element)
        chosen = next((value for value in page_ids if value not in used), None)
        if chosen is None:
            chosen = next(f"c{number}" for number in range(len(used) + 1, 2 * len(used) + 2)
                          if f"c{number}" not in used)
        used.add(chosen)
        ids[id(thread)] = chosen
    return ids


def permalink_ids(element) -> list[str]:
    """The anchor the comment's permalink points at (<a href="#r-12">March 8</a>), a numbered one."""
    for link in element.iter("a"):
        fragment = (link.get("href") or "").partition("#")[2]
        if fragment and any(c.isdigit() for c in fragment) and len(link.text_content()) <= MAX_PERMALINK_TEXT:
            return [fragment]
    return []


def anchor_ids(element) -> list[str]:
    """The id of an empty anchor just before the comment or opening it: <a id="comment-12"></a>
    (Drupal), <a id="c000412"></a> (Movable Type); a numbered one, not the section's
    <a name="comments">."""
    ids = []
    for anchor in (element.getprevious(), element[0] if len(element) else None):
        if anchor is None or anchor.tag != "a" or len(anchor) or (anchor.text or "").strip():
            continue
        value = anchor.get("id") or anchor.get("name") or ""
        if ITEM_ID.match(value) or any(c.isdigit() for c in value):
            ids.append(value)
    return ids


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
