"""Speed of `compare()` and `storydiff compare`, against a difflib baseline measured in the same run.

    python benchmarks/bench_compare.py [--quick]

Figures (the machine is noisy: read the ratios, not the absolute times):
1. the seed article against each sample in samples/;
2. two ~800-word articles, and every advanced/elementary pair of ../shared/data/onestop
   (articles per second, median and 95th percentile per pair);
3. two 5,000-sentence documents (seconds and peak memory, in a child process; the
   baseline on the same two documents);
4. `storydiff compare` on two samples, wall time including interpreter start.

The baseline is what a careful script with the standard library does:
`difflib.SequenceMatcher(autojunk=False)` over the two sentence lists, then a
`SequenceMatcher.ratio()` for every pair of sentences inside each changed block
to find rewordings, with the texts segmented the same way. Where ../shared is
absent, figures 2 and 3 say so and are skipped.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ONESTOP = SHARED / "data" / "onestop"
sys.path.insert(0, str(ROOT))

from compare import compare, segment  # noqa: E402
from compare.api import _analysed_cached  # noqa: E402


def fresh_compare(a: str, b: str) -> object:
    """compare() as a first call on these texts: the per-text analysis cache is emptied first."""
    _analysed_cached.cache_clear()
    return compare(a, b)


def compare_with_facts(a: str, b: str) -> object:
    """compare() plus the changed-facts stage (which runs on first use of `findings`)."""
    result = fresh_compare(a, b)
    return result.findings  # type: ignore[attr-defined]


def baseline(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, float]]:
    """The difflib aligner: equal runs, then the best ratio for each sentence of each changed block."""
    matcher = difflib.SequenceMatcher(None, list(a), list(b), autojunk=False)
    pairs: list[tuple[int, int, float]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend((i1 + k, j1 + k, 1.0) for k in range(i2 - i1))
        elif tag == "replace":
            for i in range(i1, i2):
                scored = [(difflib.SequenceMatcher(None, a[i], b[j], autojunk=False).ratio(), j) for j in range(j1, j2)]
                best, j = max(scored)
                if best >= 0.5:
                    pairs.append((i, j, best))
    return pairs


def changed_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int, int]]:
    """The `replace` blocks of difflib's opcodes: where the baseline scores sentence pairs."""
    matcher = difflib.SequenceMatcher(None, list(a), list(b), autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag == "replace"]


def sentences(text: str) -> list[str]:
    return [s.text for s in segment(text)]


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Best of `repeat` wall times, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def bench_samples() -> None:
    print("\n## 1. seed against each sample (best of 5)")
    seed = read(ROOT / "samples" / "seed-bbc.txt")
    print(f"{'sample':<22}{'storydiff ms':>14}{'difflib ms':>12}{'ratio':>8}")
    for path in sorted((ROOT / "samples").glob("*.txt")):
        other = read(path)
        ours = timed(lambda other=other: fresh_compare(seed, other), 5)
        a, b = sentences(seed), sentences(other)
        base = timed(lambda a=a, b=b: baseline(a, b), 5)
        print(f"{path.name:<22}{ours * 1e3:>14.2f}{base * 1e3:>12.2f}{base / ours:>7.1f}x")


def bench_onestop(quick: bool) -> None:
    print("\n## 2. OneStop advanced vs elementary pairs (~800 words each)")
    if not ONESTOP.is_dir():
        print(f"skipped: {ONESTOP} is absent (it ships beside the repository, in ../shared)")
        return
    pairs = [(read(p), read(ONESTOP / "ele" / p.name)) for p in sorted((ONESTOP / "adv").glob("*.txt"))]
    if quick:
        pairs = pairs[:30]
    words = statistics.median(len(a.split()) for a, _ in pairs)
    for a, b in pairs[:3]:  # warm up imports
        compare_with_facts(a, b)
    ours = [timed(lambda a=a, b=b: fresh_compare(a, b)) for a, b in pairs]
    with_facts = [timed(lambda a=a, b=b: compare_with_facts(a, b)) for a, b in pairs]
    segmented = [(sentences(a), sentences(b)) for a, b in pairs]
    base = [timed(lambda a=a, b=b: baseline(a, b)) for a, b in segmented]
    ours_median, base_median = statistics.median(ours), statistics.median(base)
    ours_p95 = sorted(ours)[int(0.95 * (len(ours) - 1))]
    print(f"pairs: {len(pairs)}, median words per article: {words:.0f}")
    print(
        f"storydiff: median {ours_median * 1e3:.2f} ms, p95 {ours_p95 * 1e3:.2f} ms, "
        f"{len(pairs) / sum(ours):.0f} pairs/s (compare(): segmentation, alignment, word diffs, scores)"
    )
    print(
        f"storydiff with changed facts: median {statistics.median(with_facts) * 1e3:.2f} ms, "
        f"{len(pairs) / sum(with_facts):.0f} pairs/s"
    )
    print(
        f"difflib baseline: median {base_median * 1e3:.2f} ms, {len(pairs) / sum(base):.1f} pairs/s "
        "(alignment only, pre-segmented)"
    )
    print(f"ratio (baseline / storydiff, median): {base_median / ours_median:.1f}x")


_LARGE_CHILD = """
import json, random, resource, sys, time
sys.path.insert(0, {root!r})
from compare import compare
a, b = json.load(open({path!r}))
start = time.perf_counter()
result = compare(a, b)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "counts": result.counts()}}))
"""


def large_documents(n: int) -> tuple[list[str], list[str]]:
    """Two n-sentence documents from OneStop sentences: B reorders 10%, rewords 20%, drops and adds 5%."""
    rng = random.Random(7)
    pool = [s.text for p in sorted(ONESTOP.glob("*/*.txt")) for s in segment(read(p)) if len(s.text.split()) > 5]
    pool = list(dict.fromkeys(pool))
    a = rng.sample(pool, n)
    rest = [s for s in pool if s not in set(a)]
    b = []
    for sentence in a:
        roll = rng.random()
        if roll < 0.05:
            continue
        words = sentence.split()
        if roll < 0.25:
            k = rng.randrange(len(words))
            words[k] = words[k].upper() if rng.random() < 0.5 else "reportedly"
        b.append(" ".join(words))
        if rng.random() < 0.05:
            b.append(rng.choice(rest))
    block = len(b) // 10
    moved = b[:block]
    b = b[block:]
    for sentence in moved:
        b.insert(rng.randrange(len(b)), sentence)
    return a, b


def bench_large(quick: bool) -> None:
    n = 1000 if quick else 5000
    print(f"\n## 3. two {n:,}-sentence documents")
    if not ONESTOP.is_dir():
        print(f"skipped: {ONESTOP} is absent")
        return
    import tempfile

    a, b = large_documents(n)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump([a, b], fh)
    code = _LARGE_CHILD.format(root=str(ROOT), path=fh.name)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    figures = json.loads(out)
    Path(fh.name).unlink()
    print(f"storydiff: {figures['seconds']:.2f} s, peak memory {figures['peak_mb']:.0f} MB (whole process)")
    print(f"groups: {figures['counts']}")
    # The baseline runs on the same two documents, whole. It used to run on the first 500 sentences of each and
    # be scaled up quadratically, but once B's first block has moved those are different stretches of the story:
    # difflib saw one deletion and one insertion, no changed block to score, and timed ~0 s. On the whole pair
    # it scores every changed block the generator made, and nothing needs scaling.
    blocks = changed_blocks(a, b)
    scored = sum((i2 - i1) * (j2 - j1) for i1, i2, j1, j2 in blocks)
    if not scored:
        raise SystemExit("the generated pair has no changed block: the baseline would measure nothing")
    base = timed(lambda: baseline(a, b))
    print(
        f"difflib baseline on the same pair: {base:.2f} s ({len(blocks)} changed blocks, {scored:,} sentence "
        f"pairs scored); ratio {base / figures['seconds']:.2f}x"
    )


def bench_cli() -> None:
    print("\n## 4. `storydiff compare samples/seed-bbc.txt samples/altered.txt`, wall time with interpreter start")
    exe = Path(sys.executable).with_name("storydiff")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "compare"]
    args = [*command, "compare", str(ROOT / "samples" / "seed-bbc.txt"), str(ROOT / "samples" / "altered.txt")]
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 5)
    ours = timed(lambda: subprocess.run(args, check=True, capture_output=True), 5)
    print(
        f"storydiff compare: {ours:.3f} s (best of 5); bare interpreter start: {bare:.3f} s; "
        f"storydiff's own share: {ours - bare:.3f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer pairs and 1,000-sentence documents")
    args = parser.parse_args()
    print(f"# bench_compare  python {sys.version.split()[0]}  {time.strftime('%Y-%m-%d %H:%M')}")
    bench_samples()
    bench_onestop(args.quick)
    bench_large(args.quick)
    bench_cli()
    return 0


if __name__ == "__main__":
    sys.exit(main())
