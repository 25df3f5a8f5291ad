"""Devices as inputs: /dev/null ends at once, /dev/zero never does; neither may hang or mislead."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_runner import B, assert_one_line, run_cli, run_storydiff


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_dev_null_as_an_input_is_empty_not_a_hang() -> None:
    """/dev/null is a device that ends at once: it used to be polled for ever, spinning a core."""
    done = run_storydiff(["compare", "--timeout", "2", "/dev/null", str(B)])
    assert_one_line(done.returncode, done.stderr, "it is empty")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_device_is_not_told_to_raise_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["compare", "/dev/zero", str(B)], capsys)
    assert_one_line(code, err, "it is a device and gave more than the 2 MB limit without ending")
    assert "--max-size" not in err


@pytest.mark.skipif(not hasattr(os, "pipe"), reason="needs pipes")
def test_a_silent_pipe_on_standard_input_is_refused_after_the_timeout() -> None:
    """`slow-command | storydiff compare - b.txt`: a writer that never writes nor closes is waited on for
    --timeout seconds, as a named pipe is, not as long as the writer lives."""
    with subprocess.Popen(
        [sys.executable, "-m", "compare", "compare", "--timeout", "1", "-", str(B)],
        stdin=subprocess.PIPE,  # held open, never written to
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            proc.wait(timeout=30)  # not communicate(), which would close standard input: an end, not silence
        finally:
            proc.kill()
        assert proc.stdout is not None and proc.stderr is not None
        out, err = proc.stdout.read(), proc.stderr.read()
    assert out == ""
    assert_one_line(proc.returncode, err, "cannot read standard input: it is a pipe and nothing was written to it")


def test_a_pipe_on_standard_input_that_pauses_is_read_whole() -> None:
    text = B.read_text(encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "compare", "compare", "--timeout", "5", "-", str(B), "-f", "json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdin is not None
        proc.stdin.write(text[:200])
        proc.stdin.flush()
        time.sleep(0.5)
        out, err = proc.communicate(text[200:], timeout=30)
    assert proc.returncode == 0, err
    assert json.loads(out)["scores"], out[:200]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_a_socket_given_as_a_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A socket cannot be opened like a file; the system's bare 'No such device or address' said nothing useful."""
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        code, _, err = run_cli(["compare", str(path), str(B)], capsys)
    assert_one_line(code, err, "it is a socket, not a file; give the article as a file")


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
def test_a_file_the_system_cannot_read_says_what_to_give(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["compare", "/proc/self/mem", str(B)], capsys)
    assert_one_line(code, err, "input/output error; give a file with the article's text")
