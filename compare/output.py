"""Writing results without ever leaving a half-written file.

Output goes to a temporary file in the target's directory, is flushed to disk,
and then renamed over the target in one step: a reader sees the old file or
the new one, never a mix, and a crash or Ctrl-C leaves the old file as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError

__all__ = ["check_writable", "write_atomic"]


def check_writable(path: str | os.PathLike[str]) -> Path:
    """The output path, after checking it can be written; raises `InputError` saying why not."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"cannot write {str(path)!r}: it is a directory; give a file name")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"cannot write {str(path)!r}: folder {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK):
        raise InputError(f"cannot write {str(path)!r}: no permission to write in {str(parent)!r}")
    if target.exists() and not os.access(target, os.W_OK):
        raise InputError(f"cannot write {str(path)!r}: the file is read-only")
    return target


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write `data` to `path` atomically (temporary file, fsync, rename) and return the path."""
    target = check_writable(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent if str(target.parent) else "."
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
