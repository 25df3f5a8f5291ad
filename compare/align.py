"""Sentence alignment: which sentences of A became which sentences of B.

The stages, each a plain function over the sentence lists:

1. **Features** — each sentence becomes a bag of content-word stems weighted
   by inverse document frequency over both versions, so rare words (names,
   numbers, places) count more than common ones.
2. **Candidates** — an inverted index from stem to B sentences; an A sentence
   is only scored against B sentences that share a stem with it. Stems that
   occur in very many sentences are left out of the index, so long documents
   never fall into a quadratic loop.
3. **Scores** — for each candidate pair the weighted overlap of the two bags:
   Dice similarity for one-to-one matches, and containment each way (how much
   of B's sentence is inside A's, and the reverse), because outlets cut,
   split and merge sentences.
4. **Assignment** — identical sentences are paired first, whatever their
   scores, a repeated one with its nearest copy (by relative position); then
   one-to-one pairs are chosen globally, best score first,
   with no assumption that the two versions run in the same order. A near-copy
   of a sentence already matched is left for a repeat, not given to a weaker
   partner (a caption restating the lede does not take the headline's place).
5. **Splits and merges** — a sentence left over whose content lies inside an
   already matched (or unmatched) sentence of the other side joins it, making a
   one-to-many (split) or many-to-one (merged) group. Parts stand together; a
   part almost wholly inside the sentence may stand apart across a leftover or
   two, unless it is a headline or a second copy of the whole sentence.
6. **Gaps** — between two matched anchors that keep their order, the
   leftovers on both sides are aligned in order by a small dynamic programme
   (1-1, 2-1, 1-2, 3-1, 1-3 beads) at a lower threshold: a local order prior,
   never a global one. The threshold rises with the log of a large gap's size
   (`Scorer.gap_threshold`): the more pairs a gap holds, the less its order says.
7. **Extensions** — once all that has settled, a leftover next to a group
   that is largely inside the group's single sentence joins it.
8. **Leftovers** are inserted (only in B) or deleted (only in A).
9. **Links** — every pair carrying the same content, many-to-many: the pairs
   inside groups, then repeats and partial links beyond them (one sentence
   largely inside the other), and an order-aware rescue of leftovers that
   sit between the same matched neighbours and stand out by the ratio margin,
   shared-fact links: pairs of fair Dice near each sentence's best partner,
   and a sentence with no link that sits between two diagonally linked neighbours,
   linked to the sentence between their partners when they share some content
   (see `_content_links`, `_rescued`, `_fact_links`, `_sandwiched`). A leftover whose content the other side
   has is a repeat, not an insertion or deletion (`Alignment.repeated_a/_b`).

Moves (matched groups off the longest chain that keeps its order on both
sides, see `in_order`) are flagged by the caller, `compare.api`, which also
orders the groups for reading.
"""

from __future__ import annotations

import itertools
import math
import zlib
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import Stemmer

from .model import LinkKind
from .normalise import Token
from .options import AlignOptions
from .stopwords import STOPWORDS

__all__ = [
    "KEEP_PER_SENTENCE",
    "AlignOptions",
    "Alignment",
    "Link",
    "PairLink",
    "Scorer",
    "ScorerFactory",
    "align_with_links",
    "in_order",
]


# In a long document each sentence keeps this many candidate partners per measure.
KEEP_PER_SENTENCE = 6
# Sentences × sentences above which a document pair counts as long (candidates are pruned).
_LONG_DOCUMENT = 40_000
# In a split or merge found inside a gap, each part must have this share of its content in the one sentence.
_PART_SHARE = 0.3
# A content link outside the groups: the share of the shorter sentence that must lie in the other when one of
# the two is a leftover (nothing else explains it), and when both already have partners (stronger evidence needed).
_LINK_SHARE_LEFTOVER = 2 / 3
_LINK_SHARE_GROUPED = 0.8
# ... and the fewest content words the two must share: one name and a verb are not a clause.
_LINK_MIN_STEMS = 3
# A link where each sentence has at least this share of its content in the other is a repeat (the two say
# mostly the same); otherwise a partial link (they share a part, and one also says something else).
_REPEAT_SHARE = 0.5
# The order-aware rescue of leftovers as partial links (see `_rescued`).
_RESCUE_SIMILARITY = 0.1
_RESCUE_MIN_STEMS = 2
_RESCUE_MARGIN = 1.4
_RESCUE_NEIGHBOURS = 4
# A shared-fact link (see `_fact_links`): the least weighted Dice of the pair, the share of each sentence's best
# Dice with any sentence of the other side that it must reach, and the fewest content words shared.
_FACT_DICE = 0.25
_FACT_OF_BEST = 0.6
_FACT_MIN_STEMS = 3
# The sandwich rescue (see `_sandwiched`): the least similarity of the pair, and how far below the sentence's
# best partner it may score (its bonus for standing between two linked neighbours).
_SANDWICH_SIMILARITY = 0.03
_SANDWICH_BONUS = 0.2
# ... and the share of its neighbours' link similarity (the weaker of the two) it must reach: between two copies,
# a sentence that shares only a name with the one between their partners is a replacement, not a retelling.
_SANDWICH_OF_NEIGHBOURS = 0.2
# The gap alignment's threshold rises beyond this many cells by this much per factor of e (`Scorer.gap_threshold`).
_GAP_CELLS = 50
_GAP_RISE = 0.05
# A sentence this alike (weighted Dice) to one already matched is its copy: it is not given to a partner
# less alike by more than the margin, and stays a repeat.
_COPY_DICE = 0.7
_COPY_MARGIN = 0.2


@dataclass(frozen=True)
class Link:
    """Sentences of A aligned to sentences of B (either side may be empty)."""

    a: tuple[int, ...]
    b: tuple[int, ...]


@dataclass(frozen=True)
class PairLink:
    """Sentence `a` of A and sentence `b` of B carry the same content: kind 'group', 'repeat' or 'partial'."""

    a: int
    b: int
    kind: LinkKind
    score: float


@dataclass(frozen=True)
class Alignment:
    """`groups` partition the sentences for reading; `links` list every pair that carries the same content.

    `repeated_a` / `repeated_b` are leftover sentences (in no matched group) whose content the other
    version nonetheless has: they are repeats, not deletions or insertions.
    """

    groups: list[Link]
    links: list[PairLink]
    repeated_a: frozenset[int]
    repeated_b: frozenset[int]


_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """The Snowball (Porter 2) stem, so inflections match: 'collapsed'/'collapse' -> 'collaps'."""
    if word.endswith("'s"):
        word = word[:-2]
    return str(_STEMMER.stemWord(word))


def _bags(sentences: Sequence[Sequence[Token]]) -> list[frozenset[str]]:
    out = []
    for tokens in sentences:
        stems = {_stem(t.key) for t in tokens if t.key not in STOPWORDS}
        if not stems:  # a sentence of stopwords only still needs something to match on
            stems = {t.key for t in tokens}
        out.append(frozenset(stems))
    return out


def _idf(bags_a: Sequence[frozenset[str]], bags_b: Sequence[frozenset[str]]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for bag in bags_a:
        for stem in bag:
            df[stem] += 1
    for bag in bags_b:
        for stem in bag:
            df[stem] += 1
    n = len(bags_a) + len(bags_b)
    return {stem: math.log((n + 1) / (count + 0.5)) for stem, count in df.items()}


def _spread(i: int, j: int, n_a: int, n_b: int) -> float:
    """How far apart sentence i of A and sentence j of B stand, as shares of their documents (symmetric)."""
    return abs((i + 0.5) / max(n_a, 1) - (j + 0.5) / max(n_b, 1))


def _top_per_group(groups: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """A mask of the `k` best-scoring entries within each group (ties broken by position)."""
    order = np.lexsort((-scores, groups))
    ranked_groups = groups[order]
    first = np.searchsorted(ranked_groups, ranked_groups, side="left")
    rank = np.arange(len(order)) - first
    mask = np.zeros(len(order), dtype=bool)
    mask[order[rank < k]] = True
    return mask


class Scorer:
    """Weighted overlaps of candidate pairs, computed once and cached.

    The lexical scorer, and the base a scorer of another kind extends (`semantic.SemanticScorer` blends
    sentence vectors into the same candidates): the aligner asks only for what this class answers.
    """

    def __init__(self, bags_a: Sequence[frozenset[str]], bags_b: Sequence[frozenset[str]]) -> None:
        self.bags_a, self.bags_b = bags_a, bags_b
        self.idf = _idf(bags_a, bags_b)
        self.weight_a = [sum(self.idf[s] for s in bag) for bag in bags_a]
        self.weight_b = [sum(self.idf[s] for s in bag) for bag in bags_b]
        self.shared: dict[tuple[int, int], float] = {}
        self._lexical: tuple[dict[tuple[int, int], float], list[float], list[float]] | None = None

    def candidates(
        self, max_postings: int, min_similarity: float, keep: int = KEEP_PER_SENTENCE
    ) -> dict[tuple[int, int], float]:
        """Shared weight of the pairs worth scoring, found through an inverted index.

        Every pair sharing an indexed stem is accumulated at once with numpy
        (a join of the two posting lists); stems found in more B sentences than
        the posting limit are too common to find candidates with, and are only
        added back, exactly, to the pairs that survive. When a document is long
        each sentence keeps only its best `keep` partners by similarity and by
        containment (of the shorter in the longer), so the work grows with the documents' length,
        not with its square.
        """
        n_a, n_b = len(self.bags_a), len(self.bags_b)
        if not n_a or not n_b:
            return self.shared
        if n_b <= max_postings and n_a * n_b <= _LONG_DOCUMENT:
            return self._small_candidates()
        limit = max_postings
        ids: dict[str, int] = {}
        b_stem, b_sent = [], []
        for j, bag in enumerate(self.bags_b):
            for stem in bag:
                b_stem.append(ids.setdefault(stem, len(ids)))
                b_sent.append(j)
        df_b = np.bincount(np.asarray(b_stem, dtype=np.int64), minlength=len(ids))
        a_stem, a_sent = [], []
        for i, bag in enumerate(self.bags_a):
            for stem in bag:
                sid = ids.get(stem)
                if sid is not None and df_b[sid] <= limit:
                    a_stem.append(sid)
                    a_sent.append(i)
        if not a_stem:
            return self.shared
        order = np.argsort(np.asarray(b_stem, dtype=np.int64), kind="stable")
        sorted_stem = np.asarray(b_stem, dtype=np.int64)[order]
        sorted_sent = np.asarray(b_sent, dtype=np.int64)[order]
        a_stem_arr, a_sent_arr = np.asarray(a_stem, dtype=np.int64), np.asarray(a_sent, dtype=np.int64)
        lo = np.searchsorted(sorted_stem, a_stem_arr, side="left")
        counts = np.searchsorted(sorted_stem, a_stem_arr, side="right") - lo
        total = int(counts.sum())
        starts = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(total)
        pair_i = np.repeat(a_sent_arr, counts)
        pair_j = sorted_sent[starts]
        idf_by_id = np.empty(len(ids))
        for stem, sid in ids.items():
            idf_by_id[sid] = self.idf[stem]
        weights = np.repeat(idf_by_id[a_stem_arr], counts)
        keys, inverse = np.unique(pair_i * n_b + pair_j, return_inverse=True)
        shared = np.bincount(inverse.ravel(), weights=weights)
        pi, pj = keys // n_b, keys % n_b
        if n_a * n_b > _LONG_DOCUMENT and len(keys) > keep * (n_a + n_b):
            wa, wb = np.asarray(self.weight_a)[pi], np.asarray(self.weight_b)[pj]
            dice, contained = 2 * shared / (wa + wb), shared / np.minimum(wa, wb)
            # Pairs too weak for any stage are dropped before ranking.
            useful = (dice >= min_similarity) | (contained >= _PART_SHARE)
            pi, pj, shared, dice, contained = pi[useful], pj[useful], shared[useful], dice[useful], contained[useful]
            mask = np.zeros(len(pi), dtype=bool)
            for score in (dice, contained):
                mask |= _top_per_group(pi, score, keep) | _top_per_group(pj, score, keep)
            pi, pj, shared = pi[mask], pj[mask], shared[mask]
        frequent = {stem for stem, sid in ids.items() if df_b[sid] > limit}
        for i, j, weight in zip(pi.tolist(), pj.tolist(), shared.tolist(), strict=True):
            if frequent:
                weight += sum(self.idf[s] for s in self.bags_a[i] & self.bags_b[j] & frequent)
            self.shared[(i, j)] = weight
        return self.shared

    def _small_candidates(self) -> dict[tuple[int, int], float]:
        """`candidates` for an article-sized pair: a plain index walk, cheaper here than numpy's set-up.

        No stem is frequent enough to skip and no pair is pruned, so the result is the same as the
        numpy join's.
        """
        postings: dict[str, list[int]] = defaultdict(list)
        for j, bag in enumerate(self.bags_b):
            for stem in bag:
                postings[stem].append(j)
        for i, bag in enumerate(self.bags_a):
            acc: dict[int, float] = defaultdict(float)
            for stem in bag:
                js = postings.get(stem)
                if js:
                    weight = self.idf[stem]
                    for j in js:
                        acc[j] += weight
            for j, weight in acc.items():
                self.shared[(i, j)] = weight
        return self.shared

    def union_dice(self, side_a: Sequence[int], side_b: Sequence[int]) -> float:
        """Weighted Dice similarity of several sentences taken together on each side."""
        bag_a = frozenset().union(*(self.bags_a[i] for i in side_a))
        bag_b = frozenset().union(*(self.bags_b[j] for j in side_b))
        total = sum(self.idf[s] for s in bag_a) + sum(self.idf[s] for s in bag_b)
        return 2 * sum(self.idf[s] for s in bag_a & bag_b) / total if total else 0.0

    def parts_explained(self, side_a: Sequence[int], side_b: Sequence[int]) -> bool:
        """In a split or merge, each part on the many side must be largely inside the one sentence."""
        if len(side_a) == 1:
            return all(self.in_a(side_a[0], j) >= _PART_SHARE for j in side_b)
        return all(self.in_b(i, side_b[0]) >= _PART_SHARE for i in side_a)

    def tiebreak(self, side_a: Sequence[int], side_b: Sequence[int]) -> int:
        """A number drawn from what the two sides say, the same whichever side is A: it settles exact ties."""
        text_a = "|".join(sorted(frozenset().union(*(self.bags_a[i] for i in side_a))))
        text_b = "|".join(sorted(frozenset().union(*(self.bags_b[j] for j in side_b))))
        return zlib.crc32("#".join(sorted((text_a, text_b))).encode())

    def lexical_dice(self) -> tuple[dict[tuple[int, int], float], list[float], list[float]]:
        """Lexical weighted Dice of every candidate pair, and each A and B sentence's best one (computed once)."""
        if self._lexical is None:
            weight_a, weight_b = self.weight_a, self.weight_b
            best_a, best_b = [0.0] * len(weight_a), [0.0] * len(weight_b)
            values: dict[tuple[int, int], float] = {}
            for (i, j), shared in self.shared.items():
                total = weight_a[i] + weight_b[j]
                value = 2 * shared / total if total else 0.0
                values[(i, j)] = value
                if value > best_a[i]:
                    best_a[i] = value
                if value > best_b[j]:
                    best_b[j] = value
            self._lexical = (values, best_a, best_b)
        return self._lexical

    def gap_threshold(self, base: float, cells: int) -> float:
        """The least similarity for a bead in a gap of `cells` (leftovers × leftovers): higher in a larger gap.

        Order is evidence only where it narrows the choice. In a gap of a few sentences each side, a
        weak pair is probably the same part of the story told in other words; in a large one (long
        independent reports that share few anchors) the best of hundreds of weak pairs clears a fixed
        threshold on names and places alone. So beyond `_GAP_CELLS` cells the threshold rises with the
        log of the gap's size, by `_GAP_RISE` for each factor of e.
        """
        return base + _GAP_RISE * math.log(max(1.0, cells / _GAP_CELLS))

    def dice(self, i: int, j: int) -> float:
        """Weighted Dice similarity of A's sentence i and B's sentence j (0 for a pair that is not a candidate)."""
        total = self.weight_a[i] + self.weight_b[j]
        return 2 * self.shared.get((i, j), 0.0) / total if total else 0.0

    def in_a(self, i: int, j: int) -> float:
        """How much of B's sentence j is inside A's sentence i."""
        return self.shared.get((i, j), 0.0) / self.weight_b[j] if self.weight_b[j] else 0.0

    def in_b(self, i: int, j: int) -> float:
        """How much of A's sentence i is inside B's sentence j."""
        return self.shared.get((i, j), 0.0) / self.weight_a[i] if self.weight_a[i] else 0.0


ScorerFactory = Callable[[Sequence[frozenset[str]], Sequence[frozenset[str]]], Scorer]
"""What `align_with_links(make_scorer=...)` takes: the two sides' stem bags in, a scorer out."""


def align_with_links(
    tokens_a: Sequence[Sequence[Token]],
    tokens_b: Sequence[Sequence[Token]],
    options: AlignOptions | None = None,
    *,
    identity_a: Sequence[Hashable] | None = None,
    identity_b: Sequence[Hashable] | None = None,
    make_scorer: ScorerFactory | None = None,
    headings: tuple[Collection[int], Collection[int]] = ((), ()),
) -> Alignment:
    """Align two documents given as lists of tokenised sentences.

    `identity_a`/`identity_b` say when two sentences are the same (default: the
    same word keys); give them so that sentences without words ('* * *', an
    emoji line) can still be recognised. Returns links covering every sentence
    of both sides exactly once, in no particular order (the caller orders them
    for reading). Every choice between equal candidates is made by a rule that
    reads the same from either side, so aligning B with A mirrors A with B.
    `make_scorer` replaces the lexical scorer (`compare.semantic` blends in sentence embeddings).
    `headings` are the sentences of each side that end without a full stop (headlines, titles): they
    summarise, so they never join a split or merge from afar.
    The content links (see `Alignment`) are read off the same candidate scores, so they cost a pass
    over the candidate pairs, nothing more.
    """
    opts = options or AlignOptions()
    n_a, n_b = len(tokens_a), len(tokens_b)
    bags_a, bags_b = _bags(tokens_a), _bags(tokens_b)
    scorer = (make_scorer or Scorer)(bags_a, bags_b)
    shared = scorer.candidates(opts.max_postings, min(opts.threshold, opts.gap_threshold))

    def spread(i: int, j: int) -> float:
        return round(_spread(i, j, n_a, n_b), 9)

    # Identical sentences are matched first, whatever their scores say; repeats pair up nearest first.
    ids_a = identity_a if identity_a is not None else [tuple(t.key for t in tokens) for tokens in tokens_a]
    ids_b = identity_b if identity_b is not None else [tuple(t.key for t in tokens) for tokens in tokens_b]
    where_a: dict[Hashable, list[int]] = defaultdict(list)
    where_b: dict[Hashable, list[int]] = defaultdict(list)
    for i, key in enumerate(ids_a):
        if key:
            where_a[key].append(i)
    for j, key in enumerate(ids_b):
        if key:
            where_b[key].append(j)
    same = sorted(
        (p for key, found_a in where_a.items() for p in _same_pairs(found_a, where_b.get(key, []), n_a, n_b)),
        key=lambda p: (spread(*p), p[0] + p[1]),
    )
    match_a: dict[int, int] = {}
    match_b: dict[int, int] = {}
    for i, j in same:
        if i not in match_a and j not in match_b:
            match_a[i], match_b[j] = j, i

    # One-to-one, best first; ties go to the pair nearest in relative position, then nearest the top.
    similarity = {pair: round(scorer.dice(*pair), 9) for pair in shared}  # every stage reads it from here
    scored = ((value, i, j) for (i, j), value in similarity.items())
    ranked = sorted(
        (x for x in scored if x[0] >= opts.threshold),  # weaker pairs are never taken: no need to rank them
        key=lambda x: (-x[0], spread(x[1], x[2]), x[1] + x[2]),
    )
    # A sentence that is a near-copy of one already matched is a repeat of it, not a weaker sentence's partner
    # (a caption restating the lede must not take the headline's place).
    best_of_a: dict[int, tuple[float, int]] = {}
    best_of_b: dict[int, tuple[float, int]] = {}
    for value, i, j in ranked:
        if value >= _COPY_DICE:
            best_of_a.setdefault(i, (value, j))
            best_of_b.setdefault(j, (value, i))
    for value, i, j in ranked:
        if i not in match_a and j not in match_b:
            copy_of_b, copy_of_a = best_of_b.get(j), best_of_a.get(i)
            if copy_of_b and copy_of_b[1] in match_a and value < copy_of_b[0] - _COPY_MARGIN:
                continue
            if copy_of_a and copy_of_a[1] in match_b and value < copy_of_a[0] - _COPY_MARGIN:
                continue
            match_a[i], match_b[j] = j, i

    groups_a: dict[int, list[int]] = {i: [j] for i, j in match_a.items()}  # a -> its b sentences
    groups_b: dict[int, list[int]] = {j: [i] for j, i in match_b.items()}  # b -> its a sentences
    # The copies left over stay out of the later stages: they are repeats (see `_content_links`).
    copies = (
        {i for i, (_, j) in best_of_a.items() if i not in match_a and j in match_b},
        {j for j, (_, i) in best_of_b.items() if j not in match_b and i in match_a},
    )
    _attach_parts(scorer, opts, groups_a, groups_b, n_a, n_b, copies=copies, headings=headings)
    _fill_gaps(scorer, opts, groups_a, groups_b, n_a, n_b, copies)
    # Once the alignment has settled, a leftover neighbour of a group joins it on weaker evidence.
    _attach_parts(scorer, opts, groups_a, groups_b, n_a, n_b, threshold=_PART_SHARE, extend_only=True, copies=copies)
    groups = _links(groups_a, groups_b, n_a, n_b)
    return _content_links(scorer, groups, ids_a, ids_b, similarity)


def _content_links(
    scorer: Scorer,
    groups: list[Link],
    ids_a: Sequence[Hashable],
    ids_b: Sequence[Hashable],
    similarity: dict[tuple[int, int], float],
) -> Alignment:
    """Every sentence pair carrying the same content: the pairs inside groups, and beyond them repeats and
    partial links, many-to-many.

    A pair outside the groups is linked when at least `_LINK_SHARE_LEFTOVER` of the shorter sentence's
    weighted content lies in the other and one of them is a leftover, or `_LINK_SHARE_GROUPED` when both
    already have partners (a sentence with a partner needs stronger evidence to be another one's too), and
    they share at least `_LINK_MIN_STEMS` content words. Such a link is a `repeat` when each sentence has
    at least `_REPEAT_SHARE` of its content in the other (they say mostly the same), else `partial`.
    A leftover whose own content lies (by the same share) in a sentence of the other side is
    `repeated`: its content is not new, only said again.
    """
    group_of_a: dict[int, int] = {}
    group_of_b: dict[int, int] = {}
    for n, link in enumerate(groups):
        for i in link.a:
            group_of_a[i] = n
        for j in link.b:
            group_of_b[j] = n
    links: list[PairLink] = []
    for link in groups:
        for i in link.a:
            for j in link.b:
                same = bool(ids_a[i]) and ids_a[i] == ids_b[j]
                links.append(PairLink(i, j, "group", 1.0 if same else round(_contained(scorer, i, j), 4)))
    repeated_a: set[int] = set()
    repeated_b: set[int] = set()
    weight_a, weight_b = scorer.weight_a, scorer.weight_b
    least = min(_LINK_SHARE_LEFTOVER, _LINK_SHARE_GROUPED)
    for (i, j), shared in scorer.shared.items():
        if shared < least * min(weight_a[i], weight_b[j]):  # too little in common to link, whatever the groups
            continue
        g_a, g_b = group_of_a[i], group_of_b[j]
        if g_a == g_b:
            continue
        leftover_a, leftover_b = not groups[g_a].b, not groups[g_b].a
        j_in_i, i_in_j = scorer.in_a(i, j), scorer.in_b(i, j)
        need = _LINK_SHARE_LEFTOVER if leftover_a or leftover_b else _LINK_SHARE_GROUPED
        if max(j_in_i, i_in_j) < need or len(scorer.bags_a[i] & scorer.bags_b[j]) < _LINK_MIN_STEMS:
            continue
        kind: LinkKind = "repeat" if min(j_in_i, i_in_j) >= _REPEAT_SHARE else "partial"
        links.append(PairLink(i, j, kind, round(_contained(scorer, i, j), 4)))
        if leftover_a and i_in_j >= _LINK_SHARE_LEFTOVER:
            repeated_a.add(i)
        if leftover_b and j_in_i >= _LINK_SHARE_LEFTOVER:
            repeated_b.add(j)
    linked = {(k.a, k.b) for k in links}

    def add_partial(pairs: list[tuple[int, int]]) -> None:
        for i, j in pairs:
            if (i, j) not in linked:
                linked.add((i, j))
                links.append(PairLink(i, j, "partial", round(_contained(scorer, i, j), 4)))

    add_partial([*_rescued(scorer, links, groups, similarity), *_fact_links(scorer)])
    add_partial(_sandwiched(scorer, linked, similarity))  # reads the links added just before
    links.sort(key=lambda k: (k.a, k.b))
    return Alignment(groups, links, frozenset(repeated_a), frozenset(repeated_b))


def _rescued(
    scorer: Scorer, links: Sequence[PairLink], groups: Sequence[Link], similarity: dict[tuple[int, int], float]
) -> list[tuple[int, int]]:
    """Leftover sentences linked, as partial, to a sentence told at the same point of the other version.

    Order is evidence, not a rule: a leftover pair that crosses no matched pair (it sits between the
    same matched neighbours on both sides) shares content when, on top of at least `_RESCUE_SIMILARITY`
    and `_RESCUE_MIN_STEMS` shared content words, the pair stands out among each sentence's candidates:
    its similarity is at least `_RESCUE_MARGIN` times the mean of each sentence's `_RESCUE_NEIGHBOURS`
    best (the ratio margin of bitext mining). Position alone never links; a word or two shared by
    every sentence of the story does not stand out.
    """
    leftover_a = {link.a[0] for link in groups if not link.b}
    leftover_b = {link.b[0] for link in groups if not link.a}
    options = [
        (i, j)
        for (i, j), value in similarity.items()
        if value >= _RESCUE_SIMILARITY and (i in leftover_a or j in leftover_b)
    ]
    if not options:
        return []
    n_a, n_b = len(scorer.bags_a), len(scorer.bags_b)  # the groups hold every sentence of each side
    # Prefix maximum of the B index over matched pairs left of each A index, suffix minimum right of it.
    below = [-1] * (n_a + 1)
    above = [n_b] * (n_a + 1)
    for k in links:
        if k.kind == "group":
            below[k.a + 1] = max(below[k.a + 1], k.b)
            above[k.a] = min(above[k.a], k.b)
    for x in range(1, n_a + 1):
        below[x] = max(below[x], below[x - 1])
    for x in range(n_a - 1, -1, -1):
        above[x] = min(above[x], above[x + 1])
    options = [
        (i, j)
        for i, j in options
        if below[i] <= j <= above[i + 1]  # it crosses no matched pair
        and len(scorer.bags_a[i] & scorer.bags_b[j]) >= _RESCUE_MIN_STEMS
    ]
    if not options:
        return []
    wanted_a, wanted_b = {i for i, _ in options}, {j for _, j in options}
    tops_a: dict[int, list[float]] = defaultdict(list)
    tops_b: dict[int, list[float]] = defaultdict(list)
    for (i, j), value in similarity.items():
        if i in wanted_a:
            tops_a[i].append(value)
        if j in wanted_b:
            tops_b[j].append(value)

    def typical(values: list[float]) -> float:
        return sum(sorted(values, reverse=True)[:_RESCUE_NEIGHBOURS]) / _RESCUE_NEIGHBOURS

    out = []
    for i, j in options:
        if similarity[(i, j)] >= _RESCUE_MARGIN * (typical(tops_a[i]) + typical(tops_b[j])) / 2:
            out.append((i, j))
    return out


def _sandwiched(
    scorer: Scorer, linked: Collection[tuple[int, int]], similarity: dict[tuple[int, int], float]
) -> list[tuple[int, int]]:
    """Sentences with no link at all, linked (partial) to the sentence that sits between the same links.

    Order as evidence, as in Vecalign/Bertalign, where the two versions tell the story in the same
    order: when sentence x of one side has no link, but the sentence before it is linked to y − 1 and
    the sentence after it to y + 1 (the start and end of the documents count as linked to each other),
    then x was retold as y, or as part of it — provided the two share some content
    (similarity ≥ `_SANDWICH_SIMILARITY`) and y is, give or take `_SANDWICH_BONUS`, x's best partner
    anywhere: the position is a bonus on the score, never a link by itself. Both neighbours must be
    linked, diagonally: one matched neighbour says far less (a sentence dropped next to a copied one).
    And the pair must reach `_SANDWICH_OF_NEIGHBOURS` of the weaker neighbour link's similarity: in
    a retelling the neighbours are themselves loose paraphrases, while between two copied sentences
    of a reprint the sentence in between, if it shares only a name, was replaced, not reworded.
    Reads the same from either side.
    """
    n_a, n_b = len(scorer.bags_a), len(scorer.bags_b)
    if not n_a or not n_b:
        return []
    best_a, best_b = [0.0] * n_a, [0.0] * n_b
    for (i, j), value in similarity.items():
        best_a[i] = max(best_a[i], value)
        best_b[j] = max(best_b[j], value)
    partners_a: dict[int, set[int]] = defaultdict(set, {-1: {-1}, n_a: {n_b}})  # the ends count as linked
    partners_b: dict[int, set[int]] = defaultdict(set, {-1: {-1}, n_b: {n_a}})
    for i, j in linked:
        partners_a[i].add(j)
        partners_b[j].add(i)
    # x's options: the sentences one after a partner of x - 1 and one before a partner of x + 1.
    options = [
        (i, j, best_a[i])
        for i in range(n_a)
        if i not in partners_a
        for j in sorted({y + 1 for y in partners_a.get(i - 1, ())} & {y - 1 for y in partners_a.get(i + 1, ())})
        if 0 <= j < n_b
    ]
    options += [
        (i, j, best_b[j])
        for j in range(n_b)
        if j not in partners_b
        for i in sorted({x + 1 for x in partners_b.get(j - 1, ())} & {x - 1 for x in partners_b.get(j + 1, ())})
        if 0 <= i < n_a
    ]
    found = set()
    for i, j, best in options:
        value = scorer.dice(i, j)
        if value < _SANDWICH_SIMILARITY or value + _SANDWICH_BONUS < best:
            continue
        neighbours = [p for p in ((i - 1, j - 1), (i + 1, j + 1)) if p in linked]  # the documents' ends say nothing
        if not neighbours:
            continue  # two one-sentence documents: no order to take as evidence
        if value < _SANDWICH_OF_NEIGHBOURS * min(scorer.dice(*p) for p in neighbours):
            continue
        found.add((i, j))
    return sorted(found)


def _fact_links(scorer: Scorer) -> list[tuple[int, int]]:
    """Pairs that share facts in other words: partial links by lexical weighted Dice and its margin.

    Two outlets reporting one event independently share names, figures and claims, each sentence with
    several of the other's, in different sentences: many-to-many, below the one-to-one threshold and
    out of any order. A pair is linked when its (lexical) weighted Dice is at least `_FACT_DICE`, they
    share at least `_FACT_MIN_STEMS` content words, and neither sentence has a much closer partner: the
    pair's Dice is at least `_FACT_OF_BEST` of the best Dice each of the two has with any sentence of the
    other side. That margin is what keeps copies precise: in a reprint a sentence's best partner is its
    copy (Dice near 1), so a sentence that merely mentions the same people stays unlinked, while in
    independent copy, where no pair is close, the pairs that stand near the top share a fact. Lexical in
    both methods: a static sentence vector measured weaker on these pairs than the shared words.
    """
    dice, best_a, best_b = scorer.lexical_dice()
    bags_a, bags_b = scorer.bags_a, scorer.bags_b
    return [
        (i, j)
        for (i, j), value in dice.items()
        if value >= _FACT_DICE
        and value >= _FACT_OF_BEST * max(best_a[i], best_b[j])
        and len(bags_a[i] & bags_b[j]) >= _FACT_MIN_STEMS
    ]


def _contained(scorer: Scorer, i: int, j: int) -> float:
    """How much content two sentences share: the mean of the share of each (weighted) found in the other."""
    return (scorer.in_a(i, j) + scorer.in_b(i, j)) / 2


# A sentence repeated this often on each side (copies × copies) pairs each copy only with its nearest
# copies on the other side, so a text that repeats an article a thousand times is not aligned in square time.
_MAX_SAME_PAIRS = 256
_NEAREST_SAME = 4


def _same_pairs(found_a: Sequence[int], found_b: Sequence[int], n_a: int, n_b: int) -> list[tuple[int, int]]:
    """The pairs of identical sentences worth ranking: every pair, or for a much repeated sentence each
    copy with its `_NEAREST_SAME` nearest copies (by relative position) on the other side, both ways."""
    if len(found_a) * len(found_b) <= _MAX_SAME_PAIRS:
        return [(i, j) for i in found_a for j in found_b]
    pos_b = [(j + 0.5) / n_b for j in found_b]
    pos_a = [(i + 0.5) / n_a for i in found_a]
    pairs: set[tuple[int, int]] = set()
    for i in found_a:
        at = bisect_left(pos_b, (i + 0.5) / n_a)
        pairs.update((i, found_b[k]) for k in range(max(0, at - _NEAREST_SAME), min(len(found_b), at + _NEAREST_SAME)))
    for j in found_b:
        at = bisect_left(pos_a, (j + 0.5) / n_b)
        pairs.update((found_a[k], j) for k in range(max(0, at - _NEAREST_SAME), min(len(found_a), at + _NEAREST_SAME)))
    return sorted(pairs)


def _attach_parts(
    scorer: Scorer,
    opts: AlignOptions,
    groups_a: dict[int, list[int]],
    groups_b: dict[int, list[int]],
    n_a: int,
    n_b: int,
    threshold: float | None = None,
    extend_only: bool = False,
    copies: tuple[set[int], set[int]] = (set(), set()),
    headings: tuple[Collection[int], Collection[int]] = ((), ()),
) -> None:
    """Join leftover sentences to the sentence of the other side that contains them.

    A leftover B sentence joins A sentence i (a split) when at least `threshold`
    (default: `part_threshold`) of it lies in i, i has only one A sentence in its
    group, and the B sentence stands next to i's other parts; the reverse makes a
    merge. With `extend_only`, only existing groups grow; no new pair is made.
    Best containment first, so the clearest parts are placed before the doubtful.
    """
    by_a: dict[int, list[int]] = defaultdict(list)
    by_b: dict[int, list[int]] = defaultdict(list)
    for i, j in scorer.shared:
        by_a[i].append(j)
        by_b[j].append(i)
    options: list[tuple[float, int, int, int, int]] = []  # (-containment, i + j, side, i, j)
    copies_a, copies_b = copies
    for j in range(n_b):
        if j not in groups_b and j not in copies_b:
            for i in by_b.get(j, ()):
                if i not in copies_a:
                    options.append((-round(scorer.in_a(i, j), 9), i + j, 0, i, j))
    for i in range(n_a):
        if i not in groups_a and i not in copies_a:
            for j in by_a.get(i, ()):
                if j not in copies_b:
                    options.append((-round(scorer.in_b(i, j), 9), i + j, 1, i, j))

    # Ties: the pair more alike as a whole, nearest the top, nearest the diagonal, then the joining
    # sentence's words: rules that read the same from either side.
    def joiner(side: int, i: int, j: int) -> list[str]:
        return sorted(scorer.bags_b[j] if side == 0 else scorer.bags_a[i])

    least = opts.part_threshold if threshold is None else threshold
    options = [o for o in options if -o[0] >= least]  # only these can join; ranking the rest is wasted work
    options.sort(
        key=lambda o: (o[0], -round(scorer.dice(o[3], o[4]), 9), o[1], abs(o[3] - o[4]), joiner(o[2], o[3], o[4]))
    )
    # A part refused because it did not yet stand next to its sentence's other parts may do so once a
    # nearer part has joined (three parts of one sentence, the middle one weaker): so try again until
    # nothing more joins.
    pending = options
    while pending:
        refused = []
        for option in pending:
            _, _, side, i, j = option
            if side == 0:  # B sentence j joins A sentence i: a split
                far = -option[0] if j not in headings[1] else 0.0
                joined = _join(groups_a, groups_b, i, j, extend_only, far, scorer.in_b(i, j))
            else:  # A sentence i joins B sentence j: a merge
                far = -option[0] if i not in headings[0] else 0.0
                joined = _join(groups_b, groups_a, j, i, extend_only, far, scorer.in_a(i, j))
            if joined is None:
                refused.append(option)
        if len(refused) == len(pending):
            break
        pending = refused


def _join(
    one_side: dict[int, list[int]],
    many_side: dict[int, list[int]],
    one: int,
    joiner: int,
    extend_only: bool,
    share: float,
    covers: float,
) -> bool | None:
    """Let leftover sentence `joiner` join sentence `one` of the other side, if that keeps the group a split
    (or a merge): `one` alone on its side, `joiner` next to its other parts. One function for both
    directions, so splits and merges follow the same rules.

    A part that lies almost wholly (`share` ≥ `_FAR_PART_SHARE`) inside `one` may stand apart from the
    other parts, if only leftovers stand between: an outlet that splits a sentence can put another
    sentence's part in between. But only a part: a sentence that by itself `covers` most of `one`,
    which already has a partner, is a second copy of it (a caption restating the lede, a quote given
    again), and a sentence with a partner of its own is never pulled in, so those stay repeats (see
    `_content_links`), not half a split.

    Returns True if it joined, False if it never can, None if it might once another part has joined.
    """
    if joiner in many_side:
        return False
    partners = one_side.get(one)
    if partners is None:
        if not extend_only:
            one_side[one], many_side[joiner] = [joiner], [one]
            return True
        return False
    if len(many_side[partners[0]]) != 1 or covers >= _LINK_SHARE_LEFTOVER:
        return False  # ... or a second copy of `one`, not a part of it: a repeat
    far = not extend_only and share >= _FAR_PART_SHARE
    if _next_to(joiner, partners) or (far and _within_leftovers(joiner, partners, many_side)):
        partners.append(joiner)
        many_side[joiner] = [one]
        return True
    return None


_FAR_PART_SHARE = 0.8  # a split part this much inside its sentence may stand apart from the other parts
_FAR_PART_GAP = 2  # ... with at most this many leftovers between


def _within_leftovers(index: int, group: Sequence[int], many_side: dict[int, list[int]]) -> bool:
    """True if only a few leftover sentences (none matched) stand between `index` and the nearest of `group`."""
    nearest = min(group, key=lambda k: (abs(k - index), k))
    between = range(min(index, nearest) + 1, max(index, nearest))
    return len(between) <= _FAR_PART_GAP and all(k not in many_side for k in between)


_BEADS = ((1, 1), (2, 1), (1, 2), (3, 1), (1, 3))
_MAX_GAP_CELLS = 40_000  # a gap larger than this (sentences × sentences) is left to the other stages
# All gaps of one pair of documents together get at most this many cells per sentence (or _MAX_GAP_CELLS, if
# more): an article-sized pair is never cut short, and two long unrelated texts are not a million small DPs.
_GAP_CELLS_PER_SENTENCE = 4


def _next_to(index: int, group: Sequence[int]) -> bool:
    """True if `index` is adjacent to a sentence of `group`: split parts stand together."""
    return any(abs(index - k) == 1 for k in group)


def _fill_gaps(
    scorer: Scorer,
    opts: AlignOptions,
    groups_a: dict[int, list[int]],
    groups_b: dict[int, list[int]],
    n_a: int,
    n_b: int,
    copies: tuple[set[int], set[int]] = (set(), set()),
) -> None:
    """Align the leftovers between each two consecutive in-order anchors, in order.

    Within one gap the two versions tell the same part of the story, so a
    monotone alignment (the classic sentence-alignment dynamic programme with
    1-1, 2-1, 1-2, 3-1 and 1-3 beads, and skips) finds rewordings, merges and
    splits that are too weak to trust anywhere else in the document. A bead
    scores (similarity − gap_threshold) × its size; skipping scores 0.
    """
    anchors = sorted((i, js[0]) for i, js in groups_a.items())
    keys = [scorer.tiebreak([i], [j]) for i, j in anchors]
    fence = [(-1, -1)] + [anchors[k] for k in in_order(anchors, n_a, n_b, keys)] + [(n_a, n_b)]
    budget = max(_MAX_GAP_CELLS, _GAP_CELLS_PER_SENTENCE * (n_a + n_b))  # all gaps together, in reading order
    for (i0, j0), (i1, j1) in itertools.pairwise(fence):
        left_a = [i for i in range(i0 + 1, i1) if i not in groups_a and i not in copies[0]]
        left_b = [j for j in range(j0 + 1, j1) if j not in groups_b and j not in copies[1]]
        cells = len(left_a) * len(left_b)
        if not left_a or not left_b or cells > min(_MAX_GAP_CELLS, budget):
            continue
        budget -= cells
        threshold = scorer.gap_threshold(opts.gap_threshold, cells)
        for side_a, side_b in _gap_beads(scorer, threshold, left_a, left_b, n_a, n_b):
            for i in side_a:
                groups_a[i] = list(side_b)
            for j in side_b:
                groups_b[j] = list(side_a)


def _gap_beads(
    scorer: Scorer, threshold: float, left_a: Sequence[int], left_b: Sequence[int], n_a: int, n_b: int
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The best monotone bead sequence through one gap (dynamic programme).

    Each cell keeps (score, −spread, tiebreak): between equal scores the path
    whose beads stand nearer the diagonal wins, then the one with the larger
    content-drawn tiebreak; all three read the same from either side.
    """
    n, m = len(left_a), len(left_b)
    best: list[list[tuple[float, float, int]]] = [[(0.0, 0.0, 0)] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for x in range(n + 1):
        for y in range(m + 1):
            if x == 0 and y == 0:
                continue
            choice: tuple[tuple[float, float, int], tuple[int, int]] = ((-1.0, 0.0, 0), (0, 0))
            if x and best[x - 1][y] > choice[0]:
                choice = (best[x - 1][y], (1, 0))
            if y and best[x][y - 1] > choice[0]:
                choice = (best[x][y - 1], (0, 1))
            for p, q in _BEADS:
                if p <= x and q <= y:
                    side_a, side_b = left_a[x - p : x], left_b[y - q : y]
                    if (p > 1 or q > 1) and not scorer.parts_explained(side_a, side_b):
                        continue
                    sim = scorer.union_dice(side_a, side_b)
                    if sim > threshold:
                        before = best[x - p][y - q]
                        spread = abs((side_a[0] + p / 2) / n_a - (side_b[0] + q / 2) / n_b)
                        value = (
                            round(before[0] + (sim - threshold) * (p + q) / 2, 9),
                            round(before[1] - spread, 9),
                            before[2] + scorer.tiebreak(side_a, side_b),
                        )
                        if value > choice[0]:
                            choice = (value, (p, q))
            best[x][y], back[x][y] = choice
    beads = []
    x, y = n, m
    while x or y:
        step = back[x][y]
        assert step is not None
        p, q = step
        if p and q:
            beads.append((tuple(left_a[x - p : x]), tuple(left_b[y - q : y])))
        x, y = x - p, y - q
    return beads


def _links(groups_a: dict[int, list[int]], groups_b: dict[int, list[int]], n_a: int, n_b: int) -> list[Link]:
    """Connected components of the matches, plus one link per leftover sentence."""
    seen_a: set[int] = set()
    links: list[Link] = []
    for i in range(n_a):
        if i in seen_a:
            continue
        if i not in groups_a:
            links.append(Link((i,), ()))
            seen_a.add(i)
            continue
        side_a, side_b = {i}, set()
        stack_a = [i]
        while stack_a:
            x = stack_a.pop()
            for j in groups_a[x]:
                if j not in side_b:
                    side_b.add(j)
                    for y in groups_b[j]:
                        if y not in side_a:
                            side_a.add(y)
                            stack_a.append(y)
        seen_a |= side_a
        links.append(Link(tuple(sorted(side_a)), tuple(sorted(side_b))))
    links.extend(Link((), (j,)) for j in range(n_b) if j not in groups_b)
    return links


def in_order(points: Sequence[tuple[int, int]], n_a: int, n_b: int, keys: Sequence[int] | None = None) -> list[int]:
    """Positions of the matched pairs that keep their order: a longest chain increasing on both sides.

    `points` are (A index, B index) pairs with distinct A indices. Among chains of
    the greatest length, the one whose pairs stand nearest the diagonal (by
    relative position) wins, then the one ending nearer the top, then the one
    whose last pair has the larger `keys` entry (a number drawn from the pair's
    content, the same whichever side is A): rules that read the same from either
    side, so the pairs left off the chain — the moved ones — are the same
    whichever version is A. O(n log n): a Fenwick tree of the best chain ending
    below each B position.

    >>> in_order([(0, 0), (1, 3), (2, 1), (3, 2), (4, 5), (5, 4)], 6, 6)
    [0, 2, 3, 5]
    """
    if not points:
        return []
    order = sorted(range(len(points)), key=lambda k: points[k][0])
    size = max(j for _, j in points) + 1
    # Fenwick tree over B positions of (chain weight, -(i + j), min(i, j), content key of its last pair,
    # its position): the tie-breaks all read the same from either side.
    tree: list[tuple[int, int, int, int, int]] = [(0, 0, 0, 0, -1)] * (size + 1)
    best: list[tuple[int, int, int, int, int]] = [(0, 0, 0, 0, -1)] * len(points)
    parent = [-1] * len(points)
    scale = 10**6
    for k in order:
        i, j = points[k]
        weight = scale * scale - round(_spread(i, j, n_a, n_b) * scale)  # length first, then nearness to the diagonal
        prefix, x = (0, 0, 0, 0, -1), j  # best chain among pairs with a smaller B index
        while x > 0:
            prefix = max(prefix, tree[x])
            x -= x & -x
        key = keys[k] if keys is not None else 0
        best[k], parent[k] = (prefix[0] + weight, -(i + j), min(i, j), key, k), prefix[4]
        x = j + 1
        while x <= size:
            tree[x] = max(tree[x], best[k])
            x += x & -x
    end = max(best)[4]
    chain = []
    while end >= 0:
        chain.append(end)
        end = parent[end]
    return sorted(chain, key=lambda k: points[k][0])
