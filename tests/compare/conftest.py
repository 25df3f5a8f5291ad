"""Fixtures for the core's tests: real article text from the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
ONESTOP = ROOT / "tests" / "data" / "onestop"


@pytest.fixture
def seed_text() -> str:
    """The seed article (a BBC report on the Blinken–Lavrov meeting at the G20)."""
    return (SAMPLES / "seed-bbc.txt").read_text(encoding="utf-8")


@pytest.fixture
def onestop_pair() -> tuple[str, str]:
    """A real story in its advanced and elementary versions (OneStopEnglish, CC BY-SA 4.0)."""
    return (
        (ONESTOP / "adv" / "meteorite.txt").read_text(encoding="utf-8-sig"),
        (ONESTOP / "ele" / "meteorite.txt").read_text(encoding="utf-8-sig"),
    )
