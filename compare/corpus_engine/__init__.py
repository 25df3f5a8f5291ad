"""Corpus scale: every story told by several outlets in thousands to millions of articles.

>>> from compare import corpus
>>> result = corpus(["feeds/"], output="out/")          # doctest: +SKIP
>>> result.clusters_frame().head()                        # doctest: +SKIP

Stages: `sources` (inputs) → `signatures` (shingles, MinHash, LSH bands) →
`clusters` (verified pairs, connected components) → `pairs` (the full
comparison inside clusters), checkpointed by `checkpoint` and run by an
engine from `engines` (local processes, or a Dask cluster). `pipeline` ties
them together; `result` holds what comes out.
"""

from .pipeline import CorpusOptions, corpus
from .result import CORPUS_SCHEMA, CorpusResult

__all__ = ["CORPUS_SCHEMA", "CorpusOptions", "CorpusResult", "corpus"]
