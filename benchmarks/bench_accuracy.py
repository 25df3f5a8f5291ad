"""Alignment accuracy on hand-aligned real news, against two baselines computed in the same run.

    python benchmarks/bench_accuracy.py

For every labelled file in ../shared/data (real outlets' copy in `realnews-dev.jsonl`, split into wire
reprints and independent reports by id; rewrites and retellings for reference) it prints micro
precision, recall and F1 of the sentence pairs each aligner links, against the human links (`gold` plus
`partial`, as `../shared/tools/score_alignment.py` counts them):

* storydiff — `compare()` with default options (lexical); its `links` when present;
* greedy 1:1 rapidfuzz — every pair scored by `fuzz.token_set_ratio`, taken best first while both
  sentences are free, down to 60 (what a careful script does with rapidfuzz);
* difflib — each B sentence paired with the A sentence of highest `SequenceMatcher.ratio`, if >= 0.5.

The texts are only read to measure; nothing of `realnews-dev.jsonl` (no licence) is printed but ids
and figures. Without ../shared it says so and exits 0.
"""

from __future__ import annotations

import difflib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FILES = ("realnews-dev.jsonl", "alignment-dev.jsonl", "alignment-dev-aesop.jsonl")
sys.path.insert(0, str(ROOT))

from compare import compare  # noqa: E402

Pairs = set[tuple[int, int]]
GREEDY_CUTOFF = 60.0
DIFFLIB_CUTOFF = 0.5


def storydiff(a: Sequence[str], b: Sequence[str]) -> Pairs:
    data = compare(list(a), list(b), facts=False).to_dict()
    if "links" in data:
        return {(int(k["a"]), int(k["b"])) for k in data["links"]}
    return {(i, j) for g in data["alignment"] for i in g["a"] for j in g["b"]}


def greedy_rapidfuzz(a: Sequence[str], b: Sequence[str]) -> Pairs:
    scored = sorted(
        ((fuzz.token_set_ratio(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: Pairs = set()
    for value, i, j in scored:
        if value < GREEDY_CUTOFF:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.add((i, j))
    return out


def difflib_best(a: Sequence[str], b: Sequence[str]) -> Pairs:
    out: Pairs = set()
    for j, y in enumerate(b):
        best, where = 0.0, -1
        for i, x in enumerate(a):
            ratio = difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()
            if ratio > best:
                best, where = ratio, i
        if best >= DIFFLIB_CUTOFF:
            out.add((where, j))
    return out


ALIGNERS: dict[str, Callable[[Sequence[str], Sequence[str]], Pairs]] = {
    "storydiff": storydiff,
    "greedy 1:1 rapidfuzz": greedy_rapidfuzz,
    "difflib best match": difflib_best,
}


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def main() -> int:
    missing = [name for name in FILES if not (DATA / name).exists()]
    if missing:
        print(f"bench_accuracy: {DATA} lacks {', '.join(missing)} (the development data beside the repository)")
        print("bench_accuracy: skipped")
        return 0
    print("| set | pairs | gold links | aligner | F1 | P | R | seconds |")
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for name in FILES:
        with open(DATA / name, encoding="utf-8") as fh:
            docs = [json.loads(line) for line in fh if line.strip()]
        sets: dict[str, list[dict[str, object]]] = {}
        for doc in docs:
            kind = str(doc["id"]).split("/")[0] if name.startswith("realnews") else name.removesuffix(".jsonl")
            sets.setdefault(kind, []).append(doc)
        order = ["wire", "independent"]
        for kind, members in sorted(sets.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 9):
            gold_total = sum(len(d["gold"]) + len(d.get("partial", [])) for d in members)  # type: ignore[arg-type]
            for label, aligner in ALIGNERS.items():
                tp = fp = fn = 0
                start = time.perf_counter()
                for doc in members:
                    gold = {tuple(p) for p in doc["gold"]} | {tuple(p) for p in doc.get("partial", [])}  # type: ignore[attr-defined]
                    pred = aligner(doc["a"], doc["b"])  # type: ignore[arg-type]
                    tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
                seconds = time.perf_counter() - start
                score, p, r = f1(tp, fp, fn)
                figures = f"{score:.3f} | {p:.2f} | {r:.2f} | {seconds:.2f}"
                cells = [kind, len(members), gold_total, label, figures]
                print("| " + " | ".join(map(str, cells)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
