"""Fixtures: a small corpus of real stories and fillers, as files and as JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus_fixtures import LEVELS, STORIES, filler, story


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """feeds/{adv,int,ele}/{banksy,meteorite}.txt plus feeds/other/filler-N.txt."""
    root = tmp_path / "feeds"
    for level in LEVELS:
        (root / level).mkdir(parents=True)
        for name in STORIES:
            (root / level / f"{name}.txt").write_text(story(level, name), encoding="utf-8")
    (root / "other").mkdir()
    for n in range(6):
        (root / "other" / f"filler-{n}.txt").write_text(filler(n), encoding="utf-8")
    return root


@pytest.fixture
def corpus_jsonl(tmp_path: Path) -> Path:
    """The same articles as JSON Lines records; one filler has no id."""
    path = tmp_path / "feed.jsonl"
    lines = []
    for level in LEVELS:
        for name in STORIES:
            record = {"id": f"{name}-{level}", "text": story(level, name), "title": f"{name} ({level})"}
            record["source"] = f"outlet-{level}"
            lines.append(json.dumps(record))
    for n in range(4):
        lines.append(json.dumps({"id": f"filler-{n}", "text": filler(n)}))
    lines.append(json.dumps({"text": filler(99), "source": "anonymous"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def event_feed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    """A JSON Lines feed covering events (stories sharing background paragraphs and quotes), with its truth."""
    from corpus_fixtures import event_corpus

    records, truth = event_corpus(160)
    path = tmp_path_factory.mktemp("events") / "events.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path, truth
