"""Pieces several subcommands share: input and threshold options, standard input, colour choice, writing output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from ..errors import InputError
from ..ingest import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, read_source
from ..options import AlignOptions
from ..render.write import write_atomic

__all__ = [
    "SOURCE_HELP",
    "add_input_options",
    "add_threshold_option",
    "check_one_stdin",
    "emit",
    "fraction",
    "is_stdin",
    "max_bytes",
    "read_history",
    "read_input",
    "use_colour",
]

# What an input argument may name, for the help of every command that reads articles.
SOURCE_HELP = "a file, web page, URL, JSON record (file.jsonl#N), or - for standard input"


def fraction(value: str, *, low_open: bool = False) -> float:
    """A number from 0 to 1 from the command line (more than 0 with `low_open`), for argparse's `type=`."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if low_open and not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 1, not {number}")
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {number}")
    return number


def add_threshold_option(parser: argparse.ArgumentParser, extra_help: str = "") -> None:
    """`-t/--threshold`: the alignment's minimum similarity, the same for every command that aligns."""
    parser.add_argument(
        "-t",
        "--threshold",
        type=fraction,
        default=AlignOptions.threshold,
        metavar="X",
        help=f"minimum similarity for two sentences to match, 0-1 (default {AlignOptions.threshold}){extra_help}",
    )


def is_stdin(spec: str | None) -> bool:
    """True when an input argument names standard input: `-`, or a record of it, `-#N`."""
    return spec is not None and (spec == "-" or spec.startswith("-#"))


def check_one_stdin(specs: Iterable[str | None]) -> None:
    """Refuse standard input named more than once: it can be read only once."""
    if sum(1 for spec in specs if is_stdin(spec)) > 1:
        raise InputError("standard input can be only one of the inputs (- or -#N); give the others as files")


def _size(value: str) -> int:
    """A size in MB from the command line."""
    try:
        megabytes = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if megabytes <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return int(megabytes * 1024 * 1024)


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options about reading inputs, the same for every command."""
    parser.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="MB",
        help=f"refuse inputs larger than this many megabytes (default {DEFAULT_MAX_BYTES // 2**20})",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"for URLs: seconds to wait for the server to connect or send more (default {DEFAULT_TIMEOUT:g})",
    )


def _seconds(value: str) -> float:
    """A positive number of seconds from the command line."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not seconds > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return seconds


def read_input(spec: str, args: argparse.Namespace) -> Any:
    """The document `spec` names (a path, URL, JSON record or -), read with the input options given."""
    return read_source(spec, max_bytes=max_bytes(args), timeout=float(getattr(args, "timeout", DEFAULT_TIMEOUT)))


def max_bytes(args: argparse.Namespace) -> int:
    """The input size limit the user chose."""
    return int(getattr(args, "max_size", DEFAULT_MAX_BYTES))


def use_colour(stream: object = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def emit(text: str, output: str | None) -> None:
    """Write `text` to the file `output` atomically, or to standard output for None or '-'."""
    if output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


def read_history(specs: Sequence[str], args: argparse.Namespace) -> Any:
    """The `compare.History` of the versions `specs` names (read with the input options, standard input at most
    once, labelled uniquely), in the order `--order` says (given, unless the command has the option)."""
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
