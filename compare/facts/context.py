"""What every fact detector needs to know about one aligned group.

A `GroupView` holds both sides of a group: the document texts, the group's
sentences, their word tokens (with offsets into the documents) and which of
those words stand where any word would be capitalised anyway (sentence or
quote starts). Detectors read it; `finding()` turns a detection into a
`Finding` with the side offsets filled in consistently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Literal

from ..model import Comparison, Group, Sentence, WordOp
from ..normalise import Token, tokenize
from ..worddiff import marked, word_diff
from .finding import Finding, FindingKind

__all__ = ["LOOSE_SCORE", "MIN_SCORE", "GroupView", "Side", "finding", "link_views", "views"]

# Below this similarity the two sides of a group may not say the same thing at all (the aligner pairs
# leftovers between matched neighbours generously), so only quotes matched by their own words are compared.
MIN_SCORE = 0.5
# Down to this similarity a group is still looked at, but a fact counts as changed only with local
# evidence that it is the same mention edited: the same words around it, or a shared part
# ("July 2012" / "July 2011"). Rewrites split, merge and reword sentences that still carry one fact.
LOOSE_SCORE = 0.3

# Characters after which the next word is capitalised by convention, not because it is a name.
_OPENERS = set("\u201c\u2018\u00ab\"'(:[\u2014\u2013-")


@lru_cache(maxsize=65_536)
def sentence_tokens(text: str, start: int, end: int) -> tuple[Token, ...]:
    """The words of one sentence, read once however many detectors ask (a group's side is asked often)."""
    return tuple(tokenize(text, start, end))


@dataclass
class Side:
    """One side of a group: its document text and the group's sentences on that side."""

    name: Literal["a", "b"]
    text: str
    sentences: tuple[Sentence, ...]
    document_words: str = field(repr=False, default="")  # the whole document's token keys, space-padded
    memo: dict[str, Any] = field(repr=False, default_factory=dict)  # what detectors work out once per side

    @property
    def start(self) -> int:
        """Where the side's first sentence starts (0 when there is none): where an empty span goes."""
        return self.sentences[0].start if self.sentences else 0

    @cached_property
    def tokens(self) -> list[Token]:
        """The words of the side's sentences, offsets into the document text."""
        return [t for s in self.sentences for t in sentence_tokens(self.text, s.start, s.end)]

    @cached_property
    def words(self) -> set[str]:
        """The token keys of the side."""
        return {t.key for t in self.tokens}

    @cached_property
    def initial(self) -> set[int]:
        """Start offsets of tokens capitalised by position: a sentence's first word, or the first after a quote mark."""
        out: set[int] = set()
        for s in self.sentences:
            previous_end = s.start
            for n, token in enumerate(sentence_tokens(self.text, s.start, s.end)):
                gap = self.text[previous_end : token.start]
                if n == 0 or any(c in _OPENERS for c in gap):
                    out.add(token.start)
                previous_end = token.end
        return out

    def contains(self, phrase: str, *, anywhere: bool = False) -> bool:
        """True when the words of `phrase` appear, in order and as whole words, in this side
        (or anywhere in its document when `anywhere`); case and typography do not count."""
        words = " ".join(t.key for t in tokenize(phrase))
        return bool(words) and f" {words} " in (self.document_words if anywhere else self.word_key)

    @cached_property
    def word_key(self) -> str:
        """The side's token keys joined by single spaces (punctuation dropped), padded with spaces."""
        return _word_key(self.tokens)


def _word_key(tokens: Sequence[Token]) -> str:
    return " " + " ".join(t.key for t in tokens) + " "


@dataclass
class GroupView:
    """Both sides of one aligned group, with its word diff."""

    index: int
    group: Group
    a: Side
    b: Side
    # Speakers that `quotes` reported as changed (A span, B span): one change, so `entities` stays silent on them.
    renamed_speakers: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # A view of a `repeat` or `partial` link, not of a group: the two sentences share content, and one may say
    # more than that (a clause, a caption's few words), so nothing is known of the rest of either.
    linked: bool = False

    @property
    def reliable(self) -> bool:
        """The two sides are similar enough that a different name, date, figure or hedge is a change of fact."""
        return self.group.score >= MIN_SCORE

    @property
    def loose(self) -> bool:
        """Too different to trust as a whole, similar enough to look for facts edited in place."""
        return LOOSE_SCORE <= self.group.score < MIN_SCORE

    def side(self, name: Literal["a", "b"]) -> Side:
        """Side `name`."""
        return self.a if name == "a" else self.b

    @cached_property
    def replaced(self) -> list[tuple[list[Token], list[Token]]]:
        """The words on each side of every `replace` operation of the group's word diff."""
        out = []
        for op in self.group.diff:
            if op.op == "replace":
                out.append(
                    (
                        [t for t in self.a.tokens if op.a_start <= t.start < op.a_end],
                        [t for t in self.b.tokens if op.b_start <= t.start < op.b_end],
                    )
                )
        return out


def views(result: Comparison) -> list[GroupView]:
    """A view of every group that has sentences on both sides (the only ones whose facts can differ), then
    one of every `repeat` and `partial` link (see `link_views`)."""
    a_key = _word_key([t for s in result.a_sentences for t in sentence_tokens(result.a.text, s.start, s.end)])
    b_key = _word_key([t for s in result.b_sentences for t in sentence_tokens(result.b.text, s.start, s.end)])
    out = []
    for n, group in enumerate(result.groups):
        if not group.a or not group.b:
            continue
        if group.kind == "identical" and _symbols(result, group.a, "a") == _symbols(result, group.b, "b"):
            continue  # the same words and the same currency signs: nothing can differ
        a = Side("a", result.a.text, tuple(result.a_sentences[i] for i in group.a), a_key)
        b = Side("b", result.b.text, tuple(result.b_sentences[j] for j in group.b), b_key)
        out.append(GroupView(n, group, a, b))
    return out + link_views(result, a_key, b_key)


def link_views(result: Comparison, a_key: str, b_key: str) -> list[GroupView]:
    """A view of the two sentences of every `repeat` and `partial` link (#17); `a_key` and `b_key` are the
    documents' token keys (`Side.document_words`), as `views` worked them out.

    Groups partition the sentences, so a caption that repeats the lede (a `repeated` group, one side
    only) or a sentence that shares a clause with one in another group is in no group with the sentence
    it restates, and a figure changed between them would go unseen. Each such link is looked at as a
    one-to-one group: a repeat (most content shared) is scored by the link's score, so usually `reliable`;
    a partial link is always `loose` (its score is low by nature: one sentence also says something else),
    so there a fact counts as changed only with local evidence, the same words around it.
    Findings are filed under the group of the restating sentence: the `repeated` group when one side is
    one, else the group of B's sentence. Links between identical sentences are skipped, and so are those of a
    sentence linked to more than one sentence beyond its group: which of them it restates is unknown (list
    articles repeat a line for each item), and a figure compared with the wrong one is a false finding.
    """
    group_of_a = {i: n for n, g in enumerate(result.groups) for i in g.a}
    group_of_b = {j: n for n, g in enumerate(result.groups) for j in g.b}
    extra = [k for k in result.links if k.kind in ("repeat", "partial")]
    links_of_a = Counter(k.a for k in extra)
    links_of_b = Counter(k.b for k in extra)
    out = []
    for link in extra:
        if links_of_a[link.a] > 1 or links_of_b[link.b] > 1:
            continue  # a template line ("Average tips: £60 per shift") restates several: which one is unknown
        sa, sb = result.a_sentences[link.a], result.b_sentences[link.b]
        if sa.text == sb.text:
            continue  # the same sentence said twice: nothing can differ
        tokens_a = sentence_tokens(result.a.text, sa.start, sa.end)
        tokens_b = sentence_tokens(result.b.text, sb.start, sb.end)
        diff = word_diff(tokens_a, tokens_b, sa.start, sb.start, texts=(result.a.text, result.b.text))
        # A partial link shares one clause and says something else besides: judged as loose whatever its score.
        similarity = link.score if link.kind == "repeat" else LOOSE_SCORE
        group = Group(a=(link.a,), b=(link.b,), kind="modified", score=similarity, diff=diff)
        n_a, n_b = group_of_a.get(link.a), group_of_b.get(link.b)
        index = n_a if n_a is not None and result.groups[n_a].kind == "repeated" else n_b
        if index is None:
            continue
        a = Side("a", result.a.text, (sa,), a_key)
        b = Side("b", result.b.text, (sb,), b_key)
        out.append(GroupView(index, group, a, b, linked=True))
    return out


_SIGNS = re.compile("[$\u00a3\u20ac\u00a5%]")


def _symbols(result: Comparison, indices: Sequence[int], side: Literal["a", "b"]) -> list[str]:
    """The currency and percent signs of some sentences: words that matching ignores ("$5m" is "£5m" to it)."""
    sentences = result.a_sentences if side == "a" else result.b_sentences
    return [m.group() for i in indices for m in _SIGNS.finditer(sentences[i].text)]


def finding(
    view: GroupView,
    kind: FindingKind,
    a_span: tuple[int, int] | None,
    b_span: tuple[int, int] | None,
    explanation: str,
    **extra: Any,
) -> Finding:
    """A `Finding` for `view`'s group; a side given as None gets an empty span where its group starts."""
    a_start, a_end = a_span if a_span else (view.a.start, view.a.start)
    b_start, b_end = b_span if b_span else (view.b.start, view.b.start)
    return Finding(
        kind=kind,
        group=view.index,
        a_text=view.a.text[a_start:a_end],
        a_start=a_start,
        a_end=a_end,
        b_text=view.b.text[b_start:b_end],
        b_start=b_start,
        b_end=b_end,
        explanation=explanation,
        **extra,
    )


def plain_diff(ops: Sequence[WordOp], a_text: str, b_text: str) -> str:
    """Word operations as `git diff --word-diff` text: `kept [-old-]{+new+}`."""
    parts = []
    for op in ops:
        old, new = a_text[op.a_start : op.a_end], b_text[op.b_start : op.b_end]
        if op.op == "equal":
            parts.append(old)
        elif op.op == "delete":
            parts.append(marked(old, "delete"))
        elif op.op == "insert":
            parts.append(marked(new, "insert"))
        else:
            parts.append(marked(old, "delete") + marked(new, "insert"))
    return " ".join(parts)
