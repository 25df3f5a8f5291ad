"""Alignment: each kind of change a rewrite makes is recognised, wherever it stands."""

from __future__ import annotations

from compare import Comparison, compare
from compare.align import in_order

STORY = [
    "US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in Delhi.",
    "The discussion on the sidelines of the G20 summit lasted less than ten minutes.",
    "Mr Blinken urged Russia to release Paul Whelan, an imprisoned American citizen.",
    "The Russian foreign ministry did not comment on the conversation.",
    "The G20 accounts for 85% of global economic output and two-thirds of its population.",
]


def kinds(result: Comparison) -> list[tuple[tuple[int, ...], tuple[int, ...], str, bool]]:
    return [(g.a, g.b, g.kind, g.moved) for g in result.groups]


def test_a_text_against_itself_is_all_identical_and_in_place() -> None:
    result = compare(STORY, STORY)
    assert kinds(result) == [((i,), (i,), "identical", False) for i in range(len(STORY))]


def test_typography_and_case_alone_leave_a_sentence_identical() -> None:
    b = list(STORY)
    b[0] = b[0].replace("US", "us").replace(" ", "  ")
    b[3] = "The Russian foreign ministry did not comment on the conversation"  # no full stop
    assert [g.kind for g in compare(STORY, b).groups] == ["identical"] * 5


def test_reworded_sentence_is_modified() -> None:
    b = list(STORY)
    b[1] = "The talks on the sidelines of the G20 summit lasted under ten minutes, an official said."
    result = compare(STORY, b)
    assert ((1,), (1,), "modified", False) in kinds(result)


def test_dropped_and_added_sentences_are_deleted_and_inserted() -> None:
    b = [*STORY[:2], "Protesters gathered outside the venue in the afternoon heat.", *STORY[3:]]
    result = compare(STORY, b)
    assert ((2,), (), "deleted", False) in kinds(result)
    assert ((), (2,), "inserted", False) in kinds(result)


def test_one_sentence_cut_in_two_is_a_split() -> None:
    b = [
        *STORY[:2],
        "Mr Blinken urged Russia to release Paul Whelan.",
        "Mr Whelan is an imprisoned American citizen.",
        *STORY[3:],
    ]
    result = compare(STORY, b)
    assert ((2,), (2, 3), "split", False) in kinds(result)


def test_two_sentences_joined_are_merged() -> None:
    b = [
        STORY[0],
        "The discussion on the sidelines of the G20 summit lasted less than ten minutes, and Mr Blinken "
        "urged Russia to release Paul Whelan, an imprisoned American citizen.",
        *STORY[3:],
    ]
    result = compare(STORY, b)
    assert ((1, 2), (1,), "merged", False) in kinds(result)


def test_a_sentence_moved_to_the_top_is_flagged_moved_and_the_rest_are_not() -> None:
    b = [STORY[4], *STORY[:4]]
    result = compare(STORY, b)
    assert kinds(result) == [
        ((0,), (1,), "identical", False),
        ((1,), (2,), "identical", False),
        ((2,), (3,), "identical", False),
        ((3,), (4,), "identical", False),
        ((4,), (0,), "identical", True),
    ]


def test_a_reversed_story_still_aligns_every_sentence() -> None:
    result = compare(STORY, STORY[::-1])
    assert sorted((g.a, g.b) for g in result.groups) == [((i,), (4 - i,)) for i in range(5)]
    assert all(g.kind == "identical" for g in result.groups)
    assert sum(g.moved for g in result.groups) == 4


def test_repeated_sentences_pair_up_one_to_one() -> None:
    a = ["Talks ended.", "Russia said nothing.", "Talks ended."]
    b = ["Talks ended.", "Talks ended."]
    result = compare(a, b)
    assert sorted(k for k in kinds(result) if k[2] == "identical") == [
        ((0,), (0,), "identical", False),
        ((2,), (1,), "identical", False),
    ]


def test_every_sentence_is_in_exactly_one_group(onestop_pair: tuple[str, str]) -> None:
    result = compare(*onestop_pair)
    a_seen = sorted(i for g in result.groups for i in g.a)
    b_seen = sorted(j for g in result.groups for j in g.b)
    assert a_seen == list(range(len(result.a_sentences)))
    assert b_seen == list(range(len(result.b_sentences)))


def test_a_real_rewrite_is_mostly_aligned(onestop_pair: tuple[str, str]) -> None:
    result = compare(*onestop_pair)
    counts = result.counts()
    assert counts["split"] + counts["merged"] + counts["modified"] > counts["inserted"] + counts["deleted"]


def test_groups_are_in_reading_order_of_a_with_insertions_after_their_neighbour() -> None:
    b = [STORY[0], "An aide said the meeting was brief.", *STORY[1:]]
    result = compare(STORY, b)
    assert [(g.a, g.b) for g in result.groups][:3] == [((0,), (0,)), ((), (1,)), ((1,), (2,))]


def test_higher_threshold_matches_fewer_rewordings() -> None:
    b = list(STORY)
    b[1] = "Talks at the G20 summit were short, under ten minutes."
    loose = compare(STORY, b, threshold=0.2, gap_threshold=0.2)
    strict = compare(STORY, b, threshold=0.9, gap_threshold=0.9, part_threshold=0.9)
    assert ((1,), (1,)) in [(g.a, g.b) for g in loose.groups]
    assert ((1,), (1,)) not in [(g.a, g.b) for g in strict.groups]


def test_in_order_finds_a_longest_chain_nearest_the_diagonal() -> None:
    assert in_order([], 0, 0) == []
    points = [(0, 5), (1, 1), (2, 2), (3, 3), (4, 0), (5, 4)]
    chain = [points[k] for k in in_order(points, 6, 6)]
    assert chain == [(1, 1), (2, 2), (3, 3), (5, 4)]
    # Two chains of equal length: the one nearer the diagonal wins, and the same one seen from B's side.
    points = [(0, 0), (1, 2), (2, 1)]
    assert [points[k] for k in in_order(points, 3, 4)] == [(0, 0), (1, 2)]
    swapped = [(j, i) for i, j in points]
    assert [swapped[k] for k in in_order(swapped, 4, 3)] == [(0, 0), (2, 1)]


# Unrelated sentences, each side its own, to widen the gap between two anchors.
_FILLER_A = [
    "Copper prices slipped in early trading on the metals exchange.",
    "A rare orchid bloomed at the botanical garden last spring.",
    "The choir rehearsed carols in the old chapel.",
    "Sailors repainted the lighthouse during a calm week.",
    "Bakers reported a shortage of rye flour.",
    "The museum acquired a bronze helmet from a private collector.",
    "Cyclists complained about potholes along the canal path.",
    "A chess prodigy won the regional tournament.",
    "Beekeepers warned of a poor honey harvest.",
    "The zoo welcomed twin otter pups.",
    "Engineers tested a quieter tram brake.",
    "The orchestra hired a new oboist.",
    "Tides flooded the coastal car park twice.",
    "A pharmacy extended its weekend hours.",
    "Students built a solar kettle for the science fair.",
    "The bakery on Quay Lane won a pie award.",
]
_FILLER_B = [
    "Glaciers in the northern valley retreated faster than forecast.",
    "A violin maker restored a century-old cello.",
    "Farmers sold pumpkins from wooden stalls.",
    "Astronomers tracked a faint comet near the horizon.",
    "The ferry timetable changed for winter.",
    "Tailors stitched uniforms for the marching band.",
    "Surfers gathered for a dawn competition.",
    "Potters fired glazed bowls in a wood kiln.",
    "A novelist signed copies at the village bookshop.",
    "Hikers spotted a lynx above the treeline.",
    "Volcano watchers recorded small tremors.",
    "A drone photographed nesting puffins.",
    "The marathon route avoided the old bridge.",
    "Rangers replanted oak saplings on the ridge.",
    "A jazz trio played at the harbour festival.",
    "Mechanics rebuilt a vintage tractor engine.",
]


def test_a_weak_pair_is_trusted_for_its_place_in_a_small_gap_but_not_in_a_large_one() -> None:
    # Two sentences that share a place and a night, and little else, between the same two anchors.
    weak_a = (
        "Officials in Brandon counted the ballots slowly through the night while volunteers brought coffee and "
        "sandwiches."
    )
    weak_b = "Brandon voters waited through the night outside the town library on polling day."
    top = "The council approved the new budget on Monday after a long debate."
    end = "The next meeting is scheduled for the first week of March."

    def around(n: int) -> tuple[list[str], list[str]]:
        a = [top, *_FILLER_A[:n], weak_a, *_FILLER_A[n : 2 * n], end]
        b = [top, *_FILLER_B[:n], weak_b, *_FILLER_B[n : 2 * n], end]
        return a, b

    # Three leftovers a side: the two are the same part of the story, a modified pair.
    a, b = around(1)
    assert any(g.kind == "modified" and g.a == (2,) and g.b == (2,) for g in compare(a, b, facts=False).groups)
    # Seventeen a side: the best of 289 weak pairs is no longer a group on its place alone; it still stands
    # out among its neighbours, so it stays linked as sharing part of its content.
    a, b = around(8)
    result = compare(a, b, facts=False)
    assert not any(9 in g.a and g.b for g in result.groups)
    assert [(k.a, k.b, k.kind) for k in result.links if k.a == 9] == [(9, 9, "partial")]
