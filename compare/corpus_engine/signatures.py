"""What an article looks like to the candidate search: its word shingles, their MinHash, its LSH band keys.

* Shingles are the distinct 5-word sequences of the article's normalised words
  (`compare.normalise`, the same keys and the same size as the
  `shingle_containment` scores of `compare.compare`), each hashed to 32 bits
  in a way that is the same in every process and on every machine.
* The MinHash signature is datasketch's (`datasketch.MinHash`, the
  ``affine32`` scheme): `num_perm` minima that estimate the Jaccard
  similarity of two shingle sets.
* LSH banding cuts a signature into `b` bands of `r` values; two articles
  with an equal band become a candidate pair. `b` and `r` are the ones
  `datasketch.MinHashLSH` finds optimal for the threshold. The bands are
  grouped by sorting (here) or by a Dask shuffle (`engines`), not in
  `MinHashLSH`'s dictionaries: on 20,000 articles those took 11 s and 380 MB
  to fill, where a sort of the same keys takes well under a second and a few
  megabytes (see benchmarks/bench_corpus.py).

A band hit only says "look closer": every candidate is then checked exactly
(`clusters.verify_batch`).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..normalise import WORD, normalise
from ..scores import SHINGLE_SIZE

__all__ = [
    "SAMPLE_BELOW",
    "band_keys",
    "band_params",
    "bucket_pairs",
    "common_shingles",
    "count_pairs",
    "hash_shingles",
    "pair_codes",
    "sampled_shingles",
    "shared_pairs",
    "shingle_hashes",
    "signature",
    "windowed_shingles",
    "word_keys",
]

_MULT = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constants for mixing
_MIX = np.uint64(0xBF58476D1CE4E5B9)


def word_keys(text: str) -> list[str]:
    """The normalised words of a text, as shingles are made of them."""
    return list(WORD.findall(normalise(text)))


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """The sorted distinct 32-bit hashes of the `size`-word shingles of `text`.

    A text shorter than `size` words is one shingle; a text without words has none.
    """
    return hash_shingles(word_keys(text), size)


def hash_shingles(keys: Sequence[str], size: int = SHINGLE_SIZE) -> np.ndarray:
    """`shingle_hashes` of words already found by `word_keys`."""
    return windowed_shingles(keys, size)[0]


WINDOW_WORDS = 50  # the stretch of an article whose share of shared passages tells a version from shared background


def windowed_shingles(keys: Sequence[str], size: int = SHINGLE_SIZE) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct shingle hashes, the `WINDOW_WORDS`-word window each first occurs in, as uint16).

    Where in an article its shared shingles sit is what tells a version of
    a story from another story reusing a background paragraph: a copy, a
    trim or a rewrite shares passages all along the smaller article; a story
    that reuses a paragraph shares them in one stretch (`clusters.spread`).
    """
    if not keys:
        return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.uint16)
    words = np.fromiter((zlib.crc32(k.encode("utf-8")) for k in keys), dtype=np.uint64, count=len(keys))
    width = min(size, len(keys))
    count = len(keys) - width + 1
    h = np.zeros(count, dtype=np.uint64)
    for k in range(width):
        h = h * _MULT + words[k : k + count]
    h ^= h >> np.uint64(31)
    h *= _MIX
    h ^= h >> np.uint64(29)
    values, first = np.unique((h >> np.uint64(32)).astype(np.uint32), return_index=True)
    return values, np.minimum(first // WINDOW_WORDS, np.iinfo(np.uint16).max).astype(np.uint16)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    return a, b


def signature(hashes: np.ndarray, *, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """The MinHash signature (`num_perm` uint32 values) of a set of shingle hashes."""
    from datasketch import MinHash

    minhash = MinHash(
        num_perm=num_perm, seed=seed, hashfunc=int, permutations=_permutations(num_perm, seed), scheme="affine32"
    )
    minhash.update_batch(hashes)
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """The (bands, rows) datasketch's MinHashLSH chooses for a Jaccard threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per band per article: an (n, bands) array; equal keys mean an equal band."""
    n = signatures.shape[0]
    sig = signatures[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    if rows <= 2:
        key = sig[:, :, 0] << np.uint64(32)
        if rows == 2:
            key |= sig[:, :, 1]
        return key
    key = np.zeros((n, bands), dtype=np.uint64)
    for k in range(rows):  # a mixing fold: collisions between different bands' values are negligible
        key = (key ^ sig[:, :, k]) * _MULT
        key ^= key >> np.uint64(29)
    return key


MAX_BUCKET = 256  # a bucket larger than this (near-duplicate floods) is linked as a chain, not all pairs


def _pairs_in_runs(
    sorted_keys: np.ndarray, sorted_docs: np.ndarray, *, skip_above: int | None = None
) -> list[np.ndarray]:
    """Pairs of documents that share a key, from keys sorted with their documents.

    Runs of the same length are expanded together with one vectorised step,
    so a band with thousands of small buckets costs a few numpy calls. A run
    longer than `MAX_BUCKET` becomes a chain; one longer than `skip_above`, nothing.
    """
    if sorted_keys.size < 2:
        return []
    change = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
    bounds = np.concatenate(([0], change, [sorted_keys.size]))
    starts, lengths = bounds[:-1], np.diff(bounds)
    found: list[np.ndarray] = []
    for length in np.unique(lengths[lengths > 1]):
        run_starts = starts[lengths == length]
        if skip_above is not None and length > skip_above:
            continue
        if length > MAX_BUCKET:
            for s in run_starts:
                members = sorted_docs[s : s + length]
                found.append(np.stack([members[:-1], members[1:]], axis=1))
            continue
        i, j = np.triu_indices(int(length), k=1)
        left = sorted_docs[run_starts[:, None] + i].ravel()
        right = sorted_docs[run_starts[:, None] + j].ravel()
        found.append(np.stack([left, right], axis=1))
    return found


def bucket_pairs(keys: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Candidate pairs (a < b, as an (m, 2) int64 array, unique and sorted) from columns of band keys.

    `keys` is (n, bands) and `docs` the n document numbers. Within each band,
    every two documents with the same key are a pair; a bucket of more than
    `MAX_BUCKET` documents is linked as a chain in document order instead, which
    keeps them in one cluster without emitting its square.
    """
    docs = np.asarray(docs, dtype=np.int64)
    found: list[np.ndarray] = []
    for column in range(keys.shape[1]):
        order = np.lexsort((docs, keys[:, column]))
        found.extend(_pairs_in_runs(keys[order, column], docs[order]))
    return count_pairs(np.concatenate(found), 1) if found else np.empty((0, 2), dtype=np.int64)


# -- the containment channel -----------------------------------------------------------------------------
COMMON = 64  # a sampled shingle in more articles than this links none of them (see `pair_codes`)
SAMPLE_BELOW = 1 << 29  # keep the shingles whose hash is below this: one in eight, the same in every article
MIN_SHARED_SAMPLES = 2


def sampled_shingles(hashes: np.ndarray, offsets: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sampled hash, document) rows for the given documents of a concatenated hash array.

    Sampling by hash value, not by position, keeps the same shingles in every
    article: two articles sharing a passage of s shingles share about s/8
    samples, however long the rest of either article is. That is what finds a
    short article copied whole into a long one, whose Jaccard similarity (all
    MinHash LSH sees) is small.
    """
    positions = np.flatnonzero(hashes < SAMPLE_BELOW)
    owner = np.searchsorted(offsets, positions, side="right") - 1
    wanted = np.zeros(len(offsets) - 1, dtype=bool)
    wanted[docs] = True
    keep = wanted[owner]
    return hashes[positions[keep]], owner[keep].astype(np.int64)


def pair_codes(values: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Every pair of documents sharing a value, as (m, 2) rows with repeats (one per shared value).

    Values held by more than `COMMON` documents are skipped: a passage found
    in that many articles is boilerplate, or an event's background paragraph
    or quote that many of its stories reuse. It says nothing about which
    story an article tells, and its pairs would be most of the candidates
    (on the event benchmark at 10,000 articles: 593,000 candidates with it,
    60,000 without, losing 3 of 17,844 same-story pairs). Versions of a story
    copied more than `COMMON` times are near-duplicates, which MinHash LSH
    finds.
    """
    order = np.lexsort((docs, values))
    found = _pairs_in_runs(values[order], docs[order], skip_above=COMMON)
    return np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)


def common_shingles(hashes: np.ndarray, limit: int = COMMON) -> np.ndarray:
    """The sorted distinct shingle hashes found more than `limit` times in `hashes` (each article's distinct ones).

    These are the passages too common to tell one story from another: an
    event's background paragraphs and stock quotes that many of its stories
    reuse, or boilerplate. `clusters.same_story` does not count them as
    evidence that two articles are versions of one story. Found with one
    sort and no per-value counts, so it costs a copy of `hashes`, not more.
    """
    if hashes.size <= limit:
        return np.empty(0, dtype=hashes.dtype)
    ordered = np.sort(hashes)
    repeated = ordered[limit:][ordered[limit:] == ordered[:-limit]]
    return np.unique(repeated)


def count_pairs(pairs: np.ndarray, min_count: int) -> np.ndarray:
    """The distinct rows of `pairs` that occur at least `min_count` times, sorted."""
    if not len(pairs):
        return np.empty((0, 2), dtype=np.int64)
    low, high = pairs.min(axis=1), pairs.max(axis=1)
    span = np.int64(high.max() + 1)
    codes, counts = np.unique(low * span + high, return_counts=True)
    codes = codes[counts >= min_count]
    return np.stack([codes // span, codes % span], axis=1)


def shared_pairs(values: np.ndarray, docs: np.ndarray, min_count: int = MIN_SHARED_SAMPLES) -> np.ndarray:
    """Pairs of documents sharing at least `min_count` sampled shingles."""
    return count_pairs(pair_codes(values, docs), min_count)
