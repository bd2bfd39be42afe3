"""Plan queries: the actions of chosen plans (for continuity between plans), the lineage between
actors (successor organisations, sub-units), the timeline of milestones and plan periods, and the
grondrechten one actor shares with the others."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.cypher import match_by_id
from graph.queries.registry import Rows, query
from graph.schema import load_schema

_WORK = ("RESPONSIBLE_FOR", "INVOLVED_IN", "LEADS", "PARTNER_OF")


def _actors_of(graph: nx.MultiDiGraph, n: str) -> list[str]:
    return sorted({x for x, _, d in graph.in_edges(n, data=True) if d["type"] in _WORK
                   and d.get("role", "") != "minister" and "Actor" in graph.nodes[x]["labels"]})


def _rights_of(graph: nx.MultiDiGraph, n: str) -> list[str]:
    return sorted(graph.nodes[g]["code"] for _, g, d in graph.out_edges(n, data=True)
                  if d["type"] == "TARGETS" and "Grondrecht" in graph.nodes[g]["labels"])


@query(
    cypher="""
    MATCH (p:Plan) WHERE p.id IN $plans
    MATCH (a:Action)-[:PART_OF]->(p)
    RETURN a.id AS id, a.code AS code, a.name AS name, a.title AS title, a.source AS source, a.line AS line,
           coalesce(a.terms, []) AS terms, p.id AS plan, p.name AS plan_name, a.in_vapa AS in_vapa,
           a.vapa_line AS vapa_line, a.vapa_note AS vapa_note,
           COLLECT { MATCH (x:Actor)-[r:RESPONSIBLE_FOR|INVOLVED_IN|LEADS|PARTNER_OF]->(a)
                     WHERE coalesce(r.role, '') <> 'minister' RETURN DISTINCT x.id ORDER BY x.id } AS actors,
           COLLECT { MATCH (a)-[:TARGETS]->(g:Grondrecht) RETURN g.code ORDER BY g.code } AS grondrechten
    ORDER BY id
    """,
)
def plan_actions(graph: nx.MultiDiGraph, plans: list[str]) -> Rows:
    """The actions PART_OF any of `plans` (plan ids), with their terms, actors and grondrechten."""
    rows = []
    for p in plans:
        if p not in graph or "Plan" not in graph.nodes[p]["labels"]:
            continue
        for a, _, d in graph.in_edges(p, data=True):
            attrs = graph.nodes[a]
            if d["type"] != "PART_OF" or "Action" not in attrs["labels"]:
                continue
            rows.append({"id": a, "code": attrs.get("code"), "name": attrs.get("name"), "title": attrs.get("title"),
                         "source": attrs["source"], "line": attrs["line"], "terms": list(attrs.get("terms", [])),
                         "plan": p, "plan_name": graph.nodes[p].get("name"), "in_vapa": attrs.get("in_vapa"),
                         "vapa_line": attrs.get("vapa_line"), "vapa_note": attrs.get("vapa_note"), "actors": _actors_of(graph, a),
                         "grondrechten": _rights_of(graph, a)})
    return sorted(rows, key=lambda r: r["id"])


@query(
    cypher="""
    MATCH (x:Actor)-[r:SUCCEEDED_BY|PART_OF]->(y:Actor)
    RETURN x.id AS start, type(r) AS type, y.id AS end, r.source AS source, r.line AS line
    ORDER BY start, type, end
    """,
)
def actor_lineage(graph: nx.MultiDiGraph) -> Rows:
    """Successor organisations (Kind en Gezin SUCCEEDED_BY Opgroeien) and sub-units (PART_OF)."""
    rows = [{"start": x, "type": d["type"], "end": y, "source": d["source"], "line": d["line"]}
            for x, y, d in graph.edges(data=True) if d["type"] in ("SUCCEEDED_BY", "PART_OF")
            and "Actor" in graph.nodes[x]["labels"] and "Actor" in graph.nodes[y]["labels"]]
    return sorted(rows, key=lambda r: (r["start"], r["type"], r["end"]))


@query(
    cypher="""
    MATCH (p:Plan)
    OPTIONAL MATCH (a:Action)-[:PART_OF]->(p)
    WHERE ($grondrecht IS NULL OR EXISTS { (a)-[:TARGETS]->(:Grondrecht {code: $grondrecht}) })
      AND ($actor IS NULL OR EXISTS { MATCH (x:Actor)-[r:RESPONSIBLE_FOR|INVOLVED_IN|LEADS|PARTNER_OF]->(a)
                                      WHERE x.id = $actor AND coalesce(r.role, '') <> 'minister' })
    WITH p, a WHERE $plan IS NULL OR p.id = $plan
    RETURN p.id AS plan, p.name AS plan_name, p.period AS period, p.milestones AS plan_milestones,
           p.source AS plan_source, p.line AS plan_line, a.id AS id, a.code AS code, a.name AS name,
           a.milestones AS milestones, a.source AS source, a.line AS line,
           CASE WHEN a IS NULL THEN [] ELSE COLLECT { MATCH (x:Actor)-[r:RESPONSIBLE_FOR|INVOLVED_IN|LEADS|PARTNER_OF]->(a)
                     WHERE coalesce(r.role, '') <> 'minister' RETURN DISTINCT x.id ORDER BY x.id } END AS actors,
           CASE WHEN a IS NULL THEN [] ELSE COLLECT { MATCH (a)-[:TARGETS]->(g:Grondrecht) RETURN g.code ORDER BY g.code } END
             AS grondrechten
    ORDER BY plan, id
    """,
)
def timeline_rows(graph: nx.MultiDiGraph, plan: str | None = None, actor: str | None = None,
                  grondrecht: str | None = None) -> Rows:
    """Per plan its period and milestones, and its actions (by an actor, on a grondrecht) with theirs."""
    rows = []
    for p, pa in graph.nodes(data=True):
        if "Plan" not in pa["labels"] or (plan is not None and p != plan):
            continue
        base = {"plan": p, "plan_name": pa.get("name"), "period": pa.get("period"),
                "plan_milestones": pa.get("milestones"), "plan_source": pa["source"], "plan_line": pa["line"]}
        actions = []
        for a, _, d in graph.in_edges(p, data=True):
            attrs = graph.nodes[a]
            if d["type"] != "PART_OF" or "Action" not in attrs["labels"]:
                continue
            actors, rights = _actors_of(graph, a), _rights_of(graph, a)
            if (grondrecht is not None and grondrecht not in rights) or (actor is not None and actor not in actors):
                continue
            actions.append({**base, "id": a, "code": attrs.get("code"), "name": attrs.get("name"),
                            "milestones": attrs.get("milestones"), "source": attrs["source"], "line": attrs["line"],
                            "actors": actors, "grondrechten": rights})
        empty = {"id": None, "code": None, "name": None, "milestones": None, "source": None, "line": None,
                 "actors": [], "grondrechten": []}
        rows += actions or [{**base, **empty}]
    return sorted(rows, key=lambda r: (r["plan"], r["id"] or ""))


def _shape_shared(rows: Rows, params: dict[str, Any]) -> Rows:
    out = [{**r, "labels": sorted(r["labels"]), "via": sorted(r["via"], key=lambda v: v["id"]), "own": sorted(r["own"])}
           for r in rows]
    return sorted(out, key=lambda r: (r["code"], r["other"]))


@query(
    cypher=f"""
    WITH $actor AS id
    {match_by_id("x", "id", load_schema())}
    MATCH (x)-[w:RESPONSIBLE_FOR|INVOLVED_IN|LEADS|PARTNER_OF]->(i)-[:TARGETS]->(g:Grondrecht)
    WHERE (i:Action OR i:Project) AND coalesce(w.role, '') <> 'minister'
      AND ($grondrecht IS NULL OR g.code = $grondrecht)
    WITH x, g, collect(DISTINCT i.id) AS own
    MATCH (y:Actor)-[v:RESPONSIBLE_FOR|INVOLVED_IN|LEADS|PARTNER_OF]->(j)-[:TARGETS]->(g)
    WHERE y <> x AND (j:Action OR j:Project) AND coalesce(v.role, '') <> 'minister'
    WITH g, own, y, collect(DISTINCT {{id: j.id, code: j.code, name: j.name, source: j.source, line: j.line,
                                       together: j.id IN own}}) AS via
    RETURN g.code AS code, g.name AS grondrecht, y.id AS other, y.name AS other_name, labels(y) AS labels,
           own, via
    """,
    shape=_shape_shared,
)
def actor_shared_rights(graph: nx.MultiDiGraph, actor: str, grondrecht: str | None = None) -> Rows:
    """For one actor: per grondrecht it works on, every other actor on it and through which actions
    (with source and line), marking the actions they share."""
    def work(x: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for _, i, d in graph.out_edges(x, data=True):
            if d["type"] in _WORK and d.get("role", "") != "minister" and {"Action", "Project"} & set(graph.nodes[i]["labels"]):
                for g in _rights_of(graph, i):
                    if grondrecht is None or g == grondrecht:
                        out.setdefault(g, set()).add(i)
        return out

    if actor not in graph:
        return []
    mine = work(actor)
    rights = {graph.nodes[g]["code"]: g for g, a in graph.nodes(data=True) if "Grondrecht" in a["labels"]}
    rows = []
    for y, ya in graph.nodes(data=True):
        if y == actor or "Actor" not in ya["labels"]:
            continue
        for code, inits in work(y).items():
            if code not in mine:
                continue
            via = [{"id": j, "code": graph.nodes[j].get("code"), "name": graph.nodes[j].get("name"),
                    "source": graph.nodes[j]["source"], "line": graph.nodes[j]["line"], "together": j in mine[code]}
                   for j in inits]
            rows.append({"code": code, "grondrecht": graph.nodes[rights[code]]["name"], "other": y,
                         "other_name": ya.get("name"), "labels": sorted(ya["labels"]), "own": list(mine[code]), "via": via})
    return _shape_shared(rows, {})
