"""Word-level diffs: the changed words, with offsets that slice the documents."""

from __future__ import annotations

from compare import compare, tokenize
from compare.worddiff import word_diff


def spans(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(op.op, a[op.a_start : op.a_end], b[op.b_start : op.b_end]) for op in word_diff(tokenize(a), tokenize(b))]


def test_replaced_inserted_and_deleted_words() -> None:
    a = "The G20 accounts for 85% of global output and two-thirds of its people."
    b = "The G20 accounts for 80% of global economic output and of its people."
    assert spans(a, b) == [
        ("equal", "The G20 accounts for", "The G20 accounts for"),
        ("replace", "85", "80"),
        ("equal", "of global", "of global"),
        ("insert", "", "economic"),
        ("equal", "output and", "output and"),
        ("delete", "two-thirds", ""),
        ("equal", "of its people", "of its people"),
    ]


def test_inserted_words_have_their_text_on_b_and_a_place_on_a() -> None:
    a, b = "Talks ended.", "Talks ended abruptly."
    (_equal, insert) = word_diff(tokenize(a), tokenize(b))
    assert insert.op == "insert" and b[insert.b_start : insert.b_end] == "abruptly"
    assert insert.a_start == insert.a_end == a.index("ended") + len("ended")


def test_case_and_typography_are_not_changes() -> None:
    assert [op.op for op in word_diff(tokenize("\u201cIt\u2019s DONE\u201d"), tokenize('"it\'s done"'))] == ["equal"]


def test_group_diffs_slice_document_text_across_sentences(seed_text: str) -> None:
    b = seed_text.replace("less than 10 minutes", "about 20 minutes").replace("85%", "80%")
    result = compare(seed_text, b)
    changed = [
        (result.a.text[o.a_start : o.a_end], result.b.text[o.b_start : o.b_end])
        for g in result.groups
        for o in g.diff
        if o.op != "equal"
    ]
    assert ("less than 10", "about 20") in changed
    assert ("85", "80") in changed
    for group in result.groups:
        for op in group.diff:
            for text, start, end in ((result.a.text, op.a_start, op.a_end), (result.b.text, op.b_start, op.b_end)):
                piece = text[start:end]
                assert piece == piece.strip()
                assert [t.key for t in tokenize(piece)] == [t.key for t in tokenize(text, start, end)]
