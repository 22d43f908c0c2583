"""Quote finding under hostile input: its time grows with the text, never with its square.

Each input is one unit repeated; the test times the text and the text grown tenfold, and a
tenfold text must cost about tenfold (a quadratic step would cost a hundredfold).
"""
from __future__ import annotations

import gc
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper import extract_quotes

BASE_CHARS = 8_000
GROWTH = 10
# Tenfold text, tenfold time; the margin absorbs a noisy shared machine, not a quadratic step.
MAX_TIME_RATIO = 30
# Below this a time is noise: the tenfold text may take up to MAX_TIME_RATIO times this.
TIME_FLOOR = 0.002
# And however it grows, the tenfold text (80,000 characters) is read in this time at most: a
# linear step with a large constant (a pronoun lent to 40,000 quotations) stalls a crawl too.
MAX_SECONDS = 2.0
REPEATS = 3


# The unit alone, then before and after a quotation, whose attribution is read across it.
FRAMES = [("", ""), ("", " “We will win,” she said."), ("“We will win,” said ", "")]


def repeated(unit: str, chars: int) -> str:
    return unit * (chars // len(unit) + 1)


def seconds(text: str) -> float:
    """The processor time of one run: other work on a shared machine does not count."""
    started = time.process_time()
    extract_quotes(text)
    return time.process_time() - started


def best_times(small: str, large: str) -> tuple[float, float]:
    """The best of a few runs of each, taken in turn so that a burst of load on the machine
    weighs on both; the garbage collector, whose passes grow with the heap, is held off."""
    best_small = best_large = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(REPEATS):
            best_small = min(best_small, seconds(small))
            best_large = min(best_large, seconds(large))
    finally:
        if enabled:
            gc.enable()
    return best_small, best_large


def assert_linear(unit: str) -> None:
    for before, after in FRAMES:
        small, large = best_times(before + repeated(unit, BASE_CHARS) + after,
                                  before + repeated(unit, BASE_CHARS * GROWTH) + after)
        assert large < MAX_TIME_RATIO * max(small, TIME_FLOOR), (before, unit, after, small, large)
        assert large < MAX_SECONDS, (before, unit, after, large)


@pytest.mark.parametrize("unit", [
    # many quotes whose speakers alternate names and pronouns of the other gender
    "“We will build the bridge,” said Mr. John Smith.\n\n“It will not stand,” she said.\n\n",
    "“Taxes will rise,” Ms. Jane Doe said. “They will not,” he said. ",
    # a pronoun that no earlier speaker or person can take
    "The river rose again. “It is over,” she said. ",
    # runs of sentence marks and of initials before a quotation
    ".",
    "a.",
    # opening phrases closed by commas before a subject
    "When a, ",
    # marks that never close, and tags that never end
    "“a ",
    "<a x",
    '"',
    # names joined by particles, titles and helpers without end
    "Abc de ",
    "Mr. ",
    "also ",
])
def test_hostile_input_costs_time_in_proportion_to_its_length(unit):
    assert_linear(unit)


# Pieces of attributions, marks and punctuation; hypothesis strings a few into a unit.
HOSTILE_PIECES = ["“", "”", '"', "«", "»", "„", "‘", "’", ".", "...", ",", ";", ":", " ", "\n\n",
                  "—", "(", ")", "<b ", ">", "said", "says", "told", "according to", "she", "he",
                  "who", "Mr.", "Jane Doe", "Doe", "Anna", "de", "the", "if", "a", "U.S.", "I"]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=8))
def test_any_repeated_unit_costs_time_in_proportion_to_its_length(pieces):
    assert_linear(" ".join(pieces) + " ")
