"""Fixtures for the terminal UI tests: real sample articles from the repository, compared by the real core."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import Comparison, compare
from compare.ingest import load_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
ONESTOP = ROOT / "tests" / "data" / "onestop"


def pair(a: Path, b: Path, **options: object) -> tuple[Comparison, tuple[object, object]]:
    """The comparison of two files, and the documents it came from (for re-aligning)."""
    doc_a, doc_b = load_path(a), load_path(b)
    return compare(doc_a, doc_b, **options), (doc_a, doc_b)  # type: ignore[arg-type]


@pytest.fixture
def altered() -> tuple[Comparison, tuple[object, object]]:
    """The seed against the version with five deliberate fact changes."""
    return pair(SAMPLES / "seed-bbc.txt", SAMPLES / "altered.txt")


@pytest.fixture
def reordered() -> tuple[Comparison, tuple[object, object]]:
    """The seed against its reordered version (many moved groups)."""
    return pair(SAMPLES / "seed-bbc.txt", SAMPLES / "reordered.txt")


@pytest.fixture
def banksy() -> tuple[Comparison, tuple[object, object]]:
    """A real article against its simplified rewrite (many reworded sentences)."""
    return pair(ONESTOP / "adv" / "banksy.txt", ONESTOP / "ele" / "banksy.txt")
