"""Errors raised by storydiff: one class per family of failure, each with the exit code the CLI gives it.

Hierarchy::

    StorydiffError            base: anything storydiff refuses to do, with a message for the user
    ├── InputError            a source cannot be read or used (missing, empty, binary, undecodable, too big)
    ├── OutputError           an output cannot be written (a directory, no such folder, no permission, name too long)
    └── OptionError           an option or format is not one storydiff knows (also a ValueError)
        └── DependencyError   what an option needs is not there: an optional extra not installed,
                              a Dask scheduler not reachable

The API raises these; only the command line catches them, prints the message alone
on standard error and exits with the class's `exit_code`. All four exit 2: each is
fixed by changing the command (another input, output path or option) or by installing
what the message names. Exit code 1 is left for failures that are not a refusal: a bug
(which keeps its traceback) or `--fail-on-drift` finding drift.

`DependencyError` is a kind of `OptionError` because that is what these failures
raised before it existed: code that catches `OptionError` still catches them.
"""

from __future__ import annotations

__all__ = ["DependencyError", "InputError", "OptionError", "OutputError", "StorydiffError"]


class StorydiffError(Exception):
    """Base class: the message says what is wrong and what to do about it."""

    exit_code = 2


class InputError(StorydiffError):
    """An input (file, URL, standard input, record) cannot be read or compared.

    `reason`, when set, says why in one word for callers that sort refusals
    (the corpus counts skipped inputs by it): 'empty', 'binary', 'undecodable'
    or 'too-large'; None for anything else.
    """

    exit_code = 2

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason


class OutputError(StorydiffError):
    """An output (report file, corpus directory) cannot be written where it was asked for; nothing was written."""

    exit_code = 2


class OptionError(StorydiffError, ValueError):
    """An option has a value storydiff does not accept."""

    exit_code = 2


class DependencyError(OptionError):
    """An option needs something that is not there: an optional extra (the message names the `pip install`)
    or a service such as a Dask scheduler (the message names the address tried)."""

    exit_code = 2
