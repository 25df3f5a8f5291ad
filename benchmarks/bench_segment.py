"""How often the segmenter puts sentence boundaries where people did, on human-segmented text.

    python benchmarks/bench_segment.py

Each hand-labelled file of ../shared/data lists every document as the sentences people split it into.
Each document's sentences are joined by one space (line breaks would give the answer away) and
segmented again; a boundary is the character offset where a sentence starts. Prints, per file and
side, boundary precision, recall and F1, and the share of documents segmented exactly as people did.
`realnews-dev.jsonl` is read to measure only; none of its text is printed. Without ../shared it says
so and exits 0.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FILES = ("alignment-dev.jsonl", "alignment-dev-aesop.jsonl", "realnews-dev.jsonl")
sys.path.insert(0, str(ROOT))

from compare import segment  # noqa: E402


def boundaries(sentences: list[str]) -> tuple[str, set[int]]:
    """The joined text and where its sentences start (the first excepted)."""
    starts, offset = set(), 0
    for sentence in sentences:
        if offset:
            starts.add(offset)
        offset += len(sentence) + 1
    return " ".join(sentences), starts


def main() -> int:
    missing = [name for name in FILES if not (DATA / name).exists()]
    if missing:
        print(f"bench_segment: {DATA} lacks {', '.join(missing)} (the development data beside the repository); skipped")
        return 0
    print("file                         docs  boundaries  precision  recall     F1  documents exact")
    for name in FILES:
        tp = fp = fn = exact = docs = 0
        n_gold = 0
        with open(DATA / name, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
        for record in records:
            for side in ("a", "b"):
                sentences = [s.strip() for s in record[side] if s.strip()]
                text, gold = boundaries(sentences)
                found = {s.start for s in segment(text)} - {0}
                tp, fp, fn = tp + len(found & gold), fp + len(found - gold), fn + len(gold - found)
                exact += found == gold
                docs += 1
                n_gold += len(gold)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"{name:28} {docs:4}  {n_gold:10}  {precision:9.3f}  {recall:6.3f}  {f1:5.3f}  {exact / docs:15.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
