"""The export dialog: pick a format and a file name; the compare screen writes it through the core.

A file that already exists is not replaced at the first enter: the dialog says
so, and a second enter (with the name unchanged) confirms.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from compare.render import FORMATS, extension, format_of

from .dialog import dialog_css

__all__ = ["ExportScreen", "available_formats", "default_path"]

# The order offered: the formats meant for sharing first.
_ORDER = ("json", "markdown", "html", "csv", "text")


def available_formats() -> list[str]:
    """The formats `compare.render` can produce, in the order the dialog offers them."""
    return [fmt for fmt in _ORDER if fmt in FORMATS]


def default_path(directory: Path, stem: str, fmt: str) -> Path:
    """`<stem>.<ext>` in `directory`, numbered so an existing file is never the default."""
    ext = extension(fmt)
    candidate = directory / f"{stem}{ext}"
    n = 1
    while candidate.exists():
        candidate = directory / f"{stem}-{n}{ext}"
        n += 1
    return candidate


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Returns (format, path), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = dialog_css(
        "ExportScreen",
        "Vertical",
        72,
        """
        ExportScreen OptionList { height: auto; max-height: 7; }
        ExportScreen #confirm { display: none; width: 100%; color: $text-warning; text-style: bold; }
        ExportScreen #confirm.-shown { display: block; }
        """,
    )

    def __init__(self, directory: Path, stem: str) -> None:
        super().__init__()
        self.directory = directory
        self.stem = stem
        self.formats = available_formats()
        self._confirmed: str | None = None  # the existing file the user was told about, once

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Export the comparison"
            box.border_subtitle = "enter saves · esc cancels"
            yield Label("Format:")
            yield OptionList(*(Option(fmt, id=fmt) for fmt in self.formats), id="formats")
            yield Label("File:")
            yield Input(str(default_path(self.directory, self.stem, self.formats[0])), id="path")
            yield Label(id="confirm")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0
        self.query_one(OptionList).focus()

    @property
    def chosen_format(self) -> str:
        """The highlighted format."""
        index = self.query_one(OptionList).highlighted
        return self.formats[index or 0]

    @on(OptionList.OptionHighlighted)
    def _format_changed(self) -> None:
        """Follow the format with the file name's extension, unless the user typed their own name."""
        path_input = self.query_one("#path", Input)
        current = Path(path_input.value)
        if format_of(current) is not None:
            path_input.value = str(current.with_suffix(extension(self.chosen_format)))

    @on(Input.Changed, "#path")
    def _name_changed(self) -> None:
        """A new name needs its own confirmation."""
        self._confirmed = None
        self.query_one("#confirm", Label).remove_class("-shown")

    @on(OptionList.OptionSelected)
    @on(Input.Submitted)
    def _save(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self.notify("Give a file name to export to.", severity="warning")
            return
        if Path(path).exists() and self._confirmed != path:
            self._confirmed = path
            warning = self.query_one("#confirm", Label)
            warning.update(Text(f"{Path(path).name} exists: enter again to replace it, or change the name."))
            warning.add_class("-shown")
            return
        self.dismiss((self.chosen_format, path))

    def action_cancel(self) -> None:
        self.dismiss(None)
