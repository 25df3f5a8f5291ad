"""The HTML timeline in a real headless Chromium: hostile article text stays text, light and dark both draw."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_browser import dump_dom, png_pixels, screenshot

from compare import Document
from compare.render.history import render_history
from compare.timeline import history

UPDATES = sorted((Path(__file__).resolve().parents[2] / "samples" / "updates").glob("*.txt"))
PAYLOADS = [
    "<script>document.title='PWNED-script'</script>",
    '"><img src=x onerror="document.title=\'PWNED-img\'">',
    "<svg onload=\"document.title='PWNED-svg'\"></svg>",
    "<a href=\"javascript:document.title='PWNED-a'\">click</a>",
]


def _version(n: int, count: int) -> Document:
    lines = [f"Officials said {count} people {payload} were moved in version." for payload in PAYLOADS]
    lines += [f"Sentence only in version {n} {PAYLOADS[n % len(PAYLOADS)]} here."]
    return Document(
        "\n".join(lines),
        title=f"Update {n} <script>document.title='PWNED-title'</script>",
        url="javascript:document.title='PWNED-url'",
        date=f"2024-01-0{n}<b onmouseover=alert(1)>",
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("history-html")
    hostile = history([_version(1, 10), _version(2, 12), _version(3, 15)])
    out = {}
    for name, h in (("hostile", hostile), ("samples", history(UPDATES))):
        path = folder / f"{name}.html"
        path.write_text(render_history(h, "html"), encoding="utf-8")
        out[name] = path
    return out


def test_hostile_text_in_the_timeline_is_text_and_runs_nothing(pages: dict[str, Path]) -> None:
    tree = lxml.html.fromstring(dump_dom(pages["hostile"]))
    assert (tree.findtext(".//title") or "").startswith("storydiff")
    assert len(tree.xpath("//script")) == 1  # the report's own, allowed by its hash
    assert not tree.xpath("//img|//svg|//iframe|//object|//embed|//b")
    assert not [a for a in tree.xpath("//a/@href") if not a.startswith("#")]
    assert not [name for el in tree.iter() if isinstance(el.tag, str) for name in el.attrib if name.startswith("on")]
    text = tree.text_content()
    assert all(payload in text for payload in PAYLOADS)
    figure = tree.xpath("//ol[@class='sd-facts-tl']/li[1]")[0]  # the figure's life, values with their versions
    assert figure.xpath(".//span[contains(@class, 'sd-val')]/text()") == ["10", "12", "15"]
    assert figure.xpath(".//span[@class='sd-ver']/text()") == ["v1", "v2", "v3"]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_timeline_draws_in_light_and_dark(pages: dict[str, Path], tmp_path: Path, dark: bool) -> None:
    shot = screenshot(pages["samples"], tmp_path / "timeline.png", width=800, height=1000, scale=0.5, dark=dark)
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (400, 500)
    colours = Counter(pixels)
    background, share = colours.most_common(1)[0]
    assert len(colours) > 50 and share / len(pixels) < 0.95, "the page looks blank"
    assert any(max(p) - min(p) > 80 for p in colours), "no coloured marks (new, reworded, gone) were drawn"
    assert (sum(background) < 150) if dark else (sum(background) > 600)
