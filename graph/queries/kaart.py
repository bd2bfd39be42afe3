"""What the sociale kaart needs of the whole graph to choose a focus and cite its sources: the nodes
a coordinator may put at its centre and the Source nodes (id, labels, name, names, file, and degree:
how many relationships each has, a hub being a node with many), and the degree of any node the
drawn network reaches (`node_degrees`). Nothing else of the nodes: the drawn network itself comes
from `network_nodes`. Neither reads every node or relationship of the graph: each label's nodes are
found through its label index and their relationships are counted from them."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.cypher import match_by_id
from graph.queries.registry import Rows, query
from graph.schema import load_schema


def _node(node_id: str, labels: Any, name: Any, names: Any, file: Any, degree: int) -> dict[str, Any]:
    return {"id": node_id, "labels": sorted(labels), "name": name, "names": list(names) if names else [],
            "file": file, "degree": degree}


def _shape(rows: Rows, params: dict[str, Any]) -> Rows:
    return [_node(r["id"], r["labels"], r["name"], r["names"], r["file"], r["degree"]) for r in rows]


def _label_union() -> str:
    # One branch per schema label, taken only when the caller asks for it: each reads its own
    # label index. UNION (not ALL): a node of two asked labels (Organisation, Actor) comes once.
    return "\n      UNION\n".join(f"      MATCH (n:`{label}`) WHERE '{label}' IN $labels RETURN n"
                                  for label in load_schema().labels)


_DEGREE = "COUNT { (n)-->() } + COUNT { (n)<--() }"  # a self-loop counts twice, as networkx counts it


@query(
    cypher=f"""
    CALL () {{
{_label_union()}
    }}
    RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.names AS names, n.file AS file,
           {_DEGREE} AS degree
    ORDER BY id
    """,
    shape=_shape,
)
def kaart_graph(graph: nx.MultiDiGraph, labels: list[str]) -> Rows:
    """The nodes with one of `labels` ({id, labels, name, names, file, degree}), by id."""
    wanted = set(labels)
    return sorted((_node(nid, attrs["labels"], attrs.get("name"), attrs.get("names"), attrs.get("file"),
                         graph.in_degree(nid) + graph.out_degree(nid))
                   for nid, attrs in graph.nodes(data=True) if wanted & set(attrs["labels"])),
                  key=lambda n: n["id"])


@query(
    cypher=f"""
    UNWIND $ids AS id
    {match_by_id("n", "id", load_schema())}
    RETURN DISTINCT n.id AS id, {_DEGREE} AS degree
    ORDER BY id
    """,
)
def node_degrees(graph: nx.MultiDiGraph, ids: list[str]) -> Rows:
    """How many relationships each node of `ids` has ({id, degree}, by id; unknown ids left out)."""
    return [{"id": nid, "degree": graph.in_degree(nid) + graph.out_degree(nid)}
            for nid in sorted(set(ids)) if nid in graph]
