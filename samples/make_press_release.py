"""Create the sample press release of the seed story as a PDF and a Word file (nothing is downloaded).

    python samples/make_press_release.py            # writes samples/press-release.pdf and .docx
    python samples/make_press_release.py OUT_DIR    # writes them into OUT_DIR

The press release is ILLUSTRATIVE: written by the storydiff project, in the
manner of an official readout, from the facts of `seed-bbc.txt`. It is not a
statement of any government. It is here so that `storydiff report
samples/press-release.pdf samples/seed-bbc.txt samples/wire.txt -o r.html`
shows how much of each article is the release.

The PDF is written by hand (a few objects: pages, a standard Helvetica font in
WinAnsi encoding, an Info dictionary with title, author and date), so the
script needs only the standard library for it; the Word file is written with
python-docx, which storydiff already depends on. The output is the same on
every run (fixed dates), so the committed files can be checked against it.
"""

from __future__ import annotations

import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

TITLE = "Secretary Blinken's Meeting with Russian Foreign Minister Lavrov"
AUTHOR = "storydiff project (illustrative sample)"
DATE = datetime(2023, 3, 2, 12, 0, tzinfo=UTC)

PARAGRAPHS = [
    "PRESS RELEASE",
    "New Delhi, March 2, 2023",
    "US Secretary of State Antony Blinken met briefly with Russian Foreign Minister Sergei Lavrov on the sidelines "
    "of the G20 summit in India.",
    "The Secretary told his Russian counterpart the US will support Ukraine “for as long as it takes”.",
    "The Secretary also told Foreign Minister Lavrov that Russia should release Paul Whelan, an imprisoned American "
    "citizen, and that Russia should rejoin the New START nuclear arms control treaty that it recently withdrew "
    "from.",
    "The discussion lasted less than 10 minutes.",
    "During the Delhi summit, the Secretary held talks with top diplomats to rally support for Ukraine.",
    "“We must continue to call on Russia to end its war of aggression and withdraw from Ukraine for the sake of "
    "international peace and economic stability,” the Secretary said.",
    "The G20, which includes the world’s 19 wealthiest nations plus the European Union, accounts for 85% of global "
    "economic output and two-thirds of its population.",
    "(An illustrative press release written by the storydiff project for testing; not an official statement.)",
]

# -- PDF ---------------------------------------------------------------------------------------------------
_PAGE_W, _PAGE_H, _MARGIN = 595, 842, 72
_SIZE, _LEADING, _CHARS = 11, 15, 88  # Helvetica 11 pt averages about 5.3 pt a character: 88 fit in 451 pt


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _page_streams() -> list[bytes]:
    """The content streams of the pages: the title in bold, then the paragraphs wrapped, a blank line apart."""
    lines: list[tuple[str, str]] = [("F2", TITLE), ("F1", "")]
    for paragraph in PARAGRAPHS:
        lines.extend(("F1", line) for line in textwrap.wrap(paragraph, _CHARS))
        lines.append(("F1", ""))
    per_page = (_PAGE_H - 2 * _MARGIN) // _LEADING
    streams = []
    for start in range(0, len(lines), per_page):
        ops = [b"BT", f"{_LEADING} TL".encode(), f"{_MARGIN} {_PAGE_H - _MARGIN} Td".encode()]
        for font, line in lines[start : start + per_page]:
            size = 15 if font == "F2" else _SIZE
            ops.append(f"/{font} {size} Tf".encode())
            ops.append(_pdf_string(line) + b" Tj T*")
        ops.append(b"ET")
        streams.append(b"\n".join(ops))
    return streams


def pdf_bytes() -> bytes:
    """The press release as a PDF 1.4 file with a text layer and Info metadata."""
    streams = _page_streams()
    n_pages = len(streams)
    # Objects: 1 catalog, 2 pages, 3 font, 4 bold font, 5 info, then for each page its page and its content.
    page_ids = [6 + 2 * k for k in range(n_pages)]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(f"{p} 0 R".encode() for p in page_ids) + b"] /Count "
        + str(n_pages).encode() + b" >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        5: b"<< /Title " + _pdf_string(TITLE) + b" /Author " + _pdf_string(AUTHOR)
        + b" /CreationDate " + _pdf_string(DATE.strftime("D:%Y%m%d%H%M%SZ")) + b" /Producer (storydiff samples) >>",
    }  # fmt: skip
    for page_id, stream in zip(page_ids, streams, strict=True):
        objects[page_id] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_PAGE_W} {_PAGE_H}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {page_id + 1} 0 R >>"
        ).encode()
        objects[page_id + 1] = b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# -- DOCX ----------------------------------------------------------------------------------------------------
def write_docx(path: Path) -> None:
    """The press release as a Word file: a heading, the paragraphs, and title, author and date properties."""
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    props = document.core_properties
    props.title = TITLE
    props.author = AUTHOR
    props.created = DATE.replace(tzinfo=None)
    props.modified = DATE.replace(tzinfo=None)
    props.last_modified_by = AUTHOR
    document.save(str(path))


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    (out / "press-release.pdf").write_bytes(pdf_bytes())
    write_docx(out / "press-release.docx")
    print(f"wrote {out / 'press-release.pdf'} and {out / 'press-release.docx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
