"""Pieces several subcommands share: input and threshold options, standard input, colour choice, writing output."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from ..errors import EXIT_USAGE, InputError, OutputError
from ..ingest import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, is_url, read_source
from ..options import AlignOptions
from ..render.write import check_writable, write_atomic

__all__ = [
    "SOURCE_HELP",
    "add_input_options",
    "add_method_option",
    "add_threshold_option",
    "check_one_stdin",
    "check_output",
    "emit",
    "fraction",
    "is_stdin",
    "max_bytes",
    "read_history",
    "read_input",
    "terminal_safe",
    "use_colour",
    "write_stdout",
]

# What an input argument may name, for the help of every command that reads articles.
SOURCE_HELP = "a file, web page, URL, JSON record (file.jsonl#N), or - for standard input"


# What a message must not carry to a terminal: C0 and C1 controls (ESC starts a command: clear the screen,
# set the window title, write the clipboard; U+009B is a one-byte CSI), DEL, the bidirectional controls
# that make a name read in another order than it is ("Trojan source"), and line separators.
_UNSAFE = (*range(0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F))
_UNSAFE += (*range(0x2066, 0x206A),)
_ESCAPES = {code: (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") for code in _UNSAFE}


def terminal_safe(message: str) -> str:
    """`message` with every control, bidirectional control and line break written as an escape (``\\x1b``).

    What the command line prints on standard error may quote what it was given: a server's status line,
    a file name found in a corpus folder, a record's id. Escaped, such text reads as what it is and cannot
    command the terminal or break the one-line message.

    >>> terminal_safe("404 Not \\x1b[2JFound\\n")
    '404 Not \\\\x1b[2JFound\\\\x0a'
    """
    return message.translate(_ESCAPES)


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


def add_method_option(parser: argparse.ArgumentParser) -> None:
    """`--method`: how sentences are matched, the same for every command that aligns."""
    parser.add_argument(
        "--method",
        choices=("lexical", "semantic"),
        default="lexical",
        help="lexical (default, fast): match sentences on shared words; semantic: also on meaning, with a "
        "sentence-embedding model (needs pip install 'storydiff[semantic]')",
    )


def is_stdin(spec: str | None) -> bool:
    """True when an input argument names standard input: `-`, or a record of it, `-#N`."""
    return spec is not None and (spec == "-" or spec.startswith("-#"))


def check_one_stdin(specs: Iterable[str | None]) -> None:
    """Refuse standard input named more than once: it can be read only once."""
    if sum(1 for spec in specs if is_stdin(spec)) > 1:
        raise InputError("standard input can be only one of the inputs (- or -#N); give the others as files")


def _input_stat(spec: str) -> os.stat_result | None:
    """The status of the local file an input argument names (``path#N`` too, and - when standard input is
    a file: `< a.txt`), or None (a URL, a pipe, no file)."""
    if is_stdin(spec):
        try:
            return os.fstat(sys.stdin.fileno()) if sys.stdin is not None else None
        except (OSError, ValueError, AttributeError):  # closed, or not a real file
            return None
    if is_url(spec):
        return None
    for path in (spec, spec.rpartition("#")[0]):
        try:
            return os.stat(path) if path else None
        except (OSError, ValueError):  # no such file; a NUL in the name
            continue
    return None


def check_output(output: str | None, inputs: Iterable[str | None]) -> None:
    """Before any work: refuse an output file that cannot be written, or that is one of the inputs.

    Writing the report over an input (`storydiff compare a.txt b.txt -o a.txt`, or through a link to it)
    would destroy the article the report is about; the user surely meant another name.
    """
    if output in (None, "-"):
        return
    assert output is not None  # for mypy: None returned above
    check_writable(output)
    try:
        target = os.stat(output)
    except (OSError, ValueError):
        return  # nothing there yet: it cannot be an input
    for spec in inputs:
        found = _input_stat(spec) if spec is not None else None
        if found is not None and os.path.samestat(found, target) and stat.S_ISREG(target.st_mode):
            raise OutputError(
                f"cannot write {output!r}: it is the input {spec!r}, which the report would replace; "
                "give another output file",
                exit_code=EXIT_USAGE,
            )


# --max-size's range: 1 KB, below which no article fits, to 1 GB, far past what a comparison finishes in
# reasonable time (README: Limits).
MIN_SIZE_MB, MAX_SIZE_MB = 0.001, 1024.0


def _size(value: str) -> int:
    """A size in MB from the command line."""
    try:
        megabytes = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if not megabytes > 0:  # also NaN
        raise argparse.ArgumentTypeError("must be more than 0")
    if not MIN_SIZE_MB <= megabytes <= MAX_SIZE_MB:  # also inf, which no int holds
        raise argparse.ArgumentTypeError(f"must be between {MIN_SIZE_MB:g} and {MAX_SIZE_MB:g} megabytes, not {value}")
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
        help=(
            "for URLs, named pipes and devices: seconds to wait for the server to connect or for more data "
            f"(default {DEFAULT_TIMEOUT:g}; a whole download gets six times that)"
        ),
    )


# --timeout's ceiling: an hour between two pieces of a download is patience enough, and past it the system's
# own limits break (poll() takes at most about 24 days; infinity is no deadline at all).
MAX_TIMEOUT = 3600.0


def _seconds(value: str) -> float:
    """A positive number of seconds from the command line."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not seconds > 0:  # also NaN
        raise argparse.ArgumentTypeError("must be more than 0")
    if seconds > MAX_TIMEOUT:  # also inf, which no clock or poll() takes
        raise argparse.ArgumentTypeError(f"must be at most {MAX_TIMEOUT:g} seconds (an hour), not {value}")
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
    """Write `text` to the file `output` atomically, or to standard output for None or '-'.

    The renderers have already made article text safe to show (`compare.render.display`).
    """
    if output in (None, "-"):
        write_stdout(text)
    else:
        write_atomic(output, text)


def write_stdout(text: str) -> None:
    """Write `text` to standard output and flush it; a closed or full standard output is an `OutputError`.

    A broken pipe (the reader left: `storydiff compare a b | head`) is left to the caller, which
    treats it as the reader's choice. Characters the output's encoding cannot hold become '?'.
    """
    stream = sys.stdout
    if stream is None:  # started with standard output closed (`>&-`)
        raise OutputError("standard output is closed; give -o FILE to write the result to a file")
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text.encode(encoding, errors="replace").decode(encoding))
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # ENOSPC from /dev/full, EBADF, "I/O operation on closed file"
        _discard_stdout()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise OutputError(
            f"cannot write to standard output: {reason[:1].lower()}{reason[1:]}; give -o FILE to write a file"
        ) from exc


def _discard_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush of what is left in its
    buffer does not fail a second time (and print a traceback) on the way out."""
    try:
        fd = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


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
    return history(docs, order=getattr(args, "order", "given"), threshold=args.threshold, method=args.method)
