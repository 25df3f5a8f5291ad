"""URLs, fetched from a real HTTP server on 127.0.0.1 (see http_fixture.py)."""

from __future__ import annotations

import time

import pytest
from fixture_pages import PAGES

from compare import compare
from compare.errors import InputError
from compare.ingest import read_source
from compare.ingest.fetch import MAX_REDIRECTS

ARTICLE_SENTENCE = "Engineers worked through the night to finish resurfacing the main carriageway"


def test_article_page_keeps_the_story_and_drops_the_boilerplate(server: str) -> None:
    doc = read_source(f"{server}/pages/article.html")
    assert ARTICLE_SENTENCE in doc.text
    assert "A review of how the bridge is inspected" in doc.text  # the last paragraph too
    for boilerplate in ("Subscribe", "ADVERTISEMENT", "SPONSORED", "Dave88", "Related stories", "Cookie settings"):
        assert boilerplate not in doc.text
    assert doc.title == "Harbour bridge reopens after storm repairs"
    assert doc.author == "Mira Castellano"
    assert doc.date == "2024-03-14"
    assert doc.source == "The Coastal Courier"
    assert doc.url == f"{server}/pages/article.html"
    assert doc.name == f"{server}/pages/article.html"


def test_fetched_page_compares_like_its_saved_copy(server: str, tmp_path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_bytes((PAGES / "article.html").read_bytes())
    result = compare(read_source(f"{server}/pages/article.html"), read_source(str(saved)))
    assert {g.kind for g in result.groups} == {"identical"}


@pytest.mark.parametrize("hops", [1, MAX_REDIRECTS])
def test_redirects_are_followed_up_to_the_limit(server: str, hops: int) -> None:
    doc = read_source(f"{server}/redirect/{hops}")
    assert ARTICLE_SENTENCE in doc.text
    assert doc.url == f"{server}/pages/article.html"  # the final address, not the first


def test_one_redirect_too_many_is_refused(server: str) -> None:
    with pytest.raises(InputError, match=f"more than {MAX_REDIRECTS} redirects"):
        read_source(f"{server}/redirect/{MAX_REDIRECTS + 1}")


def test_redirect_to_a_local_file_is_refused(server: str) -> None:
    with pytest.raises(InputError, match="not http or https"):
        read_source(f"{server}/redirect-to-file")


@pytest.mark.parametrize(
    ("code", "reason"), [(404, "404 Not Found"), (410, "410 Gone"), (500, "500 Internal Server Error")]
)
def test_error_status_is_refused_with_the_status(server: str, code: int, reason: str) -> None:
    with pytest.raises(InputError, match=f"the server answered {reason}"):
        read_source(f"{server}/status/{code}")


def test_slow_server_hits_the_timeout(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 0\.3 s waiting for the server.*--timeout"):
        read_source(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.4  # well before the server would have answered


def test_endless_body_is_cut_at_the_size_cap(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"over the 1 MB limit; raise it with --max-size"):
        read_source(f"{server}/huge", max_bytes=2**20)
    assert time.monotonic() - started < 5


def test_declared_huge_body_is_refused_before_reading(server: str) -> None:
    with pytest.raises(InputError, match=r"over the 2 MB limit; raise it with --max-size"):
        read_source(f"{server}/huge-declared")


def test_non_text_content_type_is_refused(server: str) -> None:
    with pytest.raises(InputError, match="it is image/png, not a web page or text"):
        read_source(f"{server}/image.png")


def test_page_without_content_type_is_recognised_by_its_content(server: str) -> None:
    doc = read_source(f"{server}/untyped-html")
    assert ARTICLE_SENTENCE in doc.text
    assert "ADVERTISEMENT" not in doc.text


def test_plain_text_url_with_declared_legacy_charset(server: str) -> None:
    doc = read_source(f"{server}/cp1252")
    assert doc.text.startswith("Café owners in Besançon said the “new rules” cost them €300 a month.")
    assert doc.source == "127.0.0.1"


def test_jsonl_url_with_a_record_selector(server: str) -> None:
    doc = read_source(f"{server}/pages/records.jsonl#wire-7781")
    assert doc.title == "Storm-hit bridge reopens"
    assert doc.text.startswith("A storm-damaged bridge reopened")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/story.txt", "gopher://example.org/", "javascript://alert(1)"]
)
def test_other_schemes_are_refused_without_touching_anything(url: str) -> None:
    with pytest.raises(InputError, match=r"only http:// and https:// URLs are fetched"):
        read_source(url)


def test_connection_refused_is_a_clear_error() -> None:
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError, match="cannot connect"):
        read_source(f"http://127.0.0.1:{port}/story.html", timeout=2)
