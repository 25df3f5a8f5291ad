"""Writing results without ever leaving a half-written file.

Output goes to a temporary file in the target's directory, is flushed to disk,
and then renamed over the target in one step: a reader sees the old file or
the new one, never a mix, and a crash or Ctrl-C leaves the old file as it was.

A symbolic link is followed: its target gets the new content and the link
stays. A target that exists and is not a regular file (a named pipe, a
terminal, `/dev/null`, `/dev/stdout`) is written to directly, since renaming
a file over it would replace the pipe or the device with a plain file.

Anything the system refuses (a name too long, a full disk, a read-only file
system) is an `OutputError` naming the file, the reason and what to do, so
the command line prints one line instead of a traceback.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from ..errors import EXIT_ENVIRONMENT, EXIT_USAGE, OutputError

__all__ = ["cannot_write", "check_writable", "write_atomic"]

# What to do about a failed write, by errno; anything else gets the generic advice.
_ADVICE = {
    errno.ENAMETOOLONG: "choose a shorter file name",
    errno.ENOSPC: "free some space or write somewhere else",
    errno.EDQUOT: "free some space or write somewhere else",
    errno.EROFS: "write somewhere else",
    errno.EACCES: "check the permissions, or write somewhere else",
    errno.EPERM: "check the permissions, or write somewhere else",
}
# Failures of the machine, not of the path asked for: exit 1 (any other failed write is exit 2).
_ENVIRONMENT = {errno.ENOSPC, errno.EDQUOT, errno.EIO}
_TEMP_NAME_KEEP = 180  # characters of the target's name kept in the temporary file's name (limit is 255)


def cannot_write(path: str | os.PathLike[str], exc: OSError) -> OutputError:
    """The one-line refusal of a write the system would not do: what, why, and what to do."""
    reason = exc.strerror or str(exc)
    advice = _ADVICE.get(exc.errno or 0, "check the path, or write somewhere else")
    code = EXIT_ENVIRONMENT if exc.errno in _ENVIRONMENT else EXIT_USAGE
    return OutputError(f"cannot write {str(path)!r}: {reason[:1].lower()}{reason[1:]}; {advice}", exit_code=code)


def _refused(path: str | os.PathLike[str], why: str) -> OutputError:
    """A path that cannot be the output: the command must name another (exit 2)."""
    return OutputError(f"cannot write {str(path)!r}: {why}", exit_code=EXIT_USAGE)


def _existing(path: Path) -> os.stat_result | None:
    """The status of what `path` leads to (links followed), or None when there is nothing there."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def check_writable(path: str | os.PathLike[str]) -> Path:
    """The output path, after checking it can be written; raises `OutputError` saying why not."""
    target = Path(path)
    given = os.fspath(path)
    if not given:  # Path('') is the current directory
        raise _refused(path, "the output is an empty name; give a file name")
    try:
        if given.endswith(("/", os.sep)) and not target.is_dir():  # Path() drops the slash: 'out/' is not 'out'
            raise _refused(path, "it ends in a slash, so it names a folder, and there is none; give a file name")
        if target.is_dir():
            raise _refused(path, "it is a directory; give a file name")
        found = _existing(target)
        if found is not None and not stat.S_ISREG(found.st_mode):
            if not os.access(target, os.W_OK):
                raise _refused(path, "no permission to write to it")
            return target
        destination = Path(os.path.realpath(target))
        parent = destination.parent
        if not parent.is_dir():
            shown = parent if target.is_symlink() else target.parent
            raise _refused(path, f"folder {str(shown)!r} does not exist")
        if not os.access(parent, os.W_OK):
            raise _refused(path, f"no permission to write in {str(parent)!r}")
        if found is not None and not os.access(target, os.W_OK):
            raise _refused(path, "the file is read-only")
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    return target


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write `data` to `path` atomically (temporary file, fsync, rename) and return the path.

    Links are followed (the link stays, its target is replaced); pipes and
    devices are written to in place. Raises `OutputError` when the system
    refuses the write.
    """
    target = check_writable(path)
    # A character the encoding cannot hold (a lone surrogate from a file name) becomes '?', never a traceback.
    payload = data.encode(encoding, errors="replace") if isinstance(data, str) else data
    try:
        found = _existing(target)
        if found is not None and not stat.S_ISREG(found.st_mode):
            _write_in_place(target, payload)
            return target
        destination = Path(os.path.realpath(target))
        if found is not None and not _same_file(destination, found):
            # A link the system resolves itself (/proc/self/fd/N, /dev/stdout onto a file): no path to
            # put a temporary file beside, so write through the link.
            _write_in_place(target, payload)
            return target
        _replace(destination, payload, None if found is None else found.st_mode)
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    return target


def _same_file(path: Path, found: os.stat_result) -> bool:
    try:
        return os.path.samestat(path.stat(), found)
    except OSError:
        return False


def _write_in_place(target: Path, payload: bytes) -> None:
    """A pipe, terminal or device: written to as it is (renaming over it would replace the node).

    It is opened without blocking: opening a named pipe that no program reads would otherwise wait
    for ever. The system refuses that open at once (ENXIO), which becomes a one-line error; once
    open, the writes block as usual, so a reader that is slow gets all of it.
    """
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO and stat.S_ISFIFO(target.stat().st_mode):
            raise _refused(target, "it is a named pipe that no program reads; start the reader first") from exc
        raise
    os.set_blocking(fd, True)
    with open(fd, "wb") as fh:
        fh.write(payload)


def _replace(destination: Path, payload: bytes, mode: int | None) -> None:
    """Write a temporary file beside `destination`, flush it to disk and rename it over `destination`.

    The temporary file is created with mode 0o666, which the system narrows by the
    process's umask, so a new file gets the same permissions any other program would
    give it, without reading the umask (changing it to read it is not thread-safe). An
    existing file keeps its permissions.
    """
    fd, tmp = _create_temporary(destination)
    try:
        with os.fdopen(fd, "wb") as fh:
            if mode is not None:
                os.fchmod(fh.fileno(), mode & 0o777)
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, destination)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_temporary(destination: Path) -> tuple[int, Path]:
    """A new, empty file beside `destination`, opened for writing, and its path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = destination.with_name(f".{destination.name[:_TEMP_NAME_KEEP]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(destination.parent))
