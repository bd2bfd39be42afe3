"""The store interface both backends implement, the reads they share, and the graph's state key.

Every read a store offers returns plain data (dicts, lists) in the same shape on both backends;
tests/test_store_contract.py runs every operation on both and requires identical results. The
factory that opens a store from settings is graph/backends.py (it imports the backends, which
import this module).
"""

from __future__ import annotations

import itertools
from typing import Any, Callable, Generic, Hashable, Protocol, TypeVar

from armoedegraaf.errors import NotFound
from graph.model import GraphBatch
from graph.queries.core import counts, node_by_id
from graph.queries.registry import Query

T = TypeVar("T")


class Store(Protocol):
    backend: str

    @property
    def version(self) -> Hashable | None:
        """A key that changes whenever the stored graph does, never shared by two graphs (the
        embedded store: a number unique within the process, new_version; Neo4j: a random token
        every write stamps into the database); None when nothing computed from it may be kept."""

    def refresh(self) -> None:
        """Catch up with writes made by another process (the embedded graph's file replaced by
        `armoedegraaf load`, Neo4j's state stamp re-read)."""

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

    def run(self, query: Query, **params: Any) -> list[dict[str, Any]]:
        """Run a read query of graph.queries with parameters; rows as plain dicts."""

    def ping(self) -> str:
        """Raise StoreUnavailable if the store cannot be reached; else a version string."""

    def close(self) -> None: ...


class SharedReads:
    """The reads both backends answer with the same registered queries."""

    def run(self, query: Query, **params: Any) -> list[dict[str, Any]]:
        raise NotImplementedError

    def counts(self) -> dict[str, dict[str, int]]:
        return self.run(counts)[0]

    def get_node(self, node_id: str) -> dict[str, Any]:
        rows = self.run(node_by_id, id=node_id)
        if not rows:
            raise NotFound(f"no node with id {node_id!r}")
        return rows[0]


def graph_state(store: Store) -> Hashable | None:
    """The one cache key of what a store holds now: equal keys, equal graph. None: do not cache.
    No two graphs share a version (Store.version), so no two stores share a key."""
    return store.version


_VERSIONS = itertools.count(1)


def new_version() -> int:
    """A version number no store of this process has had: a key that cannot outlive its graph."""
    return next(_VERSIONS)


class PerState(Generic[T]):
    """A value computed from a store, kept for as long as the graph's state holds (one state at a
    time: all a server needs)."""

    def __init__(self, compute: Callable[[Store], T]):
        self.compute = compute
        self._kept: tuple[Hashable, T] | None = None  # one tuple, so threads never see a key without its value

    def get(self, store: Store) -> T:
        key = graph_state(store)
        if key is None:
            return self.compute(store)
        kept = self._kept
        if kept is None or kept[0] != key:
            kept = self._kept = (key, self.compute(store))
        return kept[1]
