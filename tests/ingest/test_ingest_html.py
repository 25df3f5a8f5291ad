"""Web pages: the article extracted, boilerplate dropped, fragments refused, broken markup survived."""

from __future__ import annotations

import pytest
from fixture_pages import page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import compare
from compare.errors import InputError
from compare.ingest.html import extract_article, looks_like_html

ARTICLE = page("article.html")
PARAGRAPHS = [
    "The Harbour Bridge reopened to traffic on Thursday morning, six weeks after winter storms tore away part of "
    "its western railing and damaged two support cables.",
    "Shop owners in the old town said trade had fallen by almost a third during the closure, as visitors avoided "
    "the long way round.",
]


def test_article_text_and_metadata() -> None:
    doc = extract_article(ARTICLE, name="article.html")
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    assert (doc.title, doc.author, doc.date, doc.source) == (
        "Harbour bridge reopens after storm repairs",
        "Mira Castellano",
        "2024-03-14",
        "The Coastal Courier",
    )
    # The headline is the title, not the first sentence of the body.
    assert not doc.text.startswith("Harbour bridge reopens")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Home",
        "Subscribe for one pound",
        "Breaking: Ferry",
        "ADVERTISEMENT",
        "Lighthouse museum",
        "Comment by",
        "About time too",
        "SPONSORED",
        "All rights reserved",
        "Privacy policy",
    ],
)
def test_boilerplate_is_dropped(boilerplate: str) -> None:
    assert boilerplate not in extract_article(ARTICLE, name="article.html").text


def test_page_and_plain_text_of_the_same_story_compare_as_identical() -> None:
    doc = extract_article(ARTICLE, name="article.html")
    plain = "\n".join(line for line in doc.text.splitlines())
    result = compare(doc, plain)
    assert {g.kind for g in result.groups} == {"identical"}
    assert len(result.a_sentences) == 7


def test_page_of_links_is_refused_not_compared() -> None:
    with pytest.raises(InputError, match=r"mostly links.* (an index, live or section page|not an article)"):
        extract_article(page("live-blog.html"), name="live-blog.html")


def test_fragment_of_a_long_page_is_refused() -> None:
    filler = "".join(
        f"<div class='comment'><p>Reader {n} wrote a long reply about parking charges, ferries, the weather and "
        f"the council's budget, which goes on for a while without saying much at all.</p></div>"
        for n in range(80)
    )
    page = (
        "<html><head><title>Teaser</title></head><body>"
        "<article><p>Full story for subscribers only.</p></article>"
        f"<section>{filler}</section></body></html>"
    )
    with pytest.raises(InputError, match=r"only \d+ words of the page's [\d,]+"):
        extract_article(page, name="paywall.html", min_share=0.1, min_words=100)


def test_small_page_without_article_structure_is_read_as_its_text() -> None:
    doc = extract_article("<p>The bridge reopened on Thursday.</p><p>It had been shut.</p>", name="snippet.html")
    assert doc.text == "The bridge reopened on Thursday.\nIt had been shut."


@pytest.mark.parametrize("page", ["", "<html></html>", "<html><body><script>var x = 1;</script></body></html>"])
def test_page_with_no_text_is_refused(page: str) -> None:
    with pytest.raises(InputError, match="no article text found"):
        extract_article(page, name="blank.html")


def test_malformed_page_keeps_what_it_can() -> None:
    doc = extract_article(page("malformed.html"), name="malformed.html")
    assert doc.title == "Harbour bridge reopens after storm repairs"
    assert doc.text.startswith("The Harbour Bridge reopened to traffic on Thursday morning")
    assert "<" not in doc.text


def test_deeply_nested_markup_does_not_crash() -> None:
    page = "<html><body>" + "<div>" * 20_000 + "<p>The bridge reopened on Thursday.</p>" + "</body></html>"
    try:
        doc = extract_article(page, name="deep.html")
    except InputError:
        return  # refusing is fine; crashing is not
    assert "The bridge reopened on Thursday." in doc.text


_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<b>",
        "</i>",
        "<table><tr><td>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<a href='x'>",
        "</a>",
        "&amp;",
        "&bogus;",
        "&#xZZ;",
        "<br/>",
        "<html>",
        "<body",
        "<![CDATA[",
        "]]>",
        "<?xml version='1.0'?>",
        "<meta charset='nonsense'>",
        "\x00",
        "<h1>",
    ]
)
_PIECES = st.one_of(_TAGS, st.text(max_size=40))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_arbitrary_markup_gives_a_document_or_a_clear_refusal(page: str) -> None:
    try:
        doc = extract_article(page, name="fuzz.html")
    except InputError as exc:
        assert str(exc).startswith("cannot ")
        assert "\n" not in str(exc)
    else:
        assert doc.text.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("\ufeff  <html lang='en'><head>", True),
        ("<?xml version='1.0'?>\n<!DOCTYPE html>", True),
        ("<div><p>Story</p></div>", True),
        ("The <p> tag and the <div> tag.", False),
        ("Plain text.", False),
        ("<3 this story", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected
