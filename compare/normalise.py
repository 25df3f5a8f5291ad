"""Normalisation for matching: the keys storydiff compares, never what users see.

Outlets and copy desks change typography without changing a word: curly and
straight quotes, dashes, ligatures (ﬁ), non-breaking spaces, case. These are
folded away here so that only real changes of wording count. The original
text is always kept for display; tokens carry offsets into it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Token", "letters", "normalise", "normalise_token", "tokenize"]

# Typographic variants that NFKC leaves alone but a reader does not see as a change.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
    }
)  # fmt: skip

_SPACE = re.compile(r"\s+")

# A word: letters or digits, with inner apostrophes, dots, commas or hyphens kept
# when a letter or digit follows ("don't", "2.5", "1,100", "U.S", "two-thirds"), and
# a number keeps its minus sign ("-5", "\u22125"): a changed sign is a changed word.
WORD = re.compile(r"(?:(?<![\w.,])[-\u2212](?=\d))?\w+(?:['\u2019.,\-\u2010\u2011]\w+)*")


class Token(NamedTuple):
    """A word of the original text: its matching key and where it stands."""

    key: str
    start: int
    end: int


def normalise(text: str) -> str:
    """The matching key of a piece of text: NFKC, folded quotes and dashes, single spaces, casefolded.

    >>> normalise("  \u201cIt\u2019s   DONE\u201d \u2014 she said ")
    '"it\\'s done" - she said'
    """
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return _SPACE.sub(" ", text).strip().casefold()


@lru_cache(maxsize=100_000)
def normalise_token(word: str) -> str:
    """The matching key of one word (see `normalise`); cached, since news repeats its words."""
    if word.isascii():
        return word.lower()
    return unicodedata.normalize("NFKC", word).translate(_FOLD).casefold()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of `text[start:end]` with their keys and offsets into `text`.

    Punctuation is not a token: a changed comma is not a changed word.

    >>> [(t.key, t.start, t.end) for t in tokenize("Mr Blinken\u2019s 85%.")]
    [('mr', 0, 2), ("blinken's", 3, 12), ('85', 13, 15)]
    """
    matches = list(WORD.finditer(text, start, len(text) if end is None else end))
    keys = map(normalise_token, [m.group() for m in matches])
    return list(map(Token._make, zip(keys, [m.start() for m in matches], [m.end() for m in matches], strict=True)))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def letters(text: str, *, ascii_only: bool = False) -> str:
    """The letters and digits of `text`, casefolded, with typography folded away: accents dropped
    (NFKD without combining marks), control characters, punctuation and spaces ignored.

    A copy that lost its non-ASCII characters ("Gávea" → "Gvea", "Dürer" → "Du\\x08rer", "Kim Ki- Bum")
    still spells the same letters as the original in one of two ways: with accents folded (the default)
    or, with `ascii_only`, with every non-ASCII character of the original deleted.

    >>> letters("Gávea"), letters("Gávea", ascii_only=True), letters("Kim Ki- Bum"), letters("Du\x08rer")
    ('gavea', 'gvea', 'kimkibum', 'durer')
    """
    text = _CONTROL.sub("", text)
    if ascii_only:
        text = text.encode("ascii", "ignore").decode()
    else:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c for c in text.casefold() if c.isalnum() and c.isascii())
