"""Terminal output: the summary scores, then every changed group with its word changes.

In colour, deleted words are red and struck through, inserted words green and
underlined, replaced words yellow and bold. Without colour (a pipe, a file,
`NO_COLOR`), the same changes read as `[-deleted-]` and `{+inserted+}`, the
convention of `git diff --word-diff`. Each group starts with its kind's symbol.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterable, Iterator
from typing import Literal

from rich.console import Console, RenderableType
from rich.console import Group as RichGroup
from rich.table import Table
from rich.text import Text

from ..model import Comparison, Group
from .display import display_text
from .facts_text import findings_renderable
from .highlight import Piece, pieces
from .summary import method_line
from .symbols import (
    KIND_COLOUR,
    KIND_SYMBOL,
    MOVED_SYMBOL,
    WORD_STYLE,
    group_ref,
    label,
    link_notes,
    marked,
    repeat_note,
    symbol,
)

__all__ = ["render_text", "rich_renderables", "summary_table", "to_string"]


def _side_text(result: Comparison, group: Group, side: Literal["a", "b"], colour: bool) -> Text:
    text = Text()
    for n, sentence in enumerate(pieces(result, group, side)):
        if n:
            text.append(" ")
        _append(text, sentence, colour)
    return text


def _append(text: Text, parts: list[Piece], colour: bool) -> None:
    for raw, tag in parts:
        chunk = display_text(raw)
        if tag is None:
            text.append(chunk)
        elif colour:
            text.append(chunk, style=WORD_STYLE[tag])
        else:
            text.append(marked(chunk, tag))


def summary_table(result: Comparison) -> Table:
    """The overlap scores and counts as a two-column table."""
    s = result.scores
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("A", f"{display_text(result.a.label)}  ({s['words_a']} words, {len(result.a_sentences)} sentences)")
    table.add_row("B", f"{display_text(result.b.label)}  ({s['words_b']} words, {len(result.b_sentences)} sentences)")
    table.add_row("method", method_line(result.options))
    table.add_row("overlap A→B", f"{s['overlap_a_in_b']:.1%} of A's words are unchanged in B")
    table.add_row("overlap B→A", f"{s['overlap_b_in_a']:.1%} of B's words are unchanged from A")
    table.add_row("jaccard", f"{s['jaccard']:.3f} (shared distinct words)")
    table.add_row(
        "5-word shingles",
        f"{s['shingle_containment_a_in_b']:.1%} of A's in B, {s['shingle_containment_b_in_a']:.1%} of B's in A",
    )
    counts = s["counts"]
    table.add_row(
        "groups",
        ", ".join(f"{KIND_SYMBOL[k]} {k} {counts[k]}" for k in KIND_SYMBOL)
        + f", {MOVED_SYMBOL} moved {counts['moved']}",
    )
    return table


def rich_renderables(result: Comparison, *, colour: bool = True, changes_only: bool = True) -> Iterator[RenderableType]:
    """What the text report is made of, for rich to print (also `Comparison.__rich_console__`)."""
    yield Text("storydiff", style="bold")
    yield summary_table(result)
    if result.findings:
        yield findings_renderable(result, colour=colour)
    shown = [g for g in result.groups if g.changed or not changes_only]
    yield Text("")
    if not shown:
        yield Text("No changes: every sentence is identical and in place.")
        return
    yield Text(f"Changed groups ({len(shown)} of {len(result.groups)}):", style="bold")
    for group in shown:
        yield _group_renderable(result, group, colour)


def _group_renderable(result: Comparison, group: Group, colour: bool) -> RenderableType:
    head = Text()
    head.append(symbol(group), style=KIND_COLOUR[group.kind] + " bold" if colour else "")
    head.append(f" {label(group)}  {group_ref(group)}")
    if group.a and group.b:
        head.append(f"  similarity {group.score:.2f}")
    note = repeat_note(result, group)
    if note:
        head.append(f"  {note}", style=KIND_COLOUR[group.kind] if colour else "")
    lines: list[RenderableType] = [head]
    if group.a:
        line = Text("  A: ", style="dim" if colour else "")
        line.append_text(_side_text(result, group, "a", colour))
        lines.append(line)
    if group.b:
        line = Text("  B: ", style="dim" if colour else "")
        line.append_text(_side_text(result, group, "b", colour))
        lines.append(line)
    notes = link_notes(result, group)
    if notes:
        lines.append(Text("  also linked: " + "; ".join(notes), style="dim" if colour else ""))
    return RichGroup(*lines)


def render_text(
    result: Comparison,
    *,
    colour: bool = False,
    width: int | None = None,
    changes_only: bool = True,
    facts_only: bool = False,
) -> str:
    """The text report as a string; `colour=True` embeds ANSI styles for a terminal.

    `facts_only=True` gives the "Changed facts" section alone (`storydiff compare --facts-only`).
    """
    if facts_only:
        return to_string([findings_renderable(result, colour=colour)], colour=colour, width=width)
    return to_string(rich_renderables(result, colour=colour, changes_only=changes_only), colour=colour, width=width)


def to_string(renderables: Iterable[RenderableType], *, colour: bool = False, width: int | None = None) -> str:
    """What rich prints for `renderables`, as a string.

    Lines wrap at `width` (default: the terminal's width in colour, else 100) and carry no trailing spaces.
    """
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns if colour else 100
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if colour else None,
        force_terminal=colour,
        no_color=not colour,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for renderable in renderables:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
