"""The article inside a web page: body text and metadata, via trafilatura.

News pages wrap a few hundred words of story in navigation, adverts, related
links and comments. trafilatura finds the article body and drops the rest;
the title, author, date and site name become `Document` metadata.

A headline that trafilatura repeats as the first line of the body is removed
from the text (it is the document's `title`), so a web page and a plain-text
copy of the same story compare sentence for sentence.

Extraction can fail quietly: on an index page, a paywall or a page drawn by
JavaScript it may return a caption or a teaser, and comparing that fragment
gives a bogus diff; on a page with no article it may return the navigation.
So text that is implausibly short for the page it came from is refused (see
`MIN_SHARE` and `MIN_WORDS`), and so is text that is mostly the page's link
lines (`MAX_LINK_SHARE`). A small page where no article was found but the
page itself is the text is read as plain text.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Document

# trafilatura and htmldate log their doubts; a library must not print them (the user gets our one-line error).
for _logger in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())

__all__ = ["MIN_SHARE", "MIN_WORDS", "extract_article", "html_charset", "looks_like_html"]

# Extracted text is refused when it is under MIN_SHARE of the page's words AND under MIN_WORDS words.
MIN_SHARE = 0.1
MIN_WORDS = 100
# Extracted text is refused when more than this share of its words are lines that are links (navigation).
MAX_LINK_SHARE = 0.5
# A page with at most this many visible words is short enough to be the article itself.
SMALL_PAGE_WORDS = 150

_WORD = re.compile(r"\w+")
_HTML_START = re.compile(r"\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:head|body|article|p|div|title|meta)[\s>/]", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
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
    """The encoding a page declares in a <meta> tag in its first 4 KB, if Python knows it."""
    import codecs

    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _page_text(html: str) -> tuple[str, frozenset[str]]:
    """What a reader of the whole page would see (blocks on their own lines), and the texts of its links.

    Both are empty when lxml cannot parse the page at all.
    """
    from lxml import etree  # type: ignore[import-untyped]
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html.encode("utf-8"))
    except (etree.ParserError, ValueError):
        return "", frozenset()
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
    return "\n".join(line for line in lines if line), links


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
    Raises `InputError` when no article text is found, or when the text found
    is under `min_share` of the page's words and under `min_words` words.
    """
    import trafilatura

    html = _NOT_XML.sub("", html)  # lxml refuses control characters and lone surrogates anywhere
    try:
        extracted = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            # Only dates the page states as such: a guess from a copyright line is worse than none.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, RecursionError, LookupError) as exc:  # lxml and trafilatura on broken markup
        raise InputError(f"cannot read {name!r}: the HTML cannot be parsed ({type(exc).__name__})") from exc
    page_text, links = _page_text(html)
    page_words = _words(page_text)
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    title = _clean(getattr(extracted, "title", None))
    text = _drop_headline(text, title)
    if not text:
        if 0 < page_words <= SMALL_PAGE_WORDS:
            text = page_text  # a small page with no article structure: the page is the text
        else:
            why = "the page has no text" if page_words == 0 else f"the page has {page_words:,} words but no article"
            raise InputError(
                f"cannot use {name!r}: no article text found ({why}); "
                "if the page needs JavaScript or a login, copy the article's text into a .txt file and compare that"
            )
    words = _words(text)
    if page_words and words < min_share * page_words and words < min_words:
        raise InputError(
            f"cannot use {name!r}: the article text found is only {words:,} words of the page's {page_words:,} "
            "(an index page, a paywall or a page built by JavaScript?); "
            "copy the article's text into a .txt file and compare that"
        )
    if _link_share(text, links) > MAX_LINK_SHARE:
        raise InputError(
            f"cannot use {name!r}: the text found is mostly links (an index, live or section page?), "
            "not an article; give the article's own page, or copy its text into a .txt file"
        )
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


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
