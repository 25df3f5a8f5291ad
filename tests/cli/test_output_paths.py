"""Output paths a hostile or careless user gives: an input file, a named pipe nobody reads."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cli_runner import A, B, assert_one_line, needs_fifo, run_cli, run_storydiff


@pytest.mark.parametrize(
    ("command", "extra"),
    [("compare", ["-f", "json"]), ("report", ["-f", "json"]), ("history", ["-f", "json"])],
)
@pytest.mark.parametrize("which", ["first", "second", "through a link"])
def test_output_onto_an_input_is_refused_and_the_input_kept(
    command: str, extra: list[str], which: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o a.txt` where a.txt is an input would replace the article with the report about it."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(A.read_bytes())
    b.write_bytes(B.read_bytes())
    target = {"first": a, "second": b, "through a link": tmp_path / "link.txt"}[which]
    if which == "through a link":
        target.symlink_to(a)
    code, out, err = run_cli([command, str(a), str(b), "-o", str(target), *extra], capsys)
    assert_one_line(code, err, "which the report would replace; give another output file")
    assert out == ""
    assert a.read_bytes() == A.read_bytes() and b.read_bytes() == B.read_bytes()


def test_output_onto_the_records_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "feed.jsonl"
    records.write_text('{"text": "The bridge reopened on Monday after repairs."}\n', encoding="utf-8")
    before = records.read_bytes()
    code, _, err = run_cli(["compare", f"{records}#1", str(A), "-o", str(records)], capsys)
    assert_one_line(code, err, "it is the input")
    assert records.read_bytes() == before


def test_output_beside_the_inputs_is_still_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    code, _, err = run_cli(["compare", str(A), str(B), "-f", "json", "-o", str(out)], capsys)
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("{")


@needs_fifo
def test_output_to_a_named_pipe_nobody_reads_is_refused_at_once(tmp_path: Path) -> None:
    """Opening a pipe with no reader for writing blocks for ever; storydiff says so and stops."""
    pipe = tmp_path / "out.pipe"
    os.mkfifo(pipe)
    done = run_storydiff(["compare", str(A), str(B), "-o", str(pipe)])
    assert_one_line(done.returncode, done.stderr, "it is a named pipe that no program reads; start the reader first")


@needs_fifo
def test_output_to_a_named_pipe_with_a_reader_gets_the_report(tmp_path: Path) -> None:
    pipe = tmp_path / "out.pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    done = run_storydiff(["compare", str(A), str(B), "-f", "json", "-o", str(pipe)])
    reader.join(10)
    assert done.returncode == 0, done.stderr
    assert got and got[0].startswith(b"{")


def test_output_onto_the_file_on_standard_input_is_refused(tmp_path: Path) -> None:
    """`storydiff compare - b.txt -o a.txt < a.txt`: standard input is the file the output would replace."""
    a = tmp_path / "a.txt"
    a.write_bytes(A.read_bytes())
    with a.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "compare", "compare", "-", str(B), "-o", str(a)],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert_one_line(done.returncode, done.stderr, "it is the input '-', which the report would replace")
    assert a.read_bytes() == A.read_bytes()
