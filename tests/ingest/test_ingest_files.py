"""Files and standard input: encodings, binary refusal, size limits, kinds found by suffix or content."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_pages import PAGES
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import compare
from compare.errors import InputError
from compare.ingest import decode, document_from_bytes, load_path, read_source

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"  # ../shared/data, when it is there
# Every character here is in Windows-1252; the curly quotes, dash and euro sign are not in Latin-1.
WESTERN = "Café owners in Besançon said the “new rules” — costing €300 — were naïve.\nThe mayor’s office disagreed."
LATIN1 = "Zoë and Chloë ate crème brûlée at the café in Besançon.\nSeñor Núñez paid 15 ½ francs."


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", WESTERN),
        ("utf-8-sig", WESTERN),  # UTF-8 with a BOM: the BOM is not part of the text
        ("utf-16", WESTERN),  # with a BOM, little-endian here
        ("utf-16-be", "\ufeff" + WESTERN),  # big-endian, BOM written by hand
        ("cp1252", WESTERN),
        ("latin-1", LATIN1),
        ("cp1252", LATIN1),
    ],
)
def test_encodings_are_read_back_exactly(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    expected = text.lstrip("\ufeff")
    assert load_path(path).text == expected
    assert read_source(str(path)).text == expected


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(WESTERN.encode("utf-16-le"))
    assert load_path(path).text == WESTERN


def test_central_european_text_is_not_forced_into_cp1252() -> None:
    czech = "Ministr zahraničí Ruska se setkal s americkým protějškem. Schůzka trvala deset minut, řekl mluvčí."
    assert decode(czech.encode("cp1250"), "czech.txt") == czech


def test_cyrillic_legacy_encoding_is_detected() -> None:
    russian = "Министр иностранных дел России встретился с госсекретарём США. Встреча длилась десять минут."
    assert decode(russian.encode("cp1251"), "ru.txt") == russian


def test_comparison_offsets_hold_on_a_decoded_legacy_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(WESTERN.encode("cp1252"))
    result = compare(path, WESTERN)
    assert {g.kind for g in result.groups} == {"identical"}
    assert all(result.a.text[s.start : s.end] == s.text for s in result.a_sentences)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"{\\rtf1\\ansi Some text}", "an RTF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "a gzip-compressed file"),
        (bytes(range(256)) * 4, "a binary file"),
        (b"Some text\x00with NUL bytes\x00\x01\x02 in it" * 10, "a binary file"),
        (
            b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11 mostly control bytes \x12\x13\x14\x15\x16\x17",
            "a binary file",
        ),
    ],
)
def test_binary_files_are_refused_by_name(tmp_path: Path, data: bytes, what: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=f"it is {what}.*not text"):
        load_path(path)


def test_a_text_with_stray_control_bytes_is_read_not_refused_as_binary(tmp_path: Path) -> None:
    """Text exported from a PDF keeps a few stray control bytes (1% here): it is still text."""
    words = (Path(__file__).parents[1] / "data" / "onestop" / "adv" / "meteorite.txt").read_text(encoding="utf-8")
    words = words.lstrip("\ufeff")[:4400]
    strays = "\x1c\x1d\x19\x03\x01"
    noisy = "".join(ch + strays[k % 5] if k % 90 == 45 else ch for k, ch in enumerate(words))
    assert sum(ch in strays for ch in noisy) >= 48
    path = tmp_path / "story.txt"
    path.write_text(noisy, encoding="utf-8")
    assert load_path(path).text == noisy


@pytest.mark.skipif(not (SHARED / "onestop").is_dir(), reason="../shared/data is not beside the repository")
def test_the_real_text_with_48_stray_control_bytes_is_read() -> None:
    document = load_path(SHARED / "onestop" / "int" / "wnl-spain-wetlands.txt")
    assert len(document.text.split()) > 500


def test_a_pdf_is_read_as_a_pdf_whatever_its_name(tmp_path: Path) -> None:
    """PDFs are articles now (compare.ingest.documents): the content decides, so a broken one is called damaged."""
    path = tmp_path / "story.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(InputError, match="it is a damaged or incomplete PDF"):
        load_path(path)


def test_size_limit_is_checked_before_reading_and_names_the_option(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"A sentence of the article. " * 50_000)  # 1.35 MB
    with pytest.raises(InputError, match=r"it is 1\.3 MB, over the 1 MB limit; raise it with --max-size"):
        read_source(str(path), max_bytes=2**20)
    assert read_source(str(path), max_bytes=2 * 2**20).text.startswith("A sentence")


def test_a_device_that_never_ends_is_cut_at_the_limit() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(InputError, match=r"gave more than the 0\.0098 MB limit without ending"):
        read_source("/dev/zero", max_bytes=10_240)


@pytest.mark.parametrize("content", ["", "   \n\t  \r\n", "\ufeff"])
def test_empty_inputs_are_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="it is empty"):
        load_path(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="it is a directory"):
        read_source(str(tmp_path))


def test_html_file_by_suffix_and_by_content(tmp_path: Path) -> None:
    by_suffix = load_path(PAGES / "article.html")
    saved_as_txt = tmp_path / "article-saved.txt"
    saved_as_txt.write_bytes((PAGES / "article.html").read_bytes())
    by_content = load_path(saved_as_txt)
    for doc in (by_suffix, by_content):
        assert doc.title == "Harbour bridge reopens after storm repairs"
        assert "<p>" not in doc.text and "ADVERTISEMENT" not in doc.text
    assert by_suffix.text == by_content.text
    assert by_suffix.name == "article.html"


def test_html_with_legacy_charset_in_meta_tag() -> None:
    doc = load_path(PAGES / "article-cp1252.html")
    assert "“We are grateful for the patience" in doc.text
    assert "council leader Tomás Reyes" in doc.text
    assert "£4.2 million" in doc.text


def test_plain_text_that_mentions_tags_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    text = "Editors argued over the <p> tag.\nThe <html> element wraps a page, she said."
    path.write_text(text, encoding="utf-8")
    assert load_path(path).text == text


def test_markdown_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    text = "# Bridge reopens\n\nThe bridge *reopened* on Thursday.\n"
    path.write_text(text, encoding="utf-8")
    assert load_path(path).text == text


def test_a_file_name_with_a_hash_is_read_as_is(tmp_path: Path) -> None:
    path = tmp_path / "story#2.txt"
    path.write_text("The bridge reopened.", encoding="utf-8")
    assert read_source(str(path)).text == "The bridge reopened."


def test_a_selector_on_a_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("The bridge reopened.", encoding="utf-8")
    with pytest.raises(InputError, match="'#' picks a record only in JSON"):
        read_source(f"{path}#2")


class _Stdin:
    """A stand-in for sys.stdin with a real binary buffer, as a pipe gives."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "expected_start"),
    [
        (WESTERN.encode("utf-8"), "Café owners"),
        (WESTERN.encode("cp1252"), "Café owners"),
        ((PAGES / "article.html").read_bytes(), "The Harbour Bridge reopened"),
        ((PAGES / "records.jsonl").read_bytes(), "The Harbour Bridge reopened"),
    ],
)
def test_standard_input_of_any_kind(monkeypatch: pytest.MonkeyPatch, data: bytes, expected_start: str) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    doc = read_source("-")
    assert doc.text.startswith(expected_start)
    assert (doc.name or "").startswith("<stdin>")


def test_standard_input_record_selector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin((PAGES / "records.jsonl").read_bytes()))
    assert read_source("-#2").title == "Storm-hit bridge reopens"


def test_standard_input_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"word " * 1000))
    with pytest.raises(InputError, match=r"standard input is over the .* limit; raise it with --max-size"):
        read_source("-", max_bytes=1000)


def test_standard_input_through_a_real_pipe(tmp_path: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text("The bridge reopened on Thursday.\nIt had been shut for six weeks.", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "compare", "compare", "-", str(other), "--format", "json"],
        input="The bridge reopened on Thursday.\nIt had been closed for six weeks.".encode("cp1252"),
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    import json

    data = json.loads(proc.stdout)
    assert data["a"]["name"] == "<stdin>"
    assert [g["kind"] for g in data["alignment"]] == ["identical", "modified"]


_PIECES = st.one_of(
    st.binary(max_size=30),
    st.text(max_size=30).map(lambda s: s.encode("utf-8")),
    st.sampled_from([b"<html>", b"<p>", b"{", b"}", b'"text"', b":", b"[", b"]", b"\n", b"\xef\xbb\xbf", b"\xff\xfe",
                     b"%PDF-", b"\x00", "é".encode("cp1252")]),
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(b"".join), st.sampled_from(["", "html", "json", "text"]))
def test_any_bytes_give_a_document_or_a_one_line_refusal(data: bytes, kind: str) -> None:
    try:
        doc = document_from_bytes(data, name="fuzz", kind=kind)
    except InputError as exc:
        assert str(exc).startswith("cannot ") and "\n" not in str(exc)
    else:
        assert doc.text.strip()
