"""What the sociale kaart needs of the whole graph to choose a focus and cite its sources: the nodes
a coordinator may put at its centre and the Source nodes (id, labels, name, names, file), and every
relationship as its two ends and type, from which the kaart counts each node's degree (a hub is a
node with many). Nothing else of the nodes: the drawn network itself comes from `network_nodes`."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.queries.registry import Rows, query


def _node(node_id: str, labels: Any, name: Any, names: Any, file: Any) -> dict[str, Any]:
    return {"id": node_id, "labels": sorted(labels), "name": name, "names": list(names) if names else [],
            "file": file}


def _edge_order(e: dict[str, Any]) -> tuple:
    return (e["start"], e["type"], e["end"])


def _shape(rows: Rows, params: dict[str, Any]) -> Rows:
    row = rows[0]
    nodes = sorted((_node(n["id"], n["labels"], n["name"], n["names"], n["file"]) for n in row["nodes"]),
                   key=lambda n: n["id"])
    return [{"nodes": nodes, "edges": sorted(row["edges"], key=_edge_order)}]


@query(
    cypher="""
    CALL () {
      MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels)
      RETURN collect({id: n.id, labels: labels(n), name: n.name, names: n.names, file: n.file}) AS nodes
    }
    CALL () {
      MATCH (a)-[r]->(b)
      RETURN collect({start: a.id, type: type(r), end: b.id}) AS edges
    }
    RETURN nodes, edges
    """,
    shape=_shape,
)
def kaart_graph(graph: nx.MultiDiGraph, labels: list[str]) -> Rows:
    """The nodes with one of `labels` ({id, labels, name, names, file}, by id) and every relationship
    ({start, type, end}, in that order), as one row."""
    wanted = set(labels)
    nodes = [_node(nid, attrs["labels"], attrs.get("name"), attrs.get("names"), attrs.get("file"))
             for nid, attrs in graph.nodes(data=True) if wanted & set(attrs["labels"])]
    edges = [{"start": s, "type": attrs["type"], "end": e} for s, e, attrs in graph.edges(data=True)]
    return [{"nodes": sorted(nodes, key=lambda n: n["id"]), "edges": sorted(edges, key=_edge_order)}]
