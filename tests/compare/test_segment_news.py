"""Segmentation on real copy: where BlingFire takes an ordinary word for an abbreviation, and datelines.

Every text here was written for these tests.
"""

from __future__ import annotations

import pytest

from compare import compare, segment


def texts(text: str) -> list[str]:
    return [s.text for s in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The talks ended an hour ago. Mr. Lavrov left first by the side door.",
            ["The talks ended an hour ago.", "Mr. Lavrov left first by the side door."],
        ),
        (
            "The law came in. Big efforts followed across the country.",
            ["The law came in.", "Big efforts followed across the country."],
        ),
        (
            "He had more than one. 60% of young people own two phones.",
            ["He had more than one.", "60% of young people own two phones."],
        ),
        (
            "The vote was close. Sen. Ortiz voted no. Rep. Hale and Gov. Marsh abstained, said Dr. Okafor.",
            ["The vote was close.", "Sen. Ortiz voted no.", "Rep. Hale and Gov. Marsh abstained, said Dr. Okafor."],
        ),
        (
            "Crowds gathered in town. Ms. Reyes spoke at noon.",
            ["Crowds gathered in town.", "Ms. Reyes spoke at noon."],
        ),
    ],
)
def test_a_full_stop_after_an_ordinary_word_ends_the_sentence(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The office opens at 9 a.m. Monday to Friday.",
        "She lives at no. 12 on the high street.",
        "Prices rose 3% in the year to Jan. 2024, officials said.",
        "The U.S. Senate voted on Tuesday.",
    ],
)
def test_lower_case_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert texts(text) == [text]


def test_a_reply_tag_stays_with_its_quoted_exclamation() -> None:
    assert texts('"Stop!" shouted the guard. Nobody moved.') == ['"Stop!" shouted the guard.', "Nobody moved."]


@pytest.mark.parametrize(
    "dateline", ["NEW DELHI \u2014 ", "PHILADELPHIA (AP) \u2014 ", "WASHINGTON -- ", "Lagos (AFP) \u2013 "]
)
def test_a_dateline_does_not_stop_a_lede_matching_the_undated_version(dateline: str) -> None:
    body = (
        "Ministers from the two countries met for two hours on Friday. "
        "No agreement on the border was reached, officials said. "
        "The ministers will meet again next month. The border has been closed since March."
    )
    undated = body.replace("Ministers from", "The ministers from") + " The ministers said the talks were useful."
    result = compare(dateline + body, undated)
    lede = next(g for g in result.groups if 0 in g.a)
    assert lede.b == (0,) and lede.kind == "modified"
    # The dateline is shown as a change; the rest of the lede is matched.
    changed = {result.a.text[op.a_start : op.a_end] for op in lede.diff if op.op in ("delete", "replace")}
    assert any(dateline.split()[0] in words for words in changed)
    assert result.scores["overlap_b_in_a"] > 0.8
