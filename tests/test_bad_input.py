"""The bad-input catalogue: every way an input can be wrong, and what the user is told.

Each case runs the real command line (`compare.cli.main`) for every command
that reads articles — `compare`, `report`, `tui` and `history` — and checks the contract:
exit code 2, nothing on standard output, and exactly one line on standard
error, ``storydiff: <message>``, whose message says what is wrong (the
fragment below). No traceback, no half-written output file, no app started.

The URL cases use the real local HTTP server of tests/ingest (http_fixture.py).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from compare.cli import build_parser, main

sys.path.insert(0, str(Path(__file__).parent / "ingest"))
import office_files as office  # real PDF, DOCX and ODT files, made on the spot
from http_fixture import serve  # the shared fixture server lives beside the ingest tests

HERE = Path(__file__).parent
GOOD = HERE / "data" / "onestop" / "ele" / "banksy.txt"
PAGES = HERE / "ingest" / "pages"


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, the options to pass, and the message fragment expected."""

    id: str
    make: Callable[[Path, str], str]  # (tmp_path, server URL) -> the argument naming the bad input
    message: str
    options: tuple[str, ...] = ()
    stdin: bytes | None = None
    exit_code: int = 2
    commands: tuple[str, ...] = field(default=("compare", "report", "tui", "history"))


def _file(name: str, data: bytes, selector: str = "") -> Callable[[Path, str], str]:
    """A file written into the test's folder; `selector` (``#N``, ``#ID``) is added to the path given."""

    def make(tmp: Path, _server: str) -> str:
        path = tmp / name
        path.write_bytes(data)
        return str(path) + selector

    return make


def _url(path: str) -> Callable[[Path, str], str]:
    return lambda _tmp, server: server + path


def _fixed(spec: str) -> Callable[[Path, str], str]:
    return lambda _tmp, _server: spec


def _free_port_url(_tmp: Path, _server: str) -> str:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/story.html"


CASES = [
    # -- files ---------------------------------------------------------------------
    Case("missing file", lambda tmp, _: str(tmp / "nope.txt"), "no such file"),
    Case("directory", lambda tmp, _: str(tmp), "it is a directory; give a file"),
    Case("empty file", _file("empty.txt", b""), "it is empty"),
    Case("whitespace only", _file("blank.txt", b" \n\t\r\n  "), "it is empty"),
    Case("ZIP archive", _file("story.zip", b"PK\x03\x04\x14\x00\x00\x00notes.txt"), "it is a ZIP archive, not text"),
    Case("PNG named .txt", _file("story.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "it is a PNG image, not text"),
    # -- PDF, Word and OpenDocument files (tests/ingest/office_files.py makes real ones) --------
    Case("PDF header only", _file("story.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "it is a damaged or incomplete PDF"),
    Case(
        "truncated PDF", lambda tmp, _: _file("cut.pdf", office.text_pdf()[:1500])(tmp, _), "damaged or incomplete PDF"
    ),
    Case("encrypted PDF", lambda tmp, _: _file("locked.pdf", office.encrypted_pdf())(tmp, _), "the PDF is encrypted"),
    Case("scanned PDF", lambda tmp, _: _file("scan.pdf", office.image_only_pdf())(tmp, _), "the PDF has no text layer"),
    Case(
        "PDF over --max-size",
        lambda tmp, _: _file("big.pdf", office.text_pdf())(tmp, _),
        "over the 0.001 MB limit; raise it with --max-size",
        ("--max-size", "0.001"),
    ),
    Case("PDF on stdin, damaged", _fixed("-"), "'<stdin>': it is a damaged or incomplete PDF", stdin=b"%PDF-1.4\n1 0"),
    Case("damaged Word document", _file("story.docx", b"PK\x03\x04\x14\x00word/document.xml"), "damaged Word document"),
    Case(
        "encrypted Word document",
        _file("story.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
        "the Word document is encrypted with a password",
    ),
    Case("zip bomb .docx", lambda tmp, _: _file("bomb.docx", office.zip_bomb_docx())(tmp, _), "a zip bomb?"),
    Case("Word document without text", lambda tmp, _: _file("empty.docx", office.docx([]))(tmp, _), "holds no text"),
    Case("encrypted .odt", lambda tmp, _: _file("locked.odt", office.encrypted_odt())(tmp, _), ".odt) is encrypted"),
    Case("entity bomb .odt", lambda tmp, _: _file("laughs.odt", office.xml_bomb_odt())(tmp, _), "damaged OpenDocument"),
    Case(
        "PDF pages sharing a huge stream",
        lambda tmp, _: _file("shared.pdf", office.shared_stream_pdf(200, 250_000))(tmp, _),
        "its pages take too much work to read (over 2 MB or 131,072 operators",
        ("--max-size", "1"),
    ),
    Case("empty name", _fixed(""), "cannot read '': the input is an empty name"),
    Case("name too long", _fixed("a" * 5000 + ".txt"), "File name too long; give the path of a file"),
    Case("binary noise", _file("noise.txt", bytes(range(256)) * 8), "it is a binary file, not text"),
    Case("broken UTF-16", _file("story.txt", b"\xff\xfeA\x00B"), "starts like utf-16 but is not valid utf-16"),
    Case(
        "over --max-size", _file("big.txt", b"A sentence. " * 2000), "raise it with --max-size", ("--max-size", "0.01")
    ),
    # -- JSON records ----------------------------------------------------------------
    Case("invalid JSON", _file("story.json", b'{"text": "unterminated'), "not valid JSON"),
    Case(
        "bad JSON line, asked for",
        _file("s.jsonl", b'{"text": "One."}\n{"text": \n', "#2"),
        "line 2 is not valid JSON",
    ),
    Case(
        "bad JSON first line", _file("s.jsonl", b'{"text": "One." "x"}\n{"text": "Two."}\n'), "line 1 is not valid JSON"
    ),
    Case(
        "JSON number of 5,000 digits",
        _file("s.jsonl", b'{"id": ' + b"7" * 5000 + b', "text": "One sentence."}\n{"text": "Two."}\n'),
        "holds a number too long to read",
    ),
    Case("record without text", _file("story.json", b'{"title": "T"}'), "the record has no 'text' field"),
    Case("record text not a string", _file("story.json", b'{"text": ["a"]}'), "'text' is a JSON array"),
    Case("no records", _file("story.json", b"[]"), "it holds no records"),
    Case(
        "record number out of range",
        _file("s.jsonl", b'{"text": "One."}\n{"text": "Two."}\n', "#5"),
        "there is no record 5; it holds 2 records",
    ),
    Case(
        "unknown record id",
        _file("s.jsonl", b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n', "#zz"),
        "no record has id 'zz'",
    ),
    Case("selector on a text file", lambda tmp, _: str(GOOD) + "#2", "'#' picks a record only in JSON"),
    # -- web pages -------------------------------------------------------------------
    Case("page of links", _fixed(str(PAGES / "live-blog.html")), "mostly links"),
    Case(
        "page without text", _file("blank.html", b"<html><body><script>x()</script></body></html>"), "no article text"
    ),
    # -- URLs ------------------------------------------------------------------------
    Case("file:// URL", _fixed("file:///etc/passwd"), "only http:// and https:// URLs are fetched"),
    Case("ftp:// URL", _fixed("ftp://example.org/story.txt"), "only http:// and https:// URLs are fetched"),
    Case("malformed IPv6 URL", _fixed("http://[::1/story"), "not a valid URL (Invalid IPv6 URL)"),
    Case("port out of range", _fixed("http://127.0.0.1:99999/story"), "not a valid URL (Port out of range"),
    Case("host IDNA cannot encode", _fixed("http://xn--/story"), "not a valid URL (Malformed A-label"),
    Case("404", _url("/status/404"), "the server answered 404 Not Found"),
    Case("500", _url("/status/503"), "the server answered 503 Service Unavailable"),
    Case("image URL", _url("/image.png"), "it is image/png, not a web page or text"),
    Case("slow server", _url("/slow"), "timed out after 0.3 s", ("--timeout", "0.3")),
    # Each header byte comes well inside --timeout: only the total limit (6 x --timeout) can stop it.
    Case("headers trickled", _url("/slow-headers"), "the download took over 1.2 s", ("--timeout", "0.2")),
    Case("endless body", _url("/huge"), "over the 1 MB limit; raise it with --max-size", ("--max-size", "1")),
    Case("declared huge body", _url("/huge-declared"), "over the 2 MB limit; raise it with --max-size"),
    Case("redirect loop", _url("/redirect/9"), "more than 5 redirects"),
    Case("redirect to file://", _url("/redirect-to-file"), "redirects to an address that is not http or https"),
    Case("nothing listening", _free_port_url, "cannot connect", ("--timeout", "2")),
    # -- standard input --------------------------------------------------------------
    Case("binary on stdin", _fixed("-"), "cannot read '<stdin>': it is a PNG image", stdin=b"\x89PNG\r\n\x1a\n\x00"),
    Case("empty stdin", _fixed("-"), "cannot compare '<stdin>': it is empty", stdin=b""),
    Case("stdin over --max-size", _fixed("-"), "standard input is over", ("--max-size", "0.001"), stdin=b"x " * 1000),
]


def _subcommands() -> set[str]:
    parser = build_parser()
    for action in parser._subparsers._group_actions if parser._subparsers else []:  # argparse keeps them here
        return set(getattr(action, "choices", {}) or {})
    return set()


# Fixed, not read from the parser: a command that vanished must fail here, not quietly drop out of the catalogue.
COMMANDS = ["compare", "report", "tui", "history"]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve() as url:
        yield url


@pytest.fixture(autouse=True)
def _no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """A safety net, not the contract under test: if a bad input were accepted, fail rather than open the TUI."""
    import tui

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the app started although an input was bad")

    monkeypatch.setattr(tui.StorydiffApp, "run", refuse)


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)

    def isatty(self) -> bool:
        return False


def _argv(command: str, inputs: list[str], options: tuple[str, ...], tmp: Path) -> list[str]:
    if command == "report":
        return ["report", *inputs, "-o", str(tmp / "report.md"), *options]
    return [command, *inputs, *options]


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The exit code, standard output and standard error of one run of the real command line."""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors exit through SystemExit
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, out: str, err: str, fragment: str, exit_code: int = 2) -> None:
    assert code == exit_code, err
    assert out == ""
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {err!r}"
    assert err.startswith(("storydiff: ", "storydiff ")), err
    assert fragment in err, err


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_bad_input_gets_one_clear_line_and_exit_2(
    case: Case,
    command: str,
    tmp_path: Path,
    server: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad = case.make(tmp_path, server)
    if case.stdin is not None:
        monkeypatch.setattr(sys, "stdin", _Stdin(case.stdin))
    code, out, err = run_cli(_argv(command, [bad, str(GOOD)], case.options, tmp_path), capsys)
    assert_one_line_error(code, out, err, case.message, case.exit_code)
    assert not (tmp_path / "report.md").exists(), "a report was written although an input was bad"


@pytest.mark.parametrize("command", COMMANDS)
def test_the_bad_input_may_come_second(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(_argv(command, [str(GOOD), str(tmp_path / "missing.txt")], (), tmp_path), capsys)
    assert_one_line_error(code, out, err, "missing.txt': no such file")


@pytest.mark.parametrize("command", COMMANDS)
def test_standard_input_twice(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(_argv(command, ["-", "-"], (), tmp_path), capsys)
    assert_one_line_error(code, out, err, "standard input can be only one")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("inputs", [("-", "-#1"), ("-#1", "-#2")], ids=["- and -#1", "-#1 and -#2"])
def test_standard_input_twice_as_records(
    command: str,
    inputs: tuple[str, ...],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`-#N` is a record of standard input: with `-` (or another `-#N`) it would be read twice."""
    monkeypatch.setattr(sys, "stdin", _Stdin(b'{"text": "One sentence here."}\n{"text": "Two sentences here."}\n'))
    options = ["-o", str(tmp_path / "report.md")] if command == "report" else []
    code, out, err = run_cli([command, *options, "--", *inputs], capsys)  # after --, -#N is not an option
    assert_one_line_error(code, out, err, "standard input can be only one of the inputs (- or -#N)")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
@pytest.mark.parametrize("command", COMMANDS)
def test_unreadable_file(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("The bridge reopened.", encoding="utf-8")
    locked.chmod(0)
    code, out, err = run_cli(_argv(command, [str(locked), str(GOOD)], (), tmp_path), capsys)
    assert_one_line_error(code, out, err, "permission denied")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (("--max-size", "-1"), "--max-size: must be more than 0"),
        (("--max-size", "lots"), "not a number of megabytes"),
        (("--timeout", "0"), "--timeout: must be more than 0"),
        (("--threshold", "2"), "must be between 0 and 1"),
    ],
)
def test_bad_input_options(
    command: str, options: tuple[str, ...], fragment: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(_argv(command, [str(GOOD), str(GOOD)], options, tmp_path), capsys)
    assert_one_line_error(code, out, err, fragment)


def test_every_reading_command_is_in_the_catalogue() -> None:
    """When a new command that reads articles lands, add it to `_argv` and to COMMANDS' list above."""
    known = {"compare", "report", "tui", "history", "corpus"}
    assert _subcommands() <= known, f"new commands to catalogue: {_subcommands() - known}"
    assert set(COMMANDS) <= _subcommands(), f"commands gone from the command line: {set(COMMANDS) - _subcommands()}"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("size", ["inf", "1e300", "nan", "1e-9"])
def test_max_size_out_of_range(command: str, size: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No overflow for inf or 1e300, and no "over the 0 MB limit" for a size smaller than any article."""
    code, out, err = run_cli(_argv(command, [str(GOOD), str(GOOD)], ("--max-size", size), tmp_path), capsys)
    fragment = "must be more than 0" if size == "nan" else "--max-size: must be between 0.001 and 1024 megabytes"
    assert_one_line_error(code, out, err, fragment)


# -- named pipes: a bounded wait, never a hang -------------------------------------------------------------
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")


@needs_fifo
@pytest.mark.parametrize("command", COMMANDS)
def test_a_named_pipe_nobody_writes_to_is_refused_after_the_timeout(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    fifo = tmp_path / "story.fifo"
    os.mkfifo(fifo)
    started = time.monotonic()
    code, out, err = run_cli(_argv(command, [str(fifo), str(GOOD)], ("--timeout", "0.3"), tmp_path), capsys)
    assert_one_line_error(code, out, err, "it is a named pipe and nothing was written to it for 0.3 s")
    assert time.monotonic() - started < 10


@needs_fifo
def test_a_named_pipe_with_a_writer_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Process substitution (`<(cat a.txt)`) and other pipes still work: only a silent one is refused."""
    import threading

    fifo = tmp_path / "story.fifo"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "wb") as fh:  # blocks until the reader opens its end
            fh.write(GOOD.read_bytes())

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    code, out, err = run_cli(["compare", str(fifo), str(GOOD), "-f", "json"], capsys)
    thread.join(timeout=10)
    assert code == 0, err
    import json

    assert json.loads(out)["scores"]["overlap_a_in_b"] == 1.0  # the whole article came through the pipe


# -- standard streams closed, full, or not a terminal (a real process: these are the process's own streams) --
def _storydiff(shell: str, tmp_path: Path, timeout: float = 60) -> tuple[int, str, str]:
    """Run `storydiff` (as `python -m compare`) through the shell, for redirections like `>&-`."""
    import shlex
    import subprocess

    command = shell.replace("storydiff", f"{shlex.quote(sys.executable)} -m compare", 1)
    done = subprocess.run(
        ["sh", "-c", command], cwd=tmp_path, capture_output=True, timeout=timeout, env={**os.environ, "NO_COLOR": "1"}
    )
    return done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")


def _assert_one_line(code: int, err: str, fragment: str, exit_code: int) -> None:
    assert code == exit_code, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert err.count("\n") == 1 and err.startswith("storydiff: "), err
    assert fragment in err, err


@pytest.mark.parametrize("command", ["compare {a} {b}", "report {a} {b} -o - -f csv"])
def test_closed_standard_output_is_one_line_and_exit_1(command: str, tmp_path: Path) -> None:
    code, _, err = _storydiff(f"storydiff {command.format(a=GOOD, b=GOOD)} >&-", tmp_path)
    _assert_one_line(code, err, "standard output is closed; give -o FILE", 1)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", ["compare {a} {b}", "report {a} {b} -o - -f csv"])
def test_full_standard_output_is_one_line_and_exit_1(command: str, tmp_path: Path) -> None:
    code, _, err = _storydiff(f"storydiff {command.format(a=GOOD, b=GOOD)} > /dev/full", tmp_path)
    _assert_one_line(code, err, "cannot write to standard output: no space left on device", 1)


def test_closed_standard_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, out, err = _storydiff(f"storydiff compare - {GOOD} <&-", tmp_path)
    _assert_one_line(code, err, "standard input is closed; give the article as a file", 2)
    assert out == ""


def test_tui_without_a_terminal_refuses_instead_of_drawing_into_a_pipe(tmp_path: Path) -> None:
    """`storydiff tui a b </dev/null | cat`: no escape sequences into the pipe, no wait for keys."""
    code, out, err = _storydiff(f"storydiff tui {GOOD} {GOOD} </dev/null | cat", tmp_path, timeout=60)
    _assert_one_line(0, err, "storydiff: tui needs a terminal and standard output is not one", 0)  # cat's status
    assert out == ""
    code, out, err = _storydiff(f"storydiff tui {GOOD} {GOOD} </dev/null > out.txt", tmp_path, timeout=60)
    _assert_one_line(code, err, "storydiff: tui needs a terminal and standard output is not one", 2)
    assert (tmp_path / "out.txt").read_bytes() == b""


# -- hostile article content: accepted, and made harmless in every output ---------------------------------
def _record(tmp: Path, **fields: object) -> str:
    import json

    path = tmp / "rec.jsonl"
    path.write_text(json.dumps(fields) + "\n", encoding="utf-8")
    return f"{path}#1"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "csv"])
def test_lone_surrogates_are_compared_in_every_format(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`"\\ud800"` in a JSON record is no character at all: it becomes U+FFFD, never a UnicodeEncodeError."""
    spec = _record(tmp_path, id="x\ud800", title="T \udfff", text="A bridge \ud800 reopened. More news today.")
    code, out, err = run_cli(["compare", spec, str(GOOD), "-f", fmt], capsys)
    assert code == 0, err
    out.encode("utf-8")  # nothing unencodable reached the output
    code, _, err = run_cli(["compare", spec, str(GOOD), "-f", fmt, "-o", str(tmp_path / f"out.{fmt}")], capsys)
    assert code == 0, err
    assert "\ufffd" in (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")


def test_lone_surrogates_in_the_api() -> None:
    from compare import compare

    result = compare("A bridge \ud800 reopened. Traffic moved.", ["A bridge \udc00 reopened.", "Traffic moved."])
    assert "\ud800" not in result.a.text and result.a.text[9] == "\ufffd"  # one character for one: offsets hold
    assert result.to_dict()["scores"]["overlap_a_in_b"] > 0.5
    import json

    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


ESCAPES = "\x1b]52;c;ZWNobyBwd25lZA==\x07 \x1b[2J \x9b31m \x08\x0e"


@pytest.mark.parametrize(
    "argv",
    [["compare", "{rec}", "{good}", "-f", "csv"], ["report", "{rec}", "{good}", "-o", "-", "-f", "csv"]],
    ids=["compare -f csv", "report -o - -f csv"],
)
def test_csv_output_carries_no_terminal_control_characters(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article holding OSC 52 (write the clipboard) or CSI sequences cannot drive the terminal a CSV is
    printed on: control characters become visible symbols, as in the text report."""
    rec = _record(tmp_path, title=f"Title {ESCAPES}", text=f"The bridge reopened {ESCAPES}. Traffic moved on.")
    code, out, err = run_cli([a.format(rec=rec, good=GOOD) for a in argv], capsys)
    assert code == 0, err
    assert "reopened" in out or "rec.jsonl" in out
    bad = sorted({c for c in out if (ord(c) < 32 and c not in "\n") or 0x7F <= ord(c) < 0xA0})
    assert bad == [], bad
    assert "␛]52;c;" in out or "report" in argv


@pytest.mark.parametrize("start", ["=", "＝", "＋", "－", "＠", "﹦", "+", "@"])
def test_csv_formula_guard_covers_full_width_signs_in_cells_and_headers(
    start: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io
    import json
    import unicodedata

    feed = tmp_path / "feed.jsonl"
    body = GOOD.read_text(encoding="utf-8")
    feed.write_text(
        json.dumps({"id": f"{start}SUM(1+1)", "title": f"{start}SUM(1+1)", "text": f"{start}HYPERLINK(x). {body}"})
        + "\n",
        encoding="utf-8",
    )
    spec = f"{feed}#1"
    for argv in (
        ["compare", spec, str(GOOD), "-f", "csv", "--all"],
        ["report", spec, str(GOOD), str(GOOD), "-o", "-", "-f", "csv", "--table", "matrix"],
        ["report", spec, str(GOOD), str(GOOD), "-o", "-", "-f", "csv", "--table", "provenance"],
    ):
        code, out, err = run_cli(argv, capsys)
        assert code == 0, err
        cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
        risky = [c for c in cells if unicodedata.normalize("NFKC", c[:1]) in ("=", "+", "-", "@")]
        assert risky == [], (argv, risky)
        assert any(c.startswith("'" + start) for c in cells), (argv, cells[:12])
