"""Fixtures for the report tests: real articles from the repository, compared once per module."""

from __future__ import annotations

import pytest
from report_data import SAMPLES, banksy_paths

from compare import Collection, Comparison, compare, compare_many


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
