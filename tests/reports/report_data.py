"""Paths to the real articles the report tests use (a module with a unique name, importable from any test)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
ONESTOP = ROOT / "tests" / "data" / "onestop"
LEVELS = ("adv", "int", "ele")


def banksy_paths() -> list[Path]:
    """One real story in three versions (OneStopEnglish advanced, intermediate, elementary; CC BY-SA 4.0)."""
    return [ONESTOP / level / "banksy.txt" for level in LEVELS]
