"""The terminal UI driven by its keys and mouse through Textual's Pilot, on real articles and the real core."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from textual.widgets import DirectoryTree, Input, Label

from compare import Comparison, compare
from compare.cli import main
from compare.ingest import load_path
from tui import StorydiffApp
from tui.screens import CompareScreen, ExportScreen, HelpScreen
from tui.screens.compare import FACTS_DELAY
from tui.widgets import DetailPanel, DiffView, SummaryBar

SIZE = (120, 40)


def _screen(app: StorydiffApp) -> CompareScreen:
    assert isinstance(app.screen, CompareScreen)
    return app.screen


def _view(app: StorydiffApp) -> DiffView:
    return app.screen.query_one(DiffView)


async def test_arrow_keys_and_j_k_move_the_row_cursor(altered) -> None:
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        assert _view(app).cursor_group == 0
        await pilot.press("down", "j")
        assert _view(app).cursor_group == 2
        await pilot.press("k")
        assert _view(app).cursor_group == 1
        await pilot.press("up", "up")
        assert _view(app).cursor_group == 0  # stops at the top
        await pilot.press("G")
        assert _view(app).cursor_group == len(result.groups) - 1


async def test_n_and_shift_n_step_through_changed_groups_only(altered) -> None:
    result, sources = altered
    changed = [n for n, g in enumerate(result.groups) if g.changed]
    assert len(changed) >= 3
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        visited = []
        for _ in changed:
            await pilot.press("n")
            visited.append(_view(app).cursor_group)
        # Starting on group 0, n visits the later changes, then wraps round to the first.
        assert sorted(visited) == changed
        await pilot.press("N")
        assert _view(app).cursor_group == visited[-2]


async def test_m_jumps_to_moved_groups(reordered) -> None:
    result, sources = reordered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.press("m")
            assert result.groups[_view(app).cursor_group].moved


async def test_f_hides_unchanged_groups_and_shows_them_again(altered) -> None:
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        view = _view(app)
        everything = view.visible_groups()
        await pilot.press("f")
        shown = view.visible_groups()
        assert view.changes_only
        assert shown == [n for n, g in enumerate(result.groups) if g.changed or n in view.findings]
        assert len(shown) < len(everything)
        assert view.cursor_group in shown
        assert "changes only" in app.screen.query_one(SummaryBar).status
        await pilot.press("f")
        assert view.visible_groups() == everything


async def test_plus_realigns_in_a_worker_and_the_groups_change(banksy) -> None:
    result, sources = banksy
    start = result.options["threshold"]
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        screen = _screen(app)
        for _ in range(5):
            await pilot.press("plus")
        expected_threshold = round(start + 5 * 0.05, 2)
        assert screen.threshold == expected_threshold
        # The app answers keys while the worker runs.
        await pilot.press("d")
        assert screen.query_one(DetailPanel).display
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.realigning
        shown = _view(app).result
        expected = compare(*sources, threshold=expected_threshold)
        assert shown.options["threshold"] == expected_threshold
        assert [(g.a, g.b, g.kind) for g in shown.groups] == [(g.a, g.b, g.kind) for g in expected.groups]
        assert [(g.a, g.b, g.kind) for g in shown.groups] != [(g.a, g.b, g.kind) for g in result.groups]
        await pilot.press("minus")
        assert screen.threshold == round(expected_threshold - 0.05, 2)
        await app.workers.wait_for_complete()


async def test_realigning_does_not_block_the_interface(banksy) -> None:
    # What the + key runs returns at once: the alignment goes on in a worker thread, a spinner shows,
    # the old result stays on screen and the cursor still moves until the new one arrives.
    result, sources = banksy
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        screen = _screen(app)
        screen.action_threshold(1)
        assert screen.realigning
        assert "re-aligning" in screen.query_one(SummaryBar).busy
        assert _view(app).result is result
        workers = [w for w in app.workers if w.group == "realign"]
        assert len(workers) == 1 and workers[0]._thread_worker
        _view(app).move(1)
        assert _view(app).cursor_group == 1
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.realigning and not screen.query_one(SummaryBar).busy
        assert _view(app).result is not result


async def test_s_swaps_the_sides_without_realigning(altered) -> None:
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        shown = _view(app).result
        assert shown.a is result.b and shown.b is result.a
        assert shown.groups == result.swapped().groups
        assert _screen(app).swapped
        await pilot.press("s")
        assert _view(app).result.a is result.a
        assert _view(app).result.groups == result.groups


async def test_space_switches_to_the_stacked_layout(altered) -> None:
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=(80, 24)) as pilot:
        side_by_side = _view(app).virtual_size.height
        await pilot.press("space")
        assert _view(app).stacked
        assert _view(app).virtual_size.height != side_by_side
        await pilot.press("space")
        assert not _view(app).stacked


async def test_d_shows_details_of_the_group_under_the_cursor(altered) -> None:
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "d")
        panel = app.screen.query_one(DetailPanel)
        assert panel.display
        group = result.groups[_view(app).cursor_group]
        text = str(panel.query_one("#detail-text").render())
        assert f"similarity {group.score:.2f}" in text
        sentence = result.a_sentences[group.a[0]] if group.a else result.b_sentences[group.b[0]]
        assert f"{sentence.start}–{sentence.end}" in text
        await pilot.press("d")
        assert not panel.display


async def test_search_highlights_groups_and_n_steps_through_matches(altered) -> None:
    result, sources = altered
    word = "Lavrov"
    holding = sorted(
        n
        for n, g in enumerate(result.groups)
        if word.lower() in (result.group_text(g, "a") + result.group_text(g, "b")).lower()
    )
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert app.screen.query_one("#search", Input).has_focus
        await pilot.press(*"lavrov", "enter")
        view = _view(app)
        assert view.match_groups == holding
        assert view.cursor_group == holding[0]
        await pilot.press("n")
        assert view.cursor_group == holding[1]
        await pilot.press("N")
        assert view.cursor_group == holding[0]
        assert "lavrov" in app.screen.query_one(SummaryBar).status
        await pilot.press("escape")
        assert view.search_text == "" and view.match_groups == []


async def test_click_selects_the_row_under_the_pointer(altered) -> None:
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        view = _view(app)
        layout = view._layout
        assert layout is not None
        target = 3
        await pilot.click(DiffView, offset=(20, layout.starts[target] + 1))
        assert view.cursor_group == layout.visible[target]


async def test_e_exports_json_through_the_core(altered, tmp_path: Path) -> None:
    result, sources = altered
    out = tmp_path / "report.json"
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#path", Input).value = str(out)
        app.screen.query_one("#path", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert Comparison.from_dict(data).groups == result.groups


async def test_export_to_a_missing_folder_is_a_notification_not_a_crash(altered, tmp_path: Path) -> None:
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(tmp_path / "no" / "such" / "x.md")
        app.screen.query_one("#path", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Export failed" in m and "does not exist" in m for m in messages)
        assert app.is_running


async def test_question_mark_lists_every_binding(altered) -> None:
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {description for _, description in app.screen.rows}
        for binding in [*CompareScreen.BINDINGS, *DiffView.BINDINGS, *StorydiffApp.BINDINGS]:
            name = binding.description  # type: ignore[union-attr]
            assert any(d == name or d.startswith((f"{name}: ", f"{name} (")) for d in listed), name
        await pilot.press("escape")
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("q")
    assert not app.is_running


@dataclass(frozen=True)
class _Finding:
    kind: str
    group: int
    explanation: str


async def test_x_jumps_to_findings_and_the_details_list_them(altered) -> None:
    result, sources = altered
    findings = (_Finding("number", 4, "10 minutes became 20"), _Finding("quote", 2, "quote changed"))
    app = StorydiffApp(replace(result, findings=findings), sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        assert _view(app).cursor_group == 2
        await pilot.press("x")
        assert _view(app).cursor_group == 4
        await pilot.press("d")
        text = str(app.screen.query_one("#detail-text").render())
        assert "number" in text and "10 minutes became 20" in text


async def test_no_findings_means_x_does_nothing(altered) -> None:
    result, sources = altered
    app = StorydiffApp(replace(result, findings=()), sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        assert _view(app).cursor_group == 0
        assert not _screen(app).check_action("next_finding", ())


async def test_picker_compares_the_two_files_chosen(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The talks lasted ten minutes. Both sides spoke.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Both sides spoke. The talks lasted 20 minutes.", encoding="utf-8")
    app = StorydiffApp(None, start=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.screen.query_one(DirectoryTree)
        await pilot.pause(0.3)
        await pilot.press("down", "enter")  # a.txt
        await pilot.press("down", "enter")  # b.txt
        await app.workers.wait_for_complete()
        await pilot.pause()
        del tree
        screen = _screen(app)
        assert screen.result.a.name == "a.txt" and screen.result.b.name == "b.txt"
        assert screen.result.counts()["moved"] == 1


def test_tui_with_a_missing_file_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    (tmp_path / "b.txt").write_text("Some text.", encoding="utf-8")
    code = main(["tui", str(tmp_path / "missing.txt"), str(tmp_path / "b.txt")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "missing.txt" in err and "no such file" in err


def test_tui_with_an_empty_file_is_refused_before_the_app_starts(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Some text.", encoding="utf-8")
    assert main(["tui", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 2
    assert "empty" in capsys.readouterr().err


async def test_a_long_comparison_paints_first_and_marks_changed_facts_when_found() -> None:
    """Above FINDINGS_AT_ONCE sentences, facts are looked for in a worker after the first paint."""
    a = [f"Report number {n} says the river rose by {n % 7 + 2} metres near village {n}." for n in range(1100)]
    b = list(a)
    b[500] = b[500].replace("rose by 5 metres", "rose by 9 metres")
    result = compare(a, b)
    assert DiffView(result).findings == {}  # nothing waits for the facts before the first paint
    app = StorydiffApp(result)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(DiffView)
        assert view.findings_pending is True  # painted without them
        await pilot.pause(FACTS_DELAY + 0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.findings_pending is False
        changed = next(n for n, g in enumerate(view.result.groups) if 500 in g.a)
        assert [f.kind for f in view.findings[changed]] == ["number_changed"]


async def test_escape_sequences_in_articles_are_drawn_as_symbols(tmp_path: Path) -> None:
    a = 'The minister said "we will \x1b[2Jwin the vote\x1b]0;PWNED\x07 easily" on Monday. Turnout was 45 percent.'
    b = 'The minister said "we will \x1b[2Jlose the vote\x1b]0;PWNED\x9b2J easily" on Monday. Turnout was 54 percent.'
    result = compare(a, b)
    app = StorydiffApp(result)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")  # the details panel shows the word changes and findings too
        await pilot.pause()
        drawn = "".join(
            segment.text
            for widget in (_view(app), app.screen.query_one(DetailPanel))
            for y in range(widget.size.height)
            for segment in widget.render_line(y)
        )
    assert "\u241b[2J" in drawn and "PWNED" in drawn
    assert not any(ch in drawn for ch in "\x1b\x07\x9b")


async def test_export_file_name_follows_the_format_for_every_extension_of_it(altered, tmp_path: Path) -> None:
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        path = app.screen.query_one("#path", Input)
        assert path.value.endswith(".json")  # the first format offered
        path.value = str(tmp_path / "notes.markdown")  # the long Markdown extension, as some people name files
        await pilot.press("down")  # json → markdown
        assert path.value == str(tmp_path / "notes.md")
        await pilot.press("down")
        assert path.value == str(tmp_path / "notes.html")
        path.value = str(tmp_path / "notes.htm")
        await pilot.press("down")
        assert path.value == str(tmp_path / "notes.csv")
        path.value = str(tmp_path / "notes.v2")  # a name of the user's own: left alone
        await pilot.press("down")
        assert path.value == str(tmp_path / "notes.v2")


async def test_export_asks_before_replacing_an_existing_file(altered, tmp_path: Path) -> None:
    result, sources = altered
    mine = tmp_path / "notes[1].md"  # brackets: the name is shown as text, not read as markup
    mine.write_text("my own notes", encoding="utf-8")
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(mine)
        app.screen.query_one("#path", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # asked, not written
        warning = app.screen.query_one("#confirm", Label)
        assert warning.display and "notes[1].md exists: enter again to replace it" in str(warning.render())
        assert mine.read_text(encoding="utf-8") == "my own notes"
        await pilot.press("enter")  # confirmed
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert json.loads(mine.read_text(encoding="utf-8"))["schema"] == "storydiff/comparison/v2"


async def test_export_asks_again_for_another_existing_name_and_not_for_a_new_one(altered, tmp_path: Path) -> None:
    result, sources = altered
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text("first", encoding="utf-8")
    second.write_text("second", encoding="utf-8")
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        path = app.screen.query_one("#path", Input)
        path.value = str(first)
        path.focus()
        await pilot.press("enter")
        path.value = str(second)  # another existing file: its own question
        await pilot.pause()
        assert not app.screen.query_one("#confirm", Label).display
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen) and app.screen.query_one("#confirm", Label).display
        path.value = str(tmp_path / "new.json")  # a new file: written at once
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert first.read_text() == "first" and second.read_text() == "second"
    assert json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))["schema"] == "storydiff/comparison/v2"


async def _realign_once(result: Comparison, sources: tuple[object, object]) -> Comparison:
    app = StorydiffApp(result, sources=sources)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus")
        await app.workers.wait_for_complete()
        await pilot.pause()
        return _view(app).result


async def test_realigning_keeps_every_other_option(banksy) -> None:
    """+ changes the threshold and nothing else: part and gap thresholds stay as the user chose them."""
    from conftest import ONESTOP, pair

    result, sources = pair(
        ONESTOP / "adv" / "banksy.txt", ONESTOP / "ele" / "banksy.txt", part_threshold=0.8, gap_threshold=0.4
    )
    shown = await _realign_once(result, sources)
    threshold = round(result.options["threshold"] + 0.05, 2)
    assert shown.options == {**result.options, "threshold": threshold}
    expected = compare(*sources, threshold=threshold, part_threshold=0.8, gap_threshold=0.4)  # type: ignore[arg-type]
    assert [(g.a, g.b, g.kind) for g in shown.groups] == [(g.a, g.b, g.kind) for g in expected.groups]


async def test_realigning_a_semantic_comparison_stays_semantic() -> None:
    import pytest

    for module in ("wordllama", "tokenizers", "safetensors"):
        pytest.importorskip(module, reason="the semantic extra is not installed: pip install 'storydiff[semantic]'")
    a = ["The physician examined the youngster.", "Stocks fell sharply on Monday."]
    b = ["Markets dropped steeply at the start of the week.", "A doctor looked at the child."]
    result = compare(a, b, method="semantic")
    shown = await _realign_once(result, (a, b))
    assert shown.options["method"] == "semantic"
    assert shown.options["threshold"] == round(result.options["threshold"] + 0.05, 2)


async def test_at_80x24_the_footer_shows_help_and_quit(altered) -> None:
    from textual.widgets import Footer

    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # the footer is laid out after the first refresh; a loaded machine takes longer
            await pilot.pause()
            keys = {key.description: key.region for key in app.screen.query_one(Footer).query("FooterKey")}
            if any(region.width for region in keys.values()):
                break
        for label in ("Help", "Quit"):
            assert label in keys and keys[label].width > 0 and keys[label].right <= 80, (label, keys.get(label))


async def test_the_detail_panel_grows_with_the_terminal_and_shows_findings_first(altered) -> None:
    result, sources = altered
    for size, least in (((80, 24), 8), ((140, 70), 25)):
        app = StorydiffApp(result, sources=sources)
        async with app.run_test(size=size) as pilot:
            await pilot.press("x", "d")  # the first group with a changed fact, and its details
            await pilot.pause()
            panel = app.screen.query_one(DetailPanel)
            assert panel.region.height >= least, (size, panel.region)
            text = str(panel.query_one("#detail-text").render())
            assert "Findings (" in text
            assert "Word changes" not in text or text.index("Findings (") < text.index("Word changes")


async def test_the_help_lists_each_key_once(altered) -> None:
    """The screen binds ? and q as the app does: the help names each key once, with what it does there."""
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = [key for shown, _ in app.screen.rows for key in shown.split()]
        assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
        assert ("?", "Help") in app.screen.rows and ("q", "Quit") in app.screen.rows


async def test_the_detail_panel_names_findings_in_words(altered) -> None:
    """A finding reads `number changed: 10 became 20`, as in the text report, not the identifier `number_changed`."""
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("x", "x", "d")  # the second finding: A4 → B5, 10 became 20
        await pilot.pause()
        shown = str(app.screen.query_one("#detail-text").render())
        assert "! number changed: 10 became 20" in shown, shown
        assert "_" not in shown.split("Findings", 1)[1].split("Word changes", 1)[0]


async def test_bidi_overrides_and_markup_in_articles_are_drawn_not_obeyed(tmp_path: Path, monkeypatch) -> None:
    """A right-to-left override (the "Trojan Source" trick) would make a terminal show the words after it in
    another order, and drag the column separator along; `[bold]` must stay text, not style."""
    rlo, pdf, rli, pdi = "\u202e", "\u202c", "\u2067", "\u2069"
    monkeypatch.chdir(tmp_path)  # short relative names, shown whole in the header
    a = Path(f"wire{rlo}txt.[bold]")
    b = Path("paper.txt")
    a.write_text(f"The council cut the budget by {rlo}10%{pdf} this year. The [bold]mayor[/bold] resigned.\n")
    b.write_text(f"The council cut the budget by {rli}20%{pdi} this year. The [bold]mayor[/bold] resigned.\n")
    doc_a, doc_b = load_path(a), load_path(b)
    app = StorydiffApp(compare(doc_a, doc_b), sources=(doc_a, doc_b))
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.press("space", "d")  # side by side, though narrow: the separator must hold still
        await pilot.pause()
        lines = [
            "".join(segment.text for segment in widget.render_line(y))
            for widget in (app.screen.query_one(SummaryBar), _view(app), app.screen.query_one(DetailPanel))
            for y in range(widget.size.height)
        ]
    drawn = "\n".join(lines)
    assert not any(ch in drawn for ch in (rlo, pdf, rli, pdi))
    assert "\ufffd10%\ufffd" in drawn and "\ufffd20%\ufffd" in drawn and "[bold]mayor[/bold]" in drawn
    assert "wire\ufffdtxt.[bold]" in drawn  # the file name in the header too
    # The separator stays in one column on every row of the side-by-side diff.
    columns = {line.index("│") for line in lines if "│" in line}
    assert len(columns) == 1, columns


async def test_a_long_path_in_a_narrow_header_keeps_its_file_name(altered, tmp_path: Path) -> None:
    """At 60 columns a long path is cut at its start, so the names that tell A from B stay in sight."""
    from conftest import SAMPLES

    deep = tmp_path.joinpath(*["newsroom-archive"] * 6)
    deep.mkdir(parents=True)
    (deep / "seed-bbc.txt").write_bytes((SAMPLES / "seed-bbc.txt").read_bytes())
    (deep / "altered.txt").write_bytes((SAMPLES / "altered.txt").read_bytes())
    doc_a, doc_b = load_path(deep / "seed-bbc.txt"), load_path(deep / "altered.txt")
    app = StorydiffApp(compare(doc_a, doc_b), sources=(doc_a, doc_b))
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(SummaryBar)
        a_line, b_line = ("".join(s.text for s in bar.render_line(y)).rstrip() for y in (0, 1))
    assert a_line.lstrip().startswith("A …") and a_line.endswith("/seed-bbc.txt · 18 sentences, 386 words"), a_line
    assert b_line.lstrip().startswith("B …") and b_line.endswith("/altered.txt · 19 sentences, 398 words"), b_line


async def test_at_60_columns_the_header_still_shows_method_and_threshold(altered) -> None:
    """The method that aligned the comparison, and the threshold, are never cut off a narrow header."""
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(SummaryBar)
        lines = ["".join(s.text for s in bar.render_line(y)).strip() for y in range(bar.size.height)]
    assert "lexical · threshold 0.35" in lines, lines
    assert not any(line.endswith("…") for line in lines[2:]), lines


async def test_the_picker_aligns_with_the_method_it_was_given(tmp_path: Path) -> None:
    """`storydiff tui A --method semantic`: the pair chosen in the picker is aligned semantically, and says so."""
    import pytest

    for module in ("wordllama", "tokenizers", "safetensors"):
        pytest.importorskip(module, reason="the semantic extra is not installed: pip install 'storydiff[semantic]'")
    (tmp_path / "a.txt").write_text("The physician examined the youngster. Stocks fell on Monday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Markets dropped early in the week. A doctor saw the child.", encoding="utf-8")
    app = StorydiffApp(None, start=tmp_path, method="semantic")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("down", "enter", "down", "enter")  # a.txt, then b.txt
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _screen(app).result.options["method"] == "semantic"
        bar = app.screen.query_one(SummaryBar)
        header = "\n".join("".join(s.text for s in bar.render_line(y)) for y in range(bar.size.height))
    assert "semantic · threshold" in header


async def test_a_repeated_sentence_says_what_it_repeats_beside_it() -> None:
    """The photo caption that restates the lede has no partner of its own: its empty side says `(repeat of A1)`,
    so it does not read as new text."""
    from conftest import SAMPLES, pair

    result, sources = pair(SAMPLES / "seed-bbc.txt", SAMPLES / "captioned.txt")
    caption = next(n for n, g in enumerate(result.groups) if g.kind == "repeated")
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        view = _view(app)
        view.step_to([caption])
        await pilot.pause()
        lines = ["".join(s.text for s in view.render_line(y)) for y in range(view.size.height)]
    row = next(line for line in lines if "Photo:" in line)
    left, right = row.split("│", 1)
    assert "(repeat of A1)" in left and left.lstrip("▌ ").startswith("*"), row
    assert right.strip().startswith("Photo: US Secretary of State")


async def test_on_a_moved_group_the_status_says_where_it_went(reordered) -> None:
    """Rows follow A's order; for a moved group the header says which B sentence it is, without the details."""
    result, sources = reordered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        group = result.groups[_view(app).cursor_group]  # type: ignore[index]
        assert group.moved and group.a == (0,)
        bar = app.screen.query_one(SummaryBar)
        header = "\n".join("".join(s.text for s in bar.render_line(y)) for y in range(bar.size.height))
        assert f"↕ moved: A1 → B{group.b[0] + 1}" in header, header
        await pilot.press("k")  # the inserted headline: not moved, so no such note
        await pilot.pause()
        header = "\n".join("".join(s.text for s in bar.render_line(y)) for y in range(bar.size.height))
        assert "moved:" not in header


async def test_a_narrow_terminal_starts_stacked_and_space_still_chooses(altered) -> None:
    """At 60 columns each side of a side-by-side view would be 25 cells wide: the view starts stacked, A's
    sentence above B's, and space still switches to side by side (and back)."""
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        view = _view(app)
        bar = app.screen.query_one(SummaryBar)

        def screen_text() -> str:
            widgets = (bar, view)
            return "\n".join("".join(s.text for s in w.render_line(y)) for w in widgets for y in range(w.size.height))

        assert view.stacked and "stacked" in screen_text()
        assert "│" not in screen_text() and "B Blinken and Lavrov speak face to face" in screen_text()
        await pilot.press("space")
        await pilot.pause()
        assert not view.stacked and "side by side" in screen_text() and "│" in screen_text()
        await pilot.press("space")
        await pilot.pause()
        assert view.stacked
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not _view(app).stacked  # 120 columns: side by side


async def test_stepping_past_the_last_change_says_it_wrapped(altered) -> None:
    """n on the last change goes back to the first one, and says so: otherwise it reads as one more change."""
    result, sources = altered
    changed = [n for n, g in enumerate(result.groups) if g.changed]
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        assert _view(app).cursor_group == changed[-1]  # the last group is a changed one (85% became 80%)
        await pilot.press("n")
        await pilot.pause()
        assert _view(app).cursor_group == changed[0]
        assert any("back at the first change" in n.message for n in app._notifications)
        seen = {n.identity for n in app._notifications}
        await pilot.press("n")  # an ordinary step: no such note
        await pilot.pause()
        assert _view(app).cursor_group == changed[1]
        assert not [n.message for n in app._notifications if n.identity not in seen]
        await pilot.press("N", "N")  # backwards past the first
        await pilot.pause()
        assert _view(app).cursor_group == changed[-1]
        assert any("back at the last change" in n.message for n in app._notifications)


async def test_the_help_says_what_the_terse_keys_do(altered) -> None:
    """The footer says 'Layout' and 'Details'; the help says what they lay out and detail."""
    result, sources = altered
    app = StorydiffApp(result, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = dict(app.screen.rows)
    assert rows["space"] == "Layout: side by side, or stacked (A above B)"
    assert rows["d"].startswith("Details: the group under the cursor")
    assert rows["N"] == "Previous change (previous match while searching)"
    assert "aligns again" in rows["+ ="] and "aligns again" in rows["- _"]
