"""Open the store the settings name: the embedded networkx graph or Neo4j."""

from __future__ import annotations

from armoedegraaf.settings import Settings
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from graph.store import Store


def open_store(settings: Settings | None = None) -> Store:
    settings = settings or Settings()
    if settings.backend == "neo4j":
        return Neo4jStore.from_settings(settings)
    return MemoryStore.open(settings.data_dir)
