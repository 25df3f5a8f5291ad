"""Finding and reading the articles of a corpus: directories, files, glob patterns, JSON records.

Inputs are expanded on the calling machine into *units* — one file, or a byte
range of a JSON Lines file — so that work can be split into chunks of about
the same size and handed to local processes or Dask workers. Reading a unit
happens wherever the chunk runs; decoding and HTML extraction are those of
`compare.ingest`, so a corpus sees each article exactly as `storydiff compare` does.

Document ids: a record's ``id`` when it has one, else the path relative to the
input directory (``2024/bbc-0412.txt``), with ``#N`` for the N-th record of a
JSON or JSON Lines file (``feed.jsonl#17``: the same selector `storydiff
compare` accepts). When two inputs hold the same relative path (``bbc/a.txt``
and ``cnn/a.txt`` given as ``bbc cnn``), the later file is named by its path as
given instead, so different files never share an id.

Bad input is never fatal here: a file that cannot be read or holds no words
becomes a `Problem`, counted and reported, and the run goes on.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError
from ..ingest import decode, load_path, megabytes, read_bounded
from ..ingest.records import iter_records, record_document
from ..model import Document, clean_text

__all__ = ["ARTICLE_SUFFIXES", "Problem", "Unit", "expand_inputs", "fingerprint", "read_unit"]

ARTICLE_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".pdf", ".docx", ".odt"}
)
LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
LINES_RANGE_BYTES = 1024 * 1024  # one JSON Lines unit: about this many bytes of records (a few hundred articles)
SCAN_BYTES = 64 * 1024  # what is read at a time while skipping to the end of a line


@dataclass(frozen=True)
class Unit:
    """A piece of input read as one: a whole file, or lines `first_line`… of a JSON Lines file."""

    path: str  # absolute
    rel: str  # the id base: path relative to the input directory
    kind: str  # "file" (text or page), "records" (a JSON file) or "lines" (a JSON Lines byte range)
    start: int = 0
    end: int = -1
    first_line: int = 1


@dataclass(frozen=True)
class Problem:
    """An input skipped, and why.

    `kind` is 'empty', 'binary', 'undecodable' or 'too-large' (the `reason` of
    the ingest refusal), 'duplicate', 'not-a-file' (a named pipe, a device or a
    socket: nothing a run could read twice, or finish reading), 'link-loop' (a
    symbolic link that leads round in a loop), 'broken-link' (one that leads
    nowhere), or 'unreadable' for anything else.
    """

    kind: str
    where: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "where": self.where, "message": self.message}


def _has_magic(spec: str) -> bool:
    return glob.has_magic(spec)


def _glob_base(pattern: str) -> Path:
    """The directory a glob pattern starts from: its parts before the first wildcard."""
    parts: list[str] = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _walk(root: Path, exclude: Path | None) -> Iterator[Path]:
    """Article files under `root`, in a stable order; hidden files and `exclude` are left out."""
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (exclude is None or (here / d).resolve() != exclude)
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            suffix = Path(name).suffix.lower()
            if suffix in ARTICLE_SUFFIXES or suffix in LINES_SUFFIXES:
                yield here / name


def _line_units(path: Path, rel: str) -> Iterator[Unit]:
    """Byte ranges of about `LINES_RANGE_BYTES` of a JSON Lines file, cut at line ends.

    The line a range ends in is finished in pieces of `SCAN_BYTES`, so that a
    single huge line is never held in memory here.
    """
    start, line = 0, 1
    with path.open("rb") as fh:
        while True:
            block = fh.read(LINES_RANGE_BYTES)
            if not block:
                break
            lines = block.count(b"\n")
            if not block.endswith(b"\n"):  # finish the current line
                while piece := fh.read(SCAN_BYTES):
                    cut = piece.find(b"\n")
                    if cut >= 0:
                        fh.seek(cut + 1 - len(piece), os.SEEK_CUR)
                        lines += 1
                        break
            end = fh.tell()
            yield Unit(str(path), rel, "lines", start, end, line)
            line += lines
            start = end


def _not_a_file(path: str | os.PathLike[str]) -> Problem | None:
    """Why `path` (which exists as a name) cannot be read as an article file, or None when it can."""
    where = os.fspath(path)
    try:
        mode = os.stat(where).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Problem(
                "link-loop", where, f"cannot read {where!r}: it is a symbolic link that leads round in a loop"
            )
        if isinstance(exc, FileNotFoundError):
            return Problem("broken-link", where, f"cannot read {where!r}: it is a symbolic link that leads nowhere")
        return Problem("unreadable", where, f"cannot read {where!r}: {exc.strerror or exc}")
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    what = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return Problem("not-a-file", where, f"cannot read {where!r}: it is {what}, not a file; save the articles as files")


def _units_of(path: Path, base: Path) -> list[Unit]:
    rel = os.path.relpath(path, base) if base != path else path.name
    rel = rel.replace(os.sep, "/")
    suffix = path.suffix.lower()
    if suffix in LINES_SUFFIXES:
        return list(_line_units(path, rel))
    return [Unit(str(path), rel, "records" if suffix == ".json" else "file")]


def expand_inputs(
    inputs: Sequence[str | os.PathLike[str]], *, exclude: str | os.PathLike[str] | None = None
) -> tuple[list[Unit], list[Problem]]:
    """The units of every input, and the duplicates skipped.

    An input is a directory (walked for .txt/.md/.html/.json/.jsonl files), a
    file, or a glob pattern (``'feeds/**/*.jsonl'``). A path that does not exist
    or a pattern that matches nothing is a mistake on the command line and
    raises `InputError` at once; a file reached twice is a `Problem`.
    """
    if not inputs:
        raise InputError("no inputs: give directories, files or glob patterns of articles")
    excluded = Path(exclude).resolve() if exclude is not None else None
    seen: set[Path] = set()
    names: set[str] = set()
    units: list[Unit] = []
    problems: list[Problem] = []
    for raw in inputs:
        spec = os.fspath(raw)
        found: list[tuple[Path, Path]] = []
        if os.path.isdir(spec):
            base = Path(spec)
            found = [(p, base) for p in _walk(base, excluded)]
        elif os.path.isfile(spec):
            found = [(Path(spec), Path(spec).parent)]
        elif os.path.lexists(spec):  # a pipe, a device, a socket, or a link that loops or leads nowhere
            problem = _not_a_file(spec)
            if problem is not None:
                problems.append(problem)
            continue
        elif _has_magic(spec):
            base = _glob_base(spec)
            matches = sorted(glob.glob(spec, recursive=True))
            found = [(Path(m), base) for m in matches if not os.path.isdir(m)]
            if not found:
                raise InputError(f"the pattern {spec!r} matches no files; check it (quote it so the shell leaves it)")
        else:
            raise InputError(f"cannot read {spec!r}: no such file or directory")
        for path, base in found:
            problem = _not_a_file(path)
            if problem is not None:
                problems.append(problem)
                continue
            resolved = path.resolve()
            if excluded is not None and excluded in resolved.parents:
                continue
            if resolved in seen:
                problems.append(Problem("duplicate", str(path), "given more than once; read once"))
                continue
            seen.add(resolved)
            try:
                new = _units_of(path, base)
                if new and new[0].rel in names:  # two inputs hold the same relative path: name it as given
                    given = os.path.normpath(str(path)).replace(os.sep, "/")
                    new = [replace(u, rel=given) for u in new]
                names.update(u.rel for u in new)
                units.extend(new)
            except OSError as exc:
                problems.append(Problem("unreadable", str(path), exc.strerror or str(exc)))
    return units, problems


def fingerprint(units: Sequence[Unit]) -> str:
    """A digest of the input set: every file's path, size and modification time.

    Two runs over the same, unchanged files get the same fingerprint; adding,
    removing or editing a file changes it.
    """
    digest = hashlib.sha256()
    for path in sorted({u.path for u in units}):
        try:
            st = os.stat(path)
            digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{path}\0missing\n".encode())
    return digest.hexdigest()


def _problem(exc: InputError, where: str) -> Problem:
    """A skipped input, counted by the reason the refusal carries ('unreadable' when it gives none)."""
    return Problem(exc.reason or "unreadable", where, str(exc))


def read_unit(unit: Unit, *, max_bytes: int) -> tuple[list[tuple[str, Document]], list[Problem]]:
    """The (id, document) pairs of one unit, and the inputs in it that could not be used.

    Nothing is read beyond what `max_bytes` allows: a whole JSON file at most
    `max_bytes + 1` bytes (as `compare.ingest` reads any file), a JSON Lines
    record at most that much, the rest of a longer line skipped.
    """
    if unit.kind == "file":
        try:
            return [(unit.rel, load_path(unit.path, max_bytes=max_bytes))], []
        except InputError as exc:
            return [], [_problem(exc, unit.path)]
    problems: list[Problem] = []
    try:
        if unit.kind == "records":
            data = read_bounded(Path(unit.path), unit.path, max_bytes)
        else:
            data, problems = _read_lines(unit, max_bytes)
        text = decode(data, unit.path)
    except InputError as exc:
        return [], [_problem(exc, unit.path)]
    except OSError as exc:
        return [], [Problem("unreadable", unit.path, f"cannot read {unit.path!r}: {exc.strerror or exc}")]
    return _records(unit, text, problems)


def _read_lines(unit: Unit, max_bytes: int) -> tuple[bytes, list[Problem]]:
    """The bytes of a JSON Lines unit, each line read at most `max_bytes + 1` bytes.

    A longer line is skipped (left empty, so the lines after it keep their
    numbers) and becomes a 'too-large' problem.
    """
    lines: list[bytes] = []
    problems: list[Problem] = []
    with open(unit.path, "rb") as fh:
        fh.seek(unit.start)
        left = unit.end - unit.start
        while left > 0:
            line = fh.readline(min(max_bytes + 1, left))
            if not line:
                break
            left -= len(line)
            if len(line) > max_bytes and not line.endswith(b"\n"):
                where = f"{unit.rel}#{unit.first_line + len(lines)}"
                limit = megabytes(max_bytes)
                message = f"cannot read {where}: the record is over the {limit} limit; raise it with --max-size"
                problems.append(Problem("too-large", where, message))
                while left > 0 and (piece := fh.read(min(SCAN_BYTES, left))):  # skip the rest of the line
                    cut = piece.find(b"\n")
                    if cut >= 0:
                        fh.seek(cut + 1 - len(piece), os.SEEK_CUR)
                        left -= cut + 1
                        break
                    left -= len(piece)
                line = b"\n"
            lines.append(line)
    return b"".join(lines), problems


def _records(unit: Unit, text: str, problems: list[Problem]) -> tuple[list[tuple[str, Document]], list[Problem]]:
    """The documents of a JSON file or a JSON Lines unit; every bad record is a problem, not the end of the unit.

    Records are parsed by `compare.ingest.records.iter_records`, the parser of
    `storydiff compare`, so both read a record the same way and say the same
    about a bad one.
    """
    out: list[tuple[str, Document]] = []
    lines = True if unit.kind == "lines" else None  # a JSON file may hold one document or JSON Lines
    try:
        for number, record in iter_records(text, unit.rel, lines=lines, first_line=unit.first_line):
            where = f"{unit.rel}#{number}"
            if isinstance(record, InputError):
                problems.append(_problem(record, where))
                continue
            try:
                document = record_document(record, name=unit.rel, number=number)
            except InputError as exc:
                problems.append(_problem(exc, where))
                continue
            if not document.text.strip():
                problems.append(Problem("empty", where, f"cannot use {where}: its text is empty"))
                continue
            doc_id = clean_text(str(record["id"])) if record.get("id") not in (None, "") else where
            out.append((doc_id, document))
    except InputError as exc:  # the whole file is unusable: not JSON, or no records
        problems.append(_problem(exc, unit.path))
    return out, problems
