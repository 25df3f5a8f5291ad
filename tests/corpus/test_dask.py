"""The Dask engine on a real two-worker cluster (loopback only) gives the local engine's result."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as local:
        yield local


def test_dask_engine_equals_local_engine(corpus_dir: Path, tmp_path: Path, cluster) -> None:  # type: ignore[no-untyped-def]
    local = corpus(corpus_dir, engine="local", workers=1)
    on_dask = corpus(corpus_dir, output=tmp_path / "out", scheduler=cluster.scheduler_address)
    assert on_dask.summary["engine"] == "dask"
    assert on_dask.clusters == local.clusters
    assert on_dask.pairs == local.pairs
    assert on_dask.articles == local.articles


def test_scheduler_address_from_the_environment(
    corpus_dir: Path,
    cluster,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.scheduler_address)
    result = corpus([corpus_dir / "adv", corpus_dir / "int"])
    assert result.summary["engine"] == "dask"
    assert len(result.clusters) == 2


def test_an_unreachable_scheduler_is_a_clear_error(corpus_dir: Path) -> None:
    from compare import OptionError

    with pytest.raises(OptionError, match="cannot reach the Dask scheduler"):
        corpus(corpus_dir, scheduler="tcp://127.0.0.1:9")


def test_dask_engine_equals_local_engine_on_coverage_of_events(event_feed, cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, _ = event_feed
    local = corpus([path], engine="local", workers=2)
    on_dask = corpus([path], output=tmp_path / "out", scheduler=cluster.scheduler_address)
    assert on_dask.summary["engine"] == "dask"
    assert len(local.clusters) > 10 and local.events
    assert on_dask.clusters == local.clusters
    assert on_dask.cores == local.cores
    assert on_dask.events == local.events
    assert on_dask.pairs == local.pairs
    assert on_dask.articles == local.articles
    assert on_dask.likely_sources == local.likely_sources
