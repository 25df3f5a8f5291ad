"""`storydiff report` as a user runs it: formats, standard output, errors, atomic writes, progress."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from report_data import SAMPLES, banksy_paths

from compare import compare, compare_many
from compare.cli import main

SEED, WIRE = str(SAMPLES / "seed-bbc.txt"), str(SAMPLES / "wire.txt")
BANKSY = [str(p) for p in banksy_paths()]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("r.html", lambda text: text.startswith("<!doctype html>")),
        ("r.htm", lambda text: text.startswith("<!doctype html>")),
        ("r.md", lambda text: text.startswith("# storydiff")),
        ("r.json", lambda text: json.loads(text)["schema"] == "storydiff/comparison/v2"),
        ("r.csv", lambda text: text.startswith("group,kind,")),
    ],
)
def test_format_comes_from_the_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, check) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, SEED, WIRE, "-o", str(tmp_path / name))
    assert (code, out, err) == (0, "", "")
    assert check((tmp_path / name).read_text(encoding="utf-8"))


def test_format_option_beats_the_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.txt"
    assert run(capsys, SEED, WIRE, "-o", str(target), "--format", "json")[0] == 0
    assert json.loads(target.read_text())["schema"] == "storydiff/comparison/v2"


def test_three_versions_make_a_collection_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "banksy.json"
    assert run(capsys, *BANKSY, "-o", str(target)) == (0, "", "")
    data = json.loads(target.read_text())
    assert data["schema"] == "storydiff/collection/v1"
    assert data["labels"] == ["adv/banksy.txt", "int/banksy.txt", "ele/banksy.txt"]
    api = compare_many([Path(p) for p in BANKSY]).overlap_matrix()
    assert data["overlap"]["values"][0][1] == api.iloc[0, 1]


def test_standard_output_for_text_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, SEED, WIRE, "-o", "-", "--format", "csv")
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(compare(Path(SEED), Path(WIRE)).groups)
    code, out, _ = run(capsys, *BANKSY, "-o", "-", "-f", "csv", "--table", "matrix")
    assert code == 0 and out.splitlines()[0] == "x_in_y,adv/banksy.txt,int/banksy.txt,ele/banksy.txt"


def test_two_versions_with_the_same_file_name_keep_their_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, BANKSY[0], BANKSY[2], "-o", "-", "-f", "markdown")
    assert code == 0 and out.startswith("# storydiff: adv/banksy.txt → ele/banksy.txt")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([SEED, "-o", "r.md"], "at least two versions"),
        ([SEED, WIRE, "-o", "-"], "say which format with --format"),
        ([SEED, WIRE, "-o", "-", "-f", "html"], "HTML report is a file"),
        ([SEED, WIRE, "-o", "report.pdf"], "cannot tell the format of 'report.pdf'"),
        ([SEED, "-", "-", "-o", "-", "-f", "json"], "standard input can be only one"),
        ([SEED, str(SAMPLES / "missing.txt"), "-o", "-", "-f", "json"], "no such file"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("storydiff: ") and message in err and err.count("\n") == 1


def test_output_that_is_a_directory_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, SEED, WIRE, "-o", str(tmp_path))
    assert code == 2 and "it is a directory" in err and err.count("\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere, so permissions cannot be tested")
def test_unwritable_output_is_refused_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, _, err = run(capsys, SEED, WIRE, "-o", str(locked / "r.html"))
    assert code == 2 and "no permission" in err


def test_missing_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, SEED, WIRE, "-o", str(tmp_path / "nowhere" / "r.html"))
    assert code == 2 and "does not exist" in err


def test_a_failed_report_leaves_the_old_file_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.html"
    target.write_text("previous report")
    code, _, _ = run(capsys, SEED, str(tmp_path / "missing.txt"), "-o", str(target))
    assert code == 2 and target.read_text() == "previous report"
    assert run(capsys, SEED, WIRE, "-o", str(target))[0] == 0
    assert target.read_text().startswith("<!doctype html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary file left behind


def test_no_progress_bar_when_standard_error_is_not_a_terminal(tmp_path: Path) -> None:
    # Five versions are ten pairs: enough for a bar on a terminal, none in a pipe.
    inputs = [str(SAMPLES / n) for n in ("seed-bbc.txt", "wire.txt", "shortened.txt", "altered.txt", "reordered.txt")]
    done = subprocess.run(
        [sys.executable, "-m", "compare", "report", *inputs, "-o", str(tmp_path / "r.md")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == ""
    assert "## Overlap matrix" in (tmp_path / "r.md").read_text()


def test_changes_only_and_title_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, full, _ = run(capsys, SEED, WIRE, "-o", "-", "-f", "markdown")
    code2, short, _ = run(capsys, SEED, WIRE, "-o", "-", "-f", "markdown", "--changes-only")
    assert code == code2 == 0
    assert "## Side by side" in full and "## Side by side" not in short and "## Changed groups" in short
    target = tmp_path / "r.html"
    assert run(capsys, SEED, WIRE, "-o", str(target), "--title", "Blinken <meets> Lavrov")[0] == 0
    assert "<title>Blinken &lt;meets&gt; Lavrov</title>" in target.read_text()
