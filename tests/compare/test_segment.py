"""Sentence segmentation on news copy: what a reader counts as a sentence, with exact offsets."""

from __future__ import annotations

import pytest

from compare import segment
from compare.segment import from_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr Blinken met Mr Lavrov. They spoke.", ["Mr Blinken met Mr Lavrov.", "They spoke."]),
        ("Mr. Smith met Dr. Jones. They spoke.", ["Mr. Smith met Dr. Jones.", "They spoke."]),
        ("Mrs. Lee went to St. Paul. She prayed.", ["Mrs. Lee went to St. Paul.", "She prayed."]),
        ("The U.S. and the U.K. agreed. Talks end.", ["The U.S. and the U.K. agreed.", "Talks end."]),
        ("It was signed on Jan. 5 in Delhi. Then it ended.", ["It was signed on Jan. 5 in Delhi.", "Then it ended."]),
        ("Growth was 2.5% last year. It fell to 85%.", ["Growth was 2.5% last year.", "It fell to 85%."]),
        ("J. R. R. Tolkien wrote it. It sold.", ["J. R. R. Tolkien wrote it.", "It sold."]),
        ('"We will win," he said. They did.', ['"We will win," he said.', "They did."]),
        ("\u201cIt is over.\u201d She left.", ["\u201cIt is over.\u201d", "She left."]),
        ("She waited... Then she came back.", ["She waited...", "Then she came back."]),
    ],
)
def test_news_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_headlines_and_bullets_without_full_stops_stand_alone() -> None:
    text = "Blinken meets Lavrov in Delhi\n\n- talks lasted ten minutes\n- no change of course\nThe end came."
    assert texts(text) == [
        "Blinken meets Lavrov in Delhi",
        "- talks lasted ten minutes",
        "- no change of course",
        "The end came.",
    ]


def test_offsets_slice_the_original_text(seed_text: str) -> None:
    sentences = segment(seed_text)
    assert len(sentences) == 18
    for n, sentence in enumerate(sentences):
        assert sentence.index == n
        assert seed_text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_empty_and_blank_text_has_no_sentences() -> None:
    assert segment("") == []
    assert segment(" \n\t\n") == []


def test_presegmented_sentences_are_used_exactly_as_given() -> None:
    given = ["First one. Still first.", "  second  ", "third"]
    text, sentences = from_sentences(given)
    assert [s.text for s in sentences] == given
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_a_huge_line_without_punctuation_is_one_sentence() -> None:
    line = "word " * 200_000
    sentences = segment(line)
    assert len(sentences) == 1
    assert sentences[0].text == line.strip()
