"""Several versions of one story at once: who carries whose text.

`compare_many(docs)` compares every pair of versions with `compare()` and
keeps the results in a `Collection`, which answers the questions of a reader
with a pile of outlets' versions of one story:

* `overlap_matrix()` — how much of each version is in each other one
  (asymmetric: a shortened copy is all in its source, the source is not all in it);
* `provenance()` — for every sentence of every version, which other versions
  carry it, identical or modified: shared wire copy and each outlet's own additions;
* `likely_source()` — the version the others seem to come from, with the figures
  behind the guess (an estimate from text overlap, never a certainty).

Nothing here aligns anything: each unordered pair is compared once, in an order
fixed by the documents' contents (not by the order they were given in), and the
mirror view comes from `Comparison.swapped()`. So shuffling the inputs changes
the order rows are shown in, never a number.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import combinations
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Literal, get_args

from .api import Method, Source, compare, prepare
from .errors import InputError, OptionError
from .model import HOOKS, KINDS, Comparison, Document, Group, Sentence, side_from_dict
from .options import AlignOptions

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLLECTION_SCHEMA", "Collection", "LikelySource", "compare_many"]

COLLECTION_SCHEMA = "storydiff/collection/v1"

# Which score of a pair (X as A, Y as B) answers "how much of X is in Y", per measure.
MEASURES = {
    "overlap": "overlap_a_in_b",
    "shingles": "shingle_containment_a_in_b",
}
Measure = Literal["overlap", "shingles"]
Carried = Literal["identical", "modified", "repeated"]
CARRIED: tuple[Carried, ...] = get_args(Carried)
Basis = Literal["contains_others", "contained_in_others"]

# The provenance frame's own columns and index levels: a version's label may not be one of them, or its
# column would overwrite one (a version named "text" replacing the sentences' text).
# Joins the labels in provenance()'s `identical_in`, `modified_in` and `repeated_in` cells (#11: strings, not lists).
LABEL_SEPARATOR = "; "
PROVENANCE_FIELDS = ("article", "sentence", "text", "identical_in", "modified_in", "repeated_in", "carried_by")
# The pairs frame (`Collection.to_frame()`): scores of each pair, then its group counts.
PAIR_SCORES = (
    "overlap_a_in_b",
    "overlap_b_in_a",
    "jaccard",
    "shingle_containment_a_in_b",
    "shingle_containment_b_in_a",
    "words_a",
    "words_b",
)

# Below this lead over the runner-up, the likely source is reported as unclear.
CLEAR_MARGIN = 0.05


@dataclass(frozen=True)
class LikelySource:
    """The version the others most likely come from, and why we think so.

    `label` is the best-scoring version; `score` its mean share (0-1) over the
    others, measured as `basis` says; `ranking` all versions best first with
    their scores; `evidence` one row per other version with the overlap in
    both directions; `earliest` the version with the earliest `date` in its
    metadata (None when no version has a usable date). `clear` is False when
    the runner-up is within `CLEAR_MARGIN`; `statement` says all this in one
    hedged paragraph, never as a certainty.
    """

    label: str
    index: int
    score: float
    basis: Basis
    ranking: tuple[tuple[str, float], ...]
    evidence: tuple[Mapping[str, Any], ...]
    earliest: tuple[str, str] | None
    clear: bool
    statement: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form, as in the `storydiff/collection/v1` schema."""
        return {
            "label": self.label,
            "index": self.index,
            "score": round(self.score, 4),
            "basis": self.basis,
            "clear": self.clear,
            "ranking": [{"label": label, "score": round(value, 4)} for label, value in self.ranking],
            "earliest": None if self.earliest is None else {"label": self.earliest[0], "date": self.earliest[1]},
            "evidence": [dict(row) for row in self.evidence],
            "statement": self.statement,
        }


@dataclass(frozen=True)
class Collection:
    """The comparisons of every pair among several versions of a story.

    `documents` and `labels` keep the order the versions were given in (labels
    are unique: duplicates get their folder or a number added). `pairs` maps
    each ordered pair of positions `(i, j)`, i ≠ j, to the comparison of
    version i (as A) with version j (as B); each unordered pair was aligned
    once and its mirror is `swapped()`.
    """

    documents: tuple[Document, ...]
    labels: tuple[str, ...]
    sentences: tuple[tuple[Sentence, ...], ...]
    pairs: Mapping[tuple[int, int], Comparison]
    options: Mapping[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.documents)

    # -- access --------------------------------------------------------------
    def index(self, which: int | str) -> int:
        """The position of a version given by position or label."""
        if isinstance(which, int):
            if not 0 <= which < len(self.documents):
                raise OptionError(f"no version number {which}: there are {len(self.documents)} (0-based)")
            return which
        try:
            return self.labels.index(which)
        except ValueError:
            raise OptionError(f"no version labelled {which!r}; labels are: {', '.join(self.labels)}") from None

    def comparison(self, x: int | str, y: int | str) -> Comparison:
        """The comparison of version x (as A) with version y (as B)."""
        i, j = self.index(x), self.index(y)
        if i == j:
            raise OptionError("a version is not compared with itself; pick two different versions")
        return self.pairs[(i, j)]

    def iter_pairs(self) -> Iterator[tuple[int, int, Comparison]]:
        """Each unordered pair once, as (i, j, comparison of i with j) with i < j."""
        for i, j in combinations(range(len(self.documents)), 2):
            yield i, j, self.pairs[(i, j)]

    # -- views ---------------------------------------------------------------
    def overlap_matrix(self, measure: Measure = "overlap") -> pd.DataFrame:
        """Row X, column Y: the share (0-1) of X that is in Y; the diagonal is NaN.

        `measure="overlap"` counts X's words in unchanged runs of aligned
        sentences (`overlap_a_in_b`); `"shingles"` counts X's 5-word sequences
        found anywhere in Y (`shingle_containment_a_in_b`).
        """
        import pandas as pd

        key = _measure_key(measure)
        n = len(self.documents)
        rows = [[float("nan") if i == j else float(self.pairs[(i, j)].scores[key]) for j in range(n)] for i in range(n)]
        frame = pd.DataFrame(rows, index=list(self.labels), columns=list(self.labels))
        frame.index.name = "X"
        frame.columns.name = "in Y"
        return frame

    def carried(self) -> list[list[dict[str, Carried | None]]]:
        """For version i, sentence k: {other label: 'identical' | 'modified' | 'repeated' | None}.

        A sentence is carried 'identical' when its group in the pair is
        identical (moved or not), 'modified' when it is reworded, split or
        merged, 'repeated' when it has no partner of its own there but its
        content is there (see `Comparison.links`), None when the other version
        has nothing for it.
        """
        out: list[list[dict[str, Carried | None]]] = [
            [{} for _ in self.sentences[i]] for i in range(len(self.documents))
        ]
        for (i, j), pair in self.pairs.items():
            other = self.labels[j]
            for k in range(len(self.sentences[i])):
                out[i][k][other] = None
            for group in pair.groups:
                status: Carried
                if group.kind == "repeated":
                    status = "repeated"
                elif not group.b:
                    continue
                else:
                    status = "identical" if group.kind == "identical" else "modified"
                for k in group.a:
                    out[i][k][other] = status
        return out

    def provenance(self) -> pd.DataFrame:
        """One row per sentence of each version: which other versions carry it.

        Indexed by (article, sentence); columns `text`, `identical_in`,
        `modified_in` and `repeated_in` (labels of the versions carrying it so,
        in input order, joined by "; ": plain strings, so the table filters with
        `.str.contains`, groups and survives `to_csv`/`read_csv`), `carried_by`
        (how many) and one column per version holding 'identical', 'modified',
        'repeated', '' (absent) or '·' (the sentence's own version): those are
        exact whatever the labels contain.
        """
        import pandas as pd

        carried = self.carried()
        rows = []
        for i, label in enumerate(self.labels):
            for k, sentence in enumerate(self.sentences[i]):
                marks = carried[i][k]
                carriers = _carriers(marks, self.labels)
                row: dict[str, Any] = {
                    "article": label,
                    "sentence": k,
                    "text": sentence.text,
                    "identical_in": LABEL_SEPARATOR.join(carriers["identical"]),
                    "modified_in": LABEL_SEPARATOR.join(carriers["modified"]),
                    "repeated_in": LABEL_SEPARATOR.join(carriers["repeated"]),
                    "carried_by": sum(len(found) for found in carriers.values()),
                }
                for other in self.labels:
                    row[other] = "·" if other == label else (marks.get(other) or "")
                rows.append(row)
        columns = [
            "article", "sentence", "text", "identical_in", "modified_in", "repeated_in", "carried_by", *self.labels
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=columns).set_index(["article", "sentence"])

    def likely_source(self, *, measure: Measure = "overlap", basis: Basis = "contains_others") -> LikelySource:
        """The version the others most likely come from, with the evidence; an estimate, not a finding.

        With `basis="contains_others"` (the default) a version scores the mean
        share of each other version's text that it holds: outlets trim and
        reword wire copy, so most of each derived version is found in the
        source while much of the source is missing from each derived version.
        With `basis="contained_in_others"` it scores the mean share of its own
        text found in the others, which suits versions that only add to a
        source. Ties go to the version earliest in the canonical (content)
        order, so the answer never depends on input order. The earliest
        metadata `date` is reported beside it, because text alone cannot tell
        a source from a copy that only added to it.
        """
        if basis not in ("contains_others", "contained_in_others"):
            raise OptionError(f"unknown basis {basis!r}; choose 'contains_others' or 'contained_in_others'")
        key = _measure_key(measure)
        n = len(self.documents)

        def share(x: int, y: int) -> float:  # how much of x is in y
            return float(self.pairs[(x, y)].scores[key])

        def value(x: int) -> float:
            others = [y for y in range(n) if y != x]
            if basis == "contains_others":
                return sum(share(y, x) for y in others) / len(others)
            return sum(share(x, y) for y in others) / len(others)

        scores = {x: value(x) for x in range(n)}
        canonical = _canonical_order(self.documents, self.labels)
        ranked = sorted(range(n), key=lambda x: (-round(scores[x], 6), canonical.index(x)))
        best = ranked[0]
        margin = scores[best] - scores[ranked[1]]
        clear = margin >= CLEAR_MARGIN
        evidence = tuple(
            {
                "other": self.labels[y],
                "other_in_source": round(share(y, best), 4),
                "source_in_other": round(share(best, y), 4),
                "words_other": int(self.pairs[(y, best)].scores.get("words_a", 0)),
            }
            for y in range(n)
            if y != best
        )
        earliest = _earliest(self.documents, self.labels)
        statement = _statement(self.labels[best], scores[best], basis, ranked, scores, self.labels, clear, earliest)
        return LikelySource(
            label=self.labels[best],
            index=best,
            score=scores[best],
            basis=basis,
            ranking=tuple((self.labels[x], scores[x]) for x in ranked),
            evidence=evidence,
            earliest=earliest,
            clear=clear,
            statement=statement,
        )

    # -- serialisation -------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable data following the `storydiff/collection/v1` schema.

        `documents` in input order with their sentences; `overlap` the matrix
        as lists (row X, column Y: share of X in Y; null on the diagonal);
        `pairs` each unordered pair once (i < j, positions into `documents`)
        with its scores and alignment groups (no word diffs: ask for the pair
        with `storydiff compare` for those); `provenance` per document, per
        sentence, the labels carrying it identical or modified; `likely_source`.
        """
        carried = self.carried()
        n = len(self.documents)
        documents = []
        for i, doc in enumerate(self.documents):
            sentences = []
            for k, s in enumerate(self.sentences[i]):
                carriers = _carriers(carried[i][k], self.labels)
                sentences.append(
                    {
                        "index": s.index,
                        "text": s.text,
                        "start": s.start,
                        "end": s.end,
                        "identical_in": carriers["identical"],
                        "modified_in": carriers["modified"],
                        "repeated_in": carriers["repeated"],
                    }
                )
            words = self.pairs[(i, (i + 1) % n)].scores.get("words_a")
            documents.append({"label": self.labels[i], **doc.metadata(), "words": words, "sentences": sentences})
        overlap = [
            [None if i == j else self.pairs[(i, j)].scores["overlap_a_in_b"] for j in range(n)] for i in range(n)
        ]
        shingles = [
            [None if i == j else self.pairs[(i, j)].scores["shingle_containment_a_in_b"] for j in range(n)]
            for i in range(n)
        ]
        pairs = [
            {
                "a": i,
                "b": j,
                "scores": dict(pair.scores),
                "alignment": [
                    {"a": list(g.a), "b": list(g.b), "kind": g.kind, "moved": g.moved, "score": round(g.score, 4)}
                    for g in pair.groups
                ],
            }
            for i, j, pair in self.iter_pairs()
        ]
        return {
            "schema": COLLECTION_SCHEMA,
            "labels": list(self.labels),
            "documents": documents,
            "overlap": {"measure": "overlap_a_in_b", "rows": list(self.labels), "values": overlap},
            "shingle_containment": {
                "measure": "shingle_containment_a_in_b",
                "rows": list(self.labels),
                "values": shingles,
            },
            "likely_source": self.likely_source().to_dict(),
            "pairs": pairs,
            "options": dict(self.options),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Collection:
        """Rebuild a collection from `to_dict()` output (for instance a saved JSON report).

        The schema keeps each pair's groups but not their word diffs, so the rebuilt pairs have none
        (and no findings); every view (`overlap_matrix`, `provenance`, `likely_source`) is as before.
        """
        if data.get("schema") != COLLECTION_SCHEMA:
            raise InputError(
                f"not a storydiff collection: schema is {data.get('schema')!r}, expected {COLLECTION_SCHEMA!r}"
            )
        documents, sentences = [], []
        for raw in data["documents"]:
            document, mine = side_from_dict(raw)
            documents.append(document)
            sentences.append(mine)
        pairs: dict[tuple[int, int], Comparison] = {}
        for raw in data["pairs"]:
            i, j = int(raw["a"]), int(raw["b"])
            groups = tuple(
                Group(tuple(g["a"]), tuple(g["b"]), g["kind"], float(g["score"]), bool(g["moved"]))
                for g in raw["alignment"]
            )
            pair = Comparison(documents[i], documents[j], sentences[i], sentences[j], groups, dict(raw["scores"]))
            pairs[(i, j)], pairs[(j, i)] = pair, pair.swapped()
        return cls(tuple(documents), tuple(data["labels"]), tuple(sentences), pairs, dict(data.get("options", {})))

    def to_frame(self) -> pd.DataFrame:
        """One row per pair of versions (each unordered pair once, in input order), indexed by the labels
        (`a`, `b`): the pair's scores (`PAIR_SCORES`; `_a_in_b` is the share of A found in B) and how many
        groups of each kind, plus `moved`. The table `storydiff report --table pairs` writes as CSV."""
        import pandas as pd

        rows = []
        for i, j, pair in self.iter_pairs():
            counts = pair.counts()
            row: dict[str, Any] = {"a": self.labels[i], "b": self.labels[j]}
            row.update({key: pair.scores.get(key) for key in PAIR_SCORES})
            row.update({kind: counts[kind] for kind in (*KINDS, "moved")})
            rows.append(row)
        return pd.DataFrame(rows, columns=["a", "b", *PAIR_SCORES, *KINDS, "moved"]).set_index(["a", "b"])

    def _repr_html_(self) -> str:
        """Jupyter shows a collection as its HTML report body."""
        return HOOKS.html(self)


def compare_many(
    docs: Sequence[Source],
    *,
    labels: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    options: AlignOptions | None = None,
    threshold: float | None = None,
    part_threshold: float | None = None,
    gap_threshold: float | None = None,
    facts: bool = False,
    method: Method = "lexical",
) -> Collection:
    """Compare every pair among several versions of a story.

    Parameters
    ----------
    docs:
        Two or more versions, each anything `compare()` accepts (text, a path,
        a `Document`, a list of sentences). Files are read once.
    labels:
        Names to show for the versions, in the same order; by default each
        document's label (title, name or source), made unique.
    progress:
        Called as `progress(done, total)` after each pair, for progress bars.
    options, threshold, part_threshold, gap_threshold, method:
        Passed to `compare()` for every pair, as there. A misspelt keyword is a
        `TypeError` naming it, before any work is done.
    facts:
        Look for changed facts in every pair. Off by default: the collection's
        views do not use them, and finding them costs more than aligning.

    Returns
    -------
    Collection
        Every ordered pair's comparison; each unordered pair aligned once, in
        an orientation fixed by the documents' contents, so the numbers do not
        depend on the order of `docs`.

    >>> many = compare_many(["The cat sat. It was warm.", "The cat sat.", "It was warm. The dog ran."])
    >>> many.overlap_matrix().round(2).loc["article 2"].tolist()
    [1.0, nan, 0.0]
    """
    if isinstance(docs, str | bytes | os.PathLike) or len(docs) < 2:
        raise OptionError("compare_many needs at least two versions of the story, as a list")
    if labels is not None and len(labels) != len(docs):
        raise OptionError(f"got {len(labels)} labels for {len(docs)} versions; give one label per version")
    # Files are read once; anything else is passed to compare() as given (a list of sentences stays one).
    sources: list[Source] = [prepare(doc)[0] if isinstance(doc, os.PathLike) else doc for doc in docs]
    documents = tuple(source if isinstance(source, Document) else prepare(source)[0] for source in sources)
    names = version_labels(documents, labels)
    if taken := sorted(set(names) & set(PROVENANCE_FIELDS)):
        raise OptionError(
            f"a version may not be labelled {taken[0]!r}: the provenance table has a column of that name; "
            "choose another label"
        )
    given = {"threshold": threshold, "part_threshold": part_threshold, "gap_threshold": gap_threshold}
    if options is not None:  # recorded in full: the thresholds every pair was aligned with
        given = {name: getattr(options, name) if value is None else value for name, value in given.items()}
    chosen: dict[str, Any] = {name: value for name, value in given.items() if value is not None}
    if method != "lexical":
        chosen["method"] = method
    chosen["facts"] = facts
    order = _canonical_order(documents, names)
    rank = {position: r for r, position in enumerate(order)}
    pairs: dict[tuple[int, int], Comparison] = {}
    sentences: dict[int, tuple[Sentence, ...]] = {}
    total = len(documents) * (len(documents) - 1) // 2
    for done, (x, y) in enumerate(combinations(range(len(documents)), 2), 1):
        first, second = (x, y) if rank[x] < rank[y] else (y, x)
        result = compare(sources[first], sources[second], options=options, **chosen)
        # Keep the caller's metadata and labels on both sides.
        result = _relabel(result, documents[first], documents[second])
        pairs[(first, second)] = result
        pairs[(second, first)] = result.swapped()
        sentences.setdefault(first, result.a_sentences)
        sentences.setdefault(second, result.b_sentences)
        if progress is not None:
            progress(done, total)
    return Collection(
        documents=documents,
        labels=names,
        sentences=tuple(sentences[i] for i in range(len(documents))),
        pairs=pairs,
        options=chosen,
    )


def version_labels(documents: Sequence[Document], labels: Sequence[str] | None) -> tuple[str, ...]:
    """The names to show for several versions: `labels` as given, else each document's label made unique
    (`unique_labels`). Raises `OptionError` when two are the same, since versions are told apart by them."""
    names = tuple(labels) if labels is not None else unique_labels(documents)
    if len(set(names)) != len(names):
        raise OptionError("labels must be different from each other")
    return names


def unique_labels(documents: Sequence[Document]) -> tuple[str, ...]:
    """Each document's label, made unique: unnamed ones become 'article N', clashes gain their folder or a number.

    A label that names a column of the provenance table (`PROVENANCE_FIELDS`, such as a file called `text`)
    gains ' (version)', so it cannot overwrite that column.
    """
    base = [
        f"article {n + 1}"
        if doc.label == "untitled"
        else doc.label + " (version)"
        if doc.label in PROVENANCE_FIELDS
        else doc.label
        for n, doc in enumerate(documents)
    ]
    out = list(base)
    clashing = [n for n, name in enumerate(base) if base.count(name) > 1]
    for n in clashing:
        source = documents[n].source
        if source:
            parts = PurePath(source).parts
            # The shortest path tail that no other clashing document shares.
            for depth in range(2, len(parts) + 1):
                tail = "/".join(parts[-depth:])
                if all(
                    "/".join(PurePath(documents[m].source or "").parts[-depth:]) != tail for m in clashing if m != n
                ):
                    out[n] = tail
                    break
    seen: dict[str, int] = {}
    clashes = {name for name in out if out.count(name) > 1}
    for n, name in enumerate(out):
        if name in clashes:
            seen[name] = seen.get(name, 0) + 1
            out[n] = f"{name} ({seen[name]})"
    return tuple(out)


def _relabel(result: Comparison, a: Document, b: Document) -> Comparison:
    """The result with the caller's documents (and so their metadata) on its two sides."""
    if result.a is a and result.b is b:
        return result
    return replace(result, a=a, b=b)


def _carriers(marks: Mapping[str, Carried | None], labels: Sequence[str]) -> dict[Carried, list[str]]:
    """The labels of the versions carrying a sentence identical, modified and repeated (`carried()`'s marks for
    it), each in input order: the `identical_in`, `modified_in` and `repeated_in` of provenance() and to_dict()."""
    return {status: [other for other in labels if marks.get(other) == status] for status in CARRIED}


def _measure_key(measure: str) -> str:
    try:
        return MEASURES[measure]
    except KeyError:
        raise OptionError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}") from None


def _canonical_order(documents: Sequence[Document], labels: Sequence[str]) -> list[int]:
    """Positions sorted by content (then label): the same set of documents always gives the same order."""

    def key(n: int) -> tuple[str, str]:
        return hashlib.sha256(documents[n].text.encode("utf-8", "surrogatepass")).hexdigest(), labels[n]

    return sorted(range(len(documents)), key=key)


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time, for ordering: aware times in local time and naive, naive ones as they are.

    None when the value is missing or not ISO 8601.
    """
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    # Compare naive and aware dates on the same footing (naive taken as UTC).
    return parsed.replace(tzinfo=None) if parsed.tzinfo is None else parsed.astimezone(tz=None).replace(tzinfo=None)


def _earliest(documents: Sequence[Document], labels: Sequence[str]) -> tuple[str, str] | None:
    dated = [
        (parsed, labels[n], documents[n].date)
        for n in range(len(documents))
        if (parsed := parse_date(documents[n].date))
    ]
    if not dated:
        return None
    _, label, raw = min(dated, key=lambda item: (item[0], item[1]))
    return label, str(raw)


def _statement(
    label: str,
    best: float,
    basis: Basis,
    ranked: Sequence[int],
    scores: Mapping[int, float],
    labels: Sequence[str],
    clear: bool,
    earliest: tuple[str, str] | None,
) -> str:
    runner = ranked[1]
    what = (
        f"holds on average {best:.0%} of the other versions' words"
        if basis == "contains_others"
        else f"has on average {best:.0%} of its words in the other versions"
    )
    if clear:
        text = (
            f"Likely source (an estimate from text overlap, not proof): {label}. "
            f"It {what}; next is {labels[runner]} at {scores[runner]:.0%}."
        )
    else:
        text = (
            f"No clear source: {label} {what}, but {labels[runner]} is close at {scores[runner]:.0%}; "
            "the texts alone do not tell which came first."
        )
    if earliest is None:
        text += " No version gives a publication date to check this against."
    elif earliest[0] == label:
        text += f" It also has the earliest date ({earliest[1]})."
    else:
        text += f" But the earliest date is {earliest[1]}, on {earliest[0]}: weigh that too."
    return text
