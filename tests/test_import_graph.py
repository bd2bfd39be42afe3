"""The layers of the tree, checked on its import graph: no import cycle, and each layer imports only
the layers below it (issue 11).

    armoedegraaf (errors, settings)   the ground floor: imports no other first-party layer
    graph                             the schema, the stores, the queries and questions
    loaders                           reads the sources, writes the graph
    api                               the HTTP routes over the graph
    armoedegraaf.cli, .kaart          the roof: the command line and the kaart

Every `import` and `from ... import` of a first-party module counts, at module level or inside a
function (an import inside a function that hides a cycle is still a cycle). The graph is read from
the source with `ast`, nothing is imported, so that the check sees what Python would load.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("armoedegraaf", "graph", "loaders", "api")
# (importer, imported): no module under the first may import a module under the second.
FORBIDDEN = [
    *[("graph", other) for other in ("loaders", "api", "armoedegraaf.cli", "armoedegraaf.kaart")],
    *[("loaders", other) for other in ("api", "armoedegraaf.cli", "armoedegraaf.kaart")],
    ("api", "loaders"),
    ("armoedegraaf.kaart", "loaders"),  # the kaart draws the graph; names go through armoedegraaf.names
    ("api", "armoedegraaf.cli"),
    *[(ground, other) for ground in ("armoedegraaf.errors", "armoedegraaf.settings")
      for other in ("graph", "loaders", "api", "armoedegraaf.cli", "armoedegraaf.kaart")],
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def first_party_modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def _base(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom names (relative imports resolved against `module`)."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = package[:len(package) - node.level + 1]
    return ".".join(package + ([node.module] if node.module else []))


def imported(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The first-party modules `module` imports anywhere in its file. `from a import b` is an edge to
    `a.b` when that is a module, else to `a`; an import of an unknown first-party name goes to its
    nearest known package."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, path, node)
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def import_graph() -> nx.DiGraph:
    modules = first_party_modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        graph.add_edges_from((module, target) for target in imported(module, path, modules))
    return graph


def _under(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer + ".")


def test_the_check_sees_the_whole_tree():
    graph = import_graph()
    assert graph.number_of_nodes() > 80, sorted(graph)
    # A known edge of each kind (a module-level import; one inside a function) is found.
    assert graph.has_edge("api.routes.kaart", "armoedegraaf.kaart.data")
    assert graph.has_edge("armoedegraaf.cli", "graph.backends")  # inside a function


def test_no_import_cycle():
    cycles = sorted(sorted(c) for c in nx.simple_cycles(import_graph()))
    assert not cycles, f"{len(cycles)} import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_each_layer_imports_only_the_layers_below():
    graph = import_graph()
    broken = sorted(f"{a} -> {b}" for a, b in graph.edges
                    for low, high in FORBIDDEN if _under(a, low) and _under(b, high))
    assert not broken, f"{len(broken)} imports across the layers:\n" + "\n".join(broken)


def test_no_source_package_imports_the_registry_or_the_pipeline():
    """The sources sit below the registry and the pipeline: a source package knows only
    loaders/protocol.py and the shared readers, so a new source touches its own package and one
    registry line."""
    graph = import_graph()
    above = {"loaders.sources", "loaders.pipeline", "loaders.embed_bundle"}
    broken = sorted(f"{a} -> {b}" for a, b in graph.edges
                    if _under(a, "loaders") and a not in above and b in above)
    assert not broken, "\n".join(broken)
