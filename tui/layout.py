"""Where every line of the diff view goes: wrapping sentences and stacking groups into row bands.

This module knows nothing about Textual. It turns a `Comparison`, the list of
groups to show, a width and a layout mode into bands of rows, one band per
group. Heights for *all* groups are computed up front (wrapping is a few
`str.rfind` calls per line, so 10,000 sentences take milliseconds), which gives
the scroll view its virtual height; the rows of a band are built only when the
band is drawn.

A row refers to text by offsets — (sentence index, start, end) into that
sentence's text — so the widget can cut the highlighted pieces from
`compare.render.highlight.pieces` at the same places.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.cells import get_character_cell_size

from compare import Comparison, Group
from compare.render import display_text

__all__ = ["GAP", "GUTTER", "LABEL", "Layout", "Row", "Span", "flatten", "wrap_spans"]

GUTTER = 6  # cursor bar, kind symbol, moved mark, finding mark, link mark, space
LABEL = 2  # "A " / "B " in the stacked layout
SEPARATOR = 3  # " │ " between the two columns
GAP = 1  # blank row after each band

# Tabs and newlines draw as one space each (other control characters, and the bidirectional overrides, as
# `display_text` shows them), so offsets stay valid.
_FLAT = str.maketrans({"\t": " ", "\n": " "})
# Characters one cell wide: Latin scripts, general punctuation (curly quotes, dashes), currency signs.
_NARROW = re.compile(r"[\x20-\x7e\xa0-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*")


def flatten(text: str) -> str:
    """`text` on one line, safe to draw: tabs and newlines as spaces, other controls as symbols, bidirectional
    overrides as U+FFFD (same length, so offsets stay valid)."""
    return display_text(text).translate(_FLAT)


def _narrow(text: str) -> bool:
    """True when every character of `text` is one cell wide (the common case, checked fast).

    Not `cell_len(text) == len(text)`: a double-width and a zero-width character cancel out there.
    """
    return text.isascii() or _NARROW.fullmatch(text) is not None


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: `(start, end)` offsets of each line of `text` at `width` cells.

    Lines break at spaces; a word longer than the width is cut. Spaces at line
    ends are left out of the spans. `text` should be `flatten`ed first. An empty
    text still has one (empty) line.

    >>> wrap_spans("the cat sat on the mat", 8)
    [(0, 7), (8, 14), (15, 22)]
    """
    width = max(1, width)
    if not _narrow(text):
        return _wrap_wide(text, width)
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = _skip_spaces(text, 0)
    while start < n:
        if n - start <= width:
            spans.append((start, _trim_end(text, start, n)))
            break
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:  # one word longer than the line
            end, following = start + width, start + width
        else:
            end, following = cut, cut + 1
        spans.append((start, _trim_end(text, start, end)))
        start = _skip_spaces(text, following)
    return spans or [(0, 0)]


def _skip_spaces(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos] == " ":
        pos += 1
    return pos


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


def _wrap_wide(text: str, width: int) -> list[tuple[int, int]]:
    """The slow path of `wrap_spans`, for text with double-width or zero-width characters."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = _skip_spaces(text, 0)
    while start < n:
        used, pos, last_space = 0, start, -1
        while pos < n:
            size = get_character_cell_size(text[pos])
            if used + size > width and pos > start:
                break
            if text[pos] == " ":
                last_space = pos
            used += size
            pos += 1
        if pos >= n:
            spans.append((start, _trim_end(text, start, n)))
            break
        if last_space > start:
            end, following = last_space, last_space + 1
        else:
            end, following = pos, pos
        spans.append((start, _trim_end(text, start, end)))
        start = _skip_spaces(text, following)
    return spans or [(0, 0)]


Span = tuple[int, int, int]  # sentence index, start, end (offsets into the sentence's text)


@dataclass(frozen=True)
class Row:
    """One screen row of a band.

    In the side-by-side layout `a` and `b` are the spans drawn in the left and
    right columns (None leaves a column blank). In the stacked layout only one
    of them is set, and `side` says which ('' for an identical group drawn once).
    `first` marks the band's first row (where the gutter shows the symbol);
    `gap` marks the blank row between bands.
    """

    a: Span | None
    b: Span | None
    side: Literal["a", "b", ""] = ""
    first: bool = False
    gap: bool = False


class Layout:
    """Bands of rows for the groups in `visible`, at one width, side by side or stacked.

    `position` below is an index into `visible` (the n-th band on screen), not a
    group index.
    """

    def __init__(
        self,
        result: Comparison,
        visible: Sequence[int],
        width: int,
        *,
        stacked: bool = False,
        gap: int = GAP,
    ) -> None:
        self.result = result
        self.visible = list(visible)
        self.width = max(width, GUTTER + SEPARATOR + 2)
        self.stacked = stacked
        self.gap = gap
        if stacked:
            self.a_width = self.b_width = max(1, self.width - GUTTER - LABEL)
        else:
            text_width = self.width - GUTTER - SEPARATOR
            self.a_width = max(1, text_width // 2)
            self.b_width = max(1, text_width - self.a_width)
        self.a_text = [flatten(s.text) for s in result.a_sentences]
        self.b_text = [flatten(s.text) for s in result.b_sentences]
        self._a_lines: dict[int, list[tuple[int, int]]] = {}
        self._b_lines: dict[int, list[tuple[int, int]]] = {}
        self.heights = [self._height(self.result.groups[g]) for g in self.visible]
        self.starts: list[int] = []
        y = 0
        for height in self.heights:
            self.starts.append(y)
            y += height
        self.total = y
        self._rows: dict[int, list[Row]] = {}

    # -- wrapping, memoised per sentence -----------------------------------------
    def lines(self, side: Literal["a", "b"], index: int) -> list[tuple[int, int]]:
        """The wrapped line spans of one sentence of one side."""
        memo = self._a_lines if side == "a" else self._b_lines
        spans = memo.get(index)
        if spans is None:
            texts, width = (self.a_text, self.a_width) if side == "a" else (self.b_text, self.b_width)
            spans = memo[index] = wrap_spans(texts[index], width)
        return spans

    def _side_rows(self, side: Literal["a", "b"], indices: Sequence[int]) -> list[Span]:
        return [(i, start, end) for i in indices for start, end in self.lines(side, i)]

    def _count(self, side: Literal["a", "b"], indices: Sequence[int]) -> int:
        return sum(len(self.lines(side, i)) for i in indices)

    def _height(self, group: Group) -> int:
        a, b = group.a, group.b
        if not self.stacked:
            return max(self._count("a", a), self._count("b", b), 1) + self.gap
        if group.kind == "identical":
            return max(self._count("a", a), 1) + self.gap
        return self._count("a", a) + self._count("b", b) + self.gap

    # -- lookups -------------------------------------------------------------------
    def locate(self, y: int) -> tuple[int, int] | None:
        """(position, row within the band) of virtual line `y`, or None past the end."""
        if y < 0 or y >= self.total:
            return None
        position = bisect_right(self.starts, y) - 1
        return position, y - self.starts[position]

    def rows(self, position: int) -> list[Row]:
        """The rows of the band at `position`, built on first use."""
        rows = self._rows.get(position)
        if rows is not None:
            return rows
        group = self.result.groups[self.visible[position]]
        a_rows = self._side_rows("a", group.a)
        b_rows = self._side_rows("b", group.b)
        if not self.stacked:
            height = max(len(a_rows), len(b_rows), 1)
            rows = [
                Row(
                    a_rows[k] if k < len(a_rows) else None,
                    b_rows[k] if k < len(b_rows) else None,
                    first=k == 0,
                )
                for k in range(height)
            ]
        elif group.kind == "identical":
            rows = [Row(span, None, "", first=k == 0) for k, span in enumerate(a_rows)]
        else:
            rows = [Row(span, None, "a") for span in a_rows] + [Row(None, span, "b") for span in b_rows]
            rows = [Row(r.a, r.b, r.side, first=k == 0) for k, r in enumerate(rows)]
        rows += [Row(None, None, gap=True)] * self.gap
        self._rows[position] = rows
        return rows

    def position_of(self, group_index: int) -> int | None:
        """Where group `group_index` is among the visible bands, or None if it is filtered out."""
        lo, hi = 0, len(self.visible)
        # `visible` is in reading order, which is increasing group index.
        while lo < hi:
            mid = (lo + hi) // 2
            if self.visible[mid] < group_index:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.visible) and self.visible[lo] == group_index:
            return lo
        return None
