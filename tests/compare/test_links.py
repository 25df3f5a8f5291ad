"""The links layer: content shared beyond the one group each sentence sits in; repeats; far split parts.

Every text here was written for these tests.
"""

from __future__ import annotations

import json

from compare import Comparison, compare
from compare.model import SentenceLink
from compare.normalise import tokenize
from compare.render import render
from compare.scores import score

LEDE = "The Harbour Bridge reopened to traffic on Tuesday after engineers finished repairing storm damage to its span."
A_TEXT = f"""Harbour bridge reopens after repairs

By Jane Roe

PORTVILLE \u2014 {LEDE}
The bridge had been closed for nine days after high winds tore away sections of the railing.
Mayor Ellen Park said the city had paid 1.2 million dollars for the work.
"We are grateful to the crews who worked through the night," she said.
Ferry operators said demand had doubled during the closure.
"""
CAPTION = "The Harbour Bridge reopened to traffic on Tuesday after engineers repaired storm damage to its span."
B_TEXT = f"""Bridge back in use after nine-day closure

{CAPTION}

{LEDE}
The bridge had been closed for nine days after high winds tore away sections of the railing.
Mayor Ellen Park said repairs cost the city 1.2 million dollars.
"We are grateful to the crews who worked through the night," she said.
"""


def pair() -> Comparison:
    return compare(A_TEXT, B_TEXT)


def index_of(sentences: tuple[object, ...], text: str) -> int:
    return next(s.index for s in sentences if s.text == text)  # type: ignore[attr-defined]


def test_a_caption_that_repeats_the_lede_is_a_repeat_not_an_insertion() -> None:
    result = pair()
    caption = index_of(result.b_sentences, CAPTION)
    lede_a = next(s.index for s in result.a_sentences if s.text.endswith(LEDE))
    lede_b = index_of(result.b_sentences, LEDE)
    group = next(g for g in result.groups if caption in g.b)
    assert group.kind == "repeated" and group.a == ()
    link = next(k for k in result.links if (k.a, k.b) == (lede_a, caption))
    assert link == SentenceLink(lede_a, caption, "repeat", link.score) and link.score > 0.9
    # The lede keeps its own partner: groups stay a partition for reading.
    assert next(g for g in result.groups if lede_a in g.a).b == (lede_b,)
    # Only B's headline is new: A's headline is said again in B's lede, so it is a repeat too.
    assert result.counts()["inserted"] == 1 and result.counts()["repeated"] == 2


def test_repeats_count_as_shared_in_the_overlap() -> None:
    result = pair()
    plain = score(tokenize(result.a.text), tokenize(result.b.text), result.groups)  # as if repeats were new text
    words_b = result.scores["words_b"]
    counted = round(result.scores["overlap_b_in_a"] * words_b) - round(plain["overlap_b_in_a"] * words_b)
    # The caption's words, all but 'repaired' (A: 'finished repairing'), are in unchanged runs of the lede.
    assert counted == len(CAPTION.split()) - 1
    assert result.scores["overlap_a_in_b"] > plain["overlap_a_in_b"]  # A's headline is said again in B's lede


def test_links_are_a_superset_of_the_pairs_in_groups_and_survive_json() -> None:
    result = pair()
    in_groups = {(i, j) for g in result.groups for i in g.a for j in g.b}
    assert {(k.a, k.b) for k in result.links if k.kind == "group"} == in_groups
    assert any(k.kind != "group" for k in result.links)
    assert all(0.0 <= k.score <= 1.0 for k in result.links)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["schema"] == "storydiff/comparison/v2"
    assert {(k["a"], k["b"], k["kind"]) for k in data["links"]} == {(k.a, k.b, k.kind) for k in result.links}
    again = Comparison.from_dict(data)
    assert again.links == result.links and again.groups == result.groups
    assert again.swapped().links == compare(B_TEXT, A_TEXT).links


def test_a_saved_v1_comparison_still_loads_with_the_links_its_groups_imply() -> None:
    data = pair().to_dict()
    data["schema"] = "storydiff/comparison/v1"
    del data["links"]
    for group in data["alignment"]:
        if group["kind"] == "repeated":  # v1 had no such kind
            group["kind"] = "inserted" if group["b"] else "deleted"
    loaded = Comparison.from_dict(data)
    assert {(k.a, k.b) for k in loaded.links} == {(i, j) for g in loaded.groups for i in g.a for j in g.b}
    assert all(k.kind == "group" for k in loaded.links)


def test_a_quote_given_again_with_more_is_linked_to_both_copies() -> None:
    quote = '"We are grateful to the crews who worked through the night," she said.'
    b = B_TEXT + (
        '"We are grateful to the crews who worked through the night," Park said again later, '
        "adding that inspections would be monthly.\n"
    )
    result = compare(A_TEXT, b)
    a_quote = index_of(result.a_sentences, quote)
    partners = {k.b: k.kind for k in result.links if k.a == a_quote}
    assert len(partners) == 2 and sorted(partners.values()) == ["group", "partial"]
    # The second copy says something new as well, so it stays inserted, linked to what it shares.
    later = max(partners)
    assert next(g for g in result.groups if later in g.b).kind == "inserted"


def test_a_split_part_may_stand_apart_when_only_a_leftover_stands_between() -> None:
    a = (
        "Sir Tom Baxter will retire as coach of Riverside Rovers at the end of the season, after twenty years "
        "that have made him the most successful coach in Scottish rugby.\n"
        "While he will become a Rovers director and ambassador, the club must now replace a man who has won "
        "nine league titles and four national cups.\n"
        "Baxter said the decision had not been taken lightly."
    )
    b = (
        "The Riverside Rovers coach, Sir Tom Baxter, will retire at the end of the season after twenty years.\n"
        "He will become a director of the club.\n"
        "He is the most successful coach in Scottish rugby.\n"
        "He has won nine league titles and four national cups.\n"
        "Baxter said he had not taken the decision lightly."
    )
    result = compare(a, b)
    first = next(g for g in result.groups if 0 in g.a)
    assert (first.kind, first.b) == ("split", (0, 2))
    # The sentence between belongs to A's second sentence, and is shown as a repeat of it.
    between = next(g for g in result.groups if 1 in g.b)
    assert between.kind == "repeated" and any(k.a == 1 and k.b == 1 for k in result.links)
    assert compare(b, a).groups == result.swapped().groups


def test_three_parts_of_one_sentence_join_even_when_the_last_is_found_first() -> None:
    a = (
        "The balloon lifted off at dawn.\n"
        "Ten tense minutes later the Austrian pilot landed safely in the desert, after reaching speeds of "
        "700 mph and breaking three world records, including becoming the first skydiver to break the sound barrier.\n"
        "His team cheered in the control room."
    )
    b = (
        "The balloon lifted off at dawn.\n"
        "Ten minutes later, the Austrian pilot landed safely in the desert.\n"
        "He reached speeds of 700 mph and broke three world records.\n"
        "He became the first skydiver to break the sound barrier.\n"
        "His team cheered in the control room."
    )
    result = compare(a, b)
    assert next(g for g in result.groups if 1 in g.a).b == (1, 2, 3)


def test_a_headline_that_restates_a_body_sentence_is_a_repeat_not_half_a_split() -> None:
    body = (
        "Council approves budget for new riverside park\n"
        "The plan was first proposed three years ago.\n"
        "The city council approved the budget for a new riverside park on Monday, with work due to start in May.\n"
        "Residents had campaigned for the park since 2019."
    )
    other = (
        "Riverside park budget approved\n"
        "Residents had campaigned for the park since 2019.\n"
        "The city council approved the budget for a new riverside park on Monday, with work due to start in May."
    )
    result = compare(other, body)
    for group in result.groups:
        assert not (group.kind == "merged" and 0 in group.a), "the headline must not be half of a merge"
        assert not (group.kind == "split" and 0 in group.b)


def test_reports_show_repeats_and_links() -> None:
    result = pair()
    text = render(result, "text")
    assert "*  repeated" in text and "repeat of A" in text and "say the same" in text
    markdown = render(result, "markdown")
    assert "`*` repeated (repeat of A" in markdown and "also linked" in markdown
    csv_text = render(result, "csv")
    header, *rows = csv_text.splitlines()
    assert header.split(",")[11] == "links"
    assert any(",repeated," in row and " repeat " in row for row in rows)
    html = render(result, "html")
    assert "sd-k-repeated" in html and "repeat of A" in html and 'class="sd-also"' in html


def test_n_way_provenance_says_where_a_sentence_is_repeated() -> None:
    from compare import compare_many

    third = "Bridge back in use\n\nThe bridge had been closed for nine days after high winds tore the railing away.\n"
    many = compare_many([B_TEXT, A_TEXT, third])
    carried = many.carried()
    caption = next(s.index for s in many.sentences[0] if s.text == CAPTION)
    assert carried[0][caption][many.labels[1]] == "repeated"
    frame = many.provenance()
    row = frame.loc[(many.labels[0], caption)]
    assert row["repeated_in"] == many.labels[1] and row["carried_by"] >= 1
    row_md = next(line for line in render(many, "markdown").splitlines() if f"| {CAPTION} |" in line)
    assert [cell.strip() for cell in row_md.split("|")][3:6] == ["·", "*", ""]


def test_the_bundled_captioned_page_shows_its_caption_and_teaser_as_repeats() -> None:
    from pathlib import Path

    samples = Path(__file__).resolve().parents[2] / "samples"
    result = compare(Path(samples / "seed-bbc.txt"), Path(samples / "captioned.txt"), facts=False)
    repeated = [g for g in result.groups if g.kind == "repeated"]
    assert [g.b for g in repeated] == [(1,), (8,)]  # the photo caption and the "Read more" teaser
    # Each is linked to the seed sentence it repeats (S1, S2), which keeps its own partner in the body.
    assert {(k.a, k.b, k.kind) for k in result.links if k.b in (1, 8) and k.kind != "group"} == {
        (0, 1, "repeat"),
        (1, 8, "repeat"),
    }
    assert next(g for g in result.groups if 0 in g.a).b == (2,)  # S1 under its dateline
    assert next(g for g in result.groups if 1 in g.a).b == (3,)


FIRE_A = """Fire destroys warehouse in Dunmore
A fire broke out in a furniture warehouse on Elm Street in Dunmore shortly after 3 a.m. on Sunday.
Four workers were taken to Dunmore General Hospital with burns, a county spokesman said.
The building, which had stood empty for years until 2019, was a total loss.
Investigators have not said what started the blaze.
"""
FIRE_B = """Four hurt as blaze guts Elm Street building
County officials said the early Sunday fire at the Elm Street furniture warehouse sent four workers to Dunmore \
General Hospital.
Neighbours described flames rising above the rooftops.
The cause is under investigation, fire chief Tom Reyes said.
"""


def test_a_sentence_that_combines_facts_from_two_sentences_of_an_independent_report_links_to_both() -> None:
    # Two reporters on one event: B's second sentence tells where and when the fire was (A's second) and who
    # was hurt (A's third), in other words. It sits in one group; the other shared fact is a partial link.
    result = compare(FIRE_A, FIRE_B, facts=False)
    where_a = next(s.index for s in result.a_sentences if s.text.startswith("A fire broke out"))
    hurt_a = next(s.index for s in result.a_sentences if s.text.startswith("Four workers"))
    both_b = next(s.index for s in result.b_sentences if s.text.startswith("County officials"))
    linked = {(k.a, k.b): k.kind for k in result.links}
    assert (where_a, both_b) in linked and (hurt_a, both_b) in linked
    assert sorted([linked[(where_a, both_b)], linked[(hurt_a, both_b)]]) == ["group", "partial"]
    # Sentences that share nothing specific stay unlinked.
    flames_b = next(s.index for s in result.b_sentences if s.text.startswith("Neighbours"))
    assert not any(k.b == flames_b for k in result.links)


def test_in_a_reprint_a_sentence_naming_the_same_people_is_not_linked_beside_its_copy() -> None:
    # Each sentence's copy is in the other version: two sentences that only name the same mayor on the same
    # day share words, but not content, and must not be linked across.
    a = (
        "Mayor Ellen Park opened the rebuilt Harbour Bridge on Tuesday morning.\n"
        "Mayor Ellen Park later thanked the repair crews at a lunch on Tuesday.\n"
        "Traffic was light in the first hours.\n"
    )
    b = a.replace("Traffic was light", "Few cars crossed")
    result = compare(a, b, facts=False)
    assert {(k.a, k.b) for k in result.links} == {(0, 0), (1, 1), (2, 2)}


# A retelling that keeps the story's order: the middle sentences say the same in other words and share one word.
FOX_A = [
    "A hungry fox saw a bunch of ripe grapes hanging from a high vine in the orchard.",
    "He leapt again and again and tried with all his might, but the bunch always stayed out of reach.",
    "At last he walked away, muttering that the grapes were sour anyway.",
]
FOX_B = [
    "One hot day a hungry fox spotted ripe grapes hanging from a tall vine.",
    "Jumping brought him no closer, however hard he tried, and his legs soon ached.",
    "Finally he walked off, saying the grapes were surely sour.",
]


def test_a_sentence_between_linked_neighbours_is_linked_to_the_one_between_their_partners() -> None:
    result = compare(FOX_A, FOX_B, facts=False)
    assert [(k.a, k.b, k.kind) for k in result.links] == [(0, 0, "group"), (1, 1, "partial"), (2, 2, "group")]
    # The groups still read as a deletion and an insertion: the link says they share part of their content.
    assert [g.kind for g in result.groups if 1 in g.a or 1 in g.b] == ["inserted", "deleted"]
    # The same from either side.
    mirrored = compare(FOX_B, FOX_A, facts=False)
    assert [(k.a, k.b, k.kind) for k in mirrored.links] == [(0, 0, "group"), (1, 1, "partial"), (2, 2, "group")]


def test_position_alone_never_links_a_sentence() -> None:
    # The same middle sentences without the word they shared ("tried"): in the same place, nothing in common.
    middle = "He leapt again and again with all his might, but the bunch stayed out of reach."
    no_shared_word = [FOX_A[0], middle, FOX_A[2]]
    result = compare(no_shared_word, FOX_B, facts=False)
    assert [(k.a, k.b) for k in result.links] == [(0, 0), (2, 2)]


def test_two_one_sentence_documents_sharing_a_word_are_not_linked() -> None:
    # With no neighbour on either side there is no order to take as evidence, only one shared word.
    result = compare(["The mayor opened the new bridge on Friday."], ["Storms closed the bridge to traffic."])
    assert result.links == ()
