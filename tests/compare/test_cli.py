"""`storydiff compare` as a user runs it: outputs, exit codes and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from compare import Comparison, compare
from compare.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEED, ALTERED = str(SAMPLES / "seed-bbc.txt"), str(SAMPLES / "altered.txt")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report_lists_scores_and_changes_with_word_marks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", SEED, ALTERED)
    assert code == 0 and err == ""
    assert "overlap A→B" in out
    assert "[~85~]" in out and "[~80~]" in out  # plain text when not a terminal
    assert "\x1b[" not in out


def test_json_output_is_the_api_result(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", SEED, ALTERED, "--format", "json")
    assert code == 0
    data = json.loads(out)
    api = compare(Path(SEED), Path(ALTERED)).to_dict()
    assert data["alignment"] == api["alignment"] and data["scores"] == api["scores"]
    assert Comparison.from_dict(data).groups == compare(Path(SEED), Path(ALTERED)).groups


def test_csv_has_one_row_per_group(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "compare", SEED, ALTERED, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    result = compare(Path(SEED), Path(ALTERED))
    assert [r["kind"] for r in rows] == [g.kind for g in result.groups]


def test_markdown_has_summary_and_changed_groups(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "compare", SEED, ALTERED, "-f", "markdown")
    assert out.startswith("# storydiff")
    overlap = compare(Path(SEED), Path(ALTERED)).scores["overlap_a_in_b"]
    assert f"{overlap:.1%}" in out and "~~85~~" in out and "**80**" in out


def test_same_file_twice_is_all_identical(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", SEED, SEED, "-f", "json")
    assert code == 0
    assert {g["kind"] for g in json.loads(out)["alignment"]} == {"identical"}


def test_standard_input_is_one_side(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(Path(SEED).read_bytes())))
    code, out, _ = run(capsys, "compare", "-", SEED, "-f", "json")
    assert code == 0 and json.loads(out)["scores"]["overlap_a_in_b"] == 1.0


def test_output_file_is_written_atomically_and_replaced_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    assert run(capsys, "compare", SEED, ALTERED, "-f", "json", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["schema"] == "storydiff/comparison/v2"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", SEED, SEED, "--format", "pdf"], "invalid choice"),
        (["compare", SEED], "required"),
        (["compare", SEED, SEED, "--bogus"], "unrecognized arguments"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run_exit(capsys, args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


@pytest.mark.parametrize("command", ["compare", "report", "tui"])
def test_help_says_what_an_input_can_be(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "a file, web page, URL, JSON record (file.jsonl#N), or - for standard input" in help_text
    assert "minimum similarity for two sentences to match, 0-1 (default 0.35)" in help_text


def test_unwritable_output_is_refused_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compare", SEED, SEED, "-o", str(tmp_path / "no" / "such" / "dir" / "x.json"))
    assert code == 2 and "does not exist" in err


def _in_terminal(args: list[str], env: dict[str, str], columns: int = 100) -> str:
    """What `python -m compare ARGS` shows in a real terminal (a pseudo-terminal, 100 columns by default)."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "compare", *args], stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the program ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=120) == 0
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_console_script_version_and_colour_rules() -> None:
    version = subprocess.run([sys.executable, "-m", "compare", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("storydiff ")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    coloured = _in_terminal(["compare", SEED, ALTERED], env)
    assert "\x1b[" in coloured and "[~85~]" not in coloured  # a terminal gets colour, not the plain marks
    plain = _in_terminal(["compare", SEED, ALTERED], {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "[~85~]" in plain  # NO_COLOR: the same report, plain


def run_exit(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as exc:  # argparse exits on usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# Article text with a screen-clearing CSI sequence and an OSC sequence that sets the terminal's title.
_ESCAPES_A = (
    'The minister said "we will \x1b[2Jwin the vote\x1b]0;PWNED\x07 easily" on Monday. Turnout was 45 percent.\n'
)
_ESCAPES_B = (
    'The minister said "we will \x1b[2Jlose the vote\x1b]0;PWNED\x07 easily" on Monday. Turnout was 54 percent.\n'
)
_SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colour codes rich writes itself


def _escape_pair(tmp_path: Path) -> tuple[str, str]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(_ESCAPES_A, encoding="utf-8")
    b.write_text(_ESCAPES_B, encoding="utf-8")
    return str(a), str(b)


@pytest.mark.parametrize(
    "options",
    [(), ("--all",), ("-f", "markdown"), ("--facts-only",), ("--facts-only", "-f", "markdown")],
    ids=["text", "text --all", "markdown", "facts-only text", "facts-only markdown"],
)
def test_escape_sequences_in_articles_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...]
) -> None:
    code, out, _ = run(capsys, "compare", *_escape_pair(tmp_path), *options)
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "\u241b" in out  # the escape character shows as the control picture ␛, so the reader sees it was there
    assert "PWNED" in out  # the rest of the text is kept


def test_escape_sequences_in_articles_are_shown_as_symbols_in_colour_too(tmp_path: Path) -> None:
    from compare.render import render

    result = compare(*(Path(p) for p in _escape_pair(tmp_path)))
    assert result.findings  # the quote and the figure changed: the facts section shows the quoted text
    for shown in (
        render(result, "text", colour=True, changes_only=False),
        render(result, "text", colour=True, facts_only=True),
    ):
        assert _SGR.search(shown)  # colour is on
        assert "\x1b" not in _SGR.sub("", shown) and "\x07" not in shown
        assert "\u241b]0;PWNED" in shown


def test_json_keeps_article_text_and_offsets_as_they_are(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "compare", *_escape_pair(tmp_path), "-f", "json")
    assert "\\u001b[2J" in out  # JSON escapes the control character itself
    quote = json.loads(out)["findings"][0]
    assert (
        quote["a_text"]
        == _ESCAPES_A[quote["a_start"] : quote["a_end"]]
        == "we will \x1b[2Jwin the vote\x1b]0;PWNED\x07 easily"
    )


def test_report_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """Run in a pseudo-terminal: the bar is drawn on standard error while pairs are compared."""
    inputs = [str(SAMPLES / n) for n in ("seed-bbc.txt", "wire.txt", "shortened.txt", "altered.txt", "reordered.txt")]
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES", "CI")}
    env["TERM"] = "xterm-256color"
    shown = _in_terminal(["report", *inputs, "-o", str(tmp_path / "r.html")], env, columns=120)
    assert "comparing pairs" in shown, shown[-500:]
    assert (tmp_path / "r.html").read_text().startswith("<!doctype html>")
