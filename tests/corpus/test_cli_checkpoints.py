"""`storydiff corpus`: outputs, exit codes, and checkpoints that make a re-run cheap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus_fixtures import EXPECTED_CLUSTERS
from markupsafe import escape  # what the report template escapes with

from compare.cli import main


def run(*argv: str) -> int:
    return main(["corpus", *argv, "--workers", "1", "--quiet"])


def stage_files(out: Path) -> dict[str, int]:
    """Every checkpoint file with its modification time."""
    return {
        str(p.relative_to(out)): p.stat().st_mtime_ns
        for sub in ("ingest", "stages", "align")
        for p in (out / sub).iterdir()
    }


def test_writes_corpus_json_pairs_and_report(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out), "--pairs", "csv") == 0
    data = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert data["clusters"] == EXPECTED_CLUSTERS
    header = (out / "pairs.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("a,b,overlap_a_in_b,overlap_b_in_a,shingle_containment_a_in_b,shingle_containment_b_in_a")
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Cluster 0: 3 articles" in report and "Core: <strong>adv/banksy.txt</strong>" in report
    assert "adv/banksy.txt (core)" in report and "From core" in report
    assert "12 articles, 2 stories told more than once" in capsys.readouterr().out


def test_re_run_reuses_every_stage(corpus_dir: Path, tmp_path: Path) -> None:
    from compare import corpus

    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out)) == 0
    before = stage_files(out)
    (out / "corpus.json").unlink()  # a final output lost: it is rebuilt from the checkpoints
    assert run(str(corpus_dir), "-o", str(out)) == 0
    assert json.loads((out / "corpus.json").read_text(encoding="utf-8"))["clusters"] == EXPECTED_CLUSTERS
    assert stage_files(out) == before  # no checkpoint was rewritten
    stages = corpus(corpus_dir, output=out, workers=1).summary["stages"]
    assert all(stages[name]["computed"] == 0 for name in ("ingest", "candidates", "verify", "align"))


def test_an_interrupted_run_resumes_where_it_stopped(corpus_dir: Path, tmp_path: Path) -> None:
    from compare import corpus

    out = tmp_path / "out"
    first = corpus(corpus_dir, output=out, workers=1)
    # As if the run had stopped during alignment: the last batch and the stage's completion are missing.
    batches = sorted((out / "align").iterdir())
    batches[-1].unlink()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    del manifest["stages"]["align"]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    again = corpus(corpus_dir, output=out, workers=1)
    assert again.summary["stages"]["align"] == {**again.summary["stages"]["align"], "computed": 1}
    assert again.summary["stages"]["align"]["reused"] == len(batches) - 1
    assert again.summary["stages"]["ingest"]["computed"] == 0
    assert again.to_dict()["pairs"] == first.to_dict()["pairs"]


def test_a_different_input_set_is_refused_without_force(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out)) == 0
    capsys.readouterr()
    assert run(str(corpus_dir / "adv"), str(corpus_dir / "int"), "-o", str(out)) == 2
    assert "different set of inputs" in capsys.readouterr().err
    assert json.loads((out / "corpus.json").read_text(encoding="utf-8"))["clusters"] == EXPECTED_CLUSTERS
    assert run(str(corpus_dir / "adv"), str(corpus_dir / "int"), "-o", str(out), "--force") == 0
    data = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    # Both inputs hold banksy.txt: the second is named by its path, not skipped as a duplicate.
    assert len(data["articles"]) == 4
    assert sorted(data["clusters"][0]) == sorted(["banksy.txt", str(corpus_dir / "int" / "banksy.txt")])


def test_a_directory_of_other_files_is_refused_even_with_force(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    (out / "align").mkdir(parents=True)
    (out / "align" / "mine.txt").write_text("keep me", encoding="utf-8")
    (out / "report.html").write_text("my own report", encoding="utf-8")
    for extra in ((), ("--force",)):
        assert run(str(corpus_dir), "-o", str(out), *extra) == 2
        err = capsys.readouterr().err
        assert "not empty" in err and "choose an empty or new directory" in err
    # Nothing of the user's was removed or replaced, and nothing was added.
    assert (out / "align" / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "report.html").read_text(encoding="utf-8") == "my own report"
    assert sorted(p.name for p in out.iterdir()) == ["align", "report.html"]


def test_force_over_a_run_removes_only_the_files_a_run_writes(corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out)) == 0
    (out / "align" / "mine.txt").write_text("keep me", encoding="utf-8")
    (out / "notes.txt").write_text("keep me too", encoding="utf-8")
    assert run(str(corpus_dir / "adv"), "-o", str(out), "--force") == 0
    assert (out / "align" / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me too"
    data = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert {a["id"] for a in data["articles"]} == {"banksy.txt", "meteorite.txt"}


def test_a_run_whose_manifest_is_damaged_starts_afresh_with_force(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run's directory whose manifest.json was cut short is still a run's: every file bears a name a run
    writes. Without --force it is refused with a line that says so; with it, the run starts afresh."""
    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out)) == 0
    first = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    manifest = out / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:25])
    capsys.readouterr()
    assert run(str(corpus_dir), "-o", str(out)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "manifest.json is damaged" in err[0] and "--force" in err[0]
    assert run(str(corpus_dir), "-o", str(out), "--force") == 0
    again = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert again["clusters"] == first["clusters"] and again["pairs"] == first["pairs"]
    assert run(str(corpus_dir), "-o", str(out)) == 0  # and the manifest is whole again


def test_a_damaged_manifest_beside_a_file_of_the_users_is_refused_even_with_force(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out)) == 0
    (out / "manifest.json").write_text("{", encoding="utf-8")
    (out / "align" / "mine.txt").write_text("keep me", encoding="utf-8")
    assert run(str(corpus_dir), "-o", str(out), "--force") == 2
    assert "holds no storydiff corpus run" in capsys.readouterr().err
    assert (out / "align" / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "corpus.json").is_file()  # nothing of the run was removed either


def test_an_empty_directory_is_written_into(corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    assert run(str(corpus_dir), "-o", str(out)) == 0
    assert json.loads((out / "corpus.json").read_text(encoding="utf-8"))["clusters"] == EXPECTED_CLUSTERS


def test_bad_inputs_warn_and_exit_0_or_2_when_nothing_is_left(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus_dir / "other" / "empty.txt").write_text("", encoding="utf-8")
    assert run(str(corpus_dir), "-o", str(tmp_path / "out")) == 0
    assert "warning: skipped 1 input (1 empty): " in capsys.readouterr().err
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_text("", encoding="utf-8")
    (bad / "b.html").write_bytes(b"%PDF-1.4 binary")
    assert run(str(bad), "-o", str(tmp_path / "out2")) == 2
    err = capsys.readouterr().err
    assert err.startswith("storydiff: no usable articles") and "Traceback" not in err


def test_report_escapes_article_text(tmp_path: Path) -> None:
    from corpus_fixtures import story

    text = story("adv", "banksy")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("<script>alert(1)</script> " + text, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(text + " <img src=x onerror=alert(2)>", encoding="utf-8")
    assert run(str(tmp_path / "in"), "-o", str(tmp_path / "out")) == 0
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in report and "<img src=x" not in report
    # The likely source's sentences are shown, with their markup as text.
    assert "&lt;script&gt;alert(1)" in report or "&lt;img src=x onerror=alert(2)&gt;" in report


def test_corpus_outputs_show_control_and_bidi_characters_of_articles_not_obey_them(tmp_path: Path) -> None:
    """The corpus report and corpus.json, like every other output: ESC and the one-byte CSI never reach a
    terminal that prints them, a right-to-left override cannot reorder the words shown, and corpus.json
    still reads back as the article's exact title."""
    from corpus_fixtures import story

    text = story("adv", "banksy")
    trick = "The mural \u202esold for\u202c \x1b[2J five \x9b31m pounds."
    records = [{"id": "a", "title": trick, "text": f"{trick} {text}"}, {"id": "b", "title": "B", "text": text}]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert run(str(feed), "-o", str(tmp_path / "out")) == 0
    for name in ("report.html", "corpus.json"):
        written = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert not {"\x1b", "\x9b", "\u202e", "\u202c"} & set(written), name
    assert "\u241b[2J" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")  # ESC shown as ␛
    data = json.loads((tmp_path / "out" / "corpus.json").read_text(encoding="utf-8"))
    assert trick in [article["title"] for article in data["articles"]]


def test_jsonl_records_get_a_likely_source_and_provenance_in_the_report(corpus_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(corpus_jsonl), "-o", str(out)) == 0
    report = (out / "report.html").read_text(encoding="utf-8")
    sources = json.loads((out / "corpus.json").read_text(encoding="utf-8"))["likely_sources"]
    # One per story, though their articles are records, not files that could be read again.
    assert [s["label"] for s in sources] == ["banksy-adv", "meteorite-adv"]
    assert all(escape(s["statement"]) in report for s in sources)
    assert report.count("Where each sentence of") == 2


def test_the_report_renders_what_the_run_computed_without_reading_the_inputs(corpus_dir: Path, tmp_path: Path) -> None:
    import shutil

    from compare import CorpusResult, compare_many
    from compare.ingest import load_path
    from compare.render.corpus import render_report

    out = tmp_path / "out"
    assert run(str(corpus_dir), "-o", str(out), "--all-pairs") == 0
    data = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    # With every pair aligned, the likely source is the one compare_many finds for the same articles.
    ids = data["clusters"][0]
    expected = compare_many([load_path(corpus_dir / i) for i in ids], labels=ids).likely_source()
    source = data["likely_sources"][0]
    assert (source["cluster"], source["label"], source["statement"]) == (0, expected.label, expected.statement)
    # With the inputs gone, a report rebuilt from corpus.json still has every detail.
    shutil.rmtree(corpus_dir)
    again = render_report(CorpusResult.from_dict(data))
    assert again == (out / "report.html").read_text(encoding="utf-8")
    assert escape(expected.statement) in again
    assert again.count("Where each sentence of") == 2
