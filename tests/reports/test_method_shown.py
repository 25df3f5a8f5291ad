"""Every report, and the TUI's header, says which method aligned the sentences (#12): a reader comparing two
reports must be able to tell a lexical alignment from a semantic one without the command that made them."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
from pathlib import Path

import lxml.html
import pytest

from compare import Comparison, compare, compare_many, history
from compare.cli import main
from compare.render import render, render_history
from tui import StorydiffApp
from tui.widgets import SummaryBar

A = ["The minister resigned on Monday.", "Protests continued in the capital.", "Talks are planned."]
B = ["The minister quit on Monday.", "Protests went on in the capital city.", "New talks are planned for May."]
C = ["The minister resigned on Monday after a week of protests.", "Talks are planned."]

_NO_EXTRA = [m for m in ("wordllama", "tokenizers", "safetensors") if importlib.util.find_spec(m) is None]
METHODS = [
    "lexical",
    pytest.param(
        "semantic",
        marks=pytest.mark.skipif(
            bool(_NO_EXTRA), reason="the semantic extra is not installed: pip install 'storydiff[semantic]'"
        ),
    ),
]
OTHER = {"lexical": "semantic", "semantic": "lexical"}


def _html_text(page: str) -> str:
    return " ".join(lxml.html.fromstring(page).text_content().split())


@pytest.mark.parametrize("method", METHODS)
def test_comparison_reports_name_the_method(method: str) -> None:
    result = compare(A, B, method=method, facts=False)  # type: ignore[arg-type]
    text = render(result, "text")
    assert re.search(rf"^method +{method} \(", text, re.M)
    assert OTHER[method] not in text
    assert f"- **Method**: {method} (" in render(result, "markdown")
    assert f"Method: {method} (" in _html_text(render(result, "html"))
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert rows and {row["method"] for row in rows} == {method}


@pytest.mark.parametrize("method", METHODS)
def test_every_command_that_aligns_takes_the_method(method: str, tmp_path: Path) -> None:
    """`compare`, `report` (two versions and more) and `history` align with the method asked for."""
    files = []
    for name, sentences in zip("abc", (A, B, C), strict=True):
        path = tmp_path / f"{name}.txt"
        path.write_text(" ".join(sentences), encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "out.json"
    commands = [
        ["compare", *files[:2], "-f", "json", "-o", str(out)],
        ["report", *files[:2], "-o", str(out)],
        ["report", *files, "-o", str(out)],
        ["history", *files, "-f", "json", "-o", str(out)],
    ]
    for command in commands:
        assert main([*command, "--method", method]) == 0, command
        recorded = _recorded_methods(json.loads(out.read_text(encoding="utf-8")))
        assert recorded == {method}, command


def _recorded_methods(data: object) -> set[str]:
    """The method of every `options` in a saved result; a collection leaves out the default, lexical."""
    if isinstance(data, list):
        return set().union(*map(_recorded_methods, data)) if data else set()
    if not isinstance(data, dict):
        return set()
    found = {str(data["options"].get("method", "lexical"))} if isinstance(data.get("options"), dict) else set()
    return found.union(*map(_recorded_methods, data.values()))


@pytest.mark.parametrize("method", METHODS)
def test_collection_reports_name_the_method(method: str) -> None:
    many = compare_many([A, B, C], method=method, facts=False)  # type: ignore[arg-type]
    assert f"Method: {method} (" in render(many, "markdown")
    assert f"Method: {method} (" in _html_text(render(many, "html"))
    rows = list(csv.DictReader(io.StringIO(render(many, "csv", table="pairs"))))
    assert len(rows) == 3 and {row["method"] for row in rows} == {method}


@pytest.mark.parametrize("method", METHODS)
def test_history_reports_name_the_method(method: str) -> None:
    story = history([A, B, C], method=method)
    assert f"method: {method} (" in render_history(story, "text")
    assert f"Method: {method} (" in render_history(story, "markdown")
    assert f"Method: {method} (" in _html_text(render_history(story, "html"))


def test_a_result_saved_without_a_method_reads_as_lexical() -> None:
    """Results saved before the semantic method existed carry no `method` option: they were lexical."""
    data = compare(A, B, facts=False).to_dict()
    del data["options"]["method"]
    assert re.search(r"^method +lexical \(", render(Comparison.from_dict(data), "text"), re.M)


@pytest.mark.parametrize("method", METHODS)
async def test_tui_header_names_the_method(method: str) -> None:
    result = compare(A, B, method=method, facts=False)  # type: ignore[arg-type]
    app = StorydiffApp(result)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        header = str(app.screen.query_one(SummaryBar).render())
        assert f"· {method} · threshold" in header
        assert OTHER[method] not in header
