"""A small corpus on disk: two real stories in three versions each, and unrelated fillers.

The stories are the OneStopEnglish copies in tests/data/onestop (see its README
for the licence). Fillers are random word sequences drawn with a fixed seed from
a vocabulary of news words, so they share no passage with anything.
"""

from __future__ import annotations

import random
from pathlib import Path

DATA = Path(__file__).parent.parent / "data" / "onestop"
LEVELS = ("adv", "int", "ele")
STORIES = ("banksy", "meteorite")
VOCABULARY = [
    "minister",
    "council",
    "river",
    "market",
    "station",
    "police",
    "report",
    "weather",
    "school",
    "hospital",
    "farmers",
    "harbour",
    "election",
    "budget",
    "museum",
    "festival",
    "company",
    "workers",
    "village",
    "bridge",
    "ferry",
    "airport",
    "energy",
    "housing",
    "court",
    "teachers",
    "football",
    "season",
    "garden",
    "library",
    "orchestra",
    "islands",
    "tourism",
    "fishing",
    "railway",
    "students",
    "doctors",
    "prices",
    "the",
    "a",
    "of",
    "to",
    "in",
    "and",
    "on",
    "for",
    "with",
    "said",
    "after",
    "before",
    "during",
    "while",
    "about",
    "against",
    "between",
    "new",
    "old",
    "local",
]


def filler(seed: int, words: int = 300) -> str:
    """An unrelated article: sentences of random words, reproducible from `seed`."""
    rng = random.Random(seed)
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        sentence = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(8, 20)))
        sentences.append(sentence.capitalize() + ".")
    return " ".join(sentences)


def story(level: str, name: str) -> str:
    return (DATA / level / f"{name}.txt").read_text(encoding="utf-8-sig")


EXPECTED_CLUSTERS = [
    ["adv/banksy.txt", "ele/banksy.txt", "int/banksy.txt"],
    ["adv/meteorite.txt", "ele/meteorite.txt", "int/meteorite.txt"],
]


def event_corpus(n: int, seed: int = 3) -> tuple[list[dict[str, str]], dict[str, str | None]]:
    """A small instance of the event benchmark (benchmarks/corpus_generate.py `generate_events`).

    The benchmark writes with a word chain trained on OneStopEnglish, which
    lives outside the repository; here the text is `filler`-style random news
    words, so the test needs nothing but the repository.
    """
    import importlib.util

    path = Path(__file__).parents[2] / "benchmarks" / "corpus_generate.py"
    spec = importlib.util.spec_from_file_location("corpus_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def write_text(rng: random.Random, words: int) -> str:
        return filler(rng.randrange(1 << 30), words)

    records: list[dict[str, str]]
    records, truth = module.generate_events(n, seed, write_text=write_text, vocabulary=VOCABULARY)
    return records, truth


def same_story_pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    """Every unordered pair of ids inside each group."""
    return {(a, b) if a < b else (b, a) for g in groups for i, a in enumerate(g) for b in g[i + 1 :]}
