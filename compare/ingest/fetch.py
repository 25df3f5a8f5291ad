"""Fetching a web page for comparison, within firm limits.

A URL is untrusted: the server may be slow, send an endless or huge body,
redirect forever, or answer with a picture. So `fetch`:

* accepts only ``http://`` and ``https://`` (never ``file://``, ``ftp://`` or
  anything else, so a URL cannot be used to read local files);
* waits at most `timeout` seconds to connect and between two pieces of the
  answer, and at most `TOTAL_TIMEOUT_FACTOR` times that for the whole
  exchange — connecting, the headers and the body: every socket operation
  gets only the time left, so a server that trickles its headers a byte at a
  time is cut off too;
* streams the body and stops as soon as it passes `max_bytes` (the body is
  never read unbounded; a declared Content-Length over the limit is refused
  before any of it is read);
* follows at most `MAX_REDIRECTS` redirects;
* refuses error statuses (4xx, 5xx) and content that is not a page, text or
  JSON article records.

Every refusal is an `InputError` with one line saying what happened and what
to do.
"""

from __future__ import annotations

import re
import ssl
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from ..__about__ import __version__
from ..errors import InputError
from .limits import DEFAULT_TIMEOUT, megabytes

__all__ = ["DEFAULT_TIMEOUT", "MAX_REDIRECTS", "Fetched", "fetch", "shown_url"]

MAX_REDIRECTS = 5
TOTAL_TIMEOUT_FACTOR = 6
USER_AGENT = f"storydiff/{__version__} (+https://example.invalid/storydiff)"

# Content types storydiff can read, by what it does with them.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
JSON_TYPES = frozenset({"application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines"})
# PDF, Word and OpenDocument files: fetched like any input, then read by `compare.ingest.documents`.
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
}


@dataclass(frozen=True)
class Fetched:
    """A downloaded body and what the server said about it."""

    url: str  # the final URL, after redirects
    data: bytes
    media_type: str  # e.g. "text/html", lower case, "" when the server sent none
    charset: str | None  # from the Content-Type header, if any

    @property
    def kind(self) -> str:
        """'html', 'text', 'json', 'pdf', 'docx', 'odt' or '' (unknown: decide by looking at the content)."""
        if self.media_type in HTML_TYPES:
            return "html"
        if self.media_type in TEXT_TYPES:
            return "text"
        if self.media_type in JSON_TYPES:
            return "json"
        return DOCUMENT_TYPES.get(self.media_type, "")


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write gets at most the time left before the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner, self._deadline = inner, deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("the total time allowed is over")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        left = self._left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, left), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sockets, with every operation bounded by one deadline for the whole download."""

    def __init__(self, deadline: float) -> None:
        self._inner, self._deadline = httpcore.SyncBackend(), deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the total time allowed is over")
        timeout = left if timeout is None else min(timeout, left)
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _transport(deadline: float) -> httpx.HTTPTransport:
    """httpx's transport over sockets bounded by `deadline` (httpx itself bounds each read, not the total)."""
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(  # the pool httpx would make, on the bounded sockets
        ssl_context=httpx.create_ssl_context(), network_backend=_DeadlineBackend(deadline)
    )
    return transport


class _Inflater:
    """Undoes a body's Content-Encoding (gzip or deflate) a piece at a time, never past a limit.

    httpx would decompress each piece it receives whole: 64 KB of a gzip bomb is 64 MB of output
    before the size limit can look at it. Here each piece gives at most what the limit still allows
    (zlib's `max_length`); the rest stays compressed, and is refused as over the limit.
    """

    def __init__(self, url: str, header: str) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip().lower() not in ("", "identity")]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise InputError(
                f"cannot fetch {shown_url(url)!r}: the server sent it compressed as {header.strip()[:60]!r}, "
                "which storydiff does not read; save the page and give the file"
            )
        self._url = url
        self._coding = codings[0] if codings else ""
        self._zlib: Any = None

    def feed(self, data: bytes, limit: int) -> bytes:
        """The decoded bytes of the next piece `data`: at most `limit` of them (`limit` reached: over the limit)."""
        if not self._coding or not data:
            return data
        if self._zlib is None:
            # gzip has its own header; deflate is a zlib stream or, from some servers, raw deflate, told
            # apart by the first byte (a zlib stream's says "deflate": 8 in its low four bits).
            if self._coding == "deflate":
                wbits = zlib.MAX_WBITS if data[0] & 0x0F == 8 else -zlib.MAX_WBITS
            else:
                wbits = 16 + zlib.MAX_WBITS
            self._zlib = zlib.decompressobj(wbits)
        limit = max(1, limit)  # max_length 0 would mean no limit at all
        try:
            out: bytes = self._zlib.decompress(data, limit)
            while self._zlib.unconsumed_tail and len(out) < limit:
                out += self._zlib.decompress(self._zlib.unconsumed_tail, limit - len(out))
        except zlib.error as exc:
            raise InputError(
                f"cannot fetch {shown_url(self._url)!r}: the server sent damaged compressed data ({exc}); "
                "try again later, or save the page and give the file"
            ) from exc
        return out


_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@")


def shown_url(url: str) -> str:
    """`url` as storydiff may show it (messages, a document's name): a password in it (``user:pw@``) hidden.

    >>> shown_url("https://reader:s3cret@news.example/story")
    'https://***@news.example/story'
    """
    return _USERINFO.sub(r"\1***@", url)


def _too_big(url: str, max_bytes: int) -> InputError:
    return InputError(
        f"cannot fetch {shown_url(url)!r}: the page is over the {megabytes(max_bytes)} limit; raise it with --max-size"
    )


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 - parsing the host is what raises for a malformed one
        parts.port  # noqa: B018 - and the port, for one out of range
    except ValueError as exc:
        raise InputError(f"cannot fetch {shown_url(url)!r}: not a valid URL ({exc}); check the address") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(
            f"cannot fetch {shown_url(url)!r}: only http:// and https:// URLs are fetched; "
            "for a file on this computer give its path"
        )
    if not parts.hostname:
        raise InputError(f"cannot fetch {shown_url(url)!r}: the URL names no host")


def _check_type(response: httpx.Response, url: str) -> tuple[str, str | None]:
    header = response.headers.get("content-type", "")
    media_type = header.split(";", 1)[0].strip().lower()
    charset = None
    for param in header.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    readable = HTML_TYPES | TEXT_TYPES | JSON_TYPES | DOCUMENT_TYPES.keys()
    if media_type and media_type not in readable:
        raise InputError(
            f"cannot use {shown_url(url)!r}: it is {media_type}, not a web page or text; "
            "give the URL of the article's page"
        )
    return media_type, charset


def fetch(url: str, *, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> Fetched:
    """Download `url` (http or https only) within the limits described above.

    Raises `InputError` for a refused scheme, a network failure, a timeout, an
    error status, an unreadable content type or a body over `max_bytes`.
    """
    _check_url(url)
    shown = shown_url(url)
    deadline = time.monotonic() + TOTAL_TIMEOUT_FACTOR * timeout
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=httpx.Timeout(timeout),
                transport=_transport(deadline),
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html, text/plain;q=0.9, */*;q=0.1",
                    "Accept-Encoding": "gzip, deflate",  # what _Inflater decodes, within the size limit
                },
            ) as client,
            client.stream("GET", url) as response,
        ):
            final_url = str(response.url)
            if response.status_code >= 400:
                # The server wrote the reason: only its printable ASCII is kept (no escape sequence reaches a terminal).
                reason = "".join(c for c in response.reason_phrase if " " <= c <= "~")[:80].strip() or "error"
                raise InputError(
                    f"cannot fetch {shown!r}: the server answered {response.status_code} {reason}; "
                    "check the address, or save the page and give the file"
                )
            media_type, charset = _check_type(response, url)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_big(url, max_bytes)
            chunks: list[bytes] = []
            size = 0
            inflate = _Inflater(url, response.headers.get("content-encoding", ""))
            for raw in response.iter_raw():
                chunk = inflate.feed(raw, max_bytes - size + 1)
                size += len(chunk)
                if size > max_bytes:
                    raise _too_big(url, max_bytes)
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise _took_too_long(url, timeout)
    except httpx.TooManyRedirects as exc:
        raise InputError(
            f"cannot fetch {shown!r}: more than {MAX_REDIRECTS} redirects; open it in a browser and give the final URL"
        ) from exc
    except httpx.TimeoutException as exc:
        if time.monotonic() >= deadline - 0.01:
            raise _took_too_long(url, timeout) from exc
        what = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for the server"
        raise InputError(
            f"cannot fetch {shown!r}: timed out after {timeout:g} s {what}; try again later, or raise --timeout"
        ) from exc
    except httpx.UnsupportedProtocol as exc:  # e.g. a redirect to ftp:// or file://
        raise InputError(f"cannot fetch {shown!r}: it redirects to an address that is not http or https") from exc
    except httpx.ConnectError as exc:
        raise InputError(f"cannot fetch {shown!r}: cannot connect ({_reason(exc)}); check the address") from exc
    except httpx.HTTPError as exc:  # the server broke HTTP: cut the body short, sent a malformed or endless header
        reason = _reason(exc).rstrip(".")
        raise InputError(
            f"cannot fetch {shown!r}: the server's answer is broken ({reason[:1].lower()}{reason[1:]}); "
            "try again later, or save the page in a browser and give the file"
        ) from exc
    except (httpx.InvalidURL, ValueError) as exc:  # a control character, a host name IDNA cannot encode
        reason = _reason(exc).rstrip(".")
        raise InputError(f"cannot fetch {shown!r}: not a valid URL ({reason}); check the address") from exc
    return Fetched(url=final_url, data=b"".join(chunks), media_type=media_type, charset=charset)


def _took_too_long(url: str, timeout: float) -> InputError:
    return InputError(
        f"cannot fetch {shown_url(url)!r}: the download took over {TOTAL_TIMEOUT_FACTOR * timeout:g} s; "
        "try again later, or raise --timeout"
    )


def _reason(exc: Exception) -> str:
    """The last line of an exception's message, for a one-line error."""
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__
