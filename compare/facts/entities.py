"""Names that change between the two sides of a group: `entity_changed`.

No model, only conservative rules. A name is a run of capitalised words that
are not capitalised merely by position (the first word of a sentence or of a
quote). A name change is reported only where the group's word diff replaced
a few words holding a name with a few words holding another name, and only
when the two cannot be the same entity:

* they share no word besides titles ("Mr Lavrov" and "Sergei Lavrov" are one person);
* neither is the initials of the other ("United States" / "US");
* the old name does not appear anywhere on the new side of the group, nor the
  new name on the old side (reordered names are not changed names);
* the new name is not one the old document already uses elsewhere: rewrites
  mostly put a broader or shorter reference there ("Turnpike Lane" → "London",
  "Union Flag" → "British"). The price: two known people swapped ("Mr Blinken"
  → "Mr Lavrov") are not reported.

Month and weekday names are left to `dates`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..normalise import Token
from ..segment import segment
from .context import GroupView, Side, finding
from .dates import MONTHS, WEEKDAYS
from .finding import Finding

__all__ = ["find_entities", "names", "same_entity"]

# Capitalised words that are titles or roles: part of a name as written, not of who it is.
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "president", "prime",
    "minister", "secretary", "general", "chancellor", "senator", "sen", "rep", "governor", "gov", "mayor",
    "judge", "justice", "king", "queen", "prince", "princess", "pope", "chief", "foreign", "state", "st",
    "saint", "the", "of", "de", "del", "van", "von", "and",
}  # fmt: skip
# Words capitalised for reasons other than naming.
_NOT_NAMES = {"i", "i'm", "i've", "i'll", "i'd", *(m.lower() for m in MONTHS), *(d.lower() for d in WEEKDAYS)}
_CONNECTORS = {"of", "de", "del", "van", "von", "the"}
# Words that join a following "of" into a name: "University of Warsaw", "Bank of England".
_JOINS_OF = {
    "university", "bank", "department", "ministry", "museum", "institute", "college", "school", "church",
    "house", "court", "council", "association", "society", "board", "office", "republic", "kingdom", "duke",
    "duchess", "earl", "isle", "bay", "gulf", "sea", "cape", "city", "state", "states", "secretary", "minister",
    "chancellor", "president", "king", "queen", "prince", "princess", "mayor", "governor", "director", "archbishop",
    "bishop", "lord", "lady", "sir", "party", "union", "league", "federation", "organisation", "organization",
}  # fmt: skip
# Name words too general to tell two names apart.
_GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "new", "great", "central"}
# Different names of one thing, folded before comparing.
_EQUIVALENT = {
    "usa": "us", "america": "us", "american": "us", "americans": "us", "united": "united",
    "uk": "uk", "britain": "uk", "british": "uk", "tory": "conservative", "tories": "conservative",
    "conservatives": "conservative", "labour's": "labour",
}  # fmt: skip
# A replaced stretch longer than this is a rewording, where names come and go for many reasons.
_MAX_REPLACED_WORDS = 5


def _is_name_word(token: Token, side: Side) -> bool:
    word = side.text[token.start : token.end]
    return word[:1].isupper() and token.key not in _NOT_NAMES and token.start not in side.initial


def names(side: Side) -> list[list[Token]]:
    """Runs of name words on one side, joined across "of"/"de"/"the" when a name word follows."""
    runs: list[list[Token]] = []
    tokens = side.tokens
    n = 0
    while n < len(tokens):
        if not _is_name_word(tokens[n], side):
            n += 1
            continue
        run = [tokens[n]]
        n += 1
        while n < len(tokens):
            gap = side.text[run[-1].end : tokens[n].start]
            if gap.strip():  # punctuation ends a name
                break
            if _is_name_word(tokens[n], side):
                run.append(tokens[n])
                n += 1
            elif (
                tokens[n].key in _CONNECTORS
                and (tokens[n].key != "of" or run[-1].key in _JOINS_OF)
                and n + 1 < len(tokens)
                and _is_name_word(tokens[n + 1], side)
                and not side.text[tokens[n].end : tokens[n + 1].start].strip()
            ):
                run.extend(tokens[n : n + 2])
                n += 2
            else:
                break
        runs.append(run)
    return runs


def _identity(run: Sequence[Token]) -> set[str]:
    """The words that say who or what a name is: hyphen and dot parts, without titles or a possessive."""
    words = set()
    for token in run:
        for part in re.split(r"[-\u2010\u2011.]", token.key.removesuffix("'s").removesuffix("\u2019s")):
            if part and part not in TITLES and part not in _GENERIC:
                words.add(_EQUIVALENT.get(part, part))
    return words


def _related(x: str, y: str) -> bool:
    """The same word in another form: "Bolivia"/"Bolivian", "DVD"/"DVDs", "Britain"/"British"."""
    if x == y:
        return True
    common = next((n for n, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
    return common >= min(4, len(x), len(y))


def _acronym(short: str, run: Sequence[Token]) -> bool:
    """`short` ("fa", "un") could stand for the words of `run` ("English Football Association")."""
    initials = "".join(t.key[0] for t in run if t.key not in _CONNECTORS)
    it = iter(initials)
    return 1 < len(short) <= 6 and len(short) < len(initials) + 1 and all(c in it for c in short)


def same_entity(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """Whether the two names may be the same entity (in which case nothing is claimed)."""
    ident_a, ident_b = _identity(a), _identity(b)
    if not ident_a or not ident_b:
        return True  # a title alone says nothing
    if any(_related(x, y) for x in ident_a for y in ident_b):
        return True
    key_a, key_b = "".join(t.key for t in a).replace(".", ""), "".join(t.key for t in b).replace(".", "")
    return _acronym(key_a, b) or _acronym(key_b, a)


def _known_together(view: GroupView, a: list[Token], b: list[Token]) -> bool:
    """Some name in either document holds words of both ("Raymond Lumbuenamo" for "Lumbuenamo" / "Raymond")."""
    ident_a, ident_b = _identity(a), _identity(b)
    for side in (view.a, view.b):
        for run in _document_names(side.text):
            words = set(run)
            if words & ident_a and words & ident_b:
                return True
    return False


@lru_cache(maxsize=8)
def _document_names(text: str) -> tuple[frozenset[str], ...]:
    whole = Side("a", text, tuple(segment(text)), 0)
    return tuple(frozenset(_identity(run)) for run in names(whole) if len(run) > 1)


def find_entities(view: GroupView) -> list[Finding]:
    """`entity_changed` findings for one group."""
    if not view.reliable:
        return []
    runs_a, runs_b = names(view.a), names(view.b)
    if not runs_a or not runs_b:
        return []
    out = []
    reported: set[int] = set()
    for a_words, b_words in view.replaced:
        if not a_words or not b_words or max(len(a_words), len(b_words)) > _MAX_REPLACED_WORDS:
            continue
        starts_a = {t.start for t in a_words}
        starts_b = {t.start for t in b_words}
        old = [r for r in runs_a if any(t.start in starts_a for t in r)]
        new = [r for r in runs_b if any(t.start in starts_b for t in r)]
        if len(old) != 1 or len(new) != 1:
            continue
        run_a, run_b = old[0], new[0]
        if run_a[0].start in reported or same_entity(run_a, run_b) or _known_together(view, run_a, run_b):
            continue
        text_a = view.a.text[run_a[0].start : run_a[-1].end]
        text_b = view.b.text[run_b[0].start : run_b[-1].end]
        changed_a = " ".join(t.key for t in run_a if t.start in starts_a)
        changed_b = " ".join(t.key for t in run_b if t.start in starts_b)
        if f" {changed_a} " in view.b.word_key or f" {changed_b} " in view.a.word_key:
            continue  # the name is still there (or was already there): moved, not changed
        if view.a.contains(text_b, anywhere=True):
            continue  # a name A already used elsewhere: most often a broader or shorter reference ("London")
        reported.add(run_a[0].start)
        out.append(
            finding(
                view,
                "entity_changed",
                (run_a[0].start, run_a[-1].end),
                (run_b[0].start, run_b[-1].end),
                f"{text_a} became {text_b}",
            )
        )
    return out
