"""Core queries: counts and single nodes."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from graph.cypher import match_by_id
from graph.queries.registry import Rows, query
from graph.schema import load_schema


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


def _counts_cypher() -> str:
    """Label and relationship-type counts straight from Neo4j's count store, one COUNT per name
    the schema declares (labels and types are never parameters), instead of reading every node."""
    schema = load_schema()
    labels = ", ".join(f"{{k: '{lab}', v: COUNT {{ (:`{lab}`) }}}}" for lab in schema.labels)
    rels = ", ".join(f"{{k: '{t}', v: COUNT {{ ()-[:`{t}`]->() }}}}" for t in schema.relationships)
    return f"RETURN [c IN [{labels}] WHERE c.v > 0] AS labels, [c IN [{rels}] WHERE c.v > 0] AS rels"


@query(cypher=_counts_cypher(), shape=_shape_counts)
def counts(graph: nx.MultiDiGraph) -> Rows:
    labels = Counter(label for _, attrs in graph.nodes(data=True) for label in attrs["labels"])
    rels = Counter(attrs["type"] for _, _, attrs in graph.edges(data=True))
    return [{"labels": dict(sorted(labels.items())), "relationships": dict(sorted(rels.items()))}]


@query(
    cypher=f"""
    WITH $id AS id
    {match_by_id("n", "id", load_schema())}
    RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties
    """,
    shape=lambda rows, params: [node_row(r["id"], r["labels"], r["properties"]) for r in rows],
)
def node_by_id(graph: nx.MultiDiGraph, id: str) -> Rows:
    if id not in graph:
        return []
    attrs = graph.nodes[id]
    return [node_row(id, attrs["labels"], attrs)]


def rel_row(rel_type: str, start: str, end: str, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": rel_type, "start": start, "end": end,
            "properties": dict(sorted((k, v) for k, v in props.items() if k != "type"))}


def _shape_neighbours(rows: Rows, params: dict[str, Any]) -> Rows:
    out = [{"from": r["from"], "rel": rel_row(r["type"], r["start"], r["end"], r["rprops"]),
            "node": node_row(r["id"], r["labels"], r["props"])} for r in rows]
    return sorted(out, key=_neighbour_order)


def _neighbour_order(row: dict[str, Any]) -> tuple:
    rel = row["rel"]
    return (row["from"], row["node"]["id"], rel["type"], rel["start"], rel["properties"].get("key", ""))


@query(
    cypher=f"""
    UNWIND $ids AS id
    {match_by_id("a", "id", load_schema())}
    MATCH (a)-[r]-(b) WHERE (size($labels) = 0 OR any(l IN labels(b) WHERE l IN $labels))
    RETURN a.id AS from, type(r) AS type, startNode(r).id AS start, endNode(r).id AS end,
           properties(r) AS rprops, b.id AS id, labels(b) AS labels, properties(b) AS props
    """,
    shape=_shape_neighbours,
)
def neighbours(graph: nx.MultiDiGraph, ids: list[str], labels: list[str]) -> Rows:
    """Every relationship of the nodes `ids` (either direction) to a node with one of `labels`
    (all labels when empty), with the node at the other end."""
    out = []
    for a in ids:
        if a not in graph:
            continue
        edges = [(a, b, d) for _, b, d in graph.out_edges(a, data=True)]
        edges += [(s, a, d) for s, _, d in graph.in_edges(a, data=True)]
        for start, end, data in edges:
            b = end if start == a else start
            battrs = graph.nodes[b]
            if labels and not set(battrs["labels"]) & set(labels):
                continue
            out.append({"from": a, "rel": rel_row(data["type"], start, end, data),
                        "node": node_row(b, battrs["labels"], battrs)})
    return sorted(out, key=_neighbour_order)
