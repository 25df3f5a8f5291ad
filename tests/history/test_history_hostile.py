"""`storydiff history` given hostile versions: metadata that would flood the error line."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from compare.cli import main

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
import office_files as office


def _odt_dated(date: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", office._ODT_CONTENT.format(body="<text:p>Talks lasted ten minutes.</text:p>"))
        archive.writestr(
            "meta.xml", office._ODT_META.replace("2023-03-02T12:00:00", date).replace("{title}", "T" * 500)
        )
    return out.getvalue()


def test_an_unreadable_date_is_named_in_one_short_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An ODT's date is any text (here 100,000 characters) and its title too: the refusal quotes both cut short."""
    first = tmp_path / "v1.odt"
    first.write_bytes(_odt_dated("x" * 100_000))
    second = tmp_path / "v2.txt"
    second.write_text("Talks lasted 20 minutes.\n", encoding="utf-8")
    assert main(["history", str(first), str(second), "--order", "date"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and len(lines[0]) < 300
    assert "cannot order by date: 'TTTT" in lines[0] and "has no readable date ('xxxx" in lines[0]
    assert lines[0].endswith("use --order given")
