"""corpus(): the three versions of each story end in one cluster, unrelated articles stay alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus_fixtures import EXPECTED_CLUSTERS, LEVELS, STORIES, filler, story

from compare import CorpusResult, InputError, OptionError, corpus
from compare.corpus_engine.result import CORPUS_SCHEMA, PAIR_FIELDS


def test_versions_of_a_story_form_one_cluster_and_fillers_stay_alone(corpus_dir: Path) -> None:
    result = corpus(corpus_dir, workers=2)
    assert [list(c) for c in result.clusters] == EXPECTED_CLUSTERS
    articles = result.articles_frame()
    assert len(articles) == 12
    fillers = articles[articles.index.str.startswith("other/")]
    assert fillers["cluster"].isna().all()
    assert (fillers["found_elsewhere"] == 0).all()
    # Every article of a story is partly found in the other versions.
    clustered = articles[articles["cluster"].notna()]
    assert (clustered["found_elsewhere"] > 0.3).all()


def test_each_member_is_aligned_with_its_story_core_by_the_full_comparison(corpus_dir: Path) -> None:
    from compare import compare

    result = corpus(corpus_dir, workers=1)
    pairs = result.pairs_frame()
    assert list(pairs.columns) == list(PAIR_FIELDS)
    # Linear in the members: the two others of each story against its core, not all three pairs.
    assert result.cores == ("adv/banksy.txt", "adv/meteorite.txt")
    assert len(pairs) == 4
    assert set(pairs["a"]) == set(result.cores)
    row = pairs[(pairs["a"] == "adv/banksy.txt") & (pairs["b"] == "ele/banksy.txt")].iloc[0]
    direct = compare(story("adv", "banksy"), story("ele", "banksy"), facts=False).scores
    assert row["overlap_a_in_b"] == direct["overlap_a_in_b"]
    assert row["overlap_b_in_a"] == direct["overlap_b_in_a"]
    assert row["shingle_containment_b_in_a"] == direct["shingle_containment_b_in_a"]
    # How much of each version comes from the core, and what it added.
    articles = result.articles_frame()
    ele = articles.loc["ele/banksy.txt"]
    assert ele["core"] == "adv/banksy.txt"
    assert ele["from_core"] == direct["overlap_b_in_a"]
    assert ele["added_words"] == round(direct["words_b"] * (1 - direct["overlap_b_in_a"]))
    assert pd_isna(articles.loc["adv/banksy.txt", "from_core"])


def test_all_pairs_aligns_every_pair_of_a_small_story(corpus_dir: Path) -> None:
    result = corpus(corpus_dir, workers=1, all_pairs=True)
    assert len(result.pairs) == 6  # 3 pairs in each of the two stories
    assert [list(c) for c in result.clusters] == EXPECTED_CLUSTERS
    assert result.articles_frame().loc["int/banksy.txt", "from_core"] > 0.3


def test_to_dict_follows_the_corpus_schema_and_round_trips(corpus_dir: Path) -> None:
    result = corpus(corpus_dir, workers=1)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["schema"] == CORPUS_SCHEMA
    assert data["clusters"] == EXPECTED_CLUSTERS
    assert set(data["pairs"][0]) >= {"a", "b", "overlap_a_in_b", "overlap_b_in_a"}
    assert {"id", "title", "source", "date", "url", "cluster", "found_elsewhere"} <= set(data["articles"][0])
    again = CorpusResult.from_dict(data)
    assert again.clusters == result.clusters
    with pytest.raises(InputError, match="not a storydiff corpus"):
        CorpusResult.from_dict({"schema": "something/else"})


def test_jsonl_records_keep_their_ids_and_metadata(corpus_jsonl: Path) -> None:
    result = corpus([corpus_jsonl], workers=1)
    assert [list(c) for c in result.clusters] == [
        [f"banksy-{level}" for level in sorted(LEVELS)],
        [f"meteorite-{level}" for level in sorted(LEVELS)],
    ]
    articles = result.articles_frame()
    assert articles.loc["banksy-adv", "title"] == "banksy (adv)"
    assert articles.loc["banksy-adv", "source"] == "outlet-adv"
    # A record without an id is named by its file and line, as `storydiff compare feed.jsonl#N` reads it.
    assert "feed.jsonl#11" in articles.index
    assert pd_isna(articles.loc["feed.jsonl#11", "cluster"])


def pd_isna(value: object) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_a_short_article_copied_whole_into_a_long_one_is_found(tmp_path: Path) -> None:
    # Jaccard of the two is low (the long one is mostly other text); containment is what links them.
    short = " ".join(story("ele", "meteorite").split()[:150])
    long = filler(1, 600) + " " + short + " " + filler(2, 600)
    (tmp_path / "wire.txt").write_text(short, encoding="utf-8")
    (tmp_path / "feature.txt").write_text(long, encoding="utf-8")
    for n in range(3):
        (tmp_path / f"other-{n}.txt").write_text(filler(10 + n), encoding="utf-8")
    result = corpus(tmp_path, workers=1)
    assert [list(c) for c in result.clusters] == [["feature.txt", "wire.txt"]]
    pair = result.pairs[0]
    assert pair["shingle_containment_b_in_a"] > 0.95  # wire.txt is all in feature.txt
    assert pair["shingle_containment_a_in_b"] < 0.2


def test_bad_inputs_are_skipped_and_reported(corpus_dir: Path) -> None:
    (corpus_dir / "other" / "empty.txt").write_text("   \n", encoding="utf-8")
    (corpus_dir / "other" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = corpus([corpus_dir, corpus_dir / "adv" / "banksy.txt"], workers=1)
    kinds = sorted(p["kind"] for p in result.problems)
    assert kinds == ["binary", "duplicate", "empty"]
    assert result.summary["skipped"] == {"binary": 1, "duplicate": 1, "empty": 1}
    assert [list(c) for c in result.clusters] == EXPECTED_CLUSTERS


def test_skipped_inputs_are_counted_by_their_reason_not_by_their_name(tmp_path: Path) -> None:
    (tmp_path / "empty-lot.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)  # binary, named "empty"
    (tmp_path / "nothing.txt").write_text(" \n", encoding="utf-8")
    (tmp_path / "big.txt").write_text(filler(3, 2000), encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes(b"\xef\xbb\xbfCaf\xe9 " * 50)  # a UTF-8 BOM, then bytes that are not UTF-8
    for n in range(2):
        (tmp_path / f"story-{n}.txt").write_text(filler(n), encoding="utf-8")
    result = corpus(tmp_path, workers=1, max_bytes=5_000)
    kind = {Path(p["where"]).name: p["kind"] for p in result.problems}
    assert kind == {
        "empty-lot.txt": "binary",
        "nothing.txt": "empty",
        "big.txt": "too-large",
        "latin.txt": "undecodable",
    }
    assert result.summary["skipped"] == {"binary": 1, "empty": 1, "too-large": 1, "undecodable": 1}


def test_nothing_usable_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"no usable articles.*1 empty"):
        corpus(tmp_path, workers=1)


def test_missing_input_and_bad_options_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        corpus(tmp_path / "nope", workers=1)
    with pytest.raises(InputError, match="matches no files"):
        corpus(str(tmp_path / "*.txt"), workers=1)
    with pytest.raises(OptionError, match="min_containment"):
        corpus(tmp_path, min_containment=1.5)


def test_glob_patterns_name_articles_from_where_the_pattern_starts(corpus_dir: Path) -> None:
    result = corpus(str(corpus_dir / "*" / "banksy.txt"), workers=1)
    assert [list(c) for c in result.clusters] == [[f"{level}/banksy.txt" for level in sorted(LEVELS)]]
    assert len(result.articles) == len(LEVELS) * len(STORIES) // 2
