"""Names, dates and hedges: found when they change, silent when only the wording does."""

from __future__ import annotations

from facts_helpers import findings


def test_a_changed_name_is_found() -> None:
    a = "Mr Blinken told Mr Lavrov that Russia should release Paul Whelan, an imprisoned American."
    b = "Mr Blinken told Mr Lavrov that Russia should release Brittney Griner, an imprisoned American."
    (found,) = findings(a, b)
    assert (found.kind, found.a_text, found.b_text) == ("entity_changed", "Paul Whelan", "Brittney Griner")


def test_sentence_initial_capitals_are_not_names() -> None:
    assert findings("Officials met in Delhi on the sidelines.", "Ministers met in Delhi on the sidelines.") == []


def test_the_same_person_named_differently_is_no_finding() -> None:
    a = "The talks were led by Sergei Lavrov in the Indian capital for an hour."
    b = "The talks were led by Mr Lavrov in the Indian capital for an hour."
    assert findings(a, b) == []


def test_forms_and_initials_of_one_name_are_no_finding() -> None:
    assert findings("Officials said the Bolivian government would act soon.",
                    "Officials said the Bolivia government would act soon.") == []  # fmt: skip
    assert findings("Officials said the United States would act soon.",
                    "Officials said the US would act soon.") == []  # fmt: skip


def test_reordered_names_are_not_changed_names() -> None:
    a = "Both Mr Lavrov and Mr Blinken commented on the war earlier in the day."
    b = "Both Mr Blinken and Mr Lavrov commented on the war earlier in the day."
    assert findings(a, b) == []


def test_a_changed_date_is_found() -> None:
    (found,) = findings("The last time the two met was in Geneva in January 2022.",
                        "The last time the two met was in Geneva in February 2022.")  # fmt: skip
    assert (found.kind, found.a_text, found.b_text) == ("date_changed", "January 2022", "February 2022")


def test_a_changed_weekday_and_relative_date_are_found() -> None:
    (found,) = findings("Mr Lavrov spoke at a news conference on Thursday.",
                        "Mr Lavrov spoke at a news conference on Wednesday.")  # fmt: skip
    assert found.kind == "date_changed"
    (found,) = findings("The two ministers met last week in Delhi.", "The two ministers met this week in Delhi.")
    assert (found.a_text, found.b_text) == ("last week", "this week")


def test_dates_with_nothing_in_common_are_other_ways_of_saying_when() -> None:
    assert findings("The two ministers met last week in Delhi.",
                    "The two ministers met on Thursday in Delhi.", "date_changed") == []  # fmt: skip


def test_a_dropped_hedge_is_found() -> None:
    a = "Mr Blinken reportedly held talks with top diplomats during the Delhi summit."
    b = "Mr Blinken held talks with top diplomats during the Delhi summit."
    (found,) = findings(a, b)
    assert (found.kind, found.a_text, found.b_text) == ("hedge_dropped", "reportedly", "")


def test_an_added_hedge_and_a_dropped_attribution_are_found() -> None:
    (found,) = findings("The suspect fled the country before the trial began.",
                        "The suspect allegedly fled the country before the trial began.")  # fmt: skip
    assert (found.kind, found.b_text) == ("hedge_added", "allegedly")
    (found,) = findings("An official said the discussion in Delhi lasted less than 10 minutes.",
                        "The discussion in Delhi lasted less than 10 minutes.")  # fmt: skip
    assert (found.kind, found.a_text) == ("hedge_dropped", "said")


def test_one_attribution_for_another_is_a_rewording() -> None:
    a = "A senior official said the discussion in Delhi lasted less than 10 minutes."
    b = "The discussion in Delhi lasted less than 10 minutes, according to a senior official."
    assert findings(a, b) == []
    a = "The report found that the richest 1% had increased their incomes by 60%."
    b = "The report said that the richest 1% have increased their incomes by 60%."
    assert findings(a, b) == []


def test_hedges_inside_quotes_are_the_speakers_words() -> None:
    a = "\u201cThey reportedly left,\u201d the minister told parliament on Monday."
    b = "\u201cThey left,\u201d the minister told parliament on Monday."
    assert findings(a, b, "hedge_dropped") == []
