"""Real-page extraction: short briefs read, hidden copies and split bodies handled, charset lies and huge pages.

The pages in pages/ are written for these tests (brief.html: a 57-word brief on a page of 966 words of menus
and teasers; ferry-split.html: a body split into three containers by an advert and a related-stories box,
with two hidden copies of the body; ferry-blocks.html: the same body in five blocks between adverts and
related links, with no <article>). How well extraction does on real pages is measured, not tested:
benchmarks/bench_extract.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixture_pages import PAGES, page

from compare import compare
from compare.errors import InputError
from compare.ingest import document_from_bytes, read_source
from compare.ingest.html import MAX_ELEMENTS, MIN_ARTICLE_WORDS, extract_article

BRIEF_PAGE = page("brief.html")
BRIEF = [
    "Police closed the coast road between Hallow Point and Seabury on Friday morning after a lorry shed its load "
    "of gravel across both lanes near the old lighthouse.",
    "Nobody was hurt, but drivers were told to expect delays until the afternoon while contractors swept the road, "
    "and buses were sent the long way round through the hills.",
]
FERRY_FIRST = "The county council voted on Tuesday night to close the Millbrook ferry crossing"
FERRY_LAST = "with the rest coming from the council's reserves."


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def test_short_brief_on_a_big_page_is_read_whole_and_alone() -> None:
    doc = extract_article(BRIEF_PAGE, name="brief.html")
    assert doc.text == "\n".join(BRIEF)  # the brief, and none of the teasers, menus or most-read list
    assert (doc.title, doc.author, doc.date, doc.source) == (
        "Coast road shut after lorry sheds gravel",
        "Sam Adeyemi",
        "2026-03-06",
        "The Estuary Gazette",
    )


def test_the_brief_is_under_a_tenth_of_its_page_so_the_old_ratio_rule_would_have_refused_it() -> None:
    # What makes the case: 57 words of a page of ~1,000. Only the page's own claim to be an article lets it in.
    page_words = _words(re.sub(r"<[^>]+>", " ", BRIEF_PAGE.split("<body>", 1)[1]))
    assert _words("\n".join(BRIEF)) < 0.1 * page_words
    undeclared = BRIEF_PAGE.replace('<meta property="og:type" content="article">', "").replace(
        '"@type": "NewsArticle"', '"@type": "WebPage"'
    )
    with pytest.raises(InputError, match=r"only 57 words of the page's [\d,]+ \(the page is mostly links"):
        extract_article(undeclared, name="brief.html")


def test_a_brief_compares_sentence_for_sentence_with_its_plain_text_copy(tmp_path: Path) -> None:
    plain = tmp_path / "brief.txt"
    plain.write_text(" ".join(BRIEF), encoding="utf-8")
    result = compare(read_source(str(PAGES / "brief.html")), read_source(str(plain)))
    assert [g.kind for g in result.groups] == ["identical", "identical"]


@pytest.mark.parametrize("flag", ['"isAccessibleForFree": false', '"isAccessibleForFree": "False"'])
def test_a_short_text_on_a_page_that_says_it_is_for_subscribers_is_refused(flag: str) -> None:
    paywalled = BRIEF_PAGE.replace('"isAccessibleForFree": true', flag)
    assert paywalled != BRIEF_PAGE
    with pytest.raises(InputError, match=r"only 57 words .*says its article is for subscribers.*\.txt"):
        extract_article(paywalled, name="teaser.html")


def test_a_scrap_on_a_declared_article_page_is_still_refused() -> None:
    # A page drawn by JavaScript: it says it is an article, but all its HTML holds is menus and a notice.
    notice = "<p>Please turn on JavaScript to read this story.</p>"
    page = re.sub(r"<article.*?</article>", f"<article>{notice}</article>", BRIEF_PAGE, flags=re.S)
    page = re.sub(r"<section class=\"more-stories\">.*?</section>", "", page, flags=re.S)
    assert _words(notice) < MIN_ARTICLE_WORDS
    with pytest.raises(InputError, match=r"cannot use 'js\.html': the article text found is only 8 words .*JavaScript"):
        extract_article(page, name="js.html")


def test_a_body_split_by_adverts_is_read_whole_once_without_hidden_copies() -> None:
    doc = read_source(str(PAGES / "ferry-split.html"))
    assert doc.text.startswith(FERRY_FIRST)
    assert doc.text.endswith(FERRY_LAST)
    assert doc.text.count(FERRY_FIRST) == 1  # the display:none schema.org copy and the `hidden` copy are left out
    assert len(doc.text.splitlines()) == 9  # all three containers, one line per paragraph
    for boilerplate in ("Advertisement", "Seabury Bay Hotel", "Related stories", "Harbour master", "More from"):
        assert boilerplate not in doc.text


def test_a_body_in_content_blocks_between_adverts_is_read_whole() -> None:
    # No <article> holds the blocks: trafilatura's precise mode keeps the first block only (a fifth of the
    # story); the other blocks of the same kind are the rest of it, and the adverts between them are not.
    doc = read_source(str(PAGES / "ferry-blocks.html"))
    assert len(doc.text.splitlines()) == 9
    assert doc.text.startswith(FERRY_FIRST)
    assert doc.text.endswith(FERRY_LAST)
    for boilerplate in ("Advertisement", "Seabury Bay Hotel", "Related stories", "Harbour master"):
        assert boilerplate not in doc.text


def test_template_content_is_not_article_text() -> None:
    """A <template> inside the article holds markup a script may clone later: no reader sees it as it is."""
    html = page("ferry-split.html")
    start = html.index("<article")
    end = html.index("</p>", start)
    card = (
        "<template><div><p>Template card: a script clones this into the page, never shown as is.</p></div></template>"
    )
    doc = extract_article(html[:end] + card + html[end:], name="template.html")
    assert doc.text.startswith(FERRY_FIRST) and doc.text.endswith(FERRY_LAST)
    assert "Template card" not in doc.text


def test_a_body_hidden_until_a_script_shows_it_is_still_read() -> None:
    # With no visible article at all, hidden elements are read rather than refusing the page.
    html = page("ferry-split.html")
    html = re.sub(r"<article.*?</article>|<section class=\"more-stories\">.*?</section>", "", html, flags=re.S)
    assert html.count("The county council voted") == 2  # only the two hidden copies are left
    doc = extract_article(html, name="hidden.html")
    assert doc.text.startswith(FERRY_FIRST)
    assert doc.text.endswith(FERRY_LAST)


CAFE = (
    "<p>Le café de la gare a rouvert jeudi après trois mois de travaux, à la grande joie des habitués du "
    "quartier, qui ont retrouvé leur comptoir en zinc et leurs banquettes rénovées.</p>"
) * 4


@pytest.mark.parametrize("pad", [b"", b" "])  # odd and even lengths: cp1252 bytes of even length decode as UTF-16
def test_a_meta_tag_that_lies_about_utf16_is_ignored(pad: bytes) -> None:
    page = f'<html><head><meta charset="utf-16"><title>Café rouvert</title></head><body><article>{CAFE}</article>'
    data = page.encode("cp1252") + b"</body></html>" + pad
    doc = document_from_bytes(data, name="cafe.html", kind="html")
    assert doc.text.startswith("Le café de la gare a rouvert jeudi")
    assert doc.title == "Café rouvert"


@pytest.mark.parametrize("pad", [b"", b" "])
@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE"])
def test_a_server_that_lies_about_utf16_is_ignored(declared: str, pad: bytes) -> None:
    page = f"<html><head><title>Café</title></head><body><article>{CAFE}</article></body></html>"
    data = page.encode("cp1252") + pad
    doc = document_from_bytes(data, name="http://127.0.0.1/cafe", kind="html", charset=declared)
    assert doc.text.startswith("Le café de la gare a rouvert jeudi")


def test_real_utf16_with_a_bom_is_still_read() -> None:
    page = f'<html><head><meta charset="utf-16"></head><body><article>{CAFE}</article></body></html>'
    doc = document_from_bytes(page.encode("utf-16"), name="cafe16.html", kind="html")
    assert doc.text.startswith("Le café de la gare a rouvert jeudi")


def _huge_page(path: Path, paragraphs: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("<html><head><title>Huge</title></head><body>")
        for k in range(paragraphs):
            out.write(f"<p>Paragraph {k} of a very long page.</p>")
        out.write("</body></html>")
    return path


def test_a_page_of_300000_paragraphs_is_refused_at_once_with_one_line(tmp_path: Path) -> None:
    page = _huge_page(tmp_path / "huge.html", 300_000)
    assert page.stat().st_size > 9_000_000
    started = time.monotonic()
    with pytest.raises(InputError, match=rf"300,00\d HTML elements, over the {MAX_ELEMENTS:,} .*\.txt file"):
        read_source(str(page), max_bytes=20 * 2**20)  # over the default --max-size (2 MB): allowed here
    assert time.monotonic() - started < 20  # it ran past 120 s; the count itself takes a fraction of a second


def test_the_command_line_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    page = _huge_page(tmp_path / "huge.html", MAX_ELEMENTS + 10)
    other = tmp_path / "other.txt"
    other.write_text(" ".join(BRIEF), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "compare", "compare", str(page), str(other)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1
    assert run.stderr.startswith("storydiff: cannot use ") and "HTML elements" in run.stderr


def test_a_long_page_under_the_element_cap_is_still_read(tmp_path: Path) -> None:
    # The cap refuses pages no article page comes near, not long articles.
    page = _huge_page(tmp_path / "long.html", 5_000)
    doc = read_source(str(page))
    assert "Paragraph 4999 of a very long page." in doc.text
