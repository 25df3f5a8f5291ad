"""How the corpus's same-story rule (`clusters.same_story`) judges real pairs it was not built on.

* ../shared/data/realnews-dev.jsonl: 8 wire reprints (one AP or Reuters story
  as two sites republished it: trimmed, updated, with page leftovers) must be
  judged one story; 8 independent reports of one event by two outlets must
  not. Only ids and figures are printed (the file has no licence).
* ../shared/data/onestop: the three versions of each of 181 stories; a
  story is kept whole when `clusters.stories` puts its three in one cluster.

Without ../shared it says so and exits 0.

    .venv/bin/python benchmarks/corpus_story_rule.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from compare.corpus_engine.clusters import same_story, stories, verify_batch
from compare.corpus_engine.signatures import windowed_shingles, word_keys

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
LEVELS = ("adv", "int", "ele")


def rows_for(texts: list[str]) -> tuple[np.ndarray, dict[int, tuple[np.ndarray, np.ndarray]]]:
    hashes = {k: windowed_shingles(word_keys(t)) for k, t in enumerate(texts)}
    pairs = np.array([(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))], dtype=np.int64)
    return verify_batch(pairs, hashes, 1e-9, 1), hashes  # every pair sharing a shingle, to show its figures


def main() -> int:
    realnews, onestop = SHARED / "realnews-dev.jsonl", SHARED / "onestop"
    if not realnews.exists() or not onestop.is_dir():
        print(f"corpus_story_rule: {SHARED} is absent (it lives in ../shared); skipped")
        return 0
    judged: dict[str, list[tuple[str, bool, float]]] = {}
    for line in realnews.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        rows, hashes = rows_for([" ".join(record["a"]), " ".join(record["b"])])
        same = bool(len(rows) and rows[0, 2] >= 5 and same_story(rows)[0])  # as the corpus pipeline judges it
        # ... and whether the two, alone, make one story around a core (`stories`: one is a version of the other)
        clusters, _ = stories(2, rows[rows[:, 2] >= 5], ["a", "b"], [hashes[k][0].size for k in range(2)])
        spread = float(rows[0, 6:8].max()) if len(rows) else 0.0
        judged.setdefault(record["kind"], []).append((record["id"], same, spread, len(clusters) == 1))
    for kind, items in judged.items():
        print(
            f"realnews-dev {kind}: {sum(s for _, s, _, _ in items)} of {len(items)} judged one story, "
            f"{sum(c for _, _, _, c in items)} clustered as one"
        )
        for pair_id, same, spread, _ in items:
            print(f"    {pair_id:<55} {'same story' if same else 'apart':<10} spread {spread:.2f}")
    whole = 0
    names = sorted(p.stem for p in (onestop / "adv").glob("*.txt"))
    for name in names:
        paths = [onestop / level / f"{name}.txt" for level in LEVELS]
        texts = [path.read_text(encoding="utf-8-sig", errors="replace") for path in paths]
        rows, hashes = rows_for(texts)
        rows = rows[rows[:, 2] >= 5]
        clusters, _ = stories(3, rows, list(LEVELS), [hashes[k][0].size for k in range(3)])
        whole += len(clusters) == 1 and sorted(clusters[0]) == [0, 1, 2]
    print(f"OneStop: {whole} of {len(names)} stories have their three versions in one story")
    return 0


if __name__ == "__main__":
    sys.exit(main())
