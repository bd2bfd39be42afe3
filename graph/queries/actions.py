"""Action queries: filtered lists of actions, grondrechten and ministers with their counts."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.cypher import match_by_id
from graph.queries.registry import Rows, query
from graph.schema import load_schema

_ACTOR_RELS = ("RESPONSIBLE_FOR", "INVOLVED_IN")


def _edges(graph: nx.MultiDiGraph, node: str, rel_type: str, incoming: bool):
    edges = graph.in_edges(node, data=True) if incoming else graph.out_edges(node, data=True)
    for s, e, d in edges:
        if d["type"] == rel_type:
            yield (s if incoming else e), d


def _action_summary(graph: nx.MultiDiGraph, aid: str) -> dict[str, Any]:
    a = graph.nodes[aid]
    g = next((graph.nodes[e] for e, _ in _edges(graph, aid, "TARGETS", incoming=False)), None)
    m = next((s for s, d in _edges(graph, aid, "RESPONSIBLE_FOR", incoming=True)
              if "Minister" in graph.nodes[s]["labels"]), None)
    return {"id": aid, "code": a.get("code"), "title": a.get("title"), "plan": a.get("plan"),
            "grondrecht": {"code": g["code"], "name": g["name"]} if g else None,
            "minister": {"id": m, "name": graph.nodes[m].get("name")} if m else None}


def _matches(graph: nx.MultiDiGraph, aid: str, grondrecht: str | None, minister: str | None,
             actor: str | None, plan: str | None) -> bool:
    a = graph.nodes[aid]
    if plan is not None and a.get("plan") != plan:
        return False
    if grondrecht is not None and not any(graph.nodes[g].get("code") == grondrecht
                                          for g, _ in _edges(graph, aid, "TARGETS", incoming=False)):
        return False
    if minister is not None and minister not in {s for s, _ in _edges(graph, aid, "RESPONSIBLE_FOR", True)}:
        return False
    if actor is not None and not any(s == actor for rel in _ACTOR_RELS for s, _ in _edges(graph, aid, rel, True)):
        return False
    return True


def _shape_actions(rows: Rows, params: dict[str, Any]) -> Rows:
    row = rows[0]
    page = [{"id": r["id"], "code": r["code"], "title": r["title"], "plan": r["plan"],
             "grondrecht": r["grondrecht"] if r["grondrecht"]["code"] is not None else None,
             "minister": r["minister"] if r["minister"]["id"] is not None else None} for r in row["page"]]
    return [{"total": row["total"], "items": page}]


# The most selective filter given picks where the walk starts: a grondrecht's code index, an
# actor's id index, the plan index; only the unfiltered list reads every action. Each branch's
# guard is a predicate on parameters alone, so the branches not taken cost nothing.
_ACTIONS_START = f"""
    CALL () {{
      MATCH (:Grondrecht {{code: $grondrecht}})<-[:TARGETS]-(a:Action) RETURN a
      UNION
      WITH $minister AS mid WHERE $grondrecht IS NULL
      {match_by_id("m0", "mid", load_schema())}
      MATCH (m0)-[:RESPONSIBLE_FOR]->(a:Action) RETURN a
      UNION
      WITH $actor AS xid WHERE $grondrecht IS NULL AND $minister IS NULL
      {match_by_id("x0", "xid", load_schema())}
      MATCH (x0)-[:RESPONSIBLE_FOR|INVOLVED_IN]->(a:Action) RETURN a
      UNION
      WITH 1 AS one WHERE $grondrecht IS NULL AND $minister IS NULL AND $actor IS NULL
      MATCH (a:Action {{plan: $plan}}) RETURN a
      UNION
      WITH 1 AS one WHERE $grondrecht IS NULL AND $minister IS NULL AND $actor IS NULL AND $plan IS NULL
      MATCH (a:Action) RETURN a
    }}"""


@query(
    cypher=_ACTIONS_START + """
    WITH a WHERE ($plan IS NULL OR a.plan = $plan)
      AND ($grondrecht IS NULL OR EXISTS { (a)-[:TARGETS]->(:Grondrecht {code: $grondrecht}) })
      AND ($minister IS NULL OR EXISTS { (m:Actor)-[:RESPONSIBLE_FOR]->(a) WHERE m.id = $minister })
      AND ($actor IS NULL OR EXISTS { (x:Actor)-[:RESPONSIBLE_FOR|INVOLVED_IN]->(a) WHERE x.id = $actor })
    WITH a ORDER BY a.plan, a.code, a.id
    WITH collect(a) AS hits
    CALL (hits) {
      UNWIND hits[$offset..$offset + $limit] AS a
      CALL (a) {
        OPTIONAL MATCH (a)-[:TARGETS]->(g:Grondrecht)
        OPTIONAL MATCH (m:Minister)-[:RESPONSIBLE_FOR]->(a)
        RETURN g, m LIMIT 1
      }
      RETURN collect({id: a.id, code: a.code, title: a.title, plan: a.plan,
                      grondrecht: {code: g.code, name: g.name}, minister: {id: m.id, name: m.name}}) AS page
    }
    RETURN size(hits) AS total, page
    """,
    shape=_shape_actions,
)
def actions(graph: nx.MultiDiGraph, grondrecht: str | None = None, minister: str | None = None,
            actor: str | None = None, plan: str | None = None, limit: int = 50, offset: int = 0) -> Rows:
    ids = [n for n, attrs in graph.nodes(data=True) if "Action" in attrs["labels"]
           and _matches(graph, n, grondrecht, minister, actor, plan)]
    ids.sort(key=lambda n: (graph.nodes[n].get("plan") or "", graph.nodes[n].get("code") or "", n))
    return [{"total": len(ids), "items": [_action_summary(graph, n) for n in ids[offset:offset + limit]]}]


@query(
    cypher="""
    MATCH (g:Grondrecht)
    RETURN g.id AS id, g.code AS code, g.name AS name, g.source AS source, g.line AS line,
           COUNT { (g)<-[:TARGETS]-(:Action) } AS actions
    ORDER BY code
    """,
)
def grondrechten(graph: nx.MultiDiGraph) -> Rows:
    rows = [{"id": n, "code": a["code"], "name": a["name"], "source": a["source"], "line": a["line"],
             "actions": sum(1 for s, _ in _edges(graph, n, "TARGETS", True) if "Action" in graph.nodes[s]["labels"])}
            for n, a in graph.nodes(data=True) if "Grondrecht" in a["labels"]]
    return sorted(rows, key=lambda r: r["code"])


@query(
    cypher="""
    MATCH (a:Action {code: $code})
    RETURN a.id AS id, a.plan AS plan
    ORDER BY plan, id
    """,
)
def action_by_code(graph: nx.MultiDiGraph, code: str) -> Rows:
    """The actions with this code, in whichever plan: a code names one action within its plan."""
    rows = [{"id": n, "plan": a.get("plan")} for n, a in graph.nodes(data=True)
            if "Action" in a["labels"] and a.get("code") == code]
    return sorted(rows, key=lambda r: (r["plan"] or "", r["id"]))


@query(
    cypher="""
    MATCH (m:Minister)
    RETURN m.id AS id, m.number AS number, m.name AS name, m.title AS title, m.source AS source,
           m.line AS line, COUNT { (m)-[:RESPONSIBLE_FOR]->(:Action) } AS actions
    ORDER BY number, id
    """,
)
def ministers(graph: nx.MultiDiGraph) -> Rows:
    rows = [{"id": n, "number": a.get("number"), "name": a["name"], "title": a.get("title"),
             "source": a["source"], "line": a["line"],
             "actions": sum(1 for e, _ in _edges(graph, n, "RESPONSIBLE_FOR", False)
                            if "Action" in graph.nodes[e]["labels"])}
            for n, a in graph.nodes(data=True) if "Minister" in a["labels"]]
    return sorted(rows, key=lambda r: (r["number"] or "", r["id"]))
