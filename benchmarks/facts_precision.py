"""How many fact-drift findings OneStopEnglish adv/ele pairs produce, by kind, and a random sample to judge by hand.

The OneStopEnglish corpus (CC BY-SA) rewrites one article for three reading levels: the facts stay,
the wording (and the wording of quotes) changes. Findings of figures, names, dates and attributions
there are false positives unless the simplified text really changed the fact; quote findings are
mostly real (simplified versions rewrite quotes). Also prints the time per pair.

    .venv/bin/python benchmarks/facts_precision.py /work/shared/data/onestop --sample 20 --seed 7
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from compare import compare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a folder with adv/ and ele/ subfolders of .txt files")
    parser.add_argument("--sample", type=int, default=20, help="findings to print for judging (default 20)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    names = sorted(p.name for p in (args.root / "adv").glob("*.txt") if (args.root / "ele" / p.name).exists())
    counts: Counter[str] = Counter()
    found = []
    facts_time = 0.0
    for name in names:
        a = (args.root / "adv" / name).read_text(encoding="utf-8-sig")
        b = (args.root / "ele" / name).read_text(encoding="utf-8-sig")
        plain = time.perf_counter()
        compare(a, b, facts=False)
        middle = time.perf_counter()
        result = compare(a, b)
        facts_time += (time.perf_counter() - middle) - (middle - plain)
        for f in result.findings:
            counts[f.kind] += 1
            group = result.groups[f.group]
            found.append((name, f, result.group_text(group, "a"), result.group_text(group, "b")))
    print(f"{len(names)} pairs, {sum(counts.values())} findings: {dict(sorted(counts.items()))}")
    print(f"fact detection adds {facts_time / max(1, len(names)) * 1000:.1f} ms per pair on average")
    for name, f, a, b in random.Random(args.seed).sample(found, min(args.sample, len(found))):
        print(f"\n## {name} group {f.group}: {f.kind} — {f.explanation}")
        print(f"   A: {f.a_text!r}\n   B: {f.b_text!r}")
        if f.diff_text:
            print(f"   diff: {f.diff_text}")
        print(f"   A sentence: {a[:300]}\n   B sentence: {b[:300]}")


if __name__ == "__main__":
    main()
