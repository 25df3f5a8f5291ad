"""The full sentence alignment, run only on pairs of articles inside a cluster.

Each pair goes through `compare.compare` — the same alignment, word diff and
scores as `storydiff compare` — and keeps what a corpus report needs: both
overlaps, both shingle containments, and which words of each article sit in
unchanged runs of the other (to tell how much of an article is found
elsewhere in the corpus).

Work is cut into batches that keep a cluster's pairs together, so the
process aligning them segments and tokenises each article once (`compare`
keeps the analysis of the texts it saw last). The largest clusters that the
report details (`DETAILED_CLUSTERS`, of up to `SOURCE_LIMIT` articles) are a
batch each, and that batch also finds the cluster's likely source and where
each of its sentences went (`compare.collection`), from the very comparisons
it made: the report renders what the run computed, nothing more.
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

__all__ = ["DETAILED_CLUSTERS", "SOURCE_LIMIT", "AlignBatch", "align_batch", "align_batches", "covered_share"]

DETAILED_CLUSTERS = 25  # the largest clusters, which the report shows article by article
SOURCE_LIMIT = 8  # of those, clusters of up to this many articles also get their likely source and provenance


@dataclass(frozen=True)
class AlignBatch:
    """Pairs of documents (numbers) to align in one task; `story`: the cluster to find a likely source for."""

    pairs: tuple[tuple[int, int], ...]
    story: tuple[int, tuple[int, ...]] | None = None  # (cluster number, its documents)


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

    With `story` (``cluster``, and ``docs``, ``ids``, ``meta`` of every
    article of a cluster whose pairs are all in `items`), ``"story"`` holds
    the cluster's likely source and the provenance of its sentences; else None.
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
    return {"pairs": rows, "story": None if story is None else likely_source(story, comparisons)}


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
    clusters: Sequence[Sequence[int]], edges: np.ndarray, max_all_pairs: int, batch_size: int
) -> list[AlignBatch]:
    """The pairs to align, in batches of about `batch_size` that keep each cluster's pairs together.

    Every pair inside each cluster is aligned; for a cluster of more than
    `max_all_pairs` articles only its edges (a cluster of 1,000 near-identical
    wire copies would otherwise cost half a million alignments; its verified
    edges already tie it together). A detailed cluster (see the module
    docstring) is a batch of its own; a cluster with more pairs than
    `batch_size` is cut into several, in order, so each article's pairs stay
    next to each other.
    """
    cluster_of = {d: k for k, members in enumerate(clusters) for d in members}
    big_edges: dict[int, list[tuple[int, int]]] = {}
    for a, b in edges:
        k = cluster_of.get(int(a))
        if k is not None and len(clusters[k]) > max_all_pairs:
            big_edges.setdefault(k, []).append((int(a), int(b)))
    batches: list[AlignBatch] = []
    pending: list[tuple[int, int]] = []
    for k, members in enumerate(clusters):
        if len(members) > max_all_pairs:
            pairs = sorted(big_edges.get(k, []))
        else:
            pairs = [(members[i], members[j]) for i in range(len(members)) for j in range(i + 1, len(members))]
        if k < DETAILED_CLUSTERS and len(members) <= min(SOURCE_LIMIT, max_all_pairs):
            batches.append(AlignBatch(tuple(pairs), (k, tuple(members))))
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
