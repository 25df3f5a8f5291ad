"""Fact drift: quotes, numbers, names, dates and hedges that change between versions of a story.

`find_facts(result)` looks inside every group aligned on both sides (after
the core has aligned the sentences and diffed the words) and returns the
facts that differ, as `Finding`s. Each detector is a conservative rule set in
its own module — `quotes`, `numbers`, `entities`, `dates`, `hedges` — no
model download; where a rule is unsure it stays silent, because a finding that
is not a real change of fact costs the reader's trust.

>>> from compare import compare
>>> result = compare("Talks lasted ten minutes.", "Talks lasted 20 minutes.")
>>> [(f.kind, f.a_text, f.b_text, f.a_value, f.b_value) for f in result.findings]
[('number_changed', 'ten', '20', 10.0, 20.0)]
"""

from __future__ import annotations

from ..model import Comparison
from .context import views
from .dates import find_dates
from .entities import find_entities
from .finding import FINDING_KINDS, Finding, FindingKind
from .hedges import find_hedges
from .numbers import find_numbers
from .quotes import find_quotes

__all__ = ["FINDING_KINDS", "Finding", "FindingKind", "find_facts"]

_DETECTORS = (find_quotes, find_numbers, find_entities, find_dates, find_hedges)


def find_facts(result: Comparison) -> list[Finding]:
    """Every changed fact of `result`, in reading order (by group, then by position in A, then B)."""
    out: list[Finding] = []
    for view in views(result):
        found = [f for detect in _DETECTORS for f in detect(view)]
        out.extend(sorted(found, key=lambda f: (f.a_start if f.a_end > f.a_start else f.b_start, f.kind)))
    return out
