"""Corpus scale: seconds per stage, peak memory, and cluster precision/recall on planted reuse.

Needs ../shared/data/onestop (outside the repository) to build the corpora
(benchmarks/corpus_generate.py); without it this script says so and exits 0.

For each N it builds (or reuses) a corpus with known truth, runs
`compare.corpus` in a fresh process (so peak memory is that run's), and prints:

* end-to-end and per-stage seconds;
* peak resident memory of the run (main process, and the largest worker);
* precision and recall of planted same-story pairs: a pair of articles counts
  as found when both end in the same cluster;
* a baseline measured in the same run: brute-force all-pairs shingle
  containment on a 1,000-article subset, extrapolated quadratically to N.

    nice -n 10 .venv/bin/python benchmarks/bench_corpus.py               # N = 1,000 and 10,000
    nice -n 10 .venv/bin/python benchmarks/bench_corpus.py --sizes 1000 10000 100000 --dask
    nice -n 10 .venv/bin/python benchmarks/bench_corpus.py --events --sizes 10000 100000   # coverage of events

With ``--events`` the corpora are coverage of events (many stories per event
sharing background paragraphs and quotes); it also prints the largest cluster
and how many clusters mix two planted stories.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus_generate  # noqa: E402


def _same_story_pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for members in groups.values() for p in itertools.combinations(members, 2)}  # type: ignore[misc]


def mixed_clusters(clusters: list[list[str]], truth: dict[str, str | None]) -> int:
    """Clusters holding articles of two or more planted stories."""
    return sum(len({truth.get(doc) for doc in members} - {None}) > 1 for members in clusters)


def precision_recall(clusters: list[list[str]], truth: dict[str, str | None]) -> tuple[float, float, int, int]:
    """(precision, recall, found pairs, planted pairs) of same-story pairs."""
    planted: dict[str, list[str]] = {}
    for doc, story in truth.items():
        if story:
            planted.setdefault(story, []).append(doc)
    true_pairs = _same_story_pairs(planted)
    found = _same_story_pairs({str(k): list(c) for k, c in enumerate(clusters)})
    hits = len(true_pairs & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    return precision, recall, len(found), len(true_pairs)


class MemorySampler(threading.Thread):
    """The peak of the summed resident memory of this process and all its descendants, sampled from /proc.

    Worker processes of a process pool are children of a fork server, not
    waited for by us, so `getrusage(RUSAGE_CHILDREN)` does not see them.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self.stop = threading.Event()

    def _tree_rss(self) -> float:
        parents: dict[int, int] = {}
        rss: dict[int, float] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
                rss[int(entry.name)] = int(fields[21]) * resource.getpagesize() / 2**20
            except (OSError, IndexError, ValueError):
                continue
        me, total = os.getpid(), 0.0
        for pid in rss:
            p = pid
            while p and p != me:
                p = parents.get(p, 0)
            if p == me:
                total += rss[pid]
        return total

    def run(self) -> None:
        while not self.stop.wait(0.5):
            self.peak_mb = max(self.peak_mb, self._tree_rss())


def one_run(corpus_path: Path, engine: str, scheduler: str | None) -> dict[str, object]:
    """Run the corpus in this process and report figures (called in a fresh subprocess)."""
    from compare import corpus

    sampler = MemorySampler()
    sampler.start()
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as out:
        started = time.perf_counter()
        result = corpus([corpus_path], output=out, engine=engine, scheduler=scheduler)
        seconds = time.perf_counter() - started
    sampler.stop.set()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = sampler.peak_mb
    return {
        "seconds": round(seconds, 2),
        "stages": {k: v["seconds"] for k, v in result.summary["stages"].items()},
        "align_cpu": result.summary["stages"]["align"].get("cpu_seconds"),
        "align_pairs": result.summary["stages"]["align"].get("pairs"),
        "align_main_cpu": result.summary["stages"]["align"].get("main_cpu_seconds"),
        "peak_mb_main": round(own),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "peak_mb_all": round(children),
        "clusters": [list(c) for c in result.clusters],
        "candidates": result.summary["candidates"],
        "by_channel": result.summary.get("candidates_by_channel"),
        "edges": result.summary["edges"],
        "pairs": result.summary["pairs"],
        "events": result.summary.get("events"),
    }


def baseline(corpus_path: Path, subset: int = 1000) -> float:
    """Seconds for brute-force all-pairs exact shingle containment over `subset` articles."""
    from compare.corpus_engine.clusters import containment
    from compare.corpus_engine.signatures import shingle_hashes

    texts = []
    with corpus_path.open(encoding="utf-8") as fh:
        for line in itertools.islice(fh, subset):
            texts.append(json.loads(line)["text"])
    started = time.perf_counter()
    hashes = [shingle_hashes(t) for t in texts]
    for a, b in itertools.combinations(range(len(hashes)), 2):
        containment(hashes[a], hashes[b])
    return time.perf_counter() - started


def run_in_subprocess(corpus_path: Path, engine: str, scheduler: str | None) -> dict[str, object]:
    command = [sys.executable, __file__, "--one", str(corpus_path), "--engine", engine]
    if scheduler:
        command += ["--scheduler", scheduler]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(n: int, engine: str, figures: dict[str, object], truth: dict[str, str | None], base: float) -> None:
    clusters: list[list[str]] = figures["clusters"]  # type: ignore[assignment]
    precision, recall, found, planted = precision_recall(clusters, truth)
    largest = max((len(c) for c in clusters), default=0)
    planted_largest = max(Counter(v for v in truth.values() if v).values(), default=0)
    extrapolated = base * (n / 1000) ** 2
    finding = float(figures["seconds"]) - float(figures["stages"]["align"])  # type: ignore[index,arg-type]
    align_pairs, align_cpu = figures.get("align_pairs"), figures.get("align_cpu")
    align_wall = float(figures["stages"]["align"])  # type: ignore[index,arg-type]
    per_pair = (
        f"{1000 * align_wall / align_pairs:.2f} ms wall, {1000 * float(align_cpu) / align_pairs:.2f} ms CPU in "  # type: ignore[arg-type]
        f"the workers ({align_pairs} pairs, {float(align_cpu):.1f} CPU s; the main process "  # type: ignore[arg-type]
        f"{figures.get('align_main_cpu')} CPU s reading, sending and saving)"
        if isinstance(align_pairs, int) and align_pairs
        else "no pairs aligned"
    )
    stages = ", ".join(f"{k} {v:.2f}" for k, v in figures["stages"].items() if k != "total")  # type: ignore[union-attr]
    print(
        f"N={n:>7,} {engine:<5} {figures['seconds']:>8.2f} s  peak {figures['peak_mb_main']} MB main / "
        f"{figures['peak_mb_all']} MB all processes  precision {precision:.4f} recall {recall:.4f} "
        f"({found} pairs found, {planted} planted)  candidates {figures['candidates']} {figures['by_channel']} "
        f"edges {figures['edges']} aligned {figures['pairs']}\n"
        f"          clusters {len(clusters)}, largest {largest} (largest planted story {planted_largest}), "
        f"mixing two planted stories: {mixed_clusters(clusters, truth)}; events {figures.get('events')}\n"
        f"          stages: {stages}\n"
        f"          align per pair: {per_pair}\n"
        f"          baseline all-pairs containment: {base:.1f} s for 1,000 -> {extrapolated:,.0f} s extrapolated "
        f"to N; storydiff finds the clusters (all stages but align) in {finding:.1f} s "
        f"(x{extrapolated / finding:,.1f}); load average {figures['load']}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Corpus-scale benchmark (see the module docstring).")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--dask", action="store_true", help="also run the Dask engine on a local 2-worker cluster")
    parser.add_argument("--events", action="store_true", help="the event-heavy corpora (corpus_generate --events)")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "storydiff-bench")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--scheduler", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.engine, args.scheduler)))
        return 0
    if not corpus_generate.ONESTOP.is_dir():
        print(f"bench_corpus: {corpus_generate.ONESTOP} is absent (it lives in ../shared); skipped")
        return 0
    print("Corpus benchmark: data from ../shared/data/onestop (OneStopEnglish, CC BY-SA 4.0) plus generated text")
    base_path, _ = corpus_generate.write(1000, args.data)
    base = baseline(base_path)
    for n in args.sizes:
        started = time.perf_counter()
        make = corpus_generate.write_events if args.events else corpus_generate.write
        corpus_path, truth_path = make(n, args.data)
        print(f"(corpus of {n:,} generated or reused in {time.perf_counter() - started:.1f} s)", flush=True)
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        report(n, "local", run_in_subprocess(corpus_path, "local", None), truth, base)
        if args.dask and n <= 10_000:
            from distributed import LocalCluster

            with LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
            ) as cluster:
                report(n, "dask", run_in_subprocess(corpus_path, "dask", cluster.scheduler_address), truth, base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
