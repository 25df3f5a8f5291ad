"""storydiff's core: compare versions of a news story sentence by sentence.

>>> from compare import compare
>>> result = compare("Talks lasted ten minutes. Both sides spoke.", "Both sides spoke. Talks lasted 20 minutes.")
>>> result.counts()["moved"], result.scores["overlap_a_in_b"]
(1, 0.8571)

This package imports no terminal or UI code; `tui` builds on it, never the reverse.
"""

import importlib as _importlib
from collections.abc import Iterator as _Iterator
from collections.abc import Mapping as _Mapping
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from .__about__ import __version__
from .errors import DependencyError, InputError, OptionError, OutputError, StorydiffError
from .model import HOOKS as _HOOKS
from .model import KINDS, SCHEMA, Comparison, Document, Group, Kind, Sentence, WordOp
from .normalise import normalise, tokenize
from .options import AlignOptions
from .segment import segment

if _TYPE_CHECKING:
    from .api import Method, Source, compare, prepare
    from .collection import Collection, compare_many
    from .corpus_engine import CorpusResult, corpus
    from .facts import Finding
    from .ingest import load
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
    "load": ".ingest",
    "Finding": ".facts",
    "Method": ".api",
    "History": ".timeline",
    "history": ".timeline",
}


# The result types (compare.model) show themselves with renderers, and read saved findings with the fact
# finders' `Finding`, that sit above them: wired in here, at the top of the package, so the model imports
# neither. They load on first use (jinja2, rich; the fact finders' patterns), so `import compare` stays quick.
def _html(result: _Any) -> str:
    from .render.html import render_fragment

    return render_fragment(result)


def _rich(result: Comparison) -> _Iterator[_Any]:
    from .render.text import rich_renderables

    yield from rich_renderables(result)


def _finding(data: _Mapping[str, _Any]) -> "Finding":
    from .facts import Finding

    return Finding.from_dict(data)


def _find_facts(result: Comparison) -> "list[Finding]":
    from .facts import find_facts

    return find_facts(result)


_HOOKS.html, _HOOKS.rich, _HOOKS.finding, _HOOKS.find_facts = _html, _rich, _finding, _find_facts


def __getattr__(name: str) -> _Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'compare' has no attribute {name!r}")
    value = getattr(_importlib.import_module(_LAZY[name], __name__), name)
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
    "DependencyError",
    "Document",
    "Finding",
    "Group",
    "History",
    "InputError",
    "Kind",
    "Method",
    "OptionError",
    "OutputError",
    "Sentence",
    "Source",
    "StorydiffError",
    "WordOp",
    "__version__",
    "compare",
    "compare_many",
    "corpus",
    "history",
    "load",
    "normalise",
    "prepare",
    "segment",
    "tokenize",
]
