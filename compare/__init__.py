"""storydiff's core: compare versions of a news story sentence by sentence.

>>> from compare import compare
>>> result = compare("Talks lasted ten minutes. Both sides spoke.", "Both sides spoke. Talks lasted 20 minutes.")
>>> result.counts()["moved"], result.scores["overlap_a_in_b"]
(1, 0.8571)

This package imports no terminal or UI code; `tui` builds on it, never the reverse.
"""

from .__about__ import __version__
from .align import AlignOptions
from .api import Source, compare, prepare
from .collection import Collection, compare_many
from .corpus_engine import CorpusResult, corpus
from .errors import InputError, OptionError, StorydiffError
from .facts import Finding
from .model import KINDS, SCHEMA, Comparison, Document, Group, Kind, Sentence, WordOp
from .normalise import normalise, tokenize
from .segment import segment

__all__ = [
    "KINDS",
    "SCHEMA",
    "AlignOptions",
    "Collection",
    "Comparison",
    "CorpusResult",
    "Document",
    "Finding",
    "Group",
    "InputError",
    "Kind",
    "OptionError",
    "Sentence",
    "Source",
    "StorydiffError",
    "WordOp",
    "__version__",
    "compare",
    "compare_many",
    "corpus",
    "normalise",
    "prepare",
    "segment",
    "tokenize",
]
