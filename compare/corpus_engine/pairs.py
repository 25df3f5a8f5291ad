"""The full sentence alignment, run only on pairs of articles inside a story.

Which pairs: each member of a story against the story's core (`clusters.stories`
made every member match it), so the cost grows with the articles, not their
square — a story of 1,000 versions is 999 alignments, not 499,500. The pair is
ordered (core, member): ``overlap_b_in_a`` is how much of the member comes
from the core, and the rest is what the member added. With ``all_pairs``
(`--all-pairs`), stories of up to `max_all_pairs` articles get every pair
instead, as before.

Each pair goes through `compare.compare` — the same alignment, word diff and
scores as `storydiff compare` — and keeps what a corpus report needs: both
overlaps, both shingle containments, and which words of each article sit in
unchanged runs of the other (to tell how much of an article is found
elsewhere in the corpus).

Work is cut into batches that keep a story's pairs together, so the
process aligning them segments and tokenises each article once (`compare`
keeps the analysis of the texts it saw last). The largest stories that the
report details (`DETAILED_CLUSTERS`, of up to `PROVENANCE_LIMIT` articles)
are a batch each, and that batch also says where each sentence of the core
went, from the very comparisons it made (with ``all_pairs``, for stories of
up to `SOURCE_LIMIT` articles, the likely source of `compare.collection`
instead): the report renders what the run computed, nothing more.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..model import Comparison, Document
from ..normalise import tokenize

__all__ = [
    "DETAILED_CLUSTERS",
    "PROVENANCE_LIMIT",
    "SOURCE_LIMIT",
    "AlignBatch",
    "align_batch",
    "align_batches",
    "covered_share",
]

DETAILED_CLUSTERS = 25  # the largest clusters, which the report shows article by article
SOURCE_LIMIT = 8  # with all pairs: of those, clusters of up to this many articles also get their likely source
PROVENANCE_LIMIT = 60  # against the core: clusters of up to this many get where each core sentence went


@dataclass(frozen=True)
class AlignBatch:
    """Pairs of documents (numbers) to align in one task; `story`: the cluster to find provenance for."""

    pairs: tuple[tuple[int, int], ...]
    story: tuple[int, tuple[int, ...]] | None = None  # (cluster number, its documents)
    core: int | None = None  # the story's core, or None: all its pairs are aligned (find the likely source)


@lru_cache(maxsize=64)
def _word_starts(text: str) -> list[int]:
    """Where each word of a text starts; kept for the texts seen last, as each is in several pairs."""
    return [t.start for t in tokenize(text)]


def _covered(result: Comparison, side: str) -> list[list[int]]:
    """Word-index ranges [lo, hi) of one side that are unchanged in the other side."""
    starts = _word_starts(result.a.text if side == "a" else result.b.text)
    ranges: list[list[int]] = []
    for group in result.groups:
        for op in group.diff:
            if op.op != "equal":
                continue
            lo, hi = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
            first, last = bisect_left(starts, lo), bisect_right(starts, hi - 1)
            if last > first:
                ranges.append([first, last])
    return ranges


def _row(a: int, b: int, result: Comparison) -> dict[str, Any]:
    scores = result.scores
    return {
        "a": a,
        "b": b,
        "overlap_a_in_b": scores["overlap_a_in_b"],
        "overlap_b_in_a": scores["overlap_b_in_a"],
        "shingle_containment_a_in_b": scores["shingle_containment_a_in_b"],
        "shingle_containment_b_in_a": scores["shingle_containment_b_in_a"],
        "words_a": scores["words_a"],
        "words_b": scores["words_b"],
        "covered_a": _covered(result, "a"),
        "covered_b": _covered(result, "b"),
    }


def align_batch(
    items: Sequence[tuple[int, int, str, str]], threshold: float, story: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Align each (a, b, text a, text b) at `threshold`: ``{"pairs": [scores, covered word ranges], "story": ...}``.

    With `story` (``cluster``, ``core`` and ``docs``, ``ids``, ``meta`` of
    every article of a cluster whose pairs are all in `items`), ``"story"``
    holds where each sentence of the core went (`core_provenance`), or with
    ``core`` None (all pairs aligned) the cluster's likely source and the
    provenance of its sentences (`likely_source`); else None.
    """
    from ..api import compare

    meta = dict(zip(story["docs"], story["meta"], strict=True)) if story is not None else {}
    rows = []
    comparisons: dict[tuple[int, int], Comparison] = {}
    for a, b, text_a, text_b in items:
        result = compare(
            _document(text_a, meta.get(a)), _document(text_b, meta.get(b)), threshold=threshold, facts=False
        )
        rows.append(_row(a, b, result))
        if story is not None:
            comparisons[(a, b)] = result
    if story is None:
        return {"pairs": rows, "story": None}
    if story.get("core") is None:
        return {"pairs": rows, "story": likely_source(story, comparisons)}
    return {"pairs": rows, "story": core_provenance(story, comparisons)}


def core_provenance(story: Mapping[str, Any], comparisons: Mapping[tuple[int, int], Comparison]) -> dict[str, Any]:
    """Where each sentence of a story's core went, from the (core, member) comparisons already made.

    A sentence is carried 'identical' by a member when its group is
    identical (moved or not), 'modified' when reworded, split or merged —
    as `compare.collection.Collection.carried` says it.
    """
    core: int = story["core"]
    label_of = dict(zip(story["docs"], story["ids"], strict=True))
    marks: list[dict[str, str]] | None = None
    sentences: list[str] = []
    for (a, b), result in sorted(comparisons.items(), key=lambda item: label_of[item[0][1]]):
        if a != core:
            continue
        if marks is None:
            sentences = [s.text for s in result.a_sentences]
            marks = [{} for _ in sentences]
        for group in result.groups:
            if not group.b:
                continue
            for k in group.a:
                marks[k][label_of[b]] = "identical" if group.kind == "identical" else "modified"
    label = label_of[core]
    others = len(story["docs"]) - 1
    return {
        "cluster": story["cluster"],
        "label": label,
        "statement": (
            f"{label} is this story's core: each of the other {others} versions shares passages along it "
            "or lies within it. An estimate from text overlap, not proof of who copied whom."
        ),
        "provenance": [
            {
                "text": text,
                "identical_in": [other for other, how in mark.items() if how == "identical"],
                "modified_in": [other for other, how in mark.items() if how == "modified"],
            }
            for text, mark in zip(sentences, marks or [], strict=True)
        ],
    }


def _document(text: str, meta: Mapping[str, Any] | None) -> Document:
    """An article's text, with the metadata a likely source is weighed with (its date) when given."""
    if meta is None:
        return Document(text)
    return Document(
        text, title=meta.get("title"), source=meta.get("source"), date=meta.get("date"), url=meta.get("url")
    )


def likely_source(story: Mapping[str, Any], comparisons: Mapping[tuple[int, int], Comparison]) -> dict[str, Any]:
    """The likely source of a cluster and where each of its sentences went, from the cluster's comparisons.

    A `compare.collection.Collection` is built from the comparisons already
    made (each pair once, its mirror by `swapped()`, as `compare_many` does),
    so nothing is aligned twice.
    """
    from ..collection import Collection

    docs: list[int] = list(story["docs"])
    position = {doc: i for i, doc in enumerate(docs)}
    pairs: dict[tuple[int, int], Comparison] = {}
    sentences: dict[int, Any] = {}
    documents: dict[int, Document] = {}
    for (a, b), result in comparisons.items():
        i, j = position[a], position[b]
        pairs[(i, j)], pairs[(j, i)] = result, result.swapped()
        sentences.setdefault(i, result.a_sentences)
        sentences.setdefault(j, result.b_sentences)
        documents.setdefault(i, result.a)
        documents.setdefault(j, result.b)
    labels = tuple(story["ids"])
    collection = Collection(
        documents=tuple(documents[i] for i in range(len(docs))),
        labels=labels,
        sentences=tuple(sentences[i] for i in range(len(docs))),
        pairs=pairs,
    )
    source = collection.likely_source()
    carried = collection.carried()[source.index]
    return {
        "cluster": story["cluster"],
        "label": source.label,
        "statement": source.statement,
        "provenance": [
            {
                "text": sentence.text,
                "identical_in": [label for label in labels if marks.get(label) == "identical"],
                "modified_in": [label for label in labels if marks.get(label) == "modified"],
            }
            for sentence, marks in zip(collection.sentences[source.index], carried, strict=True)
        ],
    }


def align_batches(
    clusters: Sequence[Sequence[int]],
    cores: Sequence[int],
    *,
    all_pairs: bool,
    max_all_pairs: int,
    batch_size: int,
) -> list[AlignBatch]:
    """The pairs to align, in batches of about `batch_size` that keep each cluster's pairs together.

    Each member against its cluster's core, as (core, member); with
    `all_pairs`, every pair of a cluster of up to `max_all_pairs` articles
    (larger ones still against their core). A detailed cluster (see the
    module docstring) is a batch of its own; a cluster with more pairs than
    `batch_size` is cut into several, in order.
    """
    batches: list[AlignBatch] = []
    pending: list[tuple[int, int]] = []
    for k, (members, core) in enumerate(zip(clusters, cores, strict=True)):
        every = all_pairs and len(members) <= max_all_pairs
        if every:
            pairs = [(members[i], members[j]) for i in range(len(members)) for j in range(i + 1, len(members))]
        else:
            pairs = [(core, m) for m in members if m != core]
        if k < DETAILED_CLUSTERS and len(members) <= (SOURCE_LIMIT if every else PROVENANCE_LIMIT):
            batches.append(AlignBatch(tuple(pairs), (k, tuple(members)), None if every else core))
            continue
        if pending and len(pending) + len(pairs) > batch_size:
            batches.append(AlignBatch(tuple(pending)))
            pending = []
        pending.extend(pairs)
        while len(pending) >= batch_size:
            batches.append(AlignBatch(tuple(pending[:batch_size])))
            pending = pending[batch_size:]
    if pending:
        batches.append(AlignBatch(tuple(pending)))
    return batches


def covered_share(words: int, ranges: Sequence[Sequence[int]]) -> float:
    """The share of `words` words covered by the union of word ranges [lo, hi)."""
    if words <= 0:
        return 0.0
    mask = np.zeros(words, dtype=bool)
    for lo, hi in ranges:
        mask[lo:hi] = True
    return round(float(mask.sum()) / words, 4)
