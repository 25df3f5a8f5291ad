"""Compressed answers (Content-Encoding) from a real server on 127.0.0.1: read when honest, bounded when not.

A gzip bomb is a small body that inflates a thousandfold. The size limit must hold for what it
inflates to, and memory must stay near the limit, not near the bomb: httpx alone inflates each
64 KB piece it receives whole (64 MB), before any limit can look at it.
"""

from __future__ import annotations

import contextlib
import threading
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from compare.errors import InputError
from compare.ingest.fetch import fetch

ARTICLE = ("The council reopened the bridge on Monday after three weeks of repairs. " * 40).encode()
BOMB_MB = 100


def _compress(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


def _bomb() -> bytes:
    """BOMB_MB megabytes of zeros, gzip-compressed (about 100 KB), made a megabyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(BOMB_MB)) + packer.flush()


BODIES = {
    "/gzip": ("gzip", _compress(ARTICLE, 16 + zlib.MAX_WBITS)),
    "/deflate-zlib": ("deflate", _compress(ARTICLE, zlib.MAX_WBITS)),
    "/deflate-raw": ("deflate", _compress(ARTICLE, -zlib.MAX_WBITS)),
    "/identity": ("identity", ARTICLE),
    "/damaged": ("gzip", b"this is not gzip at all, whatever the header says"),
    "/brotli": ("br", b"\x1b\x03\x00\xf8\xa5\x03"),
    "/twice": ("gzip, gzip", _compress(_compress(ARTICLE, 31), 31)),
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    bomb = b""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(OSError):  # the client left at the size limit, mid-answer
            super().handle()

    def do_GET(self) -> None:
        coding, body = ("gzip", self.bomb) if self.path == "/bomb" else BODIES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _Handler.bomb = _bomb()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/gzip", "/deflate-zlib", "/deflate-raw", "/identity"])
def test_an_honestly_compressed_page_is_read_whole(server: str, path: str) -> None:
    assert fetch(server + path, max_bytes=1024 * 1024).data == ARTICLE


def test_a_gzip_bomb_is_refused_at_the_limit_without_inflating_it(server: str) -> None:
    limit = 2 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="over the 2 MB limit; raise it with --max-size"):
            fetch(server + "/bomb", max_bytes=limit)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The limit, the pieces gathered under it and one network buffer; not the bomb's 64 MB a piece.
    assert peak < 4 * limit, f"peak {peak / 2**20:.1f} MB while refusing a {BOMB_MB} MB bomb"


def test_damaged_compressed_data_is_one_clear_refusal(server: str) -> None:
    with pytest.raises(InputError, match="the server sent damaged compressed data") as caught:
        fetch(server + "/damaged", max_bytes=1024 * 1024)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("path", "named"), [("/brotli", "'br'"), ("/twice", "'gzip, gzip'")])
def test_a_compression_storydiff_does_not_read_is_named(server: str, path: str, named: str) -> None:
    with pytest.raises(InputError, match=f"compressed as {named}, which storydiff does not read"):
        fetch(server + path, max_bytes=1024 * 1024)
