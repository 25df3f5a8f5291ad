"""Article text made safe to show on a terminal: control characters become visible symbols.

Article text is untrusted. An escape character in a file, a web page or a JSON
record would otherwise reach the reader's terminal as a command: `ESC[2J` clears
the screen, an OSC sequence sets the window title or writes the clipboard. Every
renderer that prints text a terminal may show (the text report, Markdown, the
`--facts-only` text and Markdown, the TUI) passes article text through
`display_text` first. JSON keeps the text as it is (it escapes controls itself),
and offsets into the documents never change: each character is replaced by
exactly one character.

* C0 controls other than tab and newline show as their Unicode control
  pictures (ESC as `␛`, NUL as `␀`), DEL as `␡`;
* carriage return, vertical tab, form feed and NEL (U+0085) are line breaks
  in all but name and become a space (a CRLF file reads as it should);
* the other C1 controls (U+0080–U+009F, among them the one-byte CSI) become
  U+FFFD, the replacement character;
* so do the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
  U+2066–U+2069): a terminal or a browser that obeys them reorders what follows
  (the "Trojan Source" trick, CVE-2021-42574), so an article could show its
  words, and the marks of what changed, in an order it does not have. The marks
  LRM, RLM and ALM stay: they steer only the punctuation next to them and are
  ordinary in Arabic and Hebrew text.

JSON output escapes the same characters instead (`JSON_ESCAPES`): the string
read back is the article's, byte for byte, but no terminal that shows the file
obeys them.
"""

from __future__ import annotations

__all__ = ["BIDI_CONTROLS", "JSON_ESCAPES", "display_text"]

_AS_SPACE = "\r\v\f\x85"
BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))  # embeddings, overrides, isolates
_TABLE: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\t\n"},
    0x7F: "\u2421",
    **{code: "\ufffd" for code in (*range(0x80, 0xA0), *BIDI_CONTROLS)},
    **{ord(ch): " " for ch in _AS_SPACE},
}
# What `json.dumps(..., ensure_ascii=False)` leaves raw and a terminal would obey: DEL and the C1 controls, the
# line and paragraph separators, the bidirectional controls. Written as \uXXXX, they read back the same.
JSON_ESCAPES: dict[int, str] = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), 0x2028, 0x2029, *BIDI_CONTROLS)}


def display_text(text: str) -> str:
    """`text` with every control character but tab and newline replaced by one visible character (same length).

    >>> display_text("went \\x1b[2Jbadly\\r\\n")
    'went ␛[2Jbadly \\n'
    """
    return text.translate(_TABLE)
