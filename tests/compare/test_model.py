"""The result object: serialisation, DataFrames, and the public surface."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import compare as api
from compare import SCHEMA, Comparison, Document, InputError, OptionError, compare

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def result(seed_text: str) -> Comparison:
    return compare(Document(seed_text, title="Seed"), SAMPLES / "altered.txt")


def test_to_dict_follows_the_v2_schema_and_is_json(result: Comparison) -> None:
    data = json.loads(json.dumps(result.to_dict()))
    assert data["schema"] == SCHEMA == "storydiff/comparison/v2"
    assert data["a"]["title"] == "Seed" and data["b"]["name"] == "altered.txt"
    for side in ("a", "b"):
        text = result.a.text if side == "a" else result.b.text
        for s in data[side]["sentences"]:
            assert text[s["start"] : s["end"]] == s["text"]
    for group in data["alignment"]:
        assert set(group) >= {"a", "b", "kind", "moved", "score", "diff"}
        for op in group["diff"]:
            assert result.a.text[op["a"][0] : op["a"][1]] == op["a_text"]
            assert result.b.text[op["b"][0] : op["b"][1]] == op["b_text"]
    assert set(data["scores"]) >= {"overlap_a_in_b", "overlap_b_in_a", "jaccard", "counts"}


def test_json_round_trip_gives_the_same_comparison(result: Comparison) -> None:
    data = json.loads(json.dumps(result.to_dict()))
    again = Comparison.from_dict(data)
    assert again.groups == result.groups
    assert again.a_sentences == result.a_sentences and again.b_sentences == result.b_sentences
    assert again.to_dict()["alignment"] == data["alignment"]


def test_from_dict_refuses_other_schemas() -> None:
    with pytest.raises(InputError, match="not a storydiff comparison"):
        Comparison.from_dict({"schema": "something/else"})


def test_output_is_deterministic(seed_text: str) -> None:
    b = (SAMPLES / "reordered.txt").read_text(encoding="utf-8")
    assert compare(seed_text, b).to_dict() == compare(seed_text, b).to_dict()


def test_to_frame_has_one_row_per_group(result: Comparison) -> None:
    frame = result.to_frame()
    assert len(frame) == len(result.groups)
    assert list(frame["kind"]) == [g.kind for g in result.groups]
    assert frame["score"].between(0, 1).all()


def test_bad_arguments_raise_option_errors() -> None:
    with pytest.raises(OptionError, match="threshold"):
        compare("a", "b", threshold=1.5)
    with pytest.raises(OptionError, match="cannot compare a bytes"):
        compare(b"bytes", "text")  # type: ignore[arg-type]


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        compare(tmp_path / "missing.txt", "text")


def test_everything_public_is_listed_in_all() -> None:
    public = {name for name in dir(api) if not name.startswith("_") and not inspect.ismodule(getattr(api, name))}
    assert public == set(api.__all__) - {"__version__"}


def test_the_command_line_starts_without_the_aligner() -> None:
    """`storydiff --help` and `--version` should not pay for numpy, the stemmer or the corpus engine."""
    heavy = "('numpy', 'Stemmer', 'datasketch', 'pandas')"
    code = f"import sys, compare.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_importing_the_core_loads_no_ui_or_dataframe_library() -> None:
    code = (
        "import sys, compare; compare.compare('a b c.', 'a b d.'); "
        "print(sorted(m for m in ('textual', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
