"""Stories, not events: versions of one article cluster; stories sharing background paragraphs do not."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
from corpus_fixtures import filler, same_story_pairs

from compare import corpus
from compare.corpus_engine.clusters import stories


def test_stories_sharing_a_background_paragraph_stay_apart_but_form_one_event(tmp_path: Path) -> None:
    background = filler(50, 150)
    first = filler(1, 200) + " " + background + " " + filler(2, 250)
    second = filler(3, 250) + " " + background + " " + filler(4, 200)
    (tmp_path / "first.txt").write_text(first, encoding="utf-8")
    (tmp_path / "first-trim.txt").write_text(" ".join(first.split()[:260]), encoding="utf-8")
    (tmp_path / "second.txt").write_text(second, encoding="utf-8")
    (tmp_path / "second-update.txt").write_text(filler(5, 60) + " " + second, encoding="utf-8")
    (tmp_path / "other.txt").write_text(filler(6, 300), encoding="utf-8")
    result = corpus(tmp_path, workers=1)
    # Single link would chain all four through the background paragraph (a quarter of each article).
    assert [list(c) for c in result.clusters] == [
        ["first-trim.txt", "first.txt"],
        ["second-update.txt", "second.txt"],
    ]
    assert result.cores == ("first.txt", "second-update.txt")
    # The align stage says how many pairs it aligned and the CPU time that took (what benchmarks compare).
    align = result.summary["stages"]["align"]
    assert align["pairs"] == result.summary["pairs"] == 2 and align["cpu_seconds"] > 0
    assert result.events == ((0, 1),)
    articles = result.articles_frame()
    assert articles.loc["first.txt", "event"] == articles.loc["second.txt", "event"] == 0
    # The trim is all from the core; the earlier version lacks the update's new lede, which the core added.
    assert articles.loc["first-trim.txt", "from_core"] == 1.0
    assert articles.loc["first-trim.txt", "added_words"] == 0
    assert articles.loc["second.txt", "from_core"] == 1.0
    assert result.pairs_frame().set_index("b").loc["second.txt", "overlap_a_in_b"] < 0.95
    # The report shows the event, each story's core, and how much each version took from it.
    from compare.render.corpus import render_report

    report = render_report(result)
    assert "Events: stories sharing background" in report
    assert "Core: <strong>second-update.txt</strong>" in report
    trim_row = re.search(r"<td>first-trim\.txt</td>.*\n(.*)</tr>", report)
    assert trim_row is not None  # words, from core, added words, found elsewhere:
    assert re.findall(r'<td class="num">([^<]*)</td>', trim_row.group(1))[1:3] == ["100%", "0"]
    assert "first.txt (core)" in report and "From core" in report and "Added words" in report


def test_on_coverage_of_events_clusters_are_the_planted_stories(event_feed: tuple[Path, dict[str, str | None]]) -> None:
    path, truth = event_feed
    result = corpus([path], workers=2)
    stories: dict[str, list[str]] = {}
    for doc, story in truth.items():
        if story:
            stories.setdefault(story, []).append(doc)
    planted = same_story_pairs(list(stories.values()))
    found = same_story_pairs([list(c) for c in result.clusters])
    assert len(planted & found) / len(found) >= 0.95  # precision
    assert len(planted & found) / len(planted) >= 0.95  # recall
    for members in result.clusters:
        assert len({truth[doc] for doc in members}) == 1, members  # no cluster mixes two planted stories
    # Alignment is linear in the members: each against its story's core.
    assert result.summary["pairs"] == sum(len(c) - 1 for c in result.clusters)
    # Events group stories of one planted event only, and the biggest event is found as one or a few.
    event_of = {doc: story.split("/")[0] for doc, story in truth.items() if story}
    assert result.events
    for group in result.events:
        assert len({event_of[doc] for k in group for doc in result.clusters[k]}) == 1
    biggest = Counter(event_of.values()).most_common(1)[0][0]
    assert any(
        sum(len(result.clusters[k]) for k in g) >= 10 and event_of[result.clusters[g[0]][0]] == biggest
        for g in result.events
    )


def test_a_brief_made_of_an_events_background_does_not_join_another_story(tmp_path: Path) -> None:
    # One event: 66 outlets' own reports each reuse its two background paragraphs below their own lede.
    first_background, second_background = filler(70, 150), filler(71, 150)
    for k in range(66):
        report = [filler(100 + k, 60), first_background, filler(200 + k, 150), second_background]
        (tmp_path / f"report-{k:02d}.txt").write_text(" ".join(report), encoding="utf-8")
    # A wire story and its trim; and a single-version brief: its own short lede, then the two background
    # paragraphs, all of which the wire story carries too. Every stretch of the brief is shared with the wire
    # story, which is what a version looks like when the shared text is counted whatever it is.
    wire = " ".join([filler(1, 80), first_background, filler(2, 200), second_background])
    (tmp_path / "wire.txt").write_text(wire, encoding="utf-8")
    (tmp_path / "wire-trim.txt").write_text(" ".join(wire.split()[:300]), encoding="utf-8")
    brief = " ".join([filler(3, 40), first_background, second_background])
    (tmp_path / "brief.txt").write_text(brief, encoding="utf-8")
    result = corpus(tmp_path, workers=1)
    # Text carried by more than COMMON articles of the corpus is the event's, not a story's: the brief shares
    # nothing else with the wire story, so it is a story of its own (told once), not a version of the wire.
    assert [list(c) for c in result.clusters] == [["wire-trim.txt", "wire.txt"]]
    assert result.articles_frame()["cluster"].isna().sum() == 67  # the brief and the reports: told once each


def test_a_copy_of_a_widely_reprinted_wire_story_under_a_new_lede_is_a_version_of_it(tmp_path: Path) -> None:
    # 70 sites run one wire story (more than COMMON: every passage of it is common in this corpus); one site
    # puts its own lede on top. Spread and tops count no common passage, but the two each hold most of the other.
    wire = " ".join([filler(1, 40), filler(2, 400)])
    for k in range(70):
        (tmp_path / f"reprint-{k:02d}.txt").write_text(f"By site {k} staff. {wire}", encoding="utf-8")
    (tmp_path / "edited.txt").write_text(" ".join([filler(9, 40), filler(2, 400)]), encoding="utf-8")
    result = corpus(tmp_path, workers=1)
    assert [len(c) for c in result.clusters] == [71]


def test_a_story_whose_match_is_the_events_background_lower_down_is_not_a_version(tmp_path: Path) -> None:
    # One small event: four background paragraphs, each carried by a handful of articles (far fewer than
    # signatures.COMMON, so not discounted as common), always below a story's own top.
    background = [filler(80 + k, 60) for k in range(4)]
    # A wire story and a reprint of it (a byline on top); the background sits below its lede and first paragraph.
    wire = " ".join([filler(1, 80), filler(2, 90), *background, filler(3, 120)])
    (tmp_path / "wire.txt").write_text(wire, encoding="utf-8")
    (tmp_path / "wire-reprint.txt").write_text("By Herald staff | 9:15 ET " + wire, encoding="utf-8")
    # Another outlet's single report: a short lede of its own, then the same four paragraphs. All its stretches
    # are in the wire story (spread 1.0), but nothing at the wire story's top is in it.
    (tmp_path / "report.txt").write_text(" ".join([filler(4, 30), *background]), encoding="utf-8")
    # A third story and its trim to the first four paragraphs: its lede, then three background paragraphs, so
    # three quarters of the trim is in the wire story too.
    third = " ".join([filler(5, 40), *background[:3], filler(6, 200)])
    (tmp_path / "third.txt").write_text(third, encoding="utf-8")
    (tmp_path / "third-trim.txt").write_text(" ".join(third.split()[:220]), encoding="utf-8")
    result = corpus(tmp_path, workers=1)
    # A version carries the story's own top; another story of the event shares only background, lower down.
    assert sorted(list(c) for c in result.clusters) == [
        ["third-trim.txt", "third.txt"],
        ["wire-reprint.txt", "wire.txt"],
    ]
    assert result.articles_frame()["cluster"].isna()["report.txt"]  # told once: a story of its own
    assert result.events == ((0, 1),)  # the two stories share the event's background


def _edge(
    a: int,
    b: int,
    a_in_b: float,
    b_in_a: float,
    spread: tuple[float, float],
    lede: tuple[float, float],
    top: tuple[float, float] = (1.0, 1.0),  # the share of each one's first 150 words found in the other
) -> np.ndarray:
    """One verified edge row (`clusters.VERIFY_COLUMNS`) with the given measures."""
    return np.array([a, b, 100, a_in_b, b_in_a, 1, *spread, *lede, *top], dtype=np.float64)


def test_a_member_must_be_a_version_of_the_core_not_contain_a_stretch_of_it() -> None:
    ids = ["trim", "update-1", "update-2", "other", "other-reprint", "adv", "adv-copy", "ele", "ele-copy"]
    rows = np.stack(
        [
            # A short trim (a lede, a background paragraph, a quote) and the updates that carry it whole.
            _edge(0, 1, 0.92, 0.35, (1.0, 0.38), (0.88, 0.90)),
            _edge(0, 2, 0.92, 0.33, (1.0, 0.38), (0.88, 0.90)),
            _edge(1, 2, 0.97, 0.90, (1.0, 0.95), (0.30, 1.0)),
            # Another story of the event reuses the trim's background and quote: the trim's every stretch is in
            # it, so they pass `same_story`, but its own text is not in the trim, nor is either one's top.
            _edge(0, 3, 0.45, 0.10, (1.0, 0.14), (0.04, 0.0)),
            _edge(0, 4, 0.45, 0.09, (1.0, 0.13), (0.04, 0.0)),
            _edge(3, 4, 0.95, 0.93, (1.0, 1.0), (1.0, 1.0)),
            # Two rewrites of one story share few exact passages but along both; each has a close copy.
            _edge(5, 6, 0.82, 0.63, (1.0, 1.0), (0.82, 0.24)),
            _edge(5, 7, 0.16, 0.19, (0.93, 1.0), (0.14, 0.14), (0.17, 0.15)),
            _edge(7, 8, 0.74, 0.83, (1.0, 1.0), (1.0, 1.0)),
            _edge(5, 8, 0.13, 0.17, (0.86, 0.91), (0.14, 0.14), (0.12, 0.11)),
        ]
    )
    clusters, cores = stories(len(ids), rows, ids, [300, 500, 520, 700, 720, 600, 560, 450, 430])
    named = sorted(sorted(ids[d] for d in members) for members in clusters)
    assert named == [
        ["adv", "adv-copy", "ele", "ele-copy"],  # rewrites are versions of each other: one story, not two
        ["other", "other-reprint"],
        ["trim", "update-1", "update-2"],
    ]
    assert (
        ids[cores[[sorted(ids[d] for d in m) for m in clusters].index(["adv", "adv-copy", "ele", "ele-copy"])]] == "adv"
    )
