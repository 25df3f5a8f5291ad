"""Fixtures for the report tests: real articles from the repository, compared once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import Collection, Comparison, compare, compare_many

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
ONESTOP = ROOT / "tests" / "data" / "onestop"
LEVELS = ("adv", "int", "ele")


def banksy_paths() -> list[Path]:
    """One real story in three versions (OneStopEnglish advanced, intermediate, elementary; CC BY-SA 4.0)."""
    return [ONESTOP / level / "banksy.txt" for level in LEVELS]


@pytest.fixture(scope="module")
def seed_altered() -> Comparison:
    """The seed article against its copy with five deliberate fact changes."""
    return compare(SAMPLES / "seed-bbc.txt", SAMPLES / "altered.txt")


@pytest.fixture(scope="module")
def seed_wire() -> Comparison:
    """The seed article against a wire-style rewrite (insertions, a deletion, rewordings)."""
    return compare(SAMPLES / "seed-bbc.txt", SAMPLES / "wire.txt")


@pytest.fixture(scope="module")
def banksy() -> Collection:
    """The three versions of the Banksy story, compared pairwise."""
    return compare_many(banksy_paths())
