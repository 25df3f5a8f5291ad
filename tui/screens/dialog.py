"""What every modal dialog of the app looks like: centred, a rounded box on the surface colour."""

from __future__ import annotations

__all__ = ["dialog_css"]


def dialog_css(screen: str, box: str, width: int, extra: str = "") -> str:
    """The CSS of dialog `screen` whose content sits in a `box` container `width` cells wide (at most the
    terminal's); `extra` adds rules of the dialog's own."""
    return f"""
    {screen} {{ align: center middle; }}
    {screen} > {box} {{
        width: {width};
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }}
    {extra}
    """
