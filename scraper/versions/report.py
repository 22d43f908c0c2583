"""The HTML report: one self-contained page (inline CSS, no script, no font or image to fetch) that a
person reads instead of the JSON: the changed articles listed at the top, then for each change the
two versions side by side with the edits marked.

Marks, in both columns: `<del class="removed">` a sentence removed (old side), `<ins class="added">`
a sentence added (new side), `<span class="edited">` an edited sentence with its changed words as
`<del>` (old side) and `<ins>` (new side), `<span class="moved">` a sentence moved, labelled with
the paragraph it went to or came from. Runs of paragraphs without a mark fold into a `<details>`.
Changed fields are a table of old and new values; notices, quotes and comments follow.

The page is written as the changes come (a spool file holds the articles while the list of
articles grows), then moved into place, so neither memory nor a half-written page depends on how
many changes there are.
"""
from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import Any

from .alignment import ADDED, EDITED, MOVED, REMOVED, SAME
from .changerecord import BodyAlignment, Change, CommentRef, QuoteRef, Version
from .sentences import Sentence
from .textform import comparison_form

# Runs of at least this many paragraphs without a mark are folded.
FOLD_MIN_PARAGRAPHS = 2

STYLE = """
:root { color-scheme: light; --ins: #d7f5dd; --ins-ink: #0b5a1e; --del: #fbdada; --del-ink: #8a1111;
        --edit: #fff2c2; --move: #dde8fb; --move-ink: #1d3f8a; --rule: #d0d4da; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 78rem; padding: 1rem 1.5rem 4rem; color: #1b1e23; background: #fff;
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 0.25rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
a { color: #1d4fb8; }
.url { margin: 0; color: #59606b; font-size: 0.85rem; overflow-wrap: anywhere; }
.toc li { margin: 0.2rem 0; }
.count { color: #59606b; font-size: 0.9rem; }
.change { border-top: 1px solid var(--rule); margin-top: 1rem; padding-top: 0.5rem; }
.summary { margin: 0.25rem 0 0.75rem; }
.badge { display: inline-block; padding: 0 0.45rem; margin-right: 0.3rem; border-radius: 0.6rem;
         font-size: 0.8rem; background: #eef0f3; }
table.fields { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
.fields th, .fields td { border: 1px solid var(--rule); padding: 0.3rem 0.5rem; text-align: left;
                         vertical-align: top; }
.fields th { width: 8rem; background: #f5f6f8; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
.side { min-width: 0; }
.row.head h4 { margin: 0 0 0.5rem; font-size: 0.9rem; color: #59606b; font-weight: 600; }
.side p { margin: 0 0 0.8rem; }
del, ins { text-decoration: none; border-radius: 2px; padding: 0 1px; }
del { background: var(--del); color: var(--del-ink); text-decoration: line-through; }
ins { background: var(--ins); color: var(--ins-ink); }
.edited { background: var(--edit); }
.moved { background: var(--move); color: var(--move-ink); outline: 1px dashed var(--move-ink); }
.where { font-size: 0.75rem; font-weight: 600; margin-left: 0.25rem; }
details.fold { color: #59606b; margin: 0 0 0.8rem; }
details.fold summary { cursor: pointer; font-size: 0.85rem; }
.notice { border-left: 4px solid #c98a00; background: #fff8e6; padding: 0.4rem 0.7rem; margin: 0.5rem 0; }
.notice .kind { display: block; font-size: 0.75rem; font-weight: 700; text-transform: uppercase;
                letter-spacing: 0.04em; color: #8a5c00; }
.lists { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
.lists ul { padding-left: 1.2rem; margin: 0.3rem 0 0.8rem; }
.lists h4 { margin: 0.8rem 0 0; font-size: 0.95rem; }
.speaker { font-style: italic; }
.empty { color: #59606b; font-style: italic; }
@media (max-width: 50rem) { .row, .lists { grid-template-columns: 1fr; } }
"""

EDIT_KINDS = (EDITED, ADDED, REMOVED, MOVED)
NOTICE_LABELS = {"correction": "Correction", "clarification": "Clarification", "update": "Update",
                 "editors_note": "Editor's note"}


def write_report(changes: Iterable[Change], path: str | Path) -> int:
    """Write the report page; the number of changes on it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    entries: list[tuple[str, str, str, int]] = []  # (anchor, title, url, changes) for the list
    total = 0
    # errors="replace": a lone surrogate (from a JSON escape) is shown as "?", not a crash
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace", dir=path.parent) as spool:
        for number, (url, article_changes) in enumerate(by_article(changes), start=1):
            anchor = f"article-{number}"
            for change_number, change in enumerate(article_changes, start=1):
                if change_number == 1:
                    spool.write(article_heading(anchor, change))
                spool.write(change_section(f"{anchor}-change-{change_number}", change))
            spool.write("</section>\n")
            title = next((c.title for c in reversed(article_changes) if c.title), None) or url
            entries.append((anchor, title, url, len(article_changes)))
            total += len(article_changes)
        spool.seek(0)
        partial = path.with_name(f".{path.name}.partial")
        try:
            with partial.open("w", encoding="utf-8", errors="replace") as page:
                page.write(page_head(len(entries), total))
                page.write(contents(entries))
                while block := spool.read(1 << 20):
                    page.write(block)
                page.write("</main>\n</body>\n</html>\n")
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    return total


def by_article(changes: Iterable[Change]) -> Iterator[tuple[str, list[Change]]]:
    """Consecutive changes of one article together (`changes()` yields them so)."""
    current: list[Change] = []
    for change in changes:
        if current and change.url != current[0].url:
            yield current[0].url, current
            current = []
        current.append(change)
    if current:
        yield current[0].url, current


def page_head(articles: int, changes: int) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>What changed: {changes} change{plural(changes)} in {articles} "
            f"article{plural(articles)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f'<header>\n<h1>What changed</h1>\n<p class="count" id="totals">{changes} change{plural(changes)} in '
            f"{articles} article{plural(articles)}.</p>\n</header>\n")


def contents(entries: list[tuple[str, str, str, int]]) -> str:
    if not entries:
        return '<main>\n<p class="empty" id="no-changes">No article changed between its captures.</p>\n'
    items = "".join(f'<li><a href="#{anchor}">{escape(title)}</a> <span class="count">{count} '
                    f"change{plural(count)}</span></li>\n" for anchor, title, _, count in entries)
    return f'<nav class="toc" id="articles">\n<h2>Changed articles</h2>\n<ol>\n{items}</ol>\n</nav>\n<main>\n'


def article_heading(anchor: str, change: Change) -> str:
    return (f'<section class="article" id="{anchor}">\n<h2>{escape(change.title or change.url)}</h2>\n'
            f'<p class="url">{escape(change.url)}</p>\n')


def change_section(anchor: str, change: Change) -> str:
    parts = [f'<article class="change" id="{anchor}">\n',
             f"<h3>{escape(capture_label(change.old))} &rarr; {escape(capture_label(change.new))}</h3>\n",
             summary(change), fields_table(change), notices_block(change)]
    if change.alignment is not None:
        parts.append(sides(change.alignment, change))
    else:
        parts.append('<p class="empty body-same">The text of the article is the same in both versions.</p>\n')
    parts.append(lists_block(change))
    parts.append("</article>\n")
    return "".join(parts)


def capture_label(version: Version) -> str:
    when = version.fetched_at or "time unknown"
    label = f"version {version.version}, " if version.version is not None else ""
    return f"{label}{when}"


def summary(change: Change) -> str:
    counts = {kind: 0 for kind in EDIT_KINDS}
    for edit in change.body:
        counts[edit.kind] += 1
    badges = [f'<span class="badge {kind}">{count} sentence{plural(count)} {kind}</span>'
              for kind, count in counts.items() if count]
    if change.fields:
        badges.append(f'<span class="badge fields">changed: {escape(", ".join(change.fields))}</span>')
    for count, words in ((len(change.quotes_added), "quote{} added"),
                         (len(change.quotes_removed), "quote{} removed"),
                         (len(change.comments_added), "comment{} added"),
                         (len(change.notices), "notice{}")):
        if count:
            badges.append(f'<span class="badge">{count} {words.format(plural(count))}</span>')
    return f'<p class="summary">{"".join(badges)}</p>\n'


def fields_table(change: Change) -> str:
    if not change.fields:
        return ""
    rows = "".join(f'<tr data-field="{escape(name)}"><th>{escape(name)}</th>'
                   f'<td class="old"><del>{escape(shown(value.old))}</del></td>'
                   f'<td class="new"><ins>{escape(shown(value.new))}</ins></td></tr>\n'
                   for name, value in change.fields.items())
    return (f'<table class="fields">\n<thead><tr><th>field</th><th>before</th><th>after</th></tr></thead>\n'
            f"<tbody>\n{rows}</tbody>\n</table>\n")


def shown(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def notices_block(change: Change) -> str:
    return "".join(f'<p class="notice {escape(notice.kind)}"><span class="kind">'
                   f"{NOTICE_LABELS.get(notice.kind, notice.kind)} notice appeared</span> "
                   f"{escape(notice.text)}</p>\n"
                   for notice in change.notices)


def sides(alignment: BodyAlignment, change: Change) -> str:
    """Both versions in rows of paragraphs that line up: a row ends where a sentence kept or edited
    opens a paragraph on both sides. Runs of rows without a mark are folded."""
    old_marks, new_marks = marks(alignment)
    out = [f'<div class="sides">\n<div class="row head"><h4>Before: {escape(version_label(change.old))}</h4>'
           f'<h4>After: {escape(version_label(change.new))}</h4></div>\n']
    unmarked: list[str] = []
    for old_part, new_part in rows(alignment):
        row = (f'<div class="row"><div class="side old">{paragraphs_html(old_part, old_marks)}</div>'
               f'<div class="side new">{paragraphs_html(new_part, new_marks)}</div></div>\n')
        if any(s.index in old_marks for s in old_part) or any(s.index in new_marks for s in new_part):
            out.append(fold(unmarked))
            unmarked = []
            out.append(row)
        else:
            unmarked.append(row)
    out.append(fold(unmarked))
    out.append("</div>\n")
    return "".join(out)


def marks(alignment: BodyAlignment) -> tuple[dict[int, str], dict[int, str]]:
    """The HTML of each marked sentence, by sentence index, on the old and on the new side."""
    old_marks: dict[int, str] = {}
    new_marks: dict[int, str] = {}
    for op in alignment.ops:
        if op.kind == REMOVED:
            old_marks[op.at_old] = f'<del class="removed">{escape(alignment.old[op.at_old].text)}</del>'
        elif op.kind == ADDED:
            new_marks[op.at_new] = f'<ins class="added">{escape(alignment.new[op.at_new].text)}</ins>'
        elif op.kind == EDITED:
            before, after = word_diff(alignment.old[op.at_old].text, alignment.new[op.at_new].text)
            title = f' title="edited, similarity {op.similarity}"'
            old_marks[op.at_old] = f'<span class="edited"{title}>{before}</span>'
            new_marks[op.at_new] = f'<span class="edited"{title}>{after}</span>'
        elif op.kind == MOVED:
            source, target = alignment.old[op.at_old], alignment.new[op.at_new]
            old_marks[op.at_old] = (f'<span class="moved">{escape(source.text)}<span class="where">'
                                 f"&rarr; moved to &para;{target.paragraph + 1}</span></span>")
            new_marks[op.at_new] = (f'<span class="moved">{escape(target.text)}<span class="where">'
                                 f"&larr; moved from &para;{source.paragraph + 1}</span></span>")
    return old_marks, new_marks


def rows(alignment: BodyAlignment) -> Iterator[tuple[tuple[Sentence, ...], tuple[Sentence, ...]]]:
    """(old sentences, new sentences) of each row. Kept and edited sentences are in order on both
    sides (moves are not), so the rows they open never cross."""
    old, new = alignment.old, alignment.new
    cuts = [(0, 0)]
    for op in alignment.ops:
        if op.kind in (SAME, EDITED) and opens_paragraph(old, op.at_old) and opens_paragraph(new, op.at_new):
            if (op.at_old, op.at_new) != cuts[-1]:
                cuts.append((op.at_old, op.at_new))
    cuts.append((len(old), len(new)))
    for (old_start, new_start), (old_end, new_end) in zip(cuts, cuts[1:]):
        yield old[old_start:old_end], new[new_start:new_end]


def opens_paragraph(sentences: tuple[Sentence, ...], index: int) -> bool:
    return index == 0 or sentences[index - 1].paragraph != sentences[index].paragraph


def version_label(version: Version) -> str:
    return f"{version.fetched_at or 'time unknown'} (record {(version.id or '?')[:12]})"


def paragraphs_html(sentences: tuple[Sentence, ...], marks: dict[int, str]) -> str:
    out: list[str] = []
    start = 0
    while start < len(sentences):
        end = start
        while end < len(sentences) and sentences[end].paragraph == sentences[start].paragraph:
            end += 1
        pieces = " ".join(marks.get(s.index, escape(s.text)) for s in sentences[start:end])
        out.append(f'<p data-paragraph="{sentences[start].paragraph + 1}">{pieces}</p>')
        start = end
    return "".join(out)


def fold(rows_html: list[str]) -> str:
    if len(rows_html) < FOLD_MIN_PARAGRAPHS:
        return "".join(rows_html)
    return (f'<details class="fold"><summary>{len(rows_html)} unchanged paragraphs</summary>\n'
            f'{"".join(rows_html)}</details>\n')


def word_diff(old: str, new: str) -> tuple[str, str]:
    """The two sentences as HTML, the words only the old one has in <del>, the new one's in <ins>.
    Words are compared in their comparison form; sentences are short (MAX_SENTENCE_CHARS)."""
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, [comparison_form(w) for w in old_words],
                                      [comparison_form(w) for w in new_words], autojunk=False)
    before: list[str] = []
    after: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = escape(" ".join(old_words[i1:i2])), escape(" ".join(new_words[j1:j2]))
        if tag == "equal":
            before.append(old_part)
            after.append(new_part)
            continue
        if old_part:
            before.append(f"<del>{old_part}</del>")
        if new_part:
            after.append(f"<ins>{new_part}</ins>")
    return " ".join(before), " ".join(after)


def lists_block(change: Change) -> str:
    blocks = [quote_list("Quotes added", change.quotes_added, "ins", "quotes-added"),
              quote_list("Quotes removed", change.quotes_removed, "del", "quotes-removed"),
              comment_list(change.comments_added)]
    shown_blocks = [block for block in blocks if block]
    return f'<div class="lists">\n{"".join(shown_blocks)}</div>\n' if shown_blocks else ""


def quote_list(heading: str, quotes: tuple[QuoteRef, ...], tag: str, css: str) -> str:
    if not quotes:
        return ""
    items = "".join(f"<li><{tag}>&ldquo;{escape(q.text)}&rdquo;</{tag}>{attribution(q.speaker)}</li>\n"
                    for q in quotes)
    return f'<div class="{css}"><h4>{heading}</h4>\n<ul>\n{items}</ul></div>\n'


def comment_list(comments: tuple[CommentRef, ...]) -> str:
    if not comments:
        return ""
    items = "".join(f"<li><ins>{escape(c.text)}</ins>{attribution(c.author)}</li>\n" for c in comments)
    return f'<div class="comments-added"><h4>Comments added</h4>\n<ul>\n{items}</ul></div>\n'


def attribution(name: str | None) -> str:
    return f' <span class="speaker">{escape(name)}</span>' if name else ""


def plural(count: int) -> str:
    return "" if count == 1 else "s"
