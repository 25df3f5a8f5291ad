"""Peak memory and time of `storydiff compare` against input size, with a baseline measured in the same run.

    python benchmarks/bench_memory.py [--sizes 1,5,20] [--quick]

Each measurement is a fresh child process running the real command line
(`storydiff compare A B -f json -o FILE`, facts included), so its peak resident
memory (ru_maxrss) is that of one comparison. Inputs, generated here from the
repository's own texts (samples/ and tests/data/onestop/, so no ../shared is
needed), deterministic for a given size:

* related: A is news-like text of N MB (a word-bigram chain over the repository's
  articles, in paragraphs); B is A edited as a copy desk would (a fifth of the
  sentences dropped, some swapped, some words changed);
* unrelated: A against another text of the same size drawn from the same chain
  (nothing shared on purpose, but the same vocabulary: the worst case for
  candidate search);
* repeated: one sample article repeated to 3 MB against an edited article
  repeated the same number of times (repeated content must not make the work
  quadratic).

Baseline: a child that only reads and segments the same two inputs (the floor any
comparison pays). `--max-size` is raised for the runs, so sizes past the default
limit are measured too.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import ROOT, Chain, copy_edit

MB = 1024 * 1024

CHILD = """
import json, resource, sys, time
started = time.perf_counter()
if sys.argv[1] == "baseline":
    from compare import prepare
    from compare.ingest import load_path
    for path in sys.argv[2:4]:
        document, sentences = prepare(load_path(path, max_bytes=2**30))
    code = 0
else:
    from compare.cli import main
    code = main(["compare", *sys.argv[2:4], "-f", "json", "-o", sys.argv[4], "--max-size", "1024"])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
print(json.dumps({"code": code, "seconds": round(seconds, 1), "peak_mb": round(peak / 1024)}))
"""


def _texts() -> list[str]:
    paths = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "onestop").glob("*/*.txt"))
    return [p.read_text(encoding="utf-8-sig") for p in paths]


def _paragraphs(sentences: list[str]) -> str:
    return "\n\n".join(" ".join(sentences[k : k + 4]) for k in range(0, len(sentences), 4))


def _edited(sentences: list[str], vocabulary: list[str], seed: int) -> list[str]:
    return copy_edit(sentences, random.Random(seed), vocabulary, swap_every=20, min_swaps=0, changes=1)


def make_inputs(folder: Path, sizes: list[float]) -> list[tuple[str, Path, Path]]:
    """The (label, A, B) cases, written to `folder`."""
    texts = _texts()
    chain = Chain(texts)
    vocabulary = sorted({w for t in texts for w in t.split()})
    cases = []
    for size in sizes:
        a = chain.text(int(size * MB), seed=1)
        path_a = folder / f"a-{size:g}.txt"
        path_a.write_text(_paragraphs(a), encoding="utf-8")
        path_b = folder / f"b-{size:g}.txt"
        path_b.write_text(_paragraphs(_edited(a, vocabulary, seed=2)), encoding="utf-8")
        cases.append((f"related {size:g} MB", path_a, path_b))
        if size <= 5:
            path_u = folder / f"u-{size:g}.txt"
            path_u.write_text(_paragraphs(chain.text(int(size * MB), seed=3)), encoding="utf-8")
            cases.append((f"unrelated {size:g} MB", path_a, path_u))
    seed = (ROOT / "samples" / "seed-bbc.txt").read_text(encoding="utf-8")
    altered = (ROOT / "samples" / "altered.txt").read_text(encoding="utf-8")
    times = 3 * MB // len(seed.encode())
    (folder / "repeated-a.txt").write_text("\n\n".join([seed] * times), encoding="utf-8")
    (folder / "repeated-b.txt").write_text("\n\n".join([altered] * times), encoding="utf-8")
    cases.append((f"repeated article x{times} (3 MB)", folder / "repeated-a.txt", folder / "repeated-b.txt"))
    return cases


def measure(kind: str, a: Path, b: Path, out: Path, timeout: float) -> dict[str, object]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, kind, str(a), str(b), str(out)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return {"code": "timeout", "seconds": timeout, "peak_mb": None}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"code": done.returncode, "seconds": None, "peak_mb": None, "error": done.stderr.strip()[-200:]}
    result: dict[str, object] = json.loads(lines[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,5,20", help="MB of each side for the related pairs (default 1,2,5,20)")
    parser.add_argument("--quick", action="store_true", help="only 1 MB (and the repeated article)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a run is given up")
    args = parser.parse_args()
    sizes = [1.0] if args.quick else [float(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="storydiff-bench-memory-") as tmp:
        folder = Path(tmp)
        cases = make_inputs(folder, sizes)
        header = f"{'case':<34} {'A MB':>6} {'B MB':>6} {'baseline s':>10} {'baseline MB':>11} {'compare s':>9}"
        print(header + f" {'peak MB':>8}")
        for label, a, b in cases:
            base = measure("baseline", a, b, folder / "out.json", args.timeout)
            run = measure("compare", a, b, folder / "out.json", args.timeout)
            sizes_mb = (a.stat().st_size / MB, b.stat().st_size / MB)
            print(
                f"{label:<34} {sizes_mb[0]:>6.1f} {sizes_mb[1]:>6.1f} {base['seconds']!s:>10} {base['peak_mb']!s:>11} "
                f"{run['seconds']!s:>9} {run['peak_mb']!s:>8}" + (f"  ({run.get('code')})" if run.get("code") else ""),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
