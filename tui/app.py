"""`StorydiffApp`: the Textual application behind `storydiff tui`.

It shows one `Comparison` (computed by `compare.compare`, never here), or, with
nothing to show yet, a file picker that produces one.
"""

from __future__ import annotations

from pathlib import Path

from textual import on

from compare import Comparison, Document, Method, Source
from compare.ingest import DEFAULT_MAX_BYTES

from .base import BaseApp
from .messages import ResultReady
from .screens import CompareScreen, HelpScreen, PickerScreen
from .screens.help import binding_rows

__all__ = ["StorydiffApp"]


class StorydiffApp(BaseApp):
    """Compare two versions of a story in the terminal."""

    TITLE = "storydiff"

    def __init__(
        self,
        result: Comparison | None = None,
        *,
        sources: tuple[Source, Source] | None = None,
        start: Path | None = None,
        first: Document | None = None,
        threshold: float | None = None,
        method: Method = "lexical",
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        """Show `result` (re-aligned from `sources` on +/-, with the method it was aligned with), or a picker
        rooted at `start` when it is None.

        `first` is an already chosen A for the picker (when only one file was given); the picker aligns with
        `method` (`storydiff tui A --method semantic`), as the command line aligns a given pair.
        """
        super().__init__()
        self.initial = result
        self.sources = sources
        self.start = start or Path.cwd()
        self.first = first
        self.threshold = threshold
        self.method: Method = method
        self.max_bytes = max_bytes

    def on_mount(self) -> None:
        if self.initial is not None:
            self.push_screen(CompareScreen(self.initial, self.sources))
        else:
            picker = PickerScreen(
                self.start, first=self.first, threshold=self.threshold, method=self.method, max_bytes=self.max_bytes
            )
            self.push_screen(picker)

    @on(ResultReady)
    def _result_ready(self, message: ResultReady) -> None:
        """The picker produced a comparison: show it in place of the picker."""
        self.switch_screen(CompareScreen(message.result, message.sources))

    def action_help(self) -> None:
        """The help screen for whatever screen is showing."""
        if isinstance(self.screen, HelpScreen):
            return
        if isinstance(self.screen, CompareScreen):
            self.screen.action_help()
            return
        self.push_screen(HelpScreen(binding_rows([*getattr(self.screen, "BINDINGS", []), *self.BINDINGS])))
