"""The store interface both backends implement, and the factory that opens one from settings.

Every read a store offers returns plain data (dicts, lists) in the same shape on both backends;
tests/contract runs every operation on both and requires identical results.
"""

from __future__ import annotations

from typing import Any, Protocol

from armoedegraaf.settings import Settings
from graph.model import GraphBatch


class Store(Protocol):
    backend: str

    def write(self, batch: GraphBatch) -> None:
        """Validate and write the batch in one transaction: all of it or nothing."""

    def replace(self, batch: GraphBatch) -> None:
        """Clear the graph and write the batch, atomically."""

    def clear(self) -> None: ...

    def counts(self) -> dict[str, dict[str, int]]:
        """{"labels": {label: n}, "relationships": {type: n}}, zero counts omitted."""

    def get_node(self, node_id: str) -> dict[str, Any]:
        """{"id", "labels", "properties"} or raise NotFound."""

    def export(self) -> dict[str, list[dict[str, Any]]]:
        """{"nodes": [{"id","labels","properties"}], "relationships": [{"type","start","end","properties"}]},
        sorted, labels sorted, `id` not repeated among the properties."""

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run a named read query of graph.queries with parameters; rows as plain dicts."""

    def ping(self) -> str:
        """Raise StoreUnavailable if the store cannot be reached; else a version string."""

    def close(self) -> None: ...


def open_store(settings: Settings | None = None) -> Store:
    settings = settings or Settings()
    if settings.backend == "neo4j":
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from graph.memory_store import MemoryStore

    return MemoryStore.open(settings.data_dir)


def sort_export(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Canonical export order, shared by both backends so that exports compare equal."""
    for node in nodes:
        node["labels"] = sorted(node["labels"])
        node["properties"] = dict(sorted(node["properties"].items()))
    for rel in rels:
        rel["properties"] = dict(sorted(rel["properties"].items()))
    nodes.sort(key=lambda n: n["id"])
    rels.sort(key=lambda r: (r["start"], r["type"], r["end"], r["properties"].get("key", "")))
    return {"nodes": nodes, "relationships": rels}
