"""Reader comments as a flat list of threaded records. (Stub: being written.)"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import lxml.html

from ..record import Comment


@dataclass(frozen=True)
class CommentSection:
    comments: tuple[Comment, ...] = ()
    count: int | None = None  # the number the page declares ("2 Comments")
    containers: tuple[lxml.html.HtmlElement, ...] = field(default=(), compare=False)  # left out of the body


def find_comments(root: lxml.html.HtmlElement, json_ld: list[dict[str, Any]], fetched_at: str | None) -> CommentSection:
    return CommentSection()
