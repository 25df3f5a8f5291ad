"""The diff itself: one band of rows per alignment group, drawn lazily with Textual's Line API.

No widget per sentence: `render_line` asks the `Layout` which band and row a
screen line shows, cuts the highlighted pieces of that row's sentence from
`compare.render.highlight.pieces`, and keeps the resulting `Strip`s in an LRU cache.
Opening two 10,000-sentence documents costs one pass of word wrapping; only the
rows on screen are ever styled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from compare import Comparison, Finding, Group
from compare.render import KIND_SYMBOL, LINK_SYMBOL, MOVED_SYMBOL, Piece, other_links, pieces, repeat_note

from ..layout import GUTTER, Layout, Row, Span, flatten
from ..messages import CursorMoved

__all__ = ["DiffView", "finding_groups"]

FINDING_SYMBOL = "!"
FINDINGS_AT_ONCE = 2000  # sentences on both sides; above this, findings arrive after the first paint
SEPARATOR_TEXT = " │ "
CURSOR_BAR = "▌"  # marks the cursor's band even without colour
STACK_BELOW = (
    70  # columns: narrower than this, the view starts stacked (A above B), each side too narrow beside the other
)
_BLENDED = {"diff--cursor", "diff--delete", "diff--insert", "diff--replace", "diff--match"}


def finding_groups(result: Comparison) -> dict[int, list[Finding]]:
    """Findings by the index of the group they concern; one naming no group of this result is left out."""
    by_group: dict[int, list[Finding]] = {}
    for finding in result.findings:
        if 0 <= finding.group < len(result.groups):
            by_group.setdefault(finding.group, []).append(finding)
    return by_group


class DiffView(ScrollView, can_focus=True):
    """Both versions side by side (or stacked), a band per group, with a row cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next row", key_display="↓/j", show=False),
        Binding("up,k", "cursor_up", "Previous row", key_display="↑/k", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g", "first", "First row", show=False),
        Binding("end,G", "last", "Last row", show=False),
    ]
    """Moving the row cursor (the band of one group)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "diff--delete",
        "diff--insert",
        "diff--replace",
        "diff--match",
        "diff--cursor",
        "diff--cursor-bar",
        "diff--separator",
        "diff--label",
        "diff--finding",
        "diff--moved",
        "diff--link",
        "diff--note",
        *(f"diff--kind-{kind}" for kind in KIND_SYMBOL),
    }

    DEFAULT_CSS = """
    DiffView {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        overflow-y: scroll;
        height: 1fr;
    }
    DiffView > .diff--delete { color: $text-error; background: $error-muted 40%; text-style: strike; }
    DiffView > .diff--insert { color: $text-success; background: $success-muted 40%; text-style: underline; }
    DiffView > .diff--replace { color: $text-warning; background: $warning-muted 40%; text-style: bold; }
    DiffView > .diff--match { background: $accent 60%; color: $text; text-style: bold reverse; }
    DiffView > .diff--cursor { background: $foreground 8%; }
    DiffView:focus > .diff--cursor { background: $primary 25%; }
    DiffView > .diff--cursor-bar { color: $primary; }
    DiffView > .diff--separator { color: $foreground-muted; }
    DiffView > .diff--label { color: $foreground-muted; text-style: bold; }
    DiffView > .diff--finding { color: $text-error; text-style: bold reverse; }
    DiffView > .diff--moved { color: $text-accent; text-style: bold; }
    DiffView > .diff--note { color: $foreground-muted; text-style: italic; }
    DiffView > .diff--kind-identical { color: $foreground-muted; }
    DiffView > .diff--kind-modified { color: $text-warning; text-style: bold; }
    DiffView > .diff--kind-split { color: $text-primary; text-style: bold; }
    DiffView > .diff--kind-merged { color: $text-secondary; text-style: bold; }
    DiffView > .diff--kind-inserted { color: $text-success; text-style: bold; }
    DiffView > .diff--kind-deleted { color: $text-error; text-style: bold; }
    DiffView > .diff--kind-repeated { color: $text-accent; text-style: bold; }
    DiffView > .diff--link { color: $text-accent; }
    """

    def __init__(self, result: Comparison, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._result = result
        self._changes_only = False
        self._stacked: bool | None = None  # None: chosen by the width (`STACK_BELOW`) until the reader picks one
        self._pattern: re.Pattern[str] | None = None
        self._layout: Layout | None = None
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(4096)
        self._pieces: LRUCache[tuple[int, str], list[list[Piece]]] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._prepare(result)
        self.cursor_group: int | None = 0 if result.groups else None

    # -- what is shown -------------------------------------------------------------
    def _prepare(self, result: Comparison) -> None:
        self._result = result
        # Changed facts of a long comparison are looked for in a worker after the first paint
        # (see CompareScreen.find_facts); a short one's are found at once.
        small = len(result.a_sentences) + len(result.b_sentences) <= FINDINGS_AT_ONCE
        self.findings = finding_groups(result) if small else {}
        self.findings_pending = not small
        self._linked: dict[int, bool] = {}  # group -> has links beyond itself, found as rows are drawn
        owner_a: dict[int, int] = {}
        owner_b: dict[int, int] = {}
        for n, group in enumerate(result.groups):
            for i in group.a:
                owner_a[i] = n
            for j in group.b:
                owner_b[j] = n
        self._owner = {"a": owner_a, "b": owner_b}
        self._pieces.clear()
        self.match_groups: list[int] = self._find_matches()

    @property
    def result(self) -> Comparison:
        """The comparison on screen."""
        return self._result

    def show_findings(self, result: Comparison) -> None:
        """Mark the changed facts of `result`, found in the background, if it is still on screen."""
        if result is self._result:
            self.findings = finding_groups(result)
            self.findings_pending = False
            self._strips.clear()
            self.refresh()

    def show(self, result: Comparison, *, keep: Callable[[Comparison], int | None] | None = None) -> None:
        """Draw another comparison; `keep` picks the group the cursor should land on (default: the first)."""
        self._prepare(result)
        target = keep(result) if keep else None
        self.cursor_group = target if target is not None else (0 if result.groups else None)
        self.relayout(jump=True)

    @property
    def changes_only(self) -> bool:
        """True when identical groups in place are hidden."""
        return self._changes_only

    @changes_only.setter
    def changes_only(self, value: bool) -> None:
        self._changes_only = value
        self.relayout(jump=True)

    @property
    def stacked(self) -> bool:
        """True for the stacked (unified) layout, False for side by side: as the reader chose with space, or
        stacked on a terminal narrower than `STACK_BELOW` columns, where each side would get under 30."""
        if self._stacked is not None:
            return self._stacked
        return 0 < self.size.width < STACK_BELOW

    @stacked.setter
    def stacked(self, value: bool) -> None:
        self._stacked = value
        self.relayout(jump=True)

    @property
    def search_text(self) -> str:
        """The search text ('' when not searching)."""
        return self._pattern.pattern if self._pattern else ""

    def search(self, text: str) -> list[int]:
        """Highlight `text` (case-insensitive) on both sides; returns the groups that contain it."""
        self._pattern = re.compile(re.escape(text), re.IGNORECASE) if text else None
        self.match_groups = self._find_matches()
        self._strips.clear()
        self.refresh()
        return self.match_groups

    def _find_matches(self) -> list[int]:
        if self._pattern is None:
            return []
        found: set[int] = set()
        for side, sentences in (("a", self._result.a_sentences), ("b", self._result.b_sentences)):
            owner = self._owner[side]
            for sentence in sentences:
                if self._pattern.search(sentence.text):
                    found.add(owner[sentence.index])
        return sorted(found)

    def visible_groups(self) -> list[int]:
        """Indices of the groups drawn, in reading order."""
        groups = self._result.groups
        if not self._changes_only:
            return list(range(len(groups)))
        return [n for n, g in enumerate(groups) if g.changed or n in self.findings]

    # -- layout ----------------------------------------------------------------------
    @property
    def text_width(self) -> int:
        """Cells available for the rows (the view's width less the scrollbar)."""
        return self.scrollable_content_region.width

    def relayout(self, *, jump: bool = False) -> None:
        """Wrap and place every visible group again (after a resize or a change of what is shown)."""
        width = self.text_width
        if width <= 0:
            return
        self._layout = Layout(self._result, self.visible_groups(), width, stacked=self.stacked)
        self._strips.clear()
        if self.cursor_group is not None and self._layout.position_of(self.cursor_group) is None:
            self.cursor_group = self._nearest_visible(self.cursor_group)
        self.virtual_size = Size(width, self._layout.total)
        self.refresh()
        if jump:
            self.scroll_to_cursor(center=True)
        self.post_message(CursorMoved(self.cursor_group))

    def _nearest_visible(self, group: int) -> int | None:
        assert self._layout is not None
        visible = self._layout.visible
        if not visible:
            return None
        later = [g for g in visible if g >= group]
        return later[0] if later else visible[-1]

    def on_resize(self, event: events.Resize) -> None:
        """Wrap again when the width changes."""
        if self._layout is None or self._layout.width != self.text_width:
            self.relayout()
            self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        """The theme or CSS changed: forget the styles and the styled rows."""
        super().notify_style_update()
        self._styles = {}
        self._strips.clear()

    # -- the cursor ------------------------------------------------------------------
    @property
    def cursor_position(self) -> int | None:
        """The cursor's band among the visible ones."""
        if self._layout is None or self.cursor_group is None:
            return None
        return self._layout.position_of(self.cursor_group)

    def select_group(self, group: int | None, *, center: bool = False) -> None:
        """Put the cursor on `group` (a visible group index) and bring it on screen."""
        if group == self.cursor_group:
            self.scroll_to_cursor(center=center)
            return
        old = self.cursor_group
        self.cursor_group = group
        self._refresh_band(old)
        self._refresh_band(group)
        self.scroll_to_cursor(center=center)
        self.post_message(CursorMoved(group))

    def _refresh_band(self, group: int | None) -> None:
        if self._layout is None or group is None:
            return
        position = self._layout.position_of(group)
        if position is None:
            return
        top = self._layout.starts[position] - round(self.scroll_offset.y)
        self.refresh(Region(0, top, self.size.width, self._layout.heights[position]))

    def scroll_to_cursor(self, *, center: bool = False) -> None:
        """Scroll the least needed (or centre) so the cursor's band is on screen."""
        position = self.cursor_position
        if position is None or self._layout is None:
            return
        height = max(1, self._layout.heights[position] - self._layout.gap)
        if height >= self.scrollable_content_region.height:
            self.scroll_to(y=self._layout.starts[position], animate=False, immediate=True)
            return
        region = Region(0, self._layout.starts[position], 1, height)
        self.scroll_to_region(region, animate=False, center=center, immediate=True, x_axis=False)

    def move(self, steps: int) -> None:
        """Move the cursor `steps` bands down (negative: up), stopping at the ends."""
        if self._layout is None or not self._layout.visible:
            return
        position = self.cursor_position
        position = 0 if position is None else max(0, min(len(self._layout.visible) - 1, position + steps))
        self.select_group(self._layout.visible[position])

    def step_to(self, candidates: Iterable[int], *, backwards: bool = False, here: bool = False) -> bool:
        """Move to the next (or previous) visible group among `candidates`, wrapping around; False if none.

        With `here`, the group under the cursor counts as the next one.
        """
        if self._layout is None:
            return False
        visible = [g for g in candidates if self._layout.position_of(g) is not None]
        if not visible:
            return False
        current = self.cursor_group if self.cursor_group is not None else -1
        if here and current in visible:
            self.select_group(current, center=True)
            return True
        if backwards:
            earlier = [g for g in visible if g < current]
            target = earlier[-1] if earlier else visible[-1]
        else:
            later = [g for g in visible if g > current]
            target = later[0] if later else visible[0]
        self.select_group(target, center=True)
        return True

    def action_cursor_down(self) -> None:
        self.move(1)

    def action_cursor_up(self) -> None:
        self.move(-1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """Move the cursor by about a screenful of rows."""
        if self._layout is None or self.cursor_group is None:
            return
        position = self.cursor_position or 0
        y = self._layout.starts[position] + direction * self.scrollable_content_region.height
        y = max(0, min(self._layout.total - 1, y))
        located = self._layout.locate(y)
        if located is not None:
            target = located[0]
            if target == position:
                target = max(0, min(len(self._layout.visible) - 1, position + direction))
            self.select_group(self._layout.visible[target])

    def action_first(self) -> None:
        self.move(-len(self._result.groups))

    def action_last(self) -> None:
        self.move(len(self._result.groups))

    def on_click(self, event: events.Click) -> None:
        """A click selects the band under the pointer."""
        offset = event.get_content_offset(self)
        if offset is None or self._layout is None:
            return
        located = self._layout.locate(offset.y + round(self.scroll_offset.y))
        if located is not None:
            self.select_group(self._layout.visible[located[0]])

    # -- drawing -----------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Screen line `y`: its band's row, from the cache or styled now."""
        width = self.text_width
        if self._layout is None or self._layout.width != width:
            return Strip.blank(width, self.rich_style)
        located = self._layout.locate(round(self.scroll_offset.y) + y)
        if located is None:
            return Strip.blank(width, self.rich_style)
        position, row_index = located
        strip = self._strips.get((position, row_index))
        if strip is None:
            strip = self._render_row(position, row_index, width)
            self._strips[(position, row_index)] = strip
        row = self._layout.rows(position)[row_index]
        if self._layout.visible[position] == self.cursor_group and not row.gap:
            bar = Strip([Segment(CURSOR_BAR, self._style("diff--cursor-bar"))], 1)
            strip = Strip.join([bar, strip.crop(1, width)]).apply_style(self._style("diff--cursor"))
        # The widget's own colours go under everything (the cached rows carry only their highlights).
        return strip.apply_style(self.rich_style)

    def _style(self, name: str) -> Style:
        """The rich style of component class `name`, read from the CSS on first use."""
        style = self._styles.get(name)
        if style is None:
            try:
                # Styles with a translucent background are blended over the widget's own (partial=False).
                partial = name not in _BLENDED
                style = self._styles[name] = self.get_component_rich_style(name, partial=partial)
            except KeyError:  # the CSS is not applied yet
                return Style()
        return style

    def _render_row(self, position: int, row_index: int, width: int) -> Strip:
        assert self._layout is not None
        layout = self._layout
        group_index = layout.visible[position]
        group = self._result.groups[group_index]
        row = layout.rows(position)[row_index]
        if row.gap:
            return Strip.blank(width)
        segments = self._gutter(group_index, group, row)
        if layout.stacked:
            side: Literal["a", "b"] = "b" if row.side == "b" else "a"
            label = {"a": "A ", "b": "B ", "": "  "}[row.side]
            segments.append(Segment(label, self._style("diff--label")))
            segments += self._cell(group_index, group, side, row.a if side == "a" else row.b, layout.a_width)
        else:
            # A repeated sentence has no partner of its own: its empty side says which sentence it repeats,
            # so the row does not read as new text (an inserted or deleted one).
            note = repeat_note(self._result, group) if row.first and group.kind == "repeated" else ""
            for side, span, cell_width in (("a", row.a, layout.a_width), ("b", row.b, layout.b_width)):
                if side == "b":
                    segments.append(Segment(SEPARATOR_TEXT, self._style("diff--separator")))
                if note and span is None and not (group.a if side == "a" else group.b):
                    segments += Strip([Segment(f"({note})", self._style("diff--note"))]).adjust_cell_length(cell_width)
                else:
                    segments += self._cell(group_index, group, side, span, cell_width)
        return Strip(segments).adjust_cell_length(width)

    def _gutter(self, group_index: int, group: Group, row: Row) -> list[Segment]:
        kind_style = self._style(f"diff--kind-{group.kind}")
        if not row.first:
            return [Segment(" " * GUTTER)]
        finding = FINDING_SYMBOL if group_index in self.findings else " "
        linked = self._linked.get(group_index)
        if linked is None:
            linked = self._linked[group_index] = bool(other_links(self._result, group))
        return [
            Segment(" "),
            Segment(KIND_SYMBOL[group.kind], kind_style),
            Segment(MOVED_SYMBOL if group.moved else " ", self._style("diff--moved")),
            Segment(finding, self._style("diff--finding")) if finding != " " else Segment(" "),
            Segment(LINK_SYMBOL, self._style("diff--link")) if linked else Segment(" "),
            Segment(" "),
        ]

    def _cell(
        self, group_index: int, group: Group, side: Literal["a", "b"], span: Span | None, width: int
    ) -> list[Segment]:
        """One column of one row: the piece of a sentence between the span's offsets, styled, padded to `width`."""
        if span is None:
            return [Segment(" " * width)]
        index, start, end = span
        key = (group_index, side)
        sentence_pieces = self._pieces.get(key)
        if sentence_pieces is None:
            sentence_pieces = self._pieces[key] = pieces(self._result, group, side)
        indices = group.a if side == "a" else group.b
        parts = sentence_pieces[indices.index(index)]
        sentences = self._result.a_sentences if side == "a" else self._result.b_sentences
        matches = self._match_spans(sentences[index].text, start, end)
        segments = list(self._cut(parts, start, end, matches))
        return list(Strip(segments).adjust_cell_length(width))

    def _match_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        if self._pattern is None:
            return []
        return [(m.start(), m.end()) for m in self._pattern.finditer(text) if m.end() > start and m.start() < end]

    def _cut(self, parts: list[Piece], start: int, end: int, matches: list[tuple[int, int]]) -> Iterable[Segment]:
        """Segments for characters `start:end` of a sentence cut into highlighted pieces."""
        styles = {None: Style(), "delete": self._style("diff--delete"), "insert": self._style("diff--insert")}
        styles["replace"] = self._style("diff--replace")
        match_style = self._style("diff--match")
        cuts = {start, end}
        offset = 0
        bounds: list[tuple[int, int, Style]] = []
        for text, tag in parts:
            lo, hi = offset, offset + len(text)
            offset = hi
            if hi <= start or lo >= end:
                continue
            bounds.append((max(lo, start), min(hi, end), styles[tag]))
        for m_start, m_end in matches:
            cuts.update(x for x in (m_start, m_end) if start < x < end)
        full = "".join(text for text, _ in parts)
        for lo, hi, style in bounds:
            inner = sorted(x for x in cuts if lo < x < hi)
            edges = [lo, *inner, hi]
            for a, b in pairwise(edges):
                chunk = flatten(full[a:b])
                in_match = any(m_start <= a < m_end for m_start, m_end in matches)
                yield Segment(chunk, style + match_style if in_match else style)
