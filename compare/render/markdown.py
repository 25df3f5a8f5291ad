"""Markdown output: reports that read well on GitHub, GitLab, in Obsidian or pasted into an email.

For two versions: the summary scores with a histogram of group similarities,
fact-drift findings when there are any, the changed groups, and (with
`changes_only=False`) the full side-by-side table. For a collection of
versions: the versions, the likely source with its evidence, the overlap
matrix and sentence provenance. With `facts_only=True`, a comparison gives its
fact-drift findings alone, as one table (`storydiff compare --facts-only`).

Article text is untrusted: Markdown and HTML special characters are escaped so
a sentence cannot turn into a link, an image or markup in a viewer.
"""

from __future__ import annotations

import re
from typing import Literal

from ..collection import Collection
from ..errors import OptionError
from ..model import Comparison, Group
from .display import display_text
from .highlight import pieces
from .summary import finding_rows, method_line, similarity_histogram
from .symbols import KIND_SYMBOL, MOVED_SYMBOL, group_ref, kind_label, label, link_notes, repeat_note, symbol

__all__ = ["escape", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]|<>~&])")
_AS_ENTITY = "<>&|"
_SPACE = re.compile(r"\s+")
_BAR = "█"
_BAR_WIDTH = 20
_CARRIED_MARK = {"identical": "=", "modified": "~", "repeated": "*"}  # provenance: how another version carries it


def escape(text: str) -> str:
    """Text that renders as itself in Markdown (and as text, never HTML), on one line, without control characters."""
    text = _SPACE.sub(" ", display_text(text))
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};" if m.group(1) in _AS_ENTITY else "\\" + m.group(1), text)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _side(result: Comparison, group: Group, side: Literal["a", "b"]) -> str:
    out = []
    highlight = bool(group.a and group.b)  # inserted/deleted groups are shown plain: the kind says it all
    for sentence in pieces(result, group, side):
        parts = []
        for chunk, tag in sentence:
            if not highlight or tag is None or not chunk.strip():
                parts.append(escape(chunk))
            elif tag == "delete" or (tag == "replace" and side == "a"):
                parts.append(_wrap(chunk, "~~"))
            else:
                parts.append(_wrap(chunk, "**"))
        out.append("".join(parts).strip())
    return " ".join(out) or "—"


def _wrap(chunk: str, mark: str) -> str:
    """`mark` around the words of `chunk`, keeping its outer spaces outside (Markdown needs that)."""
    lead = chunk[: len(chunk) - len(chunk.lstrip())]
    trail = chunk[len(chunk.rstrip()) :]
    return f"{' ' if lead else ''}{mark}{escape(chunk.strip())}{mark}{' ' if trail else ''}"


def _group_rows(result: Comparison, groups: list[tuple[int, Group]]) -> list[str]:
    rows = [
        "| # | kind | sentences | A | B | similarity | also linked |",
        "| ---: | --- | --- | --- | --- | ---: | --- |",
    ]
    for n, group in groups:
        a_cell = _side(result, group, "a") if group.a else "—"
        b_cell = _side(result, group, "b") if group.b else "—"
        similarity = f"{group.score:.2f}" if group.a and group.b else "–"
        where = group_ref(group)
        note = repeat_note(result, group)
        kind = f"`{symbol(group).strip()}` {label(group)}" + (f" ({note})" if note else "")
        also = "; ".join(link_notes(result, group))
        rows.append(f"| {n + 1} | {kind} | {where} | {a_cell} | {b_cell} | {similarity} | {also} |")
    return rows


def _comparison_markdown(result: Comparison, *, changes_only: bool) -> str:
    s = result.scores
    counts = s["counts"]
    lines = [
        f"# storydiff: {escape(result.a.label)} → {escape(result.b.label)}",
        "",
        f"- **A**: {escape(result.a.label)} ({s['words_a']} words, {len(result.a_sentences)} sentences)",
        f"- **B**: {escape(result.b.label)} ({s['words_b']} words, {len(result.b_sentences)} sentences)",
        f"- **Method**: {escape(method_line(result.options))}",
        "",
    ]
    findings = finding_rows(result)
    if findings:
        lines += [f"## Facts that changed ({len(findings)})", ""]
        lines.append("Found automatically: check each one against the articles.")
        lines.append("")
        for n, f in enumerate(findings, 1):
            where = f" (group {f['group'] + 1})" if f["group"] is not None else ""
            kind = kind_label(f["kind"]).capitalize()
            explanation = f": {escape(f['explanation'])}" if f["explanation"] else ""
            lines.append(f"{n}. **{escape(kind)}**{explanation}{where}")
            lines.append(f"   - A: {escape(f['a_text']) or '—'}")
            lines.append(f"   - B: {escape(f['b_text']) or '—'}")
        lines.append("")
    lines += [
        "## Summary",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| overlap A→B (A's words unchanged in B) | {_pct(s['overlap_a_in_b'])} |",
        f"| overlap B→A (B's words unchanged from A) | {_pct(s['overlap_b_in_a'])} |",
        f"| Jaccard (shared distinct words) | {s['jaccard']:.3f} |",
        f"| 5-word shingles of A in B | {_pct(s['shingle_containment_a_in_b'])} |",
        f"| 5-word shingles of B in A | {_pct(s['shingle_containment_b_in_a'])} |",
        "",
        "| kind | groups |",
        "| --- | ---: |",
        *(f"| `{KIND_SYMBOL[k]}` {k} | {counts[k]} |" for k in KIND_SYMBOL),
        f"| `{MOVED_SYMBOL}` moved | {counts['moved']} |",
        "",
    ]
    histogram = similarity_histogram(result)
    peak = max((b["count"] for b in histogram), default=0) or 1
    lines += [
        "Similarity of matched groups (inserted, deleted and repeated groups have none):",
        "",
        "| similarity | groups | |",
        "| --- | ---: | --- |",
    ]
    for bin_ in reversed(histogram):
        bar = _BAR * round(_BAR_WIDTH * bin_["count"] / peak)
        lines.append(f"| {bin_['label']} | {bin_['count']} | {bar} |")
    lines.append("")
    numbered = list(enumerate(result.groups))
    changed = [(n, g) for n, g in numbered if g.changed]
    lines += [f"## Changed groups ({len(changed)} of {len(result.groups)})", ""]
    if changed:
        lines += ["~~struck through~~: only in A (or replaced); **bold**: only in B (or the replacement).", ""]
        lines += [
            "`*` repeated: a sentence with no partner of its own whose content the other version has (not new, "
            "said again). Also linked: sentences that say the same, or share a part, beyond their own group.",
            "",
        ]
        lines += _group_rows(result, changed)
    else:
        lines.append("No changes: every sentence is identical and in place.")
    if not changes_only:
        lines += ["", f"## Side by side (all {len(result.groups)} groups)", ""]
        lines += _group_rows(result, numbered)
    return "\n".join(lines) + "\n"


def _findings_markdown(result: Comparison) -> str:
    findings = result.findings
    lines = [f"## Changed facts ({len(findings)})", ""]
    if findings:
        lines += ["| # | kind | sentences | A | B | what changed |", "| ---: | --- | --- | --- | --- | --- |"]
    for n, f in enumerate(findings, 1):
        cells = [
            kind_label(f.kind),
            group_ref(result.groups[f.group]),
            f.a_text,
            f.b_text,
            f.diff_text or f.explanation,
        ]
        lines.append(f"| {n} | " + " | ".join(escape(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _collection_markdown(collection: Collection) -> str:
    labels = collection.labels
    n = len(labels)
    codes = [f"V{i + 1}" for i in range(n)]
    carried = collection.carried()
    source = collection.likely_source()
    lines = [f"# storydiff: {n} versions of a story", "", f"Method: {escape(method_line(collection.options))}", ""]
    lines += ["| code | version | date | words | sentences | only here | in all others |"]
    lines += ["| --- | --- | --- | ---: | ---: | ---: | ---: |"]
    for i, doc in enumerate(collection.documents):
        counts = [sum(1 for m in marks.values() if m) for marks in carried[i]]
        words = collection.pairs[(i, (i + 1) % n)].scores.get("words_a", "?")
        tag = " (likely source)" if i == source.index else ""
        lines.append(
            f"| {codes[i]} | {escape(labels[i])}{tag} | {escape(doc.date or '–')} | {words} | "
            f"{len(collection.sentences[i])} | {counts.count(0)} | {counts.count(n - 1)} |"
        )
    lines += ["", "## Likely source", "", f"> {escape(source.statement)}", ""]
    lines += [f"| other version | its words in {escape(source.label)} | {escape(source.label)}'s words in it |"]
    lines += ["| --- | ---: | ---: |"]
    for row in source.evidence:
        lines.append(f"| {escape(row['other'])} | {_pct(row['other_in_source'])} | {_pct(row['source_in_other'])} |")
    matrix = collection.overlap_matrix().to_numpy(dtype=float)
    lines += [
        "",
        "## Overlap matrix",
        "",
        "Row X, column Y: the share of X's words that are unchanged in Y.",
        "",
        "| X ↓ in Y → | " + " | ".join(codes) + " |",
        "| --- | " + " | ".join("---:" for _ in codes) + " |",
    ]
    for i in range(n):
        cells = ["—" if i == j else f"{matrix[i, j]:.0%}" for j in range(n)]
        lines.append(f"| {codes[i]} {escape(labels[i])} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Sentence provenance",
        "",
        "`=` identical there, `~` reworded, split or merged there, `*` repeated there (its content is there, "
        "said as part of another sentence), blank: not there, `·` the version itself.",
    ]
    for i in range(n):
        lines += ["", f"### {codes[i]} {escape(labels[i])}", ""]
        lines += ["| # | sentence | " + " | ".join(codes) + " | in |"]
        lines += ["| ---: | --- | " + " | ".join(":---:" for _ in codes) + " | ---: |"]
        for k, sentence in enumerate(collection.sentences[i]):
            marks = carried[i][k]
            cells = ["·" if j == i else _CARRIED_MARK.get(marks.get(labels[j]) or "", "") for j in range(n)]
            count = sum(1 for m in marks.values() if m)
            lines.append(f"| {k + 1} | {escape(sentence.text)} | " + " | ".join(cells) + f" | {count} |")
    return "\n".join(lines) + "\n"


def render_markdown(result: Comparison | Collection, *, changes_only: bool = True, facts_only: bool = False) -> str:
    """A Markdown report of a comparison or a collection.

    For a comparison, `changes_only=True` stops after the changed groups;
    `changes_only=False` adds the full side-by-side table of every group;
    `facts_only=True` gives the table of changed facts alone.
    """
    if isinstance(result, Comparison):
        if facts_only:
            return _findings_markdown(result)
        return _comparison_markdown(result, changes_only=changes_only)

    if facts_only:
        raise OptionError("only a comparison of two versions has changed facts to list on their own")

    if isinstance(result, Collection):
        return _collection_markdown(result)
    raise TypeError(f"cannot render a {type(result).__name__} as Markdown; pass a Comparison or a Collection")
