"""A copy that lost its typography is not a changed fact (#17, adv-vs-int held-out judgement).

OneStop's intermediate files lost every non-ASCII character: no curly quote marks, no accents, dashes or
ligatures, and some accents stored as control characters ("Da\\x01vila"). Each case below is the shape
of a false finding that judgement found, on a short text written for the test.
"""

from __future__ import annotations

import pytest
from facts_helpers import findings

from compare import compare

# --- 1. quote marks lost in the whole document ---------------------------------------------------------


def test_quotes_are_not_dropped_when_the_other_document_has_no_quote_marks_at_all() -> None:
    a = (
        "\u201cWe will reopen the bridge in June,\u201d the mayor said on Monday.\n\n"
        "Traffic has been heavy since the flood, drivers say.\n\n"
        "\u201cIt is a long and very difficult repair,\u201d said the engineer, Tom Reid."
    )
    b = (
        "We will open the bridge again in June, the mayor said on Monday.\n\n"
        "Traffic has been heavy since the flood, drivers say.\n\n"
        "It is a long and difficult repair, said the engineer, Tom Reid."
    )
    assert findings(a, b, "quote_dropped") == []


def test_a_quote_whose_words_are_gone_from_a_document_without_quote_marks_is_still_dropped() -> None:
    a = (
        "\u201cWe will reopen the bridge in June,\u201d the mayor said on Monday, \u201cwhatever the cost.\u201d\n\n"
        "\u201cIt is a long and very difficult repair,\u201d said the engineer, Tom Reid, on Monday."
    )
    b = (
        "We will reopen the bridge in June, the mayor said on Monday, whatever the cost.\n\n"
        "The engineer, Tom Reid, inspected the old stone piers on Monday."
    )
    (found,) = findings(a, b, "quote_dropped")
    assert found.a_text == "It is a long and very difficult repair"


def test_quoted_words_are_compared_with_the_unmarked_text_of_a_document_without_quote_marks() -> None:
    a = (
        "\u201cWe will reopen the bridge in June,\u201d the mayor said on Monday.\n\n"
        "Traffic has been heavy since the flood, drivers say.\n\n"
        "\u201cIt\u2019s a long and very difficult repair,\u201d said the engineer, Tom Reid."
    )
    b = (
        "We will reopen the bridge in June, the mayor said on Monday.\n\n"
        "Traffic has been heavy since the flood, drivers say.\n\n"
        "Its a long and rather easy repair, said the engineer, Tom Reid."
    )
    (found,) = findings(a, b, "quote_altered")  # the first quote is kept word for word: nothing
    assert found.a_text == "It\u2019s a long and very difficult repair"
    assert found.b_text == "Its a long and rather easy repair"
    assert "[-very difficult-]{+rather easy+}" in found.diff_text


def test_the_quote_found_in_unmarked_text_stops_at_the_attribution() -> None:
    # Without marks, a word of the quote that B's attribution happens to repeat ("the Autism Research
    # Centre") or a word of B's narration ("a youth group") must not stretch the quote over them.
    a = (
        "\u201cWe will reopen the bridge in June,\u201d the mayor said on Monday.\n\n"
        "\u201cThis study finds changes in key regions of the brain involved in autism,\u201d said Ann Lee, "
        "director of the Autism Research Centre.\n\n"
        "Tom Reid, the head of the youth group Bridge Club, said: \u201cIt was a great day and what will stick "
        "with me is the way people helped each other.\u201d"
    )
    b = (
        "We will reopen the bridge in June, the mayor said on Monday.\n\n"
        "This study finds changes in key areas of the brain, said Ann Lee, director of the Autism Research "
        "Centre.\n\n"
        "Tom Reid, the head of a youth group, said: What I will remember is the way people helped each other."
    )
    by_start = {f.a_text.split()[0]: f for f in findings(a, b, "quote_altered")}
    assert by_start["This"].b_text == "This study finds changes in key areas of the brain"
    assert "said" not in by_start["It"].b_text
    assert by_start["It"].b_text.startswith("What I will remember")


def test_speech_a_document_without_quote_marks_keeps_in_other_words_is_altered_not_dropped() -> None:
    a = (
        "\u201cWe will reopen the bridge in June,\u201d the mayor said on Monday.\n\n"
        "\u201cI have serious doubts that piers built in stone will survive one more winter,\u201d said the engineer, "
        "Tom Reid.\n\n"
        "\u201cWe know the town needs to change in the way it is run and in who it is run for,\u201d she added."
    )
    b = (
        "We will reopen the bridge in June, the mayor said on Monday.\n\n"
        "I dont know if the old stone piers can last another winter, said the engineer, Tom Reid.\n\n"
        "We know the town needs to change."
    )
    assert findings(a, b, "quote_dropped") == []
    (found,) = findings(a, b, "quote_altered")  # the third quote is only trimmed: no change of words
    assert found.a_text.startswith("I have serious doubts")
    assert found.b_text == "I dont know if the old stone piers can last another winter, said the engineer, Tom Reid"
    assert "other words" in found.explanation


def test_a_dropped_quote_is_not_matched_as_speech_to_the_sentence_it_repeats_words_of() -> None:
    # The second saying turns the first round; B cut it. B's copy of the first shares its words (a `repeat`
    # link), but that sentence is the first saying, kept, not the second reworded.
    a = (
        "\u201cWe sail together,\u201d said the captain on Monday.\n\n"
        "\u201cThe canoe is our island, and the crew members are our community,\u201d Pittman says.\n\n"
        "\u201cAn island is our canoe, the community are the crew members and the leaders are the navigators.\u201d"
        "\n\nThe voyage starts in June."
    )
    b = (
        "We sail together, said the captain on Monday.\n\n"
        "The canoe is our island, and the crew members are our community, Pittman says.\n\n"
        "The voyage starts in June."
    )
    result = compare(a, b)
    assert any(link.kind == "repeat" and link.a == 2 for link in result.links)  # the case this is about
    assert findings(a, b, "quote_altered") == []


def test_a_quote_dropped_from_a_document_that_still_quotes_is_still_found() -> None:
    a = (
        "\u201cWe will reopen the bridge in June,\u201d the mayor said on Monday.\n\n"
        "\u201cIt is a long and very difficult repair,\u201d said the engineer, Tom Reid."
    )
    b = (
        "\u201cWe will reopen the bridge in June,\u201d the mayor said on Monday.\n\n"
        "The engineer, Tom Reid, said the repair would be long and very difficult."
    )
    (found,) = findings(a, b, "quote_dropped")
    assert found.a_text == "It is a long and very difficult repair"


# --- 2. names typed without their accents, apostrophes or spaces ---------------------------------------


@pytest.mark.parametrize(
    ("a_name", "b_name"),
    [
        ("G\u00e1vea", "Gvea"),  # accent deleted
        ("Gal\u00e1n", "Galn"),
        ("Mys\u0142ajek", "Mys_ajek"),  # a letter NFKD cannot fold, replaced by a stand-in
        ("D\u00e1vila", "Da\x01vila"),  # the accent stored as a control character
        ("D\u00fcrer", "Du\x08rer"),  # ... which cuts the word in two ("Du")
    ],
)
def test_a_name_typed_without_its_accents_is_the_same_name(a_name: str, b_name: str) -> None:
    a = f"The researcher Marta {a_name} studied the wolves near the village for three years."
    b = f"The researcher Marta {b_name} studied the wolves near the village for three years."
    assert findings(a, b, "entity_changed") == []


def test_a_name_with_a_stray_space_is_the_same_name() -> None:
    a = "The book was drawn by the artist Kim Ki-Bum in Seoul last year."
    b = "The book was drawn by the artist Kim Ki- Bum in Seoul last year."
    assert findings(a, b, "entity_changed") == []


def test_a_possessive_that_lost_its_apostrophe_is_the_same_name() -> None:
    a = "A lonely man on the moon is the focus of John Lewis\u2019s Christmas 2015 advert, the store says."
    b = "A lonely man on the moon is the focus of John Lewiss 2015 Christmas advert, the store says."
    assert findings(a, b, "entity_changed") == []


def test_a_name_changed_in_a_copy_without_accents_is_still_found() -> None:
    a = "The researcher Marta Gal\u00e1n studied the wolves near the village for three years."
    b = "The researcher Marta Lopez studied the wolves near the village for three years."
    (found,) = findings(a, b, "entity_changed")
    assert (found.a_text, found.b_text) == ("Marta Gal\u00e1n", "Marta Lopez")


# --- 3. a dash lost between two figures ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("She won the final set 6\u20133 in the heat.", "She won the final set 63 in the heat."),
        ("The miners' strike (1984 \u2013 85) was bitter.", "The miners' strike (198485) was bitter."),
    ],
)
def test_figures_joined_by_a_lost_dash_are_not_a_changed_figure(a: str, b: str) -> None:
    assert findings(a, b, "number_changed") == []


def test_a_spelled_figure_with_a_stray_space_after_its_hyphen_is_the_same_figure() -> None:
    a = "An overwhelming majority of 91% post a photo of themselves, and 71% post their town."
    b = "Ninety- one per cent post a photo of themselves, and 71% post their town."
    assert findings(a, b, "number_changed") == []


def test_a_changed_score_or_decimal_is_still_a_changed_figure() -> None:
    (found,) = findings("She won the final set 6\u20133 in the heat.", "She won the final set 6\u20134 in the heat.")
    assert (found.kind, found.a_text, found.b_text) == ("number_changed", "3", "4")
    (found,) = findings("The bridge cost \u00a35.5m to build.", "The bridge cost \u00a355m to build.")
    assert found.kind == "number_changed"


# --- 4. a hedge that was already there -----------------------------------------------------------------


def test_a_hedge_in_a_quote_whose_marks_were_lost_is_not_added() -> None:
    # B rewords a word too ("close" / "shut"): identical sentences are never looked at.
    a = (
        "\u201cThe shops will probably close by the end of the year,\u201d said the owner, Ann Hill.\n\n"
        "\u201cWe have tried everything,\u201d she added."
    )
    b = (
        "The shops will probably shut by the end of the year, said the owner, Ann Hill.\n\n"
        "We have tried everything, she added."
    )
    assert findings(a, b, "hedge_added") == []


def test_a_hedge_said_in_other_words_is_not_added() -> None:
    a = "The odds are that the drones will deliver parcels within five years."
    b = "The drones will probably deliver parcels within five years."
    assert findings(a, b, "hedge_added") == []


def test_a_hedge_added_where_a_stated_a_fact_is_still_found() -> None:
    a = "The drones will deliver parcels within five years, the company said on Monday."
    b = "The drones will probably deliver parcels within five years, the company said on Monday."
    (found,) = findings(a, b, "hedge_added")
    assert found.b_text == "probably"


MARKED = (
    "\u201cWe will reopen the bridge in June,\u201d the mayor said on Monday.\n\n"
    "\u201cIt\u2019s a long and very difficult repair,\u201d said the engineer, Tom Reid.\n\n"
    "\u201cI have serious doubts that piers built in stone will survive one more winter,\u201d he added.\n\n"
    "\u201cWe know the town needs to change in the way it is run and in who it is run for,\u201d she said."
)
UNMARKED = (
    "We will reopen the bridge in June, the mayor said on Monday.\n\n"
    "Its a long and rather easy repair, said the engineer, Tom Reid.\n\n"
    "I dont know if the old stone piers can last another winter, he added.\n\n"
    "We know the town needs to change, she said."
)


def test_a_copy_without_quote_marks_reads_the_same_from_either_side() -> None:
    """Which version lost its marks does not matter: B→A reports A→B's findings with the sides swapped."""
    forward = findings(MARKED, UNMARKED)
    backward = findings(UNMARKED, MARKED)
    assert [f.kind for f in forward] == ["quote_altered", "quote_altered"]  # a changed quote, a reworded one
    assert [(f.kind, f.a_text, f.b_text) for f in forward] == [(f.kind, f.b_text, f.a_text) for f in backward]
    assert [f.explanation.replace("B has", "A has") for f in forward] == [f.explanation for f in backward]
