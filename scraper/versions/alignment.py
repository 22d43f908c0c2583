"""Sentence alignment of two versions of a body: which sentences stayed, were edited, moved, added
or removed. Linear or n log n in the number of sentences, and deterministic.

Sentences are compared by their comparison form (textform), so typography never counts. Steps:
1. anchors, as in patience diff: the equal sentences at both ends, then the sentences that occur
   exactly once in each version, chained by the longest increasing subsequence of their positions
   (n log n); the same again inside each gap between anchors, down to MAX_ANCHOR_DEPTH levels;
2. edited sentences, only inside the gaps left between anchors: pairs of at least
   EDITED_MIN_SIMILARITY (Dice over their sets of words), best first, kept while they stay in
   order; a sentence whose exact twin is unanchored on the other side is kept for that twin
   (step 4). A gap of at most
   ALL_PAIRS_MAX_CELLS pairs is searched whole; a larger one only near its diagonal (BAND_WIDTH
   sentences either side); one with more than GAP_MAX_SENTENCES sentences on a side is not
   searched (a different article under the same URL, or a hostile one): never all pairs of a
   whole article;
3. what is left is removed (old) or added (new);
4. moves: a removed sentence whose exact twin was added elsewhere is one sentence moved.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass

from .textform import words

MAX_ANCHOR_DEPTH = 4
EDITED_MIN_SIMILARITY = 0.5
ALL_PAIRS_MAX_CELLS = 2500
BAND_WIDTH = 12
GAP_MAX_SENTENCES = 2000

SAME, EDITED, MOVED, ADDED, REMOVED = "same", "edited", "moved", "added", "removed"


@dataclass(frozen=True)
class Op:
    """One step of the alignment: old and/or new sentence index, and how they relate."""

    kind: str  # SAME, EDITED, MOVED (old and new set), ADDED (new only) or REMOVED (old only)
    old: int | None
    new: int | None
    similarity: float | None = None  # for EDITED: Dice of the two sentences' sets of words, 0.5 to 1

    @property
    def at_old(self) -> int:
        """The old sentence's index: every kind but ADDED has one."""
        if self.old is None:
            raise ValueError(f"a {self.kind} op has no old sentence")
        return self.old

    @property
    def at_new(self) -> int:
        """The new sentence's index: every kind but REMOVED has one."""
        if self.new is None:
            raise ValueError(f"a {self.kind} op has no new sentence")
        return self.new


def align(old: Sequence[str], new: Sequence[str]) -> tuple[Op, ...]:
    """Every old and every new sentence in exactly one op, in reading order of the new version
    (removed sentences where they stood)."""
    anchors: list[tuple[int, int]] = []
    chain_anchors(old, new, 0, len(old), 0, len(new), 0, anchors)
    anchored_old = {i for i, _ in anchors}
    anchored_new = {j for _, j in anchors}
    twins = ({old[i] for i in range(len(old)) if i not in anchored_old}
             & {new[j] for j in range(len(new)) if j not in anchored_new})
    pairs: list[tuple[int, int, float]] = []
    old_start = new_start = 0
    for i, j in [*anchors, (len(old), len(new))]:
        pairs += similar_pairs(old, new, old_start, i, new_start, j, twins)
        if i < len(old):
            pairs.append((i, j, 1.0))
        old_start, new_start = i + 1, j + 1
    return with_moves(ops_in_order(old, new, pairs), old, new)


def chain_anchors(old: Sequence[str], new: Sequence[str], old_start: int, old_end: int,
                  new_start: int, new_end: int, depth: int, out: list[tuple[int, int]]) -> None:
    """Append to `out`, in order, the anchor pairs of old[old_start:old_end] and new[new_start:new_end]."""
    while old_start < old_end and new_start < new_end and old[old_start] == new[new_start]:
        out.append((old_start, new_start))
        old_start, new_start = old_start + 1, new_start + 1
    suffix = []
    while old_start < old_end and new_start < new_end and old[old_end - 1] == new[new_end - 1]:
        old_end, new_end = old_end - 1, new_end - 1
        suffix.append((old_end, new_end))
    if depth < MAX_ANCHOR_DEPTH and old_start < old_end and new_start < new_end:
        chain = increasing_chain(unique_pairs(old, new, old_start, old_end, new_start, new_end))
        previous = (old_start, new_start)
        for i, j in chain:
            chain_anchors(old, new, previous[0], i, previous[1], j, depth + 1, out)
            out.append((i, j))
            previous = (i + 1, j + 1)
        if chain:
            chain_anchors(old, new, previous[0], old_end, previous[1], new_end, depth + 1, out)
    out.extend(reversed(suffix))


def unique_pairs(old: Sequence[str], new: Sequence[str], old_start: int, old_end: int,
                 new_start: int, new_end: int) -> list[tuple[int, int]]:
    """(old index, new index) of the sentences found exactly once in each range, in old order."""
    old_counts = Counter(old[old_start:old_end])
    new_counts = Counter(new[new_start:new_end])
    new_index = {new[j]: j for j in range(new_start, new_end) if new_counts[new[j]] == 1}
    return [(i, new_index[old[i]]) for i in range(old_start, old_end)
            if old_counts[old[i]] == 1 and old[i] in new_index]


def increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs increasing in the new index (pairs come in old order): patience
    sorting, n log n; ties go to the earliest pair, so the result is deterministic."""
    tails: list[int] = []  # tails[k]: new index ending the best chain of length k + 1
    tail_pair: list[int] = []  # which pair that is
    back: list[int] = []  # the pair before each pair in its chain
    for number, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        back.append(tail_pair[length - 1] if length else -1)
        if length == len(tails):
            tails.append(j)
            tail_pair.append(number)
        else:
            tails[length], tail_pair[length] = j, number
    chain = []
    number = tail_pair[-1] if tail_pair else -1
    while number >= 0:
        chain.append(pairs[number])
        number = back[number]
    return chain[::-1]


def similar_pairs(old: Sequence[str], new: Sequence[str], old_start: int, old_end: int,
                  new_start: int, new_end: int, twins: set[str]) -> list[tuple[int, int, float]]:
    """Edited (or equal) pairs inside one gap, in order, with their similarity. A sentence with an
    unanchored exact twin on the other side (`twins`) pairs only with that twin: it was moved, not
    edited into a look-alike."""
    old_size, new_size = old_end - old_start, new_end - new_start
    if not old_size or not new_size or max(old_size, new_size) > GAP_MAX_SENTENCES:
        return []
    old_words = {i: frozenset(words(old[i])) for i in range(old_start, old_end)}
    new_words = {j: frozenset(words(new[j])) for j in range(new_start, new_end)}
    scored = []
    for i, j in gap_cells(old_start, old_end, new_start, new_end):
        if old[i] == new[j]:
            score = 1.0
        elif old[i] in twins or new[j] in twins:
            continue
        else:
            score = dice(old_words[i], new_words[j])
        if score >= EDITED_MIN_SIMILARITY:
            scored.append((-score, i, j))
    scored.sort()
    kept_old: list[int] = []  # kept pairs, by old index; their new indices increase with them
    kept: list[tuple[int, int, float]] = []
    for negative, i, j in scored:
        at = bisect.bisect_left(kept_old, i)
        if at < len(kept_old) and kept_old[at] == i:
            continue
        if (at and kept[at - 1][1] >= j) or (at < len(kept) and kept[at][1] <= j):
            continue
        kept_old.insert(at, i)
        kept.insert(at, (i, j, -negative))
    return kept


def gap_cells(old_start: int, old_end: int, new_start: int, new_end: int):
    """The (old, new) pairs of a gap worth scoring: all of them in a small gap, else a band along
    its diagonal."""
    old_size, new_size = old_end - old_start, new_end - new_start
    for i in range(old_start, old_end):
        if old_size * new_size <= ALL_PAIRS_MAX_CELLS:
            low, high = new_start, new_end
        else:
            centre = new_start + (i - old_start) * new_size // old_size
            low, high = max(new_start, centre - BAND_WIDTH), min(new_end, centre + BAND_WIDTH + 1)
        for j in range(low, high):
            yield i, j


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Twice the words two sentences share over the words of both: 1 for the same words, 0 for
    none shared (set operations: a sentence pair costs its length, in C)."""
    size_a, size_b = len(a), len(b)
    total = size_a + size_b
    if not total:
        return 1.0
    if 2 * (size_a if size_a < size_b else size_b) < EDITED_MIN_SIMILARITY * total:
        return 0.0  # too different in length to reach the threshold, whatever they share
    return 2 * len(a & b) / total


def ops_in_order(old: Sequence[str], new: Sequence[str], pairs: list[tuple[int, int, float]]) -> list[Op]:
    """The ops for the paired sentences, with the unpaired ones as removed and added in between."""
    ops: list[Op] = []
    i = j = 0
    for pair_old, pair_new, similarity in [*pairs, (len(old), len(new), 1.0)]:
        ops += [Op(REMOVED, old=k, new=None) for k in range(i, pair_old)]
        ops += [Op(ADDED, old=None, new=k) for k in range(j, pair_new)]
        if pair_old < len(old):
            same = old[pair_old] == new[pair_new]
            ops.append(Op(SAME if same else EDITED, old=pair_old, new=pair_new,
                          similarity=None if same else round(similarity, 3)))
        i, j = pair_old + 1, pair_new + 1
    return ops


def with_moves(ops: list[Op], old: Sequence[str], new: Sequence[str]) -> tuple[Op, ...]:
    """Each removed sentence that was also added, verbatim, becomes one move at its new place;
    twins pair up in reading order."""
    removed: defaultdict[str, deque[int]] = defaultdict(deque)
    for number, op in enumerate(ops):
        if op.kind == REMOVED:
            removed[old[op.at_old]].append(number)
    result: list[Op | None] = list(ops)
    for number, op in enumerate(ops):
        twins = removed.get(new[op.at_new]) if op.kind == ADDED else None
        if twins:
            source = twins.popleft()
            result[source] = None
            result[number] = Op(MOVED, old=ops[source].old, new=op.new)
    return tuple(op for op in result if op is not None)
