"""The help screen: every key binding and what the gutter symbols mean."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from compare.render import KIND_SYMBOL, LINK_SYMBOL, MOVED_SYMBOL

from .dialog import dialog_css

__all__ = ["HelpScreen", "binding_rows"]

_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "underscore": "_",
    "space": "space",
    "escape": "esc",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "down": "↓",
    "up": "↑",
    "right": "→",
    "left": "←",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
}


def binding_rows(bindings: Sequence[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) for each binding, keys spelled as they are typed.

    `bindings` go from the innermost (the focused widget's) to the outermost (the app's), the order in which
    Textual looks a key up: a key bound again further out never reaches its binding there, so only its first
    binding is listed (the screen's `?` and `q`, not the app's same keys a second time).
    """
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for binding in bindings:
        if isinstance(binding, Binding):
            keys, description = binding.key, binding.description
            if binding.tooltip:  # the footer has room for a word or two; the help says what the key does
                description = (
                    f"{description}: {binding.tooltip}"
                    if binding.tooltip[0] != "("
                    else f"{description} {binding.tooltip}"
                )
        else:
            keys, description = binding[0], binding[2] if len(binding) > 2 else binding[1]
        fresh = [key.strip() for key in keys.split(",") if key.strip() not in seen]
        if not fresh:
            continue
        seen.update(fresh)
        rows.append((" ".join(_KEY_NAMES.get(key, key) for key in fresh), description))
    return rows


class HelpScreen(ModalScreen[None]):
    """A dialog listing every binding; any of esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", key_display="esc"),
    ]

    DEFAULT_CSS = dialog_css(
        "HelpScreen",
        "VerticalScroll",
        84,
        "HelpScreen > VerticalScroll { max-height: 100%; border-title-align: center; }",
    )

    def __init__(self, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for shown, description in self.rows:
            keys.add_row(shown, description)
        keys.add_row("click", "select the row under the pointer")
        keys.add_row("wheel", "scroll")
        gutter = Table.grid(padding=(0, 2))
        gutter.add_column(style="bold", no_wrap=True)
        gutter.add_column()
        for kind, symbol in KIND_SYMBOL.items():
            meaning = ": its content is in the other version, said again" if kind == "repeated" else ""
            gutter.add_row(symbol, kind + meaning)
        gutter.add_row(MOVED_SYMBOL, "moved: out of order relative to the rest")
        gutter.add_row(
            LINK_SYMBOL, "also linked: a sentence here says the same as, or shares a part with, one outside the group"
        )
        gutter.add_row("!", "a finding (fact drift) on this row, listed in the details")
        words = Text()
        words.append("Words: ")
        words.append("deleted", style="strike")
        words.append(" (red, struck through), ")
        words.append("inserted", style="underline")
        words.append(" (green, underlined), ")
        words.append("replaced", style="bold")
        words.append(" (yellow, bold).")
        box = VerticalScroll(
            Static(Text("Keys", style="bold underline")),
            Static(keys),
            Static(Text("\nGutter", style="bold underline")),
            Static(gutter),
            Static(words),
        )
        box.border_title = "storydiff help"
        box.border_subtitle = "esc closes"
        yield box
