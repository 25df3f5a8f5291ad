"""Corpus scale: every story told by several outlets in thousands to millions of articles.

>>> from compare import corpus
>>> result = corpus(["feeds/"], output="out/")          # doctest: +SKIP
>>> result.clusters_frame().head()                        # doctest: +SKIP

Stages: `sources` (inputs) → `signatures` (shingles and where they sit,
MinHash, LSH bands) → `clusters` (verified pairs; stories around a core that
every member matches, so stories of one event that share background stay
apart; events above them) → `pairs` (the full comparison of each member with
its story's core), checkpointed by `checkpoint` and run by an engine from
`engines` (local processes, or a Dask cluster). `pipeline` ties them
together; `result` holds what comes out.
"""

from .pipeline import CorpusOptions, corpus
from .result import CORPUS_SCHEMA, CorpusResult

__all__ = ["CORPUS_SCHEMA", "CorpusOptions", "CorpusResult", "corpus"]
