"""A story's history: sentence and fact lives over successive versions, the net change, and every output.

The versions are the project's illustrative updates of the seed story (samples/updates/,
described in samples/README.md), so each expectation below is a change written on purpose.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from compare import Document, InputError, OptionError
from compare.cli import main
from compare.ingest import load_path
from compare.render.history import render_history
from compare.timeline import HISTORY_SCHEMA, History, history

UPDATES = sorted((Path(__file__).resolve().parents[2] / "samples" / "updates").glob("*.txt"))


@pytest.fixture(scope="module")
def story() -> History:
    return history(UPDATES)


def _life(h: History, start: str):  # type: ignore[no-untyped-def]
    """The sentence life whose last wording starts with `start`."""
    found = [life for life in h.sentences if life.text.startswith(start)]
    assert len(found) == 1, [life.text for life in found]
    return found[0]


def test_the_samples_are_five_versions_in_file_order(story: History) -> None:
    assert len(UPDATES) == 5
    assert story.labels == tuple(p.name for p in UPDATES)
    assert len(story.steps) == 4
    assert [step.a.name for step in story.steps] == [p.name for p in UPDATES[:-1]]


def test_when_each_sentence_appeared_was_reworded_and_left(story: History) -> None:
    claim = _life(story, "The meeting had been arranged in advance")
    assert (claim.first, claim.gone, claim.reworded) == (0, 3, ())  # in v1, gone from v4: a claim that disappeared
    developing = _life(story, "This is a developing story")
    assert (developing.first, developing.gone) == (0, 4)
    lede = _life(story, "US Secretary of State Antony Blinken has told")
    assert (lede.first, lede.reworded, lede.gone) == (0, (2,), None)  # the lede rewritten in v3
    assert lede.texts[0].startswith("US Secretary of State Antony Blinken has met his Russian counterpart")
    whelan = _life(story, "Mr Blinken also told Mr Lavrov")
    assert (whelan.first, whelan.reworded) == (1, (4,))
    g20 = _life(story, "The G20, which includes")
    assert (g20.first, g20.gone, g20.status(3), g20.status(4)) == (4, None, "", "new")
    unchanged = _life(story, "The last time the two met")
    assert not unchanged.changed and unchanged.status(2) == "same"


def test_every_changed_figure_with_its_values_over_time(story: History) -> None:
    figures = {fact.values for fact in story.facts if fact.family == "figure"}
    assert figures == {((0, "five"), (2, "10")), ((1, "12"), (3, "15"), (4, "17"))}


def test_quotes_and_hedges_have_lives_too(story: History) -> None:
    facts = {(fact.family, fact.values) for fact in story.facts if fact.family != "figure"}
    assert ("quote", ((1, ""), (2, "for as long as it takes"))) in facts  # added to the lede in v3
    assert ("hedge", ((1, "reportedly"), (3, ""))) in facts  # 'reportedly' dropped in v4


def test_the_net_change_is_the_first_version_against_the_last(story: History) -> None:
    summary = story.summary()
    assert story.net.a.name == UPDATES[0].name and story.net.b.name == UPDATES[-1].name
    assert summary["sentences_first"] == 7 and summary["sentences_last"] == 12
    assert summary["removed"] == 2  # the claim and the "developing story" line
    assert summary["facts_changed"] == 4
    # Every sentence of the last version is accounted for: added later or there since v1.
    alive = [life for life in story.sentences if life.gone is None]
    assert sum(len(life.indices[-1]) for life in alive) == len(story.net.b_sentences)


def test_json_round_trips_with_its_own_schema(story: History) -> None:
    data = json.loads(render_history(story, "json"))
    assert data["schema"] == HISTORY_SCHEMA == "storydiff/history/v1"
    assert data["steps"][0]["schema"] == "storydiff/comparison/v2"
    again = History.from_dict(data)
    assert again.sentences == story.sentences
    assert [f.values for f in again.facts] == [f.values for f in story.facts]
    assert again.labels == story.labels
    with pytest.raises(InputError, match="not a storydiff history"):
        History.from_dict({**data, "schema": "storydiff/comparison/v1"})


def test_frames_have_one_row_per_sentence_and_per_fact_value(story: History) -> None:
    frame = story.to_frame()
    assert frame.index.name == "sentence" and len(frame) == len(story.sentences)
    assert list(frame.columns[-5:]) == ["v1", "v2", "v3", "v4", "v5"]
    assert not any(isinstance(v, list | tuple) for column in frame for v in frame[column])  # the API's convention
    claim = _life(story, "The meeting had been arranged in advance")
    assert frame.loc[claim.id, "v4"] == "gone" and frame.loc[claim.id, "v5"] == ""
    assert frame.loc[claim.id, "gone"] == 3 and str(frame["gone"].dtype) == "Int64"
    lede = _life(story, "US Secretary of State Antony Blinken has told")
    assert frame.loc[lede.id, "reworded_in"] == "2" and frame.loc[lede.id, "reworded"] == 1
    facts = story.facts_frame()
    assert facts.index.names == ["fact", "version"] and len(facts) == sum(len(f.values) for f in story.facts)
    figure = next(n for n, f in enumerate(story.facts) if f.values[0][1] == "five")
    assert facts.loc[(figure, 2), "text"] == "10"


def test_order_by_date_sorts_dated_versions_and_refuses_undated_ones() -> None:
    docs = [load_path(p) for p in UPDATES[:3]]
    dated = [replace(doc, date=f"2023-03-02T1{n}:00:00") for n, doc in enumerate(docs)]
    shuffled = [dated[2], dated[0], dated[1]]
    h = history(shuffled, order="date")
    assert h.labels == tuple(p.name for p in UPDATES[:3])
    assert history(shuffled).labels[0] == UPDATES[2].name  # given order by default
    with pytest.raises(OptionError, match="has no readable date"):
        history([docs[0], dated[1]], order="date")


def test_a_history_needs_two_versions() -> None:
    with pytest.raises(OptionError, match="at least two versions"):
        history(["Only one version."])


def test_text_tells_appearances_departures_figures_and_the_net_change(story: History) -> None:
    text = render_history(story, "text")
    assert "five (v1) → 10 (v3)" in text
    assert "12 (v2) → 15 (v4) → 17 (v5)" in text
    assert "reportedly (v2) → — (v4)" in text
    assert "Net change v1 → v5: 7 sentences became 12; 7 added, 2 removed" in text
    claim = next(line for line in text.splitlines() if "arranged in advance" in line)
    assert claim.split()[1:3] == ["v1", "v4"]  # in v1, left in v4
    assert "The last time the two met" not in text  # unchanged throughout: listed only with --all
    assert "The last time the two met" in render_history(story, "text", changes_only=False)


def test_colour_only_styles_the_same_text(story: History) -> None:
    """On a terminal the report is in colour (gone red, new green, changed yellow); without the styles it is the
    plain report, character for character."""
    coloured = render_history(story, "text", colour=True)
    assert "\x1b[31m" in coloured and "\x1b[32m" in coloured and "\x1b[33m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render_history(story, "text")


def test_markdown_and_csv_carry_the_same_lives(story: History) -> None:
    md = render_history(story, "markdown")
    assert "| figure | S9 | 12 (v2) → 15 (v4) → 17 (v5) |" in md
    rows = list(csv.DictReader(io.StringIO(render_history(story, "csv"))))
    claim = next(r for r in rows if r["text"].startswith("The meeting had been arranged"))
    assert (claim["first"], claim["gone"], claim["v4"]) == ("0", "3", "gone")
    facts = list(csv.reader(io.StringIO(render_history(story, "csv", table="facts"))))
    assert [facts[-1][1], facts[-1][4]] == ["figure", "17"]
    steps = list(csv.DictReader(io.StringIO(render_history(story, "csv", table="steps"))))
    assert [s["deleted"] for s in steps] == ["0", "0", "1", "1"]


HOSTILE = "\x1b[2J\x1b]0;pwned\x07<script>alert(1)</script> =cmd|' /C calc'!A0 [x](javascript:alert(1))"


def hostile_history() -> History:
    first = Document(f"Talks lasted ten minutes. {HOSTILE} said the mayor.", title=f"Mayor {HOSTILE}")
    second = Document(f"Talks lasted 20 minutes. {HOSTILE} said the mayor. A new line.", title="Second")
    return history([first, second])


def test_article_text_cannot_drive_the_terminal_or_a_spreadsheet() -> None:
    h = hostile_history()
    text = render_history(h, "text", changes_only=False)
    assert "\x1b" not in text and "\x07" not in text and "␛[2J" in text
    coloured = render_history(h, "text", changes_only=False, colour=True)
    assert "\x1b[2J" not in coloured and "\x07" not in coloured and "␛[2J" in coloured
    md = render_history(h, "markdown", changes_only=False)
    assert "<script>" not in md and "](javascript" not in md.replace("\\]", "")
    for row in csv.reader(io.StringIO(render_history(h, "csv"))):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_html_timeline_escapes_text_and_loads_nothing() -> None:
    page = render_history(hostile_history(), "html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_cli_history_on_the_samples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", *map(str, UPDATES)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("storydiff history: 5 versions\n")
    assert "five (v1) → 10 (v3)" in out


@pytest.mark.parametrize(("suffix", "start"), [(".json", "{"), (".md", "# storydiff history"), (".html", "<!doctype")])
def test_cli_format_follows_the_output_extension(suffix: str, start: str, tmp_path: Path) -> None:
    out = tmp_path / f"history{suffix}"
    assert main(["history", *map(str, UPDATES), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(start)


def test_cli_refuses_html_on_standard_output_and_unknown_extensions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", *map(str, UPDATES[:2]), "-f", "html"]) == 2
    assert "give a file name with -o" in capsys.readouterr().err
    assert main(["history", *map(str, UPDATES[:2]), "-o", str(tmp_path / "h.xyz")]) == 2
    assert "cannot tell the format" in capsys.readouterr().err
    assert not (tmp_path / "h.xyz").exists()


def test_cli_order_date_needs_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--order", "date", *map(str, UPDATES[:2])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has no readable date" in err


def test_cli_history_reads_a_pdf_release_as_a_version(capsys: pytest.CaptureFixture[str]) -> None:
    release = UPDATES[0].parents[1] / "press-release.pdf"
    assert main(["history", str(release), str(UPDATES[-1])]) == 0
    assert "v1  Secretary Blinken's Meeting with Russian Foreign Minister Lavrov" in capsys.readouterr().out
