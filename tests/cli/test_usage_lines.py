"""Usage mistakes and shorthands: each is one line, or just works, as the README promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import A, B, assert_one_line, run_cli, run_storydiff

RECORDS = '{"text": "The council reopened the bridge on Monday."}\n{"text": "The bridge reopened on Monday."}\n'


def test_storydiff_alone_is_one_line_naming_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli([], capsys)
    assert out == ""
    assert_one_line(code, err, "no command given; choose one of compare, report, history, tui, corpus")


@pytest.mark.parametrize("order", ["record first", "record second"])
def test_a_record_of_standard_input_needs_no_double_dash(order: str) -> None:
    """`storydiff compare -#2 b.txt < feed.jsonl` used to fail with 'the following arguments are required: B'."""
    inputs = ["-#2", str(B)] if order == "record first" else [str(B), "-#2"]
    done = run_storydiff(["compare", *inputs, "-f", "json"], stdin=RECORDS)
    assert done.returncode == 0, done.stderr
    sides = {side["name"]: side["sentences"] for side in (json.loads(done.stdout)[key] for key in ("a", "b"))}
    assert [s["text"] for s in sides["<stdin>#2"]] == ["The bridge reopened on Monday."], sides.keys()


@pytest.mark.parametrize(
    ("output", "fragment"),
    [
        ("", "the output is an empty name; give a file name"),
        ("new-folder/", "it ends in a slash, so it names a folder, and there is none"),
    ],
)
def test_an_output_that_is_no_file_name_is_refused(
    output: str, fragment: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(["compare", str(A), str(B), "-o", output], capsys)
    assert_one_line(code, err, fragment)
    assert list(tmp_path.iterdir()) == []  # 'new-folder/' used to be written as a file named new-folder
