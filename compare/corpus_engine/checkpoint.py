"""Stage outputs on disk, so an interrupted run resumes and a re-run repeats no work.

Layout of an output directory::

    OUT/manifest.json          schema, input fingerprint, which stages are done and with which options
    OUT/ingest/chunk-NNNNNN.npz one file per chunk of input: signatures, shingle hashes, metadata, texts
    OUT/stages/candidates.npy  candidate pairs from LSH banding
    OUT/stages/edges.npy       verified pairs with their exact containment
    OUT/align/batch-NNNNNN.json aligned pairs, one file per batch
    OUT/corpus.json, OUT/pairs.csv|.parquet, OUT/report.html   the outputs

Every file is written atomically (`compare.output.write_atomic`), so a file
that exists is complete: resuming means skipping the chunks and batches that
are there. A stage is reused only when its *key* — a digest of the input
fingerprint and the options it depends on — matches; changing an option
recomputes that stage and those after it, never the ones before.

A directory holding a run over a different input set is refused unless
`force` is given, so a typo in `-o` cannot mix two corpora or wipe one.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..output import write_atomic

__all__ = ["MANIFEST_SCHEMA", "Checkpoint", "stage_key"]

MANIFEST_SCHEMA = "storydiff/corpus-checkpoint/v1"
OWN = ("ingest", "stages", "align", "manifest.json")
OUTPUTS = ("corpus.json", "pairs.csv", "pairs.parquet", "report.html")


def stage_key(*parts: Any) -> str:
    """A short digest of what a stage's output depends on."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:20]


class Checkpoint:
    """The output directory of one corpus run: stage files, their keys, and the outputs."""

    def __init__(self, root: str | Path, fingerprint: str, *, force: bool = False) -> None:
        self.root = Path(root)
        self.fingerprint = fingerprint
        manifest_path = self.root / "manifest.json"
        if self.root.exists() and not self.root.is_dir():
            raise InputError(f"cannot write to {str(root)!r}: it is a file; give a directory for the output")
        manifest: dict[str, Any] | None = None
        if manifest_path.exists():
            try:
                manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                manifest = None
        if manifest is not None and manifest.get("fingerprint") != fingerprint:
            if not force:
                raise InputError(
                    f"{str(root)!r} holds a corpus run over a different set of inputs; "
                    "give another output directory, or --force to replace that run"
                )
            manifest = None
        if manifest is None and self.root.is_dir():
            foreign = {p.name for p in self.root.iterdir()} - set(OWN) - set(OUTPUTS)
            if foreign and not force:
                raise InputError(
                    f"{str(root)!r} is not empty and holds no storydiff corpus run; "
                    "give a new or empty directory, or --force to write into it"
                )
            for name in (*OWN, *OUTPUTS):  # our own files only; nothing else of the user's is touched
                target = self.root / name
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
        self.root.mkdir(parents=True, exist_ok=True)
        for sub in ("ingest", "stages", "align"):
            (self.root / sub).mkdir(exist_ok=True)
        fresh = {"schema": MANIFEST_SCHEMA, "fingerprint": fingerprint, "stages": {}}
        self.manifest: dict[str, Any] = manifest or fresh
        self._save_manifest()

    # -- stage bookkeeping ----------------------------------------------------
    def _save_manifest(self) -> None:
        write_atomic(self.root / "manifest.json", json.dumps(self.manifest, indent=1))

    def done(self, stage: str, key: str) -> bool:
        """True when `stage` finished with this key."""
        return bool(self.manifest["stages"].get(stage) == key)

    def begin(self, stage: str, key: str) -> None:
        """Start `stage` with `key`: when the key differs from the last one, its old files are dropped."""
        previous = self.manifest.setdefault("started", {}).get(stage)
        if previous != key:
            folder = {"ingest": "ingest", "align": "align"}.get(stage)
            if folder:
                shutil.rmtree(self.root / folder, ignore_errors=True)
                (self.root / folder).mkdir()
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
        np.savez(buffer, **arrays)
        write_atomic(self.path(relative), buffer.getvalue())

    def load_arrays(self, relative: str) -> dict[str, np.ndarray]:
        with np.load(self.path(relative), allow_pickle=False) as data:
            return {name: data[name] for name in data.files}

    def save_array(self, relative: str, array: np.ndarray) -> None:
        buffer = io.BytesIO()
        np.save(buffer, array, allow_pickle=False)
        write_atomic(self.path(relative), buffer.getvalue())

    def load_array(self, relative: str) -> np.ndarray:
        return np.load(self.path(relative), allow_pickle=False)

    def save_json(self, relative: str, data: Any) -> None:
        write_atomic(self.path(relative), zlib.compress(json.dumps(data).encode(), 1))

    def load_json(self, relative: str) -> Any:
        return json.loads(zlib.decompress(self.path(relative).read_bytes()))


def pack_json(data: Any) -> np.ndarray:
    """JSON data as a compressed byte array, to travel inside an .npz file."""
    return np.frombuffer(zlib.compress(json.dumps(data).encode(), 1), dtype=np.uint8)


def unpack_json(array: np.ndarray) -> Any:
    return json.loads(zlib.decompress(array.tobytes()))
