"""Gap queries: what platforms link to, and how well each grondrecht is covered."""

from __future__ import annotations

from collections import defaultdict

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
