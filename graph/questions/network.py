"""Partner networks: the neighbourhood of a node, breadth first, capped."""

from __future__ import annotations

from typing import Any

from armoedegraaf.errors import InvalidParameter
from graph.schema import load_schema
from graph.store import Store

MAX_DEPTH = 3


def network(store: Store, center: str, depth: int = 1, labels: list[str] | None = None,
            limit: int = 200) -> dict[str, Any]:
    """Nodes within `depth` hops of `center` (through nodes of `labels` only, when given), nearest
    first, at most `limit` nodes; `edges` are the relationships among the returned nodes.
    Breadth first, one Cypher/networkx `neighbours` call per level, so Neo4j does the traversal."""
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidParameter("depth", f"must be between 1 and {MAX_DEPTH}, got {depth}")
    if limit < 1:
        raise InvalidParameter("limit", f"must be at least 1, got {limit}")
    labels = _check_labels(labels or [])
    nodes = {center: {**store.get_node(center), "depth": 0}}
    edges: dict[tuple, dict[str, Any]] = {}
    frontier, capped = [center], False
    for level in range(1, depth + 1):
        found = store.run("neighbours", ids=frontier, labels=labels)
        new = []
        for row in found:
            nid = row["node"]["id"]
            if nid not in nodes:
                if len(nodes) >= limit:
                    capped = True
                    continue
                nodes[nid] = {**row["node"], "depth": level}
                new.append(nid)
            rel = row["rel"]
            edges[(rel["start"], rel["type"], rel["end"], rel["properties"].get("key", ""))] = rel
        frontier = new
        if not frontier:
            break
    if frontier:
        # The outermost ring's relationships among themselves (and back to inner nodes) were never
        # fetched: one more call, adding edges only, no nodes.
        for row in store.run("neighbours", ids=frontier, labels=labels):
            rel = row["rel"]
            edges[(rel["start"], rel["type"], rel["end"], rel["properties"].get("key", ""))] = rel
    kept = [e for e in edges.values() if e["start"] in nodes and e["end"] in nodes]
    message = (f"network capped at {limit} nodes; raise limit, lower depth or filter by types to see more"
               if capped else None)
    return {"center": center, "depth": depth, "nodes": list(nodes.values()),
            "edges": sorted(kept, key=lambda e: (e["start"], e["type"], e["end"])),
            "capped": capped, "message": message}


def _check_labels(labels: list[str]) -> list[str]:
    known = set(load_schema().labels)
    unknown = [lab for lab in labels if lab not in known]
    if unknown:
        raise InvalidParameter("types", f"unknown node type(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return sorted(labels)
