"""The header: both versions' names, the overlap scores, the counts per kind and what the view is doing."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget

from compare import Comparison, Document
from compare.render import KIND_SYMBOL, MOVED_SYMBOL, method_of

from ..layout import flatten

__all__ = ["SPINNER", "SummaryBar"]

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


def _describe(doc: Document, sentences: int, words: int, width: int) -> str:
    """`name · N sentences, W words` in `width` cells. A path too long for them loses its start, not its end:
    the file's name is what tells the two versions apart (`…/wire/blinken.txt`, not `/home/me/stories/…`)."""
    counts = f" · {sentences} sentences, {words} words"
    name = flatten(doc.title or doc.source or doc.name or "untitled")
    if doc.title and doc.source:
        return f"{name} ({flatten(doc.source)}){counts}"  # a headline reads from its start
    room = width - cell_len(counts)
    if cell_len(name) > room >= 12:
        name = "…" + name[-(room - 1) :]
        while cell_len(name) > room:  # wide characters: drop more until it fits
            name = "…" + name[2:]
    return name + counts


def _counts(counts: dict[str, int], *, words: bool, zeros: bool = True) -> str:
    """The group counts: `= 13 identical · ~ 5 modified` (zeros left out), or `=13 ~5 <0` when short of room,
    or `=13 ~5` (zeros left out) when shorter still."""
    if not words:
        items = [*((symbol, counts[kind]) for kind, symbol in KIND_SYMBOL.items()), (MOVED_SYMBOL, counts["moved"])]
        return " ".join(f"{symbol}{n}" for symbol, n in items if n or zeros)
    parts = [f"{symbol} {counts[kind]} {kind}" for kind, symbol in KIND_SYMBOL.items() if counts[kind]]
    if counts["moved"]:
        parts.append(f"{MOVED_SYMBOL} {counts['moved']} moved")
    return " · ".join(parts)


class SummaryBar(Widget):
    """Three or four lines at the top: A, B, scores, counts and the alignment method (on a line of its own when
    the terminal is too narrow for one), and a status line when there is news."""

    DEFAULT_CSS = """
    SummaryBar {
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, result: Comparison, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result = result
        self.threshold = float(result.options.get("threshold", 0.0))
        self.status = ""
        self.busy = ""
        self._frame = 0
        self._timer: Timer | None = None

    def show(self, result: Comparison, threshold: float, status: str) -> None:
        """Describe another result, threshold or status (nothing to do when all three are the same: the screen
        calls this on every cursor move, and a layout pass each time slowed scrolling a long article)."""
        if result is self.result and threshold == self.threshold and status == self.status:
            return
        self.result, self.threshold, self.status = result, threshold, status
        self.refresh(layout=True)

    def start_busy(self, message: str) -> None:
        """Show a spinner with `message` until `stop_busy`."""
        self.busy = message
        if self._timer is None:
            self._timer = self.set_interval(0.1, self._spin)
        self.refresh(layout=True)

    def stop_busy(self) -> None:
        """Hide the spinner."""
        self.busy = ""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.refresh(layout=True)

    def _spin(self) -> None:
        self._frame = (self._frame + 1) % len(SPINNER)
        self.refresh()

    def render(self) -> Text:
        """The header's lines, built from the result (article text is never parsed as markup)."""
        result = self.result
        scores = result.scores
        width = max(1, self.size.width)
        a = _describe(result.a, len(result.a_sentences), int(scores.get("words_a", 0)), width - 2)
        b = _describe(result.b, len(result.b_sentences), int(scores.get("words_b", 0)), width - 2)
        a_in_b, b_in_a = float(scores.get("overlap_a_in_b", 0)), float(scores.get("overlap_b_in_a", 0))
        overlap = f"overlap A→B {a_in_b:.1%}  B→A {b_in_a:.1%}"
        threshold = f"{method_of(result.options)} · threshold {self.threshold:.2f}"
        counts = result.counts()
        for form in ({"words": True}, {"words": False}, {"words": False, "zeros": False}):
            stats = [f"{overlap} · {_counts(counts, **form)} · {threshold}"]  # the method stays in every form
            if cell_len(stats[0]) <= width:
                break
        else:  # a narrow terminal: the method and threshold on a line of their own rather than cut off
            stats = [f"{overlap} · {_counts(counts, words=False, zeros=False)}", threshold]
        lines = [Text.assemble(("A ", "bold"), a), Text.assemble(("B ", "bold"), b), *map(Text, stats)]
        if self.busy or self.status:
            status = Text()
            if self.busy:
                status.append(f"{SPINNER[self._frame]} {self.busy}", style="bold")
                if self.status:
                    status.append("  ·  ")
            status.append(self.status)
            lines.append(status)
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        text = Text("\n").join(lines)
        text.no_wrap = True
        return text
