"""No import circles inside the project, counting the imports hidden in functions too.

``lint-imports`` (tests/test_layers.py) checks the layers between packages; a circle
inside one layer (``models.db`` → ``models.migrate`` → ``models.db``, or
``models.exports`` ↔ ``models.refiqda``) is not a layer violation, and an import
inside a function hides it until that function runs. This walks every module's
syntax tree, takes every ``import`` and ``from … import`` wherever it stands
(module level, function, method, ``try``), leaves out only the
``if TYPE_CHECKING:`` blocks (never executed), and requires the module graph of
each package to have no cycle.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("models", "coding", "ui", "texts")

Graph = dict[str, set[str]]


def _module_files() -> dict[str, Path]:
    files: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:  # Alembic scripts, loaded by Alembic, not imported
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            files[".".join(parts)] = path
    return files


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The project modules ``module`` imports anywhere in its code (not under ``if TYPE_CHECKING``)."""
    found: set[str] = set()

    def resolve(name: str) -> str | None:
        while name and name not in known:  # ``models.refiqda.common.X`` → the module that holds X
            name = name.rpartition(".")[0]
        return name or None

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = resolve(alias.name)
                if target:
                    found.add(target)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module if is_package else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            for alias in node.names:
                # ``from models import schema``: the submodule; ``from models.db import Database``: the module
                target = resolve(f"{base}.{alias.name}") if f"{base}.{alias.name}" in known else resolve(base)
                if target:
                    found.add(target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(module)
    return found


def import_graph() -> Graph:
    """The project's import graph (a fresh copy: a test may add an edge to it)."""
    return {module: set(targets) for module, targets in _parsed_graph().items()}


@functools.cache
def _parsed_graph() -> dict[str, frozenset[str]]:
    files = _module_files()
    known = set(files)
    return {
        module: frozenset(_imports(ast.parse(path.read_text(encoding="utf-8")), module, path.name == "__init__.py", known))
        for module, path in files.items()
    }


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return sorted(found)


def _path(graph: Graph, start: str, goal: str) -> list[str] | None:
    """A shortest import chain from ``start`` to ``goal`` (to name a circle's imports in the failure)."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph.get(node, ())):
                if nxt not in previous and nxt != start:
                    previous[nxt] = node
                    following.append(nxt)
        if goal in previous:
            chain = [goal]
            while chain[-1] != start:
                chain.append(previous[chain[-1]])
            return chain[::-1]
        frontier = following
    return None


def test_the_cycle_finder_sees_a_circle_hidden_in_a_function() -> None:
    source = {
        "pkg.a": "from pkg import b\n",
        "pkg.b": "def later():\n    from pkg.c import thing\n",
        "pkg.c": "import pkg.a\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import d\n",
        "pkg.d": "from pkg.c import thing\n",
    }
    known = set(source) | {"pkg"}
    graph = {name: _imports(ast.parse(code), name, False, known) for name, code in source.items()}
    assert graph == {"pkg.a": {"pkg.b"}, "pkg.b": {"pkg.c"}, "pkg.c": {"pkg.a"}, "pkg.d": {"pkg.c"}}
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]  # d's import only for type checking makes no circle


def test_the_graph_sees_the_function_level_imports_of_the_project() -> None:
    graph = import_graph()
    # models.exports imports refiqda at module level, chart_data inside chart_images()
    assert {"models.refiqda", "models.chart_data"} <= graph["models.exports"]
    assert "models.db" in graph["models.migrate"]


@pytest.mark.parametrize(("one", "other"), [("models.db", "models.migrate"), ("models.exports", "models.refiqda")])
def test_the_circles_named_in_issue_11_stay_broken(one: str, other: str) -> None:
    graph = import_graph()
    assert not (_path(graph, one, other) and _path(graph, other, one)), (
        _path(graph, one, other),
        _path(graph, other, one),
    )


def test_no_import_cycles_in_the_project() -> None:
    graph = import_graph()
    found = cycles(graph)
    described = [" → ".join(_path(graph, c[0], c[1]) or []) + " ⇄ " + " → ".join(_path(graph, c[1], c[0]) or [])
                 for c in found]  # fmt: skip
    assert found == [], "\n".join(described)
