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
