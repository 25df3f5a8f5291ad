"""Figures read as values: the same figure in other words is no finding, a different one is."""

from __future__ import annotations

import pytest
from facts_helpers import check_offsets, findings

from compare import compare


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The talks lasted ten minutes in all.", "The talks lasted 10 minutes in all."),
        ("The G20 accounts for 85% of global output.", "The G20 accounts for 85 per cent of global output."),
        ("The mural sold for $1.1bn at the auction.", "The mural sold for $1.1 billion at the auction."),
        ("The council paid £1,100 for the repairs.", "The council paid 1,100 pounds for the repairs."),
        ("The G20 is home to two-thirds of the world's people.", "The G20 is home to 67% of the world's people."),
        (
            "Deaths have fallen over four decades, the study says.",
            "Deaths have fallen over forty years, the study says.",
        ),
        ("They met about two dozen people in the town.", "They met about 24 people in the town."),
        (
            "In 2014 the households numbered 10.1m in the survey.",
            "In 2014 the households numbered 10.1 million in the survey.",
        ),
    ],
)
def test_the_same_figure_in_other_words_is_no_finding(a: str, b: str) -> None:
    assert findings(a, b, "number_changed") == []


def test_a_changed_percentage_is_found_with_both_values() -> None:
    (found,) = findings("The G20 accounts for 85% of global output.", "The G20 accounts for 80% of global output.")
    assert found.kind == "number_changed"
    assert (found.a_text, found.b_text) == ("85%", "80%")
    assert (found.a_value, found.b_value) == (85.0, 80.0)
    assert "85%" in found.explanation and "80%" in found.explanation


def test_thousands_with_commas_are_compared_as_values() -> None:
    (found,) = findings("The fine was 1,100 pounds, the court said.", "The fine was 1,200 pounds, the court said.")
    assert (found.a_value, found.b_value) == (1100.0, 1200.0)


def test_a_word_number_against_a_different_numeral_is_found() -> None:
    (found,) = findings("The discussion lasted less than ten minutes.", "The discussion lasted about 20 minutes.")
    assert (found.a_text, found.b_text, found.a_value, found.b_value) == ("ten", "20", 10.0, 20.0)


def test_currency_magnitudes_are_values() -> None:
    (found,) = findings("The firm is worth $1.1bn, analysts say.", "The firm is worth $1.3bn, analysts say.")
    assert (found.a_value, found.b_value) == (1.1e9, 1.3e9)


def test_a_moved_sentence_with_an_altered_figure_is_still_found() -> None:
    a = (
        "The summit opened in Delhi on Thursday. Ministers from 19 nations attended the talks. "
        "The host called for calm. Protesters gathered outside the hall."
    )
    b = (
        "Ministers from 20 nations attended the talks. The summit opened in Delhi on Thursday. "
        "The host called for calm. Protesters gathered outside the hall."
    )
    result = compare(a, b)
    (found,) = [f for f in result.findings if f.kind == "number_changed"]
    assert (found.a_value, found.b_value) == (19.0, 20.0)
    group = result.groups[found.group]
    assert group.moved or any(g.moved for g in result.groups)
    check_offsets(result)


def test_a_figure_dropped_without_replacement_is_not_a_change() -> None:
    assert findings("Police said 40 people were hurt in the clash.", "Police said people were hurt in the clash.") == []


def test_years_and_list_labels_are_not_figures() -> None:
    assert findings("8 You can't cure jet lag", "7 You can't cure jet lag", "number_changed") == []
    assert findings("Costa, 36, was born in Alhandra.", "The manager of Clermont Foot 63 was born in Alhandra.",
                    "number_changed") == []  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "explanation"),
    [
        ("Temperatures fell to -5 degrees overnight.", "Temperatures fell to 5 degrees overnight.", "-5 became 5"),
        ("It fell to \u22125 degrees.", "It fell to \u22127 degrees.", "\u22125 became \u22127"),
        ("Growth was -5% last year.", "Growth was -7% last year.", "-5% became -7%"),
    ],
)
def test_a_changed_sign_is_a_changed_figure(a: str, b: str, explanation: str) -> None:
    result = compare(a, b)
    assert [g.kind for g in result.groups] == ["modified"]
    assert [(f.kind, f.explanation) for f in result.findings] == [("number_changed", explanation)]
    check_offsets(result)


def test_a_hyphenated_range_is_not_a_negative_number() -> None:
    assert findings("Figures for 2010-2015 were 40% higher.", "Figures for 2010-2015 were 40 per cent higher.") == []


@pytest.mark.parametrize(
    ("a", "b", "changed"),
    [
        (
            "The firm cut 300 jobs in Ohio and 200 jobs in Texas on Monday, officials said.",
            "The firm cut 250 jobs in Texas on Monday, officials said.",
            ("200", "250"),
        ),
        (
            "Police said 12 people were hurt and 3 people died in the crash on the motorway.",
            "Police said 4 people died in the crash on the motorway.",
            ("3", "4"),
        ),
        (
            "Police said 4 people died in the crash on the motorway.",
            "Police said 12 people were hurt and 3 people died in the crash on the motorway.",
            ("4", "3"),
        ),
    ],
)
def test_of_two_figures_of_a_kind_the_one_told_in_the_same_words_is_paired(
    a: str, b: str, changed: tuple[str, str]
) -> None:
    """A figure of one side is paired with the figure of the other whose surrounding words it shares,
    not with the first of its kind: the Texas jobs changed, not the Ohio ones."""
    (found,) = findings(a, b, "number_changed")
    assert (found.a_text, found.b_text) == changed
