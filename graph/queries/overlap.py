"""Overlap queries: the SIMILAR_TO edges computed at load time, and the stored term vectors that
a planned initiative is checked against."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from graph.queries.registry import Rows, query


def _pair(a: str, b: str, props: dict[str, Any], names: dict[str, Any]) -> dict[str, Any]:
    return {"a": {"id": a, **names[a]}, "b": {"id": b, **names[b]}, "score": props["score"],
            "exact_duplicate": bool(props.get("exact_duplicate")), "reasons": json.loads(props["reasons"]),
            "source": props["source"], "line": props["line"]}


def _order(rows: Rows) -> Rows:
    return sorted(rows, key=lambda r: (not r["exact_duplicate"], -r["score"], r["a"]["id"], r["b"]["id"]))


def _shape_pairs(rows: Rows, params: dict[str, Any]) -> Rows:
    out = [_pair(r["a"], r["b"], r["props"], {r["a"]: {"code": r["a_code"], "name": r["a_name"]},
                                               r["b"]: {"code": r["b_code"], "name": r["b_name"]}}) for r in rows]
    return _order(out)[: params["limit"]]


@query(
    cypher="""
    MATCH (a)-[s:SIMILAR_TO]->(b)
    WHERE s.score >= $min_score AND ($node IS NULL OR a.id = $node OR b.id = $node)
      AND ($grondrecht IS NULL OR EXISTS { MATCH (x)-[:TARGETS]->(:Grondrecht {code: $grondrecht})
                                           WHERE x = a OR x = b })
    RETURN a.id AS a, a.code AS a_code, a.name AS a_name, b.id AS b, b.code AS b_code, b.name AS b_name,
           properties(s) AS props
    """,
    shape=_shape_pairs,
)
def similar_pairs(graph: nx.MultiDiGraph, min_score: float = 0.0, grondrecht: str | None = None,
                  node: str | None = None, limit: int = 20) -> Rows:
    """Stored overlap pairs, exact duplicates first, then by score; optionally those touching one
    node, or with either side targeting a grondrecht."""
    def targets(n: str) -> bool:
        return any(d["type"] == "TARGETS" and graph.nodes[e].get("code") == grondrecht
                   for _, e, d in graph.out_edges(n, data=True))

    rows = []
    for a, b, d in graph.edges(data=True):
        if d["type"] != "SIMILAR_TO" or d["score"] < min_score or (node is not None and node not in (a, b)):
            continue
        if grondrecht is not None and not (targets(a) or targets(b)):
            continue
        names = {n: {"code": graph.nodes[n].get("code"), "name": graph.nodes[n].get("name")} for n in (a, b)}
        rows.append(_pair(a, b, d, names))
    return _order(rows)[:limit]


@query(
    cypher="""
    MATCH (n) WHERE (n:Action OR n:Project) AND n.terms IS NOT NULL
    RETURN n.id AS id, n.code AS code, n.name AS name, n.terms AS terms, coalesce(n.fingerprint, '') AS fingerprint,
           COLLECT { MATCH (x:Actor)-[r:INVOLVED_IN|RESPONSIBLE_FOR|LEADS|PARTNER_OF]->(n)
                     WHERE coalesce(r.role, '') <> 'minister' RETURN DISTINCT x.id ORDER BY x.id } AS actors,
           COLLECT { MATCH (n)-[:TARGETS]->(g:Grondrecht) RETURN g.code ORDER BY g.code } AS grondrechten
    ORDER BY id
    """,
)
def initiative_vectors(graph: nx.MultiDiGraph) -> Rows:
    """Every initiative's stored terms, fingerprint, actors and grondrechten: what a planned
    initiative is scored against (a projection of a few hundred rows, not the graph)."""
    rows = []
    for n, a in graph.nodes(data=True):
        if not ({"Action", "Project"} & set(a["labels"])) or a.get("terms") is None:
            continue
        actors = sorted({s for s, _, d in graph.in_edges(n, data=True)
                         if d["type"] in ("INVOLVED_IN", "RESPONSIBLE_FOR", "LEADS", "PARTNER_OF")
                         and d.get("role", "") != "minister" and "Actor" in graph.nodes[s]["labels"]})
        rights = sorted(graph.nodes[e]["code"] for _, e, d in graph.out_edges(n, data=True) if d["type"] == "TARGETS")
        rows.append({"id": n, "code": a.get("code"), "name": a.get("name"), "terms": list(a["terms"]),
                     "fingerprint": a.get("fingerprint", ""), "actors": actors, "grondrechten": rights})
    return sorted(rows, key=lambda r: r["id"])


@query(
    cypher="""
    MATCH (a:Action) WHERE size(coalesce(a.duplicate_lines, [])) > 0
      AND ($grondrecht IS NULL OR EXISTS { (a)-[:TARGETS]->(:Grondrecht {code: $grondrecht}) })
    RETURN a.id AS id, a.code AS code, a.line AS line, a.source AS source, a.duplicate_lines AS duplicate_lines
    ORDER BY id
    """,
)
def repeated_fiches(graph: nx.MultiDiGraph, grondrecht: str | None = None) -> Rows:
    """Actions whose fiche the document prints more than once (the parser keeps the first)."""
    rows = []
    for n, a in graph.nodes(data=True):
        if "Action" not in a["labels"] or not a.get("duplicate_lines"):
            continue
        if grondrecht is not None and not any(d["type"] == "TARGETS" and graph.nodes[e].get("code") == grondrecht
                                              for _, e, d in graph.out_edges(n, data=True)):
            continue
        rows.append({"id": n, "code": a.get("code"), "line": a["line"], "source": a["source"],
                     "duplicate_lines": list(a["duplicate_lines"])})
    return sorted(rows, key=lambda r: r["id"])
