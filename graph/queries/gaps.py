"""Gap queries: what platforms link to, and how well each grondrecht is covered."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from graph.queries.registry import Rows, query


def _near(graph: nx.MultiDiGraph, n: str) -> set[str]:
    return set(graph.successors(n)) | set(graph.predecessors(n))


@query(
    cypher="""
    MATCH (p:Platform)
    OPTIONAL MATCH (p)-[:PART_OF]->(call:Plan)
    RETURN p.id AS id, p.name AS name, p.municipality AS municipality, p.province AS province,
           p.status AS status, coalesce(p.partner_categories, []) AS categories,
           coalesce(p.partner_categories_evidence, []) AS evidence,
           coalesce(call.partner_categories, []) AS all_categories,
           COLLECT { MATCH (p)--(h:HuisVanHetKind) RETURN DISTINCT h.id ORDER BY h.id } AS linked,
           COLLECT { MATCH (p)--(x:Actor)--(h:HuisVanHetKind) WHERE NOT x:HuisVanHetKind
                     RETURN DISTINCT h.id ORDER BY h.id } AS via_partner,
           COLLECT { MATCH (p)-[:LOCATED_IN]->(:Municipality)<-[:LOCATED_IN]-(h:HuisVanHetKind)
                     RETURN DISTINCT h.id ORDER BY h.id } AS in_municipality,
           p.source AS source, p.line AS line
    ORDER BY id
    """,
)
def platform_links(graph: nx.MultiDiGraph) -> Rows:
    """Per platform: its known partner categories (and the study's full list), and the Huizen van
    het Kind it is linked to directly, through a partner, or that merely sit in its municipality."""
    hvhk = {n for n, a in graph.nodes(data=True) if "HuisVanHetKind" in a["labels"]}
    rows = []
    for n, a in graph.nodes(data=True):
        if "Platform" not in a["labels"]:
            continue
        near = _near(graph, n)
        call = next((graph.nodes[e] for _, e, d in graph.out_edges(n, data=True)
                     if d["type"] == "PART_OF" and "Plan" in graph.nodes[e]["labels"]), {})
        partners = {x for x in near if "Actor" in graph.nodes[x]["labels"] and x not in hvhk}
        munis = {e for _, e, d in graph.out_edges(n, data=True) if d["type"] == "LOCATED_IN"}
        in_muni = {h for m in munis for h, _, d in graph.in_edges(m, data=True) if h in hvhk and d["type"] == "LOCATED_IN"}
        rows.append({"id": n, "name": a.get("name"), "municipality": a.get("municipality"), "province": a.get("province"),
                     "status": a.get("status"), "categories": a.get("partner_categories", []),
                     "evidence": a.get("partner_categories_evidence", []),
                     "all_categories": call.get("partner_categories", []),
                     "linked": sorted(near & hvhk), "via_partner": sorted({h for x in partners for h in _near(graph, x)} & hvhk),
                     "in_municipality": sorted(in_muni), "source": a["source"], "line": a["line"]})
    return sorted(rows, key=lambda r: r["id"])


@query(
    cypher="""
    MATCH (g:Grondrecht)
    RETURN g.code AS code, g.name AS name,
           COUNT { (g)<-[:TARGETS]-(:Action) } AS actions,
           COUNT { (g)<-[:TARGETS]-(:Project) } AS projects,
           COUNT { MATCH (x:Actor)-[:RESPONSIBLE_FOR|INVOLVED_IN|LEADS|PARTNER_OF]->(i)-[:TARGETS]->(g)
                   WHERE i:Action OR i:Project RETURN DISTINCT x } AS actors,
           COUNT { MATCH (x:Actor)-[:INVOLVED_IN {role: 'people_in_poverty'}]->(:Action)-[:TARGETS]->(g)
                   RETURN DISTINCT x } AS poverty_organisations
    ORDER BY code
    """,
)
def grondrecht_coverage(graph: nx.MultiDiGraph) -> Rows:
    counts: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for s, g, d in graph.edges(data=True):
        if d["type"] != "TARGETS" or "Grondrecht" not in graph.nodes[g]["labels"]:
            continue
        labels = graph.nodes[s]["labels"]
        kind = "actions" if "Action" in labels else "projects" if "Project" in labels else None
        if kind is None:
            continue
        counts[g][kind].add(s)
        for x, _, w in graph.in_edges(s, data=True):
            if "Actor" in graph.nodes[x]["labels"] and w["type"] in ("RESPONSIBLE_FOR", "INVOLVED_IN", "LEADS", "PARTNER_OF"):
                counts[g]["actors"].add(x)
                if kind == "actions" and w["type"] == "INVOLVED_IN" and w.get("role") == "people_in_poverty":
                    counts[g]["poverty_organisations"].add(x)
    rows = [{"code": a["code"], "name": a["name"],
             **{k: len(counts[n][k]) for k in ("actions", "projects", "actors", "poverty_organisations")}}
            for n, a in graph.nodes(data=True) if "Grondrecht" in a["labels"]]
    return sorted(rows, key=lambda r: r["code"])


# -- scope and local partnerships (graph/questions/missing_links.py) ---------------------------
# The labels a coordinator can scope missing links to, and the actors that work locally or in the
# field (no minister, cabinet or Flemish administration): fixed here, never taken from input.
SCOPE_LABELS = ("Platform", "Municipality", "HuisVanHetKind", "Province")
FIELD_LABELS = ("Organisation", "HuisVanHetKind", "LocalTeam", "Platform")
_WORK_RELS = ("RESPONSIBLE_FOR", "INVOLVED_IN", "LEADS", "PARTNER_OF")


@query(
    cypher="""
    CALL () {
      MATCH (n:Platform {id: $q}) RETURN n
      UNION MATCH (n:Municipality {id: $q}) RETURN n
      UNION MATCH (n:HuisVanHetKind {id: $q}) RETURN n
      UNION MATCH (n:Province {id: $q}) RETURN n
      UNION MATCH (n:Platform) WHERE toLower(n.name) = toLower($q) OR toLower($q) IN [x IN coalesce(n.names, []) | toLower(x)] RETURN n
      UNION MATCH (n:Municipality) WHERE toLower(n.name) = toLower($q) OR toLower($q) IN [x IN coalesce(n.names, []) | toLower(x)] RETURN n
      UNION MATCH (n:HuisVanHetKind) WHERE toLower(n.name) = toLower($q) OR toLower($q) IN [x IN coalesce(n.names, []) | toLower(x)] RETURN n
      UNION MATCH (n:Province) WHERE toLower(n.name) = toLower($q) OR toLower($q) IN [x IN coalesce(n.names, []) | toLower(x)] RETURN n
    }
    OPTIONAL MATCH (n)-[:LOCATED_IN]->(m:Municipality)
    OPTIONAL MATCH (n)-[:LOCATED_IN*1..2]->(p:Province)
    RETURN n.id AS id, [l IN labels(n) WHERE l IN $scope_labels][0] AS label, n.name AS name,
           CASE WHEN n:Municipality THEN n.name ELSE coalesce(m.name, n.municipality) END AS municipality,
           CASE WHEN n:Province THEN n.name ELSE coalesce(p.name, n.province) END AS province
    ORDER BY id
    """,
    cypher_params=lambda p: {**p, "scope_labels": list(SCOPE_LABELS)},
)
def scope_nodes(graph: nx.MultiDiGraph, q: str) -> Rows:
    """The platforms, municipalities, Huizen van het Kind or provinces `q` names (id or name, case
    ignored), each with its municipality and province. On Neo4j the id through the per-label
    uniqueness index; a name over these four small labels only."""
    rows = []
    for n, a in graph.nodes(data=True):
        label = next((lab for lab in SCOPE_LABELS if lab in a["labels"]), None)
        # a name or any other name the sources give it (the study names a platform after its lead)
        names = {x.lower() for x in (a.get("name") or "", *(a.get("names") or ()))}
        if label is None or not (n == q or q.lower() in names):
            continue
        ups = [e for _, e, d in graph.out_edges(n, data=True) if d["type"] == "LOCATED_IN"]
        muni = next((e for e in ups if "Municipality" in graph.nodes[e]["labels"]), None)
        prov = [e for e in ups if "Province" in graph.nodes[e]["labels"]]
        prov += [e for m in ([muni] if muni else []) for _, e, d in graph.out_edges(m, data=True)
                 if d["type"] == "LOCATED_IN" and "Province" in graph.nodes[e]["labels"]]
        rows.append({"id": n, "label": label, "name": a.get("name"),
                     "municipality": a.get("name") if label == "Municipality" else
                     (graph.nodes[muni]["name"] if muni else a.get("municipality")),
                     "province": a.get("name") if label == "Province" else
                     (graph.nodes[prov[0]]["name"] if prov else a.get("province"))})
    return sorted(rows, key=lambda r: r["id"])


def _shape_work(rows: Rows, params: dict[str, Any]) -> Rows:
    out = []
    for r in rows:
        ev = sorted(({"id": e["id"], "source": e["source"], "line": e["line"]} for e in r["evidence"]),
                    key=lambda e: (e["source"], e["line"], e["id"]))
        out.append({**r, "labels": sorted(r["labels"]), "evidence": ev, "municipalities": sorted({m for m in r["municipalities"] if m}),
                    "provinces": sorted({p for p in r["provinces"] if p}),
                    "neighbours": sorted(r["neighbours"]), "initiatives": sorted(r["initiatives"])})
    return sorted(out, key=lambda r: (r["actor"], r["code"]))


@query(
    cypher="""
    MATCH (x:Actor)-[w:RESPONSIBLE_FOR|INVOLVED_IN|LEADS|PARTNER_OF]->(i)-[:TARGETS]->(g:Grondrecht)
    WHERE any(l IN labels(x) WHERE l IN $field_labels) AND coalesce(w.role, '') <> 'minister'
      AND (i:Action OR i:Project)
    WITH x, g, collect(DISTINCT {id: i.id, source: i.source, line: i.line}) AS evidence
    RETURN x.id AS actor, x.name AS name, labels(x) AS labels, g.code AS code, g.name AS grondrecht, evidence,
           COLLECT { MATCH (x)-[:LOCATED_IN]->(m:Municipality) RETURN m.name }
             + CASE WHEN x.municipality IS NULL THEN [] ELSE [x.municipality] END AS municipalities,
           COLLECT { MATCH (x)-[:LOCATED_IN]->(:Municipality)-[:LOCATED_IN]->(p:Province) RETURN p.name }
             + CASE WHEN x.province IS NULL THEN [] ELSE [x.province] END AS provinces,
           COLLECT { MATCH (x)--(y:Actor) RETURN DISTINCT y.id } AS neighbours,
           COLLECT { MATCH (x)-[v:RESPONSIBLE_FOR|INVOLVED_IN|LEADS|PARTNER_OF]->(j)
                     WHERE (j:Action OR j:Project) AND coalesce(v.role, '') <> 'minister'
                     RETURN DISTINCT j.id } AS initiatives
    """,
    shape=_shape_work,
    cypher_params=lambda p: {**p, "field_labels": list(FIELD_LABELS)},
)
def field_actor_work(graph: nx.MultiDiGraph) -> Rows:
    """One row per (actor working locally or in the field, grondrecht it works on): the initiatives
    that show it (source, line), where the actor is, its actor neighbours and all its initiatives;
    what local partnership suggestions are built from."""
    rows: Rows = []
    for x, a in graph.nodes(data=True):
        if not set(FIELD_LABELS) & set(a["labels"]):
            continue
        work = {i for _, i, d in graph.out_edges(x, data=True) if d["type"] in _WORK_RELS
                and d.get("role", "") != "minister" and {"Action", "Project"} & set(graph.nodes[i]["labels"])}
        by_right: dict[str, list[str]] = defaultdict(list)
        for i in work:
            for _, g, d in graph.out_edges(i, data=True):
                if d["type"] == "TARGETS" and "Grondrecht" in graph.nodes[g]["labels"]:
                    by_right[g].append(i)
        munis = [graph.nodes[m]["name"] for _, m, d in graph.out_edges(x, data=True)
                 if d["type"] == "LOCATED_IN" and "Municipality" in graph.nodes[m]["labels"]]
        munis += [a["municipality"]] if a.get("municipality") else []
        provs = [graph.nodes[p]["name"] for _, m, d in graph.out_edges(x, data=True) if d["type"] == "LOCATED_IN"
                 and "Municipality" in graph.nodes[m]["labels"] for _, p, e in graph.out_edges(m, data=True)
                 if e["type"] == "LOCATED_IN" and "Province" in graph.nodes[p]["labels"]]
        provs += [a["province"]] if a.get("province") else []
        near = {y for y in _near(graph, x) if "Actor" in graph.nodes[y]["labels"]}
        for g, inits in by_right.items():
            rows.append({"actor": x, "name": a.get("name"), "labels": list(a["labels"]),
                         "code": graph.nodes[g]["code"], "grondrecht": graph.nodes[g]["name"],
                         "evidence": [{"id": i, "source": graph.nodes[i]["source"], "line": graph.nodes[i]["line"]}
                                      for i in inits],
                         "municipalities": munis, "provinces": provs, "neighbours": list(near),
                         "initiatives": list(work)})
    return _shape_work(rows, {})


# -- local instances that would fill a platform's missing partner category ---------------------
# The category ids come from loaders/data/partner_category_actors.yaml (never from input); the
# platform's own Category partners are added, so a generic "CLB" partner gets its local CLB's too.
_BELONGS = ("INSTANCE_OF", "MEMBER_OF")


def _shape_local(rows: Rows, params: dict[str, Any]) -> Rows:
    seen = {(r["category"], r["id"], r["how"], r["via"]): r for r in rows}
    return sorted(seen.values(), key=lambda r: (r["category"], r["id"], r["how"], r["via"] or ""))


@query(
    cypher="""
    MATCH (p:Platform {id: $platform})-[:LOCATED_IN]->(m:Municipality)
    WITH p, m, $categories + COLLECT { MATCH (p)--(c:Category) RETURN c.id } AS cats
    CALL (m, cats) {
      MATCH (m)<-[w:LOCATED_IN]-(x:Actor)-[r:INSTANCE_OF|MEMBER_OF]->(c:Actor)
      WHERE c.id IN cats
      RETURN x, c, r, 'located_in' AS how, null AS via, w.source AS where_source, w.line AS where_line
      UNION
      MATCH (m)<-[:LOCATED_IN]-(i)<-[:LEADS|PARTNER_OF|RESPONSIBLE_FOR|INVOLVED_IN]-(x:Actor)-[r:INSTANCE_OF|MEMBER_OF]->(c:Actor)
      WHERE c.id IN cats AND (NOT i:Actor OR i:Platform OR i:HuisVanHetKind)
      RETURN x, c, r, 'works_in' AS how, i.id AS via, i.source AS where_source, i.line AS where_line
    }
    RETURN c.id AS category, c.name AS category_name, x.id AS id, x.name AS name, how, via,
           m.name AS municipality, EXISTS { (x)--(p) } AS partner, EXISTS { (c)--(p) } AS generic_partner,
           [{source: r.source, line: r.line}, {source: where_source, line: where_line}] AS evidence
    """,
    shape=_shape_local,
)
def category_instances_near(graph: nx.MultiDiGraph, platform: str, categories: list[str] = ()) -> Rows:
    """The instances and members of the given actor categories (and of the platform's own category
    partners) that sit in the platform's municipality, or lead or partner in an initiative, platform
    or Huis van het Kind there; with the edge that makes each one of its category and the one that
    places it."""
    if platform not in graph or "Platform" not in graph.nodes[platform]["labels"]:
        return []
    p_near = _near(graph, platform)
    generic = [c for c in p_near if "Category" in graph.nodes[c]["labels"]]
    cats = set(categories) | set(generic)
    rows: Rows = []
    for _, m, d in graph.out_edges(platform, data=True):
        if d["type"] != "LOCATED_IN" or "Municipality" not in graph.nodes[m]["labels"]:
            continue
        places = [(x, "located_in", None, w) for x, _, w in graph.in_edges(m, data=True)
                  if w["type"] == "LOCATED_IN" and "Actor" in graph.nodes[x]["labels"]]
        for i, _, w in graph.in_edges(m, data=True):
            labels = graph.nodes[i]["labels"]
            if w["type"] != "LOCATED_IN" or ("Actor" in labels and not {"Platform", "HuisVanHetKind"} & set(labels)):
                continue
            places += [(x, "works_in", i, graph.nodes[i]) for x, _, v in graph.in_edges(i, data=True)
                       if v["type"] in _WORK_RELS and "Actor" in graph.nodes[x]["labels"]]
        for x, how, via, where in places:
            for _, c, r in graph.out_edges(x, data=True):
                if r["type"] in _BELONGS and c in cats:
                    rows.append({"category": c, "category_name": graph.nodes[c].get("name"), "id": x,
                                 "name": graph.nodes[x].get("name"), "how": how, "via": via,
                                 "municipality": graph.nodes[m]["name"], "partner": x in p_near,
                                 "generic_partner": c in p_near,
                                 "evidence": [{"source": r["source"], "line": r["line"]},
                                              {"source": where["source"], "line": where["line"]}]})
    return _shape_local(rows, {})
