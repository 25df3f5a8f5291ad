"""HTML reports in a real headless Chromium: hostile article text stays text, and the page is not blank.

The hostile payloads try to change `document.title`; the page's own script
cannot see injected script, so the test looks at the title (and the DOM)
Chromium ends up with.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from report_browser import dump_dom, png_pixels, screenshot
from report_data import SAMPLES, banksy_paths

from compare import Document, compare, compare_many
from compare.render.html import render_fragment, render_html

PAYLOADS = [
    "<script>document.title='PWNED-script';alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '"><img src=x onerror="document.title=\'PWNED-img\'">',
    "<svg onload=\"document.title='PWNED-svg'\"></svg>",
    "<a href=\"javascript:document.title='PWNED-a'\">click here</a>",
    "[click](javascript:document.title='PWNED-md')",
]


def hostile(variant: str) -> Document:
    """An article whose every sentence carries a payload; `variant` changes a word so groups are modified."""
    lines = [f"Sentence {n} {variant} quotes {payload} in the story." for n, payload in enumerate(PAYLOADS)]
    lines.append("A plain closing sentence without any markup at all.")
    return Document(
        "\n".join(lines),
        title=f"Story <script>document.title='PWNED-title'</script> {variant}",
        url="javascript:document.title='PWNED-url'",
        source=f'"><img src=x onerror="document.title=\'PWNED-source\'"> {variant}',
        date="2024-01-01<b onmouseover=alert(1)>",
    )


def assert_inert(dom: str, *, own_scripts: int) -> None:
    """Nothing injected ran or became markup, and the payloads are visible as text."""
    tree = lxml.html.fromstring(dom)
    title = tree.findtext(".//title") or ""
    assert title.startswith(("storydiff", "fragment"))  # every payload would set it to PWNED-…
    assert len(tree.xpath("//script")) == own_scripts
    assert not tree.xpath("//img|//svg|//iframe|//object|//embed|//b")
    assert not [a for a in tree.xpath("//a/@href") if not a.startswith("#")]
    assert not [name for el in tree.iter() if isinstance(el.tag, str) for name in el.attrib if name.startswith("on")]
    text = tree.text_content()
    for payload in PAYLOADS:
        assert payload in text or payload.replace("\n", " ") in text
    assert "javascript:document.title='PWNED-url'" in text  # the URL is shown, not linked


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    pair = compare(hostile("alpha"), hostile("beta"))
    many = compare_many([hostile("alpha"), hostile("beta"), hostile("gamma")])
    pages = {
        "pair": render_html(pair),
        "many": render_html(many),
        # A notebook shows the fragment without the page's Content-Security-Policy: escaping alone must hold.
        "fragment": f"<!doctype html><html><head><meta charset='utf-8'><title>fragment</title></head>"
        f"<body>{render_fragment(pair)}{render_fragment(many)}</body></html>",
    }
    out = {}
    for name, text in pages.items():
        path = folder / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        out[name] = path
    return out


@pytest.mark.parametrize(("page", "own_scripts"), [("pair", 1), ("many", 1), ("fragment", 0)])
def test_hostile_text_is_shown_as_text_and_runs_nothing(
    hostile_pages: dict[str, Path], page: str, own_scripts: int
) -> None:
    assert_inert(dump_dom(hostile_pages[page]), own_scripts=own_scripts)


def test_the_pages_own_script_runs_under_its_content_security_policy(hostile_pages: dict[str, Path]) -> None:
    tree = lxml.html.fromstring(dump_dom(hostile_pages["pair"]))
    # The toggle starts hidden and only the report's script (allowed by its hash) reveals it.
    assert tree.xpath("//button[@id='sd-toggle']") and tree.xpath("//button[@id='sd-toggle']/@hidden") == []


def not_blank(pixels: list[tuple[int, ...]]) -> None:
    colours = Counter(pixels)
    background, share = colours.most_common(1)[0]
    assert len(colours) > 50, "the page looks blank: hardly any colours"
    assert share / len(pixels) < 0.95, f"the page looks blank: {share / len(pixels):.0%} is background {background}"
    # The report's coloured marks (kinds, highlights, heat) were drawn, not only grey text.
    assert any(max(p) - min(p) > 80 for p in colours), "no coloured marks were drawn"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_reports_render_visibly(tmp_path: Path, dark: bool) -> None:
    pair = tmp_path / "pair.html"
    pair.write_text(render_html(compare(SAMPLES / "seed-bbc.txt", SAMPLES / "altered.txt")), encoding="utf-8")
    many = tmp_path / "many.html"
    many.write_text(render_html(compare_many(banksy_paths())), encoding="utf-8")
    for page in (pair, many):
        # 800 x 1000 CSS pixels drawn at half scale: a 400 x 500 image, quick to decode.
        shot = screenshot(page, tmp_path / f"{page.stem}.png", width=800, height=1000, scale=0.5, dark=dark)
        width, height, pixels = png_pixels(shot)
        assert (width, height) == (400, 500)
        not_blank(pixels)
        background = Counter(pixels).most_common(1)[0][0]
        # Light and dark schemes are what they say: the background is light or dark.
        assert (sum(background) < 150) if dark else (sum(background) > 600)
