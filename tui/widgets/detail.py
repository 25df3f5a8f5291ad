"""The detail panel: everything known about the group under the cursor."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from compare import Comparison, Finding
from compare.render import LINK_SYMBOL, kind_label, label, link_notes, repeat_note, symbol

from ..layout import flatten

__all__ = ["DetailPanel", "describe_group"]

_OP_STYLE = {"delete": "strike", "insert": "underline", "replace": "bold"}


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(flatten(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_group(result: Comparison, index: int | None, findings: Sequence[Finding] = ()) -> Text:
    """A plain description of group `index`: kind, similarity, sentences with offsets, findings, word edits."""
    text = Text()
    if index is None or not 0 <= index < len(result.groups):
        text.append("No group selected.")
        return text
    group = result.groups[index]
    text.append(f"{symbol(group)} {label(group)}", style="bold")
    similarity = f"   similarity {group.score:.2f}" if group.a and group.b else ""  # one-sided: nothing to compare
    text.append(f"{similarity}   group {index + 1} of {len(result.groups)}\n")
    note = repeat_note(result, group)
    if note:
        text.append(f"{note[0].upper()}{note[1:]}: said again, not new.\n", style="bold")
    for side, indices, sentences in (("A", group.a, result.a_sentences), ("B", group.b, result.b_sentences)):
        text.append(f"{side} ", style="bold")
        if not indices:
            text.append("no sentence\n")
            continue
        text.append(
            ", ".join(f"sentence {i + 1} (characters {sentences[i].start}–{sentences[i].end})" for i in indices) + "\n"
        )
    # Findings before the word changes: they matter most, and a long list of edits must not push them
    # out of sight.
    if findings:
        text.append(f"Findings ({len(findings)}):\n", style="bold")
        for finding in findings:
            kind = flatten(kind_label(finding.kind))  # in words, as the reports say it: number changed
            explanation = flatten(finding.explanation)
            text.append(f"  ! {kind}", style="bold")
            text.append(f": {explanation}\n" if explanation else "\n")
    edits = [op for op in group.diff if op.op != "equal"]
    notes = link_notes(result, group)
    if notes:
        text.append(f"Also linked ({len(notes)}):\n", style="bold")
        for line in notes:
            text.append(f"  {LINK_SYMBOL} {line}\n")
    if group.kind in ("inserted", "deleted", "repeated"):
        pass
    elif edits:
        text.append(f"Word changes ({len(edits)}):\n", style="bold")
        for op in edits:
            before = _excerpt(result.a.text[op.a_start : op.a_end])
            after = _excerpt(result.b.text[op.b_start : op.b_end])
            text.append(f"  {op.op:<8} ")
            if op.op == "insert":
                text.append(after, style=_OP_STYLE["insert"])
            elif op.op == "delete":
                text.append(before, style=_OP_STYLE["delete"])
            else:
                text.append(before, style="strike")
                text.append(" → ")
                text.append(after, style="bold")
            text.append(f"   (A {op.a_start}–{op.a_end}, B {op.b_start}–{op.b_end})\n")
    else:
        text.append("No word changes.\n")
    text.rstrip()
    return text


class DetailPanel(VerticalScroll):
    """A scrollable panel under the diff, shown with `d`."""

    DEFAULT_CSS = """
    DetailPanel {
        dock: bottom;
        height: 40%;
        min-height: 8;
        border-top: solid $primary;
        padding: 0 1;
        background: $surface;
        display: none;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="detail-text")

    def show(self, result: Comparison, index: int | None, findings: Sequence[Finding] = ()) -> None:
        """Describe group `index` of `result`."""
        self.query_one("#detail-text", Static).update(describe_group(result, index, findings))
