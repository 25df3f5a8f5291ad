"""Reading sources into documents: files, web pages, URLs, JSON records and standard input.

The stage every input passes through before it is compared. One module a job:

* `sources`: what a command-line argument or a path names, and reading it within limits;
* `decode`: bytes to text (BOMs, UTF-8, declared and detected charsets), refusing binary data;
* `html`: the article body and metadata of a web page;
* `records`: JSON and JSON Lines article records (``file.jsonl#N``);
* `fetch`: http(s) URLs within time, size and redirect limits;
* `documents`: PDF, Word (.docx) and OpenDocument (.odt) files, within size and unpacking limits;
* `limits`: the size and time limits, shared by all of them.

A new input type goes in a module of its own here, called from
`sources.document_from_bytes` (by content) and `sources._kind_of` (by extension).
"""

from __future__ import annotations

import os

from ..model import Document
from .decode import decode
from .limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, megabytes
from .sources import document_from_bytes, is_url, load_path, read_bounded, read_source, read_stdin, read_url

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "decode",
    "document_from_bytes",
    "is_url",
    "load",
    "load_path",
    "megabytes",
    "read_bounded",
    "read_source",
    "read_stdin",
    "read_url",
]


def load(
    source: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT
) -> Document:
    """A document from what `storydiff compare` accepts as an input: a text file, a web page (article and
    metadata extracted), a JSON/JSON Lines record (``file.jsonl#N`` or ``#ID``), an http(s) URL, or ``-``
    for standard input. Refusals (missing, empty, binary, too big, unreachable) raise `InputError`.

    `compare()` reads a `str` as text; this is the call that reads a file or a URL.
    """
    return read_source(os.fsdecode(source), max_bytes=max_bytes, timeout=timeout)
