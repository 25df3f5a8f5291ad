"""PDF, Word and OpenDocument input: the text and metadata a user gets, and the refusals of unusable files.

Every file is real: made by the sample script, pypdf, python-docx or zipfile (see office_files.py).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from compare import InputError, compare
from compare.cli import main
from compare.ingest import load_path, read_source
from compare.ingest.documents import reflow
from compare.ingest.sources import document_from_bytes

sys.path.insert(0, str(Path(__file__).parent))
import office_files as office

SAMPLES = office.SAMPLES


def test_the_committed_press_release_files_are_what_the_script_makes() -> None:
    """samples/press-release.pdf is reproducible from the script (fixed dates), so nobody has to trust a binary."""
    assert (SAMPLES / "press-release.pdf").read_bytes() == office.text_pdf()


def test_a_pdf_gives_its_text_in_sentences_and_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "release.pdf"
    path.write_bytes(office.text_pdf())
    doc = load_path(path)
    assert doc.title == "Secretary Blinken's Meeting with Russian Foreign Minister Lavrov"
    assert doc.date == "2023-03-02T12:00:00+00:00"
    assert doc.author == "storydiff project (illustrative sample)"
    assert doc.name == "release.pdf"
    # Lines wrapped on the page are one sentence again; the headline and dateline stay lines of their own.
    assert (
        "US Secretary of State Antony Blinken met briefly with Russian Foreign Minister Sergei Lavrov on the "
        "sidelines of the G20 summit in India.\n" in doc.text
    )
    assert doc.text.startswith("Secretary Blinken's Meeting with Russian Foreign Minister Lavrov\nPRESS RELEASE\n")
    assert "“for as long as it takes”" in doc.text  # curly quotes survive the PDF's WinAnsi encoding


def test_the_pdf_release_aligns_with_the_article_it_became() -> None:
    result = compare(load_path(SAMPLES / "press-release.pdf"), load_path(SAMPLES / "seed-bbc.txt"))
    identical = [result.group_text(g, "a") for g in result.groups if g.kind == "identical"]
    assert any(text.startswith("The G20, which includes") for text in identical)
    assert result.scores["overlap_a_in_b"] > 0.5  # most of the release is in the article


def test_a_pdf_with_only_an_owner_password_opens_as_readers_open_it() -> None:
    doc = document_from_bytes(office.owner_only_pdf(), name="limited.pdf")
    assert "New START" in doc.text


def test_a_pdf_on_standard_input_is_recognised_by_its_content() -> None:
    doc = document_from_bytes(office.text_pdf(), name="<stdin>")
    assert doc.title and "Lavrov" in doc.title


def test_a_word_document_gives_its_paragraphs_tables_and_title(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Bridge to reopen", level=1)
    document.add_paragraph("The bridge will reopen on Monday, the council said.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Cost"
    table.rows[0].cells[1].text = "£2m"
    document.core_properties.title = "Council release"
    path = tmp_path / "release.docx"
    document.save(str(path))
    doc = load_path(path)
    assert doc.text == "Bridge to reopen\nThe bridge will reopen on Monday, the council said.\nCost\n£2m"
    assert doc.title == "Council release"


def test_the_committed_word_release_reads_like_the_pdf() -> None:
    pdf, word = load_path(SAMPLES / "press-release.pdf"), load_path(SAMPLES / "press-release.docx")
    assert word.title == pdf.title and word.date == pdf.date
    assert compare(pdf, word).scores["overlap_a_in_b"] == 1.0


def test_an_odt_gives_headings_and_paragraphs_with_spaces_kept_and_notes_left_out(tmp_path: Path) -> None:
    body = (
        "<text:h>Bridge to reopen</text:h>"
        '<text:p>The bridge<text:s text:c="2"/>will <text:span>reopen</text:span> on Monday.'
        "<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note></text:p>"
        "<text:list><text:list-item><text:p>Cost: £2m.</text:p></text:list-item></text:list>"
    )
    path = tmp_path / "release.odt"
    path.write_bytes(office.odt(body, title="Council release"))
    doc = load_path(path)
    assert doc.text == "Bridge to reopen\nThe bridge will reopen on Monday.\nCost: £2m."
    assert doc.title == "Council release"
    assert doc.date == "2023-03-02T12:00:00"


def test_an_odt_without_its_extension_is_recognised_by_its_mimetype() -> None:
    doc = document_from_bytes(office.odt("<text:p>One sentence here.</text:p>"), name="<stdin>")
    assert doc.text == "One sentence here."


@pytest.mark.parametrize(
    ("name", "make", "fragment"),
    [
        ("locked.pdf", office.encrypted_pdf, "the PDF is encrypted with a password"),
        ("scan.pdf", office.image_only_pdf, "the PDF has no text layer (a scan or images only); run OCR"),
        ("cut.pdf", lambda: office.text_pdf()[:1200], "damaged or incomplete PDF"),
        ("bomb.docx", office.zip_bomb_docx, "it would unpack to 20 MB (a zip bomb?)"),
        ("locked.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word document is encrypted"),
        ("locked.odt", office.encrypted_odt, "is encrypted with a password"),
        ("laughs.odt", office.xml_bomb_odt, "damaged OpenDocument text"),
        ("nocontent.odt", lambda: office.odt("", content="<not xml"), "damaged OpenDocument text"),
        ("empty.odt", lambda: office.odt(""), "holds no text"),
    ],
)
def test_unusable_documents_are_refused_in_one_line(name: str, make: object, fragment: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(make())  # type: ignore[operator]
    with pytest.raises(InputError) as caught:
        load_path(path)
    message = str(caught.value)
    assert fragment in message and name in message and "\n" not in message


def test_the_text_limit_applies_to_what_a_document_unpacks_to(tmp_path: Path) -> None:
    """A small compressed file can hold much text: the text itself must fit --max-size too."""
    path = tmp_path / "long.docx"
    path.write_bytes(office.docx(["A sentence about the bridge that reopened today. " * 40] * 200))
    assert path.stat().st_size < 60_000
    with pytest.raises(InputError, match=r"its text is over the 0\.2 MB limit"):
        load_path(path, max_bytes=200_000)


def test_a_zip_that_is_neither_word_nor_opendocument_is_still_refused_as_an_archive(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("chapter1.xhtml", "<p>Hi</p>")
    path = tmp_path / "book.epub"
    path.write_bytes(out.getvalue())
    with pytest.raises(InputError, match="it is a ZIP archive, not text"):
        load_path(path)


def test_a_pdf_is_fetched_from_a_url(server: str) -> None:
    doc = read_source(server + "/release.pdf")
    assert doc.title and "Lavrov" in doc.title and doc.url == server + "/release.pdf"


def test_report_reads_a_pdf_release_an_html_page_and_a_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's example: `storydiff report release.pdf a.html b.txt -o r.html`."""
    release = tmp_path / "release.pdf"
    release.write_bytes(office.text_pdf())
    paragraphs = [p for p in (SAMPLES / "wire.txt").read_text(encoding="utf-8").split("\n") if p.strip()]
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Wire copy</title></head><body><article><h1>"
        + paragraphs[0]
        + "</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs[1:])
        + "</article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    code = main(["report", str(release), str(page), str(SAMPLES / "seed-bbc.txt"), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    html = out.read_text(encoding="utf-8")
    assert "Secretary Blinken&#39;s Meeting with Russian Foreign Minister Lavrov" in html
    assert "default-src &#39;none&#39;" in html or "default-src 'none'" in html


def test_corpus_finds_pdf_and_word_files_in_a_folder(tmp_path: Path) -> None:
    from compare.corpus_engine.sources import expand_inputs, read_unit

    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "release.pdf").write_bytes(office.text_pdf())
    (folder / "release.docx").write_bytes((SAMPLES / "press-release.docx").read_bytes())
    units, problems = expand_inputs([str(folder)])
    assert not problems
    read = [read_unit(unit, max_bytes=20 * 2**20) for unit in units]
    names = sorted(doc_id for docs, _ in read for doc_id, _doc in docs)
    assert names == ["release.docx", "release.pdf"]


def test_reflow_keeps_short_lines_and_sentence_ends() -> None:
    page = "Bridge to reopen\nThe council said the bridge would reopen on Monday after\nrepairs costing £2m.\nShut."
    assert reflow(page) == (
        "Bridge to reopen\nThe council said the bridge would reopen on Monday after repairs costing £2m.\nShut."
    )


def test_the_text_part_of_a_word_file_is_bounded_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """word/document.xml is parsed whole in memory, so its unpacked size has a limit of its own (50 MB; 1 kB here)."""
    from compare.ingest import documents

    monkeypatch.setattr(documents, "MAX_TEXT_PART", 1000)
    path = tmp_path / "long.docx"
    path.write_bytes(office.docx(["A sentence about the bridge that reopened today."] * 20))
    with pytest.raises(InputError, match=r"its text part would unpack to .* over the 0\.00095 MB limit"):
        load_path(path)


def test_the_text_part_limit_follows_max_size(tmp_path: Path) -> None:
    """The XML of an ODT or DOCX is parsed whole, and a tree of tiny elements costs lxml hundreds of bytes a
    byte, so the part may unpack to at most four times --max-size: memory follows the limit the user set."""
    path = tmp_path / "long.docx"
    path.write_bytes(office.docx(["A sentence about the bridge that reopened today."] * 200))
    assert "bridge" in load_path(path).text  # well within the default
    with pytest.raises(InputError, match=r"its text part would unpack to .* raise --max-size"):
        load_path(path, max_bytes=4000)  # its document.xml is over 16 kB


def test_a_word_file_larger_than_the_limit_is_read_when_its_text_is_within_it(tmp_path: Path) -> None:
    """Fonts and pictures make an office file far larger than its text; the limit that bounds the work is
    on the text, so a press release of a few pages is read at the default limit whatever its pictures weigh."""
    docx = SAMPLES / "press-release.docx"
    limit = 3000  # bytes: the file is about 37 KB, its text about 1.2 KB
    assert docx.stat().st_size > limit
    assert "Lavrov" in load_path(docx, max_bytes=limit).text
    text_copy = tmp_path / "release.txt"
    text_copy.write_bytes(docx.read_bytes())
    with pytest.raises(InputError, match="limit"):
        load_path(text_copy, max_bytes=limit)  # a text file is held to the limit itself
    with pytest.raises(InputError, match="limit"):
        load_path(docx, max_bytes=100)  # and the text of the Word file still is
