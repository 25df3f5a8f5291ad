"""Time to first paint of `storydiff tui` for two 10,000-sentence documents, against baselines from the same run.

    python benchmarks/bench_tui.py [--sentences N]

Figures (headless Textual at 120x40; the machine is noisy, so read the ratios):
1. the alignment alone: `compare()` on the two sentence lists (what the CLI does before the app starts);
2. an empty Textual app to its first paint (the framework's own start-up);
3. a plain `DataTable` filled with one row per group (A text, B text) to its first paint — the
   obvious way to show a comparison in Textual, without wrapping or highlights;
4. `StorydiffApp` to its first paint (wrapping every sentence, drawing the visible rows);
5. scrolling: 200 page-downs, then jumping to the end, per key.

The documents are built as in `bench_compare.py` (OneStopEnglish sentences; B reorders 10 %,
rewords 20 %, drops and adds 5 %) from ../shared/data/onestop; without it, from the test copies
in tests/data/onestop with numbered variations.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable, Static  # noqa: E402

from compare import Comparison, compare, segment  # noqa: E402
from tui import StorydiffApp  # noqa: E402
from tui.widgets import DiffView  # noqa: E402

SIZE = (120, 40)


def documents(n: int) -> tuple[list[str], list[str]]:
    """Two n-sentence documents with realistic differences."""
    import bench_compare

    if bench_compare.ONESTOP.is_dir():
        return bench_compare.large_documents(n)
    rng = random.Random(7)
    base = [
        s.text for p in sorted((ROOT / "tests" / "data" / "onestop").glob("*/*.txt")) for s in segment(p.read_text())
    ]
    a = [f"{base[k % len(base)]} (item {k})" for k in range(n)]
    b = [s if rng.random() > 0.2 else s.replace("the", "a", 1) for s in a if rng.random() > 0.05]
    return a, b


class _TableApp(App[None]):
    """Baseline: every group as one DataTable row."""

    def __init__(self, result: Comparison) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("kind", "A", "B")
        table.add_rows(
            (g.kind, self.result.group_text(g, "a"), self.result.group_text(g, "b")) for g in self.result.groups
        )


class _EmptyApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello")


async def first_paint(make: type[App[None]] | object) -> float:
    """Seconds from creating the app to its first frame having been drawn (headless)."""
    start = time.perf_counter()
    app = make()  # type: ignore[operator]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
    return elapsed


async def scrolling(result: Comparison) -> tuple[float, float]:
    """Seconds per page-down (average of 200) and for one jump to the end."""
    app = StorydiffApp(result)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DiffView)
        start = time.perf_counter()
        for _ in range(200):
            view.action_page_down()
            await pilot.pause()
        per_page = (time.perf_counter() - start) / 200
        start = time.perf_counter()
        await pilot.press("end")
        await pilot.pause()
        to_end = time.perf_counter() - start
        assert view.cursor_group == len(result.groups) - 1
    return per_page, to_end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000)
    args = parser.parse_args()
    a, b = documents(args.sentences)
    print(f"# storydiff tui: two documents of {len(a):,} and {len(b):,} sentences, {SIZE[0]}x{SIZE[1]}")

    start = time.perf_counter()
    result = compare(a, b)
    align = time.perf_counter() - start
    print(f"1. alignment alone (compare):           {align:7.2f} s   ({len(result.groups):,} groups)")

    empty = asyncio.run(first_paint(_EmptyApp))
    print(f"2. empty Textual app, first paint:      {empty:7.2f} s")
    table = asyncio.run(first_paint(lambda: _TableApp(result)))
    print(f"3. DataTable of all groups, first paint: {table:7.2f} s")
    ours = asyncio.run(first_paint(lambda: StorydiffApp(result)))
    print(f"4. StorydiffApp, first paint:           {ours:7.2f} s")
    per_page, to_end = asyncio.run(scrolling(result))
    print(f"5. scrolling: {per_page * 1000:.1f} ms per page-down, {to_end * 1000:.0f} ms to jump to the end")
    print()
    print(
        f"first paint over the empty app: {ours - empty:.2f} s (aim ≤ 1 s); DataTable baseline: {table - empty:.2f} s"
    )
    print(f"ratio StorydiffApp / DataTable first paint: {ours / table:.2f}")
    print(
        f"alignment + first paint (what the user waits for): {align + ours:.2f} s; "
        f"paint share {ours / (align + ours):.0%}"
    )


if __name__ == "__main__":
    main()
