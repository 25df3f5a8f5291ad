"""storydiff's terminal UI: two versions of a story side by side (Textual)."""
