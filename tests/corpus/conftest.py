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
