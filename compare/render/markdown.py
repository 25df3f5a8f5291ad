"""Markdown output: the summary, then a table of changed groups with word changes marked.

Article text is untrusted: Markdown and HTML special characters are escaped so
a sentence cannot turn into a link, an image or markup in a viewer.
"""

from __future__ import annotations

import re
from typing import Any

from ..highlight import pieces
from ..model import Comparison, Group
from .symbols import KIND_SYMBOL, MOVED_SYMBOL, label, symbol

__all__ = ["escape", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]|<>~&])")


def escape(text: str) -> str:
    """Text that renders as itself in Markdown (and as text, never HTML)."""
    text = text.replace("\n", " ").replace("\r", " ")
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};" if m.group(1) in "<>&|" else "\\" + m.group(1), text)


def _side(result: Comparison, group: Group, side: str) -> str:
    out = []
    for sentence in pieces(result, group, side):  # type: ignore[arg-type]
        parts = []
        for chunk, tag in sentence:
            if tag == "delete" or (tag == "replace" and side == "a"):
                parts.append(f"~~{escape(chunk)}~~")
            elif tag in ("insert", "replace"):
                parts.append(f"**{escape(chunk)}**")
            else:
                parts.append(escape(chunk))
        out.append("".join(parts))
    return " ".join(out)


def render_markdown(result: Comparison, *, changes_only: bool = True, **_: Any) -> str:
    """A Markdown report: summary scores, then the changed groups (or all with `changes_only=False`)."""
    s = result.scores
    counts = s["counts"]
    lines = [
        f"# storydiff: {escape(result.a.label)} → {escape(result.b.label)}",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| overlap A→B | {s['overlap_a_in_b']:.1%} |",
        f"| overlap B→A | {s['overlap_b_in_a']:.1%} |",
        f"| jaccard | {s['jaccard']:.3f} |",
        f"| 5-word shingles A in B | {s['shingle_containment_a_in_b']:.1%} |",
        f"| 5-word shingles B in A | {s['shingle_containment_b_in_a']:.1%} |",
        "| groups | "
        + ", ".join(f"{KIND_SYMBOL[k]} {k} {counts[k]}" for k in KIND_SYMBOL)
        + f", {MOVED_SYMBOL} moved {counts['moved']} |",
        "",
    ]
    shown = [g for g in result.groups if g.changed or not changes_only]
    lines += [f"## {'Changed groups' if changes_only else 'All groups'} ({len(shown)} of {len(result.groups)})", ""]
    if shown:
        lines += ["| | kind | A | B | similarity |", "| --- | --- | --- | --- | --- |"]
        for group in shown:
            lines.append(
                f"| `{symbol(group).strip()}` | {label(group)} | {_side(result, group, 'a')} | "
                f"{_side(result, group, 'b')} | {group.score:.2f} |"
            )
    else:
        lines.append("No changes: every sentence is identical and in place.")
    return "\n".join(lines) + "\n"
