"""Article records in JSON or JSON Lines, as exported from news databases and scrapers.

A record is a JSON object with the article's ``text`` and, optionally,
``title``, ``source``, ``date``, ``url``, ``author`` and ``id``. A file holds
one record (a JSON object), several (a JSON array of objects), or one per line
(JSON Lines: ``.jsonl``/``.ndjson``, blank lines ignored).

Which record a two-document command uses — the selector after ``#``:

* none: the first record (``stories.jsonl``);
* ``#ID``: the record whose ``id`` is ``ID`` (``stories.jsonl#bbc-0412``);
* ``#N``: otherwise, when ``N`` is a whole number, record N: the record on
  line N of a JSON Lines file (blank lines count, so the number is the one an
  editor shows, and the one ``storydiff corpus`` uses in its ids), or the N-th
  record of a JSON array (``stories.jsonl#2``).

An ``id`` match wins over a position, so ``#7`` means the record with id 7
when there is one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import InputError
from ..model import Document

__all__ = ["FIELDS", "iter_records", "parse_records", "pick_record", "record_document", "select_record"]

FIELDS = ("title", "text", "source", "date", "url", "author", "id")


def _is_json_lines(text: str) -> bool:
    """Several JSON values on separate lines (JSON Lines), rather than one JSON document."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) > 1 and lines[0].lstrip().startswith("{") and lines[0].rstrip().endswith("}")


def iter_records(
    text: str, name: str, *, lines: bool | None = None, first_line: int = 1
) -> Iterator[tuple[int, Mapping[str, Any] | InputError]]:
    """Each record of a JSON or JSON Lines text, in order, as (number, record) or (number, why it is unusable).

    One parser for every reader: `parse_records` stops at the first bad
    record, the corpus reads on and reports each. `lines` says the text is
    JSON Lines (True), one JSON document (False), or to find out by looking
    (None). The number is the record's line (from `first_line`, blank lines
    counted) in JSON Lines, its position from 1 in a document. A document that
    is not valid JSON, or an empty array, raises `InputError` at once: there
    is no record to go on with.
    """
    text = text.lstrip("\ufeff")
    if lines is None:
        lines = _is_json_lines(text)
    if lines:
        for offset, line in enumerate(text.split("\n")):
            if not line.strip():
                continue
            number = first_line + offset
            try:
                value = _loads(line, name, number)
            except InputError as exc:
                yield number, exc
                continue
            yield number, _as_record(value, name, f"line {number}")
        return
    data = _loads(text, name)
    records = data if isinstance(data, list) else [data]
    if not records:
        raise _no_records(name)
    for number, record in enumerate(records, start=1):
        yield number, _as_record(record, name, f"record {number}")


def _loads(text: str, name: str, line: int | None = None) -> Any:
    """One JSON value: a whole document, or the record on `line`; raises `InputError` saying what is wrong."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if line is None:
            raise InputError(
                f"cannot read {name!r}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
            ) from None
        raise InputError(
            f"cannot read {name!r}: line {line} is not valid JSON ({exc.msg}); give one JSON object per line"
        ) from None
    except RecursionError:
        where = "the JSON" if line is None else f"line {line}"
        raise InputError(f"cannot read {name!r}: {where} is nested too deeply") from None
    except ValueError:  # Python refuses to turn a number of over 4,300 digits into an int (CVE-2020-10735)
        where = "the JSON" if line is None else f"line {line}"
        raise InputError(
            f"cannot read {name!r}: {where} holds a number too long to read (over 4,300 digits); "
            "write long ids as strings"
        ) from None


def _as_record(value: Any, name: str, what: str) -> Mapping[str, Any] | InputError:
    """The value when it is a JSON object, else why it cannot be a record."""
    if isinstance(value, dict):
        return value
    return InputError(f"cannot read {name!r}: {what} is a JSON {_json_type(value)}, not an object with a 'text' field")


def _no_records(name: str) -> InputError:
    return InputError(
        f'cannot read {name!r}: it holds no records; give at least one {{"text": ...}} object', reason="empty"
    )


def parse_records(text: str, name: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The records in a JSON or JSON Lines text, in order, with their numbers (see `iter_records`);
    raises `InputError` at the first bad one."""
    records: list[tuple[int, Mapping[str, Any]]] = []
    for number, record in iter_records(text, name):
        if isinstance(record, InputError):
            raise record
        records.append((number, record))
    if not records:
        raise _no_records(name)
    return records


def pick_record(text: str, name: str, selector: str | None) -> tuple[int, Mapping[str, Any]]:
    """The record `selector` names in a JSON or JSON Lines text (see the module docstring), with its number.

    A bad line elsewhere in the file does not matter: only the record asked for must be usable
    (as `storydiff corpus` reads the rest of a file past a bad line). Without a selector the first
    record is the one asked for.
    """
    good: list[tuple[int, Mapping[str, Any]]] = []
    bad: dict[int, InputError] = {}
    for number, record in iter_records(text, name):
        if isinstance(record, InputError):
            bad[number] = record
        else:
            good.append((number, record))
    first = min([*bad, *(n for n, _ in good)], default=None)
    if first is None:
        raise _no_records(name)
    if not selector:
        if first in bad:
            raise bad[first]
        return good[0]
    if (
        selector.isdigit()
        and int(selector) in bad
        and not any("id" in record and str(record["id"]) == selector for _, record in good)
    ):
        raise bad[int(selector)]
    if not good:
        raise bad[first]
    try:
        return select_record(good, selector, name)
    except InputError as exc:
        if not bad:
            raise
        lines = ", ".join(str(n) for n in sorted(bad)[:3]) + (" …" if len(bad) > 3 else "")
        raise InputError(f"{exc} ({len(bad)} unreadable: {lines})") from None


def _json_type(value: object) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")


def select_record(
    records: list[tuple[int, Mapping[str, Any]]], selector: str | None, name: str
) -> tuple[int, Mapping[str, Any]]:
    """The record a selector names (see the module docstring), with its number."""
    if not selector:
        return records[0]
    for number, record in records:
        if "id" in record and str(record["id"]) == selector:
            return number, record
    if selector.isdigit():
        wanted = int(selector)
        for number, record in records:
            if number == wanted:
                return number, record
        numbers = [number for number, _ in records]
        raise InputError(
            f"cannot read '{name}#{selector}': there is no record {wanted}; "
            f"it holds {len(records)} record{'s' if len(records) != 1 else ''} (#{numbers[0]} to #{numbers[-1]})"
        )
    raise InputError(f"cannot read '{name}#{selector}': no record has id {selector!r}; give an id or a record number")


def record_document(record: Mapping[str, Any], *, name: str, number: int) -> Document:
    """A document from one record; its text must be a non-empty string."""
    where = f"{name}#{record['id']}" if "id" in record else f"{name}#{number}"
    text = record.get("text")
    if text is None:
        raise InputError(f"cannot read {where!r}: the record has no 'text' field; put the article's text in 'text'")
    if not isinstance(text, str):
        raise InputError(f"cannot read {where!r}: 'text' is a JSON {_json_type(text)}, not a string")

    def field(key: str) -> str | None:
        value = record.get(key)
        if value is None or isinstance(value, dict | list):
            return None
        return str(value).strip() or None

    return Document(
        text,
        title=field("title"),
        source=field("source") or name,
        date=field("date"),
        url=field("url"),
        name=where,
        author=field("author"),
    )
