"""The limits every input is read within: size, time, and how a size is named.

They live apart so that every reader (files, standard input, URLs, the corpus)
refuses oversized input with the same words.
"""

from __future__ import annotations

from ..errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "megabytes", "too_big"]

# What the comparison engine bounds: two texts of this size take about a minute and under 1 GB
# (benchmarks/bench_memory.py; README, Limits). Real article pages are well under it: the largest of 91
# real news pages in the development set is 1.4 MB of HTML.
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_TIMEOUT = 10.0  # seconds to connect, and between two pieces of a URL's body


def megabytes(n: int) -> str:
    """A byte count as the megabytes `--max-size` takes (MiB), e.g. '20 MB', '0.5 MB'."""
    size = n / 2**20
    return (f"{size:.1f}".removesuffix(".0") if size >= 0.1 else f"{size:.2g}") + " MB"


def too_big(name: str, max_bytes: int, size: int | None = None) -> InputError:
    """The refusal of an input over `max_bytes` (of `size` bytes, when known)."""
    what = f"it is {megabytes(size)}, over" if size is not None else "it is over"
    return InputError(
        f"cannot read {name!r}: {what} the {megabytes(max_bytes)} limit; raise it with --max-size", reason="too-large"
    )
