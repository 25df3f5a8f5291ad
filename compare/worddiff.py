"""Word-level differences inside an aligned group.

Sentences are matched first; only then are words compared, and only inside a
group (the lesson prose diff tools converge on: a word diff over a whole
article drifts). Opcodes come from rapidfuzz's Levenshtein distance over word
keys, so case and typography do not count as changes, and each operation
carries character offsets into the two documents.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from .model import WordOp
from .normalise import Token

__all__ = ["PLAIN_MARKS", "marked", "word_diff"]

# How a word change reads in plain text, the way `git diff --word-diff` marks it (`[~replaced~]` for words
# replaced on one side). Renderers and the fact finders' quote diffs both write changes so.
PLAIN_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}"), "replace": ("[~", "~]")}


def marked(words: str, tag: str) -> str:
    """`words` between the plain marks of a change: `marked("old", "delete")` → `[-old-]`."""
    left, right = PLAIN_MARKS[tag]
    return f"{left}{words}{right}"


def word_diff(
    a: Sequence[Token],
    b: Sequence[Token],
    a_anchor: int = 0,
    b_anchor: int = 0,
    *,
    texts: tuple[str, str] | None = None,
) -> tuple[WordOp, ...]:
    """Edit operations that turn the words `a` into the words `b`.

    Adjacent operations of one kind are merged. An empty side takes its offset
    from the neighbouring word, or from `a_anchor`/`b_anchor` (where the group
    starts) when there is none. With `texts` (the two documents' texts), a
    changed span that holds a quote's opening mark also takes the closing mark
    right after it (and the other way round), so a marked-up diff never
    leaves half a quotation outside: `[-a "well known collector"-]`.

    >>> from compare.normalise import tokenize
    >>> a, b = "Russia said ten", "Russia told ten"
    >>> [(op.op, a[op.a_start:op.a_end], b[op.b_start:op.b_end]) for op in word_diff(tokenize(a), tokenize(b))]
    [('equal', 'Russia', 'Russia'), ('replace', 'said', 'told'), ('equal', 'ten', 'ten')]
    """
    keys_a = [t.key for t in a]
    keys_b = [t.key for t in b]
    if keys_a > keys_b:
        # Edit scripts are not unique; diffing in one canonical direction makes A-vs-B the mirror of B-vs-A.
        mirrored = (texts[1], texts[0]) if texts else None
        return tuple(op.mirrored() for op in word_diff(b, a, b_anchor, a_anchor, texts=mirrored))
    if keys_a == keys_b:
        blocks = [("equal", 0, len(a), 0, len(b))] if a else []
    else:
        blocks = _coalesce(
            [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Levenshtein.opcodes(keys_a, keys_b)]
        )
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in blocks:
        a_start, a_end = _span(a, i1, i2, a_anchor)
        b_start, b_end = _span(b, j1, j2, b_anchor)
        if texts and tag != "equal":
            a_start, a_end = _with_marks(texts[0], a_start, a_end)
            b_start, b_end = _with_marks(texts[1], b_start, b_end)
        ops.append(WordOp(tag, a_start, a_end, b_start, b_end))  # type: ignore[arg-type]
    return tuple(ops)


_OPENING = "\u201c\u2018\u00ab"
_CLOSING = "\u201d\u2019\u00bb"


def _with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """`start:end` widened over a quote mark just outside it whose partner is inside it."""
    if start == end:
        return start, end
    inside = text[start:end]
    opens = sum(inside.count(c) for c in _OPENING) + inside.count('"') % 2
    closes = sum(inside.count(c) for c in _CLOSING if c != "\u2019")
    if opens > closes and end < len(text) and text[end] in _CLOSING + '"':
        end += 1
    elif closes > opens and start > 0 and text[start - 1] in _OPENING + '"':
        start -= 1
    return start, end


def _coalesce(blocks: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Merge runs of adjacent changes into one block, as a reader sees them.

    "less than 10" -> "about 20" is one replacement, not a replacement and a deletion.
    """
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in blocks:
        if i1 == i2 and j1 == j2:
            continue
        if out and out[-1][0] != "equal" and tag != "equal":
            _, p1, _, q1, _ = out[-1]
            tag = "replace" if (i2 > p1 and j2 > q1) else ("delete" if i2 > p1 else "insert")
            out[-1] = (tag, p1, i2, q1, j2)
        elif out and out[-1][0] == "equal" and tag == "equal":
            _, p1, _, q1, _ = out[-1]
            out[-1] = (tag, p1, i2, q1, j2)
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def _span(tokens: Sequence[Token], start: int, end: int, anchor: int) -> tuple[int, int]:
    if end > start:
        return tokens[start].start, tokens[end - 1].end
    if start > 0:
        return tokens[start - 1].end, tokens[start - 1].end
    if tokens:
        return tokens[0].start, tokens[0].start
    return anchor, anchor
