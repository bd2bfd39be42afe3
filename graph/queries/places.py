"""Platforms and places: the local platforms by region and province, and coverage per province."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from graph.queries.registry import Rows, query

_PLATFORM_FIELDS = ("name", "municipality", "province", "region", "size_group", "lead", "status", "target_group")


@query(
    cypher="""
    CALL () {
      MATCH (p:Platform {province: $province}) RETURN p
      UNION
      WITH 1 AS one WHERE $province IS NULL
      MATCH (p:Platform {region: $region}) RETURN p
      UNION
      WITH 1 AS one WHERE $province IS NULL AND $region IS NULL
      MATCH (p:Platform) RETURN p
    }
    WITH p WHERE ($region IS NULL OR p.region = $region) AND ($province IS NULL OR p.province = $province)
    RETURN p.id AS id, p.name AS name, p.municipality AS municipality, p.province AS province,
           p.region AS region, p.size_group AS size_group, p.lead AS lead, p.status AS status,
           p.target_group AS target_group
    ORDER BY region, province, name, id
    """,
)
def platforms(graph: nx.MultiDiGraph, region: str | None = None, province: str | None = None) -> Rows:
    rows = [{"id": n, **{f: a.get(f) for f in _PLATFORM_FIELDS}} for n, a in graph.nodes(data=True)
            if "Platform" in a["labels"] and (region is None or a.get("region") == region)
            and (province is None or a.get("province") == province)]
    return sorted(rows, key=lambda r: (r["region"] or "", r["province"] or "", r["name"] or "", r["id"]))


@query(
    cypher="""
    MATCH (p:Province)-[:LOCATED_IN]->(r:Region)
    RETURN p.name AS province, r.name AS region,
           COUNT { MATCH (x:Platform) WHERE x.province = p.name } AS platforms,
           COUNT { MATCH (:Project)-[:LOCATED_IN]->(:Municipality)-[:LOCATED_IN]->(p) } AS projects,
           COUNT { MATCH (:HuisVanHetKind)-[:LOCATED_IN]->(:Municipality)-[:LOCATED_IN]->(p) } AS huizen_van_het_kind,
           reduce(n = 0, c IN COLLECT { MATCH (t:LocalTeam)-[:LOCATED_IN]->(p) RETURN coalesce(t.count, 0) }
                  | n + c) AS local_teams
    ORDER BY region, province
    """,
)
def province_coverage(graph: nx.MultiDiGraph) -> Rows:
    """Per province: platforms, handbook projects, Huizen van het Kind and local teams."""
    located = defaultdict(set)
    for s, e, d in graph.edges(data=True):
        if d["type"] == "LOCATED_IN":
            located[s].add(e)
    counts: dict[str, Counter] = defaultdict(Counter)
    for n, a in graph.nodes(data=True):
        labels = a["labels"]
        if "Platform" in labels and a.get("province"):
            counts[a["province"]]["platforms"] += 1
        for kind, label in (("projects", "Project"), ("huizen_van_het_kind", "HuisVanHetKind")):
            if label in labels:
                for m in located[n]:
                    for p in located[m]:
                        if "Province" in graph.nodes[p]["labels"]:
                            counts[graph.nodes[p]["name"]][kind] += 1
        if "LocalTeam" in labels:
            for p in located[n]:
                if "Province" in graph.nodes[p]["labels"]:
                    counts[graph.nodes[p]["name"]]["local_teams"] += a.get("count") or 0
    rows = []
    for n, a in graph.nodes(data=True):
        if "Province" not in a["labels"]:
            continue
        region = next((graph.nodes[r]["name"] for r in located[n] if "Region" in graph.nodes[r]["labels"]), None)
        c = counts[a["name"]]
        rows.append({"province": a["name"], "region": region, "platforms": c["platforms"], "projects": c["projects"],
                     "huizen_van_het_kind": c["huizen_van_het_kind"], "local_teams": c["local_teams"]})
    return sorted(rows, key=lambda r: (r["region"] or "", r["province"]))
