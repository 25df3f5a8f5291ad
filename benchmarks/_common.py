"""What several benchmark scripts share: the repository root, the meteorite story, timing, a word-bigram chain.

Imported as `_common` by scripts run as `python benchmarks/X.py` (Python puts benchmarks/ on sys.path first);
importing it also puts the repository root on sys.path, so the scripts import `compare` from this checkout.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ONESTOP = ROOT / "tests" / "data" / "onestop"  # the repository's own copy of a few OneStopEnglish stories
SENTENCE = re.compile(r"(?<=[.!?])\s+")
_ENDS = (".", "!", "?")


def meteorite() -> tuple[list[str], list[str]]:
    """The meteorite story's sentences (advanced level, ~800 words) and those of its simpler rewrite."""
    from compare.segment import segment

    def sentences(level: str) -> list[str]:
        return [s.text for s in segment((ONESTOP / level / "meteorite.txt").read_text(encoding="utf-8-sig"))]

    return sentences("adv"), sentences("int")


def versions_and_repeat(doc: str | None) -> argparse.Namespace:
    """The arguments of the many-versions benchmarks: --versions (default 20) and --repeat (best of, default 3)."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--versions", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


def best_of(repeat: int, fn: Callable[[], object], before: Callable[[], object] | None = None) -> tuple[float, object]:
    """The best time of `repeat` runs of `fn` (after `before` each time, untimed) and the last run's value."""
    times, value = [], None
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def copy_edit(
    sentences: list[str],
    rng: random.Random,
    vocabulary: Sequence[str],
    *,
    swap_every: int,
    min_swaps: int,
    changes: int,
) -> list[str]:
    """The sentences edited as a copy desk would: about a fifth dropped (never all), one pair swapped per
    `swap_every` kept (at least `min_swaps`), and in about 30% of the sentences of 5+ words, 1 to `changes` words
    replaced by words of the vocabulary."""
    kept = [s for s in sentences if rng.random() > 0.2] or sentences[:1]
    for _ in range(max(min_swaps, len(kept) // swap_every)):
        i, j = rng.randrange(len(kept)), rng.randrange(len(kept))
        kept[i], kept[j] = kept[j], kept[i]
    edited = []
    for s in kept:
        words = s.split()
        if rng.random() < 0.3 and len(words) > 4:
            for _ in range(rng.randint(1, changes) if changes > 1 else 1):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
        edited.append(" ".join(words))
    return edited


class Chain:
    """A word-bigram chain: successors of each word, as seen in the training texts (sentences of 4+ words).

    Its text is news-like words and common phrases, with no passage copied on purpose.
    """

    def __init__(self, texts: list[str]) -> None:
        self.next: dict[str, list[str]] = {}
        self.starts: list[str] = []
        for text in texts:
            for sentence in SENTENCE.split(text):
                words = sentence.split()
                if len(words) < 4:
                    continue
                self.starts.append(words[0])
                for left, right in itertools.pairwise(words):
                    self.next.setdefault(left, []).append(right)

    def sentence_words(self, rng: random.Random, *, start_may_end: bool) -> list[str]:
        """A walk from a random start word to a word that ends a sentence (at most 40 words; a full stop added
        when none came). `start_may_end`: a start word such as "Mr." ends the sentence then and there."""
        word = rng.choice(self.starts)
        words = [word]
        while len(words) < 40 and not (word.endswith(_ENDS) and (start_may_end or len(words) > 1)):
            successors = self.next.get(word)
            if not successors:
                break
            word = rng.choice(successors)
            words.append(word)
        if not words[-1].endswith(_ENDS):
            words[-1] += "."
        return words

    def article(self, rng: random.Random, words: int) -> str:
        """Sentences until there are `words` words (a start word like "Mr." goes on into its sentence)."""
        out: list[str] = []
        while len(out) < words:
            out.extend(self.sentence_words(rng, start_may_end=False))
        return " ".join(out)

    def text(self, size: int, seed: int) -> list[str]:
        """Sentences of `size` characters in all (a start word like "Mr." is a sentence of its own)."""
        rng = random.Random(seed)
        sentences: list[str] = []
        total = 0
        while total < size:
            sentences.append(" ".join(self.sentence_words(rng, start_may_end=True)))
            total += len(sentences[-1]) + 1
        return sentences
