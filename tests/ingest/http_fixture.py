"""A real HTTP server on 127.0.0.1 serving the fixture pages, and misbehaving on purpose.

Used by tests/ingest (the `server` fixture) and tests/test_bad_input.py.

Routes:
  /pages/<file>          a file from tests/ingest/pages/, with a content type by its suffix
  /redirect/<n>          a chain of n redirects ending at /pages/article.html
  /redirect-to-file      a redirect to file:///etc/passwd
  /status/<code>         an empty answer with that status
  /slow                  headers, then nothing for SLOW_SECONDS
  /slow-headers          headers trickled a byte every TRICKLE_SECONDS, for TRICKLE_BYTES bytes (never a body)
  /huge                  an endless chunked text body (no Content-Length), cut when the client leaves
  /huge-declared         a Content-Length of 1 GB (the body is never sent)
  /image.png             a real PNG header, as image/png
  /untyped-html          an HTML page with no Content-Type header
  /cp1252                an article in Windows-1252, declared only in the Content-Type header
  /release.pdf           the sample press release (samples/press-release.pdf), as application/pdf
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fixture_pages import PAGES

SLOW_SECONDS = 1.5
TRICKLE_SECONDS, TRICKLE_BYTES = 0.05, 400  # 20 s of headers, each byte well inside any timeout
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".jsonl": "application/x-ndjson",
    ".json": "application/json",
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str | None = "text/plain", **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("#", 1)[0]
        parts = path.strip("/").split("/")
        try:
            if parts[0] == "pages" and len(parts) == 2:
                file = PAGES / parts[1]
                if not file.is_file():
                    self._send(404, b"not found")
                    return
                self._send(200, file.read_bytes(), TYPES.get(file.suffix, "application/octet-stream"))
            elif parts[0] == "redirect" and len(parts) == 2:
                left = int(parts[1])
                target = f"/redirect/{left - 1}" if left > 1 else "/pages/article.html"
                self._send(302, b"", Location=target)
            elif parts[0] == "redirect-to-file":
                self._send(302, b"", Location="file:///etc/passwd")
            elif parts[0] == "status":
                self._send(int(parts[1]), b"")
            elif parts[0] == "slow":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.wfile.flush()
                time.sleep(SLOW_SECONDS)
                self.wfile.write(b"<p>" + b"x" * 93 + b"</p>\n")
            elif parts[0] == "slow-headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
                for _ in range(TRICKLE_BYTES):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(TRICKLE_SECONDS)
                self.close_connection = True
            elif parts[0] == "huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"All work and no play makes a very long article. " * 1300
                for _ in range(2000):  # ~128 MB at most: bounded, but far over any limit a test sets
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            elif parts[0] == "huge-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(10**9))
                self.end_headers()
                self.wfile.write(b"The start of a body that would be one gigabyte.")
            elif parts[0] == "release.pdf":
                self._send(200, (PAGES.parents[2] / "samples" / "press-release.pdf").read_bytes(), "application/pdf")
            elif parts[0] == "image.png":
                self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
            elif parts[0] == "untyped-html":
                self._send(200, (PAGES / "article.html").read_bytes(), None)
            elif parts[0] == "cp1252":
                body = (
                    "Café owners in Besançon said the “new rules” cost them €300 a month.\n"
                    "The mayor’s office said the rules would be reviewed."
                ).encode("cp1252")
                self._send(200, body, "text/plain; charset=windows-1252")
            else:
                self._send(404, b"not found")
        except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:  # a client hanging up is expected
        pass


@contextmanager
def serve() -> Iterator[str]:
    """The base URL of a server on 127.0.0.1 and an ephemeral port, stopped on leaving."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, name="fixture-http-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
