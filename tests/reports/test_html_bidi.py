"""HTML reports never hand a browser a bidirectional override from an article: it would reorder the words
(and the marks of what changed) on screen, the "Trojan Source" trick."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from compare import compare
from compare.ingest import load_path
from compare.render.html import render_html

OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_overrides_in_articles_are_shown_as_replacement_characters(tmp_path: Path) -> None:
    a = tmp_path / "a\u202e-wire.txt"
    b = tmp_path / "b.txt"
    a.write_text("The council cut the budget by \u202e10%\u202c this year. The mayor stayed.\n", encoding="utf-8")
    b.write_text("The council cut the budget by \u206720%\u2069 this year. The mayor left.\n", encoding="utf-8")
    hebrew = "\u05e9\u05dc\u05d5\u05dd\u200f."  # an RLM, ordinary in Hebrew text, is kept
    b.write_text(b.read_text(encoding="utf-8") + hebrew + "\n", encoding="utf-8")
    page = render_html(compare(load_path(a), load_path(b)))
    assert not any(ch in page for ch in OVERRIDES)
    text = lxml.html.fromstring(page).text_content()
    assert "\ufffd10%\ufffd" in text and "\ufffd20%\ufffd" in text
    assert "a\ufffd-wire.txt" in text  # the file name in the header too
    assert hebrew in text
