"""Recall of changed facts planted into real text, on clean copies and on rewritten versions.

Changes are planted by code at run time, one per comparison, into OneStopEnglish stories
(../shared/data/onestop, CC BY-SA):

- clean: A is the advanced text, B the same text with one change planted;
- rewritten: A is the advanced text, B the elementary rewrite with one change planted at a fact
  that both versions state the same way in one aligned group (a figure, date or name both carry,
  a quote both quote word for word, a hedge both keep), so the change is the only difference in
  that fact.

Kinds planted (expected finding in brackets): number (number_changed), unit of measure (number_changed:
"10 miles" → "10 kilometres"), currency (number_changed: "$5m" → "£5m"), date (date_changed), surname
(entity_changed, or attribution_changed when the name is a quote's speaker), quote words
(quote_altered), quote speaker (attribution_changed), hedge dropped and hedge added.

A plant is *found* when a new finding of the expected kind (one the unplanted comparison does not
have) lies in the group holding the planted sentence and, where the finding has a B span, overlaps
the plant; every other new finding of that comparison is *false*. Sites are drawn with a fixed seed.

    python benchmarks/facts_recall.py [--per-kind 8] [--seed 17] [--verbose]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare import Comparison, Finding, compare  # noqa: E402
from compare.facts.quotes import document_quotes  # noqa: E402

ONESTOP = ROOT.parent / "shared" / "data" / "onestop"

KINDS: dict[str, tuple[str, ...]] = {
    "number": ("number_changed",),
    "unit": ("number_changed",),
    "currency": ("number_changed",),
    "date": ("date_changed",),
    "surname": ("entity_changed", "attribution_changed"),
    "quote words": ("quote_altered",),
    "quote speaker": ("attribution_changed", "entity_changed"),
    "hedge dropped": ("hedge_dropped",),
    "hedge added": ("hedge_added",),
}
_UNITS = {
    "miles": "kilometres", "kilometres": "miles", "km": "miles", "metres": "feet", "feet": "metres",
    "minutes": "hours", "hours": "minutes", "days": "weeks", "weeks": "months", "months": "years",
    "years": "months", "tonnes": "kilograms", "kilograms": "tonnes", "kg": "tonnes", "cm": "metres",
    "litres": "gallons", "acres": "hectares",
}  # fmt: skip
_CURRENCIES = {"$": "£", "£": "€", "€": "$"}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SURNAMES = ("Lindqvist", "Okonkwo", "Ferreira", "Brannigan", "Takahashi", "Kowalczyk", "Abernethy", "Mbeki")
_NOT_SURNAMES = {"League", "United", "City", "Party", "Street", "Road", "House", "Island", "Islands", "Forest", "Park"}
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|apparently|probably|supposedly|seemingly) ")
_AUXILIARY = re.compile(r"(?<=[a-z]) (?:has|have|had|was|were|is|are|will) (?=[a-z])")
_NAME = re.compile(r"(?<=[a-z,] )(?:Mr |Mrs |Ms |Dr )?([A-Z][a-z]+) ([A-Z][a-z]{2,})(?![\w\-\u2019']|\s+[A-Z])")
_NUMBER = re.compile(r"(?<![\w.,$£€/:-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w%.,/:-]|\.\d)")
_UNIT = re.compile(r"(?<![\w.,/:-])(\d[\d,.]*) (" + "|".join(_UNITS) + r")\b")
_CURRENCY = re.compile(r"([$£€])\d")
_DATE = re.compile(
    r"\b(?:(?P<month>" + "|".join(_MONTHS) + r")|(?P<weekday>" + "|".join(_WEEKDAYS) + r")|(?P<year>(?:19|20)\d\d))\b"
)
_SPEAKER = re.compile(r"[,\u201d\"] (?:said|says|added) ([A-Z][a-z]+(?: [A-Z][a-z]+)+)(?![\w\-])")
_SPEAKER_BEFORE = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+)+) (?:said|says|added)(?:,|:)? [\u201c\"]")


@dataclass
class Plant:
    """One change: where it goes in B (before planting), what it becomes, and what kind it is."""

    kind: str
    start: int
    end: int
    new: str


def sites(kind: str, text: str) -> Iterator[Plant]:
    """Every place in `text` where a change of `kind` can be planted, in text order."""
    quotes = document_quotes(text)

    def quoted(pos: int) -> bool:
        return any(s <= pos < e for s, e in quotes)

    if kind == "number":
        for m in _NUMBER.finditer(text):
            value = int(m.group(1).replace(",", ""))
            if 1800 <= value <= 2100 or (value in range(1, 32) and _DATE.search(text, m.end(), m.end() + 12)):
                continue
            yield Plant(
                kind, m.start(1), m.end(1), f"{value + max(2, value // 4):,}" if value >= 1000 else str(value + 3)
            )
    elif kind == "unit":
        for m in _UNIT.finditer(text):
            yield Plant(kind, m.start(2), m.end(2), _UNITS[m.group(2)])
    elif kind == "currency":
        for m in _CURRENCY.finditer(text):
            yield Plant(kind, m.start(1), m.end(1), _CURRENCIES[m.group(1)])
    elif kind == "date":
        for m in _DATE.finditer(text):
            if m.group("month") and m.group("month") != "May":
                month = _MONTHS[(_MONTHS.index(m.group()) + 1) % 12]
                yield Plant(kind, m.start(), m.end(), "June" if month == "May" else month)  # "May" may be a verb
            elif m.group("weekday"):
                yield Plant(kind, m.start(), m.end(), _WEEKDAYS[(_WEEKDAYS.index(m.group()) + 1) % 7])
            elif m.group("year"):
                yield Plant(kind, m.start(), m.end(), str(int(m.group()) - 1))
    elif kind == "surname":
        for n, m in enumerate(_NAME.finditer(text)):
            first, last = m.group(1), m.group(2)
            if {first, last} & set(_MONTHS + _WEEKDAYS) or last in _NOT_SURNAMES:
                continue
            # A person: the surname also stands alone in the text, the first name does not.
            if re.search(rf"(?<!{first}) {last}\b", text) and not re.search(rf" {first}(?! {last})\b", text):
                yield Plant(kind, m.start(2), m.end(2), _SURNAMES[n % len(_SURNAMES)])
    elif kind == "quote words":
        for s, e in quotes:
            words = list(re.finditer(r"\b[a-z]{5,}\b", text[s:e]))
            if len(words) >= 3:
                word = words[len(words) // 2]
                yield Plant(
                    kind,
                    s + word.start(),
                    s + word.end(),
                    "unbelievable" if word.group() != "unbelievable" else "ordinary",
                )
    elif kind == "quote speaker":
        for pattern in (_SPEAKER, _SPEAKER_BEFORE):
            for m in pattern.finditer(text):
                yield Plant(kind, m.start(1), m.end(1), "Maria Kowalczyk")
    elif kind == "hedge dropped":
        for m in _HEDGE.finditer(text):
            if not quoted(m.start()):
                yield Plant(kind, m.start(), m.end(), "")
    elif kind == "hedge added":
        for m in _AUXILIARY.finditer(text):
            if not quoted(m.start()):
                yield Plant(kind, m.end(), m.end(), "reportedly ")


def planted(text: str, plant: Plant) -> str:
    return text[: plant.start] + plant.new + text[plant.end :]


def _sentence_at(result: Comparison, pos: int) -> int | None:
    return next((s.index for s in result.b_sentences if s.start <= pos <= s.end), None)


def _signature(f: Finding) -> tuple[str, int, int, str]:
    """What names a finding across the planted and unplanted comparisons: its A span (A is never
    planted), or its B text when it has no A side."""
    return (f.kind, f.a_start, f.a_end, "" if f.a_end > f.a_start else f.b_text)


def judge(plant: Plant, result: Comparison, baseline: Counter[tuple[str, int, int, str]]) -> tuple[bool, list[Finding]]:
    """Whether the plant was found, and the comparison's other new findings (false ones)."""
    expected = KINDS[plant.kind]
    end = plant.start + len(plant.new)
    sentence = _sentence_at(result, plant.start)
    seen = Counter(baseline)
    new = []
    for f in result.findings:
        if seen[_signature(f)] > 0:
            seen[_signature(f)] -= 1
        else:
            new.append(f)
    hit = None
    for f in new:
        group = result.groups[f.group]
        if f.kind not in expected or sentence not in group.b:
            continue
        if (
            f.kind != "attribution_changed"
            and f.b_end > f.b_start
            and not (f.b_start <= end and plant.start <= f.b_end)
        ):
            continue
        hit = f
        break
    return hit is not None, [f for f in new if f is not hit]


def candidates(kind: str, a: str, b: str, rewritten: bool) -> list[Plant]:
    """Sites in B; for a rewritten B, only where the aligned A group states the same fact the same way."""
    found = list(sites(kind, b))
    if not rewritten:
        return found
    result = compare(a, b)
    keep = []
    for plant in found:
        sentence = _sentence_at(result, plant.start)
        group = next((g for g in result.groups if sentence in g.b and g.a), None)
        if group is None:
            continue
        a_text = result.group_text(group, "a")
        old = b[plant.start : plant.end].strip()
        if kind == "currency":
            old = re.match(r"[$£€][\d.,]+(?:bn|m|k)?", b[plant.start :]).group()  # type: ignore[union-attr]
        if kind == "hedge added":
            b_sentence = result.b_sentences[sentence].text
            if _HEDGE.search(a_text) or _HEDGE.search(b_sentence) or "said" in a_text or "according" in a_text:
                continue
            keep.append(plant)
        elif kind == "quote words":
            quote = next(b[s:e] for s, e in document_quotes(b) if s <= plant.start < e)
            if quote in a_text:
                keep.append(plant)
        elif re.search(r"(?<!\w)" + re.escape(old) + r"(?!\w)", a_text):
            keep.append(plant)
    return keep


def run(
    kind: str, stories: list[str], rewritten: bool, per_kind: int, rng: random.Random
) -> Iterator[tuple[str, Plant, bool, list[Finding], str, str]]:
    """Plant up to `per_kind` changes of `kind`, one per story, in a seeded order of stories."""
    order = list(stories)
    rng.shuffle(order)
    done = 0
    for name in order:
        if done >= per_kind:
            break
        a = (ONESTOP / "adv" / name).read_text(encoding="utf-8-sig")
        b = (ONESTOP / "ele" / name).read_text(encoding="utf-8-sig") if rewritten else a
        options = candidates(kind, a, b, rewritten)
        if not options:
            continue
        plant = options[rng.randrange(len(options))]
        baseline = Counter(_signature(f) for f in compare(a, b).findings)
        changed = planted(b, plant)
        result = compare(a, changed)
        found, false = judge(plant, result, baseline)
        done += 1
        yield name, plant, found, false, b[plant.start : plant.end], changed


_TIMING = """
import os, sys, time
if len(sys.argv) > 1:  # time another source tree: hide the editable install of this one
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
    sys.path.insert(0, sys.argv[1])
import compare
from compare import compare as run
from compare.api import _analysed_cached
from compare.facts import find_facts
import compare.facts.quotes as q, compare.facts.entities as e, compare.facts.context as c
a = open(os.environ["FACTS_A"], encoding="utf-8-sig").read()
b = open(os.environ["FACTS_B"], encoding="utf-8-sig").read()
caches = [getattr(m, n) for m in (q, e, c) for n in dir(m) if hasattr(getattr(m, n), "cache_clear")]
plain, facts = [], []
for _ in range(int(os.environ["FACTS_REPEAT"])):
    _analysed_cached.cache_clear()
    started = time.perf_counter(); result = run(a, b, facts=False); plain.append(time.perf_counter() - started)
    for cache in caches:
        cache.cache_clear()
    started = time.perf_counter(); find_facts(result); facts.append(time.perf_counter() - started)
print(min(plain) * 1000, min(facts) * 1000, os.path.dirname(compare.__file__))
"""


def timing(source: Path | None = None, repeat: int = 30) -> tuple[float, float, str]:
    """Best-of-`repeat` ms (the machine is shared: the minimum is the steadiest figure) of compare() alone
    and of finding the facts of its result (every cache emptied first),
    on the OneStop adv/ele pair nearest 800 words, in a child process; `source` times another tree."""
    import os
    import subprocess

    names = sorted(p.name for p in (ONESTOP / "adv").glob("*.txt"))
    name = min(names, key=lambda n: abs(len((ONESTOP / "adv" / n).read_text(encoding="utf-8-sig").split()) - 800))
    env = dict(os.environ, FACTS_A=str(ONESTOP / "adv" / name), FACTS_B=str(ONESTOP / "ele" / name))
    env["FACTS_REPEAT"] = str(repeat)
    command = [sys.executable, "-c", _TIMING, *([str(source)] if source else [])]
    plain, facts, where = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.split()
    return float(plain), float(facts), where


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=8, help="plants per kind and setting (default 8)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--verbose", action="store_true", help="print every miss and false finding")
    parser.add_argument("--against", type=Path, help="also time another source tree (e.g. a `git archive` of main)")
    parser.add_argument("--timing-only", action="store_true", help="only the timing")
    args = parser.parse_args()
    if not (ONESTOP / "adv").is_dir():
        print(f"no OneStop data at {ONESTOP}: this benchmark needs ../shared", file=sys.stderr)
        return 2
    stories = sorted(p.name for p in (ONESTOP / "adv").glob("*.txt") if (ONESTOP / "ele" / p.name).exists())
    for rewritten in () if args.timing_only else (False, True):
        setting = "rewritten (adv vs planted ele)" if rewritten else "clean (adv vs planted adv)"
        totals: Counter[str] = Counter()
        print(f"\n{setting}")
        for kind in KINDS:
            rng = random.Random(f"{args.seed}/{kind}/{rewritten}")
            row: Counter[str] = Counter()
            for name, plant, found, false, old, changed in run(kind, stories, rewritten, args.per_kind, rng):
                row["planted"] += 1
                row["found"] += found
                row["false"] += len(false)
                if args.verbose and (not found or false):
                    print(f"  {'MISS' if not found else 'ok  '} {kind}: {name} {old!r} -> {plant.new!r}")
                    for f in false:
                        print(f"       false {f.kind}: {f.a_text[:60]!r} -> {f.b_text[:60]!r}")
                    if not found:
                        at = changed.find(plant.new, max(0, plant.start - 5)) if plant.new else plant.start
                        print(f"       {changed[max(0, at - 150) : at + 150]!r}")
            totals.update(row)
            print(f"  {kind:14} found {row['found']}/{row['planted']}  false {row['false']}")
        recall = totals["found"] / max(1, totals["planted"])
        print(f"  {'all':14} found {totals['found']}/{totals['planted']} ({recall:.1%})  false {totals['false']}")
    for source in (None, args.against) if args.against else (None,):
        plain, facts, where = timing(source)
        print(
            f"\n~800-word pair, {where}: compare() without findings {plain:.1f} ms,"
            f" findings {facts:.1f} ms (best of 30)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
