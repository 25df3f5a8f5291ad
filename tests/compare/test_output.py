"""`-o FILE` as a user relies on it: atomic for files, never replacing a link, a pipe or a device.

Special files are made in tmp_path (a named pipe); real devices under /dev are never
used here: as root, a bug would replace the device node itself.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from compare.cli import main
from compare.render.write import write_atomic

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEED, ALTERED = str(SAMPLES / "seed-bbc.txt"), str(SAMPLES / "altered.txt")


def test_a_symlink_is_kept_and_its_target_gets_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "reports" / "real.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    assert main(["compare", SEED, ALTERED, "-f", "json", "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["schema"] == "storydiff/comparison/v2"
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.json"]  # no temporary file left beside it
    assert capsys.readouterr().err == ""


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "made.md")
    write_atomic(link, "# report\n")
    assert link.is_symlink() and (tmp_path / "made.md").read_text() == "# report\n"


def _written_through_pipe(fifo: Path, target: Path, text: str) -> bytes:
    """What a reader of named pipe `fifo` receives when `text` is written atomically to `target`.

    The reader is there before the write, so opening the pipe for writing does not wait;
    if the pipe were replaced instead, the reader would see end-of-file and no data.
    """
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(target, text)
        os.set_blocking(reader, True)
        received = b""
        while chunk := os.read(reader, 4096):
            received += chunk
    finally:
        os.close(reader)
    return received


def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert _written_through_pipe(fifo, fifo, "through the pipe\n") == b"through the pipe\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_to_a_named_pipe_writes_into_the_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    assert _written_through_pipe(fifo, link, "via the link") == b"via the link"
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_permissions_of_new_and_replaced_files(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        new = write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0o666 narrowed by the umask, as any program's file
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    kept.chmod(0o604)
    write_atomic(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604 and kept.read_text() == "new"


def test_a_long_but_valid_file_name_is_written(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250 + ".md")  # 253 characters: the longest names still allowed
    write_atomic(target, "ok")
    assert target.read_text() == "ok"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_file_name_too_long_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / ("x" * 300 + ".txt")
    code = main(["compare", SEED, ALTERED, "-o", str(target)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("storydiff: cannot write ")
    assert "file name too long; choose a shorter file name" in err
