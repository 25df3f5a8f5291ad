"""Quotes: altered, dropped, added, split by their attribution, and given to someone else."""

from __future__ import annotations

from facts_helpers import check_offsets, findings

from compare import compare


def test_curly_versus_straight_quotes_is_no_finding() -> None:
    a = "\u201cWe will support Ukraine for as long as it takes,\u201d Mr Blinken said on Thursday."
    b = '"We will support Ukraine for as long as it takes," Mr Blinken said on Thursday.'
    assert findings(a, b) == []


def test_an_altered_quote_carries_the_word_diff_of_the_quote_alone() -> None:
    a = "Mr Blinken said the US would support Ukraine \u201cfor as long as it takes\u201d, officials said."
    b = "Mr Blinken said the US would support Ukraine \u201cfor as long as necessary\u201d, officials said."
    result = compare(a, b)
    (found,) = result.findings
    assert found.kind == "quote_altered"
    assert (found.a_text, found.b_text) == ("for as long as it takes", "for as long as necessary")
    changed = [(result.a.text[op.a_start : op.a_end], result.b.text[op.b_start : op.b_end])
               for op in found.quote_diff if op.op != "equal"]  # fmt: skip
    assert changed == [("it takes", "necessary")]
    assert found.diff_text == "for as long as [-it takes-]{+necessary+}"
    check_offsets(result)


def test_a_quote_split_by_its_attribution_is_one_quote() -> None:
    a = "\u201cThe West continues its attempts,\u201d he said, \u201cto push everyone and everything.\u201d"
    b = "\u201cThe West continues its attempts,\u201d he said, \u201cto push everything.\u201d"
    (found,) = findings(a, b)
    assert found.kind == "quote_altered"
    assert found.diff_text.count("[-") == 1 and "everyone and" in found.diff_text
    assert found.a_text.startswith("The West") and found.a_text.endswith("everyone and everything")


def test_the_same_split_quote_with_its_parts_joined_is_no_finding() -> None:
    a = "\u201cThe West continues its attempts,\u201d he said, \u201cto push everyone and everything.\u201d"
    b = "\u201cThe West continues its attempts to push everyone and everything,\u201d he said."
    assert findings(a, b) == []


def test_a_trimmed_quote_is_not_an_altered_one() -> None:
    a = "\u201cWe must call on Russia to end its war and withdraw from Ukraine for the sake of peace,\u201d he said."
    b = "\u201cWe must call on Russia to end its war and withdraw from Ukraine,\u201d he said."
    assert findings(a, b, "quote_altered") == []


def test_a_quote_dropped_from_an_aligned_sentence() -> None:
    a = "A State Department official told reporters that Mr Blinken had \u201cdisabused\u201d Mr Lavrov of any idea."
    b = "A State Department official told reporters that Mr Blinken had corrected Mr Lavrov of any idea."
    (found,) = findings(a, b, "quote_dropped")
    assert found.a_text == "disabused" and found.b_text == ""
    assert found.b_start == found.b_end


def test_a_quote_added_to_an_aligned_sentence() -> None:
    a = "Mr Lavrov accused Western countries of trying to influence neutral states at a news conference."
    b = "Mr Lavrov accused Western countries of \u201cblackmail\u201d of neutral states at a news conference."
    (found,) = findings(a, b, "quote_added")
    assert found.b_text == "blackmail" and found.a_text == ""


def test_a_quote_that_moved_to_another_sentence_is_not_dropped() -> None:
    a = (
        "Mr Lavrov spoke at a news conference in Delhi on Thursday, saying \u201cthe West is isolated\u201d. "
        "He left early."
    )
    b = (
        "Mr Lavrov spoke at a news conference in Delhi on Thursday. "
        "He left early, saying \u201cthe West is isolated\u201d."
    )
    assert [f for f in findings(a, b) if f.kind in ("quote_dropped", "quote_added")] == []


def test_a_quote_given_to_another_named_speaker_is_an_attribution_change() -> None:
    a = "\u201cIt is a real victory for the people,\u201d said Alan Strickland, a Haringey councillor."
    b = "\u201cIt is a real victory for the people,\u201d said Claire Kober, a Haringey councillor."
    kinds = {f.kind for f in findings(a, b)}
    assert "attribution_changed" in kinds and "quote_altered" not in kinds


def test_a_pronoun_and_a_name_may_be_the_same_speaker() -> None:
    a = "\u201cThe West continues its attempts to push everyone,\u201d he said."
    b = "\u201cThe West continues its attempts to push everyone,\u201d Mr Lavrov said."
    assert findings(a, b, "attribution_changed") == []
