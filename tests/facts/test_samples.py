"""The samples' deliberate fact changes are all found; rewordings produce (almost) nothing.

`samples/README.md` lists the five changes in `altered.txt`; `opinion-rewrite.txt`
is an independent write-up of the same facts; the OneStopEnglish texts are one
article rewritten for three reading levels (the elementary version simplifies
wording, and it rewrites quotes — which are real quote changes).
"""

from __future__ import annotations

import pytest
from facts_helpers import ONESTOP, SAMPLES, check_offsets

from compare import compare


@pytest.fixture(scope="module")
def altered():  # type: ignore[no-untyped-def]
    return compare(SAMPLES / "seed-bbc.txt", SAMPLES / "altered.txt")


def test_the_altered_quote_is_found(altered) -> None:  # type: ignore[no-untyped-def]
    (quote,) = [f for f in altered.findings if f.kind == "quote_altered"]
    assert (quote.a_text, quote.b_text) == ("for as long as it takes", "for as long as necessary")


def test_both_changed_figures_are_found(altered) -> None:  # type: ignore[no-untyped-def]
    figures = sorted((f.a_value, f.b_value) for f in altered.findings if f.kind == "number_changed")
    assert figures == [(10.0, 20.0), (85.0, 80.0)]


def test_the_dropped_hedge_and_changed_attribution_are_found(altered) -> None:  # type: ignore[no-untyped-def]
    kinds = sorted(f.kind for f in altered.findings)
    assert kinds == sorted(
        ["quote_altered", "number_changed", "number_changed", "hedge_dropped", "attribution_changed"]
    )
    (hedge,) = [f for f in altered.findings if f.kind == "hedge_dropped"]
    assert hedge.a_text == "reportedly"
    check_offsets(altered)


@pytest.mark.parametrize("name", ["opinion-rewrite", "reordered", "split-merged", "shortened"])
def test_versions_without_fact_changes_have_no_findings(name: str) -> None:
    result = compare(SAMPLES / "seed-bbc.txt", SAMPLES / f"{name}.txt")
    assert [(f.kind, f.a_text, f.b_text) for f in result.findings] == []


def test_wire_copy_adding_an_attribution_is_reported_as_such() -> None:
    result = compare(SAMPLES / "seed-bbc.txt", SAMPLES / "wire.txt")
    assert [(f.kind, f.b_text) for f in result.findings] == [("hedge_added", "said")]


@pytest.mark.parametrize("story", ["banksy", "meteorite"])
@pytest.mark.parametrize("levels", [("adv", "ele"), ("adv", "int"), ("int", "ele")])
def test_simplified_rewrites_give_no_figure_name_or_date_findings(story: str, levels: tuple[str, str]) -> None:
    """Rewording for learners keeps every fact: figures, names and dates must not be reported as changed."""
    a, b = (ONESTOP / level / f"{story}.txt" for level in levels)
    result = compare(a, b)
    check_offsets(result)
    spurious = [(f.kind, f.a_text, f.b_text) for f in result.findings
                if f.kind in ("number_changed", "entity_changed", "date_changed", "attribution_changed")]  # fmt: skip
    assert spurious == []
