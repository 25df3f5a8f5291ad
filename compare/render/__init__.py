"""Renderers: a `Comparison` (or a collection) turned into text, JSON, CSV, Markdown or HTML.

Each renderer only reads the result; none aligns or scores anything. `render(result, fmt)` picks the
renderer of a format (imported when first asked for, so start-up stays light). A new output format is a
module here with a `render_<format>(result, *, options...)` function, named in `FORMATS`, `EXTENSIONS`
and `_renderer` (see ARCHITECTURE.md).

Also public, for other front ends (the TUI uses them): the shared vocabulary of kinds and marks
(`KIND_SYMBOL`, `MOVED_SYMBOL`, `LINK_SYMBOL`, `label`, `symbol`, from `symbols`), a group's repeats
and partial links in words (`other_links`, `link_notes`, `repeat_note`), a group's text cut into changed and
unchanged pieces (`Piece`, `pieces`, from `highlight`), text made safe for a terminal (`display_text`)
and atomic file writing (`write_atomic`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache
from pathlib import PurePath
from typing import Any

from ..errors import OptionError
from .display import display_text
from .highlight import Piece, pieces
from .history import HISTORY_FORMATS, fact_line, render_history
from .summary import method_of
from .symbols import (
    KIND_SYMBOL,
    LINK_SYMBOL,
    MOVED_SYMBOL,
    group_ref,
    kind_label,
    label,
    link_notes,
    other_links,
    repeat_note,
    symbol,
)
from .write import write_atomic

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "HISTORY_FORMATS",
    "KIND_SYMBOL",
    "LINK_SYMBOL",
    "MOVED_SYMBOL",
    "Piece",
    "display_text",
    "extension",
    "fact_line",
    "format_of",
    "group_ref",
    "kind_label",
    "label",
    "link_notes",
    "method_of",
    "other_links",
    "pieces",
    "render",
    "render_history",
    "renderer_options",
    "repeat_note",
    "symbol",
    "write_atomic",
]

FORMATS = ("text", "json", "markdown", "csv", "html")
# The file name extensions of each format; the first is the one a new file gets.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "text": (".txt",),
    "json": (".json",),
    "markdown": (".md", ".markdown"),
    "csv": (".csv",),
    "html": (".html", ".htm"),
}


def extension(fmt: str) -> str:
    """The extension a new file in format `fmt` gets: `markdown` → `.md`."""
    return EXTENSIONS[fmt][0]


def format_of(path: str | PurePath) -> str | None:
    """The format a file name's extension says (`report.HTM` → `html`), or None when it says none."""
    suffix = PurePath(path).suffix.lower()
    return next((fmt for fmt, suffixes in EXTENSIONS.items() if suffix in suffixes), None)


def render(result: Any, fmt: str, **options: Any) -> str:
    """`result` in format `fmt` (one of FORMATS) as a string.

    Each renderer gets only the options it declares (`colour` means nothing to CSV,
    `table` nothing to text), so one set of options can be passed whatever the format.
    An option that no renderer declares is a mistake (a misspelt `change_only=`) and
    raises `OptionError` instead of being ignored.
    """
    renderer = _renderer(fmt)
    accepted = renderer_options(fmt)
    for name in options.keys() - accepted:
        if not any(name in renderer_options(other) for other in FORMATS if other != fmt):
            known = sorted(set().union(*(renderer_options(f) for f in FORMATS)))
            raise OptionError(f"unknown render option {name!r}; the renderers know {', '.join(known)}")
    return renderer(result, **{name: value for name, value in options.items() if name in accepted})


@cache
def renderer_options(fmt: str) -> frozenset[str]:
    """The keyword options the renderer of `fmt` declares."""
    parameters = inspect.signature(_renderer(fmt)).parameters.values()
    return frozenset(p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY)


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
