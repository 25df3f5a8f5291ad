"""Messages the widgets post; the screen decides what they mean."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from compare import Comparison, Source

__all__ = ["CursorMoved", "ResultReady"]


@dataclass
class CursorMoved(Message):
    """The diff view's cursor is on another group (`group` is an index into `Comparison.groups`, or None)."""

    group: int | None


@dataclass
class ResultReady(Message):
    """Two chosen files have been read and compared (posted by the file picker)."""

    result: Comparison
    sources: tuple[Source, Source]
