"""Partner networks: the neighbourhood of a node, breadth first, capped."""

from __future__ import annotations

from typing import Any

from armoedegraaf.errors import InvalidParameter
from graph.queries.network import MAX_DEPTH, network_nodes
from graph.schema import load_schema
from graph.store import Store



def network(store: Store, center: str, depth: int = 1, labels: list[str] | None = None,
            limit: int = 200) -> dict[str, Any]:
    """Nodes within `depth` hops of `center` (through nodes of `labels` only, when given), nearest
    first (then by id), at most `limit` nodes; `edges` are the relationships among the returned
    nodes. One query: on Neo4j a single shortest-path traversal, no round trip per level."""
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidParameter("depth", f"must be between 1 and {MAX_DEPTH}, got {depth}")
    if limit < 1:
        raise InvalidParameter("limit", f"must be at least 1, got {limit}")
    labels = _check_labels(labels or [])
    store.get_node(center)  # NotFound for an unknown center
    found = store.run(network_nodes, center=center, depth=depth, labels=labels, limit=limit)[0]
    capped = found["capped"]
    message = (f"network capped at {limit} nodes; raise limit, lower depth or filter by types to see more"
               if capped else None)
    return {"center": center, "depth": depth, "nodes": found["nodes"], "edges": found["edges"],
            "capped": capped, "message": message}


def _check_labels(labels: list[str]) -> list[str]:
    known = set(load_schema().labels)
    unknown = [lab for lab in labels if lab not in known]
    if unknown:
        raise InvalidParameter("types", f"unknown node type(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return sorted(labels)
