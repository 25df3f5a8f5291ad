"""The "Changed facts" section of the text report: one line per fact-drift finding.

Each line names the kind ("number changed"), where it is (A's and B's sentence
numbers, 1-based as in the rest of the report) and the explanation; an altered
quote adds its word diff on the next line — in colour as the report's word
changes are, without colour as `[-old-]{+new+}`. The same section alone is
`render(result, "text", facts_only=True)`; the other formats' facts-only
output is written by their own renderers (`compare.render.csv`, `.markdown`,
`.json`).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Comparison
from .display import display_text
from .symbols import WORD_STYLE, group_ref, kind_label, marked

__all__ = ["findings_renderable"]


def findings_renderable(result: Comparison, colour: bool = True) -> RenderableType:
    """The findings of `result` as a titled table (an empty note when there are none)."""
    findings = result.findings
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold magenta" if colour else "", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()
    for finding in findings:
        where = group_ref(result.groups[finding.group])
        explanation = Text(display_text(finding.explanation))
        if finding.quote_diff:
            explanation.append("\n")
            explanation.append_text(_quote_diff(result, finding, colour))
        elif finding.kind.startswith("quote") or finding.kind == "attribution_changed":
            quoted = display_text(finding.a_text or finding.b_text)
            explanation.append(f"\n“{quoted}”", style="italic" if colour else "")
        table.add_row(kind_label(finding.kind), where, explanation)
    title = Text(f"Changed facts ({len(findings)}):", style="bold" if colour else "")
    out = Table.grid()
    out.add_row(Text(""))
    out.add_row(title)
    out.add_row(table if findings else Text("  none found"))
    return out


def _quote_diff(result: Comparison, finding: object, colour: bool) -> Text:
    text = Text()
    for n, op in enumerate(finding.quote_diff):  # type: ignore[attr-defined]
        old = display_text(result.a.text[op.a_start : op.a_end])
        new = display_text(result.b.text[op.b_start : op.b_end])
        if n:
            text.append(" ")
        if op.op == "equal":
            text.append(old)
        elif colour:
            if op.op in ("delete", "replace"):
                text.append(old, style=WORD_STYLE["delete"])
            if op.op == "replace":
                text.append(" ")
            if op.op in ("insert", "replace"):
                text.append(new, style=WORD_STYLE["insert"])
        else:
            if op.op in ("delete", "replace"):
                text.append(marked(old, "delete"))
            if op.op in ("insert", "replace"):
                text.append(marked(new, "insert"))
    return text
