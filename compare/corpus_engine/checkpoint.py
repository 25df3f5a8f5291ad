"""Stage outputs on disk, so an interrupted run resumes and a re-run repeats no work.

Layout of an output directory::

    OUT/manifest.json          schema, input fingerprint, which stages are done and with which options
    OUT/ingest/chunk-NNNNNN.npz one file per chunk of input: signatures, shingle hashes and windows, metadata, texts
    OUT/stages/candidates.npy  candidate pairs from LSH banding
    OUT/stages/edges.npy       verified pairs with their exact containment
    OUT/align/batch-NNNNNN.json aligned pairs, one file per batch
    OUT/corpus.json, OUT/pairs.csv|.parquet, OUT/report.html   the outputs

Every file is written atomically (`compare.render.write.write_atomic`), so a file
that exists is complete: resuming means skipping the chunks and batches that
are there. A stage is reused only when its *key* — a digest of the input
fingerprint and the options it depends on — matches; changing an option
recomputes that stage and those after it, never the ones before.

A directory holding a run over a different input set is refused unless
`force` is given, so a typo in `-o` cannot mix two corpora or wipe one. A
non-empty directory without a manifest is refused even with `force`: nothing
proves its files are ours. One whose manifest is damaged but whose every file
bears a name a run writes is a run's: `force` starts it afresh. Even in a directory of ours, only files with the
names a run writes are ever removed, never whole folders.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import EXIT_USAGE, OutputError
from ..render.write import cannot_write, write_atomic

__all__ = ["MANIFEST_SCHEMA", "Checkpoint", "stage_key"]

MANIFEST_SCHEMA = "storydiff/corpus-checkpoint/v1"
OUTPUTS = ("corpus.json", "pairs.csv", "pairs.parquet", "report.html")
# The stage folders, and the names of the files a run writes in each: only those are ever removed.
STAGE_FOLDERS = {
    "ingest": re.compile(r"chunk-\d{6}\.npz"),
    "stages": re.compile(r"(candidates|edges)\.npy"),
    "align": re.compile(r"batch-\d{6}\.json"),
}


def stage_key(*parts: Any) -> str:
    """A short digest of what a stage's output depends on."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:20]


class Checkpoint:
    """The output directory of one corpus run: stage files, their keys, and the outputs."""

    def __init__(self, root: str | Path, fingerprint: str, *, force: bool = False) -> None:
        self.root = Path(root)
        self.fingerprint = fingerprint
        if self.root.exists() and not self.root.is_dir():
            raise OutputError(
                f"cannot write to {str(root)!r}: it is a file; give a directory for the output", exit_code=EXIT_USAGE
            )
        manifest = _read_manifest(self.root)
        if manifest is None and self.root.is_dir() and not _is_empty(self.root):
            if not ((self.root / "manifest.json").is_file() and _only_run_files(self.root)):
                # Nothing proves the files there are ours, so none may be replaced or removed, even with --force.
                raise OutputError(
                    f"{str(root)!r} is not empty and holds no storydiff corpus run; "
                    "choose an empty or new directory for the output",
                    exit_code=EXIT_USAGE,
                )
            # A run's files, every one by its name, under a manifest that cannot be read.
            if not force:
                raise OutputError(
                    f"{str(root)!r} holds a corpus run whose manifest.json is damaged; "
                    "give --force to start that run afresh, or another output directory",
                    exit_code=EXIT_USAGE,
                )
            self._remove_run()
        if manifest is not None and manifest.get("fingerprint") != fingerprint:
            if not force:
                raise OutputError(
                    f"{str(root)!r} holds a corpus run over a different set of inputs; "
                    "give another output directory, or --force to replace that run",
                    exit_code=EXIT_USAGE,
                )
            self._remove_run()
            manifest = None
        fresh = {"schema": MANIFEST_SCHEMA, "fingerprint": fingerprint, "stages": {}}
        self.manifest: dict[str, Any] = manifest or fresh
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._save_manifest()  # first, so that the folders made next are known to be ours
            for sub in STAGE_FOLDERS:
                (self.root / sub).mkdir(exist_ok=True)
        except OSError as exc:  # a read-only file system, no permission, no space, a name too long
            raise cannot_write(self.root, exc) from exc

    def _remove_run(self) -> None:
        """Remove the stage files and outputs of the run recorded here, by their names; anything else stays."""
        for folder, pattern in STAGE_FOLDERS.items():
            _remove_matching(self.root / folder, pattern)
        for name in OUTPUTS:
            target = self.root / name
            if target.is_file() and not target.is_symlink():
                target.unlink()

    # -- stage bookkeeping ----------------------------------------------------
    def _save_manifest(self) -> None:
        write_atomic(self.root / "manifest.json", json.dumps(self.manifest, indent=1))

    def done(self, stage: str, key: str) -> bool:
        """True when `stage` finished with this key."""
        return bool(self.manifest["stages"].get(stage) == key)

    def begin(self, stage: str, key: str, *, again: bool = False) -> None:
        """Start `stage` with `key`: when the key differs from the last one (or `again`: its output was
        found corrupt), its old files are dropped and it counts as not done."""
        previous = self.manifest.setdefault("started", {}).get(stage)
        if previous != key or again:
            if stage in ("ingest", "align"):
                _remove_matching(self.root / stage, STAGE_FOLDERS[stage])
            self.manifest["stages"].pop(stage, None)
            self.manifest["started"][stage] = key
            self._save_manifest()

    def finish(self, stage: str, key: str) -> None:
        self.manifest["stages"][stage] = key
        self._save_manifest()

    # -- files ------------------------------------------------------------------
    def path(self, *parts: str) -> Path:
        return self.root.joinpath(*parts)

    def save_arrays(self, relative: str, **arrays: np.ndarray) -> None:
        """Arrays in one .npz file, written atomically."""
        buffer = io.BytesIO()
        np.savez(buffer, allow_pickle=False, **arrays)
        write_atomic(self.path(relative), buffer.getvalue())

    def load_arrays(self, relative: str) -> dict[str, np.ndarray]:
        # The file is opened here, not by numpy, which leaves it open when the archive is truncated.
        with self.path(relative).open("rb") as fh, np.load(fh, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}

    def load_member(self, relative: str, name: str) -> np.ndarray:
        """One array of an .npz file, without reading the others."""
        with self.path(relative).open("rb") as fh, np.load(fh, allow_pickle=False) as data:
            member: np.ndarray = data[name]
        return member

    def save_array(self, relative: str, array: np.ndarray) -> None:
        buffer = io.BytesIO()
        np.save(buffer, array, allow_pickle=False)
        write_atomic(self.path(relative), buffer.getvalue())

    def load_array(self, relative: str) -> np.ndarray:
        with self.path(relative).open("rb") as fh:
            array: np.ndarray = np.load(fh, allow_pickle=False)
        return array

    def save_json(self, relative: str, data: Any) -> None:
        write_atomic(self.path(relative), zlib.compress(json.dumps(data).encode(), 1))

    def load_json(self, relative: str) -> Any:
        return json.loads(zlib.decompress(self.path(relative).read_bytes()))


def _read_manifest(root: Path) -> dict[str, Any] | None:
    """The manifest of a corpus run in `root`, or None when there is none (or it is not one of ours)."""
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("schema") != MANIFEST_SCHEMA:
        return None
    return manifest


def _is_empty(root: Path) -> bool:
    """True for a directory holding nothing, or only empty stage folders (a run stopped as it began)."""
    for entry in root.iterdir():
        if not (entry.name in STAGE_FOLDERS and entry.is_dir() and not entry.is_symlink() and not any(entry.iterdir())):
            return False
    return True


def _written_name(name: str) -> str:
    """The name of the file a `write_atomic` temporary file (`.NAME.XXXX.tmp`) was to become; others as they are."""
    return name[1:].rsplit(".", 2)[0] if name.startswith(".") and name.endswith(".tmp") else name


def _is_run_file(entry: Path, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.fullmatch(_written_name(entry.name))) and entry.is_file() and not entry.is_symlink()


_TOP_FILES = re.compile("|".join(re.escape(name) for name in ("manifest.json", *OUTPUTS)))


def _only_run_files(root: Path) -> bool:
    """True when every entry of `root` is a file or stage folder a run writes, named as it names them:
    such a directory is a run's even when its manifest was damaged."""
    for entry in root.iterdir():
        pattern = STAGE_FOLDERS.get(entry.name)
        if pattern is not None and entry.is_dir() and not entry.is_symlink():
            if not all(_is_run_file(inner, pattern) for inner in entry.iterdir()):
                return False
        elif not _is_run_file(entry, _TOP_FILES):
            return False
    return True


def _remove_matching(folder: Path, pattern: re.Pattern[str]) -> None:
    """Remove the regular files of `folder` whose names a run writes (and its leftover temporary files)."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for entry in folder.iterdir():
        if _is_run_file(entry, pattern):
            entry.unlink()


def pack_json(data: Any) -> np.ndarray:
    """JSON data as a compressed byte array, to travel inside an .npz file."""
    return np.frombuffer(zlib.compress(json.dumps(data).encode(), 1), dtype=np.uint8)


def unpack_json(array: np.ndarray) -> Any:
    return json.loads(zlib.decompress(array.tobytes()))
