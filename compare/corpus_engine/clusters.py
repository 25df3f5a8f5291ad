"""From candidate pairs to stories and events: exact verification, stories around a core, events above them.

A candidate pair is kept as an *edge* when the two share at least
`min_shared` shingles and either the exact shingle containment of the
smaller in the other reaches `min_containment`, or they are one story
(`same_story`). Containment, not Jaccard: a 300-word wire story copied whole
into a 1,500-word feature has a Jaccard of 0.2 but a containment of 1.0.

Edges alone do not make a story: different stories of one event reuse its
background paragraphs and quotes, and single links chain them all into one
cluster. A *story* (`stories`) is a core article and the articles that are
versions of it (`same_story` with the core itself: shared passages spread
all along the smaller one, or its top carried by the other; and the member's
own text, not just the core's, found in the other, with passages shared
between the two tops: every version of a story carries the story's own top,
another story of the event only its background, lower down). Passages that many
articles of the corpus carry (an event's background, `signatures.COMMON`)
are not counted as evidence of one story. An *event* (`events`) is stories
linked by edges between their members.

Clusters are numbered largest first, ties broken by their first document
id, so the numbering does not depend on the order inputs were given in.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

import numpy as np

__all__ = [
    "COLUMN",
    "TOP_WINDOWS",
    "VERIFY_COLUMNS",
    "components",
    "containment",
    "events",
    "same_story",
    "spread",
    "stories",
    "verify_batch",
]


def containment(a: np.ndarray, b: np.ndarray) -> tuple[int, float, float]:
    """(shared shingles, share of `a` in `b`, share of `b` in `a`) for two sorted distinct hash arrays."""
    shared = int(np.intersect1d(a, b, assume_unique=True).size)
    return shared, (shared / a.size if a.size else 1.0), (shared / b.size if b.size else 1.0)


TOP_WINDOWS = 3  # an article's top: its first 3 windows (150 words), where a story's own lede and first paragraphs sit


def spread(windows: np.ndarray, shared: np.ndarray, rare: np.ndarray | None = None) -> tuple[float, float, float]:
    """(share of an article's windows holding a shared rare shingle, share of its first window's shingles shared,
    share of the rare shingles of its top shared).

    `windows` is the window of each of the article's shingles, `shared` a
    boolean mask of the shingles the other article has too, `rare` a mask of
    those that are not common in the corpus (None: all are rare). Spread
    counts only rare shingles and only windows holding one: a passage that
    many articles carry (an event's background paragraph) says nothing about
    which story an article tells, so it neither makes a window shared nor
    counts against the share. The lede share counts every shingle. The top
    share is over the rare shingles of the first `TOP_WINDOWS` windows: every
    version of a story carries the story's own top, another story of the
    event only its background, which sits lower down.
    """
    if not windows.size:
        return 0.0, 0.0, 0.0
    counts = np.bincount(windows)
    hit = np.bincount(windows[shared], minlength=counts.size)
    lede = float(hit[0] / counts[0]) if counts[0] else 0.0
    if rare is not None:
        counts = np.bincount(windows[rare], minlength=counts.size)
        hit = np.bincount(windows[shared & rare], minlength=counts.size)
    held = np.count_nonzero(counts)
    in_top = int(counts[:TOP_WINDOWS].sum())
    top = float(hit[:TOP_WINDOWS].sum() / in_top) if in_top else 0.0
    return (float(np.count_nonzero(hit) / held) if held else 0.0), lede, top


VERIFY_COLUMNS = (
    "a",
    "b",
    "shared",
    "a_in_b",
    "b_in_a",
    "kept",
    "spread_a",
    "spread_b",
    "lede_a",
    "lede_b",
    "top_a",
    "top_b",
)
COLUMN = {name: k for k, name in enumerate(VERIFY_COLUMNS)}  # a verified row's columns by name


def _in(values: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Which of the sorted distinct `values` are in the sorted distinct `other`."""
    if not other.size:
        return np.zeros(values.size, dtype=bool)
    at = np.searchsorted(other, values)
    at[at == other.size] = 0
    return np.asarray(other[at] == values)


def verify_batch(
    pairs: np.ndarray,
    hashes: Mapping[int, tuple[np.ndarray, np.ndarray]],
    min_containment: float,
    min_shared: int,
    common: np.ndarray | None = None,
) -> np.ndarray:
    """The edges among candidate pairs: rows of `VERIFY_COLUMNS`, from each article's (hashes, windows).

    An edge is a pair that shares at least `min_shared` shingles and where
    either the smaller is contained in the other to `min_containment` or
    the pair is one story (`same_story`: a reworded version can share few
    exact shingles, spread all along it). ``spread_*``, ``lede_*`` and ``top_*`` are
    `spread` of each side, where `common` (sorted distinct hashes, or None)
    are the shingles found in too many articles of the corpus to tell one
    story from another (`signatures.common_shingles`). Only edges are returned (``kept`` is 1), as a
    float64 array so that a batch travels between processes as one buffer.
    """
    out = np.zeros((len(pairs), len(VERIFY_COLUMNS)), dtype=np.float64)
    rare: dict[int, np.ndarray | None] = {}

    def rare_of(doc: int, values: np.ndarray) -> np.ndarray | None:
        if doc not in rare:
            rare[doc] = None if common is None else ~_in(values, common)
        return rare[doc]

    for row, (a, b) in enumerate(pairs):
        (ha, wa), (hb, wb) = hashes[int(a)], hashes[int(b)]
        in_b = _in(ha, hb)
        shared = int(np.count_nonzero(in_b))
        if shared < min_shared:
            out[row, :3] = (a, b, shared)
            continue
        spread_a, lede_a, top_a = spread(wa, in_b, rare_of(int(a), ha))
        spread_b, lede_b, top_b = spread(wb, _in(hb, ha), rare_of(int(b), hb))
        out[row] = (
            a,
            b,
            shared,
            shared / ha.size,
            shared / hb.size,
            0,
            spread_a,
            spread_b,
            lede_a,
            lede_b,
            top_a,
            top_b,
        )
    contained = np.maximum(out[:, COLUMN["a_in_b"]], out[:, COLUMN["b_in_a"]]) >= min_containment
    out[:, COLUMN["kept"]] = (out[:, COLUMN["shared"]] >= min_shared) & (contained | same_story(out))
    return out[out[:, COLUMN["kept"]] > 0]


SPREAD = 0.85  # a version carries passages from at least this share of the smaller article's 50-word windows
LEDE = 0.5  # ... or at least this share of the other's first window (an excerpt from the top)
COPY = 0.8  # ... or each holds at least this share of the other's shingles (a copy, under any headline or lede)


def same_story(rows: np.ndarray) -> np.ndarray:
    """Which verified pairs (rows as `verify_batch` makes them) are versions of one story, not just one event.

    Two stories of one event share background paragraphs and quotes: a
    stretch or two of each. Two versions of one story (a copy, a trim, an
    update, a rewrite) share passages all along the smaller one, or one
    carries the other's top. Thresholds chosen by measurement: see
    benchmarks/RESULTS.md. Two articles that each hold most of the other
    (`COPY`) are copies of one story whatever else the corpus carries: a wire
    story reprinted in more articles than `signatures.COMMON` has only common
    passages, so spread and tops cannot speak for its copies under a new lede.
    """
    if not len(rows):
        return np.zeros(0, dtype=bool)
    spread_ = np.maximum(rows[:, COLUMN["spread_a"]], rows[:, COLUMN["spread_b"]])
    lede = np.maximum(rows[:, COLUMN["lede_a"]], rows[:, COLUMN["lede_b"]])
    copies = np.minimum(rows[:, COLUMN["a_in_b"]], rows[:, COLUMN["b_in_a"]]) >= COPY
    found: np.ndarray = (rows[:, COLUMN["shared"]] >= 1) & ((spread_ >= SPREAD) | (lede >= LEDE) | copies)
    return found


def components(n: int, edges: np.ndarray, ids: Sequence[str]) -> list[list[int]]:
    """Connected components of two or more documents, as sorted document numbers, largest first.

    `edges` is an (m, 2) array of document numbers in 0…n-1; `ids` name the
    documents and break ties between clusters of the same size.
    """
    parent = np.arange(n)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(int(a)), find(int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for doc in np.unique(edges) if len(edges) else []:
        groups.setdefault(find(int(doc)), []).append(int(doc))
    clusters = [sorted(members, key=lambda d: ids[d]) for members in groups.values() if len(members) > 1]
    clusters.sort(key=lambda members: (-len(members), ids[members[0]]))
    return clusters


CORE_STRENGTH = 0.6  # a member this much contained in the core is a version of it (a copy, a trim)


def stories(
    n: int, rows: np.ndarray, ids: Sequence[str], sizes: Sequence[int] | np.ndarray
) -> tuple[list[list[int]], list[int]]:
    """Stories of two or more articles, each around a core that every member is a version of.

    `rows` are verified edges (`verify_batch`), `sizes` each article's
    number of shingles. Returns (clusters as sorted document numbers, largest
    first, ties by their first id; the core of each).

    Single links do not chain: an article joins a story only through a
    `same_story` edge to its core, never through another member, and only
    when it is a *version* of the core (`_version_of`): one carries the
    other's top, or at least `CORE_STRENGTH` of it is in the core or its own
    text lies along the core, with both tops sharing passages. Cores are picked greedily: the article with the
    most versions not yet claimed (ties: the longer, then the smaller id)
    becomes a core and claims them; then the next. A wire story's middle
    update, which its earlier and later versions and their reprints all
    match, is picked before any of them. Then each article goes to the core
    it shares most with (containment) among the cores it is a version of.
    An article that is no core's version stays alone.
    """
    links = rows[same_story(rows)] if len(rows) else rows
    neighbours: dict[int, list[int]] = {}
    strength: dict[tuple[int, int], float] = {}
    version: dict[tuple[int, int], bool] = {}  # (core, member): the member is a version of the core
    names = ("a", "b", "a_in_b", "b_in_a", "spread_a", "spread_b", "lede_a", "lede_b", "top_a", "top_b")
    columns = [COLUMN[name] for name in names]
    for a, b, a_in_b, b_in_a, spread_a, spread_b, lede_a, lede_b, top_a, top_b in (
        links[:, columns].tolist() if len(links) else []
    ):
        a, b = int(a), int(b)
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
        strength[(a, b)] = strength[(b, a)] = max(a_in_b, b_in_a)
        lede, tops = max(lede_a, lede_b), min(top_a, top_b)
        version[(a, b)] = _version_of(b_in_a, a_in_b, spread_b, lede, tops)
        version[(b, a)] = _version_of(a_in_b, b_in_a, spread_a, lede, tops)
    rank = {doc: r for r, doc in enumerate(sorted(neighbours, key=lambda d: ids[d]))}
    free = np.ones(n, dtype=bool)  # neither a core nor claimed by one

    def versions(doc: int) -> list[int]:
        return [d for d in neighbours[doc] if free[d] and version[(doc, d)]]

    heap = [(-len(versions(doc)), -int(sizes[doc]), rank[doc], doc) for doc in neighbours]
    heapq.heapify(heap)
    cores: set[int] = set()
    while heap:
        negative, size, r, doc = heapq.heappop(heap)
        if not free[doc]:
            continue
        claimed = versions(doc)
        if len(claimed) != -negative:
            if claimed:
                heapq.heappush(heap, (-len(claimed), size, r, doc))
            continue
        free[[doc, *claimed]] = False
        cores.add(doc)
    # Each article then goes to the core it is most contained in (or contains most), among those it is a version of.
    story_of: dict[int, int] = {}
    for doc, near in neighbours.items():
        if doc in cores:
            story_of[doc] = doc
            continue
        matched = [c for c in near if c in cores and version[(c, doc)]]
        if matched:
            story_of[doc] = max(matched, key=lambda c: (strength[(doc, c)], -rank[c]))
    grouped: dict[int, list[int]] = {}
    for doc, core in story_of.items():
        grouped.setdefault(core, []).append(doc)
    out = [(sorted(members, key=lambda d: ids[d]), core) for core, members in grouped.items() if len(members) > 1]
    out.sort(key=lambda item: (-len(item[0]), ids[item[0][0]]))
    return [members for members, _ in out], [core for _, core in out]


TOP_SHARED = 0.01  # ... and each one's top (first `TOP_WINDOWS` windows) has at least this share found in the other


def _version_of(member_in_core: float, core_in_member: float, member_spread: float, lede: float, tops: float) -> bool:
    """Whether the member of a `same_story` pair is a version of the core, not the core a part of it.

    `lede` is the larger share of either one's first window found in the
    other, `tops` the smaller share of either one's top (`TOP_WINDOWS`) found
    in the other. A member is a version when one carries the other's top
    (an update over an earlier version, a trim, an excerpt set into a longer
    piece), when each holds `COPY` of the other (a copy under any lede,
    however common its text), or when the member's own side matches the core — at least
    `CORE_STRENGTH` of it is in the core (a copy), or its shared passages
    spread along it (a rewrite, a copy edited) — *and* the tops of both
    share passages (`TOP_SHARED`): a reprint keeps the first paragraphs, an
    update keeps the old lede right below the new one, a rewrite follows the
    story from its start. Left out: a member that merely contains stretches
    of the core (a short trim made mostly of an event's background is held
    by every story reusing it), and a member whose match is the event's
    background below two different ledes (each paragraph in fewer articles
    than `signatures.COMMON`, so not discounted as common).
    """
    if lede >= LEDE or min(member_in_core, core_in_member) >= COPY:
        return True
    return (member_in_core >= CORE_STRENGTH or member_spread >= SPREAD) and tops >= TOP_SHARED


def events(stories_: Sequence[Sequence[int]], edges: np.ndarray, ids: Sequence[str]) -> list[list[int]]:
    """Events: groups of two or more stories linked by verified edges (a shared passage) between their members.

    Returned as story numbers, sorted, largest event first (ties: its first
    story). This is the old single-link grouping, one level up: stories of
    one event reuse its background paragraphs and quotes, which is what
    links them; it is the right grouping for events, not for stories.
    """
    story_of = {doc: k for k, members in enumerate(stories_) for doc in members}
    links = [
        (story_of[int(a)], story_of[int(b)])
        for a, b in edges
        if int(a) in story_of and int(b) in story_of and story_of[int(a)] != story_of[int(b)]
    ]
    if not links:
        return []
    groups = components(len(stories_), np.array(links, dtype=np.int64), [ids[m[0]] for m in stories_])
    return [sorted(group) for group in groups]
