"""The attribution package's imports: no module of nlp/ imports a higher layer, and the
modules of nlp/attribution import each other without a cycle (read from the source, so
imports inside functions count too)."""

from __future__ import annotations

import ast
from pathlib import Path

import according

SRC = Path(according.__file__).resolve().parent
HIGHER = ("eval", "store", "ledger", "cli", "views", "analyze", "run")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "according"}


def test_nothing_under_nlp_imports_a_higher_layer() -> None:
    wrong = [
        (str(path.relative_to(SRC)), name)
        for path in sorted((SRC / "nlp").rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[1:2] and name.split(".")[1] in HIGHER
    ]
    assert wrong == []


def test_no_import_cycle_inside_nlp_attribution() -> None:
    package = "according.nlp.attribution."
    graph = {
        path.stem: {
            name.removeprefix(package) for name in _imports(path) if name.startswith(package)
        }
        for path in (SRC / "nlp" / "attribution").glob("*.py")
    }
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())
    assert "extent" not in graph["model"]  # the component assembles the ranker
