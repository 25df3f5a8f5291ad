"""`Finding`: one changed fact between the two sides of an aligned group.

A finding is deliberately flat and plain (strings, ints, floats) so that every
interface — the terminal, the TUI, HTML/Markdown/CSV reports, pandas — can show
it without knowing how it was found. Offsets are character offsets into the
documents' texts, as everywhere in storydiff: `result.a.text[f.a_start:f.a_end]`
is `f.a_text`. A side where the fact is absent (a dropped or added quote or
hedge) has an empty span placed where its group starts on that side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from ..model import WordOp

__all__ = ["FINDING_KINDS", "Finding", "FindingKind"]

FindingKind = Literal[
    "quote_altered",
    "quote_dropped",
    "quote_added",
    "attribution_changed",
    "number_changed",
    "entity_changed",
    "date_changed",
    "hedge_dropped",
    "hedge_added",
]
FINDING_KINDS: tuple[FindingKind, ...] = get_args(FindingKind)


@dataclass(frozen=True)
class Finding:
    """A fact that differs between side A and side B of one aligned group.

    Fields
    ------
    kind:
        One of `FINDING_KINDS`.
    group:
        Index into `Comparison.groups` of the group the fact belongs to.
    a_text, a_start, a_end / b_text, b_start, b_end:
        The fact's words on each side and their character offsets into that
        side's document text (empty text and an empty span on a side where the
        fact is absent).
    explanation:
        One short sentence for people, e.g. `85% became 80%`.
    a_value, b_value:
        For `number_changed`: the two normalised values (85.0 and 80.0 for
        "85%" and "80 per cent"; 1.1e9 for "$1.1bn"); otherwise None.
    quote_diff:
        For `quote_altered`: the word diff of the quote alone, offsets into the
        documents as in `Group.diff`; otherwise empty.
    diff_text:
        The same quote diff as plain text in `git diff --word-diff` style
        (`[-old-]{+new+}`), for renderers that only need a string.
    """

    kind: FindingKind
    group: int
    a_text: str
    a_start: int
    a_end: int
    b_text: str
    b_start: int
    b_end: int
    explanation: str
    a_value: float | None = None
    b_value: float | None = None
    quote_diff: tuple[WordOp, ...] = ()
    diff_text: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable fields, in a fixed order (the `findings` entries of `Comparison.to_dict()`)."""
        return {
            "kind": self.kind,
            "group": self.group,
            "a_text": self.a_text,
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_text": self.b_text,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "explanation": self.explanation,
            "a_value": self.a_value,
            "b_value": self.b_value,
            "quote_diff": [
                {"op": op.op, "a": [op.a_start, op.a_end], "b": [op.b_start, op.b_end]} for op in self.quote_diff
            ],
            "diff_text": self.diff_text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Rebuild a finding from `to_dict()` output."""
        return cls(
            kind=data["kind"],
            group=int(data["group"]),
            a_text=data["a_text"],
            a_start=int(data["a_start"]),
            a_end=int(data["a_end"]),
            b_text=data["b_text"],
            b_start=int(data["b_start"]),
            b_end=int(data["b_end"]),
            explanation=data["explanation"],
            a_value=data.get("a_value"),
            b_value=data.get("b_value"),
            quote_diff=tuple(WordOp(d["op"], *d["a"], *d["b"]) for d in data.get("quote_diff", ())),
            diff_text=data.get("diff_text", ""),
        )
