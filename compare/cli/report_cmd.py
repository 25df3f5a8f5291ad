"""`storydiff report`: not built yet (see the issue tracker)."""

from __future__ import annotations

from typing import Any

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    """Register the `report` subcommand (not available yet)."""
    del sub
