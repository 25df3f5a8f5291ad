"""Reading sources into documents: files, web pages, URLs, JSON records and standard input.

What a source can be (`read_source`, used by every command; `load_path` for
paths, used by the API):

* a text file (``.txt``, ``.md`` or anything that is text);
* a PDF, Word (``.docx``) or OpenDocument text (``.odt``) file, such as a
  press release: its text and metadata (`compare.ingest.documents`);
* a web page (``.html``/``.htm``, or any file or input that starts like HTML):
  the article body is extracted and its title, author, date and site kept
  (`compare.ingest.html`);
* an ``http://`` or ``https://`` URL, fetched within size, time and redirect
  limits (`compare.ingest.fetch`); no other scheme is accepted;
* JSON or JSON Lines article records (``.json``, ``.jsonl``, ``.ndjson``),
  with ``path#N`` or ``path#ID`` choosing a record, the first by default
  (`compare.ingest.records`);
* ``-``: standard input, read like a file whose kind is found by looking.

Encodings: a BOM decides (UTF-8, UTF-16, UTF-32); then UTF-8; then the
charset a server or a page declares; then detection by charset-normalizer,
preferring Windows-1252 (which reads Latin-1 too) when it fits as well as any.

What is refused, and why: a missing path or a directory (nothing to read), an
empty or whitespace-only text (nothing to compare), a binary file such as an
image or an archive (comparing garbage helps no one), bytes that decode in no
likely encoding, and inputs larger than `max_bytes` (so memory never grows
without bound: files and standard input are read at most `max_bytes + 1`
bytes, URLs are streamed and cut off). Each refusal is an `InputError` whose
message names the input and what to do.
"""

from __future__ import annotations

import errno
import os
import select
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Document
from .decode import check_text, decode
from .documents import document_kind, read_document
from .html import extract_article, html_charset, looks_like_html
from .limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, megabytes, too_big
from .records import pick_record, record_document

__all__ = [
    "document_from_bytes",
    "is_url",
    "load_path",
    "read_at_most",
    "read_bounded",
    "read_source",
    "read_stdin",
    "read_url",
]

_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_DOCUMENT_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".odt": "odt"}


def is_url(spec: str) -> bool:
    """True when `spec` is written as a URL (``scheme://...``), whatever the scheme."""
    scheme, sep, _ = spec.partition("://")
    return bool(sep) and scheme[:1].isalpha() and all(c.isalnum() or c in "+.-" for c in scheme)


def _looks_like_json(text: str) -> bool:
    start = text.lstrip("\ufeff \t\r\n")[:1]
    return start in ("{", "[")


def document_from_bytes(
    data: bytes,
    *,
    name: str,
    kind: str = "",
    selector: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """A document from raw bytes of a known or unknown kind.

    `kind` is 'html', 'json', 'text' (still read as a page if it starts like
    one), 'pdf', 'docx', 'odt' or '' (find out by looking: a PDF, Word or
    OpenDocument file, a page, JSON records, else text).
    `selector` picks a JSON record (see `compare.ingest.records`).
    """
    office = document_kind(data, kind)
    if office is not None:
        if selector is not None:
            raise InputError(f"cannot read '{name}#{selector}': '#' picks a record only in JSON or JSON Lines files")
        return read_document(data, office, name=name, source=source, url=url, max_bytes=max_bytes)

    declared = charset or (html_charset(data) if kind in ("html", "") else None)
    text = check_text(decode(data, name, declared=declared), name)
    if kind in ("", "text") and looks_like_html(text):
        kind = "html"
    elif kind == "" and (selector is not None or _looks_like_json(text)):
        kind = "json"
    if kind == "json":
        number, record = pick_record(text, name, selector)
        document = record_document(record, name=name, number=number)
        check_text(document.text, document.name or name)
        return document
    if selector is not None:
        raise InputError(f"cannot read '{name}#{selector}': '#' picks a record only in JSON or JSON Lines files")
    if kind == "html":
        return extract_article(text, name=name, url=url, source=source)
    return Document(text, name=name, source=source or name, url=url)


DOCUMENT_FILE_FACTOR = 16  # how many times `max_bytes` a PDF, .docx or .odt file may be: its text is held to the limit


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _JSON_SUFFIXES:
        return "json"
    if suffix in _TEXT_SUFFIXES:
        return "text"
    return _DOCUMENT_SUFFIXES.get(suffix, "")


def _split_selector(spec: str) -> tuple[str, str | None]:
    """`path#selector` → (path, selector), unless the whole of `spec` names an existing file."""
    if "#" not in spec or os.path.exists(spec):
        return spec, None
    path, _, selector = spec.rpartition("#")
    return path, selector or None


_NO_WRITER_PAUSE = 0.05  # seconds between two looks at a named pipe that no writer has opened yet
_CHUNK = 1024 * 1024  # bytes read at a time, so a large --max-size never sets aside memory it may not need


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to `limit` bytes of a binary stream, read in pieces until it ends."""
    parts: list[bytes] = []
    left = limit
    while left > 0:
        piece = stream.read(min(_CHUNK, left))
        if not piece:
            break
        parts.append(piece)
        left -= len(piece)
    return b"".join(parts)


def _describe(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_special(path: Path, name: str, limit: int, wait: float) -> bytes:
    """Up to `limit` bytes of a pipe or device, waiting at most `wait` seconds for each piece.

    A named pipe nobody writes to would block a plain read for ever; here the pipe is opened
    without blocking and polled, so a writer that never comes (or stops) is a refusal after `wait`.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        return _read_polled(
            fd,
            limit,
            wait,
            no_writer_yet=stat.S_ISFIFO(mode),
            silent=lambda what: InputError(
                f"cannot read {name!r}: it is {_describe(mode)} and {what} for {wait:g} s; "
                "start the program that writes to it first, or raise --timeout",
                reason="special",
            ),
        )
    finally:
        os.close(fd)


def _read_polled(
    fd: int, limit: int, wait: float, *, no_writer_yet: bool, silent: Callable[[str], InputError]
) -> bytes:
    """Up to `limit` bytes of the pipe, socket or device `fd`, refused with `silent(what)` when nothing
    comes for `wait` seconds. `no_writer_yet`: a named pipe opened without blocking, which reads empty
    (and polls as readable) until a writer opens it, not only at its end."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    parts: list[bytes] = []
    size = 0
    while size < limit:
        events = poller.poll(wait * 1000)
        if not events:
            raise silent("nothing was written to it" if not size else "the writer stopped")
        try:
            piece = os.read(fd, min(_CHUNK, limit - size))
        except BlockingIOError:
            continue
        if not piece:
            # The end: a pipe whose writer closed its end, or a device with no more to give (/dev/null).
            if not no_writer_yet or any(flags & select.POLLHUP for _, flags in events):
                break
            time.sleep(_NO_WRITER_PAUSE)  # no writer yet: poll() says "readable" at once, so do not spin
            continue
        parts.append(piece)
        size += len(piece)
    return b"".join(parts)


def read_bounded(p: Path, name: str, max_bytes: int, *, wait: float = DEFAULT_TIMEOUT) -> bytes:
    """At most `max_bytes` of a file; refuses more (also for devices and pipes that report no size).

    A named pipe or a device is read without blocking for ever: `wait` seconds at most for each piece.
    """
    try:
        mode = p.stat().st_mode
        if stat.S_ISREG(mode):
            size = p.stat().st_size
            if size > max_bytes:
                raise too_big(name, max_bytes, size)
            with p.open("rb") as fh:
                data = read_at_most(fh, max_bytes + 1)
        elif stat.S_ISDIR(mode):
            raise InputError(f"cannot read {name!r}: it is a directory; give a file")
        elif stat.S_ISSOCK(mode):  # cannot be opened at all (ENXIO)
            raise InputError(f"cannot read {name!r}: it is a socket, not a file; give the article as a file")
        elif hasattr(select, "poll"):
            data = _read_special(p, name, max_bytes + 1, wait)
        else:  # pragma: no cover - no poll() on this system: read as a file
            with p.open("rb") as fh:
                data = read_at_most(fh, max_bytes + 1)
    except PermissionError as exc:
        raise InputError(f"cannot read {name!r}: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(f"cannot read {name!r}: it is a directory; give a file") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"cannot read {name!r}: it is a symbolic link that leads round in a loop") from exc
        reason = exc.strerror or str(exc)
        raise InputError(
            f"cannot read {name!r}: {reason[:1].lower()}{reason[1:]}; give a file with the article's text"
        ) from exc
    if len(data) > max_bytes:
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):  # /dev/zero, /dev/urandom: a larger limit would not help
            raise InputError(
                f"cannot read {name!r}: it is a device and gave more than the {megabytes(max_bytes)} limit "
                "without ending; give a file with the article's text",
                reason="too-large",
            )
        raise too_big(name, max_bytes)
    return data


def load_path(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, wait: float = DEFAULT_TIMEOUT
) -> Document:
    """A document from a file on disk: text, a web page or JSON records (``file.jsonl#N`` picks one).

    `wait`: for a named pipe or a device, the seconds to wait for each piece of it (see `read_bounded`).
    """
    given = os.fsdecode(path)  # a bytes path too, as open() takes one
    if not given:  # Path('') is the current directory: say what is really wrong
        raise InputError("cannot read '': the input is an empty name; give a file, a URL or - for standard input")
    spec, selector = _split_selector(given)
    p = Path(spec)
    name = spec
    try:
        missing = not p.exists() and not os.path.islink(p)  # a link that leads nowhere is reported by read_bounded
        is_dir = p.is_dir()
    except OSError as exc:  # a name too long for the file system: not a file to read
        raise InputError(f"cannot read {given[:200]!r}: {exc.strerror or exc}; give the path of a file") from exc
    if missing:
        raise InputError(f"cannot read {given!r}: no such file")
    if is_dir:
        raise InputError(f"cannot read {name!r}: it is a directory; give a file")
    kind = _kind_of(p)
    # A PDF or Word file carries fonts and pictures beside its text, so its file may be larger than the
    # limit; what bounds the work is the text extracted from it, which `read_document` holds to `max_bytes`.
    file_limit = max_bytes * DOCUMENT_FILE_FACTOR if kind in _DOCUMENT_SUFFIXES.values() else max_bytes
    data = read_bounded(p, name, file_limit, wait=wait)
    document = document_from_bytes(data, name=name, kind=kind, selector=selector, source=name, max_bytes=max_bytes)
    if document.name and document.name.startswith(name):  # on screen, a file is called by its file name
        document = replace(document, name=p.name + document.name[len(name) :])
    return document


def _stdin_pipe(stream: BinaryIO) -> int | None:
    """The file descriptor of standard input when it is a pipe or a socket (not a file or a terminal), else None."""
    if not hasattr(select, "poll"):  # pragma: no cover - no poll() on this system
        return None
    try:
        fd = stream.fileno()
        mode = os.fstat(fd).st_mode
    except (OSError, ValueError, AttributeError):  # not a real file (a test's stand-in), or closed
        return None
    return fd if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) else None


def read_stdin(
    *, max_bytes: int = DEFAULT_MAX_BYTES, selector: str | None = None, wait: float = DEFAULT_TIMEOUT
) -> Document:
    """A document from standard input (at most `max_bytes`), of whatever kind it looks like.

    A pipe is read like a named pipe: refused when nothing comes through it for `wait` seconds
    (`sleep 1000 | storydiff compare - b.txt` would otherwise wait as long as its writer).
    A terminal is waited on: someone is typing.
    """
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # started with standard input closed (`<&-`)
        raise InputError("standard input is closed; give the article as a file, or pipe it in")
    try:
        fd = _stdin_pipe(stream)
        if fd is None:
            data = read_at_most(stream, max_bytes + 1)
        else:
            data = _read_polled(
                fd,
                max_bytes + 1,
                wait,
                no_writer_yet=False,
                silent=lambda what: InputError(
                    f"cannot read standard input: it is a pipe and {what} for {wait:g} s; "
                    "check the command that writes to it, or raise --timeout",
                    reason="special",
                ),
            )
    except OSError as exc:
        raise InputError(f"cannot read standard input: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise InputError(
            f"standard input is over the {megabytes(max_bytes)} limit; raise it with --max-size", reason="too-large"
        )
    return document_from_bytes(data, name="<stdin>", selector=selector, source="<stdin>", max_bytes=max_bytes)


def read_url(url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT) -> Document:
    """A document from an http(s) URL: the article of a page, a text, or a JSON record (``#N`` or ``#ID``)."""
    from .fetch import fetch, shown_url

    fetched = fetch(url, max_bytes=max_bytes, timeout=timeout)
    selector = urlsplit(url).fragment or None if fetched.kind == "json" else None
    host = urlsplit(fetched.url).hostname
    final_url = shown_url(fetched.url)  # a password in the URL is never shown in a report
    document = document_from_bytes(
        fetched.data,
        name=shown_url(url),
        kind=fetched.kind,
        selector=selector,
        url=final_url,
        charset=fetched.charset,
        source=host,
        max_bytes=max_bytes,
    )
    return document if document.url else replace(document, url=final_url)


def read_source(spec: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT) -> Document:
    """A document from a command-line argument: a path, a URL, or ``-`` for standard input.

    ``path#N`` / ``path#ID`` (and ``-#N``) pick a record from JSON records.
    `timeout` (seconds) applies to URLs, and to named pipes and devices (for each piece read).
    """
    if spec == "-" or spec.startswith("-#"):
        return read_stdin(max_bytes=max_bytes, selector=spec[2:] or None, wait=timeout)
    if is_url(spec):
        return read_url(spec, max_bytes=max_bytes, timeout=timeout)
    return load_path(spec, max_bytes=max_bytes, wait=timeout)
