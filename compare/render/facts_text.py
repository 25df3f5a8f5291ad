"""The "Changed facts" section of the text report: one line per fact-drift finding.

Each line names the kind ("number changed"), where it is (A's and B's sentence
numbers, 1-based as in the rest of the report) and the explanation; an altered
quote adds its word diff on the next line — in colour as the report's word
changes are, without colour as `[-old-]{+new+}`.
"""

from __future__ import annotations

import csv
import io
import json

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Comparison
from .display import display_text
from .symbols import WORD_STYLE, group_ref, marked

__all__ = ["FINDING_COLUMNS", "findings_renderable", "kind_label", "render_findings"]

FINDING_COLUMNS = [
    "group", "kind", "a_text", "a_start", "a_end", "b_text", "b_start", "b_end",
    "explanation", "a_value", "b_value", "diff_text",
]  # fmt: skip


def kind_label(kind: str) -> str:
    """A finding kind in words: `quote_altered` → `quote altered`."""
    return kind.replace("_", " ")


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


def render_findings(result: Comparison, fmt: str, *, colour: bool = False, width: int = 100) -> str:
    """Only the findings, in `fmt` (text, json, csv or markdown): what `storydiff compare --facts-only` prints."""
    if fmt == "json":
        data = {"a": result.a.label, "b": result.b.label, "findings": [f.to_dict() for f in result.findings]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(FINDING_COLUMNS)
        for finding in result.findings:
            row = finding.to_dict()
            writer.writerow(["" if row[c] is None else row[c] for c in FINDING_COLUMNS])
        return buffer.getvalue()
    if fmt == "markdown":
        lines = [f"## Changed facts ({len(result.findings)})", ""]
        if result.findings:
            lines += ["| # | Kind | A | B | What changed |", "|---|---|---|---|---|"]
        for n, f in enumerate(result.findings, 1):
            cells = [str(n), kind_label(f.kind), f.a_text, f.b_text, f.diff_text or f.explanation]
            lines.append("| " + " | ".join(_markdown_cell(c) for c in cells) + " |")
        return "\n".join(lines) + "\n"
    from .text import to_string

    return to_string([findings_renderable(result, colour=colour)], colour=colour, width=width)


def _markdown_cell(text: str) -> str:
    """Article text in a Markdown table cell: pipes, markup and line breaks escaped (the text is untrusted)."""
    escaped = "".join("\\" + c if c in "\\`*_{}[]<>()#+-.!|~" else c for c in display_text(text))
    return " ".join(escaped.split())
