"""The main screen: header, the diff, the detail panel, the search box and the footer.

It owns the comparison being shown and the two sources it came from, so it can
re-align (in an exclusive worker thread) when the threshold changes; swapping
uses `Comparison.swapped()` and never aligns again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from compare import AlignOptions, Comparison, Group, Source, StorydiffError, compare
from compare.render import MOVED_SYMBOL, group_ref

from ..messages import CursorMoved
from ..widgets import DetailPanel, DiffView, SummaryBar
from .export import ExportScreen
from .help import HelpScreen, binding_rows

__all__ = ["THRESHOLD_STEP", "CompareScreen", "realign_options"]

THRESHOLD_STEP = 0.05
_THRESHOLD = Binding.Group("threshold", compact=True)


def realign_options(result: Comparison, threshold: float) -> dict[str, Any]:
    """The options `result` was compared with, at a new `threshold`: re-aligning keeps the method
    (a semantic comparison stays semantic) and every other threshold."""
    kept = ("part_threshold", "gap_threshold", "method")
    return {**{key: result.options[key] for key in kept if key in result.options}, "threshold": threshold}


def _same_sentences(old: Group | None, swapped: bool = False) -> Callable[[Comparison], int | None]:
    """A function finding, in a new result, the group holding the first sentence `old` held."""

    def keep(result: Comparison) -> int | None:
        if old is None:
            return None
        a, b = (old.b, old.a) if swapped else (old.a, old.b)
        for n, group in enumerate(result.groups):
            if (a and a[0] in group.a) or (not a and b and b[0] in group.b):
                return n
        return None

    return keep


FACTS_DELAY = 1.0  # seconds after mounting before a long comparison's changed facts are looked for


class CompareScreen(Screen[None]):
    """Two versions of a story, aligned, with keys to move, filter, search, re-align, swap and export."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Help and Quit first, so the footer shows them however narrow the terminal (it cuts from the right).
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
        Binding(
            "n",
            "next_change",
            "Next change",
            tooltip="the next group that is not identical (next match while searching)",
        ),
        Binding(
            "N",
            "previous_change",
            "Previous change",
            key_display="N",
            show=False,
            tooltip="(previous match while searching)",
        ),
        Binding("m", "next_moved", "Next moved", show=False, tooltip="the next group out of order (↕)"),
        Binding(
            "x", "next_finding", "Next finding", tooltip="the next changed fact (!): quote, figure, name, date, hedge"
        ),
        Binding("f", "toggle_changes_only", "Changes only", tooltip="hide the identical sentences, or show them again"),
        Binding(
            "slash", "search", "Search", key_display="/", tooltip="both versions; n and N step through the matches"
        ),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding(
            "plus,equals_sign",
            "threshold(1)",
            "Raise threshold",
            key_display="+",
            group=_THRESHOLD,
            tooltip="sentences must be more alike to be matched (aligns again)",
        ),
        Binding(
            "minus,underscore",
            "threshold(-1)",
            "Lower threshold",
            key_display="-",
            group=_THRESHOLD,
            tooltip="looser rewordings are matched too (aligns again)",
        ),
        Binding("s", "swap", "Swap A/B", tooltip="B on the left, A on the right"),
        Binding(
            "space", "toggle_layout", "Layout", key_display="space", tooltip="side by side, or stacked (A above B)"
        ),
        Binding(
            "d", "toggle_detail", "Details", tooltip="the group under the cursor, with its findings and word changes"
        ),
        Binding("e", "export", "Export", tooltip="save as JSON, Markdown, HTML, CSV or text"),
    ]
    """n/N step through matches instead of changes while a search is active."""

    DEFAULT_CSS = """
    CompareScreen #search { dock: bottom; display: none; }
    """

    def __init__(self, result: Comparison, sources: tuple[Source, Source] | None = None) -> None:
        super().__init__()
        self.sources: tuple[Source, Source] = sources or (result.a, result.b)
        self.initial = result
        self.threshold = float(result.options.get("threshold", AlignOptions.threshold))
        self.swapped = False
        self.realigning = False

    def compose(self) -> ComposeResult:
        yield SummaryBar(self.initial, id="summary")
        yield DiffView(self.initial, id="diff")
        yield DetailPanel(id="detail")
        yield Input(placeholder="search both sides (enter to find, esc to cancel)", id="search")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.view.focus()
        self._update_header()
        # The fact search runs in a thread but holds the interpreter while it works, so it waits until the
        # first screens have settled: measured on two 10,000-sentence documents, starting it at once
        # delayed the first paint from 0.4 s to 1.4 s; a second later costs the first paint nothing.
        self.set_timer(FACTS_DELAY, self._find_facts_if_pending)

    def _find_facts_if_pending(self) -> None:
        if self.view.findings_pending:
            self.find_facts(self.view.result)

    @work(thread=True, exclusive=True, group="facts")
    def find_facts(self, result: Comparison) -> None:
        """Look for changed facts off the UI thread; the gutter marks appear when they are found."""
        worker = get_current_worker()
        result.findings  # noqa: B018 - computed and kept on first use
        if not worker.is_cancelled:
            self.app.call_from_thread(self._facts_found, result)

    def _facts_found(self, result: Comparison) -> None:
        self.view.show_findings(result)
        self._update_header()
        self.refresh_bindings()

    # -- parts -------------------------------------------------------------------------
    @property
    def view(self) -> DiffView:
        """The diff."""
        return self.query_one(DiffView)

    @property
    def result(self) -> Comparison:
        """The comparison on screen."""
        return self.view.result

    def _status(self) -> str:
        view = self.view
        parts = ["stacked" if view.stacked else "side by side"]
        if view.changes_only:
            shown = len(view.visible_groups())
            parts.append(f"changes only ({shown} of {len(self.result.groups)} groups)")
        if self.swapped:
            parts.append("swapped")
        cursor = view.cursor_group
        if cursor is not None and cursor < len(self.result.groups) and self.result.groups[cursor].moved:
            # Rows follow A's order, so a moved group's B sentences are out of place: say where they are.
            parts.append(f"{MOVED_SYMBOL} moved: {group_ref(self.result.groups[cursor])} (m: next moved)")
        if view.search_text:
            parts.append(f"search “{view.search_text}”: {len(view.match_groups)} groups · n/N step · esc clears")
        if view.findings:
            count = sum(len(f) for f in view.findings.values())
            parts.append(f"{count} finding{'s' if count != 1 else ''} (x)")
        return " · ".join(parts)

    def _update_header(self) -> None:
        self.query_one(SummaryBar).show(self.result, self.threshold, self._status())

    @on(CursorMoved)
    def _cursor_moved(self, message: CursorMoved) -> None:
        detail = self.query_one(DetailPanel)
        if detail.display:
            detail.show(self.result, message.group, self.view.findings.get(message.group or 0, ()))
        self._update_header()  # the status names where a moved group went

    # -- moving ------------------------------------------------------------------------
    def action_next_change(self) -> None:
        """Next changed group (or next search match while searching)."""
        self._step(backwards=False)

    def action_previous_change(self) -> None:
        """Previous changed group (or previous search match while searching)."""
        self._step(backwards=True)

    def _step(self, *, backwards: bool) -> None:
        view = self.view
        if view.search_text:
            if not self._step_to(view.match_groups, "match", backwards=backwards):
                self.notify(f"No match for “{view.search_text}”.", severity="warning")
            return
        changed = [n for n, g in enumerate(self.result.groups) if g.changed]
        if not self._step_to(changed, "change", backwards=backwards):
            self.notify("No changes: the two versions are identical.")

    def _step_to(self, candidates: list[int], what: str, *, backwards: bool = False) -> bool:
        """Step the view to the next (previous) of `candidates`; say so when it wraps around the end, as a
        reader pressing n on the last change would otherwise see the first one and think it new."""
        view = self.view
        before = view.cursor_group
        if not view.step_to(candidates, backwards=backwards):
            return False
        after = view.cursor_group
        if before is not None and after is not None and (after < before if not backwards else after > before):
            where = "last" if backwards else "first"
            self.notify(f"Passed the {'start' if backwards else 'end'}: back at the {where} {what}.")
        return True

    def action_next_moved(self) -> None:
        """Next group that moved."""
        moved = [n for n, g in enumerate(self.result.groups) if g.moved]
        if not self._step_to(moved, "moved group"):
            self.notify("No sentence moved.")

    def action_next_finding(self) -> None:
        """Next group with a finding (fact drift)."""
        if not self._step_to(sorted(self.view.findings), "finding"):
            self.notify("No findings in this comparison.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show `x` only when there are findings to jump to."""
        if action == "next_finding":
            return bool(self.is_mounted and self.query(DiffView) and self.view.findings)
        return True

    # -- what is shown -------------------------------------------------------------------
    def action_toggle_changes_only(self) -> None:
        """Hide (or show again) identical groups that did not move."""
        self.view.changes_only = not self.view.changes_only
        self._update_header()

    def action_toggle_layout(self) -> None:
        """Side by side, or stacked (A's sentences above B's) for narrow terminals."""
        self.view.stacked = not self.view.stacked
        self._update_header()

    def action_toggle_detail(self) -> None:
        """Show or hide the detail panel."""
        detail = self.query_one(DetailPanel)
        detail.display = not detail.display
        if detail.display:
            group = self.view.cursor_group
            detail.show(self.result, group, self.view.findings.get(group if group is not None else -1, ()))
        self.call_after_refresh(self.view.scroll_to_cursor)

    # -- search ------------------------------------------------------------------------------
    def action_search(self) -> None:
        """Open the search box."""
        box = self.query_one("#search", Input)
        box.display = True
        box.value = self.view.search_text
        box.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        box = self.query_one("#search", Input)
        box.display = False
        self.view.focus()
        text = event.value.strip()
        matches = self.view.search(text)
        if text and not matches:
            self.notify(f"No match for “{text}”.", severity="warning")
        elif text and not self.view.step_to(matches, here=True):
            self.notify("The matches are in unchanged groups: press f to show them.")
        self._update_header()

    def action_clear_search(self) -> None:
        """Close the search box, or forget the search."""
        box = self.query_one("#search", Input)
        if box.display:
            box.display = False
            self.view.focus()
            return
        if self.view.search_text:
            self.view.search("")
            self._update_header()

    # -- threshold ----------------------------------------------------------------------------
    def action_threshold(self, direction: int) -> None:
        """Raise or lower the similarity threshold by one step and re-align in the background."""
        new = round(min(1.0, max(THRESHOLD_STEP, self.threshold + direction * THRESHOLD_STEP)), 2)
        if new == self.threshold:
            self.notify(f"The threshold is already {new:.2f}.")
            return
        self.threshold = new
        self.realigning = True
        self.query_one(SummaryBar).start_busy(f"re-aligning at threshold {new:.2f}…")
        self._update_header()
        self.realign(new, self.swapped)

    @work(thread=True, exclusive=True, group="realign")
    def realign(self, threshold: float, swapped: bool) -> None:
        """Compare the sources again at `threshold` (a newer request cancels this one)."""
        worker = get_current_worker()
        try:
            result = compare(*self.sources, **realign_options(self.result, threshold))
        except StorydiffError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._realign_failed, str(exc))
            return
        if swapped:
            result = result.swapped()
        if not worker.is_cancelled:
            result.findings  # noqa: B018 - found here, off the UI thread
            self.app.call_from_thread(self._realigned, result, threshold, swapped)

    def _realigned(self, result: Comparison, threshold: float, swapped: bool) -> None:
        if threshold != self.threshold:
            return  # a newer request is on its way
        if swapped != self.swapped:
            result = result.swapped()
        old = self.result.groups[self.view.cursor_group] if self.view.cursor_group is not None else None
        self.view.show(result, keep=_same_sentences(old))
        self._find_facts_if_pending()
        self.realigning = False
        self.query_one(SummaryBar).stop_busy()
        self._update_header()
        self.refresh_bindings()
        self.notify(f"Re-aligned at threshold {threshold:.2f}: {len(result.groups)} groups.")

    def _realign_failed(self, message: str) -> None:
        self.realigning = False
        self.query_one(SummaryBar).stop_busy()
        self.notify(message, severity="error")

    # -- swap ----------------------------------------------------------------------------------
    def action_swap(self) -> None:
        """Put B on the left and A on the right (no re-alignment)."""
        old = self.result.groups[self.view.cursor_group] if self.view.cursor_group is not None else None
        self.swapped = not self.swapped
        self.view.show(self.result.swapped(), keep=_same_sentences(old, swapped=True))
        self._find_facts_if_pending()
        self._update_header()
        self.refresh_bindings()

    # -- export --------------------------------------------------------------------------------
    def action_export(self) -> None:
        """Ask for a format and a file, then write the comparison there."""
        stem = "storydiff-" + "-vs-".join(_slug(doc.label) for doc in (self.result.a, self.result.b))
        self.app.push_screen(ExportScreen(Path.cwd(), stem), self._export_chosen)

    def _export_chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is not None:
            self.export(*choice)

    @work(thread=True, group="export")
    def export(self, fmt: str, path: str) -> None:
        """Render through the core and write atomically; report where, or why not."""
        from compare.render import render, write_atomic

        try:
            written = write_atomic(path, render(self.result, fmt))
        except (StorydiffError, ImportError, OSError) as exc:
            self.app.call_from_thread(self.notify, f"Export failed: {exc}", severity="error")
            return
        self.app.call_from_thread(self.notify, f"Saved {fmt} to {written}", title="Exported")

    # -- help --------------------------------------------------------------------------------------
    def action_help(self) -> None:
        """List every binding."""
        rows = binding_rows([*DiffView.BINDINGS, *self.BINDINGS, *self.app.BINDINGS])
        self.app.push_screen(HelpScreen(rows))


def _slug(label: str) -> str:
    stem = Path(label).stem if "/" not in label else Path(label).name
    return re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()[:40] or "article"
