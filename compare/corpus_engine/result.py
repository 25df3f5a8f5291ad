"""`CorpusResult`: the stories of a corpus, as data, DataFrames and JSON.

Schema ``storydiff/corpus/v1`` (`to_dict`):

* ``clusters`` — lists of document ids that tell the same story (its
  versions: copies, trims, updates, rewrites), largest first;
* ``cores`` — for each cluster, the id of its core: the version every other
  member was matched with (and aligned with, unless all pairs were asked for);
* ``events`` — groups of two or more clusters (their numbers) whose members
  share passages (background paragraphs, quotes) without being one story;
* ``pairs`` — one record per aligned pair inside a cluster: ``a``, ``b``,
  ``overlap_a_in_b``, ``overlap_b_in_a`` (share of words in unchanged runs,
  from the full alignment), ``shingle_containment_a_in_b``,
  ``shingle_containment_b_in_a`` (share of 5-word shingles), and ``cluster``;
* ``articles`` — ``id``, metadata (``title``, ``source``, ``date``, ``url``,
  ``path``), ``words``, ``cluster`` (its number, or null for an article
  alone), ``found_elsewhere`` (the share of its words found unchanged in
  at least one other article of its cluster), ``event`` (its cluster's
  event number, or null), ``core`` (its cluster's core), ``from_core`` (the
  share of its words found unchanged in the core; null for the core itself)
  and ``added_words`` (its words not found in the core: what it added);
* ``likely_sources`` — for the largest clusters (those the report details):
  ``cluster`` (its number), ``label`` (the id of its core, or with all
  pairs aligned, of the article the others most likely come from),
  ``statement`` (why, as a hedged sentence; an estimate from text overlap,
  not proof) and ``provenance`` (each sentence of that article: ``text``,
  ``identical_in`` and ``modified_in``, the ids of the articles carrying it
  unchanged or reworded);
* ``summary`` — counts, the inputs skipped and why, and per-stage timings;
* ``options`` — the options of the run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CORPUS_SCHEMA", "PAIR_FIELDS", "CorpusResult"]

CORPUS_SCHEMA = "storydiff/corpus/v1"
PAIR_FIELDS = (
    "a",
    "b",
    "overlap_a_in_b",
    "overlap_b_in_a",
    "shingle_containment_a_in_b",
    "shingle_containment_b_in_a",
    "cluster",
)
ARTICLE_FIELDS = (
    "id",
    "title",
    "source",
    "date",
    "url",
    "path",
    "words",
    "cluster",
    "found_elsewhere",
    "event",
    "core",
    "from_core",
    "added_words",
)


@dataclass(frozen=True)
class CorpusResult:
    """Clusters of articles telling the same story, the aligned pairs inside them, and every article.

    As on `Comparison` and `Collection`, a field is the data (`clusters`, `cores`, `events`, `pairs`,
    `articles`, `likely_sources`, as in the schema) and a `*_frame()` method its pandas DataFrame; `to_frame()` is
    the main table, the articles.
    """

    clusters: tuple[tuple[str, ...], ...]
    pairs: tuple[Mapping[str, Any], ...]
    articles: tuple[Mapping[str, Any], ...]
    summary: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    likely_sources: tuple[Mapping[str, Any], ...] = ()
    cores: tuple[str, ...] = ()
    events: tuple[tuple[int, ...], ...] = ()

    # -- views ---------------------------------------------------------------
    def clusters_frame(self) -> pd.DataFrame:
        """One row per article of each cluster, indexed by (`cluster`, `id`), with the cluster's `size`,
        `core` (its id) and `event` (its number, or <NA>); clusters largest first, as in `clusters`."""
        import pandas as pd

        event_of = {story: e for e, group in enumerate(self.events) for story in group}
        rows = [
            {
                "cluster": k,
                "id": i,
                "size": len(ids),
                "core": self.cores[k] if k < len(self.cores) else None,
                "event": event_of.get(k),
            }
            for k, ids in enumerate(self.clusters)
            for i in ids
        ]
        frame = pd.DataFrame(rows, columns=["cluster", "id", "size", "core", "event"])
        frame["event"] = frame["event"].astype("Int64")
        return frame.set_index(["cluster", "id"])

    def pairs_frame(self) -> pd.DataFrame:
        """One row per aligned pair inside a cluster (`PAIR_FIELDS`), indexed by `pair`, its position in `pairs`."""
        import pandas as pd

        frame = pd.DataFrame([{k: p.get(k) for k in PAIR_FIELDS} for p in self.pairs], columns=list(PAIR_FIELDS))
        frame.index.name = "pair"
        return frame

    def articles_frame(self) -> pd.DataFrame:
        """One row per article, indexed by `id`, with its cluster (or <NA>) and share found elsewhere."""
        import pandas as pd

        frame = pd.DataFrame(
            [{k: a.get(k) for k in ARTICLE_FIELDS} for a in self.articles], columns=list(ARTICLE_FIELDS)
        )
        for column in ("cluster", "event", "added_words"):
            frame[column] = frame[column].astype("Int64")
        return frame.set_index("id")

    def to_frame(self) -> pd.DataFrame:
        """The main table: `articles_frame()`."""
        return self.articles_frame()

    @property
    def problems(self) -> list[Mapping[str, str]]:
        """The inputs skipped (unreadable, empty, duplicate), with why."""
        return list(self.summary.get("problems", []))

    # -- serialisation -------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable data following the `storydiff/corpus/v1` schema."""
        return {
            "schema": CORPUS_SCHEMA,
            "clusters": [list(ids) for ids in self.clusters],
            "cores": list(self.cores),
            "events": [list(group) for group in self.events],
            "pairs": [dict(p) for p in self.pairs],
            "articles": [dict(a) for a in self.articles],
            "likely_sources": [dict(s) for s in self.likely_sources],
            "summary": dict(self.summary),
            "options": dict(self.options),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CorpusResult:
        """Rebuild a result from `to_dict()` output, for instance a saved corpus.json."""
        if data.get("schema") != CORPUS_SCHEMA:
            raise InputError(f"not a storydiff corpus: schema is {data.get('schema')!r}, expected {CORPUS_SCHEMA!r}")
        return cls(
            tuple(tuple(ids) for ids in data["clusters"]),
            tuple(data["pairs"]),
            tuple(data["articles"]),
            dict(data.get("summary", {})),
            dict(data.get("options", {})),
            tuple(data.get("likely_sources", ())),
            tuple(data.get("cores", ())),
            tuple(tuple(group) for group in data.get("events", ())),
        )

    def __repr__(self) -> str:
        return (
            f"<CorpusResult: {len(self.articles)} articles, {len(self.clusters)} clusters, "
            f"{len(self.pairs)} aligned pairs>"
        )
