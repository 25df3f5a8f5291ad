"""Judged precision of changed-facts findings on real pairs, by kind, with verdicts kept in a file.

Pairs: every adv/ele pair of the OneStopEnglish corpus (a teacher's rewrite of a Guardian story) and
the wire-reprint and independent pairs of ../shared/data/realnews-dev.jsonl (real outlets' copy,
compared as the dataset's sentence lists, so sentence indices are the dataset's).

The split was fixed before any tuning (issue #17) and does not move:
- held-out: the 36 OneStop stories whose names sort last (the last fifth of 181) and the 8 realnews
  wire pairs. Precision is claimed on these only.
- tuning: the other 145 OneStop stories and the 8 realnews independent pairs.

The sample is every realnews finding of the split (up to half the sample: reprints change little),
then the OneStop findings with the smallest SHA-1 of their key, so it stays put when findings
elsewhere come and go. A finding's key is pair id, sentence indices of its group on
each side, kind and a digest of its two fact texts; benchmarks/facts_judgements.jsonl stores keys and
verdicts (right/wrong, with a short reason) and no article text — realnews texts have no licence.
A re-run lists the verdicts whose finding is gone and the sampled findings not judged yet.

`--round N` samples the N-th `--sample` OneStop findings by rank. Each round was judged once, on
findings never seen before; rounds 1 and 2 prompted fixes (so their figures after those fixes are
optimistic), round 3 was judged last with no change to the rules after it.

    python benchmarks/facts_precision.py                        # held-out sample of 50: precision by kind
    python benchmarks/facts_precision.py --show                 # print the unjudged sampled findings
    python benchmarks/facts_precision.py --judge KEY right "why" # record a verdict
    python benchmarks/facts_precision.py --split tuning --show  # look at tuning findings
    python benchmarks/facts_precision.py --pairs adv-int --seed 17 --sample 40 --show
        # held out of all tuning: OneStop advanced vs intermediate (181 pairs, never looked at while
        # tuning); verdicts are stored with split "heldout-adv-int"; --seed salts the SHA-1 rank
    python benchmarks/facts_precision.py --pairs adv-int --seed 17 --sample 30 --skip-kind quote_dropped
        # the other kinds alone (quote_dropped is 93% of adv-int findings: int/ lost every quote mark)

Also prints the time findings add per pair and for one ~800-word pair, against compare() alone
measured in the same run (the baseline).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare import Comparison, Finding, compare  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
JUDGEMENTS = ROOT / "benchmarks" / "facts_judgements.jsonl"
HELD_OUT_ONESTOP = 36
ADV_INT = "heldout-adv-int"


@dataclass
class Pair:
    """One compared pair: its id, its split, and its two versions (texts or sentence lists)."""

    id: str
    split: str
    a: str | list[str]
    b: str | list[str]


def pairs(data: Path) -> Iterator[Pair]:
    """Every pair of both corpora, with its split."""
    root = data / "onestop"
    names = sorted(p.name for p in (root / "adv").glob("*.txt") if (root / "ele" / p.name).exists())
    held = set(names[-HELD_OUT_ONESTOP:])
    for name in names:
        a = (root / "adv" / name).read_text(encoding="utf-8-sig")
        b = (root / "ele" / name).read_text(encoding="utf-8-sig")
        yield Pair(f"onestop/{name}", "held-out" if name in held else "tuning", a, b)
    with (data / "realnews-dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            split = "held-out" if record["id"].startswith("wire/") else "tuning"
            yield Pair(record["id"], split, record["a"], record["b"])


def adv_int_pairs(data: Path) -> Iterator[Pair]:
    """Every OneStop advanced vs intermediate pair: no story's adv/int pair was used while tuning."""
    root = data / "onestop"
    for name in sorted(p.name for p in (root / "adv").glob("*.txt") if (root / "int" / p.name).exists()):
        a = (root / "adv" / name).read_text(encoding="utf-8-sig")
        b = (root / "int" / name).read_text(encoding="utf-8-sig")
        yield Pair(f"onestop-adv-int/{name}", ADV_INT, a, b)


def key(pair: Pair, result: Comparison, f: Finding) -> str:
    """A finding's stable name: no article text, only ids, indices, kind and a digest of the facts."""
    group = result.groups[f.group]
    digest = hashlib.sha1(f"{f.a_text}\x00{f.b_text}".encode()).hexdigest()[:10]
    a = ",".join(map(str, group.a))
    b = ",".join(map(str, group.b))
    return f"{pair.id}|A{a}|B{b}|{f.kind}|{digest}"


def rank(k: str, seed: int | None = None) -> str:
    """The sampling order: SHA-1 of the key, salted by the seed if one is given."""
    return hashlib.sha1((k if seed is None else f"{seed}|{k}").encode()).hexdigest()


def load() -> dict[str, dict[str, str]]:
    if not JUDGEMENTS.exists():
        return {}
    out = {}
    for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out[record["key"]] = record
    return out


def save(judged: dict[str, dict[str, str]]) -> None:
    tmp = JUDGEMENTS.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(judged[k], ensure_ascii=False) + "\n" for k in sorted(judged)), "utf-8")
    tmp.replace(JUDGEMENTS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder (default ../shared/data)")
    parser.add_argument("--split", choices=("held-out", "tuning"), default="held-out")
    parser.add_argument(
        "--pairs", choices=("adv-ele", "adv-int"), default="adv-ele", help="adv-int: OneStop adv vs int only"
    )
    parser.add_argument("--seed", type=int, default=None, help="salt the sampling rank (default: unsalted)")
    parser.add_argument(
        "--skip-kind", action="append", default=[], metavar="KIND", help="leave this kind out of the sample"
    )
    parser.add_argument("--sample", type=int, default=50, help="findings sampled from the split (default 50)")
    parser.add_argument(
        "--round", type=int, default=1, help="round N samples the N-th --sample OneStop findings by rank"
    )
    parser.add_argument("--show", action="store_true", help="print the sampled findings not judged yet")
    parser.add_argument("--all", action="store_true", help="with --show: every finding of the split")
    parser.add_argument("--judge", nargs=3, metavar=("KEY", "VERDICT", "REASON"), action="append", default=[])
    args = parser.parse_args()
    if not (args.data / "onestop").is_dir() or not (args.data / "realnews-dev.jsonl").is_file():
        print(f"no onestop/ and realnews-dev.jsonl in {args.data}: pass --data", file=sys.stderr)
        return 2
    judged = load()
    found: dict[str, tuple[Pair, Comparison, Finding]] = {}
    counts: Counter[str] = Counter()
    extra: list[float] = []
    split = ADV_INT if args.pairs == "adv-int" else args.split
    for pair in adv_int_pairs(args.data) if args.pairs == "adv-int" else pairs(args.data):
        if pair.split != split:
            continue
        started = time.perf_counter()
        result = compare(pair.a, pair.b, facts=False)
        plain = time.perf_counter() - started
        started = time.perf_counter()
        result = compare(pair.a, pair.b)
        findings = result.findings
        extra.append(time.perf_counter() - started - plain)
        for f in findings:
            counts[f.kind] += 1
            found[key(pair, result, f)] = (pair, result, f)
    for k, verdict, reason in args.judge:
        if k not in found or verdict not in ("right", "wrong"):
            print(f"cannot judge {k!r} as {verdict!r}: not a current finding, or not right/wrong", file=sys.stderr)
            return 2
        kind = k.split("|")[3]
        judged[k] = {"key": k, "split": split, "kind": kind, "verdict": verdict, "reason": reason}
    if args.judge:
        save(judged)
    # Realnews findings are few (reprints change little): all of them, up to half the sample, then OneStop.
    sampled = [k for k in found if found[k][2].kind not in args.skip_kind]
    realnews = sorted((k for k in sampled if not k.startswith("onestop")), key=lambda k: rank(k, args.seed))[
        : args.sample // 2
    ]
    onestop = sorted((k for k in sampled if k.startswith("onestop")), key=lambda k: rank(k, args.seed))
    if args.round > 1:  # the next findings by rank, none of them seen while earlier rounds prompted fixes
        realnews, onestop = [], onestop[(args.round - 1) * args.sample :]
    sample = realnews + onestop[: args.sample - len(realnews)]
    print(f"{split}: {len(extra)} pairs, {sum(counts.values())} findings: {dict(sorted(counts.items()))}")
    print(f"findings add {statistics.mean(extra) * 1000:.1f} ms per pair on average (compare() alone is the baseline)")
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    unjudged = []
    for k in sample:
        if k in judged:
            seen[found[k][2].kind] += 1
            right[found[k][2].kind] += judged[k]["verdict"] == "right"
        else:
            unjudged.append(k)
    total_right, total = sum(right.values()), sum(seen.values())
    print(f"judged {total} of the {len(sample)} sampled; precision {total_right}/{total}", end="")
    print(f" = {total_right / total:.1%}" if total else "")
    for kind in sorted(seen):
        print(f"  {kind:20} {right[kind]}/{seen[kind]}")
    gone = [k for k, v in judged.items() if v.get("split") == split and k not in found]
    for k in gone:
        print(f"gone (was {judged[k]['verdict']}): {k}")
    for k in unjudged:
        print(f"unjudged: {k}")
    if args.show:
        for k in sorted(found) if args.all else unjudged:
            _, result, f = found[k]
            group = result.groups[f.group]
            print(f"\n## {k}\n   {f.kind}: {f.explanation!r}  [{group.kind}, score {group.score:.2f}]")
            print(f"   A: {f.a_text[:200]!r}\n   B: {f.b_text[:200]!r}")
            if f.diff_text:
                print(f"   diff: {f.diff_text[:300]!r}")
            print(f"   A sentences: {result.group_text(group, 'a')[:500]!r}")
            print(f"   B sentences: {result.group_text(group, 'b')[:500]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
