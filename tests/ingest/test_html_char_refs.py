"""Character references a hostile or sloppy page holds: one bad reference must not lose the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.ingest import load_path

PARAGRAPHS = [
    "The council reopened the Hammersmith bridge on Monday after three weeks of emergency repairs.",
    "Engineers found cracks in two of the cast-iron pedestals during a routine inspection in May.",
    "About 22,000 vehicles crossed the bridge every day before it was closed to all traffic.",
    "Cyclists and pedestrians were allowed across from the first week, under a temporary permit.",
    "The repairs cost 4.2 million pounds, shared between the borough and the transport authority.",
    "Residents said the detour had added forty minutes to journeys across the river each morning.",
]


def _page(tmp_path: Path, extra: str) -> Path:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>Bridge reopens</title></head><body><article>{body}<p>{extra}</p></article></body></html>",
        encoding="utf-8",
    )
    return page


@pytest.mark.parametrize("reference", ["&#x1b;[2J", "&#27;", "&#xFFFF;", "&#xfffe", "&#8;", "&#99999999999;"])
def test_a_reference_to_a_forbidden_character_is_dropped_not_the_article(reference: str, tmp_path: Path) -> None:
    """lxml refuses &#x1b; or &#xFFFF; as it refuses the raw character: the page read as 'no article text found'."""
    doc = load_path(_page(tmp_path, f"A closing line {reference} with a bad reference."))
    assert all(text in doc.text for text in PARAGRAPHS)
    assert "closing line" in doc.text
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in doc.text)
    assert "\uffff" not in doc.text and "\ufffe" not in doc.text


def test_a_reference_of_thousands_of_digits_is_no_traceback(tmp_path: Path) -> None:
    """int() refuses strings of over 4,300 digits: such a reference must be dropped before anything reads it."""
    doc = load_path(_page(tmp_path, "A closing line &#" + "9" * 6000 + "; with a huge reference."))
    assert "closing line" in doc.text and "999" not in doc.text


@pytest.mark.parametrize(("reference", "char"), [("&#65;", "A"), ("&#x41;", "A"), ("&#x263A;", "\u263a")])
def test_good_references_are_read(reference: str, char: str, tmp_path: Path) -> None:
    doc = load_path(_page(tmp_path, f"The sign read {reference} today."))
    assert f"The sign read {char} today." in doc.text
