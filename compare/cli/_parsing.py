"""How every subcommand declares itself to argparse: its help line and description, and its on/off flags."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_command", "add_flags"]


def add_command(sub: Any, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    """A subcommand's parser: `summary` is its line in `storydiff --help`, `description` heads its own help."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=summary, description=description)
    return parser


def add_flags(parser: argparse.ArgumentParser, flags: dict[str, str]) -> None:
    """On/off options (`store_true`), each with its help: `{"--force": "replace ..."}`."""
    for flag, text in flags.items():
        parser.add_argument(flag, action="store_true", help=text)
