"""Writing a corpus run's outputs: corpus.json, pairs as CSV or Parquet, and the HTML report.

Every file is written atomically. The HTML report lists clusters largest
first; the largest `DETAILED_CLUSTERS` get a section with their articles, the
overlap matrix (from the run's own alignments) and, for clusters of up to
`COLLECTION_LIMIT` articles, the likely source and the provenance of its
sentences from `compare.collection`. Article text is untrusted: the template
autoescapes everything and marks nothing safe.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

from ..errors import OptionError
from ..output import write_atomic
from .result import CorpusResult

__all__ = ["render_report", "write_outputs"]

DETAILED_CLUSTERS = 25
LISTED_CLUSTERS = 1000
COLLECTION_LIMIT = 8


def write_outputs(
    result: CorpusResult, out: str | os.PathLike[str], *, pairs: str | None = None, report: bool = True
) -> list[Path]:
    """Write corpus.json, and pairs.csv / pairs.parquet and report.html when asked; return the paths."""
    root = Path(out)
    written = [write_atomic(root / "corpus.json", json.dumps(result.to_dict(), ensure_ascii=False, indent=1))]
    if pairs == "csv":
        written.append(write_atomic(root / "pairs.csv", result.pairs().to_csv(index=False)))
    elif pairs == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise OptionError(
                "writing Parquet needs pyarrow: pip install 'storydiff[dask]', or use --pairs csv"
            ) from None
        buffer = io.BytesIO()
        result.pairs().to_parquet(buffer, index=False)
        written.append(write_atomic(root / "pairs.parquet", buffer.getvalue()))
    elif pairs is not None:
        raise OptionError(f"unknown pairs format {pairs!r}: use 'csv' or 'parquet'")
    if report:
        written.append(write_atomic(root / "report.html", render_report(result)))
    return written


def _collection_view(paths: list[str], ids: list[str]) -> tuple[str | None, str | None, list[dict[str, Any]]]:
    """For a small cluster of files: the likely-source statement, its label, and its sentences' provenance.

    Provenance rows say, for each sentence of the likely source, which other
    articles carry it unchanged or reworded (`Collection.provenance`).
    """
    from ..collection import compare_many
    from ..errors import StorydiffError
    from ..ingest import load_path

    try:
        documents = [load_path(path) for path in paths]
    except StorydiffError:  # a file changed or went away since the run: leave this cluster's details out
        return None, None, []
    collection = compare_many(documents, labels=ids)
    source = collection.likely_source()
    frame = collection.provenance()
    rows = [
        {"text": row["text"], "identical_in": list(row["identical_in"]), "modified_in": list(row["modified_in"])}
        for row in frame.xs(source.label, level="article").to_dict("records")
    ]
    return source.statement, source.label, rows


def render_report(result: CorpusResult) -> str:
    """The self-contained HTML report of a corpus run."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda value: "–" if value is None else f"{value:.0%}"
    articles = {a["id"]: a for a in result.articles_}
    overlap: dict[tuple[str, str], float] = {}
    for p in result.pairs_:
        overlap[(p["a"], p["b"])] = p["overlap_a_in_b"]
        overlap[(p["b"], p["a"])] = p["overlap_b_in_a"]
    clusters: list[dict[str, Any]] = []
    for number, ids in enumerate(result.clusters_[:LISTED_CLUSTERS]):
        detailed = number < DETAILED_CLUSTERS
        members = [articles[i] for i in ids]
        view: dict[str, Any] = {"number": number, "size": len(ids), "members": members, "detailed": detailed}
        if detailed:
            view["matrix"] = [[overlap.get((x, y)) if x != y else None for y in ids] for x in ids]
            statement, label, rows = None, None, []
            if len(ids) <= COLLECTION_LIMIT and all(_is_file_article(a) for a in members):
                statement, label, rows = _collection_view([str(a["path"]) for a in members], list(ids))
            view.update(likely_source=statement, source_label=label, provenance=rows)
        clusters.append(view)
    skipped = ", ".join(f"{n} {kind}" for kind, n in sorted(result.summary.get("skipped", {}).items()))
    return env.get_template("corpus.html.j2").render(
        title="storydiff corpus report",
        summary=result.summary,
        skipped=skipped,
        min_containment=result.options.get("min_containment"),
        clusters=clusters,
        hidden=max(0, len(result.clusters_) - LISTED_CLUSTERS),
    )


def _is_file_article(article: dict[str, Any]) -> bool:
    """True for an article that is a whole file (a record of a JSON file cannot be re-read by path)."""
    path = str(article.get("path") or "")
    return bool(path) and not path.lower().endswith((".json", ".jsonl", ".ndjson"))
