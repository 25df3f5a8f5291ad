"""From candidate pairs to stories: exact verification, then connected components.

A candidate pair is kept as an *edge* when the exact shingle containment of
the smaller article in the other reaches `min_containment` and they share at
least `min_shared` shingles. Containment, not Jaccard: a 300-word wire story
copied whole into a 1,500-word feature has a Jaccard of 0.2 but a
containment of 1.0, and it is the same story.

Articles joined by edges, directly or through others, form one cluster — a
story told by several outlets. Clusters are numbered largest first, ties
broken by their first document id, so the numbering does not depend on the
order inputs were given in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

__all__ = ["components", "containment", "verify_batch"]


def containment(a: np.ndarray, b: np.ndarray) -> tuple[int, float, float]:
    """(shared shingles, share of `a` in `b`, share of `b` in `a`) for two sorted distinct hash arrays."""
    shared = int(np.intersect1d(a, b, assume_unique=True).size)
    return shared, (shared / a.size if a.size else 1.0), (shared / b.size if b.size else 1.0)


def verify_batch(
    pairs: np.ndarray, hashes: Mapping[int, np.ndarray], min_containment: float, min_shared: int
) -> np.ndarray:
    """Rows (a, b, shared, containment a in b, containment b in a, kept) for a batch of candidate pairs.

    Returned as a float64 (m, 6) array so that a batch travels between
    processes as one buffer.
    """
    out = np.zeros((len(pairs), 6), dtype=np.float64)
    for row, (a, b) in enumerate(pairs):
        shared, a_in_b, b_in_a = containment(hashes[int(a)], hashes[int(b)])
        kept = shared >= min_shared and max(a_in_b, b_in_a) >= min_containment
        out[row] = (a, b, shared, a_in_b, b_in_a, kept)
    return out


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
