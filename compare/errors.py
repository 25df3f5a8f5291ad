"""Errors raised by storydiff: one class per family of failure, each with the exit code the CLI gives it.

Hierarchy::

    StorydiffError            base: anything storydiff refuses to do, with a message for the user
    ├── InputError            a source cannot be read or used (missing, empty, binary, undecodable, too big)
    ├── OutputError           an output cannot be written (a disk or standard output that is full or
    │                         closed; a path that is a directory, in no folder, not allowed, too long)
    └── OptionError           an option or format is not one storydiff knows (also a ValueError)
        └── DependencyError   what an option needs is not there: an optional extra not installed,
                              a Dask scheduler not reachable

The API raises these; only the command line catches them, prints the message alone
on standard error and exits with the error's `exit_code`: 2 when the command is what
must change (another input, output path or option, or installing the extra the message
names), 1 when the machine is (a full disk, a closed standard output, a scheduler that
does not answer). Each class has the code of its usual case; a raise can give the other
(`OutputError(..., exit_code=2)` for a path that cannot be a file). Any other exception
is a bug and keeps its traceback.

`DependencyError` is a kind of `OptionError` because that is what these failures
raised before it existed: code that catches `OptionError` still catches them.
"""

from __future__ import annotations

__all__ = [
    "EXIT_ENVIRONMENT",
    "EXIT_USAGE",
    "DependencyError",
    "InputError",
    "OptionError",
    "OutputError",
    "StorydiffError",
]


EXIT_USAGE, EXIT_ENVIRONMENT = 2, 1


class StorydiffError(Exception):
    """Base class: the message says what is wrong and what to do about it; `exit_code` is the CLI's."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(StorydiffError):
    """An input (file, URL, standard input, record) cannot be read or compared.

    `reason`, when set, says why in one word for callers that sort refusals
    (the corpus counts skipped inputs by it): 'empty', 'binary', 'undecodable'
    or 'too-large'; None for anything else.
    """

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, reason: str | None = None, exit_code: int | None = None) -> None:
        super().__init__(message, exit_code=exit_code)
        self.reason = reason


class OutputError(StorydiffError):
    """An output (report file, corpus directory, standard output) cannot be written; nothing half-written is left.

    Exit 1 by default: the machine would not take it (disk full, standard output closed). A path that
    cannot be the output (a directory, a missing folder, no permission, a name too long) is raised with
    `exit_code=2`: the command must name another.
    """

    exit_code = EXIT_ENVIRONMENT


class OptionError(StorydiffError, ValueError):
    """An option has a value storydiff does not accept."""

    exit_code = EXIT_USAGE


class DependencyError(OptionError):
    """An option needs something that is not there: an optional extra (the message names the `pip install`;
    exit 2) or a service such as a Dask scheduler (the message names the address tried; raised with exit 1)."""

    exit_code = EXIT_USAGE
