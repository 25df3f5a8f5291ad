"""`compare()` of this checkout against an earlier commit's, on the same pairs, in one process.

    python benchmarks/bench_versus.py REF       # REF: a commit, branch or tag of this repository

On a shared machine wall times follow the load; this puts both versions in one process and times them
alternately, pair by pair, in CPU time (`time.process_time`), best of 5, on the 181 OneStop
advanced/elementary pairs of ../shared/data/onestop: the load affects both alike. The earlier version
is `git archive`d into a temporary folder and imported under another name. Without ../shared it says
so and exits 0.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONESTOP = ROOT.parent / "shared" / "data" / "onestop"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", help="the commit to compare with")
    args = parser.parse_args()
    if not ONESTOP.is_dir():
        print(f"bench_versus: {ONESTOP} is absent (the development data beside the repository); skipped")
        return 0
    folder = Path(tempfile.mkdtemp())
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.ref, "compare"], capture_output=True)
        if archive.returncode:
            print(f"bench_versus: cannot read {args.ref!r} from git: {archive.stderr.decode().strip()}")
            return 2
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
        (folder / "compare").rename(folder / "compare_then")
        sys.path[:0] = [str(ROOT), str(folder)]

        import importlib

        import compare
        from compare.api import _analysed_cached as cache_now

        then_api = importlib.import_module("compare_then.api")
        cache_then, compare_then_fn = then_api._analysed_cached, then_api.compare
        pairs = []
        for path in sorted((ONESTOP / "adv").glob("*.txt")):
            other = ONESTOP / "ele" / path.name
            if other.exists():
                pairs.append((path.read_text(encoding="utf-8-sig"), other.read_text(encoding="utf-8-sig")))
        times: dict[str, list[float]] = {"then": [], "now": []}
        runs = (("then", compare_then_fn, cache_then), ("now", compare.compare, cache_now))
        for a, b in pairs:
            best = {"then": float("inf"), "now": float("inf")}
            for _ in range(5):
                for name, function, cache in runs:
                    cache.cache_clear()
                    start = time.process_time()
                    function(a, b, facts=False)
                    best[name] = min(best[name], time.process_time() - start)
            for name, value in best.items():
                times[name].append(value)
        print(f"{len(pairs)} OneStop adv/ele pairs, compare(facts=False), CPU time, best of 5 per pair")
        for name, label in (("then", args.ref), ("now", "this checkout")):
            values = sorted(times[name])
            p95 = values[int(0.95 * (len(values) - 1))]
            print(f"{label:>14}: median {statistics.median(values) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms")
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
