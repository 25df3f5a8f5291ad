"""What the report renderers (HTML, Markdown, CSV) share: derived figures, read from a result.

Nothing here aligns or scores: it only groups what a `Comparison` already
holds — the histogram of group similarities and the fact-drift findings in a
plain, defensive form — so every format shows the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Comparison

__all__ = [
    "HISTOGRAM_EDGES",
    "finding_rows",
    "findings_by_group",
    "method_line",
    "method_of",
    "plural",
    "similarity_histogram",
]


def plural(n: int, one: str, many: str | None = None) -> str:
    """A count with its noun: '1 sentence', '2 sentences', '3 stories' (`many` where -s is wrong)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


# What each alignment method measures, said in every report's header (#12).
_METHOD_NOTE = {
    "lexical": "sentences matched by the words they share",
    "semantic": "sentences matched by their words and, through word embeddings, by meaning",
}


def method_of(options: Mapping[str, Any]) -> str:
    """Which method aligned the sentences: `options["method"]`, "lexical" when not recorded.

    A comparison records it always; a collection only when it is not the default, and results saved
    before the semantic method existed never do, so a missing entry means lexical.
    """
    return str(options.get("method") or "lexical")


def method_line(options: Mapping[str, Any]) -> str:
    """The method and what it means, for a report's header: `lexical (sentences matched by ...)`."""
    method = method_of(options)
    note = _METHOD_NOTE.get(method)
    return f"{method} ({note})" if note else method


# Bins of group similarity: [0, .1), [.1, .2) … [.9, 1.0]; the last bin is closed.
HISTOGRAM_EDGES = tuple(round(k / 10, 1) for k in range(11))


def similarity_histogram(result: Comparison) -> list[dict[str, Any]]:
    """How many matched groups (both sides present) fall in each tenth of similarity.

    Inserted and deleted groups have no similarity and are left out; the
    histogram shows how closely the sentences that do match each other match.
    Each bin: `low`, `high`, `label` ("0.9–1.0"), `count`.
    """
    counts = [0] * (len(HISTOGRAM_EDGES) - 1)
    for group in result.groups:
        if group.a and group.b:
            counts[min(int(group.score * 10), len(counts) - 1)] += 1
    return [
        {"low": low, "high": high, "label": f"{low:.1f}–{high:.1f}", "count": count}
        for low, high, count in zip(HISTOGRAM_EDGES, HISTOGRAM_EDGES[1:], counts, strict=False)
    ]


def finding_rows(result: Comparison) -> list[dict[str, Any]]:
    """The result's fact-drift findings as plain dicts with at least kind, group, explanation, a_text, b_text.

    Findings come from another stage and may be absent or partial: anything
    missing is None or empty, and `group` is an int index into `result.groups`
    or None when it is not one.
    """
    rows = []
    for finding in getattr(result, "findings", ()) or ():
        if hasattr(finding, "to_dict"):
            data = finding.to_dict()
        elif isinstance(finding, Mapping):
            data = dict(finding)
        else:
            data = {"explanation": str(finding)}
        group = data.get("group")
        if not (isinstance(group, int) and not isinstance(group, bool) and 0 <= group < len(result.groups)):
            group = None
        rows.append(
            {
                "kind": str(data.get("kind") or "finding"),
                "group": group,
                "explanation": str(data.get("explanation") or ""),
                "a_text": str(data.get("a_text") or ""),
                "b_text": str(data.get("b_text") or ""),
            }
        )
    return rows


def findings_by_group(result: Comparison) -> dict[int | None, list[dict[str, Any]]]:
    """`finding_rows` keyed by group index (None for findings tied to no group)."""
    out: dict[int | None, list[dict[str, Any]]] = {}
    for row in finding_rows(result):
        out.setdefault(row["group"], []).append(row)
    return out
