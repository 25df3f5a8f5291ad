"""Reading sources into documents: files and standard input, decoded and checked.

What is refused, and why: a missing path or a directory (nothing to read), an
empty or whitespace-only text (nothing to compare), a binary file (comparing
garbage helps no one), bytes that decode in no likely encoding, and inputs
larger than `max_bytes` (so memory never grows without bound). Each refusal is
an `InputError` whose message names the input and what to do.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import InputError
from .model import Document

__all__ = ["DEFAULT_MAX_BYTES", "decode", "load_path", "read_source"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, name: str) -> str:
    """Text from bytes: a BOM decides, else UTF-8, else the encoding charset-normalizer finds.

    Binary data (NUL bytes without a UTF-16/32 BOM, or mostly control bytes) is refused.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"cannot read {name!r}: it starts like {encoding} but is not valid {encoding}"
                ) from exc
    if b"\x00" in data[:8192]:
        raise InputError(f"cannot read {name!r}: it is a binary file, not text; give a text, HTML or JSON article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        raise InputError(f"cannot read {name!r}: its bytes are not text in any likely encoding; save it as UTF-8")
    return data.decode(best.encoding, errors="replace")


def _check_text(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(f"cannot compare {name!r}: it is empty; give a file with the article's text")
    controls = sum(1 for ch in text[:10000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:10000]) // 100):
        raise InputError(f"cannot read {name!r}: it looks like a binary file, not text")
    return text


def load_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A document from a file on disk."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"cannot read {name!r}: no such file")
    if p.is_dir():
        raise InputError(f"cannot read {name!r}: it is a directory; give a file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"cannot read {name!r}: it is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
                "raise it with --max-size"
            )
        data = p.read_bytes()
    except PermissionError as exc:
        raise InputError(f"cannot read {name!r}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot read {name!r}: {exc.strerror or exc}") from exc
    text = _check_text(decode(data, name), name)
    return Document(text, name=p.name, source=name)


def read_source(spec: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A document from a command-line argument: a path, or `-` for standard input."""
    if spec == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"standard input is over the {max_bytes / 1e6:.0f} MB limit; raise it with --max-size")
        text = _check_text(decode(data, "<stdin>"), "<stdin>")
        return Document(text, name="<stdin>")
    return load_path(spec, max_bytes=max_bytes)
