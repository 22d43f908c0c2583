"""The change record (schema version 1): what changed in one article between two consecutive
versions whose content differs. The frozen dataclasses here are what `changes()` yields;
`Change.to_dict()` is the one place where they become JSON. The published JSON Schema is
`scraper/schema/change.schema.json`; keep the two in step.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .alignment import Op
from .notices import Notice
from .sentences import Sentence

CHANGE_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Version:
    """Which record (and so which capture) a side of the change is."""

    id: str | None
    url: str | None
    fetched_at: str | None
    version: int | None = None  # the recrawl's version number, when the record has one
    archive: dict[str, Any] | None = None  # the record's archive pointer, as it is


@dataclass(frozen=True)
class FieldChange:
    old: Any
    new: Any


@dataclass(frozen=True)
class SentenceEdit:
    """One body edit: `added` (new side only), `removed` (old side only), `edited` (both, with the
    similarity of their words), `moved` (both, the same sentence elsewhere). Indexes count from the start of
    the body: `*_sentence` among its sentences, `*_paragraph` among its paragraphs."""

    kind: str
    old: str | None
    new: str | None
    similarity: float | None
    old_sentence: int | None
    new_sentence: int | None
    old_paragraph: int | None
    new_paragraph: int | None


@dataclass(frozen=True)
class QuoteRef:
    text: str
    speaker: str | None


@dataclass(frozen=True)
class CommentRef:
    id: str | None
    parent_id: str | None
    author: str | None
    published: str | None
    text: str


@dataclass(frozen=True)
class BodyAlignment:
    """Both bodies as sentences and how they align: what the HTML report draws side by side.
    Not part of the JSON record (which lists the edits only)."""

    old: tuple[Sentence, ...]
    new: tuple[Sentence, ...]
    ops: tuple[Op, ...]


@dataclass(frozen=True)
class Change:
    url: str  # the article: its canonical URL (else its URL), as the records were grouped
    title: str | None  # the newer version's title, to name the article
    old: Version
    new: Version
    fields: dict[str, FieldChange] = field(default_factory=dict)
    body: tuple[SentenceEdit, ...] = ()
    quotes_added: tuple[QuoteRef, ...] = ()
    quotes_removed: tuple[QuoteRef, ...] = ()
    comments_added: tuple[CommentRef, ...] = ()
    notices: tuple[Notice, ...] = ()
    alignment: BodyAlignment | None = field(default=None, compare=False, repr=False)  # None: body the same
    schema_version: int = CHANGE_SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        record = {name.name: getattr(self, name.name) for name in dataclasses.fields(self)
                  if name.name not in ("alignment", "schema_version")}
        return {"schema_version": self.schema_version, **_json(record)}


def _json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: _json(getattr(value, item.name)) for item in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(item) for item in value]
    return value
