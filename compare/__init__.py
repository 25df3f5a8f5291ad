"""storydiff's core: compare versions of a news story sentence by sentence.

>>> from compare import compare
>>> result = compare("Talks lasted ten minutes. Both sides spoke.", "Both sides spoke. Talks lasted 20 minutes.")
>>> result.counts()["moved"], result.scores["overlap_a_in_b"]
(1, 0.8571)

This package imports no terminal or UI code; `tui` builds on it, never the reverse.
"""

from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from .__about__ import __version__
from .errors import InputError, OptionError, StorydiffError
from .model import KINDS, SCHEMA, Comparison, Document, Group, Kind, Sentence, WordOp
from .normalise import normalise, tokenize
from .options import AlignOptions
from .segment import segment

if _TYPE_CHECKING:
    from .api import Source, compare, prepare
    from .collection import Collection, compare_many
    from .corpus_engine import CorpusResult, corpus
    from .facts import Finding
    from .timeline import History, history

# Loaded on first use, so `storydiff --version` and `--help` (and `import compare`) stay fast:
# the aligner brings numpy and the stemmer, the corpus engine datasketch.
_LAZY = {
    "Source": ".api",
    "compare": ".api",
    "prepare": ".api",
    "Collection": ".collection",
    "compare_many": ".collection",
    "CorpusResult": ".corpus_engine",
    "corpus": ".corpus_engine",
    "Finding": ".facts",
    "History": ".timeline",
    "history": ".timeline",
}


def __getattr__(name: str) -> _Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'compare' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
    "History",
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
    "history",
    "normalise",
    "prepare",
    "segment",
    "tokenize",
]
