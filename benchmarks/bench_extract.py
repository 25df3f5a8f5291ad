"""How well storydiff reads real web pages: article text against human extractions, beside plain trafilatura.

Data: ../shared/data/pages-dev/ (91 real article pages, gzipped, with the human-extracted `articleBody` of
each in ground-truth.json; half of the Scrapinghub article-extraction benchmark, MIT). When it is absent
the script says so and exits 0.

Metric (the benchmark's): the text is split into `\\w+` tokens and 4-token shingles, counted with
repeats; per page, precision = shared / predicted and recall = shared / true shingles. Precision is
averaged over the pages that gave text, recall over all pages (a refused page counts as recall 0), and
F1 is that of the two means. This is a separate implementation of the metric as the benchmark states it.

Rows, on the same pages in the same run:
  storydiff             `document_from_bytes(kind="html")`, as `storydiff compare page.html` reads a file;
                        a refused page gives no text
  trafilatura default   `trafilatura.extract(raw bytes)`, every setting left at its default (the baseline)
  trafilatura precise   the same with `favor_precision=True` (what storydiff starts from)

Split: a page whose id (a SHA-256 in hex) is even as a number is in the tuning half, odd in the
held-out half. Settings were chosen on the tuning half only; the held-out half decides.

    python benchmarks/bench_extract.py                 # both halves and all pages
    python benchmarks/bench_extract.py --pages         # also each page's figures, worst first
    python benchmarks/bench_extract.py --settings      # trafilatura's settings compared, on the tuning half
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "pages-dev"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The text's n-token shingles, with their counts (a text under n tokens is one short shingle)."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_scores(true: str, predicted: str) -> tuple[float | None, float]:
    """(precision, recall) of one page; precision is None when nothing was predicted."""
    t, p = shingles(true), shingles(predicted)
    shared = sum((t & p).values())
    precision = shared / sum(p.values()) if p else None
    recall = shared / sum(t.values()) if t else 1.0
    return precision, recall


def summary(truth: dict[str, str], predicted: dict[str, str], ids: list[str]) -> tuple[float, float, float]:
    """(F1, precision, recall) over the pages `ids`, as the benchmark averages them."""
    precisions, recalls = [], []
    for key in ids:
        precision, recall = page_scores(truth[key], predicted.get(key, ""))
        if precision is not None:
            precisions.append(precision)
        recalls.append(recall)
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def _json_ld_body(html: str) -> str:
    """The longest schema.org articleBody in the page's JSON-LD blocks, or ''."""
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    bodies = [""]
    for script in lxml_html.document_fromstring(html.encode("utf-8")).xpath("//script[@type='application/ld+json']"):
        try:
            stack = [json.loads(script.text or "")]
        except ValueError:
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get("articleBody"), str):
                    bodies.append(item["articleBody"])
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return max(bodies, key=len)


def compare_settings(truth: dict[str, str], pages: dict[str, bytes], ids: list[str]) -> int:
    """F1 of trafilatura's settings on the pages `ids`, each page decoded as storydiff decodes it."""
    import trafilatura

    from compare.ingest import decode
    from compare.ingest.html import _HIDDEN, html_charset

    html = {key: decode(pages[key], key, declared=html_charset(pages[key])) for key in ids}
    settings: dict[str, dict[str, object]] = {
        "default": {},
        "favor_recall": {"favor_recall": True},
        "favor_precision": {"favor_precision": True},
        "no tables": {"include_tables": False},
        "hidden elements pruned": {"prune_xpath": _HIDDEN},
        "favor_precision, hidden pruned": {"favor_precision": True, "prune_xpath": _HIDDEN},
        "favor_recall, hidden pruned": {"favor_recall": True, "prune_xpath": _HIDDEN},
    }
    print(f"trafilatura.extract settings on the tuning half ({len(ids)} pages): F1 / precision / recall")
    for name, options in settings.items():
        found = {key: trafilatura.extract(html[key], deduplicate=False, **options) or "" for key in ids}  # type: ignore[arg-type]
        print("  {:32} {:.3f} {:.3f} {:.3f}".format(name, *summary(truth, found, ids)))
    print("JSON-LD articleBody (the body as the page gives it to search engines), where a page has one:")
    for key in ids:
        body = _json_ld_body(html[key])
        if body:
            precision, recall = page_scores(truth[key], body)
            words = len(_TOKEN.findall(body))
            print(f"  {key[:12]}: {words} words, precision {precision or 0:.2f} recall {recall:.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help=f"the pages-dev folder (default {DATA})")
    parser.add_argument("--pages", action="store_true", help="also print each page's figures, worst first")
    parser.add_argument(
        "--settings", action="store_true", help="compare trafilatura's settings on the tuning half (what chose them)"
    )
    args = parser.parse_args()
    truth_file = args.data / "ground-truth.json"
    if not truth_file.is_file():
        print(f"bench_extract: {args.data} is absent (it is in ../shared/data); nothing measured")
        return 0

    import trafilatura

    from compare.errors import InputError
    from compare.ingest import document_from_bytes

    logging.disable(logging.CRITICAL)  # trafilatura's doubts about odd pages
    records = json.loads(truth_file.read_text(encoding="utf-8"))
    truth = {key: str(value.get("articleBody") or "") for key, value in records.items()}
    ids = sorted(truth)
    pages = {key: gzip.decompress((args.data / "html" / f"{key}.html.gz").read_bytes()) for key in ids}
    halves = {
        "tuning half": [k for k in ids if int(k, 16) % 2 == 0],
        "held-out half": [k for k in ids if int(k, 16) % 2 == 1],
        "all pages": ids,
    }
    if args.settings:
        return compare_settings(truth, pages, halves["tuning half"])
    refused: dict[str, str] = {}

    def storydiff(key: str, data: bytes) -> str:
        try:
            return document_from_bytes(data, name=key[:12], kind="html").text
        except InputError as exc:
            refused[key] = str(exc)
            return ""

    extractors: dict[str, Callable[[str, bytes], str]] = {
        "storydiff": storydiff,
        "trafilatura default": lambda _key, data: trafilatura.extract(data) or "",
        "trafilatura precise": lambda _key, data: trafilatura.extract(data, favor_precision=True) or "",
    }
    results: dict[str, dict[str, str]] = {}
    seconds: dict[str, float] = {}
    for name, extract in extractors.items():
        started = time.perf_counter()
        results[name] = {key: extract(key, pages[key]) for key in ids}
        seconds[name] = time.perf_counter() - started

    print(f"{len(ids)} pages from {args.data}; 4-token shingle F1 / precision / recall (the benchmark's metric)\n")
    print(f"{'':22}" + "".join(f"{half + f' ({len(keys)})':>27}" for half, keys in halves.items()) + "      time")
    for name in extractors:
        cells = "".join("{:>11.3f} {:.3f} {:.3f}".format(*summary(truth, results[name], k)) for k in halves.values())
        print(f"{name:22}{cells}   {seconds[name]:5.1f} s")
    empty = {name: sum(1 for key in ids if not results[name][key].strip()) for name in extractors}
    print(f"\npages without text: {', '.join(f'{name} {count}' for name, count in empty.items())}")
    print(f"pages storydiff refused: {len(refused)}")
    for key, message in sorted(refused.items()):
        half = "tuning" if int(key, 16) % 2 == 0 else "held-out"
        print(f"  {key[:12]} ({half}): {message}")
    if args.pages:
        print("\npage          half      storydiff P    R   trafilatura P    R   true words  url")
        rows = []
        for key in ids:
            p, r = page_scores(truth[key], results["storydiff"][key])
            tp, tr = page_scores(truth[key], results["trafilatura default"][key])
            rows.append((min(p if p is not None else 0.0, r), key, p, r, tp, tr))
        for _, key, p, r, tp, tr in sorted(rows):
            half = "tuning" if int(key, 16) % 2 == 0 else "held-out"
            url = str(records[key].get("url", ""))
            print(
                f"{key[:12]}  {half:8}  {p if p is not None else 0:11.2f} {r:.2f}  {tp if tp is not None else 0:13.2f}"
                f" {tr:.2f}  {len(_TOKEN.findall(truth[key])):10}  {url[:60]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
