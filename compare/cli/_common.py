"""Pieces several subcommands share: input options, colour choice, writing output."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..ingest import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from ..output import write_atomic

__all__ = ["add_input_options", "emit", "max_bytes", "read_input", "use_colour"]


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
    from ..ingest import read_source

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
