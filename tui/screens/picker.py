"""The file picker shown by `storydiff tui` without files: choose A, then B."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DirectoryTree, Footer, Static
from textual.worker import get_current_worker

from compare import Document, Method, StorydiffError, compare
from compare.ingest import DEFAULT_MAX_BYTES, load_path

from ..messages import ResultReady

__all__ = ["PickerScreen"]


class ArticleTree(DirectoryTree):
    """A directory tree without hidden files and folders (.git, .venv, caches)."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [path for path in paths if not path.name.startswith(".")]


class PickerScreen(Screen[None]):
    """A directory tree; the first file chosen is A, the second B, then the comparison opens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "reset", "Choose again"),
        Binding("u", "up", "Parent folder"),
        Binding("h", "home", "Start folder"),
        Binding("S", "samples", "samples/", key_display="S"),
    ]

    DEFAULT_CSS = """
    PickerScreen #prompt { height: auto; padding: 0 1; background: $panel; }
    PickerScreen #places { height: auto; padding: 0 1; }
    PickerScreen #places Button { margin-right: 1; min-width: 10; }
    PickerScreen DirectoryTree { height: 1fr; }
    """

    def __init__(
        self,
        start: Path,
        *,
        first: Document | None = None,
        threshold: float | None = None,
        method: Method = "lexical",
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__()
        self.start = start.resolve()
        self.chosen: list[Document] = [first] if first is not None else []
        self.threshold = threshold
        self.method: Method = method
        self.max_bytes = max_bytes

    @property
    def samples(self) -> Path | None:
        """The project's samples folder, if there is one here or above."""
        for folder in (self.start, *self.start.parents):
            if (folder / "samples").is_dir():
                return folder / "samples"
        return None

    def compose(self) -> ComposeResult:
        yield Static(id="prompt")
        with Horizontal(id="places"):
            if self.samples is not None:
                yield Button("samples/", id="samples", variant="primary")
            yield Button("start folder", id="home")
            yield Button("parent ..", id="up")
        yield ArticleTree(self.start)
        yield Footer()

    def on_mount(self) -> None:
        self._prompt()
        self.query_one(DirectoryTree).focus()

    def _prompt(self, note: str = "") -> None:
        text = Text()
        which = "A (the first version)" if not self.chosen else "B (the second version)"
        text.append(f"Choose {which}: ", style="bold")
        text.append("select a file with enter or a click.")
        if self.chosen:
            text.append("\nA: ", style="bold")
            text.append(self.chosen[0].label)
        if note:
            text.append("\n" + note)
        self.query_one("#prompt", Static).update(text)

    def _root(self, path: Path) -> None:
        tree = self.query_one(DirectoryTree)
        tree.path = path
        tree.focus()

    @on(Button.Pressed)
    def _place(self, event: Button.Pressed) -> None:
        {"samples": self.action_samples, "home": self.action_home, "up": self.action_up}[event.button.id or "home"]()

    def action_samples(self) -> None:
        """Show the samples folder."""
        if self.samples is not None:
            self._root(self.samples)

    def action_home(self) -> None:
        """Back to the folder the picker started in."""
        self._root(self.start)

    def action_up(self) -> None:
        """Show the parent of the current folder."""
        tree = self.query_one(DirectoryTree)
        self._root(Path(tree.path).resolve().parent)

    def action_reset(self) -> None:
        """Forget the files chosen so far."""
        self.chosen = []
        self._prompt()

    @on(DirectoryTree.FileSelected)
    def _file_selected(self, event: DirectoryTree.FileSelected) -> None:
        path = Path(event.path)
        with suppress(ValueError):  # a shorter name for the header when the file is under the current folder
            path = path.resolve().relative_to(Path.cwd().resolve())
        try:
            document = load_path(path, max_bytes=self.max_bytes)
        except StorydiffError as exc:
            self.notify(str(exc), severity="error")
            return
        self.chosen.append(document)
        if len(self.chosen) < 2:
            self._prompt()
            return
        self._prompt("Comparing…")
        self.run_compare(self.chosen[0], self.chosen[1])

    @work(thread=True, exclusive=True)
    def run_compare(self, a: Document, b: Document) -> None:
        """Align the two chosen files without freezing the picker."""
        worker = get_current_worker()
        try:
            if self.threshold is None:
                result = compare(a, b, method=self.method)
            else:
                result = compare(a, b, threshold=self.threshold, method=self.method)
        except StorydiffError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.post_message, ResultReady(result, (a, b)))

    def _failed(self, message: str) -> None:
        self.chosen = []
        self._prompt()
        self.notify(message, severity="error")
