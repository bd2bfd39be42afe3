"""The partner network of a node: every node within a few hops, nearest first, in one statement."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.cypher import match_by_id
from graph.queries.core import node_row, rel_row
from graph.queries.registry import Rows, query
from graph.schema import load_schema

MAX_DEPTH = 3  # the Cypher pattern's upper bound: quantifiers cannot be parameters
# Search internals (term lists, their text, vectors): never shown in a network, nor sent by Neo4j,
# where they were most of the answer's bytes (290 KB for a 41-node network on the seeds).
HIDDEN = ("terms", "search_text", "embedding")
_WITHOUT_HIDDEN = "n{.*, " + ", ".join(f"{p}: null" for p in HIDDEN) + "}"


def _node(node_id: str, labels: Any, props: dict[str, Any], depth: int) -> dict[str, Any]:
    return {**node_row(node_id, labels, {k: v for k, v in props.items() if k not in HIDDEN}), "depth": depth}


def _edge_order(e: dict[str, Any]) -> tuple:
    return (e["start"], e["type"], e["end"], e["properties"].get("key", ""))


def _shape(rows: Rows, params: dict[str, Any]) -> Rows:
    if not rows:
        return []
    row = rows[0]
    nodes = [_node(n["id"], n["labels"], n["props"], n["d"]) for n in row["nodes"]]
    edges = sorted((rel_row(e["type"], e["start"], e["end"], e["props"]) for e in row["edges"]), key=_edge_order)
    return [{"nodes": nodes, "edges": edges, "capped": row["capped"]}]


_HOP = "((a)-[]-(b) WHERE size($labels) = 0 OR any(l IN labels(b) WHERE l IN $labels))"
# One breadth-first shortest-path search per depth, its bound written out (a quantifier cannot be a
# parameter); the guard on $depth means only one of them runs, and never deeper than asked.
_REACH = "\n      UNION\n      ".join(
    f"""WITH c WHERE $depth = {k}
      MATCH p = ANY SHORTEST (c){_HOP}{{1,{k}}}(n) WHERE n <> c RETURN n, length(p) AS d"""
    for k in range(1, MAX_DEPTH + 1))
_REACH = f"CALL (c) {{\n      {_REACH}\n      }}"


@query(
    cypher=f"""
    WITH $center AS id
    {match_by_id("c", "id", load_schema())}
    CALL (c) {{
      {_REACH}
      WITH n, d ORDER BY d, n.id
      RETURN collect({{n: n, d: d}}) AS found
    }}
    WITH size(found) > $limit - 1 AS capped, [{{n: c, d: 0}}] + found[..$limit - 1] AS kept
    WITH capped, kept, [k IN kept | k.n] AS ns
    CALL (ns) {{
      UNWIND ns AS x
      MATCH (x)-[r]->(y) WHERE y IN ns
      RETURN collect({{type: type(r), start: x.id, end: y.id, props: properties(r)}}) AS edges
    }}
    CALL (kept) {{
      UNWIND kept AS k
      WITH k.n AS n, k.d AS d
      RETURN collect({{id: n.id, labels: labels(n), props: {_WITHOUT_HIDDEN}, d: d}}) AS nodes
    }}
    RETURN capped, edges, nodes
    """,
    shape=_shape,
    cypher_params=lambda p: {**p, "labels": list(p["labels"] or [])},
)
def network_nodes(graph: nx.MultiDiGraph, center: str, depth: int = 1, labels: list[str] | None = None,
                  limit: int = 200) -> Rows:
    """The center and the nodes within `depth` hops of it (every node on the way having one of
    `labels`, when given), ordered by hops then id, at most `limit` in all; `capped` when more were
    in reach; `edges` are every relationship among the returned nodes."""
    if center not in graph:
        return []
    wanted = set(labels or [])
    dist, frontier = {center: 0}, [center]
    for level in range(1, depth + 1):
        nxt = []
        for u in frontier:
            for v in [*graph.successors(u), *graph.predecessors(u)]:
                if v not in dist and (not wanted or wanted & set(graph.nodes[v]["labels"])):
                    dist[v] = level
                    nxt.append(v)
        frontier = nxt
    found = sorted((d, v) for v, d in dist.items() if v != center)
    kept = [center] + [v for _, v in found[:limit - 1]]
    inside = set(kept)
    nodes = [_node(v, graph.nodes[v]["labels"], graph.nodes[v], dist[v]) for v in kept]
    edges = sorted((rel_row(d["type"], s, e, d) for s in kept for _, e, d in graph.out_edges(s, data=True)
                    if e in inside), key=_edge_order)
    return [{"nodes": nodes, "edges": edges, "capped": len(found) > limit - 1}]
