"""Imports inside geomap go one way: no module reaches back, directly or round a loop, into one that imports it.

Read from the source with ``ast`` (every import counts: at the top, inside a function, under
``TYPE_CHECKING``), so a cycle is caught before anything runs it.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "geomap"


def _modules(root: Path) -> dict[str, Path]:
    modules = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules ``name`` imports (``from geomap.x import y`` counts as x.y when y is a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def known(target: str) -> str | None:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        return target or None

    found: set[str | None] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(known(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else known(base)
                         for alias in node.names)
    return {target for target in found if target and target != name}


def import_cycles(root: Path) -> list[list[str]]:
    """Every set of modules that import one another round a loop (strongly connected, Tarjan's algorithm)."""
    modules = _modules(root)
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_no_module_of_geomap_imports_round_a_loop():
    assert import_cycles(PACKAGE) == []


def test_a_cycle_added_to_the_package_is_found(tmp_path):
    """The check is not vacuous: a copy of geomap where the records (which everything imports) import the
    pipeline back, and one where two new modules import each other lazily, each fail it."""
    copy = tmp_path / "geomap"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "data", "static", "*.npz"))
    records = copy / "records.py"
    records.write_text(records.read_text(encoding="utf-8") + "\n\ndef _late():\n    from geomap import pipeline\n",
                       encoding="utf-8")
    (copy / "one.py").write_text("from geomap.two import thing\n", encoding="utf-8")
    (copy / "two.py").write_text("def thing():\n    from geomap import one\n", encoding="utf-8")
    cycles = import_cycles(copy)
    assert ["geomap.one", "geomap.two"] in cycles
    assert any({"geomap.records", "geomap.pipeline"} <= set(cycle) for cycle in cycles)


def test_every_module_of_geomap_reads_in_one_sitting():
    """The house rule beside the import rule: no Python module in ``geomap/`` over 600 lines, so a
    module that grows past it is split by job instead of drifting back into a grab bag."""
    long = {str(path.relative_to(PACKAGE.parent)): lines for path in PACKAGE.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}
