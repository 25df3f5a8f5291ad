"""The article inside a web page: body text and metadata, via trafilatura.

News pages wrap a few hundred words of story in navigation, adverts, related
links and comments. trafilatura finds the article body and drops the rest;
the title, author, date and site name become `Document` metadata.

A headline that trafilatura repeats as the first line of the body is removed
from the text (it is the document's `title`), so a web page and a plain-text
copy of the same story compare sentence for sentence.

trafilatura runs in its precise mode (`favor_precision`), which on real pages
drops the captions, asides and teasers its default keeps, and with elements
a reader never sees (`display:none`, `hidden`) left out: pages carry hidden
schema.org copies of the body for search engines, which would double it.
Where a body is split into several containers by adverts and the precise mode
keeps one of them, the others of the same tag and class are added
(`_split_body`). When the precise mode finds nothing, the default mode has a
try, hidden elements included.
benchmarks/bench_extract.py measures it on real pages, beside trafilatura's default.

Extraction can fail quietly: on an index page, a paywall or a page drawn by
JavaScript it may return a caption or a teaser, and comparing that fragment
gives a bogus diff; on a page with no article it may return the navigation.
So the text found is refused as a fragment when it is under `MIN_SHARE` of
the page's words and under `MIN_WORDS` words -- or under `MIN_ARTICLE_WORDS`
on a page that says it is a free article (og:type `article`, or a schema.org
*Article, BlogPosting or Report type not marked `isAccessibleForFree:
false`): real news briefs of 70 words sit on pages of 2,000 words of menus
and links. Text that is mostly the page's link lines is refused too
(`MAX_LINK_SHARE`). A small page where no article was found but the page
itself is the text is read as plain text. Pages over `MAX_ELEMENTS` elements
are refused before extraction, whose time grows faster than the page.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Document

# trafilatura and htmldate log their doubts; a library must not print them (the user gets our one-line error).
for _logger in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())

__all__ = [
    "MAX_ELEMENTS",
    "MIN_ARTICLE_WORDS",
    "MIN_SHARE",
    "MIN_WORDS",
    "extract_article",
    "html_charset",
    "looks_like_html",
]

# Extracted text is a fragment when it is under MIN_SHARE of the page's words AND under MIN_WORDS words, or
# under MIN_ARTICLE_WORDS on a page that says it is a free article (a brief of 70 words on a page of 2,000 is real).
MIN_SHARE = 0.1
MIN_WORDS = 100
MIN_ARTICLE_WORDS = 25
# Extracted text is refused when more than this share of its words are lines that are links (navigation).
MAX_LINK_SHARE = 0.5
# A line of at least this many words is prose (see `_split_body`).
PROSE_LINE_WORDS = 15
_PARAGRAPHS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
# A page with at most this many visible words is short enough to be the article itself.
SMALL_PAGE_WORDS = 150
# Pages with more elements are refused: trafilatura's time grows faster than the page (about 1 s for 10,000
# paragraphs, 18 s for 50,000 on a loaded machine), and real article pages have a few thousand (at most 1,737 in
# pages-dev).
MAX_ELEMENTS = 25_000
# JSON-LD blocks over this many characters are not read for the page's type.
_MAX_JSON_LD = 1_000_000
# Elements a reader never sees: hidden copies of the body (schema.org markup for search engines) double it,
# and a <template> holds markup a script may clone into the page later, never shown as it is.
_HIDDEN = [
    "//*[contains(translate(@style, ' ', ''), 'display:none')]",
    "//*[contains(translate(@style, ' ', ''), 'visibility:hidden')]",
    "//*[@hidden]",
    "//template",
]
_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Report)$")

_WORD = re.compile(r"\w+")
_ELEMENT = re.compile(r"<[A-Za-z]")
_HTML_START = re.compile(r"\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:head|body|article|p|div|title|meta)[\s>/]", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A character reference (&#27; &#x1b; &#xFFFF;) to a character XML forbids: as fatal to lxml as the raw
# character, in trafilatura's tree, where one such reference lost the whole article ("no article text found").
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def _xml_char(digits: str, base: int) -> bool:
    if len(digits) > 10:  # past any character (and past what int() reads of a very long number)
        return False
    code = int(digits, base)
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def _drop_bad_references(html: str) -> str:
    """`html` without the character references to characters XML forbids (controls, surrogates, U+FFFF)."""
    if "&#" not in html:
        return html
    return _CHAR_REF.sub(lambda m: m[0] if _xml_char(m[1] or m[2], 16 if m[1] else 10) else "", html)


_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg")
_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section"})


def looks_like_html(text: str) -> bool:
    """True when `text` is an HTML document: a doctype or <html> first, or a tag first and page tags soon after."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    stripped = head.lstrip("\ufeff \t\r\n")
    return stripped.startswith("<") and len(_HTML_TAGS.findall(head)) >= 2


def html_charset(data: bytes) -> str | None:
    """The encoding a page declares in a <meta> tag in its first 4 KB, if Python knows it and it can be true.

    A <meta> found in ASCII bytes cannot be declaring UTF-16 or UTF-32 truthfully (in those encodings its
    letters would be two or four bytes each), so such a declaration is ignored, as browsers do: decoding a
    cp1252 page as UTF-16 turns it into CJK-looking nonsense.
    """
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    return None if encoding.startswith(("utf-16", "utf-32")) else encoding


@dataclass(frozen=True)
class _Page:
    """What storydiff needs to know about a whole page, read once with lxml."""

    text: str  # what a reader of the whole page sees, blocks on their own lines
    links: frozenset[str]  # the texts of its links, as `_line_key` gives them
    is_article: bool  # it says it is an article: og:type, or a schema.org *Article/BlogPosting/Report type
    paywalled: bool  # it says its article is not free to read (schema.org isAccessibleForFree false)


def _read_page(html: str) -> _Page:
    """The page as a reader sees it, and what it says about itself. Empty when lxml cannot parse it at all."""
    from lxml import etree  # type: ignore[import-untyped]
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html.encode("utf-8"))
    except (etree.ParserError, ValueError):
        return _Page("", frozenset(), is_article=False, paywalled=False)
    parts: list[str] = []
    hidden = 0  # how many invisible elements (scripts, styles...) we are inside
    for event, element in etree.iterwalk(root, events=("start", "end")):  # no recursion: pages nest deeply
        is_tag = isinstance(element.tag, str)
        if event == "start":
            if is_tag and element.tag in _INVISIBLE:
                hidden += 1
            elif not hidden and is_tag:
                parts.append("\n" if element.tag in _BLOCKS else "")
                parts.append(element.text or "")
            continue
        if is_tag and element.tag in _INVISIBLE:
            hidden -= 1
        elif not hidden and is_tag and element.tag in _BLOCKS:
            parts.append("\n")
        if not hidden:
            parts.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    links = frozenset(_line_key(" ".join(a.itertext())) for a in root.iter("a")) - {""}
    types, free = _schema_claims(root)
    og_type = " ".join(root.xpath("//meta[@property='og:type']/@content")).strip().casefold()
    return _Page(
        "\n".join(line for line in lines if line),
        links,
        is_article=og_type.startswith("article") or any(_ARTICLE_TYPE.search(t) for t in types),
        paywalled=False in free,
    )


def _schema_claims(root: Any) -> tuple[list[str], list[bool]]:
    """The schema.org types a page gives (JSON-LD and microdata), and its isAccessibleForFree values."""
    types: list[str] = [str(t).rsplit("/", 1)[-1] for t in root.xpath("//*[@itemtype]/@itemtype")]
    free: list[bool] = [
        str(v).strip().casefold() != "false" for v in root.xpath("//*[@itemprop='isAccessibleForFree']/@content")
    ]
    for script in root.xpath("//script[@type='application/ld+json']"):
        raw = script.text or ""
        if len(raw) > _MAX_JSON_LD:
            continue
        try:
            stack: list[Any] = [json.loads(raw)]
        except (ValueError, RecursionError):
            continue  # a broken JSON-LD block says nothing
        while stack:  # no recursion: JSON can nest deeply
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                types.extend(str(k) for k in (kind if isinstance(kind, list) else [kind]) if k)
                if "isAccessibleForFree" in item:
                    value = item["isAccessibleForFree"]
                    free.append(value is not False and str(value).strip().casefold() != "false")
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
    return types, free


def _line_key(line: str) -> str:
    return " ".join(line.split()).casefold()


def _link_share(text: str, links: frozenset[str]) -> float:
    """The share of the words of `text` in lines that are exactly the text of a link on the page."""
    total = linked = 0
    for line in text.splitlines():
        words = _words(line)
        total += words
        if _line_key(line) in links:
            linked += words
    return linked / total if total else 0.0


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _drop_headline(text: str, title: str | None) -> str:
    """The body without a first line that only repeats the title."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if " ".join(first.split()).casefold() == " ".join(title.split()).casefold() and rest.strip():
        return rest.lstrip("\n")
    return text


def extract_article(
    html: str,
    *,
    name: str,
    url: str | None = None,
    source: str | None = None,
    min_share: float = MIN_SHARE,
    min_words: int = MIN_WORDS,
) -> Document:
    """The article in a web page, as a `Document` with its title, author, date and site.

    `name` is how the page is called in messages (a file name or URL); `url`
    (where it was fetched from) helps trafilatura and is kept as metadata.
    Raises `InputError` when the page has over `MAX_ELEMENTS` elements, when no
    article text is found, when the text is mostly link lines, or when it is a
    fragment: under `min_share` of the page's words and under `min_words` words
    on a page that does not say it is a free article (under `MIN_ARTICLE_WORDS`
    on one that does).
    """
    elements = len(_ELEMENT.findall(html))
    if elements > MAX_ELEMENTS:
        raise InputError(
            f"cannot use {name!r}: the page has {elements:,} HTML elements, over the {MAX_ELEMENTS:,} storydiff reads "
            "(an article page has a few thousand); copy the article's text into a .txt file and compare that"
        )
    html = _drop_bad_references(_NOT_XML.sub("", html))  # lxml refuses control characters and lone surrogates
    page = _read_page(html)
    page_words = _words(page.text)
    floor = min(min_words, MIN_ARTICLE_WORDS) if page.is_article and not page.paywalled else min_words

    # Precise and without hidden elements first: on real pages it drops the captions, asides, teasers and hidden
    # copies the default keeps (see benchmarks/RESULTS.md). But where a body is split into several containers
    # by adverts (and no <article> holds them), it keeps one container: the others of the same kind are added.
    extracted = _extract(html, name, url, precise=True, hidden=False)
    text = _body(extracted)
    text = _split_body(html, text) or text
    if not text:
        # Some pages hide the body until a script shows it: with nothing visible, hidden elements are read.
        extracted = _extract(html, name, url, precise=False, hidden=True)
        text = _body(extracted)
    title = _clean(getattr(extracted, "title", None))
    text = _drop_headline(text, title)
    if not text:
        if 0 < page_words <= SMALL_PAGE_WORDS:
            text = page.text  # a small page with no article structure: the page is the text
        else:
            why = "the page has no text" if page_words == 0 else f"the page has {page_words:,} words but no article"
            raise InputError(
                f"cannot use {name!r}: no article text found ({why}); "
                "if the page needs JavaScript or a login, copy the article's text into a .txt file and compare that"
            )
    words = _words(text)
    if page_words and words < min_share * page_words and words < floor:
        if page.paywalled:
            why = "the page says its article is for subscribers"
        elif _link_share(page.text, page.links) > MAX_LINK_SHARE:
            why = "the page is mostly links: an index, live or section page, or one built by JavaScript?"
        else:
            why = "an index page, a paywall or a page built by JavaScript?"
        raise InputError(
            f"cannot use {name!r}: the article text found is only {words:,} words of the page's {page_words:,} "
            f"({why}); copy the article's text into a .txt file and compare that"
        )
    if _link_share(text, page.links) > MAX_LINK_SHARE:
        raise _mostly_links(name)
    site = _clean(getattr(extracted, "sitename", None))
    if not site and url:
        site = urlsplit(url).hostname
    return Document(
        text,
        title=title,
        source=site or source or name,
        date=_clean(getattr(extracted, "date", None)),
        url=url or _clean(getattr(extracted, "url", None)),
        name=name,
        author=_clean(getattr(extracted, "author", None)),
    )


def _mostly_links(name: str) -> InputError:
    return InputError(
        f"cannot use {name!r}: the text found is mostly links (an index, live or section page?), "
        "not an article; give the article's own page, or copy its text into a .txt file"
    )


def _split_body(html: str, found: str) -> str | None:
    """The whole body when the text `found` is one of several visible containers of the same kind, else None.

    A body split by adverts often sits in containers of one tag and class (`div.content-block`...), and an
    extractor may keep only one of them. The container is the parent of the element whose text is the first
    line of prose found; the text of every container with its tag and class is the body, provided it holds
    the prose found and is longer. Teaser cards elsewhere on the page have another class, so they stay out.
    """
    from lxml import etree
    from lxml import html as lxml_html

    prose = [_line_key(line) for line in found.splitlines() if _words(line) >= PROSE_LINE_WORDS]
    if not prose:
        return None
    try:
        root = lxml_html.document_fromstring(html.encode("utf-8"))
    except (etree.ParserError, ValueError):
        return None
    first = next((e for e in root.iter(*_PARAGRAPHS) if _line_key(" ".join(e.itertext())) == prose[0]), None)
    parent = first.getparent() if first is not None else None
    if parent is None or not parent.get("class"):
        return None  # a container without a class is too common a kind to stand for the body
    same = [e for e in root.iter(parent.tag) if e.get("class") == parent.get("class") and not _hidden(e)]
    if len(same) < 2:
        return None
    lines = []
    for container in same:
        for element in container.iter(*_PARAGRAPHS):
            # A paragraph inside another (a <p> in an <li>) is read with it, not again.
            if not any(container in outer.iterancestors() for outer in element.iterancestors(*_PARAGRAPHS)):
                line = " ".join(" ".join(element.itertext()).split())
                if line:
                    lines.append(line)
    keys = {_line_key(line) for line in lines}
    if sum(key in keys for key in prose) < 0.9 * len(prose):
        return None  # those containers are not where the text found came from
    found_keys = {_line_key(line) for line in found.splitlines()}
    new_lines = (_words(line) for line in lines if _line_key(line) not in found_keys)
    added = sum(n for n in new_lines if n >= PROSE_LINE_WORDS)
    if added < _words(found) / 2:
        return None  # not a lost part of the body: a box or two of the same class (newsletter, credits)
    return "\n".join(lines)


def _hidden(element: Any) -> bool:
    """True when the element or one of its ancestors is hidden from the reader (see `_HIDDEN`)."""
    for e in (element, *element.iterancestors()):
        style = (e.get("style") or "").replace(" ", "").casefold()
        if e.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style:
            return True
    return False


def _extract(html: str, name: str, url: str | None, *, precise: bool, hidden: bool) -> object:
    """trafilatura's result for the page (None when it finds nothing): its `precise` mode or its default,
    with elements hidden from the reader read or left out."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_precision=precise,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            prune_xpath=None if hidden else _HIDDEN,
            # Only dates the page states as such: a guess from a copyright line is worse than none.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, RecursionError, LookupError) as exc:  # lxml and trafilatura on broken markup
        raise InputError(f"cannot read {name!r}: the HTML cannot be parsed ({type(exc).__name__})") from exc


def _body(extracted: object) -> str:
    return (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
