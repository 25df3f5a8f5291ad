"""Reading a corpus's inputs: record files are read within --max-size, bad records are reported, not fatal."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from corpus_fixtures import filler

from compare import corpus


def _writer(path: Path, total: int, written: list[int]) -> None:
    """Write up to `total` bytes into the FIFO at `path`, counting what the reader took before it closed."""
    fd = os.open(path, os.O_WRONLY)
    piece = b" " * 4096
    try:
        while written[0] < total:
            written[0] += os.write(fd, piece)
    except BrokenPipeError:
        pass
    finally:
        os.close(fd)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_json_file_is_read_no_further_than_the_size_limit(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(2):
        (inputs / f"story-{n}.txt").write_text(filler(n), encoding="utf-8")
    pipe = inputs / "endless.json"  # a source that never ends, as a device or a pipe can be
    os.mkfifo(pipe)
    written = [0]
    writer = threading.Thread(target=_writer, args=(pipe, 20_000_000, written), daemon=True)
    writer.start()
    try:
        result = corpus(inputs, workers=1, max_bytes=100_000)
    finally:
        if writer.is_alive():  # unblock a writer still waiting for a reader
            os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(10)
    assert [(p["kind"], Path(p["where"]).name) for p in result.problems] == [("too-large", "endless.json")]
    # The reader stopped after max_bytes + 1 bytes; the writer got at most a pipe buffer more in.
    assert written[0] < 1_000_000


def test_a_record_line_over_the_size_limit_is_skipped_and_the_others_keep_their_numbers(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": filler(1)}),
        json.dumps({"text": " ".join([filler(2)] * 700)}),  # about 1.4 MB: longer than a JSON Lines unit
        json.dumps({"text": filler(3)}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = corpus([feed], workers=1, max_bytes=100_000)
    assert [(p["kind"], p["where"]) for p in result.problems] == [("too-large", "feed.jsonl#2")]
    assert [a["id"] for a in result.articles_] == ["feed.jsonl#1", "feed.jsonl#3"]
