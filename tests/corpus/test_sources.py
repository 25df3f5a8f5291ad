"""Reading a corpus's inputs: record files are read within --max-size, bad records are reported, not fatal."""

from __future__ import annotations

import json
import os
import re
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
def test_a_pipe_among_the_inputs_is_skipped_never_read(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(2):
        (inputs / f"story-{n}.txt").write_text(filler(n), encoding="utf-8")
    pipe = inputs / "endless.json"  # a source that never ends, as a device or a pipe can be: never read
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
    assert [(p["kind"], Path(p["where"]).name) for p in result.problems] == [("not-a-file", "endless.json")]
    assert written[0] < 1_000_000  # at most a pipe buffer went in before the writer was turned away


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
    assert [a["id"] for a in result.articles] == ["feed.jsonl#1", "feed.jsonl#3"]


def test_bad_records_are_reported_as_storydiff_compare_reports_them_and_the_rest_is_read(tmp_path: Path) -> None:
    from compare import InputError
    from compare.ingest import read_source

    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": filler(1)}),
        '{"text": "cut short',
        json.dumps(["an", "array"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": filler(2)}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = corpus([feed], workers=1)
    assert [a["id"] for a in result.articles] == ["feed.jsonl#1", "feed.jsonl#5"]
    problems = {p["where"]: p["message"] for p in result.problems}
    assert list(problems) == ["feed.jsonl#2", "feed.jsonl#3", "feed.jsonl#4"]
    assert "line 2 is not valid JSON" in problems["feed.jsonl#2"]
    assert "line 3 is a JSON array, not an object with a 'text' field" in problems["feed.jsonl#3"]
    assert "the record has no 'text' field" in problems["feed.jsonl#4"]
    # `storydiff compare` reads the same records, and refuses the bad ones with the same words.
    assert read_source(f"{feed}#5").text == filler(2)
    for number, message in problems.items():
        with pytest.raises(InputError, match=re.escape(message.split(": ", 1)[1])):
            read_source(f"{tmp_path / number}")


def test_a_json_file_holding_json_lines_is_read_as_storydiff_compare_reads_it(tmp_path: Path) -> None:
    from compare.ingest import read_source

    export = tmp_path / "export.json"
    export.write_text("\n".join(json.dumps({"id": f"r{n}", "text": filler(n)}) for n in range(3)), encoding="utf-8")
    result = corpus([export], workers=1)
    assert not result.problems
    assert [a["id"] for a in result.articles] == ["r0", "r1", "r2"]
    assert read_source(f"{export}#r2").text == filler(2)
