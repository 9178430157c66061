"""The package's layers: every import runs downward, none closes a circle, none hides in a
function (the whole architecture in one table; see README, "Layout")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "communique"

# Lowest first. A module may import from its own layer's package and from any layer below.
LAYERS: list[tuple[str, ...]] = [
    ("communique.records", "communique.positions", "communique.data"),
    ("communique.ingest", "communique.syntax", "communique.nlp"),
    ("communique.actors",),
    ("communique.attribution",),
    ("communique.events",),
    ("communique.stories",),
    ("communique.pipeline",),
    ("communique.compare",),
    ("communique.store",),
    ("communique.corpus",),
    ("communique.eval",),
    ("communique.train",),
    ("communique.web",),
    ("communique.cli", "communique"),
    ("communique.__main__",),
]


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _unit(module: str) -> str:
    """The layer entry a module belongs to: the longest one it starts with."""
    found = [u for layer in LAYERS for u in layer if module == u or module.startswith(u + ".")]
    assert found, f"{module} is in no layer: add it to LAYERS"
    return max(found, key=len)


def _layer(module: str) -> int:
    unit = _unit(module)
    return next(i for i, layer in enumerate(LAYERS) if unit in layer)


def _imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported communique module, line, at module level) for each import in a module."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    top |= {  # imports under "if TYPE_CHECKING:" count as module level
        id(inner) for node in tree.body if isinstance(node, ast.If) for inner in node.body
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [
                f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                for a in node.names
            ]
        else:
            continue
        for name in names:
            if name == "communique" or name.startswith("communique."):
                found.append((name, node.lineno, id(node) in top))
    return found


def test_every_module_is_in_a_layer() -> None:
    for module in MODULES:
        _unit(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_downward_at_module_level(module: str) -> None:
    for target, line, at_top in _imports(module):
        where = f"{MODULES[module].relative_to(PACKAGE.parent)}:{line} imports {target}"
        assert at_top, f"{where} inside a function: import at the top of the module"
        if target == module or target not in MODULES:
            continue
        same_unit = _unit(target) == _unit(module)
        assert same_unit or _layer(target) < _layer(module), f"{where}: an upward import"


def test_no_import_closes_a_circle() -> None:
    graph = {m: {t for t, _, _ in _imports(m) if t in MODULES and t != m} for m in MODULES}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            circle = [*path[path.index(module) :], module]
            pytest.fail("import circle: " + " -> ".join(circle))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
