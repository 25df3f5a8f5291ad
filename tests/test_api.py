"""The scripting API keeps one convention: data fields, to_dict/from_dict, to_frame with a stated index, typed
keyword options, and loading files as its own call (see README, "API")."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

import compare as storydiff
from compare import (
    AlignOptions,
    Collection,
    Comparison,
    CorpusResult,
    DependencyError,
    InputError,
    OptionError,
    OutputError,
    StorydiffError,
    compare,
    compare_many,
)
from compare.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SEED, SPLIT = SAMPLES / "seed-bbc.txt", SAMPLES / "split-merged.txt"


@pytest.fixture(scope="module")
def split() -> Comparison:
    return compare(SEED, SPLIT)


@pytest.fixture(scope="module")
def three() -> Collection:
    return compare_many([SEED, SAMPLES / "wire.txt", SAMPLES / "shortened.txt"])


def test_comparison_frame_has_int_indices_and_no_list_columns(split: Comparison) -> None:
    frame = split.to_frame()
    assert frame.index.name == "group" and list(frame.index) == list(range(len(split.groups)))
    assert str(frame["a_index"].dtype) == "Int64" and str(frame["b_index"].dtype) == "Int64"
    assert not any(isinstance(v, list | tuple) for column in frame for v in frame[column])
    multi = [n for n, g in enumerate(split.groups) if len(g.a) > 1 or len(g.b) > 1]
    inserted = [n for n, g in enumerate(split.groups) if not g.a]
    assert multi and inserted  # the sample has both shapes the representation is about
    for n in multi + inserted:
        g = split.groups[n]
        row = frame.loc[n]
        assert (pd.isna(row["a_index"]) if not g.a else row["a_index"] == g.a[0]) and row["a_count"] == len(g.a)
        assert row["b_index"] == g.b[0] and row["b_count"] == len(g.b)


def test_findings_frame_is_indexed_by_finding_and_joins_the_groups() -> None:
    result = compare(SEED, SAMPLES / "altered.txt")
    findings = result.findings_frame()
    assert findings.index.name == "finding" and len(findings) == len(result.findings) > 0
    joined = findings.merge(result.to_frame(), left_on="group", right_index=True, suffixes=("", "_group"))
    assert list(joined["kind_group"]) == [result.groups[f.group].kind for f in result.findings]


def test_findings_are_typed_cached_and_only_found_when_asked() -> None:
    result = compare(SEED, SAMPLES / "altered.txt")
    assert result._findings is None  # not found yet
    first = result.findings
    assert isinstance(first, tuple) and first and first is result.findings  # found once, then kept
    assert compare(SEED, SAMPLES / "altered.txt", facts=False).findings == ()
    rebuilt = Comparison.from_dict(json.loads(json.dumps(result.to_dict())))
    assert rebuilt.findings == first and rebuilt.swapped().findings == result.swapped().findings


def test_compare_takes_align_options_and_a_keyword_wins() -> None:
    a, b = "The cat sat on the mat. It rained.", "The dog sat on the mat. It rained."
    assert compare(a, b).counts()["modified"] == 1
    strict = AlignOptions(threshold=1.0, part_threshold=1.0, gap_threshold=1.0)
    only_copies = compare(a, b, options=strict)
    assert only_copies.counts()["modified"] == 0 and only_copies.counts()["inserted"] == 1
    assert only_copies.options["threshold"] == only_copies.options["gap_threshold"] == 1.0
    assert compare(a, b, options=strict, threshold=0.35, gap_threshold=0.1).counts()["modified"] == 1
    with pytest.raises(OptionError, match="threshold must be between 0 and 1"):
        compare(SEED, SPLIT, options=AlignOptions(threshold=2.0))


def test_compare_many_options_are_typed_keywords() -> None:
    with pytest.raises(TypeError, match="threshhold"):
        compare_many(["The cat sat.", "The cat sat down."], threshhold=0.5)  # type: ignore[call-arg]
    many = compare_many(["The cat sat.", "The cat sat down."], options=AlignOptions(threshold=0.2))
    assert many.options["threshold"] == 0.2 and many.options["facts"] is False
    assert many.comparison(0, 1).options["threshold"] == 0.2


def test_collection_round_trips_through_json_and_has_a_pairs_frame(three: Collection) -> None:
    again = Collection.from_dict(json.loads(json.dumps(three.to_dict())))
    assert again.labels == three.labels
    pd.testing.assert_frame_equal(again.overlap_matrix(), three.overlap_matrix())
    pd.testing.assert_frame_equal(again.provenance(), three.provenance())
    assert again.likely_source().statement == three.likely_source().statement
    frame = three.to_frame()
    assert frame.index.names == ["a", "b"] and len(frame) == 3
    first = three.comparison(0, 1)
    row = frame.loc[(three.labels[0], three.labels[1])]
    assert row["overlap_a_in_b"] == first.scores["overlap_a_in_b"] and row["modified"] == first.counts()["modified"]
    with pytest.raises(InputError, match="not a storydiff collection"):
        Collection.from_dict({"schema": "storydiff/comparison/v1"})


def test_a_version_called_text_keeps_the_provenance_text_column(tmp_path: Path) -> None:
    (tmp_path / "text").write_text("The cat sat on the mat. It was warm.", encoding="utf-8")
    (tmp_path / "other").write_text("The cat sat on the mat. Birds sang.", encoding="utf-8")
    many = compare_many([tmp_path / "text", tmp_path / "other"])
    frame = many.provenance()
    assert "text" not in many.labels and "text (version)" in many.labels
    assert frame.loc[("text (version)", 0), "text"] == "The cat sat on the mat."
    with pytest.raises(OptionError, match="may not be labelled 'text'"):
        compare_many(["The cat sat.", "The cat sat down."], labels=["text", "b"])


def test_corpus_result_fields_are_data_and_frames_are_methods() -> None:
    result = CorpusResult(
        clusters=(("a", "b"),),
        pairs=({"a": "a", "b": "b", "overlap_a_in_b": 0.5, "cluster": 0},),
        articles=({"id": "a", "cluster": 0}, {"id": "b", "cluster": 0}, {"id": "c", "cluster": None}),
    )
    assert result.clusters_frame().index.names == ["cluster", "id"]
    assert list(result.clusters_frame()["size"]) == [2, 2]
    assert result.pairs_frame().index.name == "pair" and result.pairs_frame().loc[0, "overlap_a_in_b"] == 0.5
    pd.testing.assert_frame_equal(result.to_frame(), result.articles_frame())
    assert result.to_frame().loc["c", "cluster"] is pd.NA
    assert CorpusResult.from_dict(result.to_dict()) == result


def test_load_reads_files_and_a_str_naming_a_file_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = storydiff.load(SEED)
    assert doc.text == SEED.read_text(encoding="utf-8") and doc.name == "seed-bbc.txt"
    monkeypatch.chdir(SAMPLES)
    with pytest.warns(UserWarning, match=r"compare\.load\('seed-bbc\.txt'\)"):
        as_text = compare("seed-bbc.txt", "Not a file name, one line.")
    assert as_text.a.text == "seed-bbc.txt"  # what the caller got: the name as text, not the file
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compare("seed-bbc.txt is a file name.\nAnd a second line.", "no such file")  # text: no warning
        compare(Path("seed-bbc.txt"), storydiff.load("wire.txt"))


def test_each_failure_family_has_its_class_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for cls in (InputError, OptionError, OutputError, DependencyError):
        assert issubclass(cls, StorydiffError)
    assert issubclass(DependencyError, OptionError)  # what these failures raised before, still caught so
    assert (InputError.exit_code, OptionError.exit_code, DependencyError.exit_code) == (2, 2, 2)
    assert OutputError.exit_code == 1  # by default the machine would not take the output (full, closed)
    (tmp_path / "out.txt").mkdir()
    from compare.render.write import write_atomic

    with pytest.raises(OutputError, match="it is a directory") as refused:
        write_atomic(tmp_path / "out.txt", "x")
    assert refused.value.exit_code == 2  # a path that cannot be the output: the command must change
    code = main(["compare", str(SEED), str(SPLIT), "-o", str(tmp_path / "out.txt")])
    assert code == 2 and capsys.readouterr().err.startswith("storydiff: cannot write")
    assert not os.listdir(tmp_path / "out.txt")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_is_an_environment_failure_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    from compare.render.write import write_atomic

    with pytest.raises(OutputError, match="no space left on device") as full:
        write_atomic("/dev/full", "x")
    assert full.value.exit_code == 1
    assert main(["compare", str(SEED), str(SPLIT), "-o", "/dev/full"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_readme_documents_every_public_name() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    import compare.facts
    import compare.ingest
    import compare.render

    for module in (storydiff, compare.render, compare.ingest, compare.facts):
        missing = [name for name in module.__all__ if f"`{name}" not in section]
        assert missing == [], f"{module.__name__}: not in README's API section: {missing}"
