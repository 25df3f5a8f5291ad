"""The history screen (`storydiff history --tui`): left/right step through the versions, other keys work within a step.

Real app, real histories of the project's sample updates (samples/updates/), driven with Pilot.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from compare.ingest import load_path
from compare.timeline import History, history
from tui.history_app import HistoryApp
from tui.screens.history import HistoryScreen

UPDATES = sorted((Path(__file__).resolve().parents[2] / "samples" / "updates").glob("*.txt"))


def _history() -> History:
    # Named as the user names them from the repository root, so snapshots hold no machine's paths.
    docs = [replace(load_path(p), source=f"samples/updates/{p.name}") for p in UPDATES]
    return history(docs)


@pytest.fixture(scope="module")
def story() -> History:
    return _history()


async def test_left_and_right_move_one_version(story: History) -> None:
    app = HistoryApp(story)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert (screen.result.a.name, screen.result.b.name) == (UPDATES[0].name, UPDATES[1].name)
        await pilot.press("right", "right")
        assert screen.step == 2 and screen.result is story.steps[2]
        assert (screen.result.a.name, screen.result.b.name) == (UPDATES[2].name, UPDATES[3].name)
        await pilot.press("left")
        assert screen.result is story.steps[1]
        await pilot.press("left", "left")  # already at the first step: stays there
        assert screen.step == 0
        await pilot.press("right_square_bracket")
        assert screen.step == 1


async def test_the_comparison_keys_work_within_a_step(story: History) -> None:
    app = HistoryApp(story)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await pilot.press("right", "right")  # v3 → v4: the claim deleted, 12 became 15, 'reportedly' dropped
        await pilot.pause()
        await pilot.press("x")
        group = screen.result.groups[screen.view.cursor_group or 0]
        assert "countries" in screen.result.group_text(group, "a")  # the first changed fact of this step
        await pilot.press("s")  # swap works on the step on screen
        assert screen.swapped and screen.result.a.name == UPDATES[3].name
        await pilot.press("right")  # a new step starts unswapped
        assert not screen.swapped and screen.result is story.steps[3]
        assert "v4 → v5" in screen._status()


async def test_the_timeline_strip_shows_the_step_and_the_facts_over_time(story: History) -> None:
    app = HistoryApp(story)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        strip = str(app.screen.query_one("#timeline").render())
        assert "step 2 of 4: 02-update.txt → 03-update.txt" in strip
        assert "12 (v2) → 15 (v4) → 17 (v5)" in strip


async def test_help_lists_the_version_keys(story: History) -> None:
    app = HistoryApp(story)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        from tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        rows = dict((description, keys) for keys, description in app.screen.rows)
        assert rows["Next version"].startswith("→") and rows["Previous version"].startswith("←")
        assert any(d.startswith("Next change") for d in rows)  # the comparison's keys are listed too


def test_history_screen_120x40(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(HistoryApp(_history()), terminal_size=(120, 40), press=["right", "right", "x"])


def test_history_screen_stacked_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(HistoryApp(_history()), terminal_size=(80, 24), press=["right", "space", "n"])


@pytest.mark.parametrize(
    "argv",
    [["tui", *map(str, UPDATES[:3])], ["history", "--tui", *map(str, UPDATES[:3])]],
    ids=["tui with three versions", "history --tui"],
)
def test_the_command_line_opens_the_history_screen(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways in build the history before the app starts; the app's run (it needs a real terminal) is replaced
    by one that records what it was given."""
    from compare.cli import main, tui_cmd

    shown: list[History] = []
    monkeypatch.setattr(HistoryApp, "run", lambda self: shown.append(self.history))
    # Under pytest standard output is no terminal, which the command refuses (tested in test_bad_input.py).
    monkeypatch.setattr(tui_cmd, "_check_screen", lambda: None)
    monkeypatch.setattr(tui_cmd, "_terminal_for_keys", lambda article_on_stdin: None)
    assert main(argv) == 0
    assert [h.labels for h in shown] == [tuple(p.name for p in UPDATES[:3])]


def test_a_bad_third_version_is_one_line_before_any_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare.cli import main

    monkeypatch.setattr(HistoryApp, "run", lambda self: pytest.fail("the app started although an input was bad"))
    assert main(["tui", str(UPDATES[0]), str(UPDATES[1]), str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt': no such file" in err
