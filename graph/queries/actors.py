"""Actor queries: finding actors by name, and who works on which grondrecht."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from graph.cypher import match_by_id
from graph.schema import load_schema
from graph.queries.registry import Rows, query

# An actor works on an initiative (Action or Project) through one of these relationships.
WORK_RELS = ("RESPONSIBLE_FOR", "INVOLVED_IN", "LEADS", "PARTNER_OF")
INITIATIVES = ("Action", "Project")


def _labels(graph: nx.MultiDiGraph, n: str) -> tuple[str, ...]:
    return graph.nodes[n]["labels"]


def _work(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """actor id -> the initiatives it works on."""
    out: dict[str, set[str]] = defaultdict(set)
    for s, e, d in graph.edges(data=True):
        if d["type"] in WORK_RELS and "Actor" in _labels(graph, s) and set(_labels(graph, e)) & set(INITIATIVES):
            out[s].add(e)
    return out


def _targets(graph: nx.MultiDiGraph, initiative: str) -> list[str]:
    return [e for _, e, d in graph.out_edges(initiative, data=True) if d["type"] == "TARGETS"]


_WORK = "RESPONSIBLE_FOR|INVOLVED_IN|LEADS|PARTNER_OF"

# Named actors start from their id (the per-label uniqueness indexes); otherwise the walk starts
# at the grondrechten (eleven nodes, or one through its code index) and goes back to the actors.
_ACTOR_WORK = f"""
    CALL () {{
      UNWIND $actors AS aid
      {match_by_id("x", "aid", load_schema())}
      MATCH (x:Actor)-[:{_WORK}]->(i)-[:TARGETS]->(g:Grondrecht)
      WHERE (i:Action OR i:Project) AND ($grondrecht IS NULL OR g.code = $grondrecht)
      RETURN x, i, g
      UNION
      WITH 1 AS everyone WHERE size($actors) = 0
      MATCH (g:Grondrecht) WHERE $grondrecht IS NULL OR g.code = $grondrecht
      MATCH (g)<-[:TARGETS]-(i)<-[:{_WORK}]-(x:Actor)
      WHERE i:Action OR i:Project
      RETURN x, i, g
    }}"""


@query(
    cypher=_ACTOR_WORK + """
    WITH x, g, i ORDER BY i.id
    WITH x, g, collect(DISTINCT {id: i.id, code: i.code, name: i.name}) AS via
    RETURN x.id AS actor, x.name AS name, labels(x) AS labels, g.code AS grondrecht, g.name AS grondrecht_name,
           via ORDER BY actor, grondrecht
    """,
    shape=lambda rows, params: [{**r, "labels": sorted(r["labels"])} for r in rows],
)
def actor_grondrechten(graph: nx.MultiDiGraph, actors: list[str], grondrecht: str | None = None) -> Rows:
    """For each (actor, grondrecht): the initiatives through which the actor works on that right."""
    cells: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    for actor, initiatives in _work(graph).items():
        if actors and actor not in actors:
            continue
        for i in initiatives:
            for g in _targets(graph, i):
                code = graph.nodes[g]["code"]
                if grondrecht is None or code == grondrecht:
                    attrs = graph.nodes[i]
                    cells[(actor, g)][i] = {"id": i, "code": attrs.get("code"), "name": attrs.get("name")}
    rows = [{"actor": a, "name": graph.nodes[a].get("name"), "labels": sorted(_labels(graph, a)),
             "grondrecht": graph.nodes[g]["code"], "grondrecht_name": graph.nodes[g]["name"],
             "via": [v for _, v in sorted(via.items())]} for (a, g), via in cells.items()]
    return sorted(rows, key=lambda r: (r["actor"], r["grondrecht"]))


@query(
    cypher=f"""
    MATCH (g:Grondrecht)<-[:TARGETS]-(i)<-[:{_WORK}]-(x:Actor)
    WHERE (i:Action OR i:Project) AND ($label IS NULL OR $label IN labels(x))
    WITH x, g.code AS code, count(DISTINCT i) AS n ORDER BY code
    RETURN x.id AS id, x.name AS name, collect({{code: code, n: n}}) AS counts
    """,
    shape=lambda rows, params: sorted(({"id": r["id"], "name": r["name"],
                                         "counts": {c["code"]: c["n"] for c in r["counts"]}} for r in rows),
                                       key=lambda r: r["id"]),
)
def actor_grondrecht_counts(graph: nx.MultiDiGraph, label: str | None = None) -> Rows:
    """Per actor (of `label`, when given): the number of initiatives on each grondrecht it works on."""
    rows = []
    for actor, initiatives in _work(graph).items():
        if label is not None and label not in _labels(graph, actor):
            continue
        counts: dict[str, set[str]] = defaultdict(set)
        for i in initiatives:
            for g in _targets(graph, i):
                counts[graph.nodes[g]["code"]].add(i)
        if counts:
            rows.append({"id": actor, "name": graph.nodes[actor].get("name"),
                         "counts": {c: len(v) for c, v in sorted(counts.items())}})
    return sorted(rows, key=lambda r: r["id"])


@query(
    cypher="""
    MATCH (x:Actor) WHERE x.folded_key CONTAINS $q
    WITH x, [n IN coalesce(x.folded_names, []) WHERE n CONTAINS $q] AS hits
    WHERE size(hits) > 0 AND ($label IS NULL OR $label IN labels(x))
    WITH x, hits, CASE WHEN $q IN hits THEN 0
                       WHEN any(n IN hits WHERE n STARTS WITH $q) THEN 1 ELSE 2 END AS rank
    RETURN x.id AS id, x.name AS name, labels(x) AS labels, rank, hits AS matched
    ORDER BY rank, size(x.name), x.id LIMIT $limit
    """,
    shape=lambda rows, params: [{**r, "labels": sorted(r["labels"]), "matched": sorted(r["matched"])} for r in rows],
)
def find_actors(graph: nx.MultiDiGraph, q: str, label: str | None = None, limit: int = 20) -> Rows:
    """Actors whose folded name or alias contains `q` (already folded): exact, prefix, then infix."""
    rows = []
    for n, attrs in graph.nodes(data=True):
        if "Actor" not in attrs["labels"] or (label is not None and label not in attrs["labels"]):
            continue
        hits = [f for f in attrs.get("folded_names", []) if q in f]
        if not hits:
            continue
        rank = 0 if q in hits else 1 if any(f.startswith(q) for f in hits) else 2
        rows.append({"id": n, "name": attrs.get("name"), "labels": sorted(attrs["labels"]), "rank": rank,
                     "matched": sorted(hits)})
    rows.sort(key=lambda r: (r["rank"], len(r["name"] or ""), r["id"]))
    return rows[:limit]


@query(
    cypher="""
    CALL () {
      MATCH (a:Action {plan: $plan}) RETURN a
      UNION
      WITH 1 AS every WHERE $plan IS NULL
      MATCH (a:Action) RETURN a
    }
    WITH a WHERE a.people_in_poverty_kind IN ['none', 'placeholder']  // only a fiche-format plan has the field
    OPTIONAL MATCH (a)-[:TARGETS]->(g:Grondrecht)
    RETURN a.id AS id, a.code AS code, a.name AS name, a.people_in_poverty AS people_in_poverty,
           a.people_in_poverty_kind AS kind, g.code AS grondrecht, a.source AS source, a.line AS line
    ORDER BY code, id
    """,
)
def actions_without_poverty_involvement(graph: nx.MultiDiGraph, plan: str | None = None) -> Rows:
    rows = []
    for n, a in graph.nodes(data=True):
        kind = a.get("people_in_poverty_kind")  # only a fiche-format plan has the field to be empty
        if "Action" not in a["labels"] or kind not in ("none", "placeholder") or (plan and a.get("plan") != plan):
            continue
        g = next((graph.nodes[t]["code"] for t in _targets(graph, n)), None)
        rows.append({"id": n, "code": a.get("code"), "name": a.get("name"), "people_in_poverty": a.get("people_in_poverty"),
                     "kind": kind, "grondrecht": g, "source": a["source"], "line": a["line"]})
    return sorted(rows, key=lambda r: (r["code"] or "", r["id"]))


@query(
    cypher=f"""
    WITH $id AS id
    {match_by_id("x", "id", load_schema())}
    MATCH (x)-[r]-(y)
    RETURN type(r) AS type, startNode(r).id = x.id AS outgoing, properties(r) AS properties,
           y.id AS id, y.name AS name, labels(y) AS labels
    """,
    shape=lambda rows, params: sorted(({**r, "labels": sorted(r["labels"]),
                                        "properties": dict(sorted(r["properties"].items()))} for r in rows),
                                      key=lambda r: (r["type"], r["id"], not r["outgoing"], r["properties"].get("key", ""))),
)
def relationships_of(graph: nx.MultiDiGraph, id: str) -> Rows:
    if id not in graph:
        return []
    def row(d: dict[str, Any], other: str, outgoing: bool) -> dict[str, Any]:
        props = dict(sorted((k, v) for k, v in d.items() if k != "type"))
        return {"type": d["type"], "outgoing": outgoing, "properties": props, "id": other,
                "name": graph.nodes[other].get("name"), "labels": sorted(_labels(graph, other))}

    rows = [row(d, e, True) for _, e, d in graph.out_edges(id, data=True)]
    rows += [row(d, s, False) for s, _, d in graph.in_edges(id, data=True)]
    return sorted(rows, key=lambda r: (r["type"], r["id"], not r["outgoing"], r["properties"].get("key", "")))


# -- pages of the whole-graph questions ------------------------------------------------------------
# The matrix and a grondrecht's actors grow with the corpus (41,000 actors at 100x): the answer is
# one page, ordered by how much each actor does, with the total. Both walks start at the
# grondrechten (eleven nodes, or one through its code index); only the page's rows leave Neo4j.

def _page_params(params: dict[str, Any]) -> dict[str, Any]:
    # No limit means every row (the CSV export); a Cypher slice needs a number.
    return {**params, "limit": params["limit"] if params["limit"] is not None else 2**30}


def _page(rows: list, limit: int | None, offset: int) -> list:
    return rows[offset:] if limit is None else rows[offset:offset + limit]


@query(
    cypher=f"""
    MATCH (:Grondrecht {{code: $code}})<-[:TARGETS]-(i)<-[:{_WORK}]-(x:Actor)
    WHERE i:Action OR i:Project
    WITH x, count(DISTINCT i) AS n ORDER BY n DESC, x.id
    WITH collect(x) AS xs
    CALL (xs) {{
      UNWIND xs[$offset..$offset + $limit] AS x
      CALL (x) {{
        MATCH (x)-[:{_WORK}]->(i)-[:TARGETS]->(:Grondrecht {{code: $code}})
        WHERE i:Action OR i:Project
        WITH DISTINCT i ORDER BY i.id
        RETURN collect({{id: i.id, code: i.code, name: i.name}}) AS via
      }}
      RETURN collect({{id: x.id, name: x.name, labels: labels(x), via: via}}) AS page
    }}
    RETURN size(xs) AS total, page
    """,
    shape=lambda rows, params: [{"total": rows[0]["total"],
                                 "actors": [{**a, "labels": sorted(a["labels"])} for a in rows[0]["page"]]}],
    cypher_params=_page_params,
)
def grondrecht_actor_page(graph: nx.MultiDiGraph, code: str, limit: int | None = 50, offset: int = 0) -> Rows:
    """The actors working on grondrecht `code`, most initiatives first (then id): one page of them,
    each with the initiatives through which it works on that right, and how many there are in all."""
    via: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for actor, initiatives in _work(graph).items():
        for i in initiatives:
            if any(graph.nodes[g]["code"] == code for g in _targets(graph, i)):
                attrs = graph.nodes[i]
                via[actor][i] = {"id": i, "code": attrs.get("code"), "name": attrs.get("name")}
    ordered = sorted(via, key=lambda a: (-len(via[a]), a))
    page = [{"id": a, "name": graph.nodes[a].get("name"), "labels": sorted(_labels(graph, a)),
             "via": [v for _, v in sorted(via[a].items())]} for a in _page(ordered, limit, offset)]
    return [{"total": len(ordered), "actors": page}]


@query(
    cypher=f"""
    MATCH (g:Grondrecht)<-[:TARGETS]-(i)<-[:{_WORK}]-(x:Actor)
    WHERE (i:Action OR i:Project) AND ($label IS NULL OR $label IN labels(x))
    WITH x, g.code AS code, count(DISTINCT i) AS n
    WITH x, sum(n) AS total, collect({{code: code, n: n}}) AS counts ORDER BY total DESC, x.id
    WITH collect({{x: x, counts: counts}}) AS ranked
    RETURN size(ranked) AS total,
           [r IN ranked[$offset..$offset + $limit] | {{id: r.x.id, name: r.x.name, counts: r.counts}}] AS rows
    """,
    shape=lambda rows, params: [{"total": rows[0]["total"],
                                 "rows": [{**r, "counts": dict(sorted((c["code"], c["n"]) for c in r["counts"]))}
                                          for r in rows[0]["rows"]]}],
    cypher_params=_page_params,
)
def actor_grondrecht_page(graph: nx.MultiDiGraph, label: str | None = None, limit: int | None = 100,
                          offset: int = 0) -> Rows:
    """One page of actor_grondrecht_counts, the actors with the most initiatives (summed over the
    grondrechten) first, then by id; with the number of actors in all."""
    rows = actor_grondrecht_counts(graph, label=label)
    rows.sort(key=lambda r: (-sum(r["counts"].values()), r["id"]))
    return [{"total": len(rows), "rows": _page(rows, limit, offset)}]
