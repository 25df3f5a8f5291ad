"""Reports of articles holding bidirectional and C1 controls: nothing that reorders or commands a terminal
reaches the output, in any format, and JSON still reads back as the article's exact text. The marks LRM,
RLM and ALM are kept (they steer only the punctuation beside them and are ordinary in Arabic and Hebrew);
the embeddings, overrides and isolates of the "Trojan Source" trick are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_cli

BIDI = "\u202e\u2066"
TRICK = f"The minister said the plan {BIDI}cost 5 million\u202c and that C1 \x9b31m was fine."
BASE = [
    "The council reopened the bridge on Monday after three weeks of repairs.",
    "Engineers found cracks in two of the pedestals during an inspection in May.",
    "About 22,000 vehicles crossed the bridge every day before it closed.",
]


def _unsafe(text: str) -> set[str]:
    return {ch for ch in text if 0x7F <= ord(ch) <= 0x9F or ch in BIDI + "\u202c\u2028\u2029"}


@pytest.fixture
def articles(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(" ".join([*BASE, TRICK]), encoding="utf-8")
    b.write_text(" ".join([*BASE[:2], TRICK.replace("5 million", "6 million")]), encoding="utf-8")
    return a, b


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "csv"])
def test_compare_output_holds_no_bidi_or_c1_control(
    fmt: str, articles: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = articles
    code, out, err = run_cli(["compare", str(a), str(b), "-f", fmt, "--all"], capsys)
    assert code == 0, err
    assert "minister said the plan" in out
    assert _unsafe(out) == set(), sorted(map(hex, map(ord, _unsafe(out))))


def test_json_escapes_them_and_reads_back(articles: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    a, b = articles
    code, out, err = run_cli(["compare", str(a), str(b), "-f", "json"], capsys)
    assert code == 0, err
    assert "\\u202e" in out and "\\u009b" in out
    sentences = [s["text"] for s in json.loads(out)["a"]["sentences"]]
    assert any(TRICK.split(" and that")[0] in s for s in sentences), sentences


@pytest.mark.parametrize(("command", "name"), [("report", "r.html"), ("report", "r.md"), ("history", "h.html")])
def test_report_files_hold_no_bidi_or_c1_control(
    command: str, name: str, articles: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = articles
    out = tmp_path / name
    code, _, err = run_cli([command, str(a), str(b), "-o", str(out)], capsys)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "minister said the plan" in text
    assert _unsafe(text) == set()
