"""Writing results without ever leaving a half-written file.

Output goes to a temporary file in the target's directory, is flushed to disk,
and then renamed over the target in one step: a reader sees the old file or
the new one, never a mix, and a crash or Ctrl-C leaves the old file as it was.

A symbolic link is followed: its target gets the new content and the link
stays. A target that exists and is not a regular file (a named pipe, a
terminal, `/dev/null`, `/dev/stdout`) is written to directly, since renaming
a file over it would replace the pipe or the device with a plain file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError

__all__ = ["check_writable", "write_atomic"]


def _existing(path: Path) -> os.stat_result | None:
    """The status of what `path` leads to (links followed), or None when there is nothing there."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def check_writable(path: str | os.PathLike[str]) -> Path:
    """The output path, after checking it can be written; raises `InputError` saying why not."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"cannot write {str(path)!r}: it is a directory; give a file name")
    found = _existing(target)
    if found is not None and not stat.S_ISREG(found.st_mode):
        if not os.access(target, os.W_OK):
            raise InputError(f"cannot write {str(path)!r}: no permission to write to it")
        return target
    destination = Path(os.path.realpath(target))
    parent = destination.parent
    if not parent.is_dir():
        shown = parent if target.is_symlink() else target.parent
        raise InputError(f"cannot write {str(path)!r}: folder {str(shown)!r} does not exist")
    if not os.access(parent, os.W_OK):
        raise InputError(f"cannot write {str(path)!r}: no permission to write in {str(parent)!r}")
    if found is not None and not os.access(target, os.W_OK):
        raise InputError(f"cannot write {str(path)!r}: the file is read-only")
    return target


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write `data` to `path` atomically (temporary file, fsync, rename) and return the path.

    Links are followed (the link stays, its target is replaced); pipes and
    devices are written to in place.
    """
    target = check_writable(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
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
    return target


def _same_file(path: Path, found: os.stat_result) -> bool:
    try:
        return os.path.samestat(path.stat(), found)
    except OSError:
        return False


def _write_in_place(target: Path, payload: bytes) -> None:
    """A pipe, terminal or device: written to as it is (renaming over it would replace the node)."""
    with open(target, "wb") as fh:
        fh.write(payload)


def _replace(destination: Path, payload: bytes, mode: int | None) -> None:
    """Write a temporary file beside `destination`, flush it to disk and rename it over `destination`."""
    fd, tmp = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, destination)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
