"""Facts changed between sentences that share content outside one group (#17): a caption that repeats the lede
(a `repeated` group, with a `repeat` link to the lede) and two sentences that share a clause (a `partial` link)."""

from __future__ import annotations

from compare import Comparison, compare

LEDE = "Police arrested at least 85 protesters in the capital on Monday, officials said."
REST = "The demonstrations began after the election result. Talks between the parties are planned for Friday."
CAPTION_80 = "Police arrested at least 80 protesters in the capital on Monday."
A = f"{LEDE} {REST}"


def test_a_caption_repeating_the_lede_with_another_figure_is_a_finding() -> None:
    result = compare(A, f"{LEDE} {REST}\n\n{CAPTION_80}")
    repeated = next(n for n, g in enumerate(result.groups) if g.kind == "repeated")
    assert any(k.kind == "repeat" for k in result.links)  # the case this is about: no group holds both
    [found] = result.findings
    assert (found.kind, found.a_text, found.b_text, found.group) == ("number_changed", "85", "80", repeated)
    assert result.b.text[found.b_start : found.b_end] == "80" and found.b_start > result.b.text.index(CAPTION_80)


def test_a_caption_repeating_the_lede_unchanged_is_no_finding() -> None:
    caption = "Police arrested at least 85 protesters in the capital on Monday."
    result = compare(A, f"{LEDE} {REST}\n\n{caption}")
    assert [g.kind for g in result.groups].count("repeated") == 1
    assert result.findings == ()


def test_a_change_already_reported_in_its_group_is_not_reported_again_through_the_caption() -> None:
    lede_80 = LEDE.replace("85", "80")
    result = compare(A, f"{lede_80} {REST}\n\n{CAPTION_80}")
    assert [g.kind for g in result.groups].count("repeated") == 1
    assert [(f.kind, f.a_text, f.b_text, f.group) for f in result.findings] == [("number_changed", "85", "80", 0)]


PLANT_A = (
    "The minister resigned on Tuesday. Officials said 120 jobs would go at the plant, which employs 2,000 people. "
    "The union called a strike."
)


def test_a_figure_changed_between_sentences_linked_as_partial_is_a_finding() -> None:
    b = (
        "The minister resigned on Tuesday. Officials said 120 jobs would go. The plant employs 2,500 people, "
        "most of them on the night shift, and opened in 1990. The union called a strike."
    )
    result = compare(PLANT_A, b)
    [partial] = [k for k in result.links if k.kind == "partial"]
    assert (partial.a, partial.b) == (1, 2)
    [found] = result.findings
    assert (found.kind, found.a_text, found.b_text) == ("number_changed", "2,000", "2,500")
    assert result.groups[found.group].b == (2,)  # filed under the group of B's sentence


def test_a_partial_link_is_loose_so_a_figure_elsewhere_in_the_sentences_is_no_finding() -> None:
    """Partial sentences say something else besides: a figure not in the shared clause is not the same fact."""
    b = (
        "The minister resigned on Tuesday. Officials said 120 jobs would go. The plant employs 2,000 people, "
        "most of them on the night shift, and has 3 furnaces. The union called a strike."
    )
    result = compare(PLANT_A, b)
    assert result.findings == ()


HARBOUR_A = (
    "The mayor opened the new harbour wall on Friday. The wall would stand 300 metres from the old pier, well "
    "beyond the minimum of 150 metres set by a rule written to stop the ugly building that spoilt much of the bay "
    "when the first hotels arrived in the 1970s. Fishermen welcomed it."
)


def harbour_b(minimum: str, distance: str) -> str:
    """The harbour story rewritten, its long sentence split, with the rule's `minimum` and the wall's `distance`."""
    return (
        "The mayor opened the new harbour wall on Friday. She says the wall keeps to the rules. There is a rule to "
        "stop ugly building like the hotels that spoilt the bay in the 1970s. The rule says the wall must be at "
        f"least {minimum} metres from the pier; it will be much farther \u2013 it will be {distance} metres. "
        "Fishermen welcomed it."
    )


def loose_split(a: str, b: str) -> Comparison:
    """The comparison of `a` and `b`, checked to hold the split group too loose to diff as a whole."""
    result = compare(a, b)
    [split] = [g for g in result.groups if g.kind == "split"]
    assert split.score < 0.5
    return result


def test_in_a_loosely_aligned_split_the_one_figure_left_in_a_shared_unit_is_compared() -> None:
    """A rewrite splits a long sentence and keeps one of its two distances: the other is the same measure."""
    result = loose_split(HARBOUR_A, harbour_b("170", "300"))
    assert [(f.kind, f.a_text, f.b_text) for f in result.findings] == [("number_changed", "150", "170")]


def test_in_a_loosely_aligned_split_figures_with_none_in_common_are_not_paired() -> None:
    """With no figure in that unit said on both sides, nothing shows which of A's distances B's measure."""
    result = loose_split(HARBOUR_A, harbour_b("170", "350"))
    assert [f for f in result.findings if f.kind == "number_changed"] == []
