"""CSV output, for spreadsheets and scripts.

A comparison gives one row per alignment group, in reading order, with the
columns of `Comparison.to_frame()` and the same numbers: `a_index` is the
group's first sentence of A (0-based; empty when the group has none, as an
inserted group) and `a_count` how many consecutive sentences of A it holds
(the parts of a split or merge stand together); `b_index`/`b_count` likewise.
Each cell holds one whole number, so `pandas.read_csv(path, index_col="group",
dtype={"a_index": "Int64", "b_index": "Int64"})` loads them as integers (without
`dtype`, the counts are `int64` and an index column with an empty cell `float64`,
as pandas reads any integer column with a gap). The column
`links` lists the repeats and partial links of the group's sentences beyond
the group (`a-b kind score`, 0-based, several joined by "; "): for a
`repeated` group, the sentences whose content it repeats. The column
`findings` holds the fact-drift findings of that group (kind and
explanation, several joined by " | "), empty where there are none; findings
tied to no group are left to the JSON output. The column is always present,
so the header does not change with the content. Then `method`, the same in
every row: which method aligned the sentences (`lexical` or `semantic`), so a
CSV file on its own says how it was made.

Article text is untrusted. A text cell that starts with `=`, `+`, `-`, `@`
(or a full-width or small form of one, `＝` `＋` `－` `＠` `﹦`…, which some
spreadsheets read as the same), a tab or a carriage return gets a leading `'`
so a spreadsheet shows it as text instead of running it as a formula (CSV
injection; OWASP's advice). Control characters other than tab and newline
become visible symbols, as in the text report (`compare.render.display`), so a
CSV printed on a terminal cannot drive it (an OSC 52 sequence writing the
clipboard, say).

With `facts_only=True`, a comparison gives one row per finding instead
(`FINDING_COLUMNS`: where each side's text is, the explanation, the values
and the word diff of an altered quote), with the same formula guard.

A collection gives one table, chosen by `table`:

* `provenance` (the default): one row per sentence of each version, with one
  column per version saying `identical`, `modified`, `repeated` or empty (absent);
* `matrix`: the overlap matrix, row X, column Y: share of X's words in Y;
* `pairs`: one row per pair of versions with their scores, counts and the
  alignment method (`lexical` or `semantic`).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import Any

from ..collection import Collection
from ..errors import OptionError
from ..model import KINDS, Comparison
from .display import display_text
from .summary import findings_by_group, method_of
from .symbols import other_links

__all__ = ["COLLECTION_TABLES", "COLUMNS", "FINDING_COLUMNS", "render_csv", "text_cell"]

COLUMNS = [
    "group", "kind", "moved", "score", "a_index", "a_count", "b_index", "b_count", "a_text", "b_text",
    "words_changed", "links", "findings", "method",
]  # fmt: skip
FINDING_COLUMNS = [
    "group", "kind", "a_text", "a_start", "a_end", "b_text", "b_start", "b_end",
    "explanation", "a_value", "b_value", "diff_text",
]  # fmt: skip
COLLECTION_TABLES = ("provenance", "matrix", "pairs")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """Untrusted text made safe to open in a spreadsheet or print: never a formula, no control characters.

    >>> text_cell("\uff1dSUM(1+1)"), text_cell("a\x1b]52;c;eA==\x07b")
    ("'＝SUM(1+1)", 'a␛]52;c;eA==␇b')
    """
    formula = text.startswith(_FORMULA_START) or unicodedata.normalize("NFKC", text[:1]).startswith(_FORMULA_START)
    return ("'" if formula else "") + display_text(text)


def _writer(buffer: io.StringIO) -> Any:
    return csv.writer(buffer, lineterminator="\n")


def _comparison_csv(result: Comparison) -> str:
    buffer = io.StringIO()
    writer = _writer(buffer)
    writer.writerow(COLUMNS)
    findings = findings_by_group(result)
    method = method_of(result.options)
    for n, group in enumerate(result.groups):
        notes = " | ".join(
            f"{f['kind']}: {f['explanation']}" if f["explanation"] else f["kind"] for f in findings.get(n, [])
        )
        writer.writerow(
            [
                n,
                group.kind,
                str(group.moved).lower(),
                f"{group.score:.4f}",
                group.a[0] if group.a else "",
                len(group.a),
                group.b[0] if group.b else "",
                len(group.b),
                text_cell(result.group_text(group, "a")),
                text_cell(result.group_text(group, "b")),
                sum(1 for op in group.diff if op.op != "equal"),
                "; ".join(f"{k.a}-{k.b} {k.kind} {k.score:.2f}" for k in other_links(result, group)),
                text_cell(notes),
                method,
            ]
        )
    return buffer.getvalue()


def _findings_csv(result: Comparison) -> str:
    buffer = io.StringIO()
    writer = _writer(buffer)
    writer.writerow(FINDING_COLUMNS)
    for finding in result.findings:
        row = finding.to_dict()
        writer.writerow([_cell(row[column]) for column in FINDING_COLUMNS])
    return buffer.getvalue()


def _cell(value: object) -> object:
    """A finding's value as a CSV cell: empty for None, text guarded against formulas, numbers as they are."""
    if value is None:
        return ""
    return text_cell(value) if isinstance(value, str) else value


def _collection_csv(collection: Collection, table: str) -> str:
    buffer = io.StringIO()
    writer = _writer(buffer)
    labels = list(collection.labels)
    if table == "provenance":
        carried = collection.carried()
        writer.writerow(["article", "sentence", "text", "carried_by", *map(text_cell, labels)])
        for i, label in enumerate(labels):
            for k, sentence in enumerate(collection.sentences[i]):
                marks = carried[i][k]
                cells = ["self" if other == label else (marks.get(other) or "") for other in labels]
                carried_by = sum(1 for m in marks.values() if m)
                writer.writerow([text_cell(label), k, text_cell(sentence.text), carried_by, *cells])
    elif table == "matrix":
        n = len(labels)
        writer.writerow(["x_in_y", *map(text_cell, labels)])
        for i, label in enumerate(labels):
            cells = ["" if i == j else f"{collection.pairs[(i, j)].scores['overlap_a_in_b']:.4f}" for j in range(n)]
            writer.writerow([text_cell(label), *cells])
    elif table == "pairs":
        writer.writerow(
            [
                "a",
                "b",
                "overlap_a_in_b",
                "overlap_b_in_a",
                "jaccard",
                "shingle_a_in_b",
                "shingle_b_in_a",
                *KINDS,
                "moved",
                "method",
            ]
        )
        method = method_of(collection.options)
        for i, j, pair in collection.iter_pairs():
            s = pair.scores
            counts = s.get("counts", {})
            writer.writerow(
                [
                    text_cell(labels[i]),
                    text_cell(labels[j]),
                    f"{s['overlap_a_in_b']:.4f}",
                    f"{s['overlap_b_in_a']:.4f}",
                    f"{s['jaccard']:.4f}",
                    f"{s['shingle_containment_a_in_b']:.4f}",
                    f"{s['shingle_containment_b_in_a']:.4f}",
                    *(counts.get(kind, 0) for kind in KINDS),
                    counts.get("moved", 0),
                    method,
                ]
            )
    else:
        raise OptionError(f"unknown CSV table {table!r}; choose one of {', '.join(COLLECTION_TABLES)}")
    return buffer.getvalue()


def render_csv(result: Comparison | Collection, *, table: str = "provenance", facts_only: bool = False) -> str:
    """CSV text: groups for a comparison (first sentence and count per side, as `to_frame()`), or its findings with
    `facts_only=True`; `table` for a collection."""
    if isinstance(result, Comparison):
        return _findings_csv(result) if facts_only else _comparison_csv(result)

    if facts_only:
        raise OptionError("only a comparison of two versions has changed facts to list on their own")
    if isinstance(result, Collection):
        return _collection_csv(result, table)
    raise TypeError(f"cannot render a {type(result).__name__} as CSV; pass a Comparison or a Collection")
