"""Which characters of a group's sentences to highlight, for every renderer.

The word diff of a group gives character spans in the documents; renderers
(terminal, TUI, HTML, Markdown) all need the same thing from it: each sentence
cut into pieces tagged `None` (unchanged), `"delete"` (only on A's side),
`"insert"` (only on B's side) or `"replace"` (changed words, either side).
Computing that once here keeps the renderers to drawing.
"""

from __future__ import annotations

from typing import Literal

from ..model import Comparison, Group

__all__ = ["Piece", "Tag", "pieces"]

Tag = Literal["delete", "insert", "replace"] | None
Piece = tuple[str, Tag]


def pieces(result: Comparison, group: Group, side: Literal["a", "b"]) -> list[list[Piece]]:
    """One list of (text, tag) pieces per sentence of `side` in `group`.

    Joining a sentence's pieces gives the sentence's original text exactly.
    """
    doc = result.a if side == "a" else result.b
    sentences = result.a_sentences if side == "a" else result.b_sentences
    indices = group.a if side == "a" else group.b
    if group.kind in ("inserted", "deleted"):
        tag: Tag = "insert" if side == "b" else "delete"
        return [[(sentences[k].text, tag)] for k in indices]
    if group.kind == "repeated":  # not new words: shown plain, with what it repeats beside it
        return [[(sentences[k].text, None)] for k in indices]
    spans: list[tuple[int, int, Tag]] = []
    for op in group.diff:
        if op.op == "equal":
            continue
        start, end = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
        if end > start:
            spans.append((start, end, op.op))
    out: list[list[Piece]] = []
    for k in indices:
        sentence = sentences[k]
        cursor = sentence.start
        parts: list[Piece] = []
        for start, end, op_tag in spans:
            lo, hi = max(start, sentence.start), min(end, sentence.end)
            if lo >= hi:
                continue
            if lo > cursor:
                parts.append((doc.text[cursor:lo], None))
            parts.append((doc.text[lo:hi], op_tag))
            cursor = hi
        if cursor < sentence.end:
            parts.append((doc.text[cursor : sentence.end], None))
        out.append(parts)
    return out
