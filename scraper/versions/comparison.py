"""Two versions of one article in, a change record out (or None when their content is the same).

Steps:
1. the compared fields (`fields`): title, authors, published, updated, description, section, tags;
2. unless the bodies are the same in comparison form: the bodies as sentences (`sentences`),
   aligned (`alignment`) unless their sentences are the same;
3. quotes added and removed: (text, speaker) pairs counted with repeats, so a quote given to
   another speaker is one removed and one added;
4. comments added: (author, text) pairs counted with repeats (comment ids may be positions on the
   page, so they cannot say which comment is which). Comments gone are not reported: pages show
   the latest N comments, and older ones leave the page without anyone removing them;
5. notices (`notices`) in the new body that the old body did not have (none when the body is
   the same).
Every text is compared in its comparison form (`textform`). A record's fields may be of any type
(the records come from files): what is not of the expected type counts as empty.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from .alignment import ADDED, MOVED, REMOVED, SAME, Op, align
from .changerecord import BodyAlignment, Change, CommentRef, FieldChange, QuoteRef, SentenceEdit, Version
from .fields import changed_fields
from .grouping import version_number
from .notices import Notice, notices
from .sentences import Sentence, split_body
from .textform import comparison_form


def compare(url: str, old: dict[str, Any], new: dict[str, Any]) -> Change | None:
    fields = {name: FieldChange(old=a, new=b) for name, (a, b) in changed_fields(old, new).items()}
    old_body, new_body = text_of(old.get("body")), text_of(new.get("body"))
    alignment: BodyAlignment | None = None
    edits: tuple[SentenceEdit, ...] = ()
    appeared: tuple[Notice, ...] = ()
    if comparison_form(old_body) != comparison_form(new_body):
        old_sentences, new_sentences = split_body(old_body), split_body(new_body)
        alignment = body_alignment(old_sentences, new_sentences)
        edits = tuple(sentence_edits(alignment))
        known = {comparison_form(notice.text) for notice in notices(old_sentences)}
        appeared = tuple(notice for notice in notices(new_sentences) if comparison_form(notice.text) not in known)
    quotes_added, quotes_removed = quote_changes(old.get("quotes"), new.get("quotes"))
    comments = tuple(comments_added(old.get("comments"), new.get("comments")))
    if not (fields or edits or quotes_added or quotes_removed or comments or appeared):
        return None
    return Change(url=url, title=optional_text(new.get("title")), old=version_of(old), new=version_of(new),
                  fields=fields, body=edits, quotes_added=quotes_added, quotes_removed=quotes_removed,
                  comments_added=comments, notices=appeared, alignment=alignment)


def body_alignment(old: tuple[Sentence, ...], new: tuple[Sentence, ...]) -> BodyAlignment:
    if [s.form for s in old] == [s.form for s in new]:  # the usual case: skip the alignment
        ops = tuple(Op(SAME, old=number, new=number) for number in range(len(old)))
    else:
        ops = align([s.form for s in old], [s.form for s in new])
    return BodyAlignment(old=old, new=new, ops=ops)


def sentence_edits(alignment: BodyAlignment) -> Iterator[SentenceEdit]:
    for op in alignment.ops:
        if op.kind == SAME:
            continue
        before = alignment.old[op.at_old] if op.kind != ADDED else None
        after = alignment.new[op.at_new] if op.kind != REMOVED else None
        yield SentenceEdit(
            kind=op.kind, old=before.text if before else None, new=after.text if after else None,
            similarity=op.similarity if op.kind not in (MOVED, ADDED, REMOVED) else None,
            old_sentence=before.index if before else None, new_sentence=after.index if after else None,
            old_paragraph=before.paragraph if before else None, new_paragraph=after.paragraph if after else None)


def quote_changes(old: Any, new: Any) -> tuple[tuple[QuoteRef, ...], tuple[QuoteRef, ...]]:
    old_quotes, new_quotes = quotes_of(old), quotes_of(new)
    old_keys = Counter(quote_key(quote) for quote in old_quotes)
    new_keys = Counter(quote_key(quote) for quote in new_quotes)
    return (tuple(not_in(new_quotes, old_keys, quote_key)), tuple(not_in(old_quotes, new_keys, quote_key)))


def quotes_of(value: Any) -> list[QuoteRef]:
    return [QuoteRef(text=text_of(item.get("text")), speaker=optional_text(item.get("speaker")))
            for item in dicts_of(value) if text_of(item.get("text")).strip()]


def quote_key(quote: QuoteRef) -> tuple[str, str]:
    return comparison_form(quote.text), comparison_form(quote.speaker)


def comments_added(old: Any, new: Any) -> Iterator[CommentRef]:
    seen = Counter(comment_key(comment) for comment in comments_of(old))
    yield from not_in(comments_of(new), seen, comment_key)


def comments_of(value: Any) -> list[CommentRef]:
    return [CommentRef(id=optional_text(item.get("id")), parent_id=optional_text(item.get("parent_id")),
                       author=optional_text(item.get("author")), published=optional_text(item.get("published")),
                       text=text_of(item.get("text")))
            for item in dicts_of(value) if text_of(item.get("text")).strip()]


def comment_key(comment: CommentRef) -> tuple[str, str]:
    return comparison_form(comment.author), comparison_form(comment.text)


def not_in(items: list, others: Counter, key) -> Iterator:
    """The items that `others` does not account for, counting repeats, in their order."""
    left = Counter(others)
    for item in items:
        if left[key(item)] > 0:
            left[key(item)] -= 1
        else:
            yield item


def version_of(record: dict[str, Any]) -> Version:
    archive = record.get("archive")
    return Version(id=optional_text(record.get("id")), url=optional_text(record.get("url")),
                   fetched_at=optional_text(record.get("fetched_at")), version=version_number(record),
                   archive=archive if isinstance(archive, dict) else None)


def text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""


def optional_text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def dicts_of(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
