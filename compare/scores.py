"""How much of one version is in the other: the overlap scores.

* `overlap_a_in_b` / `overlap_b_in_a` — the share of A's (B's) words that sit in
  unchanged word runs of aligned sentences: what a reader of B has read of A.
  A repeated sentence (in no matched group, but its content is in the other
  version) counts its words in unchanged runs against the sentence it repeats:
  a caption restating the lede is reuse, not new text. Each word counts once.
* `jaccard` — shared distinct words over all distinct words of both versions.
* `shingle_containment_a_in_b` / `_b_in_a` — the share of A's (B's) 5-word
  sequences that appear anywhere in the other: the text-reuse measure of
  churnalism studies, blind to sentence boundaries and order.
* `similarity` — the mean group score over aligned groups, weighted by words.
* `counts` — groups of each kind, plus how many were moved.

An empty side has nothing missing, so its overlaps are 1.0 (vacuous truth).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any, Literal

from .model import Group, WordOp, count_kinds, mirror_scores
from .normalise import Token

__all__ = ["SHINGLE_SIZE", "mirror_scores", "score"]

SHINGLE_SIZE = 5


def shingles(keys: Sequence[str], size: int = SHINGLE_SIZE) -> set[tuple[str, ...]]:
    """The distinct `size`-word sequences of a text; a shorter text is one shingle."""
    if not keys:
        return set()
    if len(keys) < size:
        return {tuple(keys)}
    return set(zip(*(keys[k:] for k in range(size)), strict=False))  # each k-shifted copy; zip stops at the shortest


def _ratio(part: int | float, whole: int | float) -> float:
    return part / whole if whole else 1.0


def _words_in(starts: Sequence[int], spans: Sequence[tuple[int, int]]) -> int:
    """How many words (by their start offsets) fall inside the spans."""
    return sum(bisect_right(starts, end - 1) - bisect_left(starts, start) for start, end in spans)


def _spans(ops: Sequence[WordOp], side: Literal["a", "b"]) -> list[tuple[int, int]]:
    """The character spans word edits cover on one side."""
    return [(op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end) for op in ops]


def score(
    tokens_a: Sequence[Token],
    tokens_b: Sequence[Token],
    groups: Sequence[Group],
    repeats: Sequence[tuple[str, Sequence[WordOp]]] = (),
) -> dict[str, Any]:
    """The overlap scores of a comparison, from all words of each side and the aligned groups.

    `repeats` are the word diffs of repeated sentences against what they repeat, each with the side
    ('a' or 'b') the repeated sentence is on: only that side's unchanged words are added, since the
    sentence repeated is already counted in its own group.
    """
    starts_a = [t.start for t in tokens_a]
    starts_b = [t.start for t in tokens_b]
    equal_a = equal_b = 0
    weighted = weight = 0.0
    for group in groups:
        equal = [op for op in group.diff if op.op == "equal"]
        equal_a += _words_in(starts_a, _spans(equal, "a"))
        equal_b += _words_in(starts_b, _spans(equal, "b"))
        if group.a and group.b:
            size = _words_in(starts_a, _spans(group.diff, "a")) + _words_in(starts_b, _spans(group.diff, "b"))
            weighted += group.score * max(size, 1)
            weight += max(size, 1)
    for side, diff in repeats:
        equal = [op for op in diff if op.op == "equal"]
        if side == "a":
            equal_a += _words_in(starts_a, _spans(equal, "a"))
        else:
            equal_b += _words_in(starts_b, _spans(equal, "b"))
    keys_a = [t.key for t in tokens_a]
    keys_b = [t.key for t in tokens_b]
    set_a, set_b = set(keys_a), set(keys_b)
    sh_a, sh_b = shingles(keys_a), shingles(keys_b)
    counts = count_kinds(groups)
    return {
        "overlap_a_in_b": round(_ratio(equal_a, len(tokens_a)), 4),
        "overlap_b_in_a": round(_ratio(equal_b, len(tokens_b)), 4),
        "jaccard": round(_ratio(len(set_a & set_b), len(set_a | set_b)), 4),
        "shingle_containment_a_in_b": round(_ratio(len(sh_a & sh_b), len(sh_a)), 4),
        "shingle_containment_b_in_a": round(_ratio(len(sh_a & sh_b), len(sh_b)), 4),
        "similarity": round(weighted / weight, 4) if weight else (1.0 if not groups else 0.0),
        "words_a": len(tokens_a),
        "words_b": len(tokens_b),
        "counts": counts,
    }
