"""The TUI shows repeats and links: `*` and `↔` in the gutter, what they repeat in the detail panel.

The articles are written for this test: a caption that repeats the lede.
"""

from __future__ import annotations

from compare import compare
from tui import StorydiffApp
from tui.widgets import DetailPanel, DiffView

LEDE = "The Harbour Bridge reopened to traffic on Tuesday after engineers finished repairing storm damage to its span."
CAPTION = "The Harbour Bridge reopened to traffic on Tuesday after engineers repaired storm damage to its span."
CLOSED = "The bridge had been closed for nine days after high winds damaged the railing."
A = f"Bridge works end\n\n{LEDE}\n{CLOSED}\n"
B = f"Bridge open again\n\n{CAPTION}\n\n{LEDE}\n{CLOSED}\n"


async def test_a_repeated_caption_is_marked_in_the_gutter_and_explained_in_the_details() -> None:
    result = compare(A, B)
    repeated = next(n for n, g in enumerate(result.groups) if g.kind == "repeated")
    app = StorydiffApp(result)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.screen.query_one(DiffView)
        rows = "\n".join(view.render_line(y).text for y in range(20))
        # The caption's first row: on A's side only what it repeats, the caption starting on B's.
        caption_row = next(
            line
            for line in rows.splitlines()
            if line.split("│")[0][6:].strip() == "(repeat of A2)" and "Harbour" in line
        )
        assert caption_row[1] == "*" and caption_row[4] == "↔"
        lede_row = next(line for line in rows.splitlines() if line.split("│")[0][6:].startswith("The Harbour"))
        assert lede_row[1] == "=" and lede_row[4] == "↔"  # the lede is also linked, to the caption
        while view.cursor_group != repeated:
            await pilot.press("j")
        await pilot.press("d")
        text = str(app.screen.query_one(DetailPanel).query_one("#detail-text").render())
        assert "Repeat of A2: said again, not new." in text
        assert "A2 and B2 say the same" in text
