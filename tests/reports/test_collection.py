"""`compare_many`: the overlap matrix, sentence provenance and likely source of several versions."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from report_data import SAMPLES, banksy_paths

from compare import Collection, Document, OptionError, compare, compare_many, tokenize
from compare.ingest import load_path


def test_overlap_matrix_is_how_much_of_row_is_in_column(banksy: Collection) -> None:
    matrix = banksy.overlap_matrix()
    assert list(matrix.index) == list(matrix.columns) == ["adv/banksy.txt", "int/banksy.txt", "ele/banksy.txt"]
    for x in matrix.index:
        assert math.isnan(matrix.loc[x, x])
        for y in matrix.columns:
            if x != y:
                pair = banksy.comparison(x, y)
                assert matrix.loc[x, y] == pair.scores["overlap_a_in_b"]
                assert matrix.loc[y, x] == pair.scores["overlap_b_in_a"]
    # The elementary version is a simplified rewrite of the advanced one: most of it is in the
    # advanced text, while most of the advanced text is missing from it.
    assert matrix.loc["ele/banksy.txt", "adv/banksy.txt"] > matrix.loc["adv/banksy.txt", "ele/banksy.txt"] + 0.2


def test_each_pair_is_the_core_comparison_not_a_new_alignment(banksy: Collection) -> None:
    for i, j, pair in banksy.iter_pairs():
        direct = compare(banksy.documents[i], banksy.documents[j])
        mirrored = compare(banksy.documents[j], banksy.documents[i]).swapped()
        assert pair.groups in (direct.groups, mirrored.groups)
        assert banksy.comparison(j, i).groups == pair.swapped().groups


def test_results_do_not_depend_on_input_order(banksy: Collection) -> None:
    shuffled = compare_many(list(reversed(banksy_paths())))
    labels = list(banksy.labels)
    pd.testing.assert_frame_equal(shuffled.overlap_matrix().loc[labels, labels], banksy.overlap_matrix())
    pd.testing.assert_frame_equal(
        shuffled.overlap_matrix("shingles").loc[labels, labels], banksy.overlap_matrix("shingles")
    )

    def canonical(frame: pd.DataFrame) -> pd.DataFrame:  # the lists name versions in input order
        frame = frame.copy()
        for column in ("identical_in", "modified_in"):
            frame[column] = frame[column].map(lambda cell: sorted(cell.split("; ")))
        return frame

    original = banksy.provenance()
    pd.testing.assert_frame_equal(
        canonical(shuffled.provenance().loc[original.index, original.columns]), canonical(original)
    )
    assert shuffled.likely_source().label == banksy.likely_source().label


def test_provenance_marks_identical_sentences_and_own_additions(banksy: Collection) -> None:
    frame = banksy.provenance()
    assert frame.index.names == ["article", "sentence"]
    assert len(frame) == sum(len(s) for s in banksy.sentences)
    texts = {label: load_path(path).text for label, path in zip(banksy.labels, banksy_paths(), strict=True)}

    def words(text: str) -> tuple[str, ...]:
        return tuple(token.key for token in tokenize(text))

    sentence_keys = {
        label: {words(s.text) for s in sentences}
        for label, sentences in zip(banksy.labels, banksy.sentences, strict=True)
    }
    identical_seen = own_seen = 0
    for (article, _), row in frame.iterrows():
        assert row[article] == "·"
        for other in banksy.labels:
            if row[other] == "identical":
                identical_seen += 1
                assert words(row["text"]) in sentence_keys[other]
        carrying = [other for other in banksy.labels if row[other] in ("identical", "modified", "repeated")]
        assert row["carried_by"] == len(carrying)
        for kind in ("identical", "modified", "repeated"):  # the joined names agree with the per-version columns
            assert row[f"{kind}_in"] == "; ".join(other for other in banksy.labels if row[other] == kind)
        if row["carried_by"] == 0:
            own_seen += 1
            # An own addition: its opening words are in no other version.
            opening = " ".join(row["text"].split()[:6])
            assert all(opening not in texts[other] for other in banksy.labels if other != article)
    assert identical_seen > 0 and own_seen > 0
    fbi = frame.loc["adv/banksy.txt"]
    assert fbi[fbi["text"].str.startswith("The FBI refused")]["carried_by"].tolist() == [0]


def test_likely_source_is_the_original_with_evidence_and_hedged(banksy: Collection) -> None:
    source = banksy.likely_source()
    assert source.label == "adv/banksy.txt"  # the other two are simplified from it
    assert "not proof" in source.statement and "certain" not in source.statement.lower()
    matrix = banksy.overlap_matrix()
    for row in source.evidence:
        assert row["other_in_source"] == matrix.loc[row["other"], "adv/banksy.txt"]
        assert row["source_in_other"] == matrix.loc["adv/banksy.txt", row["other"]]
    assert source.ranking[0][0] == "adv/banksy.txt"
    assert source.earliest is None and "date" in source.statement


def test_likely_source_reports_the_earliest_date_beside_the_text_evidence() -> None:
    docs = [
        replace(load_path(path), date=date)
        for path, date in zip(banksy_paths(), ["2013-06-03", "2013-06-01T09:00", "2013-06-02"], strict=True)
    ]
    source = compare_many(docs).likely_source()
    assert source.earliest == ("int/banksy.txt", "2013-06-01T09:00")
    assert "earliest date is 2013-06-01T09:00, on int/banksy.txt" in source.statement


def test_to_dict_follows_the_collection_schema_and_agrees_with_the_frames(banksy: Collection) -> None:
    data = json.loads(json.dumps(banksy.to_dict()))
    assert data["schema"] == "storydiff/collection/v1"
    assert data["labels"] == list(banksy.labels)
    matrix = banksy.overlap_matrix()
    for i, x in enumerate(banksy.labels):
        for j, y in enumerate(banksy.labels):
            value = data["overlap"]["values"][i][j]
            assert value is None if i == j else value == matrix.loc[x, y]
    assert len(data["pairs"]) == 3 and all(p["a"] < p["b"] for p in data["pairs"])
    provenance = banksy.provenance()
    for doc in data["documents"]:
        for s in doc["sentences"]:
            row = provenance.loc[(doc["label"], s["index"])]
            assert "; ".join(s["identical_in"]) == row["identical_in"]
            assert "; ".join(s["modified_in"]) == row["modified_in"]
    assert data["likely_source"]["label"] == banksy.likely_source().label


def test_versions_with_the_same_file_name_are_told_apart_by_folder(banksy: Collection) -> None:
    assert banksy.labels == ("adv/banksy.txt", "int/banksy.txt", "ele/banksy.txt")
    texts = compare_many(["One sentence here.", "One sentence here. And more.", "Other words."])
    assert texts.labels == ("article 1", "article 2", "article 3")
    named = compare_many([Document("A b c.", name="x"), Document("A b d.", name="x")])
    assert named.labels == ("x (1)", "x (2)")


def test_fewer_than_two_versions_or_bad_labels_are_refused() -> None:
    with pytest.raises(OptionError, match="at least two"):
        compare_many([SAMPLES / "seed-bbc.txt"])
    with pytest.raises(OptionError, match="at least two"):
        compare_many("just one text")
    with pytest.raises(OptionError, match="one label per version"):
        compare_many(["a.", "b."], labels=["only one"])
    with pytest.raises(OptionError, match="different"):
        compare_many(["a.", "b."], labels=["same", "same"])


def test_progress_is_reported_once_per_pair() -> None:
    seen: list[tuple[int, int]] = []
    compare_many(
        [Path(SAMPLES / name) for name in ("seed-bbc.txt", "wire.txt", "shortened.txt", "altered.txt")],
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(n, 6) for n in range(1, 7)]


def test_options_reach_every_pair() -> None:
    strict = compare_many(
        [SAMPLES / "seed-bbc.txt", SAMPLES / "wire.txt", SAMPLES / "opinion-rewrite.txt"], threshold=0.99
    )
    assert all(pair.options["threshold"] == 0.99 for _, _, pair in strict.iter_pairs())


def test_repr_html_shows_the_matrix_for_notebooks(banksy: Collection) -> None:
    html = banksy._repr_html_()
    assert "<script" not in html and "Overlap matrix" in html and "adv/banksy.txt" in html


def test_the_html_tags_a_version_as_likely_source_only_when_the_evidence_is_clear() -> None:
    from compare.render import render

    clear = compare_many(banksy_paths())
    assert clear.likely_source().clear
    assert render(clear, "html").count('class="sd-tag">likely source<') == 1
    close = compare_many([SAMPLES / "seed-bbc.txt", SAMPLES / "altered.txt", SAMPLES / "wire.txt"])
    assert not close.likely_source().clear
    assert 'class="sd-tag">likely source<' not in render(close, "html")


def test_provenance_cells_are_strings_that_survive_a_csv_round_trip(banksy: Collection, tmp_path: Path) -> None:
    """#11: list cells came back from `to_csv`/`read_csv` as their repr; strings come back as they were."""
    frame = banksy.provenance()
    columns = ["identical_in", "modified_in", "repeated_in"]
    assert all(isinstance(cell, str) for column in columns for cell in frame[column])
    assert (frame["identical_in"].str.contains("; ")).any()  # some sentence is in both other versions
    frame.to_csv(tmp_path / "provenance.csv")
    loaded = pd.read_csv(tmp_path / "provenance.csv", index_col=["article", "sentence"], keep_default_na=False)
    pd.testing.assert_frame_equal(loaded[columns], frame[columns])
