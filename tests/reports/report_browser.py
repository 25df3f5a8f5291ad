"""A real headless Chromium for the report tests, and a tiny PNG reader to look at its screenshots.

Chromium is the Debian package `chromium` (installed by `.ci/run`); tests skip,
saying why, only when no Chromium binary can be found at all.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium() -> str:
    """The path of a Chromium binary, or skip the test saying none was found."""
    override = os.environ.get("STORYDIFF_CHROMIUM")
    for name in (override, *CANDIDATES) if override else CANDIDATES:
        found = shutil.which(name) if name else None
        if found:
            return found
    pytest.skip("no Chromium binary found (install the Debian package 'chromium' to run the browser tests)")


def run_chromium(page: Path, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on a local file with a throw-away profile."""
    binary = chromium()
    with tempfile.TemporaryDirectory(prefix="storydiff-chromium-") as profile:
        return subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def dump_dom(page: Path) -> str:
    """The page's DOM after its scripts (and any injected ones) had time to run."""
    try:
        done = run_chromium(page, "--virtual-time-budget=3000", "--dump-dom", timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("Chromium hung on the page: a script probably opened an alert() dialog")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def screenshot(
    page: Path, out: Path, *, width: int = 1280, height: int = 1600, scale: float = 1.0, dark: bool = False
) -> Path:
    """A PNG screenshot of the page: `width` x `height` CSS pixels, drawn at `scale` (in dark mode with `dark`)."""
    extra = ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] if dark else []
    if scale != 1.0:
        extra.append(f"--force-device-scale-factor={scale}")
    done = run_chromium(page, *extra, f"--window-size={width},{height}", f"--screenshot={out}")
    assert out.exists() and out.stat().st_size > 0, done.stderr[-2000:]
    return out


def png_pixels(path: Path) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and pixels of an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "unsupported PNG layout"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, ...]] = []
    for y in range(height):
        start = y * (stride + 1)
        filter_type, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            upper_left = previous[x - channels] if x >= channels else 0
            if filter_type == 1:
                line[x] = (line[x] + left) & 0xFF
            elif filter_type == 2:
                line[x] = (line[x] + up) & 0xFF
            elif filter_type == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif filter_type == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else upper_left)
                line[x] = (line[x] + predictor) & 0xFF
        pixels.extend(tuple(line[x : x + 3]) for x in range(0, stride, channels))
        previous = line
    return width, height, pixels
