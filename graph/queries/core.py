"""Core queries: counts and single nodes."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from graph.queries.registry import Rows, query


def node_row(node_id: str, labels: Any, props: dict[str, Any]) -> dict[str, Any]:
    """The one shape of a node in query results on both backends."""
    return {
        "id": node_id,
        "labels": sorted(labels),
        "properties": dict(sorted((k, v) for k, v in props.items() if k not in ("id", "labels"))),
    }


def _shape_counts(rows: Rows, params: dict[str, Any]) -> Rows:
    row = rows[0]
    return [{
        "labels": dict(sorted((d["k"], d["v"]) for d in row["labels"])),
        "relationships": dict(sorted((d["k"], d["v"]) for d in row["rels"])),
    }]


@query(
    cypher="""
    CALL () { MATCH (n) UNWIND labels(n) AS label WITH label, count(*) AS c
              RETURN collect({k: label, v: c}) AS labels }
    CALL () { MATCH ()-[r]->() WITH type(r) AS t, count(*) AS c RETURN collect({k: t, v: c}) AS rels }
    RETURN labels, rels
    """,
    shape=_shape_counts,
)
def counts(graph: nx.MultiDiGraph) -> Rows:
    labels = Counter(label for _, attrs in graph.nodes(data=True) for label in attrs["labels"])
    rels = Counter(attrs["type"] for _, _, attrs in graph.edges(data=True))
    return [{"labels": dict(sorted(labels.items())), "relationships": dict(sorted(rels.items()))}]


@query(
    cypher="MATCH (n {id: $id}) RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties",
    shape=lambda rows, params: [node_row(r["id"], r["labels"], r["properties"]) for r in rows],
)
def node_by_id(graph: nx.MultiDiGraph, id: str) -> Rows:
    if id not in graph:
        return []
    attrs = graph.nodes[id]
    return [node_row(id, attrs["labels"], attrs)]
