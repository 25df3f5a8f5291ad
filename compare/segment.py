"""Sentence segmentation that keeps every sentence's place in the original text.

News copy is hard on naive splitters: titles (Mr, Dr, St), abbreviations
(U.S., Jan.), decimals and percentages (2.5%), initials, quotes that close
after the full stop, ellipses, and headlines or bullets with no full stop at
all. We use pysbd — a maintained rule-based segmenter that gets all of these
right on the seed article and the samples (syntok and blingfire joined
headlines to the next sentence) — and add what it does not do for us:

* line breaks end a sentence, so headlines, bylines and bullets stand alone;
* offsets: each sentence is located in the original text, so
  `text[s.start:s.end] == s.text` always holds;
* speed: a line with no possible boundary inside it skips pysbd altogether.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .model import Sentence

__all__ = ["from_sentences", "segment"]

# A line can only hold more than one sentence if a terminator is followed by a space.
_INNER_BOUNDARY = re.compile(r"[.!?\u2026;:][\"'\u2019\u201d)\]]*\s")
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# Past this length a "line" is not prose pysbd can help with; it is split at terminators only.
_PYSBD_MAX_LINE = 20_000
_CRUDE_BOUNDARY = re.compile(r"(?<=[.!?\u2026])[\"'\u2019\u201d)\]]*\s+")


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


@lru_cache(maxsize=4096)
def _split_line(line: str) -> tuple[str, ...]:
    """The sentences of one line, as pysbd sees them (stripped)."""
    if not _INNER_BOUNDARY.search(line.rstrip()):
        return (line.strip(),)
    pieces = _CRUDE_BOUNDARY.split(line) if len(line) > _PYSBD_MAX_LINE else _segmenter().segment(line)
    return tuple(p.strip() for p in pieces if p.strip())


def segment(text: str) -> list[Sentence]:
    """Split `text` into sentences with character offsets into `text`.

    Whitespace between sentences belongs to no sentence; a text with no
    words gives no sentences.

    >>> [s.text for s in segment("Mr. Smith paid $2.5m. \\u201cIt\\u2019s done,\\u201d he said.\\nNEXT HEADLINE")]
    ['Mr. Smith paid $2.5m.', '\\u201cIt\\u2019s done,\\u201d he said.', 'NEXT HEADLINE']
    """
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        cursor = line.start()
        pieces = _split_line(line.group())
        for n, piece in enumerate(pieces):
            found = text.find(piece, cursor, line.end())
            if found < 0:  # the segmenter changed the text: keep the rest of the line whole
                rest = text[cursor : line.end()]
                found = cursor + len(rest) - len(rest.lstrip())
                piece = rest.strip()
                pieces = pieces[: n + 1]
            sentences.append(Sentence(len(sentences), piece, found, found + len(piece)))
            cursor = found + len(piece)
            if len(pieces) == n + 1:
                break
        # Anything the segmenter dropped at the end of the line joins the last sentence.
        tail = text[cursor : line.end()]
        if tail.strip() and sentences:
            last = sentences[-1]
            end = line.end() - (len(tail) - len(tail.rstrip()))
            sentences[-1] = Sentence(last.index, text[last.start : end], last.start, end)
    return sentences


def from_sentences(sentences: Sequence[str]) -> tuple[str, list[Sentence]]:
    """A document text and its sentences from an already-segmented list, used exactly as given.

    Sentences are joined by newlines; each keeps its index in the list.
    """
    parts: list[Sentence] = []
    offset = 0
    for index, sentence in enumerate(sentences):
        parts.append(Sentence(index, sentence, offset, offset + len(sentence)))
        offset += len(sentence) + 1
    return "\n".join(sentences), parts
