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

One exception to the word diff: a person with the same given name and a
surname the old document never uses ("Frank Dancevic" / "Frank Lindqvist")
is reported wherever the diff put the two names (`_new_surnames`).

Month and weekday names are left to `dates`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..normalise import Token, letters
from ..segment import segment
from .context import GroupView, Side, finding
from .dates import MONTHS, WEEKDAYS
from .finding import Finding

__all__ = ["find_entities", "names", "same_entity"]

# Capitalised words that are titles or roles: part of a name as written, not of who it is.
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "president", "prime",
    "minister", "secretary", "general", "chancellor", "senator", "sen", "rep", "governor", "gov", "mayor",
    "judge", "justice", "vice", "colonel",
    "captain", "sergeant", "king", "queen", "prince", "princess", "pope", "chief", "foreign", "state", "st",
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
# Words that say what kind of place or body a name is, not which: "Ebon Atoll" is "Ebon Island".
_KINDS = {
    "island", "islands", "atoll", "river", "lake", "sea", "ocean", "mountain", "mountains", "mount", "valley",
    "county", "city", "town", "village", "province", "region", "street", "road", "avenue", "square", "park",
    "bridge", "university", "college", "school", "hospital", "airport", "station", "club", "party", "council",
    "company", "group", "hotel", "house", "hall", "centre", "center", "museum", "festival", "prize", "award",
    "cup", "league", "times", "post", "news", "bay", "coast", "desert", "forest", "district", "state",
    "states", "republic", "kingdom", "government", "ministry", "department", "office", "agency", "institute",
    "stadium", "ground", "arena", "cathedral", "church", "palace", "theatre", "gallery", "library",
}  # fmt: skip
# Generation marks after a surname: "Martin Luther King Jr" is King.
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
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
    if _same_letters(" ".join(t.key for t in a), " ".join(t.key for t in b)):
        return True  # the same name typed with other typography ("Gávea" / "Gvea", "Mysłajek" / "Mys_ajek")
    last_a, last_b = _surname(a), _surname(b)
    if (
        len(ident_a) > 1
        and len(ident_b) > 1
        and last_a
        and last_b
        and not any(_related(last_a, y) for y in ident_b)
        and not any(_related(last_b, x) for x in ident_a)
    ):
        return False  # "Jane Holloway" / "Jane Ferreira": a shared first name, two people
    if any(_related(x, y) for x in ident_a for y in ident_b):
        return True
    key_a, key_b = "".join(t.key for t in a).replace(".", ""), "".join(t.key for t in b).replace(".", "")
    return _acronym(key_a, b) or _acronym(key_b, a)


def _same_letters(a: str, b: str) -> bool:
    """`a` and `b` spell the same letters once typography is folded: accents and non-ASCII characters
    lost, control characters standing in for them, stray spaces or punctuation ("Dürer" / "Du\\x08rer")."""
    folded_b = letters(b)
    return bool(folded_b) and folded_b in (letters(a), letters(a, ascii_only=True))


def _retyped(view: GroupView, run_a: Sequence[Token], run_b: Sequence[Token]) -> bool:
    """B's text where its name starts spells A's name once typography is folded: the same name, its
    accents, apostrophes or dashes lost, or turned into control characters that cut the word in two
    ("Dürer" read as "Du" in "Du\\x08rer", "Kim Ki-Bum" as "Kim Ki" in "Kim Ki- Bum")."""
    for start_a, start_b in ((run_a[0].start, run_b[0].start), (run_a[-1].start, run_b[-1].start)):
        text_a = view.a.text[start_a : run_a[-1].end]
        folded_b = letters(view.b.text[start_b : start_b + 2 * len(text_a) + 8])
        if any(k and folded_b.startswith(k) for k in (letters(text_a), letters(text_a, ascii_only=True))):
            return True
    # One name's letters begin the other's: "John Lewiss" for "John Lewis’s Christmas" (the apostrophe lost,
    # and the name read one word shorter).
    name_a = view.a.text[run_a[0].start : run_a[-1].end]
    name_b = letters(view.b.text[run_b[0].start : run_b[-1].end])
    return (
        len(run_a) > 1
        and len(run_b) > 1
        and any(
            k.startswith(name_b) or name_b.startswith(k) for k in (letters(name_a), letters(name_a, ascii_only=True))
        )
    )


def _surname(run: Sequence[Token]) -> str:
    """The last identity word of a name ("holloway" of "Interior Secretary Jane Holloway"), without "Jr"."""
    for token in reversed(run):
        key = token.key.removesuffix("'s").removesuffix("\u2019s")
        part = re.split(r"[-\u2010\u2011.]", key)[-1] or key
        if part not in TITLES and part not in _GENERIC and part not in _SUFFIXES and part not in _KINDS:
            return _EQUIVALENT.get(part, part)
    return ""


def _without_titles(run: list[Token]) -> list[Token]:
    """The name without leading titles while two words remain: "Jane Holloway" of "Secretary Jane Holloway"."""
    while len(run) > 2 and run[0].key in TITLES:
        run = run[1:]
    return run


def _known_together(view: GroupView, a: list[Token], b: list[Token]) -> bool:
    """Some name in either document holds words of both ("Raymond Lumbuenamo" for "Lumbuenamo" / "Raymond")."""
    ident_a, ident_b = _identity(a), _identity(b)
    ident_a, ident_b = ident_a - ident_b, ident_b - ident_a  # the words that differ: "Jane" says nothing
    for side in (view.a, view.b):
        for run in _document_names(side.text):
            words = set(run)
            if words & ident_a and words & ident_b:
                return True
    return False


@lru_cache(maxsize=8)
def _document_runs(text: str) -> tuple[tuple[Token, ...], ...]:
    """The names of a whole document (`names`), segmented and read once for both uses below."""
    whole = Side("a", text, tuple(segment(text)))
    return tuple(tuple(run) for run in names(whole))


@lru_cache(maxsize=8)
def _document_words(text: str) -> frozenset[str]:
    """The identity words of every name in the document ("us" for "the US"), to tell a known name from a new one."""
    return frozenset(word for run in _document_runs(text) for word in _identity(run))


@lru_cache(maxsize=8)
def _document_names(text: str) -> tuple[frozenset[str], ...]:
    """The identity words of each name of two or more words in the document (see `_known_together`)."""
    return tuple(frozenset(_identity(run)) for run in _document_runs(text) if len(run) > 1)


def find_entities(view: GroupView) -> list[Finding]:
    """`entity_changed` findings for one group."""
    if not (view.reliable or view.loose) or not (_new_capitals(view.a, view.b) and _new_capitals(view.b, view.a)):
        return []  # a changed name needs a capitalised word on each side that the other side lacks
    runs_a, runs_b = names(view.a), names(view.b)
    if not runs_a or not runs_b:
        return []
    out = []
    reported: set[int] = set()
    limit = _MAX_REPLACED_WORDS if view.reliable else 2  # in a loose group, only a name edited in place
    for a_words, b_words in view.replaced:
        if not a_words or not b_words or max(len(a_words), len(b_words)) > limit:
            continue
        starts_a = {t.start for t in a_words}
        starts_b = {t.start for t in b_words}
        old = [r for r in runs_a if any(t.start in starts_a for t in r)]
        new = [r for r in runs_b if any(t.start in starts_b for t in r)]
        if len(old) != 1 or len(new) != 1:
            continue
        run_a, run_b = old[0], new[0]
        if (
            run_a[-1].end in reported
            or same_entity(run_a, run_b)
            or _retyped(view, run_a, run_b)
            or _known_together(
                view, [t for t in run_a if t.start in starts_a], [t for t in run_b if t.start in starts_b]
            )
        ):
            continue
        if any(
            sa[0] <= run_a[-1].start < sa[1] and sb[0] <= run_b[-1].start < sb[1] for sa, sb in view.renamed_speakers
        ):
            continue  # a renamed speaker: reported once, as `attribution_changed`
        if _surname(run_a) in view.b.words:
            continue  # the person is still named on the other side ("Vice President Joseph R. Biden Jr.")
        run_a, run_b = _without_titles(run_a), _without_titles(run_b)
        text_b = view.b.text[run_b[0].start : run_b[-1].end]
        changed_a = " ".join(t.key for t in run_a if t.start in starts_a)
        changed_b = " ".join(t.key for t in run_b if t.start in starts_b)
        if f" {changed_a} " in view.b.word_key or f" {changed_b} " in view.a.word_key:
            continue  # the name is still there (or was already there): moved, not changed
        if view.a.contains(text_b, anywhere=True) or _identity(run_b) <= _document_words(view.a.text):
            continue  # a name A already used elsewhere: most often a broader or shorter reference ("London")
        if view.loose and _identity(run_a) <= _document_words(view.b.text):
            continue  # loosely aligned, and B names A's entity elsewhere: another way to refer to it ("Moscow")
        reported.add(run_a[-1].end)
        out.append(_renamed(view, run_a, run_b))
    out.extend(_new_surnames(view, runs_a, runs_b, reported, {f.b_end for f in out}))
    return out


def _new_capitals(side: Side, other: Side) -> bool:
    """Some capitalised word of `side` is not a word of `other` (a cheap test before reading names)."""
    text, words = side.text, other.words
    return any(text[t.start].isupper() and t.key not in words for t in side.tokens)


def _given(run: Sequence[Token]) -> str:
    """The first identity word of a name: the given name of "Secretary Jane Holloway"."""
    return next((t.key for t in run if t.key not in TITLES and t.key not in _GENERIC), "")


def _new_surnames(
    view: GroupView, runs_a: list[list[Token]], runs_b: list[list[Token]], done_a: set[int], done_b: set[int]
) -> list[Finding]:
    """People whose surname changed wherever the word diff put them: "Frank Dancevic" in A and "Frank
    Lindqvist" in B, a surname A's document never uses. The same given name and a surname new to the
    story is a renamed person, however much the sentence around it was rewritten."""
    out = []
    people_a = [r for r in runs_a if len(_identity(r)) >= 2 and r[-1].end not in done_a]
    for run_b in runs_b:
        if len(_identity(run_b)) < 2 or run_b[-1].end in done_b:
            continue
        surname_b = _surname(run_b)
        if not surname_b or f" {surname_b} " in view.a.document_words or f" {surname_b} " in view.a.word_key:
            continue
        given = _given(run_b)
        for run_a in people_a:
            surname_a = _surname(run_a)
            if _given(run_a) != given or not surname_a or _related(surname_a, surname_b):
                continue
            if _retyped(view, run_a, run_b):
                break  # the same person, typed without A's accents
            if any(sa[0] <= run_a[-1].start < sa[1] for sa, _ in view.renamed_speakers):
                break  # reported as the quote's speaker
            out.append(_renamed(view, _without_titles(run_a), _without_titles(run_b)))
            people_a.remove(run_a)
            break
    return out


def _renamed(view: GroupView, run_a: Sequence[Token], run_b: Sequence[Token]) -> Finding:
    """`entity_changed` from A's name `run_a` to B's `run_b` (each already without its leading titles)."""
    span_a, span_b = (run_a[0].start, run_a[-1].end), (run_b[0].start, run_b[-1].end)
    explanation = f"{view.a.text[span_a[0] : span_a[1]]} became {view.b.text[span_b[0] : span_b[1]]}"
    return finding(view, "entity_changed", span_a, span_b, explanation)
