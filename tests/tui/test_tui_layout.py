"""Wrapping and band layout: every word shown once, no line wider than its column."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len

from compare import compare
from tui.layout import GUTTER, Layout, flatten, wrap_spans

words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=200)


@given(text=words, width=st.integers(min_value=1, max_value=80))
@example(text="0000\xa0\u3001\u3001", width=4)  # a no-break space does not end a word
@example(text="000\u3000\uffa0", width=2)  # a wide and a zero-width character: as many cells as characters
def test_wrapped_lines_fit_and_keep_every_word(text: str, width: int) -> None:
    text = flatten(text)
    spans = wrap_spans(text, width)
    assert all(cell_len(text[start:end]) <= max(width, 2) for start, end in spans)
    # Words are what the wrapper breaks between: runs without an ordinary space (a no-break space joins).
    words = [w for w in text.split(" ") if w]
    kept = [w for w in " ".join(text[start:end] for start, end in spans).split(" ") if w]
    assert kept == words or any(cell_len(word) > width for word in words)
    assert spans == sorted(spans)


def test_long_word_is_cut_not_lost() -> None:
    assert wrap_spans("abcdefghij klm", 4) == [(0, 4), (4, 8), (8, 10), (11, 14)]


def test_double_width_characters_count_two_cells() -> None:
    text = "東京 is the capital"
    spans = wrap_spans(text, 5)
    assert spans[0] == (0, 2)  # 東京 fills four of five cells alone: " is" would make six
    assert "".join(text[start:end] for start, end in spans) == text.replace(" ", "")  # nothing dropped
    for start, end in spans:
        assert cell_len(text[start:end]) <= 5


def test_control_characters_draw_as_spaces_without_moving_offsets() -> None:
    assert flatten("a\nb\tc") == "a b c"


def test_side_by_side_band_is_as_tall_as_its_taller_side() -> None:
    result = compare("Short one. Another short one.", "Short one. " + "A much longer sentence " * 6 + "here.")
    layout = Layout(result, range(len(result.groups)), 60, gap=0)
    for position, group in enumerate(result.groups):
        a = sum(len(layout.lines("a", i)) for i in group.a)
        b = sum(len(layout.lines("b", j)) for j in group.b)
        assert layout.heights[position] == max(a, b, 1)
        assert len(layout.rows(position)) == layout.heights[position]
    assert layout.total == sum(layout.heights)
    assert layout.a_width + layout.b_width + GUTTER + 3 == 60


def test_stacked_layout_draws_identical_groups_once() -> None:
    result = compare("Same here. Old words.", "Same here. New words entirely.")
    assert [g.kind for g in result.groups].count("identical") == 1  # the claim needs an identical group
    layout = Layout(result, range(len(result.groups)), 80, stacked=True, gap=0)
    for position, group in enumerate(result.groups):
        rows = layout.rows(position)
        if group.kind == "identical":
            assert {row.side for row in rows} == {""}
        else:
            assert len(rows) == len(group.a) + len(group.b)


def test_locate_maps_every_line_to_its_band() -> None:
    result = compare("One. Two. Three.", "One. Two! Four.")
    layout = Layout(result, [0, 2], 40)
    seen = [layout.locate(y) for y in range(layout.total)]
    assert [position for position, _ in seen] == [0] * layout.heights[0] + [1] * layout.heights[1]
    assert layout.locate(layout.total) is None
    assert layout.position_of(2) == 1 and layout.position_of(1) is None
