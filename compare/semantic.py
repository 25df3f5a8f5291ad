"""The optional semantic scorer: word-embedding similarity beside the lexical overlap.

Two outlets that write up one event without copying share few words, so the
lexical scores of `compare.align` miss many of their pairs. This scorer adds
the cosine of sentence vectors built from WordLlama's static token embeddings
(``l2_supercat``, 256 dimensions, 32,000 tokens, MIT licence; trained by its
author from LLaMA-2-tokenizer models' token codebooks), which the `wordllama`
package ships inside its wheel: nothing is downloaded at run time, no neural
network runs, and torch is not needed. A sentence's vector is the mean of its
tokens' vectors, so a comparison costs a tokenizer pass over its new words and
a table look-up per word: under twice the lexical method's time. It is
installed with the extra `storydiff[semantic]` and used by
`compare(a, b, method="semantic")`.

Why this model (figures and commands in benchmarks/RESULTS.md): it was
measured against all-MiniLM-L6-v2 run through torch and through onnxruntime,
and against a static table distilled from MiniLM. Only the static tables meet
the cost goals (load ≤ 0.5 s, ≤ 20 ms a pair); MiniLM costs 100–500 times
the lexical method a pair. This one is as accurate as the distilled table
within noise and is the only one whose weights ship ready in a package from
the index; against MiniLM it gives up 0.04 F1 on retold stories and nothing on
independent news reports.

How the two are combined, stage by stage of `compare.align`:

* **Calibration** — within one story every sentence is somewhat like every
  other (same people, same places), so a raw cosine says little. Each cosine
  is measured against its neighbourhood, as in margin-based bitext mining
  (Artetxe & Schwenk, 2019): the background of a pair is the mean of the
  `_NEIGHBOURS` best cosines of each of its two sentences with the other side,
  and the semantic score is how far the cosine rises above that background,
  as a share of the way to 1. A side with fewer sentences than that counts
  the missing neighbours as unrelated (cosine 0).
* **One-to-one and gap beads** — the similarity is the mean of the lexical
  weighted Dice and the semantic score, so either kind of evidence alone can
  carry a pair only half way, and the thresholds keep their meaning.
* **Containment** (splits and merges) stays lexical: one vector per sentence
  cannot tell which of two sentences holds the other.
* **Several sentences at once** (a bead of the gap alignment) are embedded
  by mean pooling over all their tokens — the sums of token vectors of each
  sentence added up — so no sentence is encoded twice.
* **Candidates** — beside the pairs that share a word, each sentence's
  `KEEP_PER_SENTENCE` nearest sentences of the other side by cosine.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .align import KEEP_PER_SENTENCE, Scorer
from .errors import DependencyError

__all__ = ["MODEL_PACKAGE", "SemanticScorer", "semantic_scorer"]

# The package that ships the embedding table and its tokenizer, and the files inside it.
MODEL_PACKAGE = "wordllama"
_WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
_TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
_TABLE_KEY = "embedding.weight"
_INSTALL_HINT = "method='semantic' needs the optional word-embedding scorer: pip install 'storydiff[semantic]'"
# Distinct words whose vector sums are kept (about 1 kB each); the cache starts afresh when full.
_WORD_CACHE = 50_000
# Neighbours that make up the background of a cosine (the k of margin-based mining).
_NEIGHBOURS = 4


def _missing(name: str) -> DependencyError:
    return DependencyError(f"{_INSTALL_HINT}; missing: {name}")


class _Encoder:
    """The bundled static embeddings: sentences in, sums of their token vectors out.

    The model package is located, not imported: its own module pulls in its
    training and clustering code, which this scorer does not use.
    """

    def __init__(self) -> None:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
        if spec is None or not spec.submodule_search_locations:
            raise _missing(MODEL_PACKAGE)
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as error:
            raise _missing(error.name or "tokenizers") from None
        root = Path(next(iter(spec.submodule_search_locations)))
        weights, tokenizer = root / _WEIGHTS, root / _TOKENIZER
        for path in (weights, tokenizer):
            if not path.is_file():
                raise DependencyError(
                    f"{_INSTALL_HINT}; the installed {MODEL_PACKAGE} has no {path.relative_to(root)} "
                    f"(reinstall it: pip install --force-reinstall 'storydiff[semantic]')"
                )
        self.table: np.ndarray = np.asarray(load_file(str(weights))[_TABLE_KEY], dtype=np.float32)
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        # Words seen so far: their row in `words` (token vector sum, then token count).
        self._rows: dict[str, int] = {}
        self.words = np.zeros((1024, self.dimensions + 1), dtype=np.float32)
        self._lock = threading.Lock()  # the word cache is shared by every comparison, in any thread

    @property
    def dimensions(self) -> int:
        """Length of one token vector."""
        return int(self.table.shape[1])

    def _word_rows(self, words: Sequence[str]) -> np.ndarray:
        """Each word's row in `self.words`: its tokens' vector sum and, last, its token count (hold the lock).

        The tokenizer's merges never cross a space, so a text's tokens are its
        words' tokens, and a text's vector sum is its words' sums. Each distinct
        word is tokenized and summed once per process (news vocabulary repeats),
        the new words of a call in one batch; the cache is bounded and starts
        afresh when full.
        """
        rows = self._rows
        new = [w for w in dict.fromkeys(words) if w not in rows]
        if len(rows) + len(new) > _WORD_CACHE:
            rows.clear()
            new = list(dict.fromkeys(words))
        if new:
            first = len(rows)
            if first + len(new) > len(self.words):
                grown = np.zeros((max(first + len(new), 2 * len(self.words)), self.dimensions + 1), np.float32)
                grown[:first] = self.words[:first]
                self.words = grown
            self.words[first : first + len(new)] = self._word_vectors(new)
            rows.update(zip(new, range(first, first + len(new)), strict=True))
        return np.array(list(map(rows.__getitem__, words)), dtype=np.intp)  # map: no Python frame per word

    def _word_vectors(self, words: Sequence[str]) -> np.ndarray:
        """Token vector sum and token count of each word, from one pass of the tokenizer over them all.

        The words (no whitespace inside) are joined by single spaces and
        tokenized at once, which costs half as much as a batch of one-word
        texts; a token belongs to the word it starts in, or to the next one when
        it starts on the space before it, as tokenizing the word alone would give.
        """
        out = np.zeros((len(words), self.dimensions + 1), dtype=np.float32)
        encoding = self.tokenizer.encode(" ".join(words), add_special_tokens=False)
        if not encoding.ids:
            return out
        lengths = np.fromiter((len(w) + 1 for w in words), dtype=np.intp, count=len(words))
        word_starts = np.cumsum(lengths) - lengths
        token_starts = np.array(encoding.offsets, dtype=np.intp).reshape(-1, 2)[:, 0]
        owner = np.searchsorted(word_starts, token_starts + 1, side="right") - 1
        counts = np.bincount(owner, minlength=len(words))
        present = counts > 0
        first_token = (np.cumsum(counts) - counts)[present]
        out[present, :-1] = np.add.reduceat(self.table[np.asarray(encoding.ids, dtype=np.intp)], first_token, axis=0)
        out[:, -1] = counts
        return out

    def token_sums(self, texts: Sequence[str]) -> np.ndarray:
        """For each text, the sum of its token vectors and, last, its token count (shape: texts × 257).

        Words are split on whitespace, so runs of spaces and line breaks, which
        carry no meaning, give no tokens. Mean pooling of several sentences
        together is then the sum of their rows divided by the summed counts.
        A text without tokens gets a zero row.
        """
        out = np.zeros((len(texts), self.dimensions + 1), dtype=np.float32)
        per_text = [text.split() for text in texts]
        with self._lock:
            rows = self._word_rows([w for words in per_text for w in words])  # may grow `self.words`
            vectors = self.words[rows]
        start = 0
        for row, words in enumerate(per_text):
            if words:  # a slice sum per text: several times faster than np.add.reduceat over all rows
                out[row] = vectors[start : start + len(words)].sum(axis=0)
                start += len(words)
        return out


@lru_cache(maxsize=1)
def _encoder() -> _Encoder:
    """The table, loaded once per process (a tenth of a second) and reused by every comparison."""
    return _Encoder()


def _unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (a zero row stays zero)."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return np.asarray(np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0))


def _background(cosines: np.ndarray, axis: int) -> np.ndarray:
    """Mean of the `_NEIGHBOURS` largest cosines along `axis`; missing neighbours count as 0."""
    k = min(_NEIGHBOURS, cosines.shape[axis])
    if k == 0:
        return np.zeros(cosines.shape[1 - axis] if cosines.ndim == 2 else (), dtype=np.float32)
    top = -np.partition(-cosines, k - 1, axis=axis)
    top = top.take(range(k), axis=axis)
    return np.asarray(top.sum(axis=axis) / _NEIGHBOURS)


def _margin(cosine: np.ndarray | float, background: np.ndarray | float) -> np.ndarray:
    """How far a cosine rises above its background, as a share of the way to 1 (0 when below)."""
    return np.clip((np.asarray(cosine) - background) / np.maximum(1.0 - np.asarray(background), 1e-6), 0.0, 1.0)


class SemanticScorer(Scorer):
    """`compare.align`'s scorer with embedding similarity blended into one-to-one and bead scores."""

    def __init__(
        self,
        bags_a: Sequence[frozenset[str]],
        bags_b: Sequence[frozenset[str]],
        texts_a: Sequence[str],
        texts_b: Sequence[str],
    ) -> None:
        super().__init__(bags_a, bags_b)
        unique = list(dict.fromkeys([*texts_a, *texts_b]))  # each distinct sentence is encoded once
        sums = _encoder().token_sums(unique)
        row = {text: k for k, text in enumerate(unique)}
        self.sums_a = sums[np.asarray([row[t] for t in texts_a], dtype=np.intp)]
        self.sums_b = sums[np.asarray([row[t] for t in texts_b], dtype=np.intp)]
        self.unit_a, self.unit_b = _unit(self.sums_a[:, :-1]), _unit(self.sums_b[:, :-1])
        self.cosine = self.unit_a @ self.unit_b.T
        background = (_background(self.cosine, 1)[:, None] + _background(self.cosine, 0)[None, :]) / 2
        self.semantic = _margin(self.cosine, background)
        self._spans: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}

    def candidates(
        self, max_postings: int, min_similarity: float, keep: int = KEEP_PER_SENTENCE
    ) -> dict[tuple[int, int], float]:
        """The lexical candidates plus each sentence's nearest sentences of the other side by cosine."""
        shared = super().candidates(max_postings, min_similarity, keep)
        n_a, n_b = self.cosine.shape
        if not n_a or not n_b:
            return shared
        near_b = np.argsort(-self.cosine, axis=1, kind="stable")[:, :keep]
        near_a = np.argsort(-self.cosine, axis=0, kind="stable")[:keep, :]
        pairs = {(i, int(j)) for i in range(n_a) for j in near_b[i]}
        pairs |= {(int(i), j) for j in range(n_b) for i in near_a[:, j]}
        for i, j in sorted(pairs - shared.keys()):
            shared[(i, j)] = sum(self.idf[s] for s in self.bags_a[i] & self.bags_b[j])
        return shared

    def dice(self, i: int, j: int) -> float:
        """Mean of the lexical weighted Dice and the calibrated cosine."""
        return (super().dice(i, j) + float(self.semantic[i, j])) / 2

    def gap_threshold(self, base: float, cells: int) -> float:
        """The fixed threshold, whatever the gap's size: the semantic half of the score is already
        measured against each sentence's best alternatives, which a large gap does not inflate.

        (The lexical scorer's rising threshold measured worse here: realnews independent 0.537 against
        0.551, retellings 0.589 against 0.588 — benchmarks/RESULTS.md.)
        """
        return base

    def union_dice(self, side_a: Sequence[int], side_b: Sequence[int]) -> float:
        """Mean of the lexical Dice of the sentences taken together and their calibrated cosine."""
        if len(side_a) == 1 and len(side_b) == 1:
            return self.dice(side_a[0], side_b[0])
        return (super().union_dice(side_a, side_b) + self._span_similarity(side_a, side_b)) / 2

    def _span_similarity(self, side_a: Sequence[int], side_b: Sequence[int]) -> float:
        key = (tuple(side_a), tuple(side_b))
        if key not in self._spans:
            vec_a = _unit(self.sums_a[list(side_a), :-1].sum(axis=0))
            vec_b = _unit(self.sums_b[list(side_b), :-1].sum(axis=0))
            background = (float(_background(self.unit_b @ vec_a, 0)) + float(_background(self.unit_a @ vec_b, 0))) / 2
            self._spans[key] = float(_margin(float(vec_a @ vec_b), background))
        return self._spans[key]


def semantic_scorer(
    texts_a: Sequence[str], texts_b: Sequence[str]
) -> Callable[[Sequence[frozenset[str]], Sequence[frozenset[str]]], SemanticScorer]:
    """A scorer factory for `compare.align.align_with_links(..., make_scorer=...)`, over these sentence texts.

    Loads the model now, so a missing extra is reported before any work is done.
    """
    _encoder()

    def make(bags_a: Sequence[frozenset[str]], bags_b: Sequence[frozenset[str]]) -> SemanticScorer:
        return SemanticScorer(bags_a, bags_b, texts_a, texts_b)

    return make
