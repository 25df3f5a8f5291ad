"""Office and print documents as articles: PDF, Word (.docx) and OpenDocument text (.odt).

Press releases arrive as PDFs and Word files; churnalism studies start from
them. Each format is read by a well-kept library or the standard library:

* PDF by `pypdf` (pure Python, no system library): the text layer of every
  page, with lines wrapped inside a paragraph joined again (PDF has no
  paragraphs, only lines, and storydiff ends a sentence at a line break); the
  title, author and creation date of its metadata become the Document's.
* DOCX by `python-docx`: the paragraphs of the body, and tables' cells; the
  core properties' title, author and creation date.
* ODT from the ZIP's ``content.xml`` and ``meta.xml`` with lxml's parser set to
  load no DTD, resolve no entity and touch no network — ODT text is just
  ``text:h`` and ``text:p`` elements, which needs no library of its own (odfpy,
  the one there is, builds a whole object model and is rarely released).

Every refusal is one `InputError` line naming the input and what to do:
encrypted files, PDFs without a text layer (scans: run OCR first), damaged
files, and anything too large. Limits: the file itself may be `DOCUMENT_FILE_FACTOR`
times `--max-size` (see `sources`); a ZIP (DOCX, ODT) may unpack to at most
`MAX_UNPACKED` bytes in all, and the XML that holds the text (parsed whole) to
`TEXT_PART_FACTOR` times `--max-size` (never over `MAX_TEXT_PART`), each member
at most `MAX_RATIO` times its packed size (a zip bomb is refused before anything
is inflated); the extracted text may be at most `max_bytes` characters; PDF
streams are inflated within pypdf's own limits.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ..errors import InputError
from ..model import Document
from .limits import DEFAULT_MAX_BYTES, megabytes

__all__ = ["DOCUMENT_SUFFIXES", "MAX_RATIO", "MAX_UNPACKED", "document_kind", "read_document", "reflow"]

DOCUMENT_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".odt": "odt"}
MAX_UNPACKED = 200 * 1024 * 1024  # bytes a DOCX or ODT may unpack to, all members together (pictures included)
MAX_TEXT_PART = 50 * 1024 * 1024  # bytes of its text part (word/document.xml, content.xml): parsed whole, in memory
# ...and at most this many times `max_bytes`: markup costs a few bytes per byte of text, but a tree of tiny elements
# costs lxml a few hundred bytes of memory per byte of XML, so the part's size is what bounds the memory.
TEXT_PART_FACTOR = 4
MAX_RATIO = 200  # how many times its packed size one member may unpack to (XML packs 5-20x; bombs 1000x)
MAX_PAGES = 5000
MIN_CONTENT = 2 * 1024 * 1024  # bytes of page content a PDF may always have, however low --max-size is

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_WHAT = {"pdf": "PDF", "docx": "Word document (.docx)", "odt": "OpenDocument text (.odt)"}


def document_kind(data: bytes, expected: str = "") -> str | None:
    """'pdf', 'docx' or 'odt' when `data` is one, else None.

    The content decides; `expected` (the kind a file's extension names, or '')
    settles what the content cannot: a damaged file, or a password-protected
    Word file (an OLE container, not a ZIP), is still read as the kind its
    name says, so that the refusal names the real problem.
    """
    office = expected if expected in _WHAT else None
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_OLE) and office in ("docx", "odt"):
        return office
    if not data.startswith(b"PK\x03\x04"):
        return office
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            small = "mimetype" in names and archive.getinfo("mimetype").file_size < 100
            if small and archive.read("mimetype").strip() == _ODT_MIME:
                return "odt"
    except Exception:  # any damage: not recognisably Word or OpenDocument (a named one is refused as damaged later)
        return office
    return office


def read_document(
    data: bytes,
    kind: str,
    *,
    name: str,
    source: str | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """The article in a PDF, DOCX or ODT file's bytes, with its metadata; `InputError` (one line) if unusable."""
    if kind == "pdf":
        text, meta = _pdf(data, name, max_bytes)
    elif kind == "docx":
        text, meta = _docx(data, name, max_bytes)
    elif kind == "odt":
        text, meta = _odt(data, name, max_bytes)
    else:  # pragma: no cover - callers pass a kind from document_kind
        raise ValueError(kind)
    text = _valid(text).strip("\n")
    meta = {key: _valid(value) if value is not None else None for key, value in meta.items()}
    if len(text) > max_bytes:
        raise InputError(
            f"cannot read {name!r}: its text is over the {megabytes(max_bytes)} limit; raise it with --max-size",
            reason="too-large",
        )
    if not text.strip():
        if kind == "pdf":
            raise InputError(
                f"cannot read {name!r}: the PDF has no text layer (a scan or images only); "
                "run OCR on it first (for example ocrmypdf) or give the text",
                reason="no-text",
            )
        raise InputError(f"cannot compare {name!r}: the {_WHAT[kind]} holds no text", reason="empty")
    return Document(text, name=name, source=source or name, url=url, **meta)


def _valid(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (a surrogate pair joined into its character).

    A PDF's ToUnicode map may send a glyph to a lone UTF-16 surrogate (U+D800…U+DFFF), which
    is no character: Python keeps it in a str, but it cannot be encoded (UTF-8 output, hashing)."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


# -- PDF ------------------------------------------------------------------------------------------------
def _pdf(data: bytes, name: str, max_bytes: int) -> tuple[str, dict[str, str | None]]:
    """The text of every page (no more than `max_bytes` is extracted) and the title, author and date."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are refused in one line, not logged at length
    damaged = InputError(
        f"cannot read {name!r}: it is a damaged or incomplete PDF; save or export it again", reason="corrupt"
    )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                # Only an owner password (limits on printing or copying): it opens without one.
                opened = bool(reader.decrypt(""))
            except (DependencyError, NotImplementedError, FileNotDecryptedError, PdfReadError):
                opened = False
            if not opened:
                raise InputError(
                    f"cannot read {name!r}: the PDF is encrypted with a password; save a copy without it",
                    reason="encrypted",
                )
        if len(reader.pages) > MAX_PAGES:
            raise InputError(
                f"cannot read {name!r}: the PDF has {len(reader.pages)} pages, over the {MAX_PAGES} a story may have",
                reason="too-large",
            )
        pages = []
        size = 0
        work = _Work(name, max_bytes)
        for page in reader.pages:
            work.add_bytes(_content_bytes(page))  # before parsing: a page's content is parsed whole
            text = page.extract_text(visitor_operand_before=work.visit) or ""
            work.check()
            pages.append(text)
            size += len(text)
            if size > max_bytes:  # enough to know it is too long: read_document refuses it
                break
        meta = _pdf_meta(reader)
    except InputError:
        raise
    except _TooMuchWork as exc:
        raise work.refusal() from exc
    except (FileNotDecryptedError, DependencyError) as exc:
        raise InputError(
            f"cannot read {name!r}: the PDF is encrypted with a password; save a copy without it", reason="encrypted"
        ) from exc
    except Exception as exc:  # pypdf raises many kinds of error on damaged files; all mean the same to the user
        raise damaged from exc
    # Pages joined before reflowing, so a sentence running over a page break is one sentence.
    return reflow("\n".join(pages)), meta


class _TooMuchWork(Exception):
    """Raised from inside pypdf's text extraction to stop it when a PDF asks for more work than its budget."""


class _Work:
    """The work a PDF's text extraction may do, bounded by the size limit (`--max-size`).

    A PDF's file size says little about the work of reading it: a page's
    content is a compressed stream (1 MB of operators packs into 1 kB), and
    thousands of pages may share one stream. Measured with pypdf 7, extraction
    runs at about 0.3 MB of content (60,000 operators) a second, so a 800 kB
    file of 5,000 pages sharing a 1 MB stream ran past 100 s. Two budgets:
    the decoded content of all pages together (counted per page, as each page
    is parsed anew) may be at most `max_bytes` (and never less than
    `MIN_CONTENT`, so that under a tiny limit the text limit speaks), and the
    operators extraction visits (forms drawn from a page included) at most an
    eighth of that: a few seconds at the default limit (2 MB), about 60 s at
    20 MB, and beyond any real story's PDF (a 30-page report has some 2 MB of
    content and 100,000 operators).
    """

    def __init__(self, name: str, max_bytes: int) -> None:
        self.name = name
        self.max_bytes = max_bytes
        self.budget = max(max_bytes, MIN_CONTENT)
        self.max_ops = max(max_bytes // 8, 20_000)
        self.content = 0
        self.ops = 0

    def add_bytes(self, count: int) -> None:
        """Count a page's content before it is parsed."""
        self.content += count
        self.check()

    def visit(self, *_: Any) -> None:
        """pypdf's `visitor_operand_before`: called for every operator, so it counts them."""
        self.ops += 1
        if self.ops > self.max_ops:
            raise _TooMuchWork

    def check(self) -> None:
        """Stop when either budget is spent."""
        if self.content > self.budget or self.ops > self.max_ops:
            raise _TooMuchWork

    def refusal(self) -> InputError:
        """The one-line refusal."""
        return InputError(
            f"cannot read {self.name!r}: its pages take too much work to read (over {megabytes(self.budget)} or "
            f"{self.max_ops:,} operators of drawing, not only text, for the {megabytes(self.max_bytes)} limit); "
            "raise it with --max-size or save the text as .txt",
            reason="too-large",
        )


def _content_bytes(page: Any) -> int:
    """The size of a page's content streams once inflated (pypdf keeps them inflated for the extraction)."""
    from pypdf.generic import ArrayObject

    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    total = 0
    for item in contents if isinstance(contents, ArrayObject) else [contents]:
        stream = item.get_object()
        if hasattr(stream, "get_data"):
            total += len(stream.get_data())
    return total


def _pdf_meta(reader: Any) -> dict[str, str | None]:
    info = reader.metadata
    if info is None:
        return {}

    def field(getter: str) -> Any:
        try:
            return getattr(info, getter)
        except Exception:  # a malformed date or string in the metadata: leave the field out
            return None

    title = field("title")
    author = field("author")
    created = field("creation_date") or field("modification_date")
    return {
        "title": _clean(title),
        "author": _clean(author),
        "date": created.isoformat() if isinstance(created, datetime) else None,
    }


def _clean(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_OPEN_END = re.compile(
    r"(?:[,\-–—]|\b(?:a|an|the|of|in|on|at|to|for|from|with|by|and|or|but|that|which|who|as|is|are|was|were|has|"
    r"have|had|will|would|not|its|his|her|their|this|these|than))$",
    re.IGNORECASE,
)
_NAME_END = re.compile(r"\b[A-Z][a-z]+$")
_NAME_START = re.compile(r"[A-Z][a-z]+\b")
_CONTINUES = re.compile(r"[a-z0-9(\[“‘\"'%$£€]")


def _continues(line: str, following: str) -> bool:
    """True when `following` reads as the rest of `line`'s sentence: it starts in lower case (or with a figure),
    or `line` stops on a comma, a dash or a word that cannot end a sentence ('the', 'of', 'and'), or a name runs
    on ('Foreign Minister Sergei' / 'Lavrov on the …')."""
    if _CONTINUES.match(following) or _OPEN_END.search(line):
        return True
    return bool(_NAME_END.search(line) and _NAME_START.match(following))  # a name broken over two lines


def reflow(text: str) -> str:
    r"""PDF lines joined back into paragraphs.

    A line continues on the next when it ran most of the way across the page,
    did not end a sentence, and the next line reads as its continuation (see
    `_continues`); a short line (a headline, a dateline) or one ending a
    sentence stays a line of its own, as storydiff's sentence splitter wants.

    >>> reflow("The talks lasted less than ten\nminutes, an official said.\nShort headline\nNext para.")
    'The talks lasted less than ten minutes, an official said.\nShort headline\nNext para.'
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    widest = max((len(line) for line in lines), default=0)
    out: list[str] = []
    previous = ""
    for line in lines:
        stripped = line.strip()
        long_open = len(previous) >= 0.6 * widest and not _END.search(previous.strip())
        if out and out[-1] and stripped and long_open and _continues(previous.strip(), stripped):
            out[-1] = out[-1] + ("" if out[-1].endswith("-") else " ") + stripped
        else:
            out.append(stripped)
        previous = line
    return "\n".join(out)


# -- ZIP-based: DOCX and ODT ---------------------------------------------------------------------------------
def _open_zip(data: bytes, name: str, kind: str, max_bytes: int) -> zipfile.ZipFile:
    """The archive, after checking it cannot unpack to more than the limits allow (nothing is inflated yet)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # BadZipFile, EOFError, struct errors from a damaged directory: all the same to the user
        raise InputError(
            f"cannot read {name!r}: it is a damaged {_WHAT[kind]}; save or export it again", reason="corrupt"
        ) from exc
    total = sum(info.file_size for info in infos)
    bomb = any(info.file_size > MAX_RATIO * max(info.compress_size, 1) + 65536 for info in infos)
    if total > MAX_UNPACKED or bomb:
        archive.close()
        raise InputError(
            f"cannot read {name!r}: it would unpack to {megabytes(total)}"
            + (" (a zip bomb?)" if bomb else f", over the {megabytes(MAX_UNPACKED)} limit")
            + "; save the text as .txt instead",
            reason="too-large",
        )
    text_part = max((i.file_size for i in infos if i.filename in ("word/document.xml", "content.xml")), default=0)
    part_limit = min(MAX_TEXT_PART, TEXT_PART_FACTOR * max_bytes)
    if text_part > part_limit:
        archive.close()
        raise InputError(
            f"cannot read {name!r}: its text part would unpack to {megabytes(text_part)}, over the "
            f"{megabytes(part_limit)} limit; raise --max-size or save the text as .txt instead",
            reason="too-large",
        )
    if any(info.flag_bits & 0x1 for info in infos):
        archive.close()
        raise InputError(
            f"cannot read {name!r}: the {_WHAT[kind]} is encrypted with a password; save a copy without it",
            reason="encrypted",
        )
    return archive


def _docx(data: bytes, name: str, max_bytes: int) -> tuple[str, dict[str, str | None]]:
    if data.startswith(_OLE):
        raise InputError(
            f"cannot read {name!r}: the Word document is encrypted with a password (or is an old .doc); "
            "save a copy without a password as .docx",
            reason="encrypted",
        )
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    with _open_zip(data, name, "docx", max_bytes):
        pass
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                paragraphs.extend(cell.text for cell in row.cells)
        props = document.core_properties
        created = props.created or props.modified
        meta = {
            "title": _clean(props.title),
            "author": _clean(props.author),
            "date": created.isoformat() if isinstance(created, datetime) else None,
        }
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(
            f"cannot read {name!r}: it is a damaged {_WHAT['docx']}; save or export it again", reason="corrupt"
        ) from exc
    except Exception as exc:  # lxml and python-docx errors on malformed XML parts
        raise InputError(
            f"cannot read {name!r}: it is a damaged {_WHAT['docx']}; save or export it again", reason="corrupt"
        ) from exc
    return "\n".join(" ".join(p.split()) for p in paragraphs if p.strip()), meta


_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_META_NS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_DC_NS = "http://purl.org/dc/elements/1.1/"


def _xml(raw: bytes) -> Any:
    """Parsed XML, with no DTD loaded, no entity expanded and no network touched (billion laughs, XXE)."""
    from lxml import etree  # type: ignore[import-untyped]  # installed with trafilatura and python-docx

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    return etree.fromstring(raw, parser=parser)


def _odt(data: bytes, name: str, max_bytes: int) -> tuple[str, dict[str, str | None]]:
    damaged = InputError(
        f"cannot read {name!r}: it is a damaged {_WHAT['odt']}; save or export it again", reason="corrupt"
    )
    with _open_zip(data, name, "odt", max_bytes) as archive:
        names = set(archive.namelist())
        try:
            if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read("META-INF/manifest.xml"):
                raise InputError(
                    f"cannot read {name!r}: the {_WHAT['odt']} is encrypted with a password; save a copy without it",
                    reason="encrypted",
                )
            content = _xml(archive.read("content.xml"))
            meta_root = _xml(archive.read("meta.xml")) if "meta.xml" in names else None
        except InputError:
            raise
        except Exception as exc:  # missing content.xml, bad XML, bad deflate data
            raise damaged from exc
    body = content.find(f"{{{_OFFICE_NS}}}body")
    if body is None:
        raise damaged
    paragraphs = [" ".join(_odt_text(el).split()) for el in _odt_blocks(body)]
    meta: dict[str, str | None] = {}
    if meta_root is not None:
        title = meta_root.find(f".//{{{_DC_NS}}}title")
        author = meta_root.find(f".//{{{_META_NS}}}initial-creator")
        if author is None:
            author = meta_root.find(f".//{{{_DC_NS}}}creator")
        date = meta_root.find(f".//{{{_META_NS}}}creation-date")
        if date is None:
            date = meta_root.find(f".//{{{_DC_NS}}}date")
        meta = {
            "title": _clean(title.text if title is not None else None),
            "author": _clean(author.text if author is not None else None),
            "date": _clean(date.text if date is not None else None),
        }
    return "\n".join(p for p in paragraphs if p), meta


def _odt_blocks(body: Any) -> Iterator[Any]:
    """Headings and paragraphs in reading order, outermost only (a note's paragraph belongs to its paragraph)."""
    blocks = (f"{{{_TEXT_NS}}}p", f"{{{_TEXT_NS}}}h")
    for element in body.iter(*blocks):
        parent = element.getparent()
        nested = False
        while parent is not None:
            if parent.tag in blocks:
                nested = True
                break
            parent = parent.getparent()
        if not nested:
            yield element


def _odt_text(element: Any) -> str:
    """The text of an ODT paragraph: spans flattened, `text:s` as a space, tabs and line breaks as spaces, notes out."""
    parts: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == f"{{{_TEXT_NS}}}s":
            # One space whatever its count (`text:c`): runs of spaces are collapsed anyway, and a count
            # kept as spaces let 4 MB of <text:s text:c="100"/> become 190 MB of them (1.6 GB peak).
            parts.append(" ")
        elif tag in (f"{{{_TEXT_NS}}}tab", f"{{{_TEXT_NS}}}line-break"):
            parts.append(" ")
        elif tag != f"{{{_TEXT_NS}}}note" and isinstance(tag, str):
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
