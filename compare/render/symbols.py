"""The vocabulary every renderer shares: kind symbols, colours and labels, word-change marks, group references.

Kinds are never shown by colour alone: each has a symbol that reads in plain
text, in print and for colour-blind readers. Word changes likewise: in colour
they have a style (`WORD_STYLE`), without colour they are marked the way
`git diff --word-diff` marks them (`PLAIN_MARKS`: `[-deleted-]`,
`{+inserted+}`, and `[~replaced~]` for words replaced on one side).
"""

from __future__ import annotations

from ..model import Comparison, Group, SentenceLink
from ..worddiff import PLAIN_MARKS, marked

__all__ = [
    "KIND_COLOUR",
    "KIND_SYMBOL",
    "LINK_SYMBOL",
    "LINK_WORDS",
    "MOVED_SYMBOL",
    "NO_SENTENCE",
    "PLAIN_MARKS",
    "WORD_STYLE",
    "group_ref",
    "kind_label",
    "label",
    "link_notes",
    "marked",
    "other_links",
    "refs",
    "repeat_note",
    "symbol",
]

KIND_SYMBOL = {
    "identical": "=",
    "modified": "~",
    "split": "<",
    "merged": ">",
    "inserted": "+",
    "deleted": "-",
    "repeated": "*",
}
MOVED_SYMBOL = "↕"
LINK_SYMBOL = "↔"  # a group whose sentences are also linked beyond it (a repeat or a shared part)
KIND_COLOUR = {
    "identical": "grey50",
    "modified": "yellow",
    "split": "cyan",
    "merged": "blue",
    "inserted": "green",
    "deleted": "red",
    "repeated": "magenta",
}
# How a link beyond the groups reads, between two sentence references.
LINK_WORDS = {"repeat": "say the same", "partial": "share a part"}


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


# The links beyond the groups of the comparisons rendered last, by sentence: (result, by A index, by B index).
_INDEX: dict[int, tuple[Comparison, dict[int, list[SentenceLink]], dict[int, list[SentenceLink]]]] = {}


def _link_index(result: Comparison) -> tuple[dict[int, list[SentenceLink]], dict[int, list[SentenceLink]]]:
    """Repeat and partial links by A and by B sentence, built once per comparison (renderers ask per group)."""
    cached = _INDEX.get(id(result))
    if cached is not None and cached[0] is result:
        return cached[1], cached[2]
    by_a: dict[int, list[SentenceLink]] = {}
    by_b: dict[int, list[SentenceLink]] = {}
    for k in result.links:
        if k.kind != "group":
            by_a.setdefault(k.a, []).append(k)
            by_b.setdefault(k.b, []).append(k)
    if len(_INDEX) >= 8:
        _INDEX.clear()
    _INDEX[id(result)] = (result, by_a, by_b)
    return by_a, by_b


def other_links(result: Comparison, group: Group) -> list[SentenceLink]:
    """The links beyond the groups (repeats and partial links) that touch the group's sentences, by score."""
    by_a, by_b = _link_index(result)
    found = {k for i in group.a for k in by_a.get(i, ())} | {k for j in group.b for k in by_b.get(j, ())}
    return sorted(found, key=lambda k: (-k.score, k.a, k.b))


def repeat_note(result: Comparison, group: Group) -> str:
    """For a `repeated` group, what it repeats: `repeat of A1` (or `repeat of part of A1`); else ''."""
    if group.kind != "repeated":
        return ""
    links = other_links(result, group)
    if not links:
        return ""
    best = links[0]
    where = f"B{best.b + 1}" if group.a else f"A{best.a + 1}"
    return f"repeat of {where}" if best.kind == "repeat" else f"repeat of part of {where}"


def link_notes(result: Comparison, group: Group) -> list[str]:
    """Each repeat or partial link of the group's sentences in words, numbered as readers count:
    `A1 and B15 say the same (1.00)`, `A4 and B2 share a part (0.71)`."""
    return [f"A{k.a + 1} and B{k.b + 1} {LINK_WORDS[k.kind]} ({k.score:.2f})" for k in other_links(result, group)]
