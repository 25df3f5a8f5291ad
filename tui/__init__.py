"""storydiff's terminal UI: two versions of a story side by side (Textual).

`compare` never imports this package; the `storydiff tui` command imports it
only when it runs.
"""

from .app import StorydiffApp

__all__ = ["StorydiffApp"]
