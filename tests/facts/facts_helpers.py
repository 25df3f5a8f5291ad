"""Helpers for the fact-drift tests: compare two texts, get findings by kind."""

from __future__ import annotations

from pathlib import Path

from compare import Comparison, Finding, compare

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
ONESTOP = ROOT / "tests" / "data" / "onestop"


def findings(a: str, b: str, kind: str | None = None) -> list[Finding]:
    """The findings of comparing texts `a` and `b`, only of `kind` when given."""
    result = compare(a, b)
    return [f for f in result.findings if kind is None or f.kind == kind]


def check_offsets(result: Comparison) -> None:
    """Every finding's texts are exactly the documents' text at its offsets, in a group with both sides."""
    for f in result.findings:
        assert result.a.text[f.a_start : f.a_end] == f.a_text
        assert result.b.text[f.b_start : f.b_end] == f.b_text
        group = result.groups[f.group]
        assert group.a and group.b
