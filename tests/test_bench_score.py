"""bench/score.py: the figures on hand-made cases, and a whole run on tiny suites of our own."""
from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH_SCORE = Path(__file__).resolve().parent.parent / "bench" / "score.py"
spec = importlib.util.spec_from_file_location("bench_score", BENCH_SCORE)
score = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = score  # dataclasses look their module up while the file runs
spec.loader.exec_module(score)

Found, FoundQuote = score.Found, score.FoundQuote

GOLD_11_WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo"  # 8 shingles
GOLD_7_WORDS = "lima mike november oscar papa quebec romeo"  # 4 shingles


# ---------------------------------------------------------------- body

def test_a_perfect_body_scores_one_whatever_the_spacing():
    figures = score.body_figures([GOLD_11_WORDS], [GOLD_11_WORDS.replace(" ", "\n\n", 3)])
    assert figures == {"body_f1": 1.0, "body_precision": 1.0, "body_recall": 1.0, "body_exact": 1.0}


def test_an_empty_body_scores_zero():
    assert score.body_figures([GOLD_11_WORDS], [""]) == {
        "body_f1": 0.0, "body_precision": 0.0, "body_recall": 0.0, "body_exact": 0.0}


def test_half_the_gold_shingles_found_is_half_recall_at_full_precision():
    first_seven_words = " ".join(GOLD_11_WORDS.split()[:7])  # 4 of the gold's 8 shingles
    figures = score.body_figures([GOLD_11_WORDS], [first_seven_words])
    assert (figures["body_precision"], figures["body_recall"], figures["body_exact"]) == (1.0, 0.5, 0.0)
    assert figures["body_f1"] == pytest.approx(2 / 3)


def test_boilerplate_as_long_as_the_article_halves_precision():
    found = GOLD_7_WORDS + "\n\nsubscribe to our newsletter"  # 8 shingles, the gold's 4 among them
    figures = score.body_figures([GOLD_7_WORDS], [found])
    assert (figures["body_precision"], figures["body_recall"]) == (0.5, 1.0)


def test_precision_and_recall_are_means_over_pages_and_f1_is_of_the_means():
    figures = score.body_figures([GOLD_11_WORDS, GOLD_7_WORDS], [GOLD_11_WORDS, ""])
    # the empty page has no precision (nothing found) and zero recall
    assert (figures["body_precision"], figures["body_recall"], figures["body_exact"]) == (1.0, 0.5, 0.5)
    assert figures["body_f1"] == pytest.approx(2 / 3)


def test_shingles_keep_case_and_a_short_text_is_one_shingle():
    assert score.shingle_overlap("Bridge reopens", "bridge reopens") == (0, 1, 1)
    assert score.shingle_overlap("Bridge reopens", "Bridge reopens") == (1, 0, 0)


# ---------------------------------------------------------------- pages

def test_segments_found_and_leaked_with_spaces_collapsed():
    item = {"with": ["The bridge reopened on Monday.", "Repairs came in below the estimate."],
            "without": ["Subscribe to the newsletter", "Most read today"]}
    body = score.collapse_spaces("The bridge reopened\n  on Monday.\n\nSubscribe to the newsletter")
    figures = score.segment_figures([item], [body])
    assert figures == {"seg_f1": 0.5, "seg_precision": 0.5, "seg_recall": 0.5, "seg_accuracy": 0.5}


COMMENTS_PAGE = b"""<html><body><article><p>The article.</p></article>
<div class="comments"><p>About time   too, the detour was long.</p></div>
<script>var comments = ["Loaded later by script, not in the page"];</script></body></html>"""
GOLD_COMMENTS = ["About time too, the detour was long.", "Loaded later by script, not in the page", " "]


def test_only_gold_comments_in_the_visible_page_count():
    assert score.present_comments(GOLD_COMMENTS, COMMENTS_PAGE) == ["About time too, the detour was long."]
    assert score.present_comments(["About time"], b"") == []  # a page lxml refuses shows nothing


def test_comments_found_in_the_comments_and_left_in_the_body():
    present = [score.present_comments(GOLD_COMMENTS, COMMENTS_PAGE)]
    assert score.comments_recall(present, [("About time too,\nthe detour was long.",)]) == 1.0
    assert score.comments_recall(present, [()]) == 0.0
    assert score.comments_in_body(present, ["The article. About time too, the detour was long."]) == 1.0
    assert score.comments_in_body(present, ["The article."]) == 0.0
    assert score.comments_in_body([[]], ["The article."]) is None


def test_titles_match_after_normalising_case_quotes_and_spaces():
    items = [{"title": "Bridge \u201cfixed\u201d at last"}, {"title": "Ferries return"}, {"title": None}]
    assert score.title_accuracy(items, ['bridge  "Fixed" at last', "Ferry news", "Anything"]) == 0.5


def test_a_missed_author_is_wrong_and_names_compare_as_a_set():
    items = [{"author": "Jane Doe"}, {"author": "By Jane Doe and John Roe"}, {"author": None}, {"title": "t"}]
    assert score.author_accuracy(items, [[], ["John Roe", "Jane Doe"], [], ["Someone"]]) == pytest.approx(2 / 3)
    assert score.author_accuracy(items[:1], [["Jane Doe"]]) == 1.0
    assert score.author_accuracy(items[2:3], [["A Person"]]) == 0.0  # the gold names nobody


def test_a_wrong_day_is_wrong_and_the_time_of_day_does_not_count():
    items = [{"date": "2024-03-05"}, {"date": "2024-03-05"}, {"date": None}]
    assert score.date_accuracy(items, ["2024-03-04T23:30:00+01:00", "2024-03-05T10:00:00Z", None]) == 0.5


def test_pages_figures_only_for_the_fields_a_system_gives():
    figures = score.pages_figures([{"with": ["x"], "title": "T"}], [[]], [Found(body="x", title="T")],
                                  frozenset({"body", "title"}))
    assert set(figures) == {"seg_f1", "seg_precision", "seg_recall", "seg_accuracy", "comments_in_body",
                            "title_acc"}


# ---------------------------------------------------------------- dates

def test_dates_right_given_and_precise():
    items = [{"date": "2020-01-05"}, {"date": "2019-10-21"}, {"date": None}, {"date": "2015-08-25"}]
    found = ["2020-01-05T09:00:00", "2019-10-20", None, None]
    figures = score.dates_figures(items, found)
    # right: the first, and the undated page left undated (counted in both date_acc and date_precision)
    assert figures == {"date_acc": 0.5, "date_precision": 1.0, "date_given": 0.5}


# ---------------------------------------------------------------- quotes

GOLD_QUOTES = [
    {"text": "We will rebuild the bridge before winter comes", "source": "Mayor Ada Holm",
     "source_is_pronoun": False},
    {"text": "Nobody expected the storm to be this strong", "source": "the harbour master",
     "source_is_pronoun": False},
    {"text": "It was a hard year for everyone here", "source": "she", "source_is_pronoun": True},
]


def test_a_quote_matched_and_one_missed():
    found = [FoundQuote("We will rebuild the bridge before winter", speaker="Ada Holm"),
             FoundQuote("It was a hard year for everyone", speaker="Ada Holm"),
             FoundQuote("Buy tickets online today", speaker=None)]
    figures = score.quote_figures([{"quotes": GOLD_QUOTES}], [found])
    assert figures["quote_precision"] == figures["quote_recall"] == figures["quote_f1"] == pytest.approx(2 / 3)
    assert figures["speaker_acc"] == 1.0  # the pronoun source does not count


def test_a_wrong_speaker_and_a_shared_title_alone_are_not_a_match():
    found = [FoundQuote("We will rebuild the bridge before winter comes", speaker="Mr Holmberg",
                        speaker_mention="the spokesman said")]
    assert score.quote_figures([{"quotes": GOLD_QUOTES[:1]}], [found])["speaker_acc"] == 0.0
    assert not score.speaker_matches({"source": "Mr Smith"}, FoundQuote("q", speaker="Mr Jones"))
    assert score.speaker_matches({"source": "Mr Smith"}, FoundQuote("q", speaker_mention="Smith"))


def test_a_quote_below_the_overlap_threshold_is_not_matched():
    gold = [{"text": "alpha beta gamma delta", "source": "A", "source_is_pronoun": False}]
    assert score.match_quotes(gold, [FoundQuote("alpha beta zeta eta theta iota")]) == []  # F1 0.4
    assert len(score.match_quotes(gold, [FoundQuote("alpha beta gamma zeta eta theta")])) == 1  # F1 0.6


def test_a_found_quote_matches_one_gold_quote_only():
    gold = [{"text": "the bridge opens today", "source": "A"}, {"text": "the bridge opens today", "source": "B"}]
    found = [FoundQuote("The bridge opens today.")]
    assert [g["source"] for g, _ in score.match_quotes(gold, found)] == ["A"]
    assert score.quote_figures([{"quotes": gold}], [found])["quote_recall"] == 0.5


# ---------------------------------------------------------------- folds and running

def test_folds_hash_the_id_else_the_file_else_the_url():
    # sha256 modulo 2: "abc" (ends in 0xad) is in fold 1, "c" (0xc6) in fold 0
    assert score.in_fold({"id": "abc", "file": "c", "url": "c"}, 1, 2)
    assert score.in_fold({"id": None, "file": "abc", "url": "c"}, 1, 2)
    assert score.in_fold({"url": "c"}, 0, 2) and not score.in_fold({"url": "c"}, 1, 2)
    assert score.in_fold({"id": "abc"}, 1, 4)  # 0xad is 1 modulo 4


def test_systems_take_each_input_in_turn_and_a_crash_scores_empty():
    calls = []

    class Fake:
        def __init__(self, name, crash_on=None):
            self.name, self.crash_on = name, crash_on

    def call(system, given):
        calls.append((system.name, given))
        if given == system.crash_on:
            raise ValueError("bad page")
        return Found(body=str(given))

    tallies = score.run_alternately([Fake("a"), Fake("b", crash_on=2)], [1, 2, 3], call, Found)
    assert calls == [("a", 1), ("b", 1), ("a", 2), ("b", 2), ("a", 3), ("b", 3)]
    assert [found.body for found in tallies["b"].results] == ["1", "", "3"]
    assert (tallies["a"].errors, tallies["b"].errors) == (0, 1)


# ---------------------------------------------------------------- a whole run

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Example Gazette</title><meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T08:00:00+02:00"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Copyright 2024 The Example Gazette. All rights reserved.</footer></body></html>"""
PAGES = [
    {"id": "bridge", "title": "Harbour bridge reopens after repairs", "author": "Mara Lindqvist",
     "date": "2024-05-06", "paragraphs": [
         "The old swing bridge over the inner harbour opened to traffic again on Monday morning, eleven "
         "weeks after a lorry struck one of its counterweights and jammed the span half open.",
         "Engineers replaced two bearings and the damaged counterweight housing, and the town council "
         "says the repairs came in below the estimate it published in March."]},
    {"id": "ferries", "title": "Summer ferries return to the islands", "author": "Tomas Ek",
     "date": "2024-06-01", "paragraphs": [
         "The first summer ferry of the year left the north quay on Saturday with a full car deck and "
         "a queue of cyclists waiting for the second crossing of the morning.",
         "The operator has added an evening sailing on Fridays and Sundays until the end of August, "
         "when the timetable falls back to three crossings a day."]},
]


def write_suite(folder: Path, items: list[dict], pages: dict[str, str] | None = None) -> None:
    (folder / "html").mkdir(parents=True)
    for name, html in (pages or {}).items():
        (folder / name).write_bytes(gzip.compress(html.encode("utf-8")))
    (folder / "items.jsonl").write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("suites")
    html = {f"html/{page['id']}.html.gz": ARTICLE.format(
        title=page["title"], author=page["author"], date=page["date"],
        paragraphs="".join(f"<p>{text}</p>" for text in page["paragraphs"])) for page in PAGES}
    base = [{"id": page["id"], "file": f"html/{page['id']}.html.gz",
             "url": f"https://news.example.org/{page['date'].replace('-', '/')}/{page['id']}/"} for page in PAGES]
    write_suite(root / "tiny-body", [item | {"body": "\n\n".join(page["paragraphs"])}
                                     for item, page in zip(base, PAGES)], html)
    write_suite(root / "tiny-pages", [item | {"with": page["paragraphs"], "without": ["Home News Sport"],
                                              "title": page["title"], "author": page["author"],
                                              "date": page["date"], "comments": []}
                                      for item, page in zip(base, PAGES)], html)
    write_suite(root / "tiny-dates", [item | {"date": page["date"]} for item, page in zip(base, PAGES)], html)
    write_suite(root / "tiny-quotes", [{"id": "q1", "text": '"The ferry is full," said captain Lena Berg.',
                                        "quotes": [{"text": "The ferry is full", "source": "captain Lena Berg",
                                                    "source_is_pronoun": False}]}])
    return root


def test_a_run_scores_every_suite_of_the_folder_through_the_installed_project(data, tmp_path, capsys):
    out = tmp_path / "figures.json"
    score.main(["--data", str(data), "--json", str(out)])
    figures = json.loads(out.read_text())
    assert figures["versions"]["scraper"]
    results = figures["results"]["scraper"]
    assert sorted(results) == ["tiny-body", "tiny-dates", "tiny-pages", "tiny-quotes"]
    assert {suite: results[suite]["n"] for suite in results} == {
        "tiny-body": 2, "tiny-dates": 2, "tiny-pages": 2, "tiny-quotes": 1}
    assert "body_f1" in results["tiny-body"] and "quote_f1" in results["tiny-quotes"]
    pages = results["tiny-pages"]
    assert (pages["seg_recall"], pages["seg_precision"], pages["title_acc"], pages["date_acc"]) == (1, 1, 1, 1)
    assert pages["comments_recall"] is None  # no gold comments: nothing to find
    assert "tiny-pages (2 items)" in capsys.readouterr().out


def test_folds_split_each_suite_and_limit_cuts_it_first(data, tmp_path):
    out = tmp_path / "fold.json"
    for fold in ("0/2", "1/2"):  # "ferries" is in fold 0, "bridge" in fold 1
        score.main(["--data", str(data), "--suites", "tiny-dates", "--fold", fold, "--json", str(out)])
        assert json.loads(out.read_text())["results"]["scraper"]["tiny-dates"]["n"] == 1
    assert score.load_suite(data / "tiny-dates", limit=1).items[0]["id"] == "bridge"
    assert score.load_suite(data / "tiny-dates", limit=1, fold=(0, 2)).items == []


def test_a_suite_folder_must_name_its_kind_and_exist(data, tmp_path):
    with pytest.raises(SystemExit):
        score.suite_kind("tiny-articles")
    with pytest.raises(SystemExit):
        score.main(["--data", str(data), "--suites", "missing-body"])
    with pytest.raises(SystemExit):
        score.main(["--data", str(data), "--fold", "2/2"])
