"""The full sentence alignment, run only on pairs of articles inside a cluster.

Each pair goes through `compare.compare` — the same alignment, word diff and
scores as `storydiff compare` — and keeps what a corpus report needs: both
overlaps, both shingle containments, and which words of each article sit in
unchanged runs of the other (to tell how much of an article is found
elsewhere in the corpus).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..model import Comparison, Document
from ..normalise import tokenize

__all__ = ["align_batch", "covered_share", "pairs_to_align"]


def _covered(result: Comparison, side: str) -> list[list[int]]:
    """Word-index ranges [lo, hi) of one side that are unchanged in the other side."""
    text = result.a.text if side == "a" else result.b.text
    starts = [t.start for t in tokenize(text)]
    ranges: list[list[int]] = []
    for group in result.groups:
        for op in group.diff:
            if op.op != "equal":
                continue
            lo, hi = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
            first, last = bisect_left(starts, lo), bisect_right(starts, hi - 1)
            if last > first:
                ranges.append([first, last])
    return ranges


def align_batch(items: Sequence[tuple[int, int, str, str]], options: dict[str, float]) -> list[dict[str, Any]]:
    """Align each (a, b, text a, text b) and return its scores and covered word ranges."""
    from ..api import compare

    out = []
    for a, b, text_a, text_b in items:
        result = compare(Document(text_a), Document(text_b), facts=False, **options)
        scores = result.scores
        out.append(
            {
                "a": a,
                "b": b,
                "overlap_a_in_b": scores["overlap_a_in_b"],
                "overlap_b_in_a": scores["overlap_b_in_a"],
                "shingle_containment_a_in_b": scores["shingle_containment_a_in_b"],
                "shingle_containment_b_in_a": scores["shingle_containment_b_in_a"],
                "words_a": scores["words_a"],
                "words_b": scores["words_b"],
                "covered_a": _covered(result, "a"),
                "covered_b": _covered(result, "b"),
            }
        )
    return out


def pairs_to_align(clusters: Sequence[Sequence[int]], edges: np.ndarray, max_all_pairs: int) -> list[tuple[int, int]]:
    """Every pair inside each cluster; for a cluster of more than `max_all_pairs` articles, only its edges.

    A cluster of 1,000 near-identical wire copies would otherwise cost half a
    million alignments; its verified edges already tie it together.
    """
    by_doc: dict[int, int] = {d: k for k, members in enumerate(clusters) for d in members}
    big = {k for k, members in enumerate(clusters) if len(members) > max_all_pairs}
    pairs: list[tuple[int, int]] = []
    for k, members in enumerate(clusters):
        if k in big:
            continue
        pairs.extend((members[i], members[j]) for i in range(len(members)) for j in range(i + 1, len(members)))
    if big:
        for a, b in edges:
            if by_doc.get(int(a)) in big:
                pairs.append((int(a), int(b)))
    return pairs


def covered_share(words: int, ranges: Sequence[Sequence[int]]) -> float:
    """The share of `words` words covered by the union of word ranges [lo, hi)."""
    if words <= 0:
        return 0.0
    mask = np.zeros(words, dtype=bool)
    for lo, hi in ranges:
        mask[lo:hi] = True
    return round(float(mask.sum()) / words, 4)
