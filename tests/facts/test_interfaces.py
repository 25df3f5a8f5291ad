"""Findings through every interface: the result object, JSON, pandas, the text report and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from facts_helpers import SAMPLES

from compare import Comparison, Finding, compare
from compare.render import render

SEED = "The G20 accounts for 85% of global output. Mr Blinken reportedly held talks in Delhi."
CHANGED = "The G20 accounts for 80% of global output. Mr Blinken held talks in Delhi."


def test_to_dict_lists_findings_and_from_dict_restores_them() -> None:
    result = compare(SEED, CHANGED)
    data = json.loads(json.dumps(result.to_dict()))
    assert [f["kind"] for f in data["findings"]] == ["number_changed", "hedge_dropped"]
    assert data["findings"][0]["a_value"] == 85.0 and data["findings"][0]["b_value"] == 80.0
    assert Comparison.from_dict(data).findings == result.findings


def test_to_dict_has_an_empty_findings_list_when_nothing_changed() -> None:
    assert compare(SEED, SEED).to_dict()["findings"] == []


def test_findings_frame_has_a_row_per_finding() -> None:
    frame = compare(SEED, CHANGED).findings_frame()
    assert list(frame["kind"]) == ["number_changed", "hedge_dropped"]
    assert frame.loc[0, "a_text"] == "85%" and frame.loc[0, "b_value"] == 80.0
    assert len(compare(SEED, SEED).findings_frame()) == 0


def test_swapping_sides_finds_the_mirror_image() -> None:
    swapped = compare(SEED, CHANGED).swapped()
    assert [(f.kind, f.a_text, f.b_text) for f in swapped.findings] == [
        ("number_changed", "80%", "85%"),
        ("hedge_added", "", "reportedly"),
    ]


def test_finding_is_frozen_and_exported() -> None:
    finding = compare(SEED, CHANGED).findings[0]
    assert isinstance(finding, Finding)
    with pytest.raises(AttributeError):
        finding.kind = "quote_added"  # type: ignore[misc]


def test_text_report_shows_changed_facts_before_the_sentences() -> None:
    text = render(compare(SEED, CHANGED), "text")
    assert text.index("Changed facts (2)") < text.index("Changed groups")
    assert "85% became 80%" in text and "reportedly" in text


def _storydiff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "compare", *args], capture_output=True, text=True, encoding="utf-8", check=False
    )


def test_cli_facts_only_and_fail_on_drift(tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed, altered = str(SAMPLES / "seed-bbc.txt"), str(SAMPLES / "altered.txt")
    done = _storydiff("compare", seed, altered, "--facts-only")
    assert done.returncode == 0
    assert "Changed facts (5)" in done.stdout and "Changed groups" not in done.stdout
    assert _storydiff("compare", seed, altered, "--facts-only", "--fail-on-drift").returncode == 1
    assert _storydiff("compare", seed, str(SAMPLES / "reordered.txt"), "--fail-on-drift").returncode == 0
    out = tmp_path / "facts.json"
    assert _storydiff("compare", seed, altered, "--facts-only", "-f", "json", "-o", str(out)).returncode == 0
    kinds = sorted(f["kind"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"])
    assert kinds == ["attribution_changed", "hedge_dropped", "number_changed", "number_changed", "quote_altered"]
    csv_out = _storydiff("compare", seed, altered, "--facts-only", "-f", "csv").stdout.splitlines()
    assert csv_out[0].startswith("group,kind,a_text") and len(csv_out) == 6
