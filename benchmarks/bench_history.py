"""Speed of `history()`: a story updated 19 times (20 versions of ~800 words), against baselines of the same run.

    python benchmarks/bench_history.py [--versions 20] [--repeat 3]

The material: one real story (`tests/data/onestop/adv/meteorite.txt`, ~800
words) updated the way a live story is — each version is the previous one with
a figure raised, a sentence reworded (from the story's simpler rewrite), now
and then a sentence added or dropped and the lede rewritten — so every step has
changes and facts to follow. It runs in a fresh clone.

Figures (best of `--repeat`; the segmentation cache is cleared before each
run, so nothing is carried over; the machine is shared and noisy, read the ratios):
1. baseline: the n-1 `compare()` calls of consecutive versions, without facts —
   what any timeline must cost, since each step must be aligned once;
2. baseline: the same with their changed facts found (`compare(...).findings`);
3. for reference, difflib's line diff of consecutive versions (NewsDiffs' method);
4. `history()`: the steps, the net first→last comparison, sentence and fact lives;
5. each format rendered from the history;
6. `storydiff history samples/updates/*.txt` as a user runs it (wall, subprocess),
   next to `storydiff --version` (the interpreter and the command line alone).

The aim is figure 4 ≤ 1 s for 20 versions, and figure 6 < 0.5 s.
"""

from __future__ import annotations

import difflib
import itertools
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _common import ROOT, meteorite, versions_and_repeat
from _common import best_of as _best_of

from compare import Document, compare
from compare.api import _analysed_cached
from compare.render.history import render_history
from compare.timeline import history

ADDED = [
    "Officials said the number of people treated in hospital had risen.",
    "Scientists at the local university said fragments were still being found.",
    "The regional governor said repairs to schools would begin next week.",
    "Residents were told to stay away from any fragments they found.",
]
_NUMBER = re.compile(r"\b\d[\d,]*\b")


def updates(count: int, seed: int = 11) -> list[Document]:
    """`count` successive versions of the meteorite story, each an edit of the one before."""
    source, simpler = meteorite()
    rng = random.Random(seed)
    current = list(source)
    docs = []
    for n in range(count):
        if n:
            # A figure rises: the first number of a random sentence that has one.
            with_numbers = [k for k, s in enumerate(current) if _NUMBER.search(s)]
            if with_numbers:
                k = rng.choice(with_numbers)
                current[k] = _NUMBER.sub(
                    lambda m: str(int(m.group().replace(",", "")) + rng.randint(1, 9)), current[k], 1
                )
            k = rng.randrange(1, len(current))  # a sentence reworded
            current[k] = simpler[min(k, len(simpler) - 1)]
            if rng.random() < 0.4:  # a sentence added
                current.insert(rng.randrange(1, len(current)), rng.choice(ADDED) + f" (update {n + 1})")
            if rng.random() < 0.3 and len(current) > 20:  # a sentence dropped
                del current[rng.randrange(2, len(current))]
            if n % 5 == 0:  # the lede rewritten
                current[0] = simpler[0] if current[0] == source[0] else source[0]
        docs.append(Document("\n".join(current), name=f"update-{n + 1:02d}.txt"))
    return docs


def best_of(repeat: int, fn: Callable[[], object]) -> tuple[float, object]:
    """`_common.best_of` with the segmentation cache cleared before each run, so no run reuses another's work."""
    return _best_of(repeat, fn, before=_analysed_cached.cache_clear)


def wall(argv: list[str], repeat: int) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system) of a command; on a loaded machine the CPU time is steadier."""
    import resource

    times, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times), min(cpu)


def main() -> None:
    args = versions_and_repeat(__doc__)

    docs = updates(args.versions)
    words = [len(d.text.split()) for d in docs]
    steps = len(docs) - 1
    print(f"{len(docs)} versions, {min(words)}-{max(words)} words (mean {sum(words) / len(words):.0f}), {steps} steps")
    history(docs[:3])  # warm up: imports, segmenter

    consecutive = list(itertools.pairwise(docs))
    base, _ = best_of(args.repeat, lambda: [compare(a, b, facts=False) for a, b in consecutive])
    facts, _ = best_of(args.repeat, lambda: [compare(a, b).findings for a, b in consecutive])
    lines, _ = best_of(
        args.repeat,
        lambda: [list(difflib.ndiff(a.text.splitlines(), b.text.splitlines())) for a, b in consecutive],
    )
    whole, h = best_of(args.repeat, lambda: history(docs))
    print(f"1. baseline: {steps} compare() calls, no facts {base:7.3f} s  ({1000 * base / steps:.1f} ms a step)")
    print(f"2. baseline: the same with changed facts   {facts:7.3f} s")
    print(f"3. reference: difflib line diffs (NewsDiffs) {lines:5.3f} s")
    verdict = "within" if whole <= 1.0 else "OVER"
    print(
        f"4. history(): steps + net + lives          {whole:7.3f} s  "
        f"({whole / facts:.2f} x baseline 2; {verdict} the 1 s aim)"
    )
    print(f"   {len(h.sentences)} sentence lives, {len(h.facts)} fact lives")  # type: ignore[attr-defined]
    for fmt in ("text", "json", "markdown", "csv", "html"):
        elapsed, text = best_of(args.repeat, lambda fmt=fmt: render_history(h, fmt))  # type: ignore[arg-type]
        print(f"5. render {fmt:<9}                        {elapsed:7.3f} s  ({len(str(text)) / 1e6:.2f} MB)")
    exe = [sys.executable, "-m", "compare"]
    startup, startup_cpu = wall([*exe, "--version"], args.repeat)
    samples = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "samples" / "updates").glob("*.txt"))
    cli, cli_cpu = wall([*exe, "history", *samples], args.repeat)
    seed = [str(Path("samples") / name) for name in ("seed-bbc.txt", "altered.txt")]
    pair, pair_cpu = wall([*exe, "compare", *seed], args.repeat)
    verdict = "within" if cli < 0.5 else "OVER"
    print(f"6. storydiff history samples/updates/*.txt {cli:7.3f} s wall, {cli_cpu:.3f} s CPU ({verdict} 0.5 s)")
    print(f"   baseline: storydiff compare seed altered {pair:6.3f} s wall, {pair_cpu:.3f} s CPU")
    print(f"   baseline: storydiff --version           {startup:7.3f} s wall, {startup_cpu:.3f} s CPU")


if __name__ == "__main__":
    main()
