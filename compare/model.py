"""Result types: what a comparison is made of.

Everything here is immutable and plain: a `Comparison` holds the two documents,
their sentences (with character offsets into the original text), the alignment
groups and the scores. Every interface — CLI, reports, TUI, pandas — renders
this one object, so none of them recomputes anything.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:  # pandas is imported only when a frame is asked for
    import pandas as pd

__all__ = [
    "KINDS",
    "SCHEMA",
    "Comparison",
    "Document",
    "Group",
    "Kind",
    "Sentence",
    "WordOp",
    "clean_text",
]

SCHEMA = "storydiff/comparison/v1"

Kind = Literal["identical", "modified", "split", "merged", "inserted", "deleted"]
KINDS: tuple[Kind, ...] = get_args(Kind)

# What swapping the two sides turns each kind into.
MIRROR: dict[str, Kind] = {
    "identical": "identical",
    "modified": "modified",
    "split": "merged",
    "merged": "split",
    "inserted": "deleted",
    "deleted": "inserted",
}

Op = Literal["equal", "replace", "insert", "delete"]
MIRROR_OP: dict[str, Op] = {"equal": "equal", "replace": "replace", "insert": "delete", "delete": "insert"}


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` with every surrogate code point replaced by U+FFFD (one character for one, so offsets hold).

    A lone surrogate (``"\\ud800"`` in a JSON record) is not a character: no encoding can write it, so it
    would break every output. Python only holds surrogates that are not a valid pair.

    >>> clean_text("a \\ud800 b") == "a \\ufffd b"
    True
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


@dataclass(frozen=True)
class Document:
    """One version of a story: its text and what is known about where it came from.

    `text` is kept exactly as read (after decoding); offsets everywhere refer to it. Lone surrogates
    (which no encoding can write) are the one exception: each becomes U+FFFD (`clean_text`).
    """

    text: str
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    name: str | None = None  # how to call it on screen: a file name, URL or record id
    author: str | None = None

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if isinstance(value, str) and _SURROGATE.search(value):
                object.__setattr__(self, name, clean_text(value))

    @property
    def label(self) -> str:
        """A short human name: title, else name, else source, else 'untitled'."""
        return self.title or self.name or self.source or "untitled"

    def metadata(self) -> dict[str, str | None]:
        """The metadata fields, for serialisation."""
        return {
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "url": self.url,
            "name": self.name,
            "author": self.author,
        }


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: `text` is exactly `document.text[start:end]`."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class WordOp:
    """One word-level edit inside a group.

    `a_start:a_end` and `b_start:b_end` are character offsets into the *documents'*
    texts (not the sentence), so slicing `document.text` gives the words. An
    `insert` has an empty a-span placed where the words would go, a `delete` an
    empty b-span.
    """

    op: Op
    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def mirrored(self) -> WordOp:
        """The same edit seen from the other side."""
        return WordOp(MIRROR_OP[self.op], self.b_start, self.b_end, self.a_start, self.a_end)


@dataclass(frozen=True)
class Group:
    """Sentences of A linked to sentences of B, with how they changed.

    `a` and `b` are sentence indices (sorted); one of them is empty for an
    inserted or deleted group. `score` is the similarity of the two sides in
    [0, 1] (1.0 for identical, 0.0 for inserted/deleted). `moved` says the group
    is out of order relative to the rest of the alignment.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: Kind
    score: float
    moved: bool = False
    diff: tuple[WordOp, ...] = ()

    @property
    def changed(self) -> bool:
        """True for anything but an identical group in place."""
        return self.kind != "identical" or self.moved

    def mirrored(self) -> Group:
        """The same group with the sides swapped."""
        return Group(
            a=self.b,
            b=self.a,
            kind=MIRROR[self.kind],
            score=self.score,
            moved=self.moved,
            diff=tuple(op.mirrored() for op in self.diff),
        )


class _LazyFindings:
    """The `findings` field: fact drift is looked for on first use, not when the comparison is made.

    Finding changed facts costs several times what aligning does; most callers (corpus runs,
    benchmarks, scripts that want scores) never look at them. `None` (the default) means
    "find them when asked"; a tuple is taken as given (an empty tuple: none, or not wanted).
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, obj: Comparison | None, owner: type | None = None) -> Any:
        if obj is None:
            return None  # the dataclass default
        value = obj.__dict__.get(self.slot)
        if value is None:
            from .facts import find_facts

            value = obj.__dict__[self.slot] = tuple(find_facts(obj))
        return value

    def __set__(self, obj: Comparison, value: tuple[Any, ...] | None) -> None:
        obj.__dict__[self.slot] = None if value is None else tuple(value)


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two versions of a story.

    `groups` are in reading order: A's order, with each inserted group placed
    after the B sentence that precedes it. Every sentence of each side is in
    exactly one group.
    """

    a: Document
    b: Document
    a_sentences: tuple[Sentence, ...]
    b_sentences: tuple[Sentence, ...]
    groups: tuple[Group, ...]
    scores: Mapping[str, Any]
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: _LazyFindings = _LazyFindings()

    def __repr__(self) -> str:
        """Short, and without looking for changed facts (debuggers and worker descriptions call it)."""
        counts = ", ".join(f"{n} {kind}" for kind, n in self.counts().items() if n)
        return f"<Comparison {self.a.label!r} vs {self.b.label!r}: {len(self.groups)} groups ({counts})>"

    # -- views ---------------------------------------------------------------
    def group_text(self, group: Group, side: Literal["a", "b"]) -> str:
        """The sentences of one side of a group, joined by a space."""
        sentences = self.a_sentences if side == "a" else self.b_sentences
        indices = group.a if side == "a" else group.b
        return " ".join(sentences[i].text for i in indices)

    def counts(self) -> dict[str, int]:
        """How many groups of each kind, plus `moved`."""
        return count_kinds(self.groups)

    def swapped(self) -> Comparison:
        """The comparison of B with A, without aligning again."""
        from .scores import mirror_scores

        groups = tuple(group.mirrored() for group in self.groups)
        swapped = replace(
            self,
            a=self.b,
            b=self.a,
            a_sentences=self.b_sentences,
            b_sentences=self.a_sentences,
            groups=_reading_order(groups),
            scores=mirror_scores(self.scores),
            # Findings name groups by index: found again, lazily, in the new order (or none if none were asked for).
            findings=None if self.__dict__.get("_findings", ()) is None or self.findings else (),
        )
        return swapped

    # -- serialisation -------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable data following the `storydiff/comparison/v1` schema."""

        def side(doc: Document, sentences: Sequence[Sentence]) -> dict[str, Any]:
            return {
                **doc.metadata(),
                "sentences": [{"index": s.index, "text": s.text, "start": s.start, "end": s.end} for s in sentences],
            }

        data: dict[str, Any] = {
            "schema": SCHEMA,
            "a": side(self.a, self.a_sentences),
            "b": side(self.b, self.b_sentences),
            "alignment": [
                {
                    "a": list(g.a),
                    "b": list(g.b),
                    "kind": g.kind,
                    "moved": g.moved,
                    "score": round(g.score, 4),
                    "diff": [
                        {
                            "op": op.op,
                            "a": [op.a_start, op.a_end],
                            "b": [op.b_start, op.b_end],
                            "a_text": self.a.text[op.a_start : op.a_end],
                            "b_text": self.b.text[op.b_start : op.b_end],
                        }
                        for op in g.diff
                    ],
                }
                for g in self.groups
            ],
            "scores": dict(self.scores),
            "options": dict(self.options),
        }
        data["findings"] = [f.to_dict() for f in self.findings]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Comparison:
        """Rebuild a comparison from `to_dict()` output (for instance a saved JSON report)."""
        from .errors import InputError

        if data.get("schema") != SCHEMA:
            raise InputError(f"not a storydiff comparison: schema is {data.get('schema')!r}, expected {SCHEMA!r}")

        def side(raw: Mapping[str, Any]) -> tuple[Document, tuple[Sentence, ...]]:
            sentences = tuple(Sentence(s["index"], s["text"], s["start"], s["end"]) for s in raw["sentences"])
            # The original text is rebuilt from the sentences at their offsets.
            length = max((s.end for s in sentences), default=0)
            chars = [" "] * length
            for s in sentences:
                chars[s.start : s.end] = s.text
            meta = {k: raw.get(k) for k in ("title", "source", "date", "url", "name", "author")}
            return Document("".join(chars), **meta), sentences

        a_doc, a_sentences = side(data["a"])
        b_doc, b_sentences = side(data["b"])
        groups = tuple(
            Group(
                a=tuple(g["a"]),
                b=tuple(g["b"]),
                kind=g["kind"],
                score=float(g["score"]),
                moved=bool(g["moved"]),
                diff=tuple(WordOp(d["op"], *d["a"], *d["b"]) for d in g["diff"]),
            )
            for g in data["alignment"]
        )
        from .facts import Finding

        findings = tuple(Finding.from_dict(f) for f in data.get("findings", ()))
        options = dict(data.get("options", {}))
        return cls(a_doc, b_doc, a_sentences, b_sentences, groups, dict(data["scores"]), options, findings)

    def to_frame(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per group, in reading order."""
        import pandas as pd

        rows = [
            {
                "group": n,
                "kind": g.kind,
                "moved": g.moved,
                "score": g.score,
                "a_index": list(g.a),
                "b_index": list(g.b),
                "a_text": self.group_text(g, "a"),
                "b_text": self.group_text(g, "b"),
                "words_changed": sum(1 for op in g.diff if op.op != "equal"),
            }
            for n, g in enumerate(self.groups)
        ]
        columns = ["group", "kind", "moved", "score", "a_index", "b_index", "a_text", "b_text", "words_changed"]
        return pd.DataFrame(rows, columns=columns).set_index("group")

    def findings_frame(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per fact-drift finding (see `compare.facts.Finding`), in reading order."""
        import pandas as pd

        columns = [
            "group", "kind", "a_text", "a_start", "a_end", "b_text", "b_start", "b_end",
            "explanation", "a_value", "b_value", "diff_text",
        ]  # fmt: skip
        rows = [{k: v for k, v in f.to_dict().items() if k in columns} for f in self.findings]
        return pd.DataFrame(rows, columns=columns)

    def _repr_html_(self) -> str:
        """Jupyter shows a comparison as its HTML report body."""
        from .render.html import render_fragment

        return render_fragment(self)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        """rich prints a comparison as the CLI's text report."""
        from .render.text import rich_renderables

        yield from rich_renderables(self)


def count_kinds(groups: Sequence[Group]) -> dict[str, int]:
    """How many of `groups` are of each kind, plus how many are `moved`."""
    out: dict[str, int] = {kind: 0 for kind in KINDS}
    for group in groups:
        out[group.kind] += 1
    out["moved"] = sum(1 for group in groups if group.moved)
    return out


def _reading_order(groups: Sequence[Group]) -> tuple[Group, ...]:
    """Order groups by A's order; an inserted group follows the group holding the B sentence before it.

    Inserted runs at the start of B come first. The order is total and
    deterministic, so equal inputs give equal output.
    """
    owner: dict[int, Group] = {}
    for g in groups:
        for j in g.b:
            owner[j] = g

    def key(g: Group) -> tuple[float, int, int]:
        if g.a:
            return (float(g.a[0]), 1, g.b[0] if g.b else -1)
        # Inserted: after the group that holds the nearest preceding B sentence with an A side.
        j = g.b[0] - 1
        while j >= 0:
            prev = owner[j]
            if prev.a:
                return (prev.a[0] + 0.5, 2, g.b[0])
            j -= 1
        return (-1.0, 2, g.b[0])

    return tuple(sorted(groups, key=key))
