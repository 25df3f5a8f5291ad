"""Dates that change between the two sides of a group: `date_changed`.

A date expression is read into parts — weekday, day, month, year, or a
relative phrase ("yesterday", "last week") — so that two mentions can be
compared part by part. Two dates *conflict* when they share a kind of part
with different values ("Thursday" / "Wednesday", "January 2022" / "January
2021"); dates with no part in common ("last week" / "on Thursday") are
different ways of saying when, not a change. A date is reported only when it
conflicts with a date on the other side and agrees with none there; in a
loosely similar group (`GroupView.loose`), only when the two also keep a part
in common ("July 2012" / "July 2011": the same date, edited).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import GroupView, Side, finding
from .finding import Finding

__all__ = ["DateMention", "dates", "find_dates"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_RELATIVE_WORDS = (
    r"(?:yesterday|today|tonight|tomorrow|(?:last|next|this|earlier\s+this|later\s+this)\s+"
    r"(?:week|weekend|month|year|morning|afternoon|evening|night|spring|summer|autumn|winter))"
)

_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_MONTH = r"(?P<month>" + "|".join(MONTHS) + r")"
_DAY = r"(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:18|19|20)\d\d)"
# A clock time: "7:15 a.m.", "8:30 AM", "9pm", "07:38 AM" (the hour and minutes; the zone is not read).
_TIME = r"(?P<time>(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s?(?P<half>[apAP])\.?[mM]\b\.?)"
_DATE = re.compile(
    r"(?<![\w$£€.,:])(?:"
    + rf"(?:{_WEEKDAY},?\s+)?(?:{_DAY}\s+{_MONTH}|{_MONTH.replace('month', 'month2')}\s+{_DAY2}(?!\d))(?:,?\s+{_YEAR})?"
    + rf"|{_MONTH.replace('month', 'month_y')}\s+{_YEAR.replace('year', 'year_m')}"
    + rf"|{_WEEKDAY.replace('weekday', 'weekday_only')}"
    + rf"|{_MONTH.replace('month', 'month_only')}"
    + rf"|{_YEAR.replace('year', 'year_only')}"
    + rf"|(?i:(?P<relative>{_RELATIVE_WORDS}))"
    + rf"|{_TIME}"
    + r")(?![\w%])(?!,\d)"
)


@dataclass(frozen=True)
class DateMention:
    """A date expression and its parts (kind of part → normalised value)."""

    parts: tuple[tuple[str, str], ...]
    start: int
    end: int

    def agrees(self, other: DateMention) -> bool:
        """Every kind of part both mention has the same value (and they share at least one)."""
        mine, theirs = dict(self.parts), dict(other.parts)
        shared = mine.keys() & theirs.keys()
        return bool(shared) and all(mine[k] == theirs[k] for k in shared)

    def edited(self, other: DateMention) -> bool:
        """One part changed and another kept ("July 2012" / "July 2011"): the same date, edited."""
        mine, theirs = dict(self.parts), dict(other.parts)
        shared = mine.keys() & theirs.keys()
        return any(mine[k] == theirs[k] for k in shared) and any(mine[k] != theirs[k] for k in shared)

    def conflicts(self, other: DateMention) -> bool:
        """Some kind of part both mention has different values."""
        mine, theirs = dict(self.parts), dict(other.parts)
        return any(mine[k] != theirs[k] for k in mine.keys() & theirs.keys())


def dates(text: str, start: int, end: int) -> list[DateMention]:
    """The date expressions in `text[start:end]`.

    "May" counts as a month only next to a day or a year (it is also a verb and a name).

    >>> [m.parts for m in dates("On Thursday 3 March 2022, last week, May said.", 0, 46)]
    [(('weekday', 'thursday'), ('day', '3'), ('month', 'march'), ('year', '2022')), (('relative week', '-1'),)]
    """
    out = []
    for m in _DATE.finditer(text, start, end):
        found = {k: v for k, v in m.groupdict().items() if v}
        if found.get("month_only") == "May" or (found.get("month_only") and _sentence_initial(text, m.start(), start)):
            continue
        if found.get("time"):
            hour = int(found["hour"]) % 12 + (12 if found["half"].lower() == "p" else 0)
            out.append(DateMention((("time", f"{hour:02d}:{found.get('minute') or '00'}"),), m.start(), m.end()))
            continue
        parts = []
        for kind in ("weekday", "day", "month", "year", "relative"):
            value = next(
                (v for k, v in found.items() if k == kind or (k.startswith(kind) and k[len(kind)] in "_2")), None
            )
            if value:
                value = " ".join(value.lower().split())
                if kind == "relative":  # "tonight" is this day, "last week" the week before: granularity and offset
                    kind, value = _relative(value)
                parts.append((kind, value))
        out.append(DateMention(tuple(parts), m.start(), m.end()))
    return out


_DAY_PARTS = {"morning", "afternoon", "evening", "night"}
_OFFSETS = {"last": "-1", "this": "0", "next": "+1", "yesterday": "-1", "today": "0", "tonight": "0", "tomorrow": "+1"}


def _relative(phrase: str) -> tuple[str, str]:
    """A relative date as (granularity, offset): "yesterday" and "last night" are both ("relative day", "-1"),
    "this afternoon" and "tonight" both ("relative day", "0"); "earlier this week" is "this week"."""
    words = phrase.removeprefix("earlier ").removeprefix("later ").split()
    if len(words) == 1:
        return "relative day", _OFFSETS[words[0]]
    unit = "day" if words[1] in _DAY_PARTS else words[1]
    if unit == "day" and words[0] == "last":
        return "relative day", "-1"  # "last night" is yesterday's
    return f"relative {unit}", _OFFSETS[words[0]]


def _sentence_initial(text: str, position: int, floor: int) -> bool:
    return not text[floor:position].strip()


def _side_dates(side: Side) -> list[DateMention]:
    return [d for s in side.sentences for d in dates(side.text, s.start, s.end)]


def find_dates(view: GroupView) -> list[Finding]:
    """`date_changed` findings for one group."""
    if not (view.reliable or view.loose):
        return []
    a_dates, b_dates = _side_dates(view.a), _side_dates(view.b)
    if not a_dates or not b_dates:
        return []
    left_a = [d for d in a_dates if not any(d.agrees(e) for e in b_dates)]
    left_b = [e for e in b_dates if not any(e.agrees(d) for d in a_dates)]
    out = []
    for date in left_a:
        other = next((e for e in left_b if date.conflicts(e) and (view.reliable or date.edited(e))), None)
        if other is None:
            continue
        left_b.remove(other)
        old, new = view.a.text[date.start : date.end], view.b.text[other.start : other.end]
        out.append(
            finding(view, "date_changed", (date.start, date.end), (other.start, other.end), f"{old} became {new}")
        )
    return out
