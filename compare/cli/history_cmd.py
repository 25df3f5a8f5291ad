"""`storydiff history V1 V2 … Vn`: one story through successive versions, as a timeline.

Each version is compared with the next; the report says when each sentence
appeared, was reworded and left, how every changed fact moved over time
(``five (v1) → 10 (v3)``) and the net change from the first version to the
last. Text on a terminal by default; `-f`/`-o` give JSON, Markdown, CSV or an
HTML timeline; `--tui` steps through the versions in the terminal UI.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from ..errors import InputError, OptionError
from ._common import SOURCE_HELP, add_input_options, add_threshold_option, check_one_stdin, emit, read_input

__all__ = ["add_parser", "run"]

FORMATS = ("text", "json", "markdown", "csv", "html")


def add_parser(sub: Any) -> None:
    """Register the `history` subcommand."""
    parser = sub.add_parser(
        "history",
        help="follow one story through successive versions: when sentences and facts changed",
        description=(
            "Compare each version of a story with the next and tell, over the whole series, when each sentence "
            "appeared, was reworded and left, every changed fact with its values over time, and the net change."
        ),
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
    parser.add_argument("--all", action="store_true", help="text, Markdown: list sentences that never changed too")
    parser.add_argument(
        "--table",
        choices=("sentences", "facts", "steps"),
        default="sentences",
        help="CSV: which table to write (default sentences)",
    )
    parser.add_argument("--title", metavar="TEXT", help="HTML: the page title")
    parser.add_argument(
        "--tui", action="store_true", help="step through the versions in the terminal UI (left/right: one version)"
    )
    add_threshold_option(parser)
    add_input_options(parser)
    parser.set_defaults(run=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        fmt: str = args.format
    elif args.output in (None, "-"):
        fmt = "text"
    else:
        from ..render import format_of

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


def _history(specs: list[str], args: argparse.Namespace) -> Any:
    """Every version read (standard input at most once), labelled uniquely, then the history built."""
    from ..collection import unique_labels
    from ..timeline import history

    if len(specs) < 2:
        raise InputError("a history needs at least two versions of the story; give two or more files, oldest first")
    check_one_stdin(specs)
    docs = [read_input(spec, args) for spec in specs]
    labels = unique_labels(docs)
    docs = [
        replace(doc, name=name) if doc.label != name and not doc.title else doc
        for doc, name in zip(docs, labels, strict=True)
    ]
    return history(docs, order=getattr(args, "order", "given"), threshold=args.threshold)


def open_history_tui(specs: list[str], args: argparse.Namespace) -> int:
    """Read the versions, build the history, then hand the terminal to the history screen (`tui.history_app`)."""
    from ._common import is_stdin
    from .tui_cmd import _terminal_for_keys

    result = _history(specs, args)
    if any(is_stdin(spec) for spec in specs):
        _terminal_for_keys()
    from tui.history_app import HistoryApp

    app = HistoryApp(result)
    app.run()
    return app.return_code or 0


def run(args: argparse.Namespace) -> int:
    """Read every version, build the history, then render it or open the TUI."""
    from ..render.history import render_history
    from ..render.write import check_writable

    if len(args.inputs) < 2:
        raise InputError("a history needs at least two versions of the story; give two or more files, oldest first")
    if args.tui:
        return open_history_tui(list(args.inputs), args)
    fmt = _format(args)
    if args.output not in (None, "-"):
        check_writable(args.output)
    result = _history(list(args.inputs), args)
    emit(render_history(result, fmt, changes_only=not args.all, table=args.table, title=args.title), args.output)
    return 0
