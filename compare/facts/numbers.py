"""Numbers that change between the two sides of a group: `number_changed`.

Every figure is read as a value first — numerals ("1,100", "2.5"), words
("ten", "twenty-five", "two-thirds"), currencies ("$1.1bn", "£30,000",
"1,100 pounds"), percentages ("85%", "85 per cent") and magnitudes ("bn",
"million") — so that "ten minutes" and "10 minutes" are the same figure.

Conservative by design: a figure on one side that states the same amount
of the same thing anywhere on the other side of the group is never reported
(the same value in another currency or measure is a change: "$5m" / "£5m",
"10 miles" / "10 kilometres"). What is left is reported only when it can be
paired with a leftover figure on the other side: because the word diff
replaced one with the other (in a reliable group), because both count the
same thing (the same currency, "%", or the same following word: "10
minutes" / "20 minutes"; in a loosely similar group only where they also
stand in the same place), or because one value is said once on each side in
two units of one dimension ("12 months" / "12 years"). When several figures
could pair, those with the longest run of the same words around them pair
first. A figure that is simply dropped is not a changed figure. Years and
days of the month belong to `dates`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..normalise import tokenize
from .context import GroupView, Side, finding
from .finding import Finding

__all__ = ["Figure", "figures", "find_numbers"]

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_FRACTIONS = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
    "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10,
}  # fmt: skip
_MAGNITUDE = {
    "hundred": 1e2, "dozen": 12, "thousand": 1e3, "k": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
    "bn": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12,
}  # fmt: skip
_CURRENCY_SYMBOL = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_CURRENCY_WORD = {
    "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP", "euro": "EUR", "euros": "EUR",
    "yen": "JPY", "rupees": "INR", "rupee": "INR",
}  # fmt: skip
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
# Words after which "one" is a pronoun, not a count ("no one", "the one who"), and words after it that make it one.
_PRONOUN_ONE = {"no", "any", "every", "the", "this", "that", "which", "each", "someone", "anyone"}
_PRONOUN_ONE_AFTER = {"that", "who", "which", "another", "whose", "whom"}
# Time units in one unit: "four decades" is "forty years".
_IN_YEARS = {"decade": 10.0, "century": 100.0, "centurie": 100.0}
# A replaced stretch of words longer than this is a rewording; figures in it are paired only by what they count.
_SMALL_EDIT = 3
# Words that say nothing about what is counted, skipped when looking for the unit.
_FILLER = {
    "of", "the", "a", "an", "more", "than", "per", "about", "around", "some", "nearly", "almost", "over",
    "its", "their", "his", "her", "our", "your", "my", "them", "these", "those", "all", "and", "or", "to", "in",
}  # fmt: skip

_WORD_NUMBER = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[-\u2010\u2011]\s?(?:" + "|".join(k for k in _SMALL if _SMALL[k] < 10) + r"))?"
    r"|" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r")"
)
# "a third" and "30%" are the same rough figure; "a third" and "25%" are not.
_FRACTION_TOLERANCE = 0.035
_FIGURE = re.compile(
    r"""
    (?:(?P<sign>(?<![\w.,/:\-\u2010\u2011\u2212])[-\u2212](?=[$£€¥]?\d))|(?<![\w.,/:\-\u2010\u2011\u2212]))
    (?:
        (?P<fraction>(?:(?P<numerator>one|two|three|four|five|six|seven|eight|nine)[-\u2010\u2011\s]|a\s)
            (?P<denominator>halves|half|thirds?|quarters?|fifths?|tenths?)
          | (?P<half>half)(?=\s+(?:of|the)\b))
      | (?P<currency>US\$|\$|£|€|¥)?\s?
        (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"""
    + _WORD_NUMBER
    + r""")
        (?:[\s-]?(?P<magnitude>hundred|dozen|thousand|million|billion|trillion|bn|mn|tn|m|k)(?![\w]))?
        (?P<percent>\s?%|\s(?:per\s?cent|percent)\b)?
    )
    (?![\w%\u00a3$\u20ac]|[/:.,]\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Figure:
    """A figure read from text: its value, what sort of value it is, what it counts, and where it is."""

    value: float
    alternative: float | None  # another reading of the same words: "10m" is 10 million, or 10 metres
    sort: str  # "percent", "fraction" or "count" (a count may carry a currency)
    unit: str  # "%", a currency code, or the word that follows ("minute" for "10 minutes"); may be ""
    start: int
    end: int

    def same_value(self, other: Figure) -> bool:
        """True when the two figures say the same amount ("two-thirds" and "67%" count as the same)."""
        if {self.sort, other.sort} == {"percent", "fraction"}:
            pct, frac = (self, other) if self.sort == "percent" else (other, self)
            return abs(pct.value / 100 - frac.value) <= _FRACTION_TOLERANCE
        mine = {self.value, self.alternative} - {None}
        theirs = {other.value, other.alternative} - {None}
        return any(math.isclose(x, y, rel_tol=1e-9) for x in mine for y in theirs)  # type: ignore[arg-type]

    def comparable(self, other: Figure) -> bool:
        """True when one could have been edited into the other: the same sort, and not two different
        currencies unless the amount is the same ("$5m" → "£5m" is a changed currency)."""
        if self.sort != other.sort and {self.sort, other.sort} != {"percent", "fraction"}:
            return False
        currencies = {u for u in (self.unit, other.unit) if _is_currency(u)}
        return len(currencies) <= 1 or self.same_value(other)

    def same_fact(self, other: Figure) -> bool:
        """The same amount of the same thing: equal values, and not two different currencies or
        measures ("10 miles" is not "10 kilometres")."""
        if not self.same_value(other):
            return False
        if self.unit == other.unit:
            return True
        units = {self.unit, other.unit}
        if all(_is_currency(u) for u in units):
            return False
        return not all(u in _MEASURES for u in units)


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper()


# Units of measure (as `_following_unit` gives them) by dimension: the same value in two of them is a
# different figure, and the same value in two of one dimension is an edited one ("12 months" / "12 years").
_DIMENSIONS = {
    "length": {"metre", "kilometre", "mile", "foot", "inch", "centimetre", "millimetre", "yard"},
    "mass": {"kilogram", "gram", "tonne", "ton"},
    "volume": {"litre", "gallon"},
    "time": {"second", "minute", "hour", "day", "week", "month", "year"},
    "area": {"acre", "hectare"},
}  # fmt: skip
_ALIASES = {
    "km": "kilometre", "kilometer": "kilometre", "meter": "metre", "m": "metre", "cm": "centimetre",
    "mm": "millimetre", "feet": "foot", "ft": "foot", "inche": "inch", "kg": "kilogram", "g": "gram",
    "lb": "pound", "liter": "litre", "l": "litre", "hr": "hour", "min": "minute", "sec": "second",
}  # fmt: skip
_MEASURES = {unit for units in _DIMENSIONS.values() for unit in units} | {"degree", "mph", "kmh"}


def _same_dimension(a: str, b: str) -> bool:
    return any(a in units and b in units for units in _DIMENSIONS.values())


def _word_value(word: str) -> float:
    # "Ninety- one": a copy that lost its typography may leave a space after the hyphen.
    word = re.sub(r"-\s+", "-", word.lower().replace("\u2010", "-").replace("\u2011", "-"))
    if word in _SMALL:
        return _SMALL[word]
    if "-" in word:
        tens, unit = word.split("-", 1)
        return _TENS[tens] + _SMALL[unit]
    return _TENS[word]


def figures(text: str, start: int, end: int) -> list[Figure]:
    """The figures in `text[start:end]`, offsets into `text`.

    >>> [(f.value, f.sort, f.unit) for f in figures("Talks lasted ten minutes, down 85 per cent to $1.1bn.", 0, 54)]
    [(10.0, 'count', 'minute'), (85.0, 'percent', '%'), (1100000000.0, 'count', 'USD')]
    """
    out = []
    for m in _FIGURE.finditer(text, start, end):
        unit = ""
        alternative = None
        if m.group("fraction"):
            if m.group("half"):
                value = 0.5
            else:
                numerator = m.group("numerator")
                value = (_SMALL[numerator.lower()] if numerator else 1) * _FRACTIONS[m.group("denominator").lower()]
            sort = "fraction"
        else:
            raw = m.group("number")
            if raw[0].isdigit():
                value = float(raw.replace(",", ""))
            else:
                value = float(_word_value(raw))
                if raw.lower() == "one" and (
                    _previous_word(text, m.start(), start) in _PRONOUN_ONE
                    or _following_unit(text, m.end(), end, raw=True) in _PRONOUN_ONE_AFTER
                ):
                    continue
            if _label_or_name(text, m.start(), m.end(), start):
                continue
            magnitude = m.group("magnitude")
            if magnitude:
                if magnitude.lower() in ("m", "k") and not m.group("currency"):
                    alternative = value  # "10m" may be metres, "5k" a race
                value *= _MAGNITUDE[magnitude.lower()]
            if m.group("sign"):
                value, alternative = -value, (None if alternative is None else -alternative)
            if m.group("percent"):
                sort, unit = "percent", "%"
            else:
                sort = "count"
                if m.group("currency"):
                    unit = _CURRENCY_SYMBOL[m.group("currency").lower()]
            if (
                sort == "count"
                and not m.group("currency")
                and not magnitude
                and raw.isdigit()
                and (1800 <= value <= 2100 or _near_month(text, m.start(), m.end(), start, end))
            ):
                continue  # a year or a day of the month: a date, not a figure
        if not unit:
            unit = _following_unit(text, m.end(), end)
            if unit in _IN_YEARS:
                value, unit = value * _IN_YEARS[unit], "year"
        out.append(Figure(value, alternative, sort, unit, m.start(), m.end()))
    return out


def _previous_word(text: str, position: int, floor: int) -> str:
    words = tokenize(text, max(floor, position - 30), position)
    return words[-1].key if words else ""


def _label_or_name(text: str, start: int, end: int, floor: int) -> bool:
    """A list label ("8 You can't cure jet lag") or part of a name ("Clermont Foot 63", "Boeing 747")."""
    before = text[floor:start]
    if not before.strip():
        following = tokenize(text, end, min(len(text), end + 30))
        return bool(following) and text[following[0].start].isupper()
    window = before[-30:]
    words = tokenize(window)
    if not words or window[words[-1].end :] != " ":
        return False
    word = window[words[-1].start : words[-1].end]
    preceding = before[: len(before) - len(window) + words[-1].start]
    sentence_initial = not preceding.strip() or preceding.rstrip()[-1:] in "“\"'(:"
    return word[:1].isupper() and not sentence_initial


def _near_month(text: str, start: int, end: int, floor: int, ceiling: int) -> bool:
    before = tokenize(text, max(floor, start - 12), start)
    after = tokenize(text, end, min(ceiling, end + 12))
    return bool((before and before[-1].key.rstrip(".") in _MONTHS) or (after and after[0].key in _MONTHS))


def _following_unit(text: str, position: int, ceiling: int, *, raw: bool = False) -> str:
    """What a figure counts: the first following word that is not filler, singular ("minutes" → "minute").

    With `raw`, simply the next word.
    """
    previous = position
    first = ""
    for token in tokenize(text, position, min(ceiling, position + 40))[:3]:
        if text[previous : token.start].strip(" -\u2010\u2011"):
            break  # punctuation: what follows is not what the figure counts ("Costa, 36, was born")
        previous = token.end
        key = token.key
        if raw:
            return key
        if key in _FILLER:
            continue
        if key in _CURRENCY_WORD:
            return _CURRENCY_WORD[key]
        if not key.isalpha():
            break
        unit = key[:-1] if key.endswith("s") and not key.endswith("ss") and len(key) > 3 else key
        unit = _ALIASES.get(unit, unit)
        if first or unit in _MEASURES:
            return unit if unit in _MEASURES else first  # "12 straight months" counts months
        first = unit
    return first


def _side_figures(side: Side) -> list[Figure]:
    """The figures of the side's sentences, read once per side (`_same_place` asks again for each pair)."""
    if "figures" not in side.memo:
        side.memo["figures"] = [f for s in side.sentences for f in figures(side.text, s.start, s.end)]
    out: list[Figure] = side.memo["figures"]
    return out


def find_numbers(view: GroupView) -> list[Finding]:
    """`number_changed` findings for one group: leftover figures paired across the sides.

    In a loosely similar group (`GroupView.loose`) only figures in the same place are paired: the
    same word before them and the same unit after ("within 24 hours" / "within 27 hours").
    """
    if not (view.reliable or view.loose):
        return []
    a_figures = _side_figures(view.a)
    b_figures = _side_figures(view.b)
    if not a_figures or not b_figures:
        return []
    left_a = list(a_figures)
    left_b = list(b_figures)
    for fig in a_figures:  # a figure said on both sides is not a change, whatever the wording around it
        twin = next((g for g in left_b if fig.same_fact(g)), None)
        if twin is not None:
            left_a.remove(fig)
            left_b.remove(twin)
    changed_a, changed_b = list(left_a), list(left_b)  # the figures not said on both sides
    pairs: list[tuple[Figure, Figure]] = []
    for a_words, b_words in view.replaced if view.reliable else ():  # figures the word diff replaced
        if not a_words or not b_words:
            continue
        span_a = (a_words[0].start, a_words[-1].end)
        span_b = (b_words[0].start, b_words[-1].end)
        in_a = [f for f in left_a if span_a[0] <= f.start < span_a[1]]
        in_b = [g for g in left_b if span_b[0] <= g.start < span_b[1]]
        small = max(len(a_words), len(b_words)) <= _SMALL_EDIT
        for fig, twin in _closest_pairs(view, in_a, in_b, _replaced_by if small else _replaced_in_unit):
            pairs.append((fig, twin))
            left_a.remove(fig)
            left_b.remove(twin)

    def same_thing(fig: Figure, g: Figure) -> bool:
        """They count the same thing, or give the same amount in the same place."""
        return fig.comparable(g) and bool(
            (
                fig.unit
                and g.unit == fig.unit
                and (
                    view.reliable
                    or _same_place(view, fig, g)
                    or _last_of_unit(fig.unit, a_figures, b_figures, changed_a, changed_b)
                )
            )
            or (fig.same_value(g) and fig.unit and g.unit and _same_place(view, fig, g))
            or (fig.same_value(g) and _same_dimension(fig.unit, g.unit) and _once(fig, a_figures, b_figures))
        )

    for fig, twin in _closest_pairs(view, left_a, left_b, same_thing):  # then: the figures left
        pairs.append((fig, twin))
        left_a.remove(fig)
        left_b.remove(twin)
    pairs = [(fig, twin) for fig, twin in pairs if not _dash_lost(view, fig, twin)]
    return [_changed(view, fig, twin) for fig, twin in sorted(pairs, key=lambda pair: pair[0].start)]


def _changed(view: GroupView, fig: Figure, twin: Figure) -> Finding:
    """`number_changed` for A's `fig` and B's `twin`; where the value is the same, the unit is what changed,
    and each side's span runs to the end of its unit word ("10 miles" / "10 kilometres")."""
    unit_changed = fig.same_value(twin)
    a_end = _unit_end(view.a.text, fig) if unit_changed else fig.end
    b_end = _unit_end(view.b.text, twin) if unit_changed else twin.end
    return finding(
        view,
        "number_changed",
        (fig.start, a_end),
        (twin.start, b_end),
        f"{view.a.text[fig.start : a_end]} became {view.b.text[twin.start : b_end]}",
        a_value=fig.value,
        b_value=twin.value,
    )


def _replaced_by(fig: Figure, twin: Figure) -> bool:
    """In a small edit of the word diff, any comparable figure replaced this one."""
    return fig.comparable(twin)


def _replaced_in_unit(fig: Figure, twin: Figure) -> bool:
    """In a larger edit, only a figure of the same unit replaced this one."""
    return fig.comparable(twin) and bool(fig.unit and fig.unit == twin.unit)


def _closest_pairs(
    view: GroupView, a_figures: list[Figure], b_figures: list[Figure], allowed: Callable[[Figure, Figure], bool]
) -> list[tuple[Figure, Figure]]:
    """Allowed pairs of the figures, each figure in one pair at most, those told in the same words first.

    When one side gives two figures of a kind and the other one ("300 jobs in Ohio and 200 jobs in
    Texas" / "250 jobs in Texas"), the one whose surrounding words the other side repeats is the one
    that changed: pairs are taken by the length of the run of words they share on either side
    (`_shared_run`), longest first, and in reading order where runs are equal.
    """
    options = [
        (-_shared_run(view, fig, g), n, m, fig, g)
        for n, fig in enumerate(a_figures)
        for m, g in enumerate(b_figures)
        if allowed(fig, g)
    ]
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    out = []
    for _, n, m, fig, g in sorted(options, key=lambda option: option[:3]):
        if n not in taken_a and m not in taken_b:
            taken_a.add(n)
            taken_b.add(m)
            out.append((fig, g))
    return out


_RUN_WINDOW = 200  # characters read on each side of a figure for the words around it


def _shared_run(view: GroupView, fig: Figure, twin: Figure) -> int:
    """How many words right before and right after the two figures are the same on both sides."""

    def keys(text: str, start: int, end: int) -> list[str]:
        return [word.key for word in tokenize(text, max(0, start), min(len(text), end))]

    def common(x: list[str], y: list[str]) -> int:
        return next((k for k, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))

    a_text, b_text = view.a.text, view.b.text
    before = common(
        keys(a_text, fig.start - _RUN_WINDOW, fig.start)[::-1], keys(b_text, twin.start - _RUN_WINDOW, twin.start)[::-1]
    )
    after = common(keys(a_text, fig.end, fig.end + _RUN_WINDOW), keys(b_text, twin.end, twin.end + _RUN_WINDOW))
    return before + after


# Digit runs joined by marks a plain-ASCII copy loses (dashes, or control characters standing for them).
_JOINED = re.compile(r"\d+(?:\s*[^\x20-\x7e\s]+\s*\d+)+")
_DIGITS = re.compile(r"\d+")


def _joined_digits(text: str, position: int) -> str:
    """The digits of figures joined by a non-ASCII mark around `position` ("198485" for "1984 – 85")."""
    for m in _JOINED.finditer(text, max(0, position - 40), position + 40):
        if m.start() <= position < m.end():
            return "".join(c for c in m.group() if c.isdigit())
    return ""


def _digits_at(text: str, position: int) -> str:
    m = _DIGITS.match(text, position)
    return m.group() if m else ""


def _dash_lost(view: GroupView, fig: Figure, twin: Figure) -> bool:
    """One side's figures are the other's with the dash between them lost ("6–3" typed "63", "1984–85"
    typed "198485" by a copy stripped of non-ASCII characters): the same figures, not a change. Only marks
    a plain-ASCII copy loses count: "5.5" and "55" differ."""
    joined_a, joined_b = _joined_digits(view.a.text, fig.start), _joined_digits(view.b.text, twin.start)
    return bool(joined_a and joined_a == _digits_at(view.b.text, twin.start)) or bool(
        joined_b and joined_b == _digits_at(view.a.text, fig.start)
    )


def _last_of_unit(
    unit: str, a_figures: list[Figure], b_figures: list[Figure], changed_a: list[Figure], changed_b: list[Figure]
) -> bool:
    """Both sides give the same number of figures in `unit`, all but one each the same: the one left on
    each side measures the same thing ("800 metres … the minimum of 200 metres" / "at least 203 metres …
    800 metres"). A figure shared in that unit is the evidence a loosely aligned group lacks otherwise."""

    def count(figs: list[Figure]) -> int:
        return sum(f.unit == unit for f in figs)

    return count(a_figures) == count(b_figures) >= _SEVERAL_IN_UNIT and count(changed_a) == count(changed_b) == 1


_SEVERAL_IN_UNIT = 2


def _once(fig: Figure, a_figures: list[Figure], b_figures: list[Figure]) -> bool:
    """The value is said once on each side: "12 months" and "12 years" are then one figure, edited."""
    return sum(f.same_value(fig) for f in a_figures) == 1 and sum(g.same_value(fig) for g in b_figures) == 1


def _word_before(text: str, fig: Figure) -> str:
    """The word before a figure, with any punctuation between them ("roubles (" for "roubles (£20m)")."""
    words = tokenize(text, max(0, fig.start - 30), fig.start)
    if not words:
        return ""
    gap = text[words[-1].end : fig.start].strip(" $£€¥")
    return f"{words[-1].key}{gap}" if len(gap) <= 1 else ""


def _word_after(text: str, fig: Figure) -> str:
    """The word after a figure, with any punctuation between them (", to" for "$492,000, to be exact")."""
    words = tokenize(text, fig.end, min(len(text), fig.end + 30))
    if not words:
        return ""
    gap = text[fig.end : words[0].start].strip()
    return f"{gap}{words[0].key}" if len(gap) <= 1 else ""


def _same_place(view: GroupView, fig: Figure, twin: Figure) -> bool:
    """The figures stand in the same place: the same word before them ("within 24 hours" / "within 27
    hours"), or after them ("£100 or less" / "€100 or less"), or the same words all round."""
    if view.group.kind == "identical":
        a_figures, b_figures = _side_figures(view.a), _side_figures(view.b)
        return a_figures.index(fig) == b_figures.index(twin)
    before = _word_before(view.a.text, fig)
    if before and before == _word_before(view.b.text, twin):
        return True
    after = _word_after(view.a.text, fig)
    return bool(after) and after == _word_after(view.b.text, twin) and fig.same_value(twin)


def _unit_end(text: str, fig: Figure) -> int:
    """The end of the figure's unit word, when the unit is what changed ("10 miles" / "10 kilometres")."""
    if _is_currency(fig.unit) and text[fig.start : fig.start + 1] in "$£€¥":
        return fig.end
    following = tokenize(text, fig.end, min(len(text), fig.end + 40))
    return following[0].end if following else fig.end
