"""Error and warning lines quote what others wrote (a server, a folder's file names): never raw to the terminal."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_runner import A, B, assert_one_line, run_cli


class _EvilStatus(BaseHTTPRequestHandler):
    """Answers 404 with a reason phrase full of terminal escape sequences."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.wfile.write(b"HTTP/1.1 404 Not \x1b[2J\x1b]0;pwned\x07Found \x9b31m\r\nContent-Length: 0\r\n\r\n")
        self.close_connection = True


def test_a_server_status_line_cannot_command_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EvilStatus)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/story"
        code, _, err = run_cli(["compare", url, str(B)], capsys)
    finally:
        server.shutdown()
        server.server_close()
    assert_one_line(code, err, "the server answered 404 Not")
    assert "\x1b" not in err and "\x07" not in err and "\x9b" not in err


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse some of these names")
def test_file_names_in_corpus_warnings_are_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A corpus folder is someone else's: a file named with escape sequences or bidi controls is quoted."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for source in (A, B):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "\x1b]0;pwned\x07\u202eevil.txt").write_bytes(b"")  # empty: skipped with a warning naming it
    code, _, err = run_cli(["corpus", str(folder), "-o", str(tmp_path / "out"), "-q", "--workers", "1"], capsys)
    assert code == 0, err
    assert "skipped 1 input (1 empty)" in err
    assert "\\x1b]0;pwned\\x07\\u202eevil.txt" in err
    assert not any(ch in err for ch in "\x1b\x07\u202e")


def test_an_unknown_option_is_echoed_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["compare", str(A), str(B), "--\x1b[31mx"], capsys)
    assert_one_line(code, err, "unrecognized arguments: --\\x1b[31mx")
