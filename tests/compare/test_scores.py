"""Overlap scores: what they promise on texts whose answer is known."""

from __future__ import annotations

from compare import compare

A = "Talks lasted ten minutes in Delhi. Both sides restated their positions. No deal was reached."


def test_a_text_against_itself_scores_one_everywhere() -> None:
    s = compare(A, A).scores
    for key in (
        "overlap_a_in_b",
        "overlap_b_in_a",
        "jaccard",
        "shingle_containment_a_in_b",
        "shingle_containment_b_in_a",
        "similarity",
    ):
        assert s[key] == 1.0, key
    assert s["counts"]["identical"] == 3


def test_unrelated_texts_score_near_zero() -> None:
    other = "Heavy rain flooded several villages overnight. Rescue teams used boats to reach stranded families."
    s = compare(A, other).scores
    assert s["overlap_a_in_b"] < 0.1 and s["overlap_b_in_a"] < 0.1
    assert s["shingle_containment_a_in_b"] == 0.0
    assert s["jaccard"] < 0.1


def test_a_cut_version_is_contained_in_the_original_but_not_the_reverse() -> None:
    short = "Talks lasted ten minutes in Delhi."
    s = compare(A, short).scores
    assert s["overlap_b_in_a"] == 1.0
    assert s["shingle_containment_b_in_a"] == 1.0
    assert 0.2 < s["overlap_a_in_b"] < 0.5


def test_overlap_counts_unchanged_words() -> None:
    s = compare(
        "One two three four five six seven eight nine ten.", "One two three four five six seven eight nine 10."
    ).scores
    assert s["overlap_a_in_b"] == 0.9 and s["overlap_b_in_a"] == 0.9


def test_swapping_sides_mirrors_kinds_and_swaps_scores(seed_text: str) -> None:
    sentences = [s.text for s in compare(seed_text, seed_text).a_sentences]
    b = [sentences[0], sentences[4].replace(", and", ". And"), *sentences[5:9], "A new sentence was added here."]
    ab, ba = compare(sentences, b), compare(b, sentences)
    mirror = {"split": "merged", "merged": "split", "inserted": "deleted", "deleted": "inserted"}
    assert sorted((g.b, g.a, mirror.get(g.kind, g.kind)) for g in ab.groups) == sorted(
        (g.a, g.b, g.kind) for g in ba.groups
    )
    for left, right in (
        ("overlap_a_in_b", "overlap_b_in_a"),
        ("shingle_containment_a_in_b", "shingle_containment_b_in_a"),
    ):
        assert ab.scores[left] == ba.scores[right]
    assert ab.scores["jaccard"] == ba.scores["jaccard"]
    assert ab.swapped().to_dict()["scores"] == {**ba.scores}
