"""`corpus()`: every story told by several outlets in a collection of articles.

The stages, each checkpointed under the output directory (`checkpoint`) and
run by an engine (`engines`: local processes or a Dask cluster):

1. ingest — read and decode each input (`sources`), normalise, hash word
   shingles and compute MinHash signatures (`signatures`), in chunks;
2. candidates — LSH banding: articles with an equal band are candidates,
   without looking at all pairs;
3. verify — exact shingle containment of each candidate pair, and where in
   each article the shared shingles sit; pairs above the threshold are edges
   (`clusters`);
4. clusters — stories: each around a core that every member is one story
   with (`clusters.stories`; no chaining through shared background), and
   events: stories linked by edges between their members (`clusters.events`);
5. align — the full `compare.compare` of each member with its story's core
   (or every pair, with ``all_pairs``), and for the stories the report
   details, where each sentence of the core went (`pairs`).
"""

from __future__ import annotations

import os
import tempfile
import time
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from ..align import AlignOptions
from ..errors import InputError, OptionError
from ..ingest import DEFAULT_MAX_BYTES
from ..scores import SHINGLE_SIZE
from .checkpoint import Checkpoint, pack_json, stage_key, unpack_json
from .clusters import COLUMN, COPY, LEDE, SPREAD, TOP_WINDOWS, VERIFY_COLUMNS, events, stories, verify_batch
from .engines import Engine, Progress, make_engine
from .pairs import (
    DETAILED_CLUSTERS,
    PROVENANCE_LIMIT,
    SOURCE_LIMIT,
    AlignBatch,
    align_batch,
    align_batches,
    covered_share,
)
from .result import CorpusResult
from .signatures import (
    COMMON,
    MIN_SHARED_SAMPLES,
    SAMPLE_BELOW,
    WINDOW_WORDS,
    band_keys,
    band_params,
    common_shingles,
    count_pairs,
    sampled_shingles,
    signature,
    windowed_shingles,
    word_keys,
)
from .sources import Problem, Unit, expand_inputs, fingerprint, read_unit

__all__ = ["CorpusOptions", "corpus"]

FILES_PER_CHUNK = 200
PAIRS_PER_VERIFY_BATCH = 5_000
PAIRS_PER_ALIGN_BATCH = 40
ALIGN_FORMAT = 3  # of the align stage's batch files: {"pairs": [...], "story": ...}; older ones are recomputed
SHOWN_PROBLEMS = 5
# What reading a checkpoint file that is truncated or garbage raises: such a file is treated as missing.
CORRUPT_CHECKPOINT = (OSError, ValueError, KeyError, EOFError, zlib.error, zipfile.BadZipFile)


@dataclass(frozen=True)
class CorpusOptions:
    """What decides a corpus run's result (the engine and progress bar do not)."""

    min_containment: float = 0.2
    min_shared: int = 5
    lsh_threshold: float = 0.15
    num_perm: int = 128
    seed: int = 1
    threshold: float = AlignOptions.threshold
    max_all_pairs: int = 200
    all_pairs: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES

    def check(self) -> None:
        for name in ("min_containment", "lsh_threshold", "threshold"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise OptionError(f"{name} must be more than 0 and at most 1, not {value}")
        if self.min_shared < 1:
            raise OptionError(f"min_shared must be at least 1, not {self.min_shared}")
        if not 16 <= self.num_perm <= 1024:
            raise OptionError(f"num_perm must be between 16 and 1024, not {self.num_perm}")
        if self.max_all_pairs < 2:
            raise OptionError(f"max_all_pairs must be at least 2, not {self.max_all_pairs}")


# -- stage work (module-level functions: they run in other processes) ----------------------------------
def ingest_chunk(units: Sequence[Unit], *, num_perm: int, seed: int, max_bytes: int) -> dict[str, Any]:
    """Read a chunk of inputs: ids, metadata, texts, shingle hashes and signatures, plus problems."""
    ids: list[str] = []
    meta: list[dict[str, Any]] = []
    texts: list[str] = []
    hashes: list[np.ndarray] = []
    windows: list[np.ndarray] = []
    sigs: list[np.ndarray] = []
    problems: list[dict[str, str]] = []
    for unit in units:
        documents, unit_problems = read_unit(unit, max_bytes=max_bytes)
        problems.extend(p.to_dict() for p in unit_problems)
        for doc_id, document in documents:
            keys = word_keys(document.text)
            shingles, window = windowed_shingles(keys, SHINGLE_SIZE)
            if shingles.size == 0:
                where = f"{unit.rel}" if unit.kind == "file" else doc_id
                problems.append(Problem("empty", where, f"cannot use {where!r}: it has no words").to_dict())
                continue
            ids.append(doc_id)
            meta.append(
                {
                    "title": document.title,
                    "source": document.source,
                    "date": document.date,
                    "url": document.url,
                    "path": unit.path,
                    "words": len(keys),
                }
            )
            texts.append(document.text)
            hashes.append(shingles)
            windows.append(window)
            sigs.append(signature(shingles, num_perm=num_perm, seed=seed))
    offsets = np.zeros(len(hashes) + 1, dtype=np.int64)
    if hashes:
        np.cumsum([h.size for h in hashes], out=offsets[1:])
    return {
        "meta": pack_json({"ids": ids, "meta": meta, "problems": problems}),
        "texts": pack_json(texts),
        "signatures": np.stack(sigs) if sigs else np.empty((0, num_perm), np.uint32),
        "offsets": offsets,
        "hashes": np.concatenate(hashes) if hashes else np.empty(0, np.uint32),
        "windows": np.concatenate(windows) if windows else np.empty(0, np.uint16),
    }


VerifyTask = tuple[np.ndarray, dict[int, tuple[np.ndarray, np.ndarray]], float, int, np.ndarray]


def _verify_task(task: VerifyTask) -> np.ndarray:
    pairs, hashes, min_containment, min_shared, common = task
    return verify_batch(pairs, hashes, min_containment, min_shared, common)


def _align_task(task: tuple[list[tuple[int, int, str, str]], float, dict[str, Any] | None]) -> dict[str, Any]:
    items, threshold, story = task
    started = time.process_time()
    result = align_batch(items, threshold, story)
    result["cpu_seconds"] = time.process_time() - started  # the worker's own CPU time, whatever else runs
    return result


# -- the run ------------------------------------------------------------------------------------------------
class _Run:
    def __init__(self, checkpoint: Checkpoint, engine: Engine, options: CorpusOptions, progress: Progress) -> None:
        self.cp = checkpoint
        self.engine = engine
        self.options = options
        self.progress = progress
        self.stats: dict[str, dict[str, Any]] = {}
        self.repaired = 0  # checkpoint files found corrupt and computed again
        self.chunks: list[list[Unit]] = []  # the ingest stage's units of work
        # `ingest_chunk` with this run's options: picklable for the engine, and what repairs a corrupt chunk.
        self.read_chunk = partial(
            ingest_chunk, num_perm=options.num_perm, seed=options.seed, max_bytes=options.max_bytes
        )

    def _stat(self, stage: str, started: float, computed: int, reused: int) -> None:
        self.stats[stage] = {"seconds": round(time.perf_counter() - started, 3), "computed": computed, "reused": reused}

    def _reused(self, stage: str, key: str, file: str, started: float) -> np.ndarray | None:
        """The saved result of `stage` when a previous run finished it with this key, else None (run it): a
        result file that cannot be read (truncated, garbage) counts as missing and in `repaired`."""
        if not self.cp.done(stage, key):
            return None
        try:
            array = self.cp.load_array(file)
        except CORRUPT_CHECKPOINT:
            self.repaired += 1
            return None
        self._stat(stage, started, 0, 1)
        return array

    # 1. ingest
    def ingest(self, units: Sequence[Unit]) -> str:
        started = time.perf_counter()
        o = self.options
        key = stage_key(self.cp.fingerprint, SHINGLE_SIZE, WINDOW_WORDS, o.num_perm, o.seed, o.max_bytes)
        self.cp.begin("ingest", key)
        chunks = self.chunks = _chunk_units(units)
        todo = [k for k in range(len(chunks)) if not self.cp.path("ingest", _chunk_name(k)).exists()]
        with self.progress.stage("ingest", len(chunks)) as advance:
            advance(len(chunks) - len(todo))
            for index, result in self.engine.map(self.read_chunk, [chunks[k] for k in todo]):
                self.cp.save_arrays(f"ingest/{_chunk_name(todo[index])}", **result)
                advance(1)
        self.cp.finish("ingest", key)
        self._stat("ingest", started, len(todo), len(chunks) - len(todo))
        return key

    def load(self) -> None:
        """Signatures, hashes and metadata of every chunk; a repeated id keeps its first article."""
        started = time.perf_counter()
        ids: list[str] = []
        meta: list[dict[str, Any]] = []
        sigs: list[np.ndarray] = []
        hashes: list[np.ndarray] = []
        windows: list[np.ndarray] = []
        offsets: list[np.ndarray] = []
        problems: list[dict[str, str]] = []
        where: list[tuple[int, int]] = []
        base = 0
        for k in range(len(self.chunks)):
            arrays, info = self._chunk(k)
            ids.extend(info["ids"])
            meta.extend(info["meta"])
            problems.extend(info["problems"])
            where.extend((k, row) for row in range(len(info["ids"])))
            sigs.append(arrays["signatures"])
            hashes.append(arrays["hashes"])
            windows.append(arrays["windows"])
            offsets.append(arrays["offsets"][:-1] + base)
            base += int(arrays["offsets"][-1])
        self.ids, self.meta, self.where = ids, meta, where
        self.signatures = np.concatenate(sigs) if sigs else np.empty((0, self.options.num_perm), np.uint32)
        self.hashes = np.concatenate(hashes) if hashes else np.empty(0, np.uint32)
        self.windows = np.concatenate(windows) if windows else np.empty(0, np.uint16)
        self.offsets = np.append(np.concatenate(offsets) if offsets else np.empty(0, np.int64), base)
        seen: set[str] = set()
        kept = np.ones(len(ids), dtype=bool)
        for row, doc_id in enumerate(ids):
            if doc_id in seen:
                kept[row] = False
                problems.append(
                    {"kind": "duplicate", "where": doc_id, "message": f"id {doc_id!r} is used twice; kept the first"}
                )
            seen.add(doc_id)
        self.kept = kept
        self.problems = problems
        self.stats["load"] = {"seconds": round(time.perf_counter() - started, 3)}

    def _chunk(self, k: int) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """The arrays and metadata of ingest chunk `k`; a chunk file that cannot be read (truncated,
        garbage) is treated as missing: computed again here and saved in its place."""
        name = f"ingest/{_chunk_name(k)}"
        try:
            arrays = self.cp.load_arrays(name)
            info = unpack_json(arrays["meta"])
            unpack_json(arrays["texts"])
            if not {"signatures", "offsets", "hashes", "windows"} <= set(arrays):
                raise KeyError("a stage array is missing")
        except CORRUPT_CHECKPOINT:
            arrays = self.read_chunk(self.chunks[k])
            self.cp.save_arrays(name, **arrays)
            self.repaired += 1
            info = unpack_json(arrays["meta"])
        return arrays, info

    def shingles(self, doc: int) -> tuple[np.ndarray, np.ndarray]:
        """An article's sorted shingle hashes and the window each first occurs in."""
        lo, hi = self.offsets[doc], self.offsets[doc + 1]
        return self.hashes[lo:hi], self.windows[lo:hi]

    # 2. candidates
    def candidates(self, previous: str) -> tuple[str, np.ndarray]:
        started = time.perf_counter()
        bands, rows = band_params(self.options.lsh_threshold, self.options.num_perm)
        self.bands = (bands, rows)
        key = stage_key(previous, bands, rows, COMMON, SAMPLE_BELOW, MIN_SHARED_SAMPLES)
        reused = self._reused("candidates", key, "stages/candidates.npy", started)
        if reused is not None:
            self.channels = dict(self.cp.manifest.get("candidates_by_channel", {}))
            return key, reused
        self.cp.begin("candidates", key, again=True)
        docs = np.flatnonzero(self.kept)
        with self.progress.stage("candidates", 2) as advance:
            similar = self.engine.bucket_pairs(band_keys(self.signatures[docs], bands, rows), docs)
            advance(1)
            contained = self.engine.shared_pairs(*sampled_shingles(self.hashes, self.offsets, docs))
            advance(1)
        pairs = count_pairs(np.concatenate([similar, contained]), 1)
        self.channels = {"lsh": len(similar), "containment": len(contained)}
        self.cp.manifest["candidates_by_channel"] = self.channels  # so a re-run reports the same
        self.cp.save_array("stages/candidates.npy", pairs)
        self.cp.finish("candidates", key)
        self._stat("candidates", started, 1, 0)
        return key, pairs

    # 3. verify
    def verify(self, previous: str, pairs: np.ndarray) -> tuple[str, np.ndarray]:
        started = time.perf_counter()
        o = self.options
        key = stage_key(
            previous, o.min_containment, o.min_shared, VERIFY_COLUMNS, SPREAD, LEDE, COPY, TOP_WINDOWS, COMMON
        )
        reused = self._reused("verify", key, "stages/edges.npy", started)
        if reused is not None:
            return key, reused
        self.cp.begin("verify", key, again=True)
        batches = [pairs[k : k + PAIRS_PER_VERIFY_BATCH] for k in range(0, len(pairs), PAIRS_PER_VERIFY_BATCH)]
        # Shingles in more than COMMON articles (a big event's background) do not count as one story's text.
        kept = self.hashes if self.kept.all() else self.hashes[np.repeat(self.kept, np.diff(self.offsets))]
        common = common_shingles(kept, COMMON)
        del kept

        def task(batch: np.ndarray) -> VerifyTask:
            docs = np.unique(batch)
            return batch, {int(d): self.shingles(int(d)) for d in docs}, o.min_containment, o.min_shared, common

        results: dict[int, np.ndarray] = {}
        with self.progress.stage("verify", len(batches)) as advance:
            for index, rows in self.engine.map(_verify_task, [task(b) for b in batches]):
                results[index] = rows
                advance(1)
        edges = (
            np.concatenate([results[k] for k in range(len(batches))]) if batches else np.empty((0, len(VERIFY_COLUMNS)))
        )
        self.cp.save_array("stages/edges.npy", edges)
        self.cp.finish("verify", key)
        self._stat("verify", started, len(batches), 0)
        return key, edges

    # 5. align
    def texts(self, docs: set[int]) -> dict[int, str]:
        """The texts of some documents, read back from the ingest chunks that hold them."""
        wanted: dict[int, list[tuple[int, int]]] = {}
        for doc in docs:
            chunk, row = self.where[doc]
            wanted.setdefault(chunk, []).append((doc, row))
        out: dict[int, str] = {}
        for chunk, items in wanted.items():
            texts = unpack_json(self.cp.load_member(f"ingest/{_chunk_name(chunk)}", "texts"))
            for doc, row in items:
                out[doc] = texts[row]
        return out

    def _story(self, batch: AlignBatch) -> dict[str, Any] | None:
        """What a batch needs to find its cluster's likely source: the articles' ids and metadata."""
        if batch.story is None:
            return None
        cluster, docs = batch.story
        return {
            "cluster": cluster,
            "core": batch.core,
            "docs": list(docs),
            "ids": [self.ids[d] for d in docs],
            "meta": [{k: self.meta[d].get(k) for k in ("title", "source", "date", "url")} for d in docs],
        }

    def align(self, previous: str, batches: list[AlignBatch]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Align the batches; return the aligned pairs and the likely sources of the detailed clusters."""
        started, main_cpu = time.perf_counter(), time.process_time()
        o = self.options
        key = stage_key(
            previous,
            o.threshold,
            o.max_all_pairs,
            o.all_pairs,
            PAIRS_PER_ALIGN_BATCH,
            DETAILED_CLUSTERS,
            SOURCE_LIMIT,
            PROVENANCE_LIMIT,
            ALIGN_FORMAT,
            # What is aligned, not only how: a change to the story rules changes the batches, not the keys above.
            [(batch.pairs, batch.story, batch.core) for batch in batches],
        )
        self.cp.begin("align", key)
        results: dict[int, dict[str, Any]] = {}
        todo = []
        for k in range(len(batches)):
            name = f"align/batch-{k:06d}.json"
            if self.cp.path(name).exists():
                try:
                    results[k] = self.cp.load_json(name)
                    if not isinstance(results[k], dict) or "pairs" not in results[k]:
                        raise KeyError("no pairs")
                    continue
                except CORRUPT_CHECKPOINT:  # truncated or garbage: computed again, like a batch not yet done
                    results.pop(k, None)
                    self.repaired += 1
            todo.append(k)
        if todo:
            texts = self.texts({d for k in todo for pair in batches[k].pairs for d in pair})
            tasks = [
                ([(a, b, texts[a], texts[b]) for a, b in batches[k].pairs], o.threshold, self._story(batches[k]))
                for k in todo
            ]
        else:
            tasks = []
        cpu = 0.0
        with self.progress.stage("align", len(batches)) as advance:
            advance(len(batches) - len(todo))
            for index, rows in self.engine.map(_align_task, tasks):
                cpu += float(rows.pop("cpu_seconds", 0.0))  # not in the checkpoint, which is the same on every run
                self.cp.save_json(f"align/batch-{todo[index]:06d}.json", rows)
                results[todo[index]] = rows
                advance(1)
        self.cp.finish("align", key)
        self._stat("align", started, len(todo), len(batches) - len(todo))
        # CPU seconds the workers spent aligning the pairs computed in this run: per pair, it does not depend
        # on what else the machine is running, as the stage's wall time does.
        self.stats["align"]["pairs"] = sum(len(batches[k].pairs) for k in todo)
        self.stats["align"]["cpu_seconds"] = round(cpu, 3)
        self.stats["align"]["main_cpu_seconds"] = round(time.process_time() - main_cpu, 3)  # reading, sending, saving
        pairs = [row for k in range(len(batches)) for row in results[k]["pairs"]]
        return pairs, [results[k]["story"] for k in range(len(batches)) if results[k]["story"] is not None]


def _chunk_name(k: int) -> str:
    return f"chunk-{k:06d}.npz"


def _chunk_units(units: Sequence[Unit]) -> list[list[Unit]]:
    """Chunks of work: up to FILES_PER_CHUNK article files, or one JSON / JSON Lines unit each."""
    chunks: list[list[Unit]] = []
    files: list[Unit] = []
    for unit in units:
        if unit.kind == "file":
            files.append(unit)
            if len(files) == FILES_PER_CHUNK:
                chunks.append(files)
                files = []
        else:
            chunks.append([unit])
    if files:
        chunks.append(files)
    return chunks


def _counts(problems: Sequence[Mapping[str, str]]) -> dict[str, int]:
    """How many problems of each kind, the kinds in the order they first occur."""
    counts: dict[str, int] = {}
    for p in problems:
        counts[p["kind"]] = counts.get(p["kind"], 0) + 1
    return counts


def _summary_of(problems: Sequence[Mapping[str, str]]) -> dict[str, Any]:
    return {"skipped": _counts(problems), "problems": list(problems)}


def describe_problems(problems: Sequence[Mapping[str, str]]) -> str:
    """One line: how many inputs were skipped, why, and the first few."""
    parts = ", ".join(f"{n} {kind}" for kind, n in sorted(_counts(problems).items()))
    shown = ", ".join(p["where"] for p in problems[:SHOWN_PROBLEMS])
    more = f" and {len(problems) - SHOWN_PROBLEMS} more" if len(problems) > SHOWN_PROBLEMS else ""
    return f"skipped {len(problems)} input{'s' if len(problems) != 1 else ''} ({parts}): {shown}{more}"


def corpus(
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    output: str | os.PathLike[str] | None = None,
    engine: str = "auto",
    scheduler: str | None = None,
    workers: int | None = None,
    force: bool = False,
    progress: bool | None = False,
    min_containment: float = CorpusOptions.min_containment,
    min_shared: int = CorpusOptions.min_shared,
    lsh_threshold: float = CorpusOptions.lsh_threshold,
    num_perm: int = CorpusOptions.num_perm,
    threshold: float = CorpusOptions.threshold,
    max_all_pairs: int = CorpusOptions.max_all_pairs,
    all_pairs: bool = CorpusOptions.all_pairs,
    max_bytes: int = CorpusOptions.max_bytes,
) -> CorpusResult:
    """Find every story told by several articles of a corpus, and align the articles of each story.

    Parameters
    ----------
    sources:
        Directories (walked for .txt, .md, .html, .json and .jsonl files),
        files or glob patterns; one or a list.
    output:
        A directory for checkpoints (and, with the CLI, the outputs): a run
        interrupted resumes there, and a re-run over unchanged inputs reuses
        every stage. None: a temporary directory, removed afterwards.
    engine, scheduler, workers:
        'local' (all cores, or `workers` processes), 'dask' (the cluster at
        `scheduler`, ``tcp://HOST:PORT``, else ``DASK_SCHEDULER_ADDRESS``) or
        'auto' (Dask when an address is given, else local).
    force:
        Replace a run over a different input set found in `output`.
    progress:
        A progress bar per stage on standard error (None: when it is a terminal).
    min_containment, min_shared:
        Two articles are linked when at least this share of the smaller one's
        5-word shingles is in the other, and they share at least `min_shared`.
    lsh_threshold, num_perm:
        The Jaccard level LSH is tuned to find, and the MinHash size.
    threshold:
        Sentence similarity threshold of the alignment (as in `compare`).
    all_pairs, max_all_pairs:
        Align every pair of a story of up to `max_all_pairs` articles, not
        just each member with the story's core (the cost is the square of
        the story's size).

    Returns
    -------
    CorpusResult
        Clusters, aligned pairs and articles; see `CorpusResult.to_dict`.

    Raises `InputError` when no input path exists or nothing usable remains.
    """
    options = CorpusOptions(
        min_containment=min_containment,
        min_shared=min_shared,
        lsh_threshold=lsh_threshold,
        num_perm=num_perm,
        threshold=threshold,
        max_all_pairs=max_all_pairs,
        all_pairs=all_pairs,
        max_bytes=max_bytes,
    )
    options.check()
    inputs = [sources] if isinstance(sources, str | os.PathLike) else list(sources)
    if output is None:
        with tempfile.TemporaryDirectory(prefix="storydiff-corpus-") as tmp:
            return _run(inputs, Path(tmp), options, engine, scheduler, workers, True, progress)
    return _run(inputs, Path(output), options, engine, scheduler, workers, force, progress)


def _run(
    inputs: list[str | os.PathLike[str]],
    out: Path,
    options: CorpusOptions,
    engine_name: str,
    scheduler: str | None,
    workers: int | None,
    force: bool,
    progress: bool | None,
) -> CorpusResult:
    started = time.perf_counter()
    units, input_problems = expand_inputs(inputs, exclude=out)
    checkpoint = Checkpoint(out, fingerprint(units), force=force)
    engine = make_engine(engine_name, scheduler=scheduler, workers=workers)
    try:
        with Progress(progress) as bars:
            run = _Run(checkpoint, engine, options, bars)
            key = run.ingest(units)
            run.load()
            problems = [p.to_dict() for p in input_problems] + run.problems
            if not run.kept.any():
                detail = f"; {describe_problems(problems)}" if problems else ""
                raise InputError(f"no usable articles in the inputs{detail}")
            key, candidates = run.candidates(key)
            key, verified = run.verify(key, candidates)
            verified = verified[verified[:, COLUMN["kept"]] > 0] if len(verified) else verified
            edges = verified[:, :2].astype(np.int64) if len(verified) else np.empty((0, 2), np.int64)
            started_clusters = time.perf_counter()
            clusters, cores = stories(len(run.ids), verified, run.ids, np.diff(run.offsets))
            grouped = events(clusters, edges, run.ids)
            run.stats["clusters"] = {"seconds": round(time.perf_counter() - started_clusters, 3)}
            batches = align_batches(
                clusters,
                cores,
                all_pairs=options.all_pairs,
                max_all_pairs=options.max_all_pairs,
                batch_size=PAIRS_PER_ALIGN_BATCH,
            )
            aligned, sources = run.align(key, batches)
    finally:
        engine.close()
    result = _assemble(run, clusters, cores, grouped, aligned, sources, problems, options)
    run.stats["total"] = {"seconds": round(time.perf_counter() - started, 3), "checkpoints_repaired": run.repaired}
    summary = dict(result.summary)
    summary["stages"] = run.stats
    summary["engine"] = engine.name
    summary["workers"] = engine.workers
    summary["candidates"] = len(candidates)
    summary["edges"] = len(edges)
    summary["lsh_bands"] = list(run.bands)
    summary["candidates_by_channel"] = run.channels
    return replace(result, summary=summary)


def _assemble(
    run: _Run,
    clusters: list[list[int]],
    cores: list[int],
    grouped: list[list[int]],
    aligned: list[dict[str, Any]],
    sources: list[dict[str, Any]],
    problems: list[dict[str, str]],
    options: CorpusOptions,
) -> CorpusResult:
    cluster_of = {doc: k for k, members in enumerate(clusters) for doc in members}
    event_of = {story: e for e, group in enumerate(grouped) for story in group}
    coverage: dict[int, list[list[int]]] = {}
    words: dict[int, int] = {}
    from_core: dict[int, tuple[float, int]] = {}  # member: (share of its words found in the core, words added)
    pairs = []
    for row in aligned:
        a, b = row["a"], row["b"]
        coverage.setdefault(a, []).extend(row["covered_a"])
        coverage.setdefault(b, []).extend(row["covered_b"])
        words[a], words[b] = row["words_a"], row["words_b"]
        core = cores[cluster_of[a]]
        if core in (a, b):
            member, share, size = (b, row["overlap_b_in_a"], row["words_b"])
            if core == b:
                member, share, size = (a, row["overlap_a_in_b"], row["words_a"])
            from_core[member] = (share, round(size * (1 - share)))
        pairs.append(
            {
                "a": run.ids[a],
                "b": run.ids[b],
                "overlap_a_in_b": row["overlap_a_in_b"],
                "overlap_b_in_a": row["overlap_b_in_a"],
                "shingle_containment_a_in_b": row["shingle_containment_a_in_b"],
                "shingle_containment_b_in_a": row["shingle_containment_b_in_a"],
                "cluster": cluster_of[a],
            }
        )
    articles = []
    for doc in np.flatnonzero(run.kept).tolist():
        meta = run.meta[doc]
        story = cluster_of.get(doc)
        share, added = from_core.get(doc, (None, None))
        articles.append(
            {
                "id": run.ids[doc],
                **{k: meta.get(k) for k in ("title", "source", "date", "url", "path")},
                "words": meta["words"],
                "cluster": story,
                "found_elsewhere": covered_share(words.get(doc, 0), coverage.get(doc, [])),
                "event": None if story is None else event_of.get(story),
                "core": None if story is None else run.ids[cores[story]],
                "from_core": share,
                "added_words": added,
            }
        )
    summary = {
        "articles": len(articles),
        "clusters": len(clusters),
        "articles_in_clusters": sum(len(c) for c in clusters),
        "largest_cluster": max((len(c) for c in clusters), default=0),
        "events": len(grouped),
        "pairs": len(pairs),
        **_summary_of(problems),
    }
    return CorpusResult(
        tuple(tuple(run.ids[d] for d in members) for members in clusters),
        tuple(pairs),
        tuple(articles),
        summary,
        {k: getattr(options, k) for k in CorpusOptions.__dataclass_fields__},
        tuple(sorted(sources, key=lambda s: int(s["cluster"]))),
        tuple(run.ids[core] for core in cores),
        tuple(tuple(group) for group in grouped),
    )
