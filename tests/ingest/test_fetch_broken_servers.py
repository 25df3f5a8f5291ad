"""Servers that break HTTP (a real one on 127.0.0.1): each is one line saying so and what to do; and a
password in a URL, never shown."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from compare.errors import InputError
from compare.ingest.fetch import fetch

BODY = b"The council reopened the bridge on Monday after three weeks of repairs.\n"
ANSWERS = {
    "/short-body": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n" + BODY,
    "/negative-length": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: -5\r\n\r\n" + BODY,
    "/not-http": b"\x00\x01\x02 garbage, not a status line\r\n\r\n",
    "/hang-up": b"",
}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        with contextlib.suppress(OSError):
            if self.path == "/endless-header":
                self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Filler: ")
                for _ in range(20_000):  # 20 MB of one header line, until the client gives up
                    self.wfile.write(b"a" * 1024)
            elif self.path == "/article.txt":
                head = f"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {len(BODY)}\r\n\r\n"
                self.wfile.write(head.encode() + BODY)
            else:
                self.wfile.write(ANSWERS[self.path])
        self.close_connection = True


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/short-body", "/negative-length", "/not-http", "/hang-up", "/endless-header"])
def test_a_broken_answer_says_so_and_what_to_do(server: str, path: str) -> None:
    """httpx's bare reasons ('Receive buffer too long') named neither the culprit nor a way out."""
    with pytest.raises(InputError) as caught:
        fetch(server + path, max_bytes=1024 * 1024, timeout=5)
    message = str(caught.value)
    assert "the server's answer is broken (" in message
    assert message.endswith("; try again later, or save the page in a browser and give the file")
    assert "\n" not in message


def test_a_password_in_the_url_is_never_shown(server: str) -> None:
    """`https://user:password@host/...` is how some paywalled feeds are read; the password must not end up
    on the terminal, in a log, or in the report's name and URL of the version."""
    from compare.ingest import read_source

    with_password = server.replace("http://", "http://reader:s3cret@")
    with pytest.raises(InputError) as caught:
        fetch(with_password + "/not-http", max_bytes=1024 * 1024, timeout=5)
    assert "s3cret" not in str(caught.value) and "http://***@127.0.0.1:" in str(caught.value)
    doc = read_source(with_password + "/article.txt", max_bytes=1024 * 1024, timeout=5)
    assert doc.text.startswith("The council reopened")
    assert "s3cret" not in f"{doc.name} {doc.url} {doc.label}", (doc.name, doc.url)
