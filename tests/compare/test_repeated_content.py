"""Repeated content (one article copied hundreds of times) must not make alignment quadratic."""

from __future__ import annotations

from compare import compare
from compare.align import _NEAREST_SAME, _same_pairs


def test_a_much_repeated_sentence_pairs_each_copy_with_its_nearest_copies_only() -> None:
    copies_a, copies_b = list(range(0, 6000, 3)), list(range(1, 6000, 3))  # 2,000 copies each side
    pairs = _same_pairs(copies_a, copies_b, 6000, 6000)
    assert len(pairs) <= 2 * 2 * _NEAREST_SAME * 2000  # linear in the copies, not 4 million pairs
    assert (0, 1) in pairs and (5997, 5998) in pairs  # each copy keeps its neighbours
    assert _same_pairs([1, 5], [2, 9], 10, 10) == [(1, 2), (1, 9), (5, 2), (5, 9)]  # few copies: every pair


def test_an_article_repeated_600_times_aligns_copy_to_copy() -> None:
    article = "The bridge reopened on Monday. Traffic moved again. Officials thanked the crews."
    edited = "The bridge reopened on Monday. Traffic moved again slowly. Officials thanked the crews."
    result = compare("\n\n".join([article] * 600), "\n\n".join([edited] * 600), facts=False)
    counts = result.counts()
    assert counts["identical"] == 1200 and counts["modified"] == 600
    assert counts["moved"] == 0  # copy k of A went to copy k of B, in order
