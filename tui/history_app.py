"""`HistoryApp`: the terminal UI of `storydiff history --tui`, one history stepped through version by version."""

from __future__ import annotations

from compare import History

from .base import BaseApp
from .screens.history import HistoryScreen

__all__ = ["HistoryApp"]


class HistoryApp(BaseApp):
    """Show a `History` (computed by `compare.timeline`, never here), starting at step `step` (0: v1 → v2)."""

    TITLE = "storydiff history"

    def __init__(self, history: History, *, step: int = 0) -> None:
        super().__init__()
        self.history = history
        self.first_step = step

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.history, self.first_step))

    def action_help(self) -> None:
        """The help screen of the history screen (not over itself)."""
        if isinstance(self.screen, HistoryScreen):
            self.screen.action_help()
