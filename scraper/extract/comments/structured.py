"""Comments the page states as schema.org data in JSON-LD: `Article.comment`, `Comment` objects
with `author`, `dateCreated` and `text`, replies nested under their parent's `comment`, and the
article's `commentCount`."""
from __future__ import annotations

from typing import Any

from ...record import Comment
from ..jsonld import as_list, types_of
from .dates import DateReader

COMMENT_TYPES = frozenset({"Comment", "UserComments"})
DATE_KEYS = ("dateCreated", "datePublished", "commentTime", "dateModified")
TEXT_KEYS = ("text", "commentText", "description")


def comments_from_json_ld(json_ld: list[dict[str, Any]], dates: DateReader) -> list[Comment]:
    """Every Comment in the JSON-LD, in document order, replies after their parent."""
    comments: list[Comment] = []
    seen: set[int] = set()
    pending: list[tuple[Any, str | None]] = []
    for obj in json_ld:
        if types_of(obj) & COMMENT_TYPES:
            pending.append((obj, None))
        else:
            pending.extend((item, None) for item in as_list(obj.get("comment")))
    while pending:
        obj, parent_id = pending.pop(0)
        if not isinstance(obj, dict) or id(obj) in seen:
            continue
        seen.add(id(obj))
        text = text_of(obj)
        comment_id = own_id(obj) or f"c{len(comments) + 1}"
        if text:
            comments.append(Comment(id=comment_id, text=text, parent_id=parent_id, author=author_of(obj),
                                    published=first_date(obj, dates), likes=likes_of(obj)))
        replies = [(item, comment_id if text else parent_id) for item in as_list(obj.get("comment"))]
        pending[:0] = replies  # depth first: a reply comes right after its parent, as on the page
    return comments


def own_id(obj: dict) -> str | None:
    """The comment's id: its @id, identifier or URL; of a URL, the fragment ("#comment-12")."""
    value = obj.get("@id") or obj.get("identifier") or obj.get("url")
    if not isinstance(value, (str, int)) or not str(value).strip():
        return None
    value = str(value).strip()
    return value.rsplit("#", 1)[1] or value if "#" in value else value


def count_from_json_ld(json_ld: list[dict[str, Any]]) -> int | None:
    for obj in json_ld:
        value = obj.get("commentCount")
        if isinstance(value, (int, str)) and str(value).strip().isdigit():
            return int(str(value).strip())
    return None


def text_of(obj: dict) -> str:
    for key in TEXT_KEYS:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            paragraphs = (" ".join(part.split()) for part in value.strip().split("\n\n"))
            return "\n\n".join(part for part in paragraphs if part)
    return ""


def author_of(obj: dict) -> str | None:
    for author in as_list(obj.get("author") or obj.get("creator")):
        name = author.get("name") if isinstance(author, dict) else author
        if isinstance(name, str) and name.strip():
            return " ".join(name.split())
    return None


def first_date(obj: dict, dates: DateReader) -> str | None:
    for key in DATE_KEYS:
        value = obj.get(key)
        if isinstance(value, str):
            found = dates.read(value)
            if found:
                return found
    return None


def likes_of(obj: dict) -> int | None:
    value = obj.get("upvoteCount")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None
