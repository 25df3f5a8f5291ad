"""The pages written for the ingest tests (tests/ingest/pages/), found from any test module that imports this."""

from __future__ import annotations

from pathlib import Path

PAGES = Path(__file__).parent / "pages"


def page(name: str) -> str:
    """The text of pages/NAME (UTF-8, as the pages are saved)."""
    return (PAGES / name).read_text(encoding="utf-8")
