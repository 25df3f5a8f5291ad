"""`storydiff compare A B`: two versions, one report on standard output or in a file."""

from __future__ import annotations

import argparse
from typing import Any

from ..render import render
from ._common import (
    SOURCE_HELP,
    add_input_options,
    add_method_option,
    add_threshold_option,
    check_one_stdin,
    check_output,
    emit,
    read_input,
    use_colour,
)
from ._parsing import add_command, add_flags

__all__ = ["add_parser", "run"]

FORMATS = ("text", "json", "markdown", "csv")


def add_parser(sub: Any) -> None:
    """Register the `compare` subcommand."""
    parser = add_command(
        sub,
        "compare",
        "compare two versions of a story",
        "Align two versions of a story sentence by sentence and report what changed.",
    )
    parser.add_argument("a", metavar="A", help=f"first version: {SOURCE_HELP}")
    parser.add_argument("b", metavar="B", help=f"second version: {SOURCE_HELP}")
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format (default text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    add_threshold_option(parser)
    add_method_option(parser)
    add_flags(
        parser,
        {
            "--all": "list unchanged sentences too, not only changes",
            "--facts-only": "print only the changed facts (quotes, figures, names, dates, hedges), "
            "in the chosen format",
            "--fail-on-drift": "exit with status 1 when any changed fact is found (for scripts)",
        },
    )
    add_input_options(parser)
    parser.set_defaults(run=run)


def load_pair(args: argparse.Namespace) -> tuple[Any, Any]:
    """The two documents named on the command line (standard input at most once)."""
    check_one_stdin((args.a, args.b))
    return read_input(args.a, args), read_input(args.b, args)


def run(args: argparse.Namespace) -> int:
    """Compare, render, write."""
    from .. import compare

    check_output(args.output, (args.a, args.b))
    doc_a, doc_b = load_pair(args)
    result = compare(doc_a, doc_b, threshold=args.threshold, method=args.method)
    colour = args.format == "text" and args.output in (None, "-") and use_colour()
    text = render(result, args.format, colour=colour, changes_only=not args.all, facts_only=args.facts_only)
    emit(text, args.output)
    return 1 if args.fail_on_drift and result.findings else 0
