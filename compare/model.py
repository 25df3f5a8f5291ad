"""Result types: what a comparison is made of.

The result types are frozen and plain: a `Comparison` holds the two documents,
their sentences (with character offsets into the original text), the alignment
groups, the links and the scores. Every interface — CLI, reports, TUI, pandas —
renders this one object, so none of them recomputes anything. Two things here
change after creation, both on purpose: a `Comparison` finds its facts on first
use of `findings` and keeps them, and `HOOKS` is filled in by the package's
`__init__` with the code from the layers above (renderers, the fact finder).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any, Literal, get_args

from .errors import InputError

if TYPE_CHECKING:  # pandas is imported only when a frame is asked for; findings are made above this module
    import pandas as pd

    from .facts.finding import Finding

__all__ = [
    "HOOKS",
    "KINDS",
    "METADATA_FIELDS",
    "SCHEMA",
    "Comparison",
    "Document",
    "FactFinder",
    "Group",
    "Kind",
    "LinkKind",
    "Sentence",
    "SentenceLink",
    "WordOp",
    "clean_text",
    "count_kinds",
    "mirror_scores",
    "reading_order",
    "side_from_dict",
]

SCHEMA = "storydiff/comparison/v2"
# Older saved comparisons `from_dict` still reads: v1 had no links and no `repeated` groups.
READABLE_SCHEMAS = ("storydiff/comparison/v1", SCHEMA)

Kind = Literal["identical", "modified", "split", "merged", "inserted", "deleted", "repeated"]
KINDS: tuple[Kind, ...] = get_args(Kind)

# What swapping the two sides turns each kind into.
MIRROR: dict[str, Kind] = {
    "identical": "identical",
    "modified": "modified",
    "split": "merged",
    "merged": "split",
    "inserted": "deleted",
    "deleted": "inserted",
    "repeated": "repeated",
}

LinkKind = Literal["group", "repeat", "partial"]
LINK_KINDS: tuple[LinkKind, ...] = get_args(LinkKind)

MIRROR_SCORES = [  # the scores of A in B and of B in A, swapped with the sides
    ("overlap_a_in_b", "overlap_b_in_a"),
    ("shingle_containment_a_in_b", "shingle_containment_b_in_a"),
    ("words_a", "words_b"),
    ("sentences_a", "sentences_b"),
]


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


# The fields of a `Document` besides its text, in the order they are saved.
METADATA_FIELDS = ("title", "source", "date", "url", "name", "author")


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
        return {name: getattr(self, name) for name in METADATA_FIELDS}


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


@dataclass(frozen=True)
class SentenceLink:
    """Sentence `a` of A and sentence `b` of B carry the same content (the links layer).

    Groups partition the sentences for reading; links say where content is, many-to-many:
    * `group` — the two sentences sit in one matched group;
    * `repeat` — they say mostly the same thing, but one of them is matched elsewhere (or is a
      `repeated` group): another copy of content the other version already has, such as a caption
      restating the lede;
    * `partial` — they share a specific clause, quote or fact, but one also says something else.

    `score` (0–1) is how much content the two share: the mean of the share of each sentence's content
    words (weighted by rarity) found in the other; 1.0 for sentences that are the same.
    """

    a: int
    b: int
    kind: LinkKind
    score: float

    def mirrored(self) -> SentenceLink:
        """The same link seen from the other side."""
        return SentenceLink(self.b, self.a, self.kind, self.score)


def group_links(groups: Sequence[Group]) -> tuple[SentenceLink, ...]:
    """The `group` links implied by matched groups alone (for comparisons saved before links existed)."""
    return tuple(
        sorted(
            (
                SentenceLink(i, j, "group", 1.0 if g.kind == "identical" else round(g.score, 4))
                for g in groups
                for i in g.a
                for j in g.b
            ),
            key=lambda k: (k.a, k.b),
        )
    )


FactFinder = Callable[["Comparison"], Iterable["Finding"]]
"""What finds a comparison's changed facts: `compare.facts.find_facts`, handed over by `compare()`."""


def _no_findings(data: Mapping[str, Any]) -> Finding:
    raise InputError("this comparison holds findings, and `compare.facts` is not loaded to read them")


@dataclass
class Hooks:
    """What the result types call on that lives in the layers above them.

    How a result shows itself in a notebook (`html`, for `_repr_html_`) and in rich (`rich`, for
    `__rich_console__`), and how a saved finding is read back (`finding`) and found again (`find_facts`)
    by `from_dict`. Those live in `compare.render` and `compare.facts`, above this module, so this module
    never imports them: the package (`compare/__init__.py`) sets them when it is imported.
    """

    html: Callable[[Any], str] = lambda result: f"<pre>{escape(repr(result))}</pre>"
    rich: Callable[[Comparison], Iterable[Any]] = lambda result: [repr(result)]
    finding: Callable[[Mapping[str, Any]], Finding] = _no_findings
    find_facts: FactFinder | None = None


HOOKS = Hooks()


@dataclass(frozen=True, init=False)
class Comparison:
    """The result of comparing two versions of a story.

    `groups` are in reading order: A's order, with each inserted group placed
    after the B sentence that precedes it. Every sentence of each side is in
    exactly one group. `links` are every sentence pair that carries the same
    content (see `SentenceLink`), sorted by A then B index: a superset of the
    pairs inside matched groups.

    `findings` (changed facts) are given, or found on first use by `find_facts` and kept: finding them
    costs several times what aligning does, and most callers (corpus runs, scripts that want scores)
    never look. Without either, a comparison has no findings.
    """

    a: Document
    b: Document
    a_sentences: tuple[Sentence, ...]
    b_sentences: tuple[Sentence, ...]
    groups: tuple[Group, ...]
    scores: Mapping[str, Any]
    options: Mapping[str, Any] = field(default_factory=dict)
    find_facts: FactFinder | None = field(default=None, repr=False, compare=False)
    _findings: tuple[Finding, ...] | None = field(default=None, init=False, repr=False, compare=False)
    links: tuple[SentenceLink, ...] = ()

    def __init__(
        self,
        a: Document,
        b: Document,
        a_sentences: tuple[Sentence, ...],
        b_sentences: tuple[Sentence, ...],
        groups: tuple[Group, ...],
        scores: Mapping[str, Any],
        options: Mapping[str, Any] | None = None,
        findings: Iterable[Finding] | None = None,
        *,
        find_facts: FactFinder | None = None,
        links: Iterable[SentenceLink] = (),
    ) -> None:
        """`findings` as found before (a saved report), or None to leave them to `find_facts`."""
        fields = {"a": a, "b": b, "a_sentences": a_sentences, "b_sentences": b_sentences, "groups": groups}
        fields.update(scores=scores, options={} if options is None else options, find_facts=find_facts)
        fields.update(links=tuple(links))
        for name, value in fields.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_findings", None if findings is None else tuple(findings))

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The changed facts (quotes, numbers, names, dates, hedges), in reading order; found once, on first use."""
        found = self._findings
        if found is None:
            found = () if self.find_facts is None else tuple(self.find_facts(self))
            object.__setattr__(self, "_findings", found)
        return found

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
        groups = tuple(group.mirrored() for group in self.groups)
        swapped = Comparison(
            a=self.b,
            b=self.a,
            a_sentences=self.b_sentences,
            b_sentences=self.a_sentences,
            groups=reading_order(groups),
            scores=mirror_scores(self.scores),
            options=self.options,
            # Findings name groups by index: found again, lazily, in the new order (if any were found here).
            findings=None if self._findings is None or self.findings else (),
            find_facts=self.find_facts,
            links=sorted((link.mirrored() for link in self.links), key=lambda k: (k.a, k.b)),
        )
        return swapped

    # -- serialisation -------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable data following the `storydiff/comparison/v2` schema."""

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
            "links": [
                {"a": link.a, "b": link.b, "kind": link.kind, "score": round(link.score, 4)} for link in self.links
            ],
            "scores": dict(self.scores),
            "options": dict(self.options),
        }
        data["findings"] = [f.to_dict() for f in self.findings]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Comparison:
        """Rebuild a comparison from `to_dict()` output (for instance a saved JSON report)."""
        if data.get("schema") not in READABLE_SCHEMAS:
            raise InputError(f"not a storydiff comparison: schema is {data.get('schema')!r}, expected {SCHEMA!r}")

        a_doc, a_sentences = side_from_dict(data["a"])
        b_doc, b_sentences = side_from_dict(data["b"])
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
        findings = tuple(HOOKS.finding(f) for f in data.get("findings", ()))
        options = dict(data.get("options", {}))
        # With findings saved, the finder comes along, so that `swapped()` can find them again in its order.
        finder = HOOKS.find_facts if findings else None
        if "links" in data:
            links = tuple(SentenceLink(int(k["a"]), int(k["b"]), k["kind"], float(k["score"])) for k in data["links"])
        else:  # saved by storydiff/comparison/v1: the links its groups imply
            links = group_links(groups)
        return cls(
            a_doc,
            b_doc,
            a_sentences,
            b_sentences,
            groups,
            dict(data["scores"]),
            options,
            findings,
            find_facts=finder,
            links=links,
        )

    def to_frame(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per group, in reading order, indexed by `group` (its position in
        `groups`).

        `a_index` is the group's first sentence of A (nullable `Int64`: <NA> for an inserted group) and
        `a_count` how many sentences of A it holds (2 or more for the A side of a merge); `b_index` and
        `b_count` likewise for B. Every column holds scalars (no lists).
        """
        import pandas as pd

        rows = [
            {
                "group": n,
                "kind": g.kind,
                "moved": g.moved,
                "score": g.score,
                "a_index": g.a[0] if g.a else None,
                "a_count": len(g.a),
                "b_index": g.b[0] if g.b else None,
                "b_count": len(g.b),
                "a_text": self.group_text(g, "a"),
                "b_text": self.group_text(g, "b"),
                "words_changed": sum(1 for op in g.diff if op.op != "equal"),
            }
            for n, g in enumerate(self.groups)
        ]
        columns = [
            "group", "kind", "moved", "score", "a_index", "a_count", "b_index", "b_count",
            "a_text", "b_text", "words_changed",
        ]  # fmt: skip
        frame = pd.DataFrame(rows, columns=columns).astype({"a_index": "Int64", "b_index": "Int64"})
        return frame.set_index("group")

    def findings_frame(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per fact-drift finding (see `compare.facts.Finding`), in reading order.

        Indexed by `finding` (its position in `findings`), as `to_frame()` is by `group`; the `group` column
        joins the two: `findings.merge(result.to_frame(), left_on="group", right_index=True, suffixes=("", "_group"))`.
        """
        import pandas as pd

        columns = [
            "group", "kind", "a_text", "a_start", "a_end", "b_text", "b_start", "b_end",
            "explanation", "a_value", "b_value", "diff_text",
        ]  # fmt: skip
        rows = [{k: v for k, v in f.to_dict().items() if k in columns} for f in self.findings]
        frame = pd.DataFrame(rows, columns=columns)
        frame.index.name = "finding"
        return frame

    def _repr_html_(self) -> str:
        """Jupyter shows a comparison as its HTML report body."""
        return HOOKS.html(self)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        """rich prints a comparison as the CLI's text report."""
        yield from HOOKS.rich(self)


def side_from_dict(raw: Mapping[str, Any]) -> tuple[Document, tuple[Sentence, ...]]:
    """A saved version (a side of `Comparison.to_dict()`, a document of a collection's): document and sentences.

    Only the sentences are saved, so the text is rebuilt from them at their offsets, with spaces between.
    """
    sentences = tuple(Sentence(s["index"], s["text"], s["start"], s["end"]) for s in raw["sentences"])
    chars = [" "] * max((s.end for s in sentences), default=0)
    for s in sentences:
        chars[s.start : s.end] = s.text
    return Document("".join(chars), **{k: raw.get(k) for k in METADATA_FIELDS}), sentences


def count_kinds(groups: Sequence[Group]) -> dict[str, int]:
    """How many of `groups` are of each kind, plus how many are `moved`."""
    out: dict[str, int] = {kind: 0 for kind in KINDS}
    for group in groups:
        out[group.kind] += 1
    out["moved"] = sum(1 for group in groups if group.moved)
    return out


def reading_order(groups: Sequence[Group]) -> tuple[Group, ...]:
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


def mirror_scores(scores: Mapping[str, Any]) -> dict[str, Any]:
    """The scores of the swapped comparison (B against A)."""
    out = dict(scores)
    for left, right in MIRROR_SCORES:
        if left in scores and right in scores:
            out[left], out[right] = scores[right], scores[left]
    if "counts" in scores:
        counts = dict(scores["counts"])
        counts["split"], counts["merged"] = counts.get("merged", 0), counts.get("split", 0)
        counts["inserted"], counts["deleted"] = counts.get("deleted", 0), counts.get("inserted", 0)
        out["counts"] = counts
    return out
