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

import os
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Document
from .decode import check_text, decode
from .documents import document_kind, read_document
from .html import extract_article, html_charset, looks_like_html
from .limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, megabytes, too_big
from .records import parse_records, record_document, select_record

__all__ = [
    "document_from_bytes",
    "is_url",
    "load_path",
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
        number, record = select_record(parse_records(text, name), selector, name)
        document = record_document(record, name=name, number=number)
        check_text(document.text, document.name or name)
        return document
    if selector is not None:
        raise InputError(f"cannot read '{name}#{selector}': '#' picks a record only in JSON or JSON Lines files")
    if kind == "html":
        return extract_article(text, name=name, url=url, source=source)
    return Document(text, name=name, source=source or name, url=url)


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


def read_bounded(p: Path, name: str, max_bytes: int) -> bytes:
    """At most `max_bytes` of a file; refuses more (also for devices and pipes that report no size)."""
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise too_big(name, max_bytes, size)
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError as exc:
        raise InputError(f"cannot read {name!r}: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(f"cannot read {name!r}: it is a directory; give a file") from exc
    except OSError as exc:
        raise InputError(f"cannot read {name!r}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise too_big(name, max_bytes)
    return data


def load_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A document from a file on disk: text, a web page or JSON records (``file.jsonl#N`` picks one)."""
    given = os.fsdecode(path)  # a bytes path too, as open() takes one
    if not given:  # Path('') is the current directory: say what is really wrong
        raise InputError("cannot read '': the input is an empty name; give a file, a URL or - for standard input")
    spec, selector = _split_selector(given)
    p = Path(spec)
    name = spec
    try:
        exists, is_dir = p.exists(), p.is_dir()
    except OSError as exc:  # a name too long for the file system, a loop of links: not a file to read
        raise InputError(f"cannot read {given[:200]!r}: {exc.strerror or exc}; give the path of a file") from exc
    if not exists:
        raise InputError(f"cannot read {given!r}: no such file")
    if is_dir:
        raise InputError(f"cannot read {name!r}: it is a directory; give a file")
    data = read_bounded(p, name, max_bytes)
    document = document_from_bytes(
        data, name=name, kind=_kind_of(p), selector=selector, source=name, max_bytes=max_bytes
    )
    if document.name and document.name.startswith(name):  # on screen, a file is called by its file name
        document = replace(document, name=p.name + document.name[len(name) :])
    return document


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES, selector: str | None = None) -> Document:
    """A document from standard input (at most `max_bytes`), of whatever kind it looks like."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"standard input is over the {megabytes(max_bytes)} limit; raise it with --max-size", reason="too-large"
        )
    return document_from_bytes(data, name="<stdin>", selector=selector, source="<stdin>", max_bytes=max_bytes)


def read_url(url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT) -> Document:
    """A document from an http(s) URL: the article of a page, a text, or a JSON record (``#N`` or ``#ID``)."""
    from .fetch import fetch

    fetched = fetch(url, max_bytes=max_bytes, timeout=timeout)
    selector = urlsplit(url).fragment or None if fetched.kind == "json" else None
    host = urlsplit(fetched.url).hostname
    document = document_from_bytes(
        fetched.data,
        name=url,
        kind=fetched.kind,
        selector=selector,
        url=fetched.url,
        charset=fetched.charset,
        source=host,
        max_bytes=max_bytes,
    )
    return document if document.url else replace(document, url=fetched.url)


def read_source(spec: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT) -> Document:
    """A document from a command-line argument: a path, a URL, or ``-`` for standard input.

    ``path#N`` / ``path#ID`` (and ``-#N``) pick a record from JSON records.
    `timeout` (seconds) applies to URLs only.
    """
    if spec == "-" or spec.startswith("-#"):
        return read_stdin(max_bytes=max_bytes, selector=spec[2:] or None)
    if is_url(spec):
        return read_url(spec, max_bytes=max_bytes, timeout=timeout)
    return load_path(spec, max_bytes=max_bytes)
