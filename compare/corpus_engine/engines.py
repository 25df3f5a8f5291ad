"""Where the stages run: on this machine's cores, or on a Dask distributed cluster.

Both engines offer the same three operations, and the stages use nothing else:

* `map(fn, tasks)` — run a picklable function over a list of tasks, yielding
  `(index, result)` as each finishes (so the caller can checkpoint it at once);
* `bucket_pairs(keys, docs)` — the LSH step: documents that share a band key;
* `shared_pairs(values, docs)` — the containment step: documents that share
  at least `signatures.MIN_SHARED_SAMPLES` sampled shingles.

`LocalEngine` uses a `concurrent.futures.ProcessPoolExecutor` on all cores —
nothing to install or start. `DaskEngine` connects to an existing scheduler
(``tcp://HOST:PORT``) and runs tasks as a Dask bag and the band grouping as a
Dask dataframe shuffle; dask and distributed are imported only when it is
asked for. With Dask, workers read the input files themselves, so inputs must
be at the same paths on every worker (a shared mount); results come back to
this process, which alone writes the output directory.

A progress bar per stage goes to standard error when it is a terminal.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Any

import numpy as np

from ..errors import EXIT_ENVIRONMENT, DependencyError, OptionError
from .signatures import MIN_SHARED_SAMPLES, bucket_pairs, count_pairs, pair_codes, shared_pairs

__all__ = ["DaskEngine", "Engine", "LocalEngine", "Progress", "die_with", "make_engine"]


class Progress:
    """One rich progress bar per stage on standard error, or nothing when it is not a terminal."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("{task.description:<10}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    @contextmanager
    def stage(self, label: str, total: int) -> Iterator[Callable[[int], None]]:
        """A bar for one stage; the yielded function advances it."""
        if self._progress is None:

            def ignore(n: int = 1) -> None:
                pass

            yield ignore
            return
        bars = self._progress
        task = bars.add_task(label, total=max(total, 1))

        def advance(n: int = 1) -> None:
            bars.advance(task, n)

        yield advance
        bars.update(task, completed=max(total, 1))


class Engine:
    """What a stage needs from an engine."""

    name = "engine"
    workers = 1

    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        raise NotImplementedError

    def bucket_pairs(self, keys: np.ndarray, docs: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def shared_pairs(self, values: np.ndarray, docs: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def close(self) -> None:
        """Release processes or connections."""


WATCH_SECONDS = 0.5  # how often a worker checks that the process that started it is still there


def _alive(pid: int) -> bool:
    """True while process `pid` runs (a zombie, killed but not yet reaped by its parent, does not)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[1].split()[0]
        return state not in (b"Z", b"X")
    except FileNotFoundError:
        return False
    except (OSError, IndexError):  # no /proc here: ask the system whether the process exists
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def die_with(parent: int) -> None:
    """Worker initializer: end this worker when process `parent` (the run) is gone, however it ended.

    A run killed with SIGKILL cannot stop its pool. Its workers would wait for work for ever, and
    with them the forkserver (they hold its lifeline) and the resource tracker: about 200 MB left
    behind by every kill. A daemon thread checks every `WATCH_SECONDS` and exits the process.
    Ctrl-C reaches every process of the terminal's group; a worker ignores it and finishes the task
    it holds, while `LocalEngine.close` drops the tasks not started. Workers that died of it mid-task
    printed a traceback each, and could leave the pool's feeder thread blocked on a full pipe nobody
    read any more: the run hung.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while _alive(parent):
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="storydiff-die-with-parent", daemon=True).start()


class LocalEngine(Engine):
    """All cores of this machine through a process pool; with one worker, in this process."""

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: Any = None

    def _executor(self) -> Any:
        if self._pool is None:
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=die_with,
                initargs=(os.getpid(),),
            )
        return self._pool

    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        if self.workers == 1 or len(tasks) <= 1:
            for index, task in enumerate(tasks):
                yield index, fn(task)
            return

        pool = self._executor()
        futures = {pool.submit(fn, task): index for index, task in enumerate(tasks)}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        finally:
            for future in futures:
                future.cancel()

    def bucket_pairs(self, keys: np.ndarray, docs: np.ndarray) -> np.ndarray:
        return bucket_pairs(keys, docs)

    def shared_pairs(self, values: np.ndarray, docs: np.ndarray) -> np.ndarray:
        return shared_pairs(values, docs)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _pair_frame(pairs: np.ndarray) -> Any:
    """(m, 2) int64 document pairs as the ("a", "b") frame the Dask steps pass on (empty: their `meta`)."""
    import pandas as pd

    return pd.DataFrame({"a": pairs[:, 0], "b": pairs[:, 1]})


_NO_PAIRS = np.empty((0, 2), np.int64)


def _bucket_frame(frame: Any) -> Any:
    """Candidate pairs within one partition of the shuffled (band, key, doc) frame."""
    if frame.empty:
        return _pair_frame(_NO_PAIRS)
    bands = frame["band"].to_numpy()
    found = []
    for band in np.unique(bands):
        rows = frame[bands == band]
        pairs = bucket_pairs(rows["key"].to_numpy(np.uint64)[:, None], rows["doc"].to_numpy(np.int64))
        found.append(pairs)
    return _pair_frame(np.concatenate(found) if found else _NO_PAIRS)


def _shared_frame(frame: Any) -> Any:
    """Pairs (with repeats) sharing a sampled shingle within one partition of the shuffled (value, doc) frame."""
    return _pair_frame(pair_codes(frame["value"].to_numpy(np.uint32), frame["doc"].to_numpy(np.int64)))


class DaskEngine(Engine):
    """An existing Dask distributed cluster: tasks as a Dask bag, LSH buckets by a dataframe shuffle."""

    name = "dask"

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - the extra is part of the test install
            raise DependencyError("the Dask engine needs the dask extra: pip install 'storydiff[dask]'") from exc
        try:
            self.client = Client(address, timeout="10s", set_as_default=False)
        except OSError as exc:
            raise DependencyError(
                f"cannot reach the Dask scheduler at {address!r} ({exc}); start one with 'dask scheduler' "
                "or leave out --scheduler to run locally",
                exit_code=EXIT_ENVIRONMENT,
            ) from exc
        self.address = address
        self.workers = max(1, sum(self.client.nthreads().values()))

    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        if not tasks:
            return
        import dask.bag as db
        from distributed import as_completed

        bag = db.from_sequence(list(tasks), npartitions=len(tasks)).map(fn)
        futures = self.client.compute(bag.to_delayed())
        index = {future.key: k for k, future in enumerate(futures)}
        try:
            for future in as_completed(futures, loop=self.client.loop):
                (result,) = future.result()
                yield index[future.key], result
        finally:
            self.client.cancel(futures)

    def bucket_pairs(self, keys: np.ndarray, docs: np.ndarray) -> np.ndarray:
        import dask.dataframe as dd
        import pandas as pd

        n, bands = keys.shape
        if n == 0:
            return np.empty((0, 2), np.int64)
        frame = pd.DataFrame(
            {
                "band": np.repeat(np.arange(bands, dtype=np.int32)[None, :], n, axis=0).ravel(),
                "key": keys.ravel(),
                "doc": np.repeat(np.asarray(docs, np.int64), bands),
            }
        )
        partitions = max(1, min(4 * self.workers, n * bands // 50_000 + 1))
        shuffled = dd.from_pandas(frame, npartitions=partitions).shuffle(on=["band", "key"], npartitions=partitions)
        pairs = shuffled.map_partitions(_bucket_frame, meta=_pair_frame(_NO_PAIRS)).drop_duplicates()
        result = self.client.compute(pairs).result()
        out = np.stack([result["a"].to_numpy(np.int64), result["b"].to_numpy(np.int64)], axis=1)
        if not len(out):
            return np.empty((0, 2), np.int64)
        order = np.lexsort((out[:, 1], out[:, 0]))
        return out[order]

    def shared_pairs(self, values: np.ndarray, docs: np.ndarray) -> np.ndarray:
        import dask.dataframe as dd
        import pandas as pd

        if not len(values):
            return np.empty((0, 2), np.int64)
        frame = pd.DataFrame({"value": values, "doc": np.asarray(docs, np.int64)})
        partitions = max(1, min(4 * self.workers, len(frame) // 200_000 + 1))
        shuffled = dd.from_pandas(frame, npartitions=partitions).shuffle(on="value", npartitions=partitions)
        counts = shuffled.map_partitions(_shared_frame, meta=_pair_frame(_NO_PAIRS)).groupby(["a", "b"]).size()
        kept = self.client.compute(counts[counts >= MIN_SHARED_SAMPLES]).result()
        pairs = np.array(list(kept.index), dtype=np.int64).reshape(-1, 2)
        return count_pairs(pairs, 1)

    def close(self) -> None:
        self.client.close()


def make_engine(engine: str, *, scheduler: str | None, workers: int | None) -> Engine:
    """The engine asked for: 'local', 'dask' (needs a scheduler address) or 'auto' (dask when one is given)."""
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    if engine == "auto":
        engine = "dask" if address else "local"
    if engine == "local":
        return LocalEngine(workers)
    if engine == "dask":
        if not address:
            raise OptionError(
                "the Dask engine needs a scheduler: give --scheduler tcp://HOST:PORT or set DASK_SCHEDULER_ADDRESS"
            )
        return DaskEngine(address)
    raise OptionError(f"unknown engine {engine!r}: use 'local', 'dask' or 'auto'")
