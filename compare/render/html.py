"""HTML reports: one self-contained file for a comparison of two versions, or for many.

The page carries its own CSS and a few lines of JavaScript, loads nothing from
the network (a Content-Security-Policy says so to the browser, and allows only
the page's own script by its hash), reads in light and dark, prints cleanly and
is usable from the keyboard. Article text is untrusted: the templates are
Jinja2 with autoescaping on for every template, and nothing from an article is
ever marked safe; links are made only from `http(s)` metadata URLs.

`render_html(result)` gives the full page, `render_fragment(result)` the body
with its styles and without script, for Jupyter (`_repr_html_`).
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..collection import Collection
from ..model import Comparison, Document
from .display import display_text
from .highlight import pieces
from .summary import finding_rows, method_line, similarity_histogram
from .symbols import KIND_SYMBOL, MOVED_SYMBOL, kind_label, label, link_notes, refs, repeat_note

__all__ = ["document_info", "page_script", "render_fragment", "render_html", "template_environment"]

TEMPLATES = Path(__file__).parent / "templates"

# What a provenance mark means, and the symbol that shows it without colour.
CARRIED_SYMBOL = {"identical": "=", "modified": "~", "repeated": "*", "": "", "·": "·"}


def _visible(value: Any) -> Any:
    """What a template prints: text with control and bidirectional characters shown (`display_text`);
    markup and numbers as they are."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return display_text(value)
    return value


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template, whatever its extension: article text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Control characters too (ESC, BEL, C1) become visible symbols: they are invalid in HTML, and a page
        # printed with `cat` or opened in a pager would otherwise send them to the terminal as commands.
        finalize=_visible,
    )
    env.filters["pct"] = lambda value: "–" if value is None else f"{value:.0%}"
    env.filters["kind_label"] = kind_label
    env.filters["pct1"] = lambda value: "–" if value is None else f"{value:.1%}"
    env.filters["num"] = lambda value, digits=2: "–" if value is None else f"{value:.{digits}f}"
    return env


@lru_cache(maxsize=1)
def _script() -> tuple[str, str]:
    """The page's inline script and its CSP hash."""
    source = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return source, f"'sha256-{digest}'"


def render_html(result: Comparison | Collection, *, title: str | None = None) -> str:
    """The full, self-contained HTML page for a comparison or a collection."""
    context = _context(result)
    script, script_hash = _script()
    context.update(
        page_title=title or context["default_title"],
        script=script,
        script_hash=script_hash,
        fragment=False,
    )
    return _environment().get_template("page.html.j2").render(context)


def render_fragment(result: Comparison | Collection) -> str:
    """The report body with its scoped styles and no script: what a notebook shows."""
    context = _context(result)
    context.update(page_title=context["default_title"], fragment=True)
    return _environment().get_template("fragment.html.j2").render(context)


# -- view models --------------------------------------------------------------
def _context(result: Any) -> dict[str, Any]:
    if isinstance(result, Comparison):
        return _comparison_context(result)

    if isinstance(result, Collection):
        return _collection_context(result)
    raise TypeError(f"cannot render a {type(result).__name__} as HTML; pass a Comparison or a Collection")


def _safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), to link to; anything else (javascript:, data:) is shown as text only."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _doc_info(doc: Document, label_text: str, words: int | None, sentences: int) -> dict[str, Any]:
    return {
        "label": label_text,
        "title": doc.title,
        "source": doc.source,
        "date": doc.date,
        "url": doc.url,
        "link": _safe_url(doc.url),
        "author": doc.author,
        "words": words,
        "sentences": sentences,
    }


def _comparison_context(result: Comparison) -> dict[str, Any]:
    s = result.scores
    counts = s.get("counts") or result.counts()
    groups = []
    for n, group in enumerate(result.groups):
        a_ref, b_ref = refs(group)
        groups.append(
            {
                "n": n,
                "kind": group.kind,
                "symbol": KIND_SYMBOL[group.kind],
                "moved": group.moved,
                "label": label(group),
                "changed": group.changed,
                "matched": bool(group.a and group.b),
                "score": group.score,
                "a_ref": a_ref,
                "b_ref": b_ref,
                "a": pieces(result, group, "a"),
                "b": pieces(result, group, "b"),
                "note": repeat_note(result, group),
                "links": link_notes(result, group),
            }
        )
    histogram = similarity_histogram(result)
    peak = max((b["count"] for b in histogram), default=0) or 1
    for bin_ in histogram:
        bin_["width"] = round(100 * bin_["count"] / peak, 1)
    findings = finding_rows(result)
    a_label, b_label = result.a.label, result.b.label
    return {
        "kind": "comparison",
        "method": method_line(result.options),
        "default_title": f"storydiff: {a_label} → {b_label}",
        "a": _doc_info(result.a, a_label, s.get("words_a"), len(result.a_sentences)),
        "b": _doc_info(result.b, b_label, s.get("words_b"), len(result.b_sentences)),
        "scores": s,
        "counts": [
            {"kind": kind, "symbol": symbol_, "count": counts.get(kind, 0)} for kind, symbol_ in KIND_SYMBOL.items()
        ],
        "moved": counts.get("moved", 0),
        "moved_symbol": MOVED_SYMBOL,
        "histogram": histogram,
        "unmatched": sum(1 for g in result.groups if not (g.a and g.b)),
        "linked": sum(1 for k in result.links if k.kind != "group"),
        "findings": findings,
        "groups": groups,
        "changed": [g for g in groups if g["changed"]],
    }


def _heat(value: float | None) -> str:
    return "" if value is None else f"--v:{max(0.0, min(1.0, value)):.3f}"


def _collection_context(collection: Collection) -> dict[str, Any]:
    labels = list(collection.labels)
    n = len(labels)
    overlap = [
        [None if i == j else float(collection.pairs[(i, j)].scores["overlap_a_in_b"]) for j in range(n)]
        for i in range(n)
    ]
    shingles = [
        [None if i == j else float(collection.pairs[(i, j)].scores["shingle_containment_a_in_b"]) for j in range(n)]
        for i in range(n)
    ]
    carried = collection.carried()
    source = collection.likely_source()
    documents = []
    for i, doc in enumerate(collection.documents):
        words = collection.pairs[(i, (i + 1) % n)].scores.get("words_a")
        rows = []
        own = shared_all = 0
        for k, sentence in enumerate(collection.sentences[i]):
            marks = carried[i][k]
            cells = []
            for other in labels:
                status = "·" if other == labels[i] else (marks.get(other) or "")
                cells.append({"other": other, "status": status, "symbol": CARRIED_SYMBOL[status]})
            carried_by = sum(1 for other in labels if marks.get(other))
            own += carried_by == 0
            shared_all += carried_by == n - 1
            rows.append(
                {
                    "n": k + 1,
                    "text": sentence.text,
                    "cells": cells,
                    "carried_by": carried_by,
                    "own": carried_by == 0,
                    "everywhere": carried_by == n - 1,
                }
            )
        info = _doc_info(doc, labels[i], words, len(collection.sentences[i]))
        info.update(index=i, rows=rows, own=own, shared_all=shared_all, is_source=source.clear and i == source.index)
        documents.append(info)
    pairs = [
        {
            "a": labels[i],
            "b": labels[j],
            "a_in_b": pair.scores["overlap_a_in_b"],
            "b_in_a": pair.scores["overlap_b_in_a"],
            "jaccard": pair.scores["jaccard"],
            "similarity": pair.scores.get("similarity"),
            "counts": pair.scores.get("counts", {}),
        }
        for i, j, pair in collection.iter_pairs()
    ]
    return {
        "kind": "collection",
        "method": method_line(collection.options),
        "default_title": f"storydiff: {n} versions of a story",
        "labels": labels,
        "documents": documents,
        "overlap": [[{"value": v, "style": _heat(v)} for v in row] for row in overlap],
        "shingles": [[{"value": v, "style": _heat(v)} for v in row] for row in shingles],
        "source": source.to_dict(),
        "pairs": pairs,
        "kind_symbols": KIND_SYMBOL,
    }


# For other kinds of page built on the same template, styles and script (the history timeline, render.history).
template_environment = _environment
page_script = _script
document_info = _doc_info
