"""How the app looks, on fixed sample articles at fixed terminal sizes (pytest-textual-snapshot).

The SVGs in `__snapshots__/` are the reference: after an intended change to the
look (or to the alignment of the samples), review the new pictures and update
them with `pytest tests/tui/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from compare import Document, compare
from compare.ingest import load_path
from tui import StorydiffApp

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _load(name: str) -> Document:
    """A sample as the user names it from the repository root, so the pictures hold no machine's paths."""
    return replace(load_path(SAMPLES / name), source=f"samples/{name}")


def _app(other: str) -> StorydiffApp:
    a, b = _load("seed-bbc.txt"), _load(other)
    return StorydiffApp(compare(a, b), sources=(a, b))


def test_seed_against_altered_side_by_side_120x40(snap_compare) -> None:
    assert snap_compare(_app("altered.txt"), terminal_size=(120, 40), press=["n"])


def test_seed_against_reordered_80x24(snap_compare) -> None:
    assert snap_compare(_app("reordered.txt"), terminal_size=(80, 24), press=["m"])


def test_seed_against_split_merged_stacked_80x24(snap_compare) -> None:
    assert snap_compare(_app("split-merged.txt"), terminal_size=(80, 24), press=["space", "n"])


def test_changes_only_with_details_120x40(snap_compare) -> None:
    assert snap_compare(_app("wire.txt"), terminal_size=(120, 40), press=["f", "n", "d"])


def test_help_screen_120x40(snap_compare) -> None:
    assert snap_compare(_app("altered.txt"), terminal_size=(120, 40), press=["question_mark"])


def test_search_highlights_matches_120x40(snap_compare) -> None:
    assert snap_compare(_app("opinion-rewrite.txt"), terminal_size=(120, 40), press=["slash", *"Lavrov", "enter"])


def test_light_theme_keeps_highlights_readable_80x24(snap_compare) -> None:
    app = _app("altered.txt")

    async def light(pilot) -> None:  # type: ignore[no-untyped-def]
        app.theme = "textual-light"
        await pilot.press("n", "n")

    assert snap_compare(app, terminal_size=(80, 24), run_before=light)
