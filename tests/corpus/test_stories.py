"""Stories, not events: versions of one article cluster; stories sharing background paragraphs do not."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from corpus_fixtures import filler, same_story_pairs

from compare import corpus


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
