"""Quotations that change between the two sides of a group.

`quote_altered` (the quoted words differ; the finding carries the word diff
of the quote alone), `quote_dropped`, `quote_added`, and
`attribution_changed` (the same quote given to a different named speaker).

Quotes are found in the whole document first, so a quote that runs over
several sentences, or several paragraphs (news style: each paragraph opens
with a quotation mark, only the last one closes), is one quote; then each
group sees the parts of quotes inside its sentences. Curly and straight
double quotes, guillemets and curly single quotes at the top level are
quotation marks; a single quote inside a double-quoted span is part of it
(nested). A quote split around its attribution — “We will,” he said, “go on.”
— is one quote. Quoted words are compared by their word keys, so curly
versus straight marks, case and punctuation never count as a change.

Decisions, for precision: dropped and added quotes are reported only inside
groups aligned on both sides — a deleted sentence is already reported as
deleted — and not when the quote (or a close version of it) appears
elsewhere in the other document, where it has moved rather than gone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import Match, SequenceMatcher
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from ..model import Sentence
from ..normalise import Token, letters, tokenize
from ..stopwords import STOPWORDS
from ..worddiff import word_diff
from .context import GroupView, Side, finding, plain_diff, sentence_tokens
from .entities import same_entity
from .finding import Finding
from .numbers import figures

__all__ = ["Quote", "document_quotes", "find_quotes", "quote_parts", "quote_spans", "side_quotes"]

_OPEN = "\u201c\u00ab\u201e"
_CLOSE = "\u201d\u00bb"
_TRIM = " \t,.;:\u2014\u2013-"
_VERBS = (
    r"said|says|say|added|adds|told|tells|asked|asks|explained|continued|insisted|wrote|writes|warned|"
    r"argued|replied|stressed|noted|declared|claimed|claims|admitted|recalled|tweeted|pointed\s+out|points\s+out|"
    r"observed|remarked|replies|explains|insists|warns|argues|notes|recalls"
)
_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you"}
_NAME = r"[A-Z][\w'\u2019.\-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'\u2019.\-]*)*"
# Someone unnamed: "a spokesman", "the official", "a senior State Department official".
_ROLE = (
    r"(?:[Aa]n?|[Tt]he)\s+(?:[\w\-]+\s+){0,3}?(?:spokesman|spokeswoman|spokesperson|official|officials|source|"
    r"sources|aide|diplomat|minister|statement|adviser|advisor|analyst|expert|witness|police|ministry|department)"
)
_AFTER = re.compile(
    rf"^[\s,.!?\u2014\u2013-]*(?:(?:{_VERBS})\s+(?P<name1>{_ROLE}|{_NAME})|(?P<name2>{_ROLE}|{_NAME}|he|she|they|we|I)\s+(?:{_VERBS})\b"
    # "…,” Jane Doe, president of X, told the paper"
    rf"|(?P<name3>{_NAME}),[^,\u201c\u201d\"]{{1,100}},\s+(?:{_VERBS})\b)"
)
_BEFORE = re.compile(rf"(?P<name>{_ROLE}|{_NAME}|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\s+(?:{_VERBS})(?:\s+\w+)?\s*[:,]?\s*$")
# An interruption between two parts of one quote: "…,” he said, “…" — a few words and a speech verb.
_INTERRUPTION = re.compile(
    rf"^[\s,.\u2014\u2013-]*(?:\S+\s+){{0,5}}?(?:{_VERBS})(?:\s+\S+){{0,6}}?[\s,:.\u2014\u2013-]*$"
)


# Paragraphs without a quote mark that may lie inside a quote left open before them (sentence-per-line text).
_MAX_UNMARKED = 4
# Straight single quotes count where they open before a letter or close after one, never inside a word.
_STRAIGHT = "(?<![\\w'])'(?=[^\\W\\d])|(?<=[\\w.!?,])'(?![\\w'])"
_MARKS = re.compile("[" + re.escape(_OPEN + _CLOSE + '"\u2018\u2019') + "]|" + _STRAIGHT)


@lru_cache(maxsize=8)
def document_quotes(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the quotations in `text`, without their marks (and without closing punctuation).

    A quote runs over paragraphs the way news copy writes it: a paragraph left open either goes
    on in the next paragraph's opening mark (British and American style: each paragraph opens a
    mark, only the last closes), or in a paragraph that closes a mark it never opened. Each
    paragraph's part is a span of its own; `quote_parts` says which spans are one quote.

    >>> text = "“We will,” he said, \\"go on\\". It was ‘bad’, they’re sure."
    >>> [text[s:e] for s, e in document_quotes(text)]
    ['We will', 'go on', 'bad']
    """
    return _scan(text)[0]


def quote_parts(text: str) -> tuple[int, ...]:
    """For each span of `document_quotes(text)`, the number of the quote it belongs to (equal = one quote)."""
    return _scan(text)[1]


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    spans: list[tuple[int, int, int]] = []  # start, end, quote number
    number = -1
    left_open = False  # the previous paragraph ended inside a quote
    # Paragraphs without a mark since then: inside the quote if a later one closes it.
    pending: list[tuple[int, int]] = []
    tentative: int | None = None  # the index in `spans` of the quote left open, until it goes on or not

    def never_closed(index: int | None) -> None:
        """A quote that no mark closes and no paragraph continues: it ends with its first sentence.
        A straight single quote never closed was an apostrophe or a stray mark: no quote at all."""
        if index is not None:
            start, end, n = spans[index]
            if text[start - 1] == "'":
                spans[index] = (start, start, n)
            else:
                spans[index] = (start, _first_sentence_end(text, start, end), n)

    for line in re.finditer(r"[^\n\r]+", text):
        marks = list(_MARKS.finditer(text, line.start(), line.end()))
        if left_open and not marks:
            pending.append((line.start(), line.end()))
            left_open = len(pending) <= _MAX_UNMARKED
            if not left_open:
                never_closed(tentative)
            continue
        opened: int | None = None
        closer = ""
        went_on = False
        last_close = line.start()  # where the last quote closed in this paragraph
        for k, mark in enumerate(marks):  # only quote marks can open or close
            pos, c = mark.start(), mark.group()
            before = text[pos - 1] if pos > line.start() else " "
            after = text[pos + 1] if pos + 1 < line.end() else " "
            if k == 0 and left_open and c in (_CLOSE + '"') and (c != '"' or not before.isspace()):
                if text[line.start() : pos].strip():  # the quote left open earlier closes here
                    spans.extend((lo, hi, number) for lo, hi in pending)
                    spans.append((line.start(), pos, number))
                    went_on = True
                continue
            stray = opened is not None and closer == "'" and c == "'" and not before.isalnum()
            if stray and opened is not None and _SENTENCE_END.search(text, opened, pos):  # one sentence at most:
                opened = pos + 1  # the earlier mark was stray; this one opens
                continue
            if opened is None:
                if (
                    c in _OPEN
                    or (c == '"' and not after.isspace())
                    or (c == "\u2018" and not before.isalnum())
                    or (c == "'" and not before.isalnum())
                    or (c == "\u201d" and before.isspace() and after.isalnum())  # a closing mark typed to open
                ):
                    continued = k == 0 and left_open and not pending and not text[line.start() : pos].strip()
                    number += 0 if continued else 1
                    went_on = went_on or continued
                    opened, closer = pos + 1, {'"': '"', "\u2018": "\u2019", "'": "'"}.get(c, _CLOSE)
                elif c == "\u201d" and before in ",.?!" and _ATTRIBUTION_AFTER.match(text, pos + 1, line.end()):
                    # A closing mark and its attribution with no opening mark: "…sympathy,\u201d she said."
                    # The quote was never opened; it is the sentence the mark ends.
                    start = max(line.start(), last_close, _sentence_start(text, line.start(), pos))
                    number += 1
                    spans.append((start, pos, number))
            elif c in closer and (c != "\u2019" or not after.isalpha()) and (c not in "\"'" or not before.isspace()):
                spans.append((opened, pos, number))
                opened, last_close = None, pos + 1
            elif c in _OPEN and closer == _CLOSE and not before.isspace() and not after.isalnum():
                spans.append((opened, pos, number))  # an opening mark used to close ("as common as rooms\u201c in")
                opened = None
            elif c in _OPEN and closer == _CLOSE:  # a new opening mark: the last quote was never closed
                spans.append((opened, pos, number))
                never_closed(len(spans) - 1)
                opened, number = pos + 1, number + 1
        if left_open and not went_on:
            never_closed(tentative)
        tentative = None
        pending = []
        left_open = opened is not None and closer not in ("\u2019", "'")
        if opened is not None:
            spans.append((opened, line.end(), number))
            tentative = len(spans) - 1
    if left_open:
        never_closed(tentative)
    kept = []
    for start, end, n in spans:
        start, end = _trim(text, start, end)
        if any(ch.isalnum() for ch in text[start:end]):
            kept.append(((start, end), n))
    return tuple(span for span, _ in kept), tuple(n for _, n in kept)


_ATTRIBUTION_AFTER = re.compile(rf"\s*(?:(?:he|she|they|we|I|{_NAME}|{_ROLE})\s+(?:{_VERBS})|(?:{_VERBS})\s)")


def _sentence_start(text: str, floor: int, position: int) -> int:
    """Where the sentence holding `position` starts (after the last full stop before it, or at `floor`)."""
    ends = list(re.finditer(r"[.!?][\u201d\"\u2019]?\s+", text[floor:position]))
    return floor + ends[-1].end() if ends else floor


def _first_sentence_end(text: str, start: int, end: int) -> int:
    """Where the first sentence of `text[start:end]` ends (`end` when it has one sentence)."""
    m = _SENTENCE_END.search(text, start, end)
    return m.start() + 1 if m else end


_SENTENCE_END = re.compile(r"[.!?](?=[\u201d\"\u2019]?\s+[A-Z\u201c\"])")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`start:end` without surrounding spaces and closing punctuation (a quote's words, not its commas)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


@lru_cache(maxsize=8)
def _quote_index(text: str) -> tuple[tuple[tuple[int, int], ...], list[int]]:
    """The document's quotes and their end offsets, for bisection."""
    quotes = document_quotes(text)
    return quotes, [end for _, end in quotes]


def quote_spans(side: Side) -> list[tuple[int, int]]:
    """The parts of the document's quotes that fall inside the side's sentences.

    Quotes are in text order and do not overlap, so each sentence looks only at the quotes that
    end after it starts (found by bisection): linear in the document, not sentences × quotes.
    """
    if "quote_spans" in side.memo:
        cached: list[tuple[int, int]] = side.memo["quote_spans"]
        return cached
    quotes, ends = _quote_index(side.text)
    out: list[tuple[int, int]] = []
    side.memo["quote_spans"] = out
    for s in side.sentences:
        for start, end in quotes[bisect_right(ends, s.start) :]:
            if start >= s.end:
                break
            lo, hi = _trim(side.text, max(start, s.start), min(end, s.end))
            if lo < hi:
                out.append((lo, hi))
    return out


@dataclass
class Quote:
    """One quotation on one side of a group, possibly in parts (split by an attribution or a sentence break)."""

    parts: list[tuple[int, int]]
    tokens: list[Token]
    speaker: str | None  # a name, a pronoun, or None when no "X said" pattern is near
    speaker_span: tuple[int, int] | None = None  # where the speaker is named

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.tokens]

    @property
    def key(self) -> str:
        return " ".join(self.keys)


def side_quotes(side: Side) -> list[Quote]:
    """The quotes of one side, parts joined when only an attribution or a sentence break lies between them."""
    whole = document_quotes(side.text)
    numbers = quote_parts(side.text)
    quotes: list[Quote] = []
    previous_source = -1
    for lo, hi in quote_spans(side):
        source = numbers[bisect_right(whole, (lo, len(side.text) + 1)) - 1]
        tokens = tokenize(side.text, lo, hi)
        if quotes:
            last = quotes[-1]
            joined = source == previous_source or _interrupted(side.text, last.end, lo)
            if joined:
                last.parts.append((lo, hi))
                last.tokens.extend(tokens)
                previous_source = source
                continue
        quotes.append(Quote([(lo, hi)], tokens, None))
        previous_source = source
    for quote in quotes:
        said = _speaker(side, quote)
        if said:
            quote.speaker, quote.speaker_span = said[0], (said[1], said[2])
    return quotes


def _interrupted(text: str, end: int, start: int) -> bool:
    """Only an attribution lies between two quotes, and the first goes on: “We will,” he said, “go on.”"""
    between = text[end:start]
    if len(between) > 80 or any(c in "?!." for c in between.split("\u201d")[0].split('"')[0]):
        return False  # the first quote ended its sentence: the second is a new one
    if between.rstrip(' \u201c"').endswith(":"):
        return False  # "X said: “…" introduces a quote of its own
    return bool(_INTERRUPTION.match(between.replace("\u201d", "").replace("\u201c", "").replace('"', "")))


def _speaker(side: Side, quote: Quote) -> tuple[str, int, int] | None:
    """Who says the quote, and where, from "…,” X said" / "said X" after it, between its parts,
    or "X said: “…" before it."""
    sentence = _sentence_at(side, quote.start)
    if sentence is None:
        return None
    for (_, end), (nxt, _) in zip(quote.parts, [*quote.parts[1:], (sentence.end, 0)], strict=True):
        raw = side.text[end : min(nxt, sentence.end)]
        tail = raw.lstrip(_TRIM + "\u201d\"'\u2019")
        m = _AFTER.match(" " + tail)
        if m:
            group = next(g for g in ("name1", "name2", "name3") if m.group(g))
            base = end + len(raw) - len(tail) - 1
            return m.group(group), base + m.start(group), base + m.end(group)
    head = side.text[sentence.start : quote.start].rstrip("\u201c\"'\u2018 ")
    m = _BEFORE.search(head)
    return (m.group("name"), sentence.start + m.start("name"), sentence.start + m.end("name")) if m else None


def _similar(a: Quote, b: Quote) -> float:
    return fuzz.ratio(a.key, b.key) / 100


# Up to this many quotes in the other document, every one is checked; beyond it, only those sharing a rare
# word with the quote, so a document with thousands of quotes costs time in proportion, not its square.
_SCAN_ALL_QUOTES = 200
_RARE_WORDS = 3


@dataclass(frozen=True)
class _QuoteIndex:
    """The quotes of one document as word keys, joined for substring search, and indexed by word."""

    keys: tuple[str, ...]
    joined: str  # the keys separated by NUL, which no key holds: `x in joined` is `any(x in key)`
    by_word: dict[str, list[int]]


@lru_cache(maxsize=8)
def _document_quote_keys(text: str) -> _QuoteIndex:
    keys = tuple(" ".join(t.key for t in tokenize(text, s, e)) for s, e in document_quotes(text))
    by_word: dict[str, list[int]] = {}
    if len(keys) > _SCAN_ALL_QUOTES:
        for n, key in enumerate(keys):
            for word in set(key.split()):
                by_word.setdefault(word, []).append(n)
    return _QuoteIndex(keys, "\0".join(keys), by_word)


def _elsewhere(quote: Quote, other: Side) -> bool:
    """The quote, or a close version of it, is quoted somewhere in the other document (it moved, not went)."""
    if not quote.key:
        return True
    index = _document_quote_keys(other.text)
    if quote.key in index.joined:
        return True
    if len(quote.keys) <= 3:
        return False
    if len(index.keys) <= _SCAN_ALL_QUOTES:
        candidates: Sequence[str] = index.keys
    else:  # a close version shares at least one of the quote's rarest words
        words = sorted(set(quote.keys), key=lambda w: (len(index.by_word.get(w, ())), w))[:_RARE_WORDS]
        found = sorted({n for w in words for n in index.by_word.get(w, ())})
        candidates = [index.keys[n] for n in found]
    return process.extractOne(quote.key, candidates, scorer=fuzz.partial_ratio, score_cutoff=90) is not None


def find_quotes(view: GroupView) -> list[Finding]:
    """Quote findings for one group."""
    quotes_a, quotes_b = side_quotes(view.a), side_quotes(view.b)
    if not quotes_a and not quotes_b:
        return []
    # Most similar pairs first, so a quote B keeps word for word is not taken by a near neighbour of it.
    pairs: list[tuple[Quote, Quote]] = []
    candidates = sorted(
        ((_similar(qa, qb), n, m) for n, qa in enumerate(quotes_a) for m, qb in enumerate(quotes_b)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    for similarity, n, m in candidates:
        if n in taken_a or m in taken_b:
            continue
        if quotes_a[n].key == quotes_b[m].key or similarity >= 0.6:
            pairs.append((quotes_a[n], quotes_b[m]))
            taken_a.add(n)
            taken_b.add(m)
    left_a = [q for n, q in enumerate(quotes_a) if n not in taken_a]
    left_b = [q for m, q in enumerate(quotes_b) if m not in taken_b]
    # Quotes of one or two words are mostly terms and scare quotes ("art", "peak vape"), not quotations
    # someone made; only where the sentence says someone said them ("told reporters he had “disabused”")
    # is a rewrite that drops them a dropped quote.
    left_a = [q for q in left_a if not _term(view.a, q)]
    left_b = [q for q in left_b if not _term(view.b, q)]
    if len(left_a) == 1 and len(left_b) == 1 and view.reliable:  # one quote each side: the same quote, edited
        pairs.append((left_a[0], left_b[0]))
        left_a, left_b = [], []
    elif left_a and left_b:
        # Quotes on both sides that match none: the aligned sentences quote in other words, too loosely
        # to diff. Neither side's quote was dropped or added.
        left_a, left_b = [], []
    # A quote left over in a sentence where another quote of the same side was matched is part of that
    # quotation, split differently by the other side ("“A,” they pointed out in the paper, “B.”"): not dropped.
    paired_a = {_sentence_of(view.a, qa.start) for qa, _ in pairs}
    paired_b = {_sentence_of(view.b, qb.start) for _, qb in pairs}
    left_a = [q for q in left_a if _sentence_of(view.a, q.start) not in paired_a]
    left_b = [q for q in left_b if _sentence_of(view.b, q.start) not in paired_b]
    out: list[Finding] = []
    for qa, qb in sorted(pairs, key=lambda pair: pair[0].start):
        if _reworded(_canonical(view.a, qa), _canonical(view.b, qb)):
            out.append(_altered(view, qa, qb))
        changed = _speaker_changed(qa.speaker, qb.speaker)
        if changed:
            if qa.speaker_span and qb.speaker_span:
                view.renamed_speakers.append((qa.speaker_span, qb.speaker_span))
            out.append(
                finding(
                    view,
                    "attribution_changed",
                    (qa.start, qa.end),
                    (qb.start, qb.end),
                    f"A attributes the quote to '{qa.speaker}', B to '{qb.speaker}'",
                )
            )
    # A document with no quotation mark at all, against one with several, lost its marks (a copy stripped
    # of curly quotes): whether it still quotes the words cannot be told, so no quote is dropped or added.
    # Where the words are not found there either, the quote is dropped or added as usual.
    if _unmarked(view.b.text, view.a.text):
        found, left_a = _against_unmarked(view, left_a, "a")
        out.extend(found)
    if _unmarked(view.a.text, view.b.text):
        found, left_b = _against_unmarked(view, left_b, "b")
        out.extend(found)
    for quote in left_a:
        if _elsewhere(quote, view.b) or _scare_quote(quote, view.b):
            continue
        unquoted = view.b.contains(view.a.text[quote.start : quote.end])
        explanation = "B keeps the words but not as a quote" if unquoted else "B drops this quote"
        out.append(finding(view, "quote_dropped", (quote.start, quote.end), None, explanation))
    for quote in left_b:
        if _elsewhere(quote, view.a) or _scare_quote(quote, view.a):
            continue
        unquoted = view.a.contains(view.b.text[quote.start : quote.end])
        explanation = "B quotes words A did not present as a quote" if unquoted else "B adds this quote"
        out.append(finding(view, "quote_added", None, (quote.start, quote.end), explanation))
    return out


_TERM_WORDS = 2
_SEVERAL = 2


# A's quoted words found in B's unmarked text: at least this share of them, in order, within a stretch of
# B no longer than this many times the quote.
_PLAIN_SHARE = 0.5
_PLAIN_STRETCH = 1.5
_ATTRIBUTION_WORDS = 4


def _plain_twin(other: Side, quote: Quote) -> list[Token]:
    """The stretch of `other`'s words that says most of the quote's words, in order, without quotation
    marks (typography folded); empty when there is none."""
    keys = [letters(k) for k in quote.keys]
    tokens = other.tokens
    other_keys = [letters(t.key) for t in tokens]
    blocks = [m for m in SequenceMatcher(None, keys, other_keys, autojunk=False).get_matching_blocks() if m.size]
    blocks = _without_narration(blocks, tokens, other.text)
    if not blocks or sum(m.size for m in blocks) < _PLAIN_SHARE * len(keys):
        return []
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size
    return tokens[first:last] if last - first <= _PLAIN_STRETCH * len(keys) else []


def _without_narration(blocks: list[Match], tokens: Sequence[Token], text: str) -> list[Match]:
    """`blocks` without a word or two matched at either end across a verb of saying in `tokens`.

    Without quotation marks, the quote's last word found in B's attribution ("…of the brain, said Simon
    Baron-Cohen, director of the Autism Research Centre") or its first found in B's narration ("the
    director of a youth organisation, said afterwards: What I will remember…") would stretch the quote
    over words nobody said.
    """

    def narration_between(before: Match, after: Match) -> bool:
        start, end = before.b + before.size, after.b  # the unmatched words of `tokens` between the two
        return start < end and bool(_SPEECH_VERB.search(text, tokens[start].start, tokens[end - 1].end))

    blocks = list(blocks)
    while len(blocks) > 1 and blocks[0].size <= _TERM_WORDS and narration_between(blocks[0], blocks[1]):
        blocks.pop(0)
    while len(blocks) > 1 and blocks[-1].size <= _TERM_WORDS and narration_between(blocks[-2], blocks[-1]):
        blocks.pop()
    return blocks


def _against_unmarked(
    view: GroupView, quotes: list[Quote], marked: Literal["a", "b"]
) -> tuple[list[Finding], list[Quote]]:
    """The quotes of side `marked` looked for in the other side, which has no quotation marks at all:
    (`quote_altered` findings, the quotes found neither as the same words nor as the same speech)."""
    plain = view.b if marked == "a" else view.a
    twins = [(q, _plain_twin(plain, q)) for q in quotes]
    found = [f for f in (_plain_altered(view, q, twin, marked) for q, twin in twins if twin) if f is not None]
    left = [q for q, twin in twins if not twin]
    if view.linked:  # two sentences linked beyond their groups share content, not a whole speech
        return found, left
    kept = [(q, _speech_kept(plain, q)) for q in left]
    found += [_speech_reworded(view, q, speech[0], marked) for q, speech in kept if speech and not speech[1]]
    return found, [q for q, speech in kept if speech is None]


def _plain_altered(view: GroupView, quote: Quote, twin: list[Token], marked: Literal["a", "b"]) -> Finding | None:
    """The quote of side `marked` compared with `twin`, the same words in the other side, which has no
    quotation marks at all: `quote_altered` when it says them with words changed inside, None when it keeps
    them. Typography does not count ("I’m" / "Im"), nor an attribution put between the words ("You should,
    he said, and …"). Reads the same from either side."""
    if len(quote.tokens) < _TERM_WORDS + 2:
        return None
    forward = marked == "a"
    quote_span, plain_span = (quote.start, quote.end), (twin[0].start, twin[-1].end)
    if forward:
        diff = word_diff(quote.tokens, twin, quote.start, twin[0].start)
    else:
        diff = word_diff(twin, quote.tokens, twin[0].start, quote.start)
    plain_extra, quoted_extra = ("insert", "delete") if forward else ("delete", "insert")
    ops = []
    for op in diff:
        a_text, b_text = view.a.text[op.a_start : op.a_end], view.b.text[op.b_start : op.b_end]
        quoted, plain = (a_text, b_text) if forward else (b_text, a_text)
        if op.op == "replace" and (
            letters(quoted) == letters(plain) or letters(quoted, ascii_only=True) == letters(plain)
        ):
            op = replace(op, op="equal")  # typography lost: "I’m" / "Im", "signiﬁcant" / "signi cant"
        elif op.op == plain_extra and len(plain.split()) <= _ATTRIBUTION_WORDS and _SPEECH_VERB.search(plain):
            op = replace(op, op="equal")  # an attribution between the quoted words
        ops.append(op)
    while ops and ops[-1].op == quoted_extra:
        ops.pop()  # the plain side says less of the quote: a trimmed quote, not a changed one
    while ops and ops[0].op == quoted_extra:
        ops.pop(0)
    changed = [op for op in ops if op.op != "equal"]
    if not changed:
        return None
    return finding(
        view,
        "quote_altered",
        quote_span if forward else plain_span,
        plain_span if forward else quote_span,
        f"{'B' if forward else 'A'} has no quotation marks; the quoted words differ in its text ({len(changed)} "
        f"change{'s' if len(changed) != 1 else ''})",
        quote_diff=ops,
        diff_text=plain_diff(ops, view.a.text, view.b.text),
    )


# A quote B still gives as speech, in other words: at least this share of its content words in one of B's
# sentences, and at least this many of them.
_GIST_SHARE = 1 / 3
_GIST_WORDS = 2
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur|me|us)\b")


def _speech_kept(other: Side, quote: Quote) -> tuple[Sentence, bool] | None:
    """The sentence of `other` (which has no quotation marks) that still gives `quote` as someone's speech,
    and whether it only trims the quote: it holds a third of the quote's content words and says who speaks
    ("he said", "says Murray") or speaks in the first person, or it is a stretch of the quote's own words
    (`_trimmed`). None when there is none: then the quote was dropped.

    A document stripped of its quotation marks cannot show a quote, only speech; speech kept with other
    words is a changed quote, not a dropped one.
    """
    content = {letters(k) for k in quote.keys if k not in STOPWORDS}
    if len(content) < _GIST_WORDS:
        return None
    best, best_shared = None, 0
    for sentence in other.sentences:
        words = {letters(t.key) for t in sentence_tokens(other.text, sentence.start, sentence.end)}
        shared = len(content & words)
        if shared > best_shared:
            best, best_shared = sentence, shared
    if best is None or best_shared < max(_GIST_WORDS, _GIST_SHARE * len(content)):
        return None
    spoken = _SPEECH_VERB.search(other.text, best.start, best.end) or _FIRST_PERSON.search(
        other.text, best.start, best.end
    )
    trimmed = _trimmed(other, quote, best)
    return (best, trimmed) if spoken or trimmed else None


def _trimmed(other: Side, quote: Quote, sentence: Sentence) -> bool:
    """`sentence` says a stretch of the quote's words (or the quote whole) and nothing else but, at most, who
    said it ("We know the town needs to change, she said"): a trimmed quote, not a changed one."""
    tokens = sentence_tokens(other.text, sentence.start, sentence.end)
    quoted, said = [letters(k) for k in quote.keys], [letters(t.key) for t in tokens]
    run = SequenceMatcher(None, quoted, said, autojunk=False).find_longest_match(0, len(quoted), 0, len(said))
    if not run.size:
        return False
    rest = tokens[: run.b] + tokens[run.b + run.size :]  # the sentence's words outside the quote's stretch
    return not rest or (len(rest) <= _ATTRIBUTION_WORDS and any(_SPEECH_VERB.fullmatch(t.key) for t in rest))


def _speech_reworded(view: GroupView, quote: Quote, sentence: Sentence, marked: Literal["a", "b"]) -> Finding:
    """`quote_altered` for a quote of side `marked` that the other side, without quotation marks, gives as
    speech in other words (`sentence`, not a trim of the quote): no word diff (the words around the speech
    cannot be told from it), that side's whole sentence shown."""
    plain = view.b if marked == "a" else view.a
    quote_span, plain_span = (quote.start, quote.end), _trim(plain.text, sentence.start, sentence.end)
    return finding(
        view,
        "quote_altered",
        quote_span if marked == "a" else plain_span,
        plain_span if marked == "a" else quote_span,
        f"{'B' if marked == 'a' else 'A'} has no quotation marks and gives this speech in other words",
    )


def _unmarked(text: str, other: str) -> bool:
    """`text` has no quotation at all while `other` has several: its marks were lost, not its quotes."""
    return not document_quotes(text) and len(document_quotes(other)) >= _SEVERAL


_SPEECH_VERB = re.compile(rf"\b(?:{_VERBS}|accused|called|described|promised|vowed)\b", re.IGNORECASE)


def _term(side: Side, quote: Quote) -> bool:
    """Quoted words that name or label rather than quote: one or two words with no one said to say them,
    a title in capitals ("‘If Our Bodies Could Talk’"), or a phrase used as a noun after "a"/"an"/"the"
    ("a “critical cargo delivery” company")."""
    words = side.text[quote.start : quote.end].split()
    if len(quote.keys) <= _TERM_WORDS:
        return not _reported_speech(side, quote)
    if len(words) > 1 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return len(quote.parts) == 1 and quote.start > 1 and side.text[quote.start - 2] != ":"
    before = side.text[max(0, quote.start - 5) : quote.start - 1].split()
    return len(quote.keys) <= 6 and bool(before) and before[-1].lower() in ("a", "an", "the")


def _reported_speech(side: Side, quote: Quote) -> bool:
    """The sentence holding the quote has a verb of saying: the quoted words are someone's."""
    sentence = _sentence_at(side, quote.start)
    return sentence is not None and bool(_SPEECH_VERB.search(side.text, sentence.start, sentence.end))


def _sentence_at(side: Side, position: int) -> Sentence | None:
    """The side's sentence holding `position`, or None."""
    return next((s for s in side.sentences if s.start <= position < s.end), None)


def _sentence_of(side: Side, position: int) -> int:
    """The index of the side's sentence holding `position` (-1 when none does)."""
    sentence = _sentence_at(side, position)
    return -1 if sentence is None else sentence.index


def _scare_quote(quote: Quote, other: Side) -> bool:
    """A few words in quotation marks that the other side has without them ("the ‘perfect’ lives" /
    "seemingly perfect lives"): marks of emphasis or a term, not a quotation someone made."""
    return len(quote.keys) <= 4 and f" {quote.key} " in other.word_key


def _reworded(a: list[str], b: list[str]) -> bool:
    """The quoted words differ, other than by one side quoting only a stretch of the other's words.

    A trimmed quote ("“We must continue … from Ukraine,”" for a longer sentence) is how
    outlets shorten copy, not a misquote; only words that were changed, added inside or
    removed from inside a quote make it a different quote.
    """
    if a == b:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return not any(long[k : k + n] == short for k in range(len(long) - n + 1))


def _canonical(side: Side, quote: Quote) -> list[str]:
    """The quote's word keys with each figure replaced by its value: "£62bn" and "£62 billion" read the same."""
    out: list[str] = []
    for lo, hi in quote.parts:
        cursor = lo
        for fig in figures(side.text, lo, hi):
            out.extend(t.key for t in tokenize(side.text, cursor, fig.start))
            out.append(f"#{fig.value:g}{fig.sort}")
            cursor = fig.end
        out.extend(t.key for t in tokenize(side.text, cursor, hi))
    return out


def _altered(view: GroupView, qa: Quote, qb: Quote) -> Finding:
    ops = word_diff(qa.tokens, qb.tokens, qa.start, qb.start)
    changed = sum(1 for op in ops if op.op != "equal")
    explanation = f"the quoted words differ ({changed} change{'s' if changed != 1 else ''})"
    return finding(
        view,
        "quote_altered",
        (qa.start, qa.end),
        (qb.start, qb.end),
        explanation,
        quote_diff=ops,
        diff_text=plain_diff(ops, view.a.text, view.b.text),
    )


def _speaker_changed(a: str | None, b: str | None) -> bool:
    """The speakers cannot be the same: two different names, or a person and an unnamed other
    ("he" or "Mr Lavrov" becoming "a spokesman"). A pronoun and a name may be the same person: no claim."""
    if not a or not b:
        return False

    kind_a, kind_b = _speaker_kind(a), _speaker_kind(b)
    if kind_a == "name" and kind_b == "name":
        return not same_entity(tokenize(a), tokenize(b))
    if "role" in (kind_a, kind_b) and kind_a != kind_b:
        other = b if kind_a == "role" else a
        return other.lower() not in ("they", "it", "we")  # "they" may be the organisation the role speaks for
    if kind_a == kind_b == "role":
        return tokenize(a)[-1].key != tokenize(b)[-1].key
    return False


def _speaker_kind(speaker: str) -> str:
    """ "pronoun" (he), "role" (a spokesman, the official) or "name" (Mr Lavrov)."""
    if speaker.lower() in _PRONOUNS:
        return "pronoun"
    return "role" if re.fullmatch(_ROLE, speaker) else "name"
