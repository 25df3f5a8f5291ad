"""JSON and JSON Lines article records: fields, selectors, and what is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixture_pages import PAGES

from compare import compare
from compare.errors import InputError
from compare.ingest import load_path, read_source

RECORDS = PAGES / "records.jsonl"


def _assert_selectors(path: Path, reads: dict[str, str], refused: dict[str, str] | None = None) -> None:
    """`file#SELECTOR` reads the record with the text `reads` gives for it ("": the file with no selector), and
    each selector of `refused` is refused with its message (a regex)."""
    for selector, text in reads.items():
        assert read_source(f"{path}#{selector}" if selector else str(path)).text == text, selector
    for selector, message in (refused or {}).items():
        with pytest.raises(InputError, match=message):
            read_source(f"{path}#{selector}")


def test_first_record_by_default_with_all_its_metadata() -> None:
    doc = read_source(str(RECORDS))
    assert doc.text.startswith("The Harbour Bridge reopened")
    assert doc.title == "Harbour bridge reopens after storm repairs"
    assert doc.source == "The Coastal Courier"
    assert doc.date == "2024-03-14"
    assert doc.url == "https://courier.example/bridge"
    assert doc.name == "records.jsonl#courier-0314"


@pytest.mark.parametrize("selector", ["2", "wire-7781"])
def test_selector_by_position_or_id(selector: str) -> None:
    doc = read_source(f"{RECORDS}#{selector}")
    assert doc.title == "Storm-hit bridge reopens"
    assert doc.source == "Wire Service"


def test_two_records_of_one_file_compare() -> None:
    result = compare(load_path(f"{RECORDS}#1"), load_path(f"{RECORDS}#2"))
    assert result.a.source == "The Coastal Courier" and result.b.source == "Wire Service"
    assert len(result.groups) >= 2


def test_an_id_wins_over_a_position(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    lines = [{"id": 2, "text": "Record with id two."}, {"id": 1, "text": "Record with id one."}]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    _assert_selectors(path, reads={"1": "Record with id one.", "2": "Record with id two."})


def test_json_object_and_array(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"title": "T", "text": "Only one record.", "author": "A. Writer"}), encoding="utf-8")
    doc = read_source(str(one))
    assert (doc.text, doc.title, doc.author, doc.name) == ("Only one record.", "T", "A. Writer", "one.json#1")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "First."}, {"text": "Second."}], indent=2), encoding="utf-8")
    assert read_source(str(many)).text == "First."
    assert read_source(f"{many}#2").text == "Second."


def test_json_found_by_content_without_a_suffix(tmp_path: Path) -> None:
    path = tmp_path / "export"
    path.write_text(json.dumps({"text": "The record's text.", "title": "Found by looking"}), encoding="utf-8")
    assert read_source(str(path)).title == "Found by looking"


def test_a_json_lines_record_is_named_by_its_line_as_the_corpus_names_it(tmp_path: Path) -> None:
    """Blank lines are no records, but they count in the number, so `file#N` is the line an editor shows
    and the id `storydiff corpus` gives the record."""
    path = tmp_path / "r.jsonl"
    path.write_text('\n{"text": "One."}\n\n{"text": "Two."}\n\n', encoding="utf-8")
    _assert_selectors(path, reads={"": "One.", "2": "One.", "4": "Two."}, refused={"3": "there is no record 3"})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "One." "x"}\n{"text": "Two."}\n', "line 1 is not valid JSON"),
        ('{"title": "no text"}', "the record has no 'text' field"),
        ('{"text": 42}', "'text' is a JSON number, not a string"),
        ('{"text": "   "}', "it is empty"),
        ("[]", "it holds no records"),
        ('["just a string"]', "record 1 is a JSON string, not an object"),
        ('{"text": "unterminated', "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_bad_records_are_refused_with_the_reason(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_source(str(path))


def test_one_malformed_line_leaves_the_other_records_usable(tmp_path: Path) -> None:
    """As `storydiff corpus` reads past a bad line, `compare file.jsonl#N` reads any good record of it."""
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "One."}\n{"text": "Two."\n{"id": "c", "text": "Three."}\n', encoding="utf-8")
    _assert_selectors(
        path,
        reads={"": "One.", "3": "Three.", "c": "Three."},
        refused={"2": "line 2 is not valid JSON", "zz": r"no record has id 'zz'.*\(1 unreadable: 2\)"},
    )


@pytest.mark.parametrize(
    ("selector", "message"), [("3", "there is no record 3; it holds 2 records"), ("x", "no record has id 'x'")]
)
def test_bad_selectors(selector: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_source(f"{RECORDS}#{selector}")
