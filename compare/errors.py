"""Errors raised by storydiff.

Hierarchy::

    StorydiffError            base: anything storydiff refuses to do, with a message for the user
    ├── InputError            a source cannot be read or used (missing, empty, binary, undecodable, too big)
    ├── OptionError           an option or format is not one storydiff knows
    └── OutputError           the machine will not take the output (standard output closed or full): exit 1

The API raises these; only the command line catches them, prints the message alone
and exits with the error's code (2: the user's input; 1: the environment). Any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = ["InputError", "OptionError", "OutputError", "StorydiffError"]


class StorydiffError(Exception):
    """Base class: the message says what is wrong and what to do about it."""

    exit_code = 2


class InputError(StorydiffError):
    """An input (file, URL, standard input, record) cannot be read or compared.

    `reason`, when set, says why in one word for callers that sort refusals
    (the corpus counts skipped inputs by it): 'empty', 'binary', 'undecodable'
    or 'too-large'; None for anything else.
    """

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason


class OptionError(StorydiffError, ValueError):
    """An option has a value storydiff does not accept."""


class OutputError(StorydiffError):
    """The output cannot be delivered: standard output is closed, full or failing. Not the input's fault."""

    exit_code = 1
