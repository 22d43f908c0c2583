"""The text side of `scraper changes`: the comparison form, sentences, alignment and notices, and
that each stays linear when its input grows tenfold."""
from __future__ import annotations

import time

import pytest

from scraper.versions.alignment import ADDED, EDITED, GAP_MAX_SENTENCES, MOVED, REMOVED, SAME, align
from scraper.versions.notices import notice_kind, notices
from scraper.versions.sentences import MAX_SENTENCE_CHARS, split_body
from scraper.versions.textform import comparison_form


def texts(body):
    return [sentence.text for sentence in split_body(body)]


# Below this, a time is mostly the clock's and the scheduler's noise.
MIN_MEASURED_SECONDS = 0.005


def best_time(run, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def grows_linearly(make, run, small, factor=10):
    """The time for an input `factor` times larger, over the time for the small one, stays far
    below factor squared (best of three each; the machine is shared, so the bound leaves room)."""
    small_input, large_input = make(small), make(small * factor)
    ratio = best_time(lambda: run(large_input)) / max(best_time(lambda: run(small_input)), MIN_MEASURED_SECONDS)
    assert ratio < factor * 4, ratio


# comparison form

@pytest.mark.parametrize("a, b", [
    ("\u201cWe won,\u201d she said.", "\"We won,\" she said."),
    ("rock \u2019n\u2019 roll", "rock 'n' roll"),
    ("2010\u20132014", "2010-2014"),
    ("six\u00a0weeks  from\nMonday ", "six weeks from Monday"),
    ("co\u00adoperate \u200bnow", "cooperate now"),
    ("Wait\u2026", "Wait..."),
])
def test_typography_and_white_space_fold_away(a, b):
    assert comparison_form(a) == comparison_form(b)


def test_case_and_words_still_count():
    assert comparison_form("Fire kills 12") != comparison_form("Fire Kills 12")
    assert comparison_form("Fire kills 12") != comparison_form("Fire kills 14")


# sentences

def test_sentences_and_paragraphs():
    body = ("Mr. Smith went to Washington on Jan. 5. He said: \"It is over.\" Then he left at 5 p.m. on Tuesday.\n\n"
            "The U.S. Army came. J. R. R. Tolkien wrote it! Did he? Yes\u2026 he did. Prices rose 3.5 percent.\n"
            "A line break inside a paragraph.\n\n\n东京は晴れ。明日は雨！")
    sentences = split_body(body)
    assert [s.text for s in sentences] == [
        "Mr. Smith went to Washington on Jan. 5.", "He said: \"It is over.\"", "Then he left at 5 p.m. on Tuesday.",
        "The U.S. Army came.", "J. R. R. Tolkien wrote it!", "Did he?", "Yes\u2026 he did.",
        "Prices rose 3.5 percent.", "A line break inside a paragraph.", "东京は晴れ。", "明日は雨！"]
    assert [s.paragraph for s in sentences] == [0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2]
    assert [s.index for s in sentences] == list(range(11))


def test_an_overlong_sentence_is_cut_at_spaces():
    body = " ".join(["word"] * 1000)
    pieces = texts(body)
    assert len(pieces) > 1 and all(len(piece) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert " ".join(pieces) == body
    assert all(len(piece) <= MAX_SENTENCE_CHARS for piece in texts("x" * 5000))


@pytest.mark.parametrize("unit", [".", " ", "a. ", "\u201d", "Word. ", "x", "!?", "\n"])
def test_splitting_is_linear(unit):
    grows_linearly(lambda n: unit * n + ".", split_body, 20_000 // len(unit))


# alignment

def kinds(ops):
    return [(op.kind, op.old, op.new) for op in ops]


def test_alignment_kinds():
    old = ["The fire killed 12 people.", "Police said it.", "It was bad.", "The mayor spoke.", "He was sad.",
           "Rain fell."]
    new = ["The fire killed 14 people.", "It was bad.", "Police said it.", "The mayor spoke today.", "He was sad.",
           "A new sentence here.", "Rain fell."]
    assert kinds(align(old, new)) == [
        (EDITED, 0, 0), (SAME, 2, 1), (MOVED, 1, 2), (EDITED, 3, 3), (SAME, 4, 4), (ADDED, None, 5), (SAME, 5, 6)]


def test_every_sentence_in_exactly_one_op_and_deterministic():
    old = [f"Sentence number {i % 7} of the text." for i in range(60)]
    new = old[10:30] + ["Something new."] + old[:10] + old[35:] + old[30:35][::-1]
    ops = align(old, new)
    assert sorted(op.old for op in ops if op.old is not None) == list(range(len(old)))
    assert sorted(op.new for op in ops if op.new is not None) == list(range(len(new)))
    assert ops == align(list(old), list(new))


def test_a_sentence_with_a_twin_elsewhere_is_moved_not_edited_into_a_look_alike():
    old = ["Alpha one.", "The council met on Monday.", "Beta two.", "Gamma three.", "Delta four."]
    new = ["Alpha one.", "The council met on Sunday.", "Beta two.", "Gamma three.", "The council met on Monday.",
           "Delta four."]
    result = kinds(align(old, new))
    assert (MOVED, 1, 4) in result and (ADDED, None, 1) in result


def test_unrelated_bodies_are_removed_and_added_quickly():
    size = GAP_MAX_SENTENCES + 500
    old = [f"Old sentence {i} about the harbour." for i in range(size)]
    new = [f"New text {i} about a different subject." for i in range(size)]
    started = time.perf_counter()
    ops = align(old, new)
    assert time.perf_counter() - started < 5
    assert {op.kind for op in ops} == {REMOVED, ADDED}


def article(n, seed):
    return [f"Sentence {seed}-{i} says word{i % 13} and word{i % 17} here." for i in range(n)]


def edited(sentences):
    """A tenth rewritten, a twentieth removed, blocks added and moved: a heavy edit of the article."""
    out = []
    for i, sentence in enumerate(sentences):
        if i % 20 == 5:
            continue
        out.append(sentence.replace("says", "now says") if i % 10 == 3 else sentence)
        if i % 50 == 7:
            out += [f"Added line {i} with fresh words."] * 2
    block = len(out) // 3
    return out[:block] + out[2 * block:] + out[block:2 * block]


def test_alignment_is_linear_in_practice():
    grows_linearly(lambda n: (article(n, 1), edited(article(n, 1))), lambda pair: align(*pair), 1_000)


def test_big_gaps_stay_linear():
    """Unrelated halves: a gap far over the all-pairs cap is searched along its diagonal only."""
    grows_linearly(lambda n: (article(n, 1), article(n, 2)), lambda pair: align(*pair), 180)


# notices

@pytest.mark.parametrize("sentence, kind", [
    ("Correction: An earlier version misstated the age.", "correction"),
    ("CORRECTION (March 3, 2024): The bridge is 40 years old.", "correction"),
    ("* Correction \u2014 the mayor's name was misspelt.", "correction"),
    ("UPDATE (Feb. 2, 3\u00a0p.m.): Police have named the driver.", "update"),
    ("Update, 3 p.m.: More details.", "update"),
    ("Update 2: The road has reopened.", "update"),
    ("[Update] The road has reopened.", "update"),
    ("Clarification: The report was published by the agency.", "clarification"),
    ("Editor\u2019s note: Names have been changed.", "editors_note"),
    ("An earlier version of this article misstated the date.", "correction"),
    ("A previous version of this story gave the wrong name.", "correction"),
    ("This story has been updated with a statement from the police.", "update"),
    ("This article was amended on 4 March 2024.", "correction"),
    ("Korrektur: In der ersten Fassung stand ein falscher Name.", "correction"),
    ("In einer früheren Version dieses Artikels hieß es, die Brücke sei gesperrt.", "correction"),
    ("Aktualisierung, 14 Uhr: Die Polizei hat den Fahrer ermittelt.", "update"),
    ("Anmerkung der Redaktion: Der Name wurde geändert.", "editors_note"),
    ("Mise à jour : le maire a réagi.", "update"),
    ("Rectificatif : une précédente version indiquait une autre date.", "correction"),
    ("Note de la rédaction : ce texte a été modifié.", "editors_note"),
    ("Corrección: el puente tiene 40 años.", "correction"),
    ("Actualización: la carretera ya está abierta.", "update"),
    ("Una versión anterior de este artículo indicaba otra fecha.", "correction"),
    ("Aggiornamento: la strada è stata riaperta.", "update"),
    ("Correção: a ponte tem 40 anos.", "correction"),
    ("Correctie: de brug is 40 jaar oud.", "correction"),
])
def test_notice_kinds(sentence, kind):
    assert notice_kind(comparison_form(sentence)) == kind


@pytest.mark.parametrize("sentence", [
    "Corrections officers said the inmate escaped.",
    "Updates to the law: the council will vote in May.",
    "Updated guidance from the ministry says masks are optional.",
    "The update: nothing changed.",
    "He corrected the record in an earlier version of his speech.",
    "Correctional facilities are full.",
])
def test_sentences_that_are_not_notices(sentence):
    assert notice_kind(comparison_form(sentence)) is None


def test_a_notice_runs_to_the_end_of_its_paragraph():
    body = "First paragraph. Still first.\n\nUpdate: The road reopened. Traffic is normal again.\n\nLast words."
    found = list(notices(split_body(body)))
    assert [(notice.kind, notice.text) for notice in found] == [
        ("update", "Update: The road reopened. Traffic is normal again.")]


def test_finding_notices_is_linear():
    grows_linearly(lambda n: split_body("Update (" + "x" * n + "): words. " + "Correction " * n),
                   lambda sentences: list(notices(sentences)), 2_000)
