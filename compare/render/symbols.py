"""The symbol, colour and label of each group kind, shared by every renderer.

Kinds are never shown by colour alone: each has a symbol that reads in plain
text, in print and for colour-blind readers.
"""

from __future__ import annotations

from ..model import Group

__all__ = ["KIND_COLOUR", "KIND_SYMBOL", "MOVED_SYMBOL", "label", "symbol"]

KIND_SYMBOL = {
    "identical": "=",
    "modified": "~",
    "split": "<",
    "merged": ">",
    "inserted": "+",
    "deleted": "-",
}
MOVED_SYMBOL = "↕"
KIND_COLOUR = {
    "identical": "grey50",
    "modified": "yellow",
    "split": "cyan",
    "merged": "blue",
    "inserted": "green",
    "deleted": "red",
}


def symbol(group: Group) -> str:
    """Two characters: the kind's symbol and the moved mark (or a space)."""
    return KIND_SYMBOL[group.kind] + (MOVED_SYMBOL if group.moved else " ")


def label(group: Group) -> str:
    """The kind in words, with 'moved' where it applies."""
    return group.kind + (", moved" if group.moved else "")
