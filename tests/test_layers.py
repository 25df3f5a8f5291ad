"""The layers of the code stay as ARCHITECTURE.md draws them: checked over the source with `ast`, no import run.

Every `import` counts, at the top of a module or inside a function, except those under
`if TYPE_CHECKING:` (annotations only: never executed, so they can form no cycle). The
checks:

* no import cycle among compare/'s modules;
* each module imports only modules of its own layer or a lower one (`LAYERS`, lowest first),
  so the model imports nothing above it and the fact finders never import a renderer;
* compare/ never imports Textual or `tui`, except the one command that opens the app;
* tui/ imports compare only through its public modules (`PUBLIC`), and only names they export;
* no private (`_name`) name is imported from another module;
* no standard-library import hides inside a function (only heavy libraries are imported late, to keep
  `storydiff --help` and `import compare` quick; the standard library costs nothing to import at the top).
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Lowest first. A module may import modules of its own layer and of those below it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    # Leaves: no storydiff import but errors. render.write (atomic files) and render.display (terminal-safe
    # text) are leaves too, so the corpus checkpoint and the TUI can use them without the renderers.
    (
        "base",
        (
            "compare.__about__",
            "compare.errors",
            "compare.options",
            "compare.normalise",
            "compare.stopwords",
            "compare.render.write",
            "compare.render.display",
        ),
    ),
    ("model", ("compare.model",)),
    ("text", ("compare.segment", "compare.worddiff", "compare.scores", "compare.align", "compare.semantic")),
    ("ingest", ("compare.ingest",)),
    ("facts", ("compare.facts",)),
    ("api", ("compare.api",)),
    ("collection", ("compare.collection", "compare.timeline")),
    ("corpus", ("compare.corpus_engine",)),
    ("render", ("compare.render",)),
    ("entry", ("compare", "compare.cli", "compare.__main__")),
]

# What tui may import from compare: the documented public modules (README, "API").
PUBLIC = ("compare", "compare.render", "compare.ingest")

# The one place the core opens the UI: `storydiff tui`, inside its run().
OPENS_THE_UI = "compare.cli.tui_cmd"

# Private names taken across modules, each to be made public where it lives: none left.
PRIVATE_CROSSINGS: set[tuple[str, str, str]] = set()


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the module imported (a submodule when `from package import submodule`)
    names: tuple[str, ...]  # names taken with `from ... import`
    line: int


def modules(package: str) -> dict[str, Path]:
    out = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, but not those under `if TYPE_CHECKING:`."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def imports(known: dict[str, Path]) -> list[Import]:
    out = []
    for module, path in known.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out += [Import(module, alias.name, (), node.lineno) for alias in node.names]
                continue
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names = tuple(alias.name for alias in node.names)
            out.append(Import(module, target, names, node.lineno))
            out += [Import(module, f"{target}.{n}", (), node.lineno) for n in names if f"{target}.{n}" in known]
    return out


COMPARE = modules("compare")
TUI = modules("tui")
EDGES = [i for i in imports(COMPARE) if i.target in COMPARE and i.target != i.source]


def layer_of(module: str) -> int:
    """The layer of a module: the most specific entry of `LAYERS` naming it or a package holding it."""
    best = (-1, -1)
    for rank, (_, members) in enumerate(LAYERS):
        for member in members:
            if (module == member or module.startswith(member + ".")) and len(member) > best[0]:
                best = (len(member), rank)
    assert best[1] >= 0, f"{module} is in no layer: add it to LAYERS (and ARCHITECTURE.md)"
    return best[1]


def test_every_module_has_a_layer() -> None:
    for module in COMPARE:
        layer_of(module)


def test_no_import_cycle_in_compare() -> None:
    graph: dict[str, set[str]] = {m: set() for m in COMPARE}
    for edge in EDGES:
        graph[edge.source].add(edge.target)
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert len(EDGES) > 100  # the parse found the imports (a broken walk would pass vacuously)


def test_imports_go_down_the_layers() -> None:
    upward = [
        f"{e.source}:{e.line} imports {e.target} ({LAYERS[layer_of(e.target)][0]} is above "
        f"{LAYERS[layer_of(e.source)][0]})"
        for e in EDGES
        if layer_of(e.target) > layer_of(e.source)
    ]
    assert upward == []
    assert layer_of("compare.model") < layer_of("compare.facts.context") < layer_of("compare.render.symbols")


def test_compare_never_imports_the_ui() -> None:
    found = [
        f"{i.source}:{i.line} imports {i.target}"
        for i in imports(COMPARE)
        if i.target.split(".")[0] in ("tui", "textual") and i.source != OPENS_THE_UI
    ]
    assert found == []
    assert any(i.target == "tui" for i in imports(COMPARE) if i.source == OPENS_THE_UI)


def test_tui_uses_only_the_public_api() -> None:
    used = [i for i in imports(TUI) if i.target.split(".")[0] == "compare"]
    assert used, "tui imports nothing from compare: the walk is broken"
    for i in used:
        assert i.target in PUBLIC, f"{i.source}:{i.line} imports {i.target}, not a public module ({PUBLIC})"
        exported = set(importlib.import_module(i.target).__all__)
        assert set(i.names) <= exported, f"{i.source}:{i.line}: {set(i.names) - exported} not in {i.target}.__all__"


def test_no_private_name_crosses_modules() -> None:
    crossings = {(e.source, e.target, n) for e in EDGES for n in e.names if n.startswith("_") and n != "__version__"}
    assert crossings <= PRIVATE_CROSSINGS, sorted(crossings - PRIVATE_CROSSINGS)


def test_no_standard_library_import_inside_a_function() -> None:
    late = []
    for module, path in COMPARE.items():
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level:
                    names = [node.module or ""]
                else:
                    continue
                late += [f"{module}:{node.lineno} {n}" for n in names if n.split(".")[0] in sys.stdlib_module_names]
    assert late == []
