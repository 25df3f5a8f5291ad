"""Running the real `storydiff` for the tests of tests/cli, and the one-line-error contract they check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare.cli import main

DATA = Path(__file__).parents[1] / "data" / "onestop" / "ele"
A, B = DATA / "banksy.txt", DATA / "meteorite.txt"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of one run of the real command line."""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run_storydiff(argv: list[str], seconds: float = 30, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`storydiff ARGV` as its own process (`stdin` on its standard input), killed after `seconds`:
    a hang fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-m", "compare", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=seconds,
        check=False,
    )


def assert_one_line(code: int, err: str, fragment: str, exit_code: int = 2) -> None:
    assert code == exit_code, err
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {err!r}"
    assert err.startswith("storydiff"), err
    assert fragment in err, err
