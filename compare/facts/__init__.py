"""Fact drift: quotes, numbers, names, dates and hedges that change between versions of a story.

`find_facts(result)` looks inside every group aligned on both sides, and
between the two sentences of every `repeat` or `partial` link (after
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
        found = _one_per_change([f for detect in _DETECTORS for f in detect(view)])
        if view.linked:  # a repeat or partial link (context.link_views)
            found = [f for f in found if f.kind in _LINK_KINDS and not _already_reported(f, out)]
        out.extend(sorted(found, key=lambda f: (f.a_start if f.a_end > f.a_start else f.b_start, f.kind)))
    return sorted(out, key=lambda f: f.group)  # stable: link findings join their group's, in reading order


def _already_reported(finding: Finding, found: list[Finding]) -> bool:
    """True when the same change of the same words of A was already reported (by a group or another link):
    "85" in the lede became "80" in B's lede and again in B's caption that repeats it is one change."""
    key = (finding.kind, finding.a_start, finding.a_end, finding.b_text)
    return any((f.kind, f.a_start, f.a_end, f.b_text) == key for f in found)


_SPECIFIC = ("number_changed", "date_changed", "entity_changed")
# What a link between two sentences can show: a mention present on both sides that differs. Not what is
# missing (a dropped quote or hedge): the rest of a linked sentence's content is elsewhere, in its own group.
_LINK_KINDS = ("quote_altered", "attribution_changed", *_SPECIFIC)


def _one_per_change(found: list[Finding]) -> list[Finding]:
    """Without the `quote_altered` findings whose every change is a figure, date or name already reported:
    "20 years" becoming "20 months" inside a quote is one change, reported once, as the figure."""
    specific = [f for f in found if f.kind in _SPECIFIC]
    if not specific:
        return found

    def covered(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
        return any(
            (a_start < f.a_end and f.a_start < a_end) or (b_start < f.b_end and f.b_start < b_end) for f in specific
        )

    return [
        f
        for f in found
        if f.kind != "quote_altered"
        or not all(covered(op.a_start, op.a_end, op.b_start, op.b_end) for op in f.quote_diff if op.op != "equal")
    ]
