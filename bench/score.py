#!/usr/bin/env python3
"""Score the installed project's extraction on gold suites, side by side with peer libraries.

    .venv/bin/python bench/score.py --data DIR                    # every suite under DIR
    .peers/bin/python bench/score.py --data DIR --systems scraper,trafilatura --suites body,pages
    .venv/bin/python bench/score.py --data DIR --fold 0/2         # half of each suite; then --fold 1/2
    .venv/bin/python bench/score.py --data DIR --limit 50 --json figures.json

Systems: scraper (the installed project, through scraper.extract and scraper.extract_quotes),
trafilatura, newspaper4k, goose3, readability (readability-lxml), htmldate. A system that is not
installed is skipped with a note; keep the peers in their own environment (.peers/).

Suites are the folders under DIR that hold an items.jsonl; a folder's name says its kind: body,
pages, dates or quotes, alone or as a suffix after '-' (readability-body, postlight-pages).
items.jsonl holds one gold item a line; the pages are gzipped in html/ (quotes carry their text):
  every kind  id (the fold key; else file, else url), url (given to the extractor; may be null)
  body        file, body: the article text
  pages       file, with / without: text segments that must / must not be in the body;
              optional title, author (a name, names joined by ',' ';' 'and', a list, or null),
              date (starting YYYY-MM-DD), comments (comment texts)
  dates       file, date: the publication day, or null for a page that has none
  quotes      text, quotes: [{text, source, source_is_pronoun}]

The figures (a figure is missing where a system does not give the field):
  body    body_precision / body_recall: shared shingles of 4 word tokens over the page's found /
          gold shingles, averaged over the pages that found / have any; body_f1 of the two means;
          body_exact: the pages whose word tokens are exactly the gold's
  pages   seg_precision / seg_recall / seg_f1 / seg_accuracy: 'with' segments found in the body,
          'without' segments wrongly kept there (spaces collapsed, case kept);
          comments_recall / comments_in_body: the gold comments present in the page's visible
          text (outside script, style, noscript) found in the comments / wrongly left in the body;
          title_acc (same normalised text), author_acc (same set of names), date_acc (same day)
  dates   date_acc: the pages with the right day (a page whose gold has no date is right when
          left undated); date_precision: those right pages over the pages given a date;
          date_given: the share given a date
  quotes  quote_precision / quote_recall / quote_f1: a found quote matches the unmatched gold
          quote with which its words overlap most, at a word F1 of 0.6 or more;
          speaker_acc: among matched quotes whose source is annotated and not a pronoun, those
          whose speaker or speaker_mention shares a word (not a title or filler) with the source

Each page goes to every system in turn (A B A B ...), so time/first, each system's time over the
first system's on the same pages in the same run, holds on a busy machine.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, cast

KINDS = ("body", "pages", "dates", "quotes")
TOKEN = re.compile(r"\w+")
SPACES = re.compile(r"\s+")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SHINGLE_WORDS = 4
QUOTE_MATCH_F1 = 0.6
AUTHOR_SEPARATORS = re.compile(r";|,| and | & | und ")
BYLINE_PREFIX = re.compile(r"^\s*(by|von|par|por)\s+")
TYPOGRAPHIC_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
# Words a speaker and an annotated source may share without naming the same person.
SPEAKER_FILLER_WORDS = frozenset(
    {"the", "a", "an", "of", "mr", "mrs", "ms", "dr", "said", "says", "and", "in", "for", "to"})
ERRORS_SHOWN = 3

Item = dict[str, Any]
Figures = dict[str, float | None]


# ---------------------------------------------------------------- text

def collapse_spaces(text: str | None) -> str:
    return SPACES.sub(" ", text or "").strip()


def normalise(text: str | None) -> str:
    """Compatibility forms folded, typographic quotes made plain, spaces collapsed, case folded."""
    text = unicodedata.normalize("NFKC", text or "").translate(TYPOGRAPHIC_QUOTES)
    return collapse_spaces(text).casefold()


def words(text: str | None) -> list[str]:
    return TOKEN.findall(normalise(text))


def day_of(value: object) -> str | None:
    """The YYYY-MM-DD that a date value starts with, or None."""
    match = DAY.match(str(value).strip()) if value else None
    return match.group() if match else None


def author_names(value: object) -> list[str]:
    """Normalised names from a list of names (or {"name": ...}) or a string of joined names."""
    if not value:
        return []
    names = AUTHOR_SEPARATORS.split(value) if isinstance(value, str) else value if isinstance(value, list) else [value]
    cleaned = []
    for name in names:
        if isinstance(name, dict):
            name = name.get("name") or ""
        tokens = TOKEN.findall(BYLINE_PREFIX.sub("", normalise(str(name))))
        if tokens:
            cleaned.append(" ".join(tokens))
    return cleaned


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def harmonic_mean(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def precision_recall_f1(true_pos: int, false_pos: int, false_neg: int) -> tuple[float, float, float]:
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 0.0
    return precision, recall, harmonic_mean(precision, recall)


# ---------------------------------------------------------------- what a system gives

@dataclass(frozen=True)
class Found:
    """What a system extracted from one page (empty when it gave nothing or crashed)."""

    body: str = ""
    title: str | None = None
    authors: object = None  # a list of names or a string of joined names, as the system gives them
    published: str | None = None
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class FoundQuote:
    text: str
    speaker: str | None = None
    speaker_mention: str | None = None


# ---------------------------------------------------------------- body

def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Runs of 4 word tokens (case kept); a text shorter than that is one run of what it has."""
    tokens = TOKEN.findall(text)
    starts = range(max(1, len(tokens) - SHINGLE_WORDS + 1)) if tokens else range(0)
    return Counter(tuple(tokens[i:i + SHINGLE_WORDS]) for i in starts)


def shingle_overlap(gold: str, found: str) -> tuple[int, int, int]:
    """Shingles shared, found only, gold only."""
    gold_runs, found_runs = shingles(gold), shingles(found)
    return (sum((gold_runs & found_runs).values()), sum((found_runs - gold_runs).values()),
            sum((gold_runs - found_runs).values()))


def body_figures(golds: list[str], bodies: list[str]) -> Figures:
    overlaps = [shingle_overlap(gold, body) for gold, body in zip(golds, bodies)]
    precision = mean(shared / (shared + extra) for shared, extra, _ in overlaps if shared + extra) or 0.0
    recall = mean(shared / (shared + missed) for shared, _, missed in overlaps if shared + missed) or 0.0
    exact = mean(TOKEN.findall(gold) == TOKEN.findall(body) for gold, body in zip(golds, bodies))
    return {"body_f1": harmonic_mean(precision, recall), "body_precision": precision,
            "body_recall": recall, "body_exact": exact}


# ---------------------------------------------------------------- pages

def segments_in_bodies(items: list[Item], bodies: list[str], part: str) -> list[bool]:
    """For each segment of the items' `part` ('with' or 'without'): is it in the item's body?"""
    return [collapse_spaces(segment) in body for item, body in zip(items, bodies) for segment in item.get(part) or []]


def segment_figures(items: list[Item], bodies: list[str]) -> Figures:
    found, leaked = segments_in_bodies(items, bodies, "with"), segments_in_bodies(items, bodies, "without")
    true_pos, false_pos = sum(found), sum(leaked)
    false_neg, true_neg = len(found) - true_pos, len(leaked) - false_pos
    precision, recall, f1 = precision_recall_f1(true_pos, false_pos, false_neg)
    return {"seg_f1": f1, "seg_precision": precision, "seg_recall": recall,
            "seg_accuracy": (true_pos + true_neg) / max(1, len(found) + len(leaked))}


def visible_text(html: bytes) -> str:
    """The page's text outside script, style and noscript, spaces collapsed."""
    import lxml.html
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml refuses some pages (empty, binary): they show no text
        return ""
    for hidden in root.xpath("//script|//style|//noscript"):
        hidden.drop_tree()
    return collapse_spaces(root.text_content())


def present_comments(gold: list[str], html: bytes) -> list[str]:
    """The non-empty gold comments whose text is in the saved page: comments a site loads by script
    after the page arrives are in no extractor's reach."""
    texts = [text for text in map(collapse_spaces, gold) if text]
    shown = visible_text(html) if texts else ""
    return [text for text in texts if text in shown]


def comments_recall(present: list[list[str]], comments: list[tuple[str, ...]]) -> float | None:
    return mean(text in collapse_spaces(" ".join(found))
                for texts, found in zip(present, comments) for text in texts)


def comments_in_body(present: list[list[str]], bodies: list[str]) -> float | None:
    return mean(text in body for texts, body in zip(present, bodies) for text in texts)


def title_accuracy(items: list[Item], titles: list[str | None]) -> float | None:
    return mean(normalise(title) == normalise(item["title"])
                for item, title in zip(items, titles) if item.get("title"))


def author_accuracy(items: list[Item], authors: list[object]) -> float | None:
    """Over the items that state an author (null included: then naming nobody is right)."""
    return mean(sorted(author_names(item["author"])) == sorted(author_names(found))
                for item, found in zip(items, authors) if "author" in item)


def date_accuracy(items: list[Item], published: list[str | None]) -> float | None:
    return mean(day_of(found) == day_of(item.get("date"))
                for item, found in zip(items, published) if day_of(item.get("date")))


def pages_figures(items: list[Item], present: list[list[str]], results: list[Found],
                  gives: frozenset[str]) -> Figures:
    figures: Figures = {}
    if "body" in gives:
        bodies = [collapse_spaces(found.body) for found in results]
        figures |= segment_figures(items, bodies)
        figures["comments_in_body"] = comments_in_body(present, bodies)
    if "comments" in gives:
        figures["comments_recall"] = comments_recall(present, [found.comments for found in results])
    if "title" in gives:
        figures["title_acc"] = title_accuracy(items, [found.title for found in results])
    if "authors" in gives:
        figures["author_acc"] = author_accuracy(items, [found.authors for found in results])
    if "published" in gives:
        figures["date_acc"] = date_accuracy(items, [found.published for found in results])
    return figures


# ---------------------------------------------------------------- dates

def dates_figures(items: list[Item], published: list[str | None]) -> Figures:
    found = [day_of(value) for value in published]
    right = sum(day_of(item.get("date")) == day for item, day in zip(items, found))
    given = sum(day is not None for day in found)
    return {"date_acc": right / len(items), "date_precision": right / given if given else 0.0,
            "date_given": given / len(items)}


# ---------------------------------------------------------------- quotes

def word_overlap_f1(gold: Counter[str], found: Counter[str]) -> float:
    shared = sum((gold & found).values())
    return 2 * shared / (gold.total() + found.total()) if shared else 0.0


def match_quotes(gold: list[Item], found: list[FoundQuote]) -> list[tuple[Item, FoundQuote]]:
    """Each gold quote, in order, takes the still unmatched found quote that overlaps it most (the
    first of equals), if their word F1 reaches QUOTE_MATCH_F1."""
    found_words = [Counter(words(quote.text)) for quote in found]
    taken: set[int] = set()
    pairs = []
    for quote in gold:
        gold_words = Counter(words(quote["text"]))
        best, best_f1 = None, 0.0
        for index, candidate in enumerate(found_words):
            if index in taken:
                continue
            f1 = word_overlap_f1(gold_words, candidate)
            if f1 > best_f1:
                best, best_f1 = index, f1
        if best is not None and best_f1 >= QUOTE_MATCH_F1:
            taken.add(best)
            pairs.append((quote, found[best]))
    return pairs


def speaker_is_named(gold: Item) -> bool:
    return bool(gold.get("source")) and not gold.get("source_is_pronoun")


def speaker_matches(gold: Item, found: FoundQuote) -> bool:
    source = set(words(gold["source"])) - SPEAKER_FILLER_WORDS
    named = set(words(f"{found.speaker or ''} {found.speaker_mention or ''}")) - SPEAKER_FILLER_WORDS
    return bool(source & named)


def quote_figures(items: list[Item], results: list[list[FoundQuote]]) -> Figures:
    pairs = [pair for item, found in zip(items, results) for pair in match_quotes(item["quotes"], found)]
    matched = len(pairs)
    precision, recall, f1 = precision_recall_f1(
        matched, sum(map(len, results)) - matched, sum(len(item["quotes"]) for item in items) - matched)
    return {"quote_f1": f1, "quote_precision": precision, "quote_recall": recall,
            "speaker_acc": mean(speaker_matches(gold, found) for gold, found in pairs if speaker_is_named(gold))}


# ---------------------------------------------------------------- systems

def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def as_text(html: bytes) -> str:
    """The page decoded for peers that take text (the charset found by BeautifulSoup's detector)."""
    from bs4 import UnicodeDammit
    return UnicodeDammit(html, is_html=True).unicode_markup or html.decode("utf-8", "replace")


class Scraper:
    name = "scraper"
    gives = frozenset({"body", "title", "authors", "published", "comments", "quotes"})

    def __init__(self) -> None:
        import scraper
        self.scraper = scraper
        self.version = scraper.__version__

    def extract(self, html: bytes, url: str | None) -> Found:
        record = self.scraper.extract(html, url=url).to_dict()
        return Found(body=record.get("body") or "", title=record.get("title"), authors=record.get("authors"),
                     published=record.get("published"),
                     comments=tuple(comment.get("text") or "" for comment in record.get("comments") or ()))

    def quotes(self, text: str) -> list[FoundQuote]:
        return [FoundQuote(quote.text, quote.speaker, quote.speaker_mention)
                for quote in self.scraper.extract_quotes(text)]


class Trafilatura:
    name = "trafilatura"
    gives = frozenset({"body", "title", "authors", "published", "comments"})

    def __init__(self) -> None:
        import trafilatura
        self.trafilatura = trafilatura
        self.version = package_version("trafilatura")

    def extract(self, html: bytes, url: str | None) -> Found:
        document = self.trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=True)
        if document is None:
            return Found()
        record = document if isinstance(document, dict) else document.as_dict()
        return Found(body=record.get("text") or "", title=record.get("title"), authors=record.get("author"),
                     published=record.get("date"),
                     comments=(record["comments"],) if record.get("comments") else ())


class Newspaper:
    name = "newspaper4k"
    gives = frozenset({"body", "title", "authors", "published"})

    def __init__(self) -> None:
        import newspaper
        self.newspaper = newspaper
        self.version = package_version("newspaper4k")

    def extract(self, html: bytes, url: str | None) -> Found:
        config = self.newspaper.Config()
        config.fetch_images = False  # else it downloads the images
        article = self.newspaper.Article(url or "http://example.com/", config=config)
        article.download(input_html=as_text(html))
        article.parse()
        published = article.publish_date.isoformat() if article.publish_date else None
        return Found(body=article.text or "", title=article.title, authors=article.authors, published=published)


class Goose:
    name = "goose3"
    gives = frozenset({"body", "title", "authors", "published"})

    def __init__(self) -> None:
        import goose3
        self.goose = goose3.Goose()
        self.version = package_version("goose3")

    def extract(self, html: bytes, url: str | None) -> Found:
        article = self.goose.extract(raw_html=as_text(html))
        return Found(body=article.cleaned_text or "", title=article.title, authors=article.authors,
                     published=article.publish_date)


class Readability:
    name = "readability"
    gives = frozenset({"body", "title"})
    BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "pre", "blockquote", "td")

    def __init__(self) -> None:
        import lxml.html
        import readability
        self.readability, self.lxml_html = readability, lxml.html
        self.version = package_version("readability-lxml")

    def extract(self, html: bytes, url: str | None) -> Found:
        document = self.readability.Document(as_text(html))
        summary = document.summary(html_partial=True)
        blocks = self.lxml_html.fromstring(summary).iter(*self.BLOCKS) if summary.strip() else ()
        paragraphs = [text for text in (collapse_spaces(block.text_content()) for block in blocks) if text]
        return Found(body="\n\n".join(paragraphs), title=document.short_title())


class HtmlDate:
    name = "htmldate"
    gives = frozenset({"published"})

    def __init__(self) -> None:
        import htmldate
        self.htmldate = htmldate
        self.version = package_version("htmldate")

    def extract(self, html: bytes, url: str | None) -> Found:
        return Found(published=self.htmldate.find_date(html, url=url, extensive_search=True, original_date=True))


SYSTEMS = {system.name: system for system in (Scraper, Trafilatura, Newspaper, Goose, Readability, HtmlDate)}
System = Scraper | Trafilatura | Newspaper | Goose | Readability | HtmlDate


# ---------------------------------------------------------------- suites

@dataclass(frozen=True)
class Suite:
    name: str
    kind: str
    folder: Path
    items: list[Item]

    def page(self, item: Item) -> bytes:
        return gzip.decompress((self.folder / item["file"]).read_bytes())


def suite_kind(name: str) -> str:
    for kind in KINDS:
        if name == kind or name.endswith("-" + kind):
            return kind
    raise SystemExit(f"suite {name!r}: a suite folder's name is, or ends in '-' and, one of {', '.join(KINDS)}")


def fold_key(item: Item) -> str:
    return str(item.get("id") or item.get("file") or item.get("url"))


def in_fold(item: Item, fold: int, folds: int) -> bool:
    return int(hashlib.sha256(fold_key(item).encode()).hexdigest(), 16) % folds == fold


def load_suite(folder: Path, limit: int = 0, fold: tuple[int, int] | None = None) -> Suite:
    """The suite's first `limit` items (all if 0), then those of the fold."""
    with open(folder / "items.jsonl", encoding="utf-8") as lines:
        items = [json.loads(line) for line in lines if line.strip()]
    items = items[:limit] if limit else items
    if fold:
        items = [item for item in items if in_fold(item, *fold)]
    return Suite(folder.name, suite_kind(folder.name), folder, items)


# ---------------------------------------------------------------- running

@dataclass
class Tally:
    """One system's results on one suite, in item order, and the seconds it spent."""

    results: list[Any] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0


def run_alternately(systems: list[System], inputs: Iterable[Any], call: Callable[[System, Any], Any],
                    empty: Callable[[], Any]) -> dict[str, Tally]:
    """Give each input to every system in turn, timing each call; a crash scores as `empty()`."""
    tallies = {system.name: Tally() for system in systems}
    for given in inputs:
        for system in systems:
            tally = tallies[system.name]
            started = time.perf_counter()
            try:
                result = call(system, given)
            except Exception as error:  # a peer's crash on one page must not end the run
                result = empty()
                tally.errors += 1
                if tally.errors <= ERRORS_SHOWN:
                    print(f"  {system.name}: {type(error).__name__}: {str(error)[:160]}", file=sys.stderr)
            tally.seconds += time.perf_counter() - started
            tally.results.append(result)
    return tallies


def pages_of(suite: Suite) -> Iterator[tuple[bytes, str | None]]:
    for item in suite.items:
        yield suite.page(item), item.get("url")


def figures_of(suite: Suite, system: System, results: list[Any], present: list[list[str]]) -> Figures:
    """One system's figures on one suite, from its results in item order."""
    if suite.kind == "quotes":
        return quote_figures(suite.items, results)
    if suite.kind == "pages":
        return pages_figures(suite.items, present, results, system.gives)
    if suite.kind == "body" and "body" in system.gives:
        return body_figures([item["body"] for item in suite.items], [found.body for found in results])
    if suite.kind == "dates" and "published" in system.gives:
        return dates_figures(suite.items, [found.published for found in results])
    return {}


def score_suite(suite: Suite, systems: list[System]) -> dict[str, dict[str, Any]]:
    """Every system's figures on one suite, with its seconds, errors and item count."""
    if suite.kind == "quotes":
        systems = [system for system in systems if "quotes" in system.gives]
        tallies = run_alternately(systems, (item["text"] for item in suite.items),
                                  lambda system, text: cast(Scraper, system).quotes(text), list)
    else:
        tallies = run_alternately(systems, pages_of(suite), lambda system, page: system.extract(*page), Found)
    present = [present_comments(item["comments"], suite.page(item))
               if suite.kind == "pages" and item.get("comments") else [] for item in suite.items]
    table = {}
    for system in systems:
        tally = tallies[system.name]
        table[system.name] = figures_of(suite, system, tally.results, present) | {
            "seconds": tally.seconds, "errors": tally.errors, "n": len(suite.items)}
    return table


# ---------------------------------------------------------------- command

def load_systems(names: list[str]) -> list[System]:
    systems = []
    for name in names:
        if name not in SYSTEMS:
            raise SystemExit(f"unknown system {name!r}; the systems are {', '.join(SYSTEMS)}")
        try:
            systems.append(SYSTEMS[name]())
        except ImportError as error:
            print(f"note: {name} skipped ({error})", file=sys.stderr)
    if not systems:
        raise SystemExit("no system could be loaded")
    return systems


def parse_fold(text: str) -> tuple[int, int]:
    try:
        fold, folds = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError("a fold is K/N, e.g. 0/2") from None
    if not 0 <= fold < folds:
        raise argparse.ArgumentTypeError("a fold K/N needs 0 <= K < N")
    return fold, folds


def suite_folders(data: Path, names: str) -> list[Path]:
    if not names:
        return sorted(path.parent for path in data.glob("*/items.jsonl"))
    folders = [data / name for name in names.split(",")]
    for folder in folders:
        if not (folder / "items.jsonl").is_file():
            raise SystemExit(f"no suite {folder.name!r}: {folder / 'items.jsonl'} does not exist")
    return folders


def print_suite(name: str, rows: dict[str, dict[str, Any]]) -> None:
    counts = {"seconds", "errors", "n"}
    keys = list(dict.fromkeys(key for figures in rows.values() for key in figures if key not in counts))
    first = next(iter(rows.values()))
    print(f"\n{name} ({first['n']} items)")
    print(f"  {'system':<14}" + "".join(f"{key:>17}" for key in keys)
          + f"{'ms/item':>10}{'time/first':>11}{'errors':>8}")
    for system, figures in rows.items():
        cells = "".join(f"{figures[key]:>17.3f}" if isinstance(figures.get(key), float) else f"{'-':>17}"
                        for key in keys)
        per_item = 1000 * figures["seconds"] / max(1, figures["n"])
        ratio = figures["seconds"] / (first["seconds"] or 1e-9)
        print(f"  {system:<14}{cells}{per_item:>10.1f}{ratio:>10.2f}x{figures['errors']:>8}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="the folder that holds the suite folders")
    parser.add_argument("--systems", default="scraper", help="comma-separated; the first is the time base")
    parser.add_argument("--suites", default="", help="comma-separated suite folders under --data; default: all")
    parser.add_argument("--limit", type=int, default=0, help="only the first N items of each suite")
    parser.add_argument("--fold", type=parse_fold, metavar="K/N",
                        help="only the items of fold K of N (sha256 of the item's id), e.g. 0/2 and 1/2")
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args(argv)

    systems = load_systems(args.systems.split(","))
    results: dict[str, dict[str, Any]] = {system.name: {} for system in systems}
    for folder in suite_folders(args.data, args.suites):
        suite = load_suite(folder, args.limit, args.fold)
        if not suite.items:
            print(f"\n{suite.name}: no items", file=sys.stderr)
            continue
        rows = score_suite(suite, systems)
        if rows:
            print_suite(suite.name, rows)
        for system, figures in rows.items():
            results[system][suite.name] = figures
    if args.json:
        versions = {system.name: system.version for system in systems}
        args.json.write_text(json.dumps({"versions": versions, "results": results}, indent=2))


if __name__ == "__main__":
    main()
