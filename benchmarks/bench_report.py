"""Speed of overlap reports for many versions of a story, against a baseline measured in the same run.

    python benchmarks/bench_report.py [--versions 20] [--repeat 3]

The material: 20 versions (~800 words each) of one real story, made the way
outlets make theirs from wire copy — deterministic cuts, rewordings taken from
the story's simpler rewrite, reordered paragraphs and a few lines of their own
— from `tests/data/onestop/*/meteorite.txt`, so it runs in a fresh clone.

Figures (best of `--repeat`; the machine is shared and noisy, read the ratios):
1. baseline: the 190 `compare()` calls a collection is made of, and nothing else —
   the least any N-way report can cost, since each pair must be aligned once;
2. `compare_many()` (the pairs plus mirrors, labels, canonical order);
3. each format rendered from the collection (HTML, Markdown, JSON, CSV);
4. the whole report as `storydiff report` does it: compare_many + HTML;
5. for scale, one two-version HTML report (compare + render).

The aim is figure 4 ≤ 2 s for 20 versions; the ratio figure 4 / figure 1 is
the report's own overhead.
"""

from __future__ import annotations

import random
from itertools import combinations

from _common import best_of, meteorite, versions_and_repeat

from compare import Document, compare, compare_many
from compare.render import render

OWN_LINES = [
    "Our correspondent has more on this story.",
    "Local astronomers said they had been watching the sky all week.",
    "Readers can send their own photographs to the newsdesk.",
    "The story was updated with comment from officials.",
    "Additional reporting by staff in the regional office.",
    "This article was amended to correct a spelling error.",
]


def versions(count: int, seed: int = 7) -> list[Document]:
    """`count` outlets' versions of the meteorite story, each ~800 words, all different."""
    source, simpler = meteorite()
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        kept = []
        for k, sentence in enumerate(source):
            roll = rng.random()
            if roll < 0.12 and k:  # cut
                continue
            if roll < 0.30 and simpler:  # reworded: a sentence of the simpler rewrite in its place
                kept.append(simpler[min(k, len(simpler) - 1)])
            else:
                kept.append(sentence)
        # Move one block of paragraphs, and add the outlet's own lines.
        if len(kept) > 8:
            start = rng.randrange(2, len(kept) - 4)
            block = kept[start : start + 3]
            del kept[start : start + 3]
            kept[1:1] = block
        kept.insert(0, f"Meteorite report, edition {n + 1}")
        kept.extend(rng.sample(OWN_LINES, 2))
        while sum(len(s.split()) for s in kept) < 760:  # pad short editions back to ~800 words
            kept.append(rng.choice(source))
        docs.append(Document("\n".join(kept), name=f"outlet-{n + 1:02d}.txt", date=f"2013-02-{(n % 27) + 1:02d}"))
    return docs


def main() -> None:
    args = versions_and_repeat(__doc__)

    docs = versions(args.versions)
    words = [len(d.text.split()) for d in docs]
    pairs = args.versions * (args.versions - 1) // 2
    print(
        f"{args.versions} versions, {min(words)}-{max(words)} words (mean {sum(words) / len(words):.0f}), {pairs} pairs"
    )
    compare(docs[0], docs[1], facts=False)  # warm up: imports, segmenter, caches

    base, _ = best_of(
        args.repeat, lambda: [compare(docs[i], docs[j], facts=False) for i, j in combinations(range(len(docs)), 2)]
    )
    many_time, collection = best_of(args.repeat, lambda: compare_many(docs))
    print(f"1. baseline: {pairs} compare() calls          {base:7.3f} s  ({1000 * base / pairs:.1f} ms per pair)")
    print(f"2. compare_many()                       {many_time:7.3f} s  ({many_time / base:.2f} x baseline)")
    for fmt in ("html", "markdown", "json", "csv"):
        elapsed, text = best_of(args.repeat, lambda fmt=fmt: render(collection, fmt))
        print(f"3. render {fmt:<9}                     {elapsed:7.3f} s  ({len(str(text)) / 1e6:.2f} MB)")
    whole, _ = best_of(args.repeat, lambda: render(compare_many(docs), "html"))
    verdict = "within" if whole <= 2.0 else "OVER"
    print(
        f"4. report: compare_many + HTML          {whole:7.3f} s  "
        f"({whole / base:.2f} x baseline; {verdict} the 2 s aim)"
    )
    pair, _ = best_of(args.repeat, lambda: render(compare(docs[0], docs[1]), "html"))
    print(f"5. one two-version HTML report          {pair:7.3f} s")


if __name__ == "__main__":
    main()
