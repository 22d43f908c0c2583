"""The article's own fields that a change record compares, and when two values count as the same.

Only these fields are compared: everything else in a record (id, fetched_at, archive, word_count,
extractor, warnings, images, comment_count, url, domain, site_name, language) describes the
capture or the extractor, not what the newsroom published, and never makes a change.
- Text fields are equal when their comparison forms are (typography and white space never count).
- Authors are equal when the same names come in the same order.
- Tags are equal as sets, without case: CMSs reorder and recase tags with no editorial meaning.
- Dates are equal when they name the same instant, or when one gives only the day and the other
  a time on that day (the same capture parsed with less or more precision is no edit).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from .textform import comparison_form

TEXT_FIELDS = ("title", "description", "section")
LIST_FIELDS = ("authors", "tags")
DATE_FIELDS = ("published", "updated")
FIELDS = ("title", "authors", "published", "updated", "description", "section", "tags")


def text_value(value: Any) -> str:
    return comparison_form(value) if isinstance(value, str) else ""


def names_value(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else []
    return tuple(form for form in (text_value(item) for item in items) if form)


def tags_value(value: Any) -> frozenset[str]:
    return frozenset(tag.casefold() for tag in names_value(value))


def date_value(value: Any) -> datetime | date | None:
    """A timezone-aware instant, a naive local time, a day, or None for no (or no readable) date."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        return None


def same_date(old: Any, new: Any) -> bool:
    a, b = date_value(old), date_value(new)
    if a is None or b is None:
        return a is None and b is None and text_value(old) == text_value(new)
    if isinstance(a, datetime) and isinstance(b, datetime):
        if (a.tzinfo is None) != (b.tzinfo is None):
            return a.replace(tzinfo=None) == b.replace(tzinfo=None)
        return a == b
    return day_of(a) == day_of(b)


def day_of(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


SAME: dict[str, Callable[[Any, Any], bool]] = {
    **{name: lambda old, new: text_value(old) == text_value(new) for name in TEXT_FIELDS},
    "authors": lambda old, new: names_value(old) == names_value(new),
    "tags": lambda old, new: tags_value(old) == tags_value(new),
    **{name: same_date for name in DATE_FIELDS},
}


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """{field: (old value, new value)} for each compared field that differs, in FIELDS order; the
    values as the records give them, a value of the wrong type as empty."""
    return {name: (of_type(name, old.get(name)), of_type(name, new.get(name))) for name in FIELDS
            if not SAME[name](old.get(name), new.get(name))}


def of_type(name: str, value: Any) -> Any:
    """The value if it has the type the article schema gives the field, else null or []."""
    if name in LIST_FIELDS:
        return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
    return value if isinstance(value, str) else None
