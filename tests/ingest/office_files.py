"""Real PDF, DOCX and ODT files for the tests, made on the spot (nothing downloaded, nothing mocked).

Text PDFs come from the sample script (`samples/make_press_release.py`, which
writes PDF objects by hand); encrypted and image-only PDFs from pypdf's writer;
DOCX from python-docx; ODT as the ZIP of XML files that the format is. The bad
ones (damaged, encrypted, zip bombs) are built from the good ones.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def press_release_module() -> ModuleType:
    """The sample script, imported from its file (samples/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_press_release", SAMPLES / "make_press_release.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def text_pdf() -> bytes:
    """The sample press release as a PDF with a text layer and title/author/date metadata."""
    return bytes(press_release_module().pdf_bytes())


def encrypted_pdf(password: str = "secret") -> bytes:
    """The press release, encrypted with a user password (RC4, which pypdf reads without extra packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def owner_only_pdf() -> bytes:
    """Encrypted with an owner password only (copy/print limits): readers open it without asking."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf() -> bytes:
    """A PDF whose pages carry no text (as a scan has none): two blank A4 pages."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(paragraphs: list[str], title: str | None = None) -> bytes:
    """A Word file holding `paragraphs`, with `title` in its properties."""
    import docx as python_docx

    document = python_docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if title:
        document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:text>{body}</office:text></office:body></office:document-content>"""
_ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0">
<office:meta><dc:title>{title}</dc:title><meta:creation-date>2023-03-02T12:00:00</meta:creation-date></office:meta>
</office:document-meta>"""


def odt(body_xml: str, *, title: str = "A release", manifest: str | None = None, content: str | None = None) -> bytes:
    """An OpenDocument text file whose body is `body_xml` (text:h / text:p elements)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content if content is not None else _ODT_CONTENT.format(body=body_xml))
        archive.writestr("meta.xml", _ODT_META.format(title=title))
        if manifest is not None:
            archive.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def encrypted_odt() -> bytes:
    """An ODT whose manifest says its content is encrypted (as LibreOffice writes a password-protected file)."""
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry>'
        "</manifest:manifest>"
    )
    return odt("", manifest=manifest, content="\x00\x01garbled")


def zip_bomb_docx() -> bytes:
    """A .docx-shaped ZIP whose document part unpacks to 20 MB from a few kB: refused before it is inflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (20 * 1024 * 1024))
    return out.getvalue()


def xml_bomb_odt() -> bytes:
    """An ODT whose content.xml declares an entity that would expand a billion times (billion laughs)."""
    laughs = "".join(f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    content = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "ha">' + laughs + "]>"
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        "<text:p>&l9;</text:p></office:text></office:body></office:document-content>"
    )
    return odt("", content=content)


# -- hostile PDFs, written object by object ----------------------------------------------------------------
def raw_pdf(objects: dict[int, bytes], info: int | None = None) -> bytes:
    """A PDF 1.4 file of `objects` (number -> body; 1 must be the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[number]) if number in offsets else b"0000000000 65535 f \n"
    trailer = b"/Size %d /Root 1 0 R" % size + (b" /Info %d 0 R" % info if info else b"")
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    import zlib

    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_pages(
    contents: list[bytes],
    *,
    resources: bytes = b"/Font << /F1 3 0 R >>",
    extra: dict[int, bytes] | None = None,
    info: bytes | None = None,
) -> bytes:
    """A PDF whose pages draw `contents` (each `N 0 R` or `[…]` naming content streams among `extra`, objects 20-)."""
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: _FONT, **(extra or {})}
    if info is not None:
        objects[4] = b"<< " + info + b" >>"
    pages = list(range(1000, 1000 + len(contents)))
    for number, content in zip(pages, contents, strict=True):
        objects[number] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << " + resources + b" >> /Contents "
            + content + b" >>"
        )  # fmt: skip
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % p for p in pages) + b"] /Count %d >>" % len(pages)
    return raw_pdf(objects, info=4 if info is not None else None)


SENTENCE_OPS = b"BT /F1 12 Tf 72 720 Td (The minister said the talks lasted ten minutes.) Tj ET\n"


def shared_stream_pdf(pages: int, filler: int) -> bytes:
    """`pages` pages that all draw one content stream: a sentence, then `filler` empty save/restore pairs.

    It packs ~1,000 to 1: a file of some hundred kB asks the reader to parse gigabytes, page after page."""
    return pdf_pages([b"20 0 R"] * pages, extra={20: _stream(SENTENCE_OPS + b"q Q\n" * filler)})


def form_drawn_often_pdf(times: int, form_ops: int) -> bytes:
    """One page that draws a form (an XObject of `form_ops` text operators) `times` times: small, but each
    drawing is extracted again."""
    form = _stream(b"BT /F1 12 Tf " + b"(word) Tj " * form_ops + b"ET", b"/Type /XObject /Subtype /Form "
                   b"/BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> ")  # fmt: skip
    page = _stream(SENTENCE_OPS + b"/X0 Do\n" * times)
    return pdf_pages([b"21 0 R"], resources=b"/Font << /F1 3 0 R >> /XObject << /X0 20 0 R >>",
                     extra={20: form, 21: page})  # fmt: skip


def unicode_map_pdf(mapping: dict[int, str], shown: bytes) -> bytes:
    """A page showing the bytes `shown` in a font whose ToUnicode map sends each byte in `mapping` to the given
    UTF-16 code units (hex, e.g. 'D800': a lone surrogate), then a sentence."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n%d beginbfchar "
        % len(mapping)
        + b" ".join(b"<%02X> <%s>" % (code, units.encode()) for code, units in mapping.items())
        + b" endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    content = b"BT /F2 12 Tf 72 740 Td (" + shown + b") Tj ET\n" + SENTENCE_OPS
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 21 0 R >>"
    return pdf_pages([b"20 0 R"], resources=b"/Font << /F1 3 0 R /F2 22 0 R >>",
                     extra={20: _stream(content), 21: _stream(cmap), 22: font})  # fmt: skip


def titled_pdf(info: bytes) -> bytes:
    """A one-sentence PDF whose Info dictionary is `info` (raw PDF, e.g. b'/Title <FEFF001B>')."""
    return pdf_pages([b"20 0 R"], extra={20: _stream(SENTENCE_OPS)}, info=info)
