"""`storydiff report A B [C ...] -o FILE`: an overlap report of two or more versions of a story.

Two versions give the report of one comparison; three or more give the
collection report (overlap matrix, likely source, sentence provenance). The
format comes from the output's extension (`.html`, `.md`, `.json`, `.csv`) or
`--format`; `-o -` writes to standard output (not HTML, which is a file to
open in a browser). The output file is written atomically, and checked before
any work is done, so a bad path fails at once.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import Any

from ..errors import InputError, OptionError
from ..render import format_of, render
from ._common import (
    SOURCE_HELP,
    add_input_options,
    add_method_option,
    add_threshold_option,
    check_one_stdin,
    check_output,
    emit,
    read_input,
)
from ._parsing import add_command, add_flags

__all__ = ["FORMATS", "add_parser", "format_for", "run"]

FORMATS = ("html", "markdown", "json", "csv")
# From this many pairs on, a terminal gets a progress bar while they are compared.
PROGRESS_MIN_PAIRS = 10


def add_parser(sub: Any) -> None:
    """Register the `report` subcommand."""
    parser = add_command(
        sub,
        "report",
        "write an overlap report of two or more versions (HTML, Markdown, JSON, CSV)",
        "Compare two versions of a story (a side-by-side report) or three and more (overlap matrix, "
        "likely source, sentence provenance) and write the report to a file.",
    )
    parser.add_argument("inputs", nargs="+", metavar="FILE", help=f"two or more versions, each {SOURCE_HELP}")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="where to write the report (atomically); - for standard output (not for HTML)",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="report format (default: from the output's extension: .html, .md, .json, .csv)",
    )
    add_threshold_option(parser)
    add_method_option(parser)
    add_flags(
        parser,
        {"--changes-only": "Markdown, two versions: list the changed groups only, without the full side-by-side table"},
    )
    parser.add_argument(
        "--table",
        choices=("provenance", "matrix", "pairs"),
        default="provenance",
        help="CSV, three or more versions: which table to write (default provenance)",
    )
    parser.add_argument("--title", metavar="TEXT", help="HTML: the page title")
    add_input_options(parser)
    parser.set_defaults(run=run)


def format_for(output: str, chosen: str | None) -> str:
    """The report format: `--format` if given, else from the output file's extension."""
    if chosen:
        fmt = chosen
    elif output == "-":
        raise OptionError("writing to standard output: say which format with --format (markdown, json or csv)")
    else:
        found = format_of(output)
        if found not in FORMATS:
            raise OptionError(
                f"cannot tell the format of {output!r} from its extension; "
                "name it .html, .md, .json or .csv, or give --format"
            )
        fmt = found
    if fmt == "html" and output == "-":
        raise OptionError("an HTML report is a file to open in a browser; give a file name with -o (e.g. report.html)")
    return fmt


def _read(args: argparse.Namespace) -> list[Any]:
    from ..collection import unique_labels

    if len(args.inputs) < 2:
        raise InputError("a report needs at least two versions of the story; give two or more files")
    check_one_stdin(args.inputs)
    docs = [read_input(spec, args) for spec in args.inputs]
    # Versions with the same file name in different folders are told apart by their folder
    # (a document's title, when it has one, is its label and is left alone).
    labels = unique_labels(docs)
    return [
        replace(doc, name=name) if doc.label != name and not doc.title else doc
        for doc, name in zip(docs, labels, strict=True)
    ]


def _progress_bar(pairs: int) -> Any:
    """A rich progress bar on standard error, or None when it would not help (not a terminal, few pairs)."""
    if pairs < PROGRESS_MIN_PAIRS or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("comparing pairs"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def run(args: argparse.Namespace) -> int:
    """Read, compare (one pair or all pairs), render, write atomically."""
    from .. import compare, compare_many

    if len(args.inputs) < 2:
        raise InputError("a report needs at least two versions of the story; give two or more files")
    check_output(args.output, args.inputs)
    fmt = format_for(args.output, args.format)
    docs = _read(args)
    result: Any
    if len(docs) == 2:
        result = compare(docs[0], docs[1], threshold=args.threshold, method=args.method)
    else:
        pairs = len(docs) * (len(docs) - 1) // 2
        bar = _progress_bar(pairs)
        if bar is None:
            result = compare_many(docs, threshold=args.threshold, method=args.method)
        else:
            with bar:
                task = bar.add_task("pairs", total=pairs)
                result = compare_many(
                    docs,
                    threshold=args.threshold,
                    method=args.method,
                    progress=lambda done, _total: bar.update(task, completed=done),
                )
    text = render(result, fmt, changes_only=args.changes_only, table=args.table, title=args.title)
    emit(text, args.output)
    return 0
