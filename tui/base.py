"""`BaseApp`: what every storydiff terminal app shares — its stylesheet and the app-wide keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

__all__ = ["BaseApp"]


class BaseApp(App[None]):
    """The stylesheet (app.tcss, beside this module) and the keys every screen has: ? for help, q to quit.

    Subclasses set TITLE and define `action_help` (which help shows depends on the app's screens).
    """

    CSS_PATH = "app.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]
