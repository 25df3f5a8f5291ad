"""Accuracy and speed of `compare(method="semantic")` against the default lexical method, in one run.

    python benchmarks/bench_semantic.py

For each hand-labelled file of ../shared/data (rewrites: alignment-dev.jsonl;
independent retellings: alignment-dev-aesop.jsonl) and each method, prints
micro precision, recall and F1 of aligned sentence pairs, counted exactly as
../shared/tools/score_alignment.py counts them (gold plus partial pairs; every
group with sentences on both sides counts as the pairs a x b; the same API
call, `compare(a_sentences, b_sentences)` and `to_dict()["alignment"]`), and
the seconds spent in `compare()`. Loading the model (imports included) is
timed apart, once per process, since every later comparison reuses it. The
lexical figures are the baseline, measured in the same run on the same machine.
Needs the extra for the semantic rows: pip install 'storydiff[semantic]'.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FILES = {"rewrites": DATA / "alignment-dev.jsonl", "retellings": DATA / "alignment-dev-aesop.jsonl"}
sys.path.insert(0, str(ROOT))

from compare import compare  # noqa: E402
from compare.errors import OptionError  # noqa: E402


def evaluate(path: Path, method: str) -> tuple[float, float, float, float, int]:
    """F1, precision, recall, seconds in compare(), sentences, over one JSONL file."""
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = 0
    seconds = 0.0
    for doc in docs:
        gold = {tuple(p) for p in doc.get("gold", [])} | {tuple(p) for p in doc.get("partial", [])}
        start = time.perf_counter()
        result = compare(list(doc["a"]), list(doc["b"]), method=method)
        seconds += time.perf_counter() - start
        predicted = {(i, j) for g in result.to_dict()["alignment"] for i in g["a"] for j in g["b"]}
        tp, fp, fn = tp + len(predicted & gold), fp + len(predicted - gold), fn + len(gold - predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall, seconds, sum(len(d["a"]) + len(d["b"]) for d in docs)


def main() -> int:
    missing = [str(p) for p in FILES.values() if not p.exists()]
    if missing:
        print(f"skipped: no labelled data at {', '.join(missing)}")
        return 0
    methods = ["lexical", "semantic"]
    start = time.perf_counter()
    try:
        from compare.semantic import _encoder

        _encoder()
        print(f"model load (imports + weights, once per process): {time.perf_counter() - start:.2f} s")
    except OptionError as error:
        print(f"semantic rows skipped: {error}")
        methods = ["lexical"]
    print(f"{'data':<11} {'method':<9} {'F1':>6} {'P':>6} {'R':>6} {'seconds':>8} {'sent/s':>7} {'× lexical':>9}")
    for name, path in FILES.items():
        base = None
        for method in methods:
            f1, precision, recall, seconds, sentences = evaluate(path, method)
            base = base or seconds
            print(
                f"{name:<11} {method:<9} {f1:6.3f} {precision:6.3f} {recall:6.3f} {seconds:8.2f} "
                f"{sentences / seconds:7.0f} {seconds / base:9.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
