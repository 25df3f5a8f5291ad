"""`storydiff tui [A B]`: the interactive terminal UI (Textual).

The inputs are read and compared *before* the app starts, so a bad input is one
line on standard error and exit code 2, never a half-drawn screen. `tui` (and
Textual) is imported only here, inside `run`.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..errors import InputError
from ._common import (
    SOURCE_HELP,
    add_input_options,
    add_method_option,
    add_threshold_option,
    is_stdin,
    max_bytes,
    read_history,
    read_input,
)
from ._parsing import add_command
from .compare_cmd import load_pair

__all__ = ["add_parser", "open_history", "run"]


def add_parser(sub: Any) -> None:
    """Register the `tui` subcommand."""
    parser = add_command(
        sub,
        "tui",
        "compare two versions side by side in an interactive terminal UI",
        "Show two versions of a story side by side, sentence by sentence, with word changes. "
        "Without files, a picker opens to choose them. Press ? in the app for the keys.",
    )
    parser.add_argument("a", metavar="A", nargs="?", help=f"first version: {SOURCE_HELP}")
    parser.add_argument("b", metavar="B", nargs="?", help=f"second version: {SOURCE_HELP}")
    parser.add_argument(
        "more",
        metavar="C",
        nargs="*",
        help="more versions: with three or more, step through them as a history (as storydiff history --tui)",
    )
    add_threshold_option(parser, "; + and - change it in the app")
    add_method_option(parser)
    add_input_options(parser)
    parser.set_defaults(run=run)


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed stream
        return False


def _check_screen() -> None:
    """Refuse to start without a terminal to draw on: the app would write escape sequences into a pipe
    or a file and wait for keys that never come."""
    if not _isatty(sys.stdout):
        raise InputError(
            "tui needs a terminal and standard output is not one; "
            "use storydiff compare (or report) to write the comparison to a pipe or a file"
        )


def _check_semantic() -> None:
    """Load the semantic extra's model now: a missing extra is one line before the app starts."""
    from ..semantic import semantic_scorer

    semantic_scorer([], [])


def _terminal_for_keys(article_on_stdin: bool) -> None:
    """When standard input is not the terminal (it held an article, or was redirected), read keys from
    the terminal itself; refuse when there is none."""
    if _isatty(sys.stdin):
        return
    try:
        fd = os.open("/dev/tty", os.O_RDWR)
    except OSError as exc:
        if article_on_stdin:
            raise InputError(
                "standard input held an article and there is no terminal to read keys from; give both files as paths"
            ) from exc
        raise InputError(
            "tui reads keys from a terminal and standard input is not one; "
            "run it in a terminal, or use storydiff compare"
        ) from exc
    os.dup2(fd, 0)
    os.close(fd)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - stays open for the app's life


def run(args: argparse.Namespace) -> int:
    """Read (and compare) the inputs, then hand the terminal to the app."""
    from .. import compare

    if args.more:  # three or more versions: the history screen, oldest first as given
        return open_history([args.a, args.b, *args.more], args)
    result = sources = first = None
    if args.a is not None and args.b is not None:
        sources = load_pair(args)
        _check_screen()  # before the comparison, which may take a while
        result = compare(*sources, threshold=args.threshold, method=args.method)
    elif args.a is not None:
        first = read_input(args.a, args)
    if result is None and args.method == "semantic":
        _check_semantic()  # the picker would otherwise fail only once both files are chosen
    _check_screen()
    _terminal_for_keys(is_stdin(args.a) or is_stdin(args.b))

    from tui import StorydiffApp

    app = StorydiffApp(
        result, sources=sources, first=first, threshold=args.threshold, method=args.method, max_bytes=max_bytes(args)
    )
    app.run()
    return app.return_code or 0


def open_history(specs: list[str], args: argparse.Namespace) -> int:
    """Read the versions and build their history (`storydiff history --tui`, `storydiff tui V1 V2 V3 …`), then
    hand the terminal to the history screen, which steps through them."""
    result = read_history(specs, args)
    _check_screen()
    _terminal_for_keys(any(is_stdin(spec) for spec in specs))

    from tui.history_app import HistoryApp

    app = HistoryApp(result)
    app.run()
    return app.return_code or 0
