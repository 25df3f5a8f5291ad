"""A story's history: successive versions of one article as a timeline (`compare.history`).

`history([v1, v2, … vn])` (also `compare.history`; the module is `timeline` so
that the name `compare.history` stays the function) compares each version with the next (`compare()`,
nothing new) and reads the chain of comparisons three ways:

* **steps** — each comparison of v(k) with v(k+1), as `compare` gives it;
* **sentence lives** — each sentence followed through the versions: the
  version it first appears in, the versions where it is reworded (or split,
  merged, moved), and the version where it disappears;
* **fact lives** — each changed fact (a figure, a quote, who is quoted, a name,
  a date, a hedge) with its values over time: ``five (v1) → 10 (v3)``, chained
  from the fact-drift findings of the steps;

plus the **net change**, the comparison of the first version with the last.

A timeline is not a new engine: a sentence's life is the path its groups make
from step to step, and a fact's life links a step's finding to the next step's
finding about the same words (the value one step leaves is the value the next
step changes). Versions are numbered from 1 on screen (v1 … vn) and from 0 in
the API and JSON, as sentences are.

>>> h = history(["Talks lasted ten minutes. Both spoke.", "Talks lasted ten minutes. Both spoke briefly.",
...              "Talks lasted 20 minutes. Both spoke briefly."])
>>> [(life.first, life.reworded, life.gone) for life in h.sentences]
[(0, (2,), None), (0, (1,), None)]
>>> [[(v, text) for v, text in fact.values] for fact in h.facts]
[[(0, 'ten'), (2, '20')]]
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .api import Source, compare, prepare
from .collection import parse_date, version_labels
from .errors import InputError, OptionError
from .model import Comparison, Document, Sentence

if TYPE_CHECKING:
    import pandas as pd

    from .facts import Finding

__all__ = ["FACT_FAMILIES", "HISTORY_SCHEMA", "FactLife", "History", "SentenceLife", "history", "order_by_date"]

HISTORY_SCHEMA = "storydiff/history/v1"

Order = Literal["given", "date"]
FactFamily = Literal["figure", "quote", "attribution", "name", "date", "hedge"]
FACT_FAMILIES: tuple[FactFamily, ...] = ("figure", "quote", "attribution", "name", "date", "hedge")

# Which fact a finding of each kind follows.
_FAMILY: dict[str, FactFamily] = {
    "number_changed": "figure",
    "quote_altered": "quote",
    "quote_added": "quote",
    "quote_dropped": "quote",
    "attribution_changed": "attribution",
    "entity_changed": "name",
    "date_changed": "date",
    "hedge_dropped": "hedge",
    "hedge_added": "hedge",
}
_SPEAKERS = re.compile(r"to '(?P<a>.*)', B to '(?P<b>.*)'$")


@dataclass(frozen=True)
class SentenceLife:
    """One sentence followed through the versions (0-based version numbers).

    `texts[k]` is its text in version k ('' where it is absent; the parts joined
    by a space where it was split), `indices[k]` its sentence indices there.
    `first` is the version it first appears in; `reworded` the versions whose
    wording differs from the version before (a split or a merge counts);
    `moved` the versions where it moved out of order; `gone` the version it
    is no longer in (None when the last version has it), and `merged_into`
    the life it joined when it ended by being merged into another sentence.
    """

    id: int
    first: int
    texts: tuple[str, ...]
    indices: tuple[tuple[int, ...], ...]
    reworded: tuple[int, ...] = ()
    moved: tuple[int, ...] = ()
    gone: int | None = None
    merged_into: int | None = None

    @property
    def last(self) -> int:
        """The last version that has the sentence."""
        return (self.gone if self.gone is not None else len(self.texts)) - 1

    @property
    def text(self) -> str:
        """Its text in the last version that has it."""
        return self.texts[self.last]

    @property
    def changed(self) -> bool:
        """False for a sentence present, unchanged and in place, from the first version to the last."""
        return bool(self.first or self.reworded or self.moved or self.gone is not None)

    def status(self, version: int) -> str:
        """What the sentence is in `version`: 'new', 'reworded', 'moved', 'same', 'gone' or '' (not yet)."""
        if version < self.first:
            return ""
        if self.gone is not None and version >= self.gone:
            return "gone" if version == self.gone else ""
        if version == self.first:
            return "new" if version else "same"
        if version in self.reworded:
            return "reworded"
        return "moved" if version in self.moved else "same"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (the `sentences` entries of the `storydiff/history/v1` schema)."""
        return {
            "id": self.id,
            "first": self.first,
            "reworded": list(self.reworded),
            "moved": list(self.moved),
            "gone": self.gone,
            "merged_into": self.merged_into,
            "indices": [list(ix) for ix in self.indices],
            "texts": list(self.texts),
        }


@dataclass(frozen=True)
class FactLife:
    """One fact's values over time: `values` is ((version, text), …) from the version each value first held.

    `family` says what the fact is (`FACT_FAMILIES`); `sentence` is the id of
    the sentence life it is in; `kinds` the finding kind of each change (one
    fewer than `values`). A text of '' means the fact is absent from that
    version on (a dropped quote or hedge; `removed` when its sentence went).
    `context` is the fact's surroundings in the first version, for people.
    """

    family: FactFamily
    sentence: int
    values: tuple[tuple[int, str], ...]
    kinds: tuple[str, ...]
    context: str
    removed: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (the `facts` entries of the `storydiff/history/v1` schema)."""
        return {
            "family": self.family,
            "sentence": self.sentence,
            "values": [{"version": v, "text": text} for v, text in self.values],
            "kinds": list(self.kinds),
            "context": self.context,
            "removed": self.removed,
        }


@dataclass(frozen=True)
class History:
    """Successive versions of one story, each compared with the next, and what that tells over time.

    `documents` and `labels` are in timeline order; `steps[k]` compares version
    k (as A) with version k+1 (as B); `net` compares the first with the last.
    `sentences` and `facts` are derived from the steps alone.
    """

    documents: tuple[Document, ...]
    labels: tuple[str, ...]
    steps: tuple[Comparison, ...]
    net: Comparison
    sentences: tuple[SentenceLife, ...]
    facts: tuple[FactLife, ...]
    options: Mapping[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.documents)

    def __repr__(self) -> str:
        return f"<History of {len(self.documents)} versions: {len(self.sentences)} sentences, {len(self.facts)} facts>"

    # -- views ---------------------------------------------------------------
    def summary(self) -> dict[str, Any]:
        """What changed from the first version to the last, in counts and scores.

        `added`: sentences in the last version that the first did not have;
        `removed`: sentences of the first (or added later) that are gone by the
        last, merges aside; `reworded`: sentences reworded at least once and
        still there; `facts_changed`: facts whose value changed; `net`: the
        first→last comparison's group counts and overlaps.
        """
        alive = [life for life in self.sentences if life.gone is None]
        return {
            "versions": len(self.documents),
            "sentences_first": len(self.net.a_sentences),
            "sentences_last": len(self.net.b_sentences),
            "added": sum(1 for life in alive if life.first > 0),
            "removed": sum(1 for life in self.sentences if life.gone is not None and life.merged_into is None),
            "added_then_removed": sum(
                1 for life in self.sentences if life.first > 0 and life.gone is not None and life.merged_into is None
            ),
            "reworded": sum(1 for life in alive if life.reworded),
            "unchanged": sum(1 for life in self.sentences if not life.changed),
            "facts_changed": len(self.facts),
            "net_counts": self.net.counts(),
            "overlap_first_in_last": self.net.scores["overlap_a_in_b"],
            "overlap_last_in_first": self.net.scores["overlap_b_in_a"],
        }

    def version_sentences(self, version: int) -> tuple[Sentence, ...]:
        """The sentences of a version (0-based), as its steps read them."""
        return _sentences_at(self.steps, version)

    def version_label(self, version: int) -> str:
        """'v3' for version 2 (0-based): how versions are named on screen."""
        return f"v{version + 1}"

    def to_frame(self) -> pd.DataFrame:
        """One row per sentence life, index "sentence" (its id), and one status column per version (v1 … vn).

        `first`, `gone` and `merged_into` are versions and ids (nullable `Int64`, `<NA>` where none);
        `reworded` and `moved` count the versions where that happened, `reworded_in` and `moved_in` name them
        (0-based, joined by a space, as the CSV's indices are); the status columns hold 'new', 'same',
        'reworded', 'moved', 'gone' or '' (not there).
        """
        import pandas as pd

        rows = []
        for life in self.sentences:
            row: dict[str, Any] = {
                "sentence": life.id,
                "first": life.first,
                "gone": life.gone,
                "merged_into": life.merged_into,
                "reworded": len(life.reworded),
                "reworded_in": " ".join(map(str, life.reworded)),
                "moved": len(life.moved),
                "moved_in": " ".join(map(str, life.moved)),
                "first_text": life.texts[life.first],
                "last_text": life.text,
            }
            for k in range(len(self.documents)):
                row[self.version_label(k)] = life.status(k)
            rows.append(row)
        columns = ["sentence", "first", "gone", "merged_into", "reworded", "reworded_in", "moved", "moved_in",
                   "first_text", "last_text", *(self.version_label(k) for k in range(len(self.documents)))]  # fmt: skip
        frame = pd.DataFrame(rows, columns=columns).set_index("sentence")
        return frame.astype({"gone": "Int64", "merged_into": "Int64"})

    def facts_frame(self) -> pd.DataFrame:
        """One row per value of each changed fact, index ("fact", "version"): family, sentence, text, context.

        A text of '' is the fact absent from that version on (a dropped quote or hedge, or its sentence gone).
        """
        import pandas as pd

        rows = [
            {"fact": n, "version": v, "family": fact.family, "sentence": fact.sentence, "text": text,
             "context": fact.context}
            for n, fact in enumerate(self.facts)
            for v, text in fact.values
        ]  # fmt: skip
        columns = ["fact", "version", "family", "sentence", "text", "context"]
        return pd.DataFrame(rows, columns=columns).set_index(["fact", "version"])

    # -- serialisation -------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data following the `storydiff/history/v1` schema.

        `steps` and `net` are full `storydiff/comparison/v2` comparisons, so
        `from_dict` rebuilds everything; `sentences`, `facts` and `summary` are
        the derived views, for readers that want only them.
        """
        return {
            "schema": HISTORY_SCHEMA,
            "versions": [
                {"version": k, "label": label, **doc.metadata()}
                for k, (doc, label) in enumerate(zip(self.documents, self.labels, strict=True))
            ],
            "summary": self.summary(),
            "sentences": [life.to_dict() for life in self.sentences],
            "facts": [fact.to_dict() for fact in self.facts],
            "steps": [step.to_dict() for step in self.steps],
            "net": self.net.to_dict(),
            "options": dict(self.options),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> History:
        """Rebuild a history from `to_dict()` output (sentence and fact lives are derived again from the steps)."""
        if data.get("schema") != HISTORY_SCHEMA:
            raise InputError(f"not a storydiff history: schema is {data.get('schema')!r}, expected {HISTORY_SCHEMA!r}")
        steps = tuple(Comparison.from_dict(step) for step in data["steps"])
        net = Comparison.from_dict(data["net"])
        if not steps:
            raise InputError("not a storydiff history: it has no steps")
        documents = (steps[0].a, *(step.b for step in steps))
        labels = tuple(str(v["label"]) for v in data["versions"])
        return _assemble(documents, labels, steps, net, dict(data.get("options", {})))


def _brief(text: str, width: int = 60) -> str:
    """`text` cut to `width` characters for an error line (a title or a date from a file may be megabytes)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def order_by_date(documents: Sequence[Document], labels: Sequence[str]) -> list[int]:
    """Positions of `documents` oldest first, by their `date` metadata; every one must have a readable date."""
    dated = []
    for n, doc in enumerate(documents):
        parsed = parse_date(doc.date)
        if parsed is None:
            raise OptionError(
                f"cannot order by date: {_brief(labels[n])!r} has no readable date"
                + (f" ({_brief(doc.date)!r})" if doc.date else "")
                + "; give the versions in order and use --order given"
            )
        dated.append((parsed, n))
    return [n for _, n in sorted(dated)]


def history(
    versions: Sequence[Source],
    *,
    labels: Sequence[str] | None = None,
    order: Order = "given",
    **options: Any,
) -> History:
    """Follow a story through successive versions: each step's changes, each sentence's and each fact's life.

    Parameters
    ----------
    versions:
        Two or more versions, oldest first (or in any order with
        ``order="date"``), each anything `compare()` accepts.
    labels:
        Names to show for the versions, in the order given; by default each
        document's label, made unique.
    order:
        ``"given"`` keeps the order of `versions`; ``"date"`` sorts them by
        their `date` metadata and refuses versions without one.
    options:
        Passed to `compare()` for every step (`threshold`, `part_threshold`,
        `gap_threshold`, `method`).
    """
    if isinstance(versions, str | bytes | os.PathLike) or len(versions) < 2:
        raise OptionError("a history needs at least two versions of the story, as a list")
    if order not in ("given", "date"):
        raise OptionError(f"unknown order {order!r}: use 'given' or 'date'")
    if labels is not None and len(labels) != len(versions):
        raise OptionError(f"got {len(labels)} labels for {len(versions)} versions; give one label per version")
    options.pop("facts", None)  # a history is about facts: they are always looked for
    documents = [doc if isinstance(doc, Document) else prepare(doc)[0] for doc in versions]
    names = list(version_labels(documents, labels))
    if order == "date":
        positions = order_by_date(documents, names)
        documents = [documents[n] for n in positions]
        names = [names[n] for n in positions]
    steps = tuple(compare(documents[k], documents[k + 1], **options) for k in range(len(documents) - 1))
    net = steps[0] if len(steps) == 1 else compare(documents[0], documents[-1], **options)
    return _assemble(tuple(documents), tuple(names), steps, net, {**options, "order": order})


# -- derived views -------------------------------------------------------------
def _assemble(
    documents: tuple[Document, ...],
    labels: tuple[str, ...],
    steps: tuple[Comparison, ...],
    net: Comparison,
    options: dict[str, Any],
) -> History:
    lives, life_of = _sentence_lives(steps)
    facts = _fact_lives(steps, lives, life_of)
    return History(documents, labels, steps, net, tuple(lives), tuple(facts), options)


@dataclass
class _Life:
    first: int
    indices: dict[int, list[int]] = field(default_factory=dict)
    reworded: list[int] = field(default_factory=list)
    moved: list[int] = field(default_factory=list)
    gone: int | None = None
    merged_into: int | None = None


def _sentences_at(steps: Sequence[Comparison], version: int) -> tuple[Sentence, ...]:
    """The sentences of `version`: side A of the step from it, or side B of the last step for the last version."""
    return steps[version].a_sentences if version < len(steps) else steps[-1].b_sentences


def _sentence_lives(steps: Sequence[Comparison]) -> tuple[list[SentenceLife], list[list[int]]]:
    """Each sentence's path through the steps; `life_of[k][s]` is the life of sentence s of version k."""
    n_versions = len(steps) + 1
    raw: list[_Life] = []
    first = steps[0].a_sentences
    life_of: list[list[int]] = [list(range(len(first)))]
    for s in range(len(first)):
        raw.append(_Life(0, {0: [s]}))
    for k, step in enumerate(steps):
        here = life_of[k]
        nxt = [-1] * len(step.b_sentences)
        touched: dict[int, bool] = {}  # life → changed in this step
        for group in step.groups:
            if not group.a:
                for j in group.b:
                    raw.append(_Life(k + 1, {k + 1: [j]}))
                    nxt[j] = len(raw) - 1
                continue
            owners = [here[i] for i in group.a]
            primary = owners[0]
            if not group.b:  # deleted: the life is gone unless another of its sentences lives on (then reworded)
                for owner in owners:
                    touched[owner] = True
                continue
            for j in group.b:
                nxt[j] = primary
                raw[primary].indices.setdefault(k + 1, []).append(j)
            touched[primary] = touched.get(primary, False) or group.kind != "identical"
            if group.moved and k + 1 not in raw[primary].moved:
                raw[primary].moved.append(k + 1)
            for owner in owners[1:]:
                if owner != primary:
                    touched[owner] = True
                    raw[owner].merged_into = primary
        for owner, changed in touched.items():
            life = raw[owner]
            if k + 1 not in life.indices:
                life.gone = k + 1
            else:
                life.merged_into = None
                if changed:
                    life.reworded.append(k + 1)
        life_of.append(nxt)
    lives = []
    for n, life in enumerate(raw):
        texts, indices = [], []
        for k in range(n_versions):
            ix = sorted(life.indices.get(k, ()))
            sentences = _sentences_at(steps, k)
            indices.append(tuple(ix))
            texts.append(" ".join(sentences[i].text for i in ix))
        lives.append(
            SentenceLife(
                id=n,
                first=life.first,
                texts=tuple(texts),
                indices=tuple(indices),
                reworded=tuple(life.reworded),
                moved=tuple(v for v in life.moved if v not in life.reworded),
                gone=life.gone,
                merged_into=life.merged_into if life.gone is not None else None,
            )
        )
    return lives, life_of


def _values(finding: Finding) -> tuple[str, str]:
    """What a finding says the fact was and became (the speakers, for a changed attribution)."""
    if finding.kind == "attribution_changed":
        m = _SPEAKERS.search(finding.explanation)
        if m:
            return m.group("a"), m.group("b")
    return " ".join(finding.a_text.split()), " ".join(finding.b_text.split())


def _context(text: str, lo: int, hi: int, floor: int, ceiling: int, width: int = 40) -> str:
    """`text[lo:hi]` with up to `width` characters either side, whole words, inside `floor:ceiling` (its sentences)."""
    start, end = max(floor, lo - width), min(ceiling, hi + width)
    while floor < start < lo and not text[start - 1].isspace():  # whole words only
        start += 1
    while hi < end < ceiling and not text[end].isspace():
        end -= 1
    return ("…" if start > floor else "") + text[start:end].strip() + ("…" if end < ceiling else "")


def _where(step: Comparison, finding: Finding) -> str:
    """The finding's words in context, on the side where the fact is (A, unless it was only added in B)."""
    group = step.groups[finding.group]
    if finding.a_end > finding.a_start or not group.b:
        text, lo, hi, sentences, ix = step.a.text, finding.a_start, finding.a_end, step.a_sentences, group.a
    else:
        text, lo, hi, sentences, ix = step.b.text, finding.b_start, finding.b_end, step.b_sentences, group.b
    floor, ceiling = min(sentences[i].start for i in ix), max(sentences[i].end for i in ix)
    return " ".join(_context(text, lo, hi, floor, ceiling).split())


@dataclass
class _Chain:
    family: FactFamily
    sentence: int
    values: list[tuple[int, str]]
    kinds: list[str]
    context: str


def _fact_lives(
    steps: Sequence[Comparison], lives: Sequence[SentenceLife], life_of: Sequence[Sequence[int]]
) -> list[FactLife]:
    """Chain the steps' findings: a finding continues a fact when it changes the value the last one left."""
    chains: list[_Chain] = []
    for k, step in enumerate(steps):
        for finding in step.findings:
            family = _FAMILY.get(finding.kind)
            group = step.groups[finding.group]
            if family is None or not group.a:
                continue
            life = lives[life_of[k][group.a[0]]]
            before, after = _values(finding)
            chain = next(
                (
                    c
                    for c in reversed(chains)
                    if c.sentence == life.id and c.family == family and c.values[-1][1] == before
                    and c.values[-1][0] <= k
                ),
                None,
            )  # fmt: skip
            if chain is None:
                start = k
                # The value was there since the first earlier version that already said it, as a whole word.
                said = re.compile(r"(?<!\w)" + re.escape(before) + r"(?!\w)") if before else None
                while said and start > life.first and said.search(life.texts[start - 1]):
                    start -= 1
                chain = _Chain(family, life.id, [(start, before)], [], _where(step, finding))
                chains.append(chain)
            chain.values.append((k + 1, after))
            chain.kinds.append(finding.kind)
    out = []
    for c in chains:
        life = lives[c.sentence]
        removed = life.gone is not None and c.values[-1][1] != "" and life.gone > c.values[-1][0]
        values = [*c.values, (life.gone, "")] if removed and life.gone is not None else c.values
        out.append(FactLife(c.family, c.sentence, tuple(values), tuple(c.kinds), c.context, removed))
    return out
