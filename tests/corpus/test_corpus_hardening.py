"""`storydiff corpus` against hostile inputs and a hostile machine: odd files among the inputs, corrupt
checkpoints, a read-only output, a run killed with SIGKILL, and re-runs that must write the same result."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_fixtures import EXPECTED_CLUSTERS, filler

from compare.cli import main
from compare.corpus_engine import clusters


def run(*argv: str) -> int:
    return main(["corpus", *argv, "--workers", "1", "--quiet"])


def corpus_json(out: Path) -> dict[str, object]:
    """corpus.json without the run's own timings and engine (the only parts a re-run may change)."""
    data = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    summary = dict(data["summary"])
    summary.pop("stages")
    return {**data, "summary": summary}


def test_a_re_run_and_a_resumed_run_write_the_same_corpus_json(corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out)) == 0
    first = corpus_json(out)
    assert first["summary"]["candidates_by_channel"]["lsh"] > 0  # type: ignore[index]
    assert run(str(corpus_dir), "-o", str(out)) == 0  # every stage reused
    assert corpus_json(out) == first
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    del manifest["stages"]["align"]  # as if killed during alignment
    sorted((out / "align").iterdir())[-1].unlink()
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert run(str(corpus_dir), "-o", str(out)) == 0
    assert corpus_json(out) == first


def test_a_run_resumed_after_the_story_rules_change_aligns_the_new_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alignments saved for the old stories are not reused for new ones (as after an upgrade that changes
    the rules): the resumed run writes what a fresh run writes."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    wire = " ".join([filler(1, 80), filler(2, 300)])
    (inputs / "wire.txt").write_text(wire, encoding="utf-8")
    (inputs / "reprint.txt").write_text("By staff. " + wire, encoding="utf-8")
    (inputs / "rewrite.txt").write_text(" ".join([filler(9, 80), filler(2, 300)]), encoding="utf-8")
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert run(str(inputs), "-o", str(out)) == 0
    before = corpus_json(out)
    monkeypatch.setattr(clusters, "TOP_SHARED", 0.5)  # a stricter rule: the rewrite is no longer a version
    monkeypatch.setattr(clusters, "LEDE", 2.0)
    assert run(str(inputs), "-o", str(out)) == 0
    assert run(str(inputs), "-o", str(fresh)) == 0
    assert corpus_json(out) != before  # the case this is about: the stories changed
    assert corpus_json(out) == corpus_json(fresh)


@pytest.mark.parametrize(
    ("stage_file", "damage"),
    [
        ("align/batch-000000.json", "truncate"),
        ("ingest/chunk-000000.npz", "garbage"),
        ("ingest/chunk-000000.npz", "truncate"),
        ("stages/candidates.npy", "garbage"),
        ("stages/edges.npy", "truncate"),
    ],
)
def test_a_corrupt_checkpoint_is_treated_as_missing_and_redone(
    stage_file: str, damage: str, corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from compare import corpus

    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out)) == 0
    first = corpus_json(out)
    target = out / stage_file
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2] if damage == "truncate" else os.urandom(len(data)))
    capsys.readouterr()
    assert run(str(corpus_dir), "-o", str(out)) == 0, capsys.readouterr().err
    assert "Traceback" not in capsys.readouterr().err
    assert corpus_json(out) == first
    assert target.read_bytes() == data  # computed again, byte for byte
    again = corpus(corpus_dir, output=out, workers=1)  # and now whole again: nothing left to repair
    assert again.summary["stages"]["total"]["checkpoints_repaired"] == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_pipes_devices_and_looping_links_are_skipped_and_counted_by_reason(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """README: unreadable inputs are skipped and counted; a pipe is never waited on, a loop never followed."""
    odd = tmp_path / "odd"
    odd.mkdir()
    os.mkfifo(odd / "pipe.txt")  # in a folder that is walked
    os.mkfifo(tmp_path / "given.fifo")  # and given by name
    os.symlink(odd / "loop-b.txt", odd / "loop-a.txt")
    os.symlink(odd / "loop-a.txt", odd / "loop-b.txt")
    os.symlink(tmp_path / "nowhere.txt", odd / "broken.txt")
    inputs = [str(corpus_dir), str(odd), str(tmp_path / "given.fifo"), str(odd / "loop-a.txt")]
    if Path("/dev/zero").exists():
        inputs.append("/dev/zero")
    out = tmp_path / "out"
    started = time.monotonic()
    assert run(*inputs, "-o", str(out)) == 0
    assert time.monotonic() - started < 60
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    data = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert data["clusters"] == EXPECTED_CLUSTERS
    skipped = data["summary"]["skipped"]
    assert skipped["not-a-file"] == 2 + ("/dev/zero" in inputs)
    assert skipped["link-loop"] == 3  # both links met in the walk, and one given by name
    assert skipped["broken-link"] == 1
    where = {p["where"] for p in data["summary"]["problems"]}
    assert str(tmp_path / "given.fifo") in where and str(odd / "broken.txt") in where
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "given.fifo" in report and "symbolic link that leads round in a loop" in report


def test_unreadable_texts_are_named_in_the_report(corpus_dir: Path, tmp_path: Path) -> None:
    (corpus_dir / "other" / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR a picture, not text")
    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out)) == 0
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Skipped inputs: 1 binary" in report and "scan.txt" in report


def _sandbox_mount_works() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o ro,size=64k tmpfs /mnt"], capture_output=True
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    sys.platform != "linux" or not _sandbox_mount_works(),
    reason="needs Linux user namespaces (unshare -rm) to mount a read-only file system without touching this one",
)
def test_output_on_a_read_only_file_system_is_one_line(corpus_dir: Path, tmp_path: Path) -> None:
    """A real EROFS: a read-only tmpfs mounted in a private mount namespace, gone when the process ends."""
    ro = tmp_path / "ro"
    ro.mkdir()
    storydiff = f"{sys.executable} -m compare corpus {corpus_dir} -o {ro / 'new'} -q --workers 1"
    script = f"mount -t tmpfs -o ro,size=64k tmpfs {ro} && exec {storydiff}"
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "new': read-only file system; write somewhere else" in err, err


def _descendants(pid: int) -> dict[int, bytes]:
    """The processes under `pid` (children, grandchildren…), with their command lines, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_bytes()
                parents[int(entry.name)] = int(stat.rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found: dict[int, bytes] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in found:
                try:
                    found[child] = (Path("/proc") / str(child) / "cmdline").read_bytes()
                except OSError:
                    continue
                frontier.append(child)
    return found


def _still_there(processes: dict[int, bytes]) -> list[int]:
    alive = []
    for pid, cmdline in processes.items():
        try:
            state = (Path("/proc") / str(pid) / "stat").read_bytes().rsplit(b")", 1)[1].split()[0]
            same = (Path("/proc") / str(pid) / "cmdline").read_bytes() == cmdline
        except OSError:
            continue
        if same and state not in (b"Z", b"X"):
            alive.append(pid)
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see the run's processes")
def test_killing_a_run_with_sigkill_leaves_no_process_behind(tmp_path: Path) -> None:
    """Workers, the forkserver and the resource tracker all end when the run is killed with kill -9."""
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    for f in range(3):  # three 1.5 MB JSON Lines files: three chunks of work, several seconds on two workers
        lines = [json.dumps({"id": f"{f}-{n}", "text": filler(f * 10_000 + n, 220)}) for n in range(1200)]
        (feeds / f"feed{f}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "compare", "corpus", str(feeds), "-o", str(tmp_path / "out"), "--workers", "2", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        family: dict[int, bytes] = {}
        while time.monotonic() < deadline and process.poll() is None:
            family.update(_descendants(process.pid))
            workers = [pid for pid, cmd in family.items() if b"forkserver" in cmd]
            if len(workers) >= 3:  # the forkserver and two workers it forked
                break
            time.sleep(0.05)
        assert process.poll() is None, "the run ended before its workers were seen: make the corpus larger"
        family.update(_descendants(process.pid))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 15
        while _still_there(family) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _still_there(family) == [], "processes outlived the killed run"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in _still_there(family if "family" in dir() else {}):
            os.kill(pid, signal.SIGKILL)  # only the run's own processes, recorded above


def test_lone_surrogates_and_huge_numbers_in_records_do_not_stop_a_run(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lone surrogate becomes U+FFFD in ids, titles and texts; a 5,000-digit number skips its record only."""
    feed = corpus_dir / "feed.jsonl"
    body = filler(99)
    feed.write_text(
        "\n".join(
            [
                json.dumps({"id": "odd\ud800id", "title": "T\udfff", "source": "S\ud800", "text": f"{body} \ud800."}),
                '{"id": ' + "9" * 5000 + ', "text": "A record with an id too long to read."}',
                json.dumps({"id": "copy", "text": f"{body} \ud800."}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (corpus_dir / "whole.json").write_text('{"id": ' + "9" * 5000 + ', "text": "x"}', encoding="utf-8")
    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out), "--pairs", "csv") == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    data = json.loads((out / "corpus.json").read_text(encoding="utf-8"))  # valid UTF-8, valid JSON
    ids = {a["id"] for a in data["articles"]}
    assert "odd\ufffdid" in ids and "copy" in ids
    assert ["copy", "odd\ufffdid"] in [sorted(c) for c in data["clusters"]]
    problems = {p["where"]: p["message"] for p in data["summary"]["problems"]}
    assert "holds a number too long to read" in problems["feed.jsonl#2"]
    assert any("whole.json" in where and "too long to read" in m for where, m in problems.items())
    (out / "report.html").read_text(encoding="utf-8")
    (out / "pairs.csv").read_text(encoding="utf-8")
