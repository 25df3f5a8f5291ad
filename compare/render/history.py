"""A story's history (`compare.timeline.History`) as text, Markdown, CSV, JSON or an HTML timeline.

Every format tells the same three things, most useful first: the net change
from the first version to the last, each changed fact with its values over
time (``five (v1) → 10 (v3)``), and each sentence's life (the version it
appeared in, the versions that reworded it, the version it left). Versions are
called v1 … vn on screen. Article text is untrusted and escaped for each
medium: control characters for the terminal (`display_text`), Markdown
specials, CSV formulas, and Jinja2 autoescaping with the reports' CSP for HTML.
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import OptionError
from .display import display_text
from .json import json_text
from .summary import method_line, plural
from .symbols import KIND_SYMBOL, kind_label, label

if TYPE_CHECKING:
    from rich.text import Text

    from ..timeline import FactLife, History, SentenceLife

__all__ = ["HISTORY_FORMATS", "HISTORY_TABLES", "render_history"]

HISTORY_FORMATS = ("text", "json", "markdown", "csv", "html")
HISTORY_TABLES = ("sentences", "facts", "steps")
_WIDTH = 100

_FAMILY_NAME = {
    "figure": "figure",
    "quote": "quote",
    "attribution": "quoted speaker",
    "name": "name",
    "date": "date",
    "hedge": "hedge",
}


def render_history(
    h: History,
    fmt: str,
    *,
    changes_only: bool = True,
    table: str = "sentences",
    title: str | None = None,
    colour: bool = False,
) -> str:
    """`h` in format `fmt` (one of HISTORY_FORMATS).

    `changes_only` (text, Markdown) leaves out sentences unchanged from first to
    last; `table` picks the CSV table (sentences, facts or steps); `title` names
    the HTML page; `colour` (text) embeds ANSI styles for a terminal: new in green,
    gone in red, changed values in yellow.
    """
    if fmt == "text":
        return _text(h, changes_only, colour)
    if fmt == "json":
        return json_text(h.to_dict()) + "\n"
    if fmt == "markdown":
        return _markdown(h, changes_only)
    if fmt == "csv":
        return _csv(h, table)
    if fmt == "html":
        return _html(h, title)
    raise OptionError(f"unknown format {fmt!r} for a history; choose one of {', '.join(HISTORY_FORMATS)}")


# -- shared pieces ----------------------------------------------------------------
def _method(h: History) -> str:
    """The alignment method of the history's steps (every step is aligned the same way)."""
    return method_line(h.steps[0].options if h.steps else h.options)


def _v(k: int | None) -> str:
    return "–" if k is None else f"v{k + 1}"


def _vs(ks: Sequence[int]) -> str:
    return ", ".join(_v(k) for k in ks) or "–"


def fact_value(text: str) -> str:
    """How a fact's value is shown: its words, or a dash when the fact is absent."""
    return text if text else "—"


def fact_line(fact: FactLife) -> str:
    """``five (v1) → 10 (v3)``: each value with the version it first held in (plain text, not escaped)."""
    parts = [f"{fact_value(' '.join(text.split()))} ({_v(v)})" for v, text in fact.values]
    line = " → ".join(parts)
    return line + " (sentence removed)" if fact.removed else line


def _net_lines(h: History) -> list[str]:
    s = h.summary()
    n = len(h.documents)
    first = f"Net change v1 → v{n}: {plural(s['sentences_first'], 'sentence')} became {s['sentences_last']}; "
    first += f"{s['added']} added, {s['removed']} removed, {s['reworded']} reworded, {s['unchanged']} never changed"
    second = (
        f"{s['overlap_first_in_last']:.1%} of v1's words are unchanged in v{n}; "
        f"{s['overlap_last_in_first']:.1%} of v{n}'s words were already in v1; "
        f"{plural(s['facts_changed'], 'fact')} changed on the way"
    )
    lines = [first, second]
    if s["added_then_removed"]:
        lines.append(f"{plural(s['added_then_removed'], 'sentence')} came and went between v1 and v{n}")
    return lines


def _step_line(h: History, k: int) -> str:
    step = h.steps[k]
    c = step.counts()
    parts = [f"= {c['identical']}", f"~ {c['modified'] + c['split'] + c['merged']}", f"+ {c['inserted']}",
             f"- {c['deleted']}"]  # fmt: skip
    if c["moved"]:
        parts.append(f"↕ {c['moved']}")
    nf = len(step.findings)
    return (
        f"{_v(k)} → {_v(k + 1)}  {'  '.join(parts)}  overlap {step.scores['overlap_a_in_b']:.1%}"
        f"  {plural(nf, 'fact')} changed"
    )


def _lives(h: History, changes_only: bool) -> list[SentenceLife]:
    order = sorted(h.sentences, key=lambda life: _position(h, life))
    return [life for life in order if life.changed or not changes_only]


def _position(h: History, life: SentenceLife) -> tuple[int, int, int]:
    """Reading order: where the sentence stands in the last version that has it, then when it left."""
    last = life.last
    return (0 if life.gone is None else 1, -last if life.gone is not None else 0, life.indices[last][0])


# -- text --------------------------------------------------------------------
_BOLD, _NEW, _GONE, _CHANGED, _DIM = "bold", "green", "red", "yellow", "dim"


def _line(*parts: str | tuple[str, str]) -> Text:
    """One line of the text report: plain strings and (string, style) pairs; styles show only in colour."""
    from rich.text import Text  # rich is loaded only for text output, not with `compare.render`

    out = Text()
    for part in parts:
        if isinstance(part, tuple):
            out.append(part[0], style=part[1])
        else:
            out.append(part)
    return out


def _text(h: History, changes_only: bool, colour: bool) -> str:
    out = [_line((f"storydiff history: {len(h.documents)} versions", _BOLD)), _line(f"  method: {_method(h)}")]
    for k, (doc, name) in enumerate(zip(h.documents, h.labels, strict=True)):
        sentences = len(h.version_sentences(k))
        extra = f", {doc.date}" if doc.date else ""
        out.append(
            _line(f"  {_v(k):<4}", display_text(name), f"  ({plural(sentences, 'sentence')}{display_text(extra)})")
        )
    out.append(_line())
    net = _net_lines(h)
    out.append(_line((net[0], _BOLD)))
    out.extend(_line(text) for text in net[1:])
    out.append(_line())
    out.append(_line((f"Changed facts ({len(h.facts)}):" if h.facts else "Changed facts: none", _BOLD)))
    for fact in h.facts:
        where = f"S{fact.sentence + 1}"
        out.append(_line(f"  {_FAMILY_NAME[fact.family]:<15}{where:<5}", (display_text(fact_line(fact)), _CHANGED)))
        out.append(_line(f"  {'':<20}", (f"in “{display_text(fact.context)}”", _DIM)))
    lives = _lives(h, changes_only)
    out.append(_line())
    hidden = len(h.sentences) - len(lives)
    never = "1 that never changed is" if hidden == 1 else f"{hidden} that never changed are"
    note = f"; {never} not listed: --all lists them" if hidden else ""
    out.append(_line((f"Sentences ({len(h.sentences)}, numbered in order of appearance{note}):", _BOLD)))
    out.append(_line(f"  {'':<5}{'in':<5}{'left':<6}{'reworded':<14}text (last wording)"))
    for life in lives:
        reworded = _vs(life.reworded)
        if life.moved:
            reworded += f" ↕{_vs(life.moved)}"
        left = _v(life.gone)
        prefix = (
            f"  S{life.id + 1:<4}",
            (f"{_v(life.first):<5}", _NEW if life.first else ""),
            (f"{left:<6}", _GONE if life.gone is not None else ""),
            (f"{reworded:<14}", _CHANGED if life.reworded or life.moved else ""),
        )
        width = sum(len(p if isinstance(p, str) else p[0]) for p in prefix)
        text = display_text(" ".join(life.text.split()))
        if life.merged_into is not None:
            text += f" [merged into S{life.merged_into + 1}]"
        wrapped = textwrap.wrap(text, width=max(40, _WIDTH - width)) or [""]
        out.append(_line(*prefix, wrapped[0]))
        out.extend(_line(" " * width + line) for line in wrapped[1:])
    out.append(_line())
    out.append(_line(("Steps:", _BOLD)))
    for k in range(len(h.steps)):
        out.append(_line("  " + _step_line(h, k)))
        for f in h.steps[k].findings:
            out.append(_line(f"      {kind_label(f.kind)}: {display_text(' '.join(f.explanation.split()))}"))
    if not colour:
        return "\n".join(line.plain for line in out) + "\n"
    from .text import to_string

    return to_string(out, colour=True, width=10_000)


# -- Markdown ----------------------------------------------------------------------
def _markdown(h: History, changes_only: bool) -> str:
    from .markdown import escape

    out = [f"# storydiff history: {len(h.documents)} versions", "", f"Method: {escape(_method(h))}", "",
           "| Version | Label | Date | Sentences |",
           "|---|---|---|---:|"]  # fmt: skip
    for k, (doc, name) in enumerate(zip(h.documents, h.labels, strict=True)):
        sentences = len(h.version_sentences(k))
        out.append(f"| {_v(k)} | {escape(name)} | {escape(doc.date or '–')} | {sentences} |")
    out += ["", "## Net change", ""] + [f"- {escape(line)}" for line in _net_lines(h)]
    out += ["", f"## Changed facts ({len(h.facts)})", ""]
    if h.facts:
        out += ["| Fact | Sentence | Over time | Context |", "|---|---|---|---|"]
        for fact in h.facts:
            out.append(
                f"| {_FAMILY_NAME[fact.family]} | S{fact.sentence + 1} | {escape(fact_line(fact))} "
                f"| {escape(fact.context)} |"
            )
    else:
        out.append("No fact changed between any two versions.")
    lives = _lives(h, changes_only)
    out += ["", f"## Sentences ({len(h.sentences)}, {len(lives)} listed)", ""]
    out += ["| Sentence | In | Left | Reworded | Moved | Text (last wording) |", "|---|---|---|---|---|---|"]
    for life in lives:
        out.append(
            f"| S{life.id + 1} | {_v(life.first)} | {_v(life.gone)} | {_vs(life.reworded)} | {_vs(life.moved)} "
            f"| {escape(life.text)} |"
        )
    out += ["", "## Steps", ""]
    for k in range(len(h.steps)):
        out.append(f"- {escape(_step_line(h, k))}")
        for f in h.steps[k].findings:
            out.append(f"  - {escape(kind_label(f.kind))}: {escape(f.explanation)}")
    return "\n".join(out) + "\n"


# -- CSV -----------------------------------------------------------------------------
def _csv(h: History, table: str) -> str:
    from .csv import text_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if table == "sentences":
        versions = [_v(k) for k in range(len(h.documents))]
        writer.writerow(["sentence", "first", "gone", "reworded", "moved", "merged_into", "text", *versions])
        for life in h.sentences:
            writer.writerow(
                [life.id, life.first, "" if life.gone is None else life.gone, " ".join(map(str, life.reworded)),
                 " ".join(map(str, life.moved)), "" if life.merged_into is None else life.merged_into,
                 text_cell(life.text), *(life.status(k) for k in range(len(h.documents)))]
            )  # fmt: skip
    elif table == "facts":
        writer.writerow(["fact", "family", "sentence", "version", "text", "context"])
        for n, fact in enumerate(h.facts):
            for v, text in fact.values:
                writer.writerow([n, fact.family, fact.sentence, v, text_cell(text), text_cell(fact.context)])
    elif table == "steps":
        writer.writerow(["step", "a", "b", "identical", "modified", "split", "merged", "inserted", "deleted", "moved",
                         "overlap_a_in_b", "overlap_b_in_a", "findings"])  # fmt: skip
        for k, step in enumerate(h.steps):
            c = step.counts()
            writer.writerow(
                [k, text_cell(h.labels[k]), text_cell(h.labels[k + 1]), c["identical"], c["modified"], c["split"],
                 c["merged"], c["inserted"], c["deleted"], c["moved"], step.scores["overlap_a_in_b"],
                 step.scores["overlap_b_in_a"], len(step.findings)]
            )  # fmt: skip
    else:
        raise OptionError(f"unknown table {table!r} for a history; choose one of {', '.join(HISTORY_TABLES)}")
    return buffer.getvalue()


# -- HTML timeline ---------------------------------------------------------------------
def _html(h: History, title: str | None) -> str:
    from .html import document_info, page_script, template_environment

    n = len(h.documents)
    versions = []
    for k, (doc, name) in enumerate(zip(h.documents, h.labels, strict=True)):
        sentences = h.version_sentences(k)
        words = h.steps[k].scores.get("words_a") if k < len(h.steps) else h.steps[-1].scores.get("words_b")
        info = document_info(doc, name, words, len(sentences))
        info.update(code=_v(k), index=k)
        versions.append(info)
    lives = []
    for life in sorted(h.sentences, key=lambda life: _position(h, life)):
        cells = []
        for k in range(n):
            status = life.status(k)
            text = life.texts[k] if status not in ("", "gone") else ""
            cells.append({"status": status, "text": text, "code": _v(k)})
        lives.append(
            {
                "id": life.id + 1,
                "first": _v(life.first),
                "gone": _v(life.gone) if life.gone is not None else None,
                "reworded": _vs(life.reworded) if life.reworded else None,
                "moved": _vs(life.moved) if life.moved else None,
                "merged_into": None if life.merged_into is None else life.merged_into + 1,
                "changed": life.changed,
                "text": life.text,
                "cells": cells,
            }
        )
    facts = [
        {
            "family": _FAMILY_NAME[fact.family],
            "sentence": fact.sentence + 1,
            "vals": [{"code": _v(v), "text": fact_value(" ".join(t.split())), "absent": not t} for v, t in fact.values],
            "removed": fact.removed,
            "context": fact.context,
        }
        for fact in h.facts
    ]
    steps = []
    for k, step in enumerate(h.steps):
        changed = []
        for g in step.groups:
            if not g.changed:
                continue
            changed.append(
                {
                    "symbol": KIND_SYMBOL[g.kind],
                    "kind": g.kind,
                    "label": label(g),
                    "a": step.group_text(g, "a"),
                    "b": step.group_text(g, "b"),
                }
            )
        steps.append(
            {
                "a": _v(k),
                "b": _v(k + 1),
                "line": _step_line(h, k),
                "findings": [f.explanation for f in step.findings],
                "changed": changed,
            }
        )
    script, script_hash = page_script()
    context = {
        "kind": "history",
        "method": _method(h),
        "page_title": title or f"storydiff: the history of a story in {n} versions",
        "script": script,
        "script_hash": script_hash,
        "fragment": False,
        "versions": versions,
        "net": _net_lines(h),
        "facts": facts,
        "lives": lives,
        "steps": steps,
        "n": n,
    }
    return template_environment().get_template("page.html.j2").render(context)
