"""The alignment's options and their defaults, in a module that imports nothing heavy.

The command line reads the defaults for its `--help` from here, so `storydiff --help`
does not load the aligner (numpy, the stemmer) just to print "default 0.35".
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AlignOptions"]


@dataclass(frozen=True)
class AlignOptions:
    """Thresholds of the alignment; the defaults were chosen on rewrites and retellings.

    threshold: minimum similarity (weighted Dice of content words) for a one-to-one match.
    part_threshold: minimum containment for a sentence to join a split or merge.
    gap_threshold: minimum similarity for a pair inside a gap between two matched pairs.
    max_postings: stems in more B sentences than this are not used to find candidates.
    """

    threshold: float = 0.35
    part_threshold: float = 0.5
    gap_threshold: float = 0.1
    max_postings: int = 64
