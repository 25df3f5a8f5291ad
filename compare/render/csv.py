"""CSV output: one row per alignment group, for spreadsheets and scripts."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..model import Comparison

__all__ = ["COLUMNS", "render_csv"]

COLUMNS = ["group", "kind", "moved", "score", "a_index", "b_index", "a_text", "b_text", "words_changed"]


def render_csv(result: Comparison, **_: Any) -> str:
    """Groups in reading order; sentence indices are 0-based and joined by spaces."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for n, group in enumerate(result.groups):
        writer.writerow(
            [
                n,
                group.kind,
                str(group.moved).lower(),
                f"{group.score:.4f}",
                " ".join(map(str, group.a)),
                " ".join(map(str, group.b)),
                result.group_text(group, "a"),
                result.group_text(group, "b"),
                sum(1 for op in group.diff if op.op != "equal"),
            ]
        )
    return buffer.getvalue()
