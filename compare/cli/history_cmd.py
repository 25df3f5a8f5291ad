"""`storydiff history V1 V2 … Vn`: one story through successive versions, as a timeline.

Each version is compared with the next; the report says when each sentence
appeared, was reworded and left, how every changed fact moved over time
(``five (v1) → 10 (v3)``) and the net change from the first version to the
last. Text on a terminal by default; `-f`/`-o` give JSON, Markdown, CSV or an
HTML timeline; `--tui` steps through the versions in the terminal UI.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError, OptionError
from ..render import format_of
from ..render.history import HISTORY_TABLES, render_history
from ._common import (
    SOURCE_HELP,
    add_input_options,
    add_method_option,
    add_threshold_option,
    check_output,
    emit,
    read_history,
    use_colour,
)
from ._parsing import add_command, add_flags
from .tui_cmd import open_history

__all__ = ["add_parser", "run"]

FORMATS = ("text", "json", "markdown", "csv", "html")


def add_parser(sub: Any) -> None:
    """Register the `history` subcommand."""
    parser = add_command(
        sub,
        "history",
        "follow one story through successive versions: when sentences and facts changed",
        "Compare each version of a story with the next and tell, over the whole series, when each sentence "
        "appeared, was reworded and left, every changed fact with its values over time, and the net change.",
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="VERSION", help=f"two or more versions, oldest first; each {SOURCE_HELP}"
    )
    parser.add_argument(
        "--order",
        choices=("given", "date"),
        default="given",
        help="given (default): the order on the command line; date: by each version's date (all must have one)",
    )
    parser.add_argument(
        "-f", "--format", choices=FORMATS, help="output format (default: from -o's extension, else text)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    parser.add_argument(
        "--table",
        choices=HISTORY_TABLES,
        default="sentences",
        help="CSV: which table to write (default sentences)",
    )
    parser.add_argument("--title", metavar="TEXT", help="HTML: the page title")
    add_flags(
        parser,
        {
            "--all": "text, Markdown: list sentences that never changed too",
            "--tui": "step through the versions in the terminal UI (left/right: one version)",
        },
    )
    add_threshold_option(parser)
    add_method_option(parser)
    add_input_options(parser)
    parser.set_defaults(run=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        fmt: str = args.format
    elif args.output in (None, "-"):
        fmt = "text"
    else:
        found = format_of(args.output)
        if found is None:
            raise OptionError(
                f"cannot tell the format of {args.output!r} from its extension; "
                "name it .txt, .html, .md, .json or .csv, or give --format"
            )
        fmt = found
    if fmt == "html" and args.output in (None, "-"):
        raise OptionError(
            "an HTML timeline is a file to open in a browser; give a file name with -o (e.g. history.html)"
        )
    return fmt


def run(args: argparse.Namespace) -> int:
    """Read every version, build the history, then render it or open the TUI."""
    if len(args.inputs) < 2:
        raise InputError("a history needs at least two versions of the story; give two or more files, oldest first")
    if args.tui:
        return open_history(list(args.inputs), args)
    fmt = _format(args)
    check_output(args.output, args.inputs)
    result = read_history(list(args.inputs), args)
    colour = fmt == "text" and args.output in (None, "-") and use_colour()
    text = render_history(result, fmt, changes_only=not args.all, table=args.table, title=args.title, colour=colour)
    emit(text, args.output)
    return 0
