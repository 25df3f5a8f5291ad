"""Renderers: a `Comparison` (or a collection) turned into text, JSON, CSV, Markdown or HTML.

Each renderer only reads the result; none aligns or scores anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import OptionError

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "json", "markdown", "csv", "html")


def render(result: Any, fmt: str, **options: Any) -> str:
    """`result` in format `fmt` (one of FORMATS) as a string."""
    renderer = _renderer(fmt)
    return renderer(result, **options)


def _renderer(fmt: str) -> Callable[..., str]:
    if fmt == "text":
        from .text import render_text

        return render_text
    if fmt == "json":
        from .json import render_json

        return render_json
    if fmt == "csv":
        from .csv import render_csv

        return render_csv
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown
    if fmt == "html":
        from .html import render_html

        return render_html
    raise OptionError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
