"""Hedges and attribution words dropped or added: `hedge_dropped`, `hedge_added`.

"Reportedly", "allegedly", "according to", "is believed to", "said": the words
that tell a reader a claim is somebody's, not the outlet's. Dropping one
turns a claim into a statement of fact; adding one distances the outlet.

Words come in classes of near-equivalents, and only a class that is present
on one side of a group and absent from the other is reported — so "said"
becoming "told reporters" or "according to" is a rewording, not a finding.
Words inside quotation marks are the speaker's, not the outlet's, and are
ignored (a changed quote is reported as a quote).
"""

from __future__ import annotations

from bisect import bisect_right

from ..normalise import Token
from .context import GroupView, Side, finding
from .finding import Finding
from .quotes import document_quotes, quote_spans

__all__ = ["HEDGES", "find_hedges", "hedges"]

# class → the phrases that are reported when one side has them and the other has none of the class's *equivalents*.
HEDGES: dict[str, tuple[tuple[str, ...], ...]] = {
    "reported": (("reportedly",), ("reported",), ("according", "to", "reports")),
    "alleged": (("allegedly",), ("alleged",), ("alleges",), ("purportedly",), ("supposedly",), ("claimed",)),
    "uncertain": (
        ("appeared", "to"), ("appears", "to"), ("appear", "to"), ("apparently",), ("is", "believed", "to"),
        ("are", "believed", "to"), ("was", "believed", "to"), ("were", "believed", "to"), ("thought", "to"),
        ("understood", "to"), ("possibly",), ("probably",), ("seemingly",), ("unconfirmed",),
    ),
    "attribution": (
        ("said",), ("says",), ("according", "to"), ("stated",), ("claimed",), ("claims",),
    ),
}  # fmt: skip
# Words that, present on the other side, say the same thing in other words: then nothing was dropped or added.
_SPEECH = {
    "said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "according", "stated", "claimed",
    "claims", "claim", "announced", "insisted", "explained", "argued", "warned", "noted", "confirmed", "denied",
    "admitted", "revealed", "wrote", "writes", "asked", "replied", "responded", "commented", "suggested",
    "suggests", "estimated", "estimates", "acknowledged", "accused", "described", "stressed", "reiterated",
    "replies", "reply", "responds", "respond", "comments", "comment", "announces", "states", "confirms",
    "denies", "reveals", "describes", "tweets", "whispered", "whispers", "shouted", "shouts", "exclaimed",
    "cried", "joked", "jokes", "wondered", "observed", "observes", "remarked", "remarks", "boasted", "boasts",
    "conceded", "concedes", "cautioned", "maintained", "maintains", "contended", "asserted", "asserts",
    "acknowledges", "point", "emphasise", "emphasize", "emphasised", "emphasized", "emphasizes", "emphasises",
    "admit", "confessed", "confesses", "forecast", "declares", "calculated", "marvels", "insist", "explain",
    "warn", "explaining", "adding", "telling",
    "thought", "reckon", "reckons", "review", "revelations", "findings", "figures", "data", "paper", "analysis",
    "documents",
    "tweeted", "posted", "reported", "reportedly", "reports", "found", "finds", "showed", "shows", "predicted",
    "predicts", "called", "calls", "pledged", "promised", "urged", "believes", "believe", "believed", "thinks",
    "think", "hopes", "hoped", "recommended", "concluded", "declared", "agreed", "mentioned", "complained",
    "criticised", "criticized", "praised", "remembered", "recalled", "remembers", "continued", "spokesman",
    "spokeswoman", "spokesperson", "statement", "report", "study", "survey", "research", "researchers",
    "interview", "poll", "sources", "source", "officials", "allegedly", "alleged", "alleges", "pressed",
    "demanded", "lamented", "vowed", "enthuses", "enthused", "admits", "explains", "insists", "argues", "warns",
    "notes", "recalls", "points", "pointed", "answered", "answers", "laughs", "laughed", "condemned", "quoted",
    "quoting", "cited", "citing",
}  # fmt: skip
# Words that keep a claim uncertain. Not "would", "could" or "understood": common in any sentence, they
# would hide every dropped "probably".
_UNCERTAIN = {
    "apparently", "possibly", "probably", "seemingly", "unconfirmed", "seems", "seem", "seemed", "likely",
    "unlikely", "may", "might", "perhaps", "maybe", "possible", "suspected", "reportedly", "allegedly",
    "appeared", "appears", "appear", "believed", "thought", "think", "thinks", "expected", "expect", "expects",
    "anticipated", "predicted", "forecast", "estimated", "suggests", "suggest", "suggested", "should",
    "necessarily", "odds", "chances", "probable",
}  # fmt: skip
EQUIVALENTS: dict[str, set[str]] = {
    "reported": {"reportedly", "reported", "reports", "report", "according", "said", "says", "say", "told", "sources"},
    "alleged": {"allegedly", "alleged", "alleges", "allege", "purportedly", "supposedly", "claimed", "accused",
                "suspected", "accusations", "allegations", "claims", "claim"},
    "uncertain": _UNCERTAIN,
    "attribution": _SPEECH,
}  # fmt: skip

_WHY = {
    "reported": "it is presented as reported",
    "alleged": "it is presented as alleged or claimed",
    "uncertain": "it is presented as uncertain",
    "attribution": "it is attributed to a source",
}


def _unquoted_words(side: Side) -> set[str]:
    """The side's words outside quotes; "claims" only where it is an allegation ("claims it mistreated",
    "claims of abuse"), not a demand ("legal claims from people")."""
    tokens = _unquoted(side)
    out = set()
    for n, t in enumerate(tokens):
        if t.key in ("claims", "claim"):
            after = tokens[n + 1].key if n + 1 < len(tokens) else ""
            before = tokens[n - 1].key if n else ""
            if after not in _CLAUSE and before not in _PRONOUNS:  # "he claims Poland's …" is a verb
                continue
        out.add(t.key)
    return out


def _quoted_words(side: Side, other: Side, unquoted: set[str]) -> set[str]:
    """The words `side` quotes (those not in `unquoted`, its `_unquoted_words`), when `other` quotes nothing
    at all (its copy lost every quotation mark): a hedge `other` has in what were quoted words ("Probably,"
    he said) is the speaker's, already in `side`."""
    if document_quotes(other.text):
        return set()
    return side.words - unquoted


_CLAUSE = {"that", "of", "it", "he", "she", "they", "its", "his", "her", "their", "to", "the", "a"}


def _unquoted(side: Side) -> list[Token]:
    """The side's tokens outside quotation marks (worked out once per side)."""
    if "unquoted" not in side.memo:
        quoted = quote_spans(side)
        starts = [s for s, _ in quoted]
        tokens = []
        for t in side.tokens:
            k = bisect_right(starts, t.start) - 1
            if k < 0 or t.start >= quoted[k][1]:
                tokens.append(t)
        side.memo["unquoted"] = tokens
    out: list[Token] = side.memo["unquoted"]
    return out


# The phrases of every class by their first word, so each word is looked up once.
_BY_FIRST: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _cls, _phrases in HEDGES.items():
    for _phrase in _phrases:
        _BY_FIRST.setdefault(_phrase[0], []).append((_cls, _phrase))


def hedges(side: Side) -> dict[str, list[tuple[int, int]]]:
    """For each hedge class, the spans of its phrases on `side`, outside quotation marks, in text order."""
    tokens = _unquoted(side)
    keys = [t.key for t in tokens]
    out: dict[str, list[tuple[int, int]]] = {}
    for n, key in enumerate(keys):
        for cls, phrase in _BY_FIRST.get(key, ()):
            if tuple(keys[n : n + len(phrase)]) == phrase and _hedges_here(keys, n, len(phrase)):
                out.setdefault(cls, []).append((tokens[n].start, tokens[n + len(phrase) - 1].end))
    return out


_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which"}
_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "this", "that", "these", "those", "our", "my", "your"}
_BE = {"is", "are", "was", "were", "be", "been", "being", "widely", "also", "now", "still", "not", "generally"}
_MODALS = {"can", "could", "cannot", "can't", "couldn't", "not", "how", "might", "may"}


def _hedges_here(keys: list[str], n: int, length: int) -> bool:
    """Whether the phrase at `keys[n:n + length]` hedges here, by the words around it (its part of speech).

    "claimed that" / "he claimed." hedge, "claimed the records" (won them) does not; "possibly" after
    "can" or "could" is emphatic ("no feat can possibly match"); "thought to" hedges after "is" or
    "was" ("is thought to be"), not in "gave no thought to"; "reported" hedges as an adjective ("the
    reported attack") or before "that"/"to", not as "the firm reported profits".
    """
    word = keys[n]
    before = keys[n - 1] if n > 0 else ""
    after = keys[n + length] if n + length < len(keys) else ""
    if word in ("claimed", "reported"):
        return after in ("", "that", "to", "as") or before in _DETERMINERS
    if word == "claims":
        return before not in _DETERMINERS and after in ("", "that", "to")  # not "their claims to the inquest"
    if word == "said" and ((before == "that" and n == 1) or (before == "having" and after == "that")):
        return False  # "That said, …", "Having said that, …": an idiom, not an attribution
    if word == "said" and after == "and" and keys[n + 2 : n + 3] == ["done"]:
        return False  # "when all is said and done"
    if word == "said" and before == "be" and n > 1 and keys[n - 2] in _MODALS | {"must", "should", "cannot"}:
        return False  # "the same cannot be said for Miami": an idiom
    if word == "possibly":
        return not ({before, keys[n - 2] if n > 1 else ""} & _MODALS)
    if word in ("thought", "understood"):
        return bool({before, keys[n - 2] if n > 1 else ""} & _BE)
    if word == "according":
        return after not in ("plan", "plans", "schedule")  # `after` follows "to"
    if word in ("appeared", "appears", "appear"):
        return after not in _DETERMINERS  # "appeared to be", not "appeared to the court"
    return True


def _in_place(view: GroupView, side: Side, span: tuple[int, int], other: Side) -> bool:
    """In a loosely similar group, the words either side of the hedge stand together on the other side
    ("was probably lactose" / "was lactose"): the hedge was dropped from, or added to, the same words."""
    if view.reliable:
        return True
    before = [t for t in side.tokens if t.end <= span[0]]
    after = [t for t in side.tokens if t.start >= span[1]]
    if not before or not after:
        return False
    return f" {before[-1].key} {after[0].key} " in other.word_key


_STOP = {
    "the", "a", "an", "to", "of", "and", "or", "be", "been", "is", "are", "was", "were", "has", "have", "had",
    "that", "in", "on", "at", "for", "with", "by", "it", "its", "their", "his", "her", "this", "these", "not",
}  # fmt: skip


def _token_at(tokens: list[Token], start: int) -> int | None:
    """The index of the token that starts at `start` (where a hedge's span starts), or None."""
    return next((n for n, t in enumerate(tokens) if t.start == start), None)


_SAYING = {"said", "says", "told", "tells", "stated", "states", "wrote", "writes", "added", "explained"}


def _verb_swapped(side: Side, span: tuple[int, int], other: Side) -> bool:
    """ "claimed that" / "claimed to have" / "a report that claimed around 30%" on one side, "said" in its
    place on the other: a reporting verb changed, the claim is still someone's. In its place: the other
    side has a verb of saying right after the word before the hedge, or right before the word after it
    ("who claimed to have been" / "who said he had been")."""
    tokens = side.tokens
    at = _token_at(tokens, span[0])
    if at is None or tokens[at].key not in ("claimed", "claims", "alleged", "alleges"):
        return False
    before = tokens[at - 1].key if at else ""
    after = tokens[at + 1].key if at + 1 < len(tokens) else ""
    return any(
        (before and f" {before} {verb} " in other.word_key) or (after and f" {verb} {after} " in other.word_key)
        for verb in _SAYING & other.words
    )


def _claim_kept(side: Side, span: tuple[int, int], other: Side, cls: str) -> bool:
    """The hedged claim is still on the other side: one of the first content words after the hedge
    ("allegedly *mistreated*") appears there. A hedge whose whole clause was cut was not dropped from anything."""
    if cls == "attribution":
        return True  # who says it is checked by `_speaker_kept`
    after = [t.key for t in side.tokens if t.start >= span[1] and t.key not in _STOP][:3]
    return not after or any(word in other.words for word in after)


def _speaker_kept(side: Side, span: tuple[int, int], other: Side) -> bool:
    """The one an attribution names ("Oxfam says", "said Mr Khan", "according to Nielsen") is still
    named on the other side: the verb changed ("has forecast" → "says"), the attribution did not."""
    tokens = side.tokens
    at = _token_at(tokens, span[0])
    end = next((n for n, t in enumerate(tokens) if t.end == span[1]), None)
    if at is None or end is None:
        return False
    candidates = []
    if at > 0 and not side.text[tokens[at - 1].end : tokens[at].start].strip() and tokens[at].key != "according":
        for t in reversed(tokens[max(0, at - 2) : at]):
            candidates.append(t)
            if side.text[t.start - 1 : t.start].strip():
                break
    else:
        for n in range(end + 1, min(len(tokens), end + 4)):
            if side.text[tokens[n - 1].end : tokens[n].start].strip():
                break
            candidates.append(tokens[n])
    if side.text[span[1] :].lstrip().lower().startswith("to "):
        return False  # "is said to have": passive, no one named
    keys = {t.key.removesuffix("'s").removesuffix("\u2019s") for t in candidates} - _DETERMINERS - _PRONOUNS
    other_keys = {k.removesuffix("'s").removesuffix("\u2019s") for k in other.words}
    return bool(keys & other_keys)


def find_hedges(view: GroupView) -> list[Finding]:
    """`hedge_dropped` and `hedge_added` findings for one group (at most one per word)."""
    if not (view.reliable or view.loose):
        return []
    in_a, in_b = hedges(view.a), hedges(view.b)
    out: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    words_a, words_b = _unquoted_words(view.a), _unquoted_words(view.b)
    said_a = words_a | _quoted_words(view.a, view.b, words_a)  # and its quoted words when B lost every mark
    if len(words_a) * 2 < len(view.a.words) or len(words_b) * 2 < len(view.b.words):
        # One side is mostly quotation: its speaker is named in a neighbouring sentence.
        in_a.pop("attribution", None)
        in_b.pop("attribution", None)
    for cls in HEDGES:
        if cls in in_a and not words_b & EQUIVALENTS[cls] and cls not in in_b:
            span = in_a[cls][0]
            if ("a", span[0]) in seen:
                continue
            if cls == "attribution" and _speaker_kept(view.a, span, view.b):
                continue
            if not _in_place(view, view.a, span, view.b) or not _claim_kept(view.a, span, view.b, cls):
                continue
            if cls == "alleged" and _verb_swapped(view.a, span, view.b):
                continue
            seen.add(("a", span[0]))
            word = view.a.text[span[0] : span[1]]
            out.append(
                finding(view, "hedge_dropped", span, None, f"B drops '{word}': in A {_WHY[cls]}, in B it is not")
            )
        elif cls in in_b and not said_a & EQUIVALENTS[cls] and cls not in in_a:
            span = in_b[cls][0]
            if ("b", span[0]) in seen:
                continue
            if cls == "attribution" and _speaker_kept(view.b, span, view.a):
                continue
            if not _in_place(view, view.b, span, view.a):
                continue
            seen.add(("b", span[0]))
            word = view.b.text[span[0] : span[1]]
            out.append(finding(view, "hedge_added", None, span, f"B adds '{word}': in B {_WHY[cls]}, in A it is not"))
    if {f.kind for f in out} == {"hedge_dropped", "hedge_added"}:
        return []  # one hedge swapped for another ("apparently" → "they said"): the claim is still hedged
    return out
