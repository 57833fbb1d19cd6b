"""The package's flow is one-way: records ← ingest ← nlp ← analysis ← store ← views ←
commands. A module imports only from its own layer or a lower one, and no module
imports another package's private (underscore) names. Read from the source, so imports
inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

import according

SRC = Path(according.__file__).resolve().parent

#: Each top-level module or package of `according` and its layer, lowest first.
LAYERS = {
    **dict.fromkeys(
        ("records", "errors", "typography", "version", "options", "wordlists", "boilerplate",
         "outputs", "places", "dating"),
        0,
    ),
    "ingest": 1,
    "nlp": 2,
    "analyze": 3,
    "ledger": 3,
    "store": 4,
    "views": 5,
    **dict.fromkeys(("run", "eval"), 6),
    "cli": 7,
    "__main__": 8,
}  # fmt: skip


def _imports(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Every `according.…` module ``path`` imports, with the names it takes from it."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, tuple(a.name for a in node.names)))
        elif isinstance(node, ast.Import):
            found.extend((a.name, ()) for a in node.names)
    return [(m, names) for m, names in found if m.split(".")[0] == "according" and "." in m]


def _modules() -> list[tuple[Path, str]]:
    """Every module of the package but the facade ``__init__`` (which imports the
    analyzer lazily for the Python API), with its top-level unit."""
    return [
        (path, path.relative_to(SRC).with_suffix("").parts[0])
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC).parts != ("__init__.py",)
    ]


def test_every_top_level_unit_has_a_layer() -> None:
    assert {unit for _, unit in _modules()} <= set(LAYERS)


def test_no_module_imports_a_higher_layer() -> None:
    wrong = [
        f"{path.relative_to(SRC)} imports {module}"
        for path, unit in _modules()
        for module, _ in _imports(path)
        if LAYERS[module.split(".")[1]] > LAYERS[unit]
    ]
    assert wrong == []


def test_no_private_name_crosses_a_package() -> None:
    wrong = [
        f"{path.relative_to(SRC)} takes {name} from {module}"
        for path, unit in _modules()
        for module, names in _imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__") and module.split(".")[1] != unit
    ]
    assert wrong == []
