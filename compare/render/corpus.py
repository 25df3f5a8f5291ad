"""Writing a corpus run's outputs: corpus.json, pairs as CSV or Parquet, and the HTML report.

Every file is written atomically. The HTML report lists events (stories that
share background) and clusters (stories) largest first, each with its core;
the largest `DETAILED_CLUSTERS` get a section with their articles, how much
of each came from the core and what it added, the overlap matrix of the
aligned pairs and, when the run found it, where each sentence of the core
(or, with all pairs aligned, of the likely source) went. Everything
shown comes from the `CorpusResult`: rendering reads no input and aligns
nothing, so a report rebuilt from a saved corpus.json is the same. Article
text is untrusted: the template autoescapes everything and marks nothing safe.
"""

from __future__ import annotations

import importlib.util
import io
import os
from pathlib import Path
from typing import Any

from ..corpus_engine.clusters import TOP_WINDOWS
from ..corpus_engine.pairs import DETAILED_CLUSTERS
from ..corpus_engine.result import CorpusResult
from ..corpus_engine.signatures import COMMON, WINDOW_WORDS
from ..errors import DependencyError, OptionError
from .html import template_environment
from .json import json_text
from .write import write_atomic

__all__ = ["render_report", "write_outputs"]

LISTED_CLUSTERS = 1000
MATRIX_LIMIT = 30  # a detailed cluster larger than this shows no overlap matrix (its from-core column says it)
LISTED_PROBLEMS = 200  # skipped inputs named in the report, with why (corpus.json lists them all)


def write_outputs(
    result: CorpusResult, out: str | os.PathLike[str], *, pairs: str | None = None, report: bool = True
) -> list[Path]:
    """Write corpus.json, and pairs.csv / pairs.parquet and report.html when asked; return the paths."""
    root = Path(out)
    written = [write_atomic(root / "corpus.json", json_text(result.to_dict(), indent=1))]
    if pairs == "csv":
        written.append(write_atomic(root / "pairs.csv", result.pairs_frame().to_csv(index=False)))
    elif pairs == "parquet":
        if importlib.util.find_spec("pyarrow") is None:
            raise DependencyError("writing Parquet needs pyarrow: pip install 'storydiff[dask]', or use --pairs csv")
        buffer = io.BytesIO()
        result.pairs_frame().to_parquet(buffer, index=False)
        written.append(write_atomic(root / "pairs.parquet", buffer.getvalue()))
    elif pairs is not None:
        raise OptionError(f"unknown pairs format {pairs!r}: use 'csv' or 'parquet'")
    if report:
        written.append(write_atomic(root / "report.html", render_report(result)))
    return written


def render_report(result: CorpusResult) -> str:
    """The self-contained HTML report of a corpus run."""
    env = template_environment()  # the comparison report's: escaped, control and bidi characters shown
    articles = {a["id"]: a for a in result.articles}
    overlap: dict[tuple[str, str], float] = {}
    for p in result.pairs:
        overlap[(p["a"], p["b"])] = p["overlap_a_in_b"]
        overlap[(p["b"], p["a"])] = p["overlap_b_in_a"]
    sources = {int(s["cluster"]): s for s in result.likely_sources}
    event_of = {story: e for e, group in enumerate(result.events) for story in group}
    clusters: list[dict[str, Any]] = []
    for number, ids in enumerate(result.clusters[:LISTED_CLUSTERS]):
        detailed = number < DETAILED_CLUSTERS
        core = result.cores[number] if number < len(result.cores) else None
        members = [articles[i] for i in ids]
        if core is not None:  # the core first, then the others as listed
            members.sort(key=lambda m: m["id"] != core)
            ids = tuple(m["id"] for m in members)
        view: dict[str, Any] = {
            "number": number,
            "size": len(ids),
            "members": members,
            "detailed": detailed,
            "core": articles.get(core) if core is not None else None,
            "event": event_of.get(number),
        }
        if detailed:
            small = len(ids) <= MATRIX_LIMIT
            view["matrix"] = [[overlap.get((x, y)) if x != y else None for y in ids] for x in ids] if small else []
            source = sources.get(number, {})
            view.update(
                likely_source=source.get("statement"),
                source_label=source.get("label"),
                provenance=source.get("provenance", []),
            )
        clusters.append(view)
    events = [
        {
            "number": e,
            "size": sum(len(result.clusters[k]) for k in group),
            "stories": [
                {
                    "number": k,
                    "size": len(result.clusters[k]),
                    "core": articles.get(result.cores[k]) if k < len(result.cores) else None,
                }
                for k in group
            ],
        }
        for e, group in enumerate(result.events[:LISTED_CLUSTERS])
    ]
    skipped = ", ".join(f"{n} {kind}" for kind, n in sorted(result.summary.get("skipped", {}).items()))
    return env.get_template("corpus.html.j2").render(
        title="storydiff corpus report",
        summary=result.summary,
        skipped=skipped,
        problems=list(result.summary.get("problems", []))[:LISTED_PROBLEMS],
        more_problems=max(0, len(result.summary.get("problems", [])) - LISTED_PROBLEMS),
        min_containment=result.options.get("min_containment"),
        common=COMMON,
        top_words=TOP_WINDOWS * WINDOW_WORDS,
        clusters=clusters,
        events=events,
        hidden=max(0, len(result.clusters) - LISTED_CLUSTERS),
        hidden_events=max(0, len(result.events) - LISTED_CLUSTERS),
    )
