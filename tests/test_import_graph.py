"""The import graph of the product's packages: no cycle, and the layers point one way.

Read from the source (ast), so an import inside a function or under TYPE_CHECKING counts as much
as one at the top: hiding a cycle in a function does not break it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("armoedegraaf", "api", "graph", "loaders")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def _imports(path: Path, known: set[str]) -> set[str]:
    """The product modules `path` imports (a `from pkg import name` of a submodule counts as it)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                out.add(sub if sub in known else node.module)
    return {m for m in out if m in known}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {m: _imports(p, set(modules)) - {m} for m, p in modules.items()}


def _cycles(graph: dict[str, set[str]], within: str) -> list[list[str]]:
    """The strongly connected components of more than one module among the modules under `within`."""
    nodes = {m for m in graph if m == within or m.startswith(within + ".")}
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v] & nodes:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return found


def test_the_loaders_have_no_import_cycle():
    assert _cycles(_graph(), "loaders") == []


def test_graph_imports_nothing_from_loaders_api_or_the_cli():
    graph = _graph()
    wrong = {m: sorted(i for i in deps if i.split(".")[0] in ("loaders", "api") or i.startswith("armoedegraaf.cli"))
             for m, deps in graph.items() if m.split(".")[0] == "graph"}
    assert {m: d for m, d in wrong.items() if d} == {}


def test_no_source_package_imports_the_registry_or_the_pipeline():
    """The sources are below the registry and the pipeline: they know only loaders/protocol.py."""
    graph = _graph()
    above = {"loaders.sources", "loaders.pipeline", "loaders.embed_bundle"}
    wrong = {m: sorted(graph[m] & above) for m in graph
             if m.startswith("loaders.") and m not in above and graph[m] & above}
    assert wrong == {}
