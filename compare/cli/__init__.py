"""The `storydiff` command: argument parsing, exit codes and output files, over the API.

Each subcommand lives in its own module with `add_parser(subparsers)` and
`run(args) -> int`; this module only dispatches. Heavy libraries (pandas,
textual, jinja2) are imported inside the commands that need them, so
`storydiff --help` and `--version` start fast.

Exit codes: 0 success; 1 a failure that is not the user's input (or
`--fail-on-drift` found drift); 2 bad input or usage, with one line on
standard error saying what is wrong and what to do.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any

from ..__about__ import __version__
from ..errors import StorydiffError
from . import compare_cmd, corpus_cmd, history_cmd, report_cmd, tui_cmd
from ._common import terminal_safe

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
COMMANDS = (compare_cmd, report_cmd, history_cmd, tui_cmd, corpus_cmd)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the fix, not a usage dump; and `-#N` (a record of
    standard input) is an input, not an unknown option."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # argparse takes an argument starting with '-' for an option unless it looks like a negative number;
        # `-#2` must count as one too, or `storydiff compare -#2 b.txt` says "the following arguments are
        # required: B". (No option of storydiff's starts with '-#' or a digit.)
        self._negative_number_matcher = re.compile(r"^-\d+$|^-\d*\.\d+$|^-#")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, terminal_safe(f"{self.prog}: {message} (see '{self.prog} --help')") + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand."""
    parser = _Parser(
        prog="storydiff",
        description="Compare outlets' versions of the same news story: aligned sentences, changed words, overlap.",
    )
    parser.add_argument("--version", action="version", version=f"storydiff {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns (and, as a console script, exits with) the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):  # `storydiff` alone: one line, like every other usage error
        names = ", ".join(module.__name__.rpartition(".")[2].removesuffix("_cmd") for module in COMMANDS)
        print(f"storydiff: no command given; choose one of {names} (see 'storydiff --help')", file=sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.run(args)
    except StorydiffError as exc:
        print(terminal_safe(f"storydiff: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("storydiff: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`storydiff compare a b | head`): not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    return code


def entry() -> None:  # pragma: no cover - the console script
    sys.exit(main())
