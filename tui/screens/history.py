"""The history screen: a story's successive versions, one step (v(k) → v(k+1)) at a time.

It is the comparison screen with a timeline strip above it: left and right (or
`[` and `]`) move one version back or forward, and every key of the comparison
screen (changes, facts, search, threshold, swap, layout, export) works within
the step on screen. The strip also lists the facts that changed over the whole
history, so a reader sees where a figure came from while reading one step.
Everything shown comes from a `compare.timeline.History`; nothing is aligned
here except when the threshold of the current step is changed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from compare import History
from compare.render import fact_line

from ..layout import flatten
from .compare import CompareScreen
from .help import HelpScreen, binding_rows

__all__ = ["HistoryScreen"]

_MAX_FACT_LINES = 4


class HistoryScreen(CompareScreen):
    """Step through the versions of a story: the comparison of each version with the next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,right_square_bracket", "step(1)", "Next version", key_display="→"),
        Binding("left,left_square_bracket", "step(-1)", "Previous version", key_display="←"),
        *CompareScreen.BINDINGS,
    ]

    DEFAULT_CSS = """
    HistoryScreen #timeline { height: auto; max-height: 7; padding: 0 1; background: $boost; }
    """

    def __init__(self, history: History, step: int = 0) -> None:
        self.history = history
        self.step = max(0, min(step, len(history.steps) - 1))
        result = history.steps[self.step]
        super().__init__(result, (result.a, result.b))

    def compose(self) -> ComposeResult:
        yield Static(self._timeline(), id="timeline")
        yield from super().compose()

    def _timeline(self) -> Text:
        h = self.history
        text = Text("history ")
        for k, _label in enumerate(h.labels):
            if k:
                text.append(" → " if k == self.step + 1 else " · ", style="bold" if k == self.step + 1 else "dim")
            in_step = k in (self.step, self.step + 1)
            text.append(f"v{k + 1}", style="bold reverse" if in_step else "")
        text.append(f"   step {self.step + 1} of {len(h.steps)}: ")
        text.append(flatten(f"{h.labels[self.step]} → {h.labels[self.step + 1]}"))
        text.append("   ←/→ versions", style="dim")
        s = h.summary()
        text.append(
            f"\nfirst → last: {s['added']} sentences added, {s['removed']} removed, {s['reworded']} reworded; "
            f"{len(h.facts)} fact{'s' if len(h.facts) != 1 else ''} changed over time"
        )
        # On a short terminal the diff needs the rows: the facts' lines give way first.
        room = min(_MAX_FACT_LINES, max(0, self.app.size.height - 30))
        for fact in h.facts[:room]:
            text.append(f"\n  {fact.family}: ", style="dim")
            text.append(flatten(fact_line(fact)))
        if room and len(h.facts) > room:
            more = len(h.facts) - room
            text.append(f"\n  … and {more} more (storydiff history lists them all)", style="dim")
        return text

    def _status(self) -> str:
        return f"v{self.step + 1} → v{self.step + 2} · " + super()._status()

    def action_step(self, direction: int) -> None:
        """Show the previous or next step of the history (the comparison of one version with the next)."""
        new = self.step + direction
        if not 0 <= new < len(self.history.steps):
            self.notify("This is the first version." if new < 0 else "This is the last version.")
            return
        self.step = new
        result = self.history.steps[new]
        self.sources = (result.a, result.b)
        self.swapped = False
        self.view.show(result)
        self.threshold = float(result.options.get("threshold", self.threshold))
        self._find_facts_if_pending()
        self.query_one("#timeline", Static).update(self._timeline())
        self._update_header()
        self.refresh_bindings()

    def action_help(self) -> None:
        """List every binding, the version keys first."""
        from ..widgets import DiffView

        rows = binding_rows([*self.BINDINGS, *DiffView.BINDINGS, *self.app.BINDINGS])
        self.app.push_screen(HelpScreen(rows))
