"""Bytes to text: byte-order marks, UTF-8, declared charsets, detection, and refusing binary data.

A BOM decides (UTF-8, UTF-16, UTF-32); then UTF-8; then the charset a server
or a page declares; then detection by charset-normalizer, preferring
Windows-1252 (which reads Latin-1 too) when it fits as well as any. Binary
files (images, archives: a known signature, or NUL bytes that are not
UTF-16) are refused by name, because comparing garbage helps no one. PDF, Word
and OpenDocument files never get here from `sources`: `documents` reads them
first; the PDF signature stays below for callers that decode bytes directly.
"""

from __future__ import annotations

import codecs

from ..errors import InputError

__all__ = ["check_text", "decode"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# File signatures of formats people mistake for articles, and how to name them.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x7fELF", "a program"),
)

# Encodings that read the same bytes as Windows-1252 would, when the text is Western.
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})


def _binary_refusal(name: str, what: str) -> InputError:
    return InputError(
        f"cannot read {name!r}: it is {what}, not text; save the article as text (.txt), HTML or JSON", reason="binary"
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit at every other place, as in UTF-16 text without a BOM."""
    sample = data[:4096]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> str | None:
    """The likeliest legacy encoding, by charset-normalizer, with Windows-1252 winning ties."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if abs(m.chaos - best.chaos) < 1e-9 and abs(m.coherence - best.coherence) < 1e-9]
    if any(_WESTERN & set(m.could_be_from_charset) for m in tied):
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best.encoding)


def decode(data: bytes, name: str, *, declared: str | None = None) -> str:
    """Text from bytes: a BOM decides, else UTF-8, else the `declared` charset, else detection.

    `declared` is what a server's Content-Type or a page's <meta> says; valid
    UTF-8 wins over it because servers often declare Latin-1 by default.
    Binary data (a known file signature, or NUL bytes that are not UTF-16) is refused.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"cannot read {name!r}: it starts like {encoding} but is not valid {encoding}", reason="undecodable"
                ) from exc
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise _binary_refusal(name, what)
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16:
            try:
                return data.decode(utf16)
            except UnicodeDecodeError:
                pass
        raise _binary_refusal(name, "a binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            encoding = codecs.lookup(declared).name
            # Text with no NUL bytes is not UTF-16 or UTF-32 (their ASCII letters carry NULs), whatever a server
            # says: decoded so, cp1252 bytes become CJK-looking nonsense. Detection decides instead.
            if not encoding.startswith(("utf-16", "utf-32")):
                return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    detected = _detect(data)
    if detected is None:
        raise InputError(
            f"cannot read {name!r}: its bytes are not text in any likely encoding; save it as UTF-8",
            reason="undecodable",
        )
    return data.decode(detected, errors="replace")


# Binary data that happened to decode is full of control characters (a tenth of random bytes are); real
# text carries at most a few strays, from a PDF or a word processor's export: a real article of 4,400
# characters held 48 (1.1%). Above this share of the first 10,000 characters, the input is refused as binary.
_MAX_CONTROL_SHARE = 0.05


def check_text(text: str, name: str) -> str:
    """`text`, unless it is empty or mostly control characters (binary data that happened to decode)."""
    if not text.strip():
        raise InputError(f"cannot compare {name!r}: it is empty; give a file with the article's text", reason="empty")
    sample = text[:10000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, int(len(sample) * _MAX_CONTROL_SHARE)):
        raise _binary_refusal(name, "a binary file")
    return text
