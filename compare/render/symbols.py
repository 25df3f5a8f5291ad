"""The vocabulary every renderer shares: kind symbols, colours and labels, word-change marks, group references.

Kinds are never shown by colour alone: each has a symbol that reads in plain
text, in print and for colour-blind readers. Word changes likewise: in colour
they have a style (`WORD_STYLE`), without colour they are marked the way
`git diff --word-diff` marks them (`PLAIN_MARKS`: `[-deleted-]`,
`{+inserted+}`, and `[~replaced~]` for words replaced on one side).
"""

from __future__ import annotations

from ..model import Group
from ..worddiff import PLAIN_MARKS, marked

__all__ = [
    "KIND_COLOUR",
    "KIND_SYMBOL",
    "MOVED_SYMBOL",
    "NO_SENTENCE",
    "PLAIN_MARKS",
    "WORD_STYLE",
    "group_ref",
    "kind_label",
    "label",
    "marked",
    "refs",
    "symbol",
]

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


def kind_label(kind: str) -> str:
    """A finding kind in words: `quote_altered` → `quote altered`."""
    return kind.replace("_", " ")


def label(group: Group) -> str:
    """The kind in words, with 'moved' where it applies."""
    return group.kind + (", moved" if group.moved else "")


# Word changes: the rich style in colour; without it, the marks around the words (`PLAIN_MARKS`, from worddiff).
WORD_STYLE = {"delete": "red strike", "insert": "green underline", "replace": "yellow bold"}
NO_SENTENCE = "–"  # a side of a group with no sentence (inserted, deleted)


def refs(group: Group) -> tuple[str, str]:
    """Where a group is in each version, numbered from 1 as readers count: `("A1,2", "B3")`, `("A–", "B4")`."""
    a = ",".join(str(i + 1) for i in group.a) or NO_SENTENCE
    b = ",".join(str(j + 1) for j in group.b) or NO_SENTENCE
    return f"A{a}", f"B{b}"


def group_ref(group: Group) -> str:
    """Both references as one: `A1,2 → B3`."""
    a, b = refs(group)
    return f"{a} → {b}"
