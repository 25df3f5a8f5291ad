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
  U+FFFD, the replacement character.
"""

from __future__ import annotations

__all__ = ["display_text"]

_AS_SPACE = "\r\v\f\x85"
_TABLE: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\t\n"},
    0x7F: "\u2421",
    **{code: "\ufffd" for code in range(0x80, 0xA0)},
    **{ord(ch): " " for ch in _AS_SPACE},
}


def display_text(text: str) -> str:
    """`text` with every control character but tab and newline replaced by one visible character (same length).

    >>> display_text("went \\x1b[2Jbadly\\r\\n")
    'went ␛[2Jbadly \\n'
    """
    return text.translate(_TABLE)
