"""Hostile PDF, Word and OpenDocument files: what an attacker's file can and cannot make storydiff do.

Each file is built here, object by object or part by part (office_files.py), to do one thing a real
document never does: pack gigabytes of drawing work into kilobytes, map glyphs to lone surrogates,
carry terminal escapes in its metadata, or point an XML entity at a local file or a server. The
contract: the text is read safely or the file is refused in one line, in bounded time; nothing is
fetched, no local file leaks into the text, and no escape reaches a terminal or a report.
"""

from __future__ import annotations

import http.server
import io
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from compare import InputError, compare, load
from compare.cli import main
from compare.ingest.sources import document_from_bytes

sys.path.insert(0, str(Path(__file__).parent))
import office_files as office

ESC_TITLE = b"/Title <FEFF001B005D0030003B0070007700770007005400690074006C0065>"  # UTF-16: ESC ] 0 ; p w w BEL Title


def test_pages_sharing_one_huge_content_stream_are_refused_at_once() -> None:
    """5,000 pages could each parse the same 1 MB stream (an 800 kB file ran past 100 s): the budget stops it."""
    data = office.shared_stream_pdf(200, 250_000)
    assert len(data) < 100_000
    with pytest.raises(InputError, match=r"its pages take too much work to read .*raise it with --max-size") as err:
        document_from_bytes(data, name="shared.pdf", max_bytes=1_000_000)
    assert err.value.reason == "too-large"


def test_a_form_drawn_thousands_of_times_is_refused_by_the_operator_budget() -> None:
    """pypdf extracts a form again at each drawing (up to 5,000 a page): the operators visited are counted."""
    data = office.form_drawn_often_pdf(5000, 2000)  # 10 million operators from a 20 kB file
    with pytest.raises(InputError, match=r"its pages take too much work .*20,000 operators.* for the 0\.1 MB limit"):
        document_from_bytes(data, name="forms.pdf", max_bytes=104_858)


def test_the_work_budget_leaves_real_documents_alone() -> None:
    """The sample release (and a page drawing a form a few times) reads as before under the default limit."""
    doc = document_from_bytes(office.text_pdf(), name="release.pdf")
    module = office.press_release_module()
    assert doc.title == module.TITLE
    assert " ".join(doc.text.split()).endswith(" ".join(module.PARAGRAPHS[-1].split()))
    forms = document_from_bytes(office.form_drawn_often_pdf(3, 5), name="forms.pdf")
    assert forms.text.startswith("The minister said the talks lasted ten minutes.")
    assert forms.text.count("word") == 15


def test_glyphs_mapped_to_lone_surrogates_become_replacement_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ToUnicode map may send a glyph to half a surrogate pair: it was a UnicodeEncodeError traceback in every
    command; now each lone half is U+FFFD, a real pair is joined into its character."""
    data = office.unicode_map_pdf({0x41: "D800", 0x42: "DC00", 0x43: "D83DDE00"}, b"BAC")
    doc = document_from_bytes(data, name="map.pdf")
    assert doc.text.splitlines()[0] == "\ufffd\ufffd\U0001f600"
    compare(doc, "The minister said the talks lasted ten minutes.")  # hashes and encodes the text
    path = tmp_path / "map.pdf"
    path.write_bytes(data)
    other = tmp_path / "other.txt"
    other.write_text("The minister said the talks lasted ten minutes.\n", encoding="utf-8")
    for fmt in ("text", "json", "markdown", "csv"):
        assert main(["compare", str(path), str(other), "-f", fmt]) == 0
        assert "\ufffd" in capsys.readouterr().out


def test_a_title_with_terminal_escapes_reaches_no_output_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A UTF-16 title may hold ESC and BEL (set the window title, write the clipboard): shown as symbols on a
    terminal, in Markdown and in the HTML report and history page; JSON escapes it itself."""
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(office.titled_pdf(ESC_TITLE + b" /Author (<script>alert\\(1\\)</script>)"))
    assert load(pdf).title == "\x1b]0;pww\x07Title"
    other = tmp_path / "story.txt"
    other.write_text("The minister said the talks lasted 20 minutes.\n", encoding="utf-8")
    for fmt in ("text", "markdown", "json"):
        assert main(["compare", str(pdf), str(other), "-f", fmt]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out
    assert main(["history", str(pdf), str(other), str(pdf)]) == 0
    assert "\x1b" not in capsys.readouterr().out
    for command, name in (("report", "r.html"), ("history", "h.html")):
        target = tmp_path / name
        inputs = [str(pdf), str(other)] + ([str(pdf)] if command == "history" else [])
        assert main([command, *inputs, "-o", str(target)]) == 0
        page = target.read_text(encoding="utf-8")
        assert "\x1b" not in page and "\x07" not in page and "␛]0;pww␇Title" in page
        assert "<script>alert" not in page


def test_article_text_with_controls_is_shown_as_symbols_in_html_pages(tmp_path: Path) -> None:
    """Control characters are invalid in HTML, and `cat page.html` would send them to the terminal."""
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Talks began in Geneva on Monday.\nThe minister \x1b[2J said talks lasted ten minutes.\n")
    b.write_text("Talks began in Geneva on Monday.\nThe minister \x1b[2J said talks lasted 20 minutes.\n")
    for command in ("report", "history"):
        target = tmp_path / f"{command}.html"
        assert main([command, str(a), str(b), "-o", str(target)]) == 0
        page = target.read_text(encoding="utf-8")
        assert "\x1b" not in page and "␛[2J" in page


def test_a_pdf_named_txt_is_read_as_the_pdf_it_is(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_bytes(office.titled_pdf(b"/Title (Release)"))
    doc = load(path)
    assert doc.text == "The minister said the talks lasted ten minutes." and doc.title == "Release"


def _rezip(data: bytes, part: str, change: object) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info.filename)
            archive.writestr(info.filename, change(body) if info.filename == part else body)  # type: ignore[operator]
    return out.getvalue()


@pytest.fixture()
def listener() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that records every path asked of it (there must be none)."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY leak "FETCHED">')

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_external_entities_in_word_and_opendocument_read_no_file_and_fetch_nothing(
    tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    """XXE: an entity naming a local file or a URL, in the text part, the properties and the ODT content."""
    url, asked = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    dtd = (
        f'<!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}"><!ENTITY % p SYSTEM "{url}/p.dtd"> %p;'
        f'<!ENTITY y SYSTEM "{url}/y">]>'
    ).encode()
    word = office.docx(["The minister said the talks lasted ten minutes.", "Both sides agreed."], title="T")

    def poison(root: bytes) -> object:
        def change(body: bytes) -> bytes:
            head, sep, rest = body.partition(b"<" + root)
            return head + dtd + sep + rest.replace(b"ten minutes.", b"ten &x;&y;&leak; minutes.", 1)

        return change

    odt_content = office._ODT_CONTENT.replace("<office:document-content", dtd.decode() + "<office:document-content", 1)
    files = {
        "doc.docx": _rezip(word, "word/document.xml", poison(b"w:document")),
        "odt.odt": office.odt("", content=odt_content.format(body="<text:p>The minister said &x;&y; ten.</text:p>")),
    }
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        try:
            doc = load(path)
        except InputError as exc:  # refusing the file is as good as reading it without the entities
            assert "damaged" in str(exc)
            continue
        assert "TOPSECRET" not in doc.text and "FETCHED" not in doc.text
        assert "minister said" in doc.text
    core = _rezip(word, "docProps/core.xml", poison(b"cp:coreProperties"))
    try:
        assert "TOPSECRET" not in (document_from_bytes(core, name="core.docx").title or "")
    except InputError as exc:
        assert "damaged Word document" in str(exc)
    assert asked == []


def test_an_odt_space_count_is_not_multiplied_out() -> None:
    """`<text:s text:c="100"/>` was 100 spaces, later collapsed: a 4 MB file made 190 MB of them (1.6 GB peak)."""
    doc = document_from_bytes(
        office.odt('<text:p>Talks<text:s text:c="1000000"/>lasted<text:s text:c="x"/>an hour.</text:p>'), name="s.odt"
    )
    assert doc.text == "Talks lasted an hour."


def test_load_takes_a_bytes_path_as_open_does(tmp_path: Path) -> None:
    """`compare.load(b"release.pdf")` was a TypeError from deep inside; a bytes path names a file as in open()."""
    path = tmp_path / "release.pdf"
    path.write_bytes(office.titled_pdf(b"/Title (Release)"))
    assert load(bytes(path)).title == "Release"
