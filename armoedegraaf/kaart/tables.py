"""Tables behind the notebooks' charts, computed from a store's export (the same on both backends):
actions per actor and grondrecht, where actors are (LOCATED_IN chains), platforms and coverage
per province. Pure functions of the export document; no drawing here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from graph.schema import load_schema

Export = dict[str, list[dict[str, Any]]]
ACTION_ROLES = ("RESPONSIBLE_FOR", "INVOLVED_IN", "LEADS")


@dataclass(frozen=True)
class Matrix:
    rows: list[tuple[str, str]]   # (id, name)
    columns: list[tuple[str, str]]
    counts: list[list[int]]

    def total(self) -> int:
        return sum(map(sum, self.counts))


def _names(doc: Export) -> dict[str, str]:
    return {n["id"]: n["properties"].get("name") or n["id"] for n in doc["nodes"]}


def _labels(doc: Export) -> dict[str, list[str]]:
    return {n["id"]: n["labels"] for n in doc["nodes"]}


def action_grondrecht(doc: Export) -> dict[str, str]:
    """action id -> the grondrecht id it TARGETS."""
    return {r["start"]: r["end"] for r in doc["relationships"] if r["type"] == "TARGETS"}


def actions_by_actor_and_grondrecht(doc: Export, actor_labels: tuple[str, ...] | None = None,
                                    top: int | None = None) -> Matrix:
    """How many actions each actor (of `actor_labels`, default every actor label) is responsible
    for, involved in or leads, per grondrecht; actors with most actions first, at most `top`."""
    wanted = set(actor_labels or load_schema().actor_labels)
    labels, names, target = _labels(doc), _names(doc), action_grondrecht(doc)
    per_actor: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in doc["relationships"]:
        if r["type"] in ACTION_ROLES and r["end"] in target and wanted & set(labels.get(r["start"], ())):
            per_actor[r["start"]].add((r["end"], target[r["end"]]))
    actors = sorted(per_actor, key=lambda a: (-len(per_actor[a]), names[a]))[:top]
    rights = sorted((nid for nid, labs in labels.items() if "Grondrecht" in labs))
    counts = [[sum(1 for _, g in per_actor[a] if g == right) for right in rights] for a in actors]
    return Matrix([(a, names[a]) for a in actors], [(g, names[g]) for g in rights], counts)


def locations(doc: Export) -> dict[str, dict[str, str | None]]:
    """node id -> {"municipality", "province", "region"} reached by following LOCATED_IN upward
    (ids; None where the graph does not say)."""
    labels = _labels(doc)
    parents: dict[str, list[str]] = defaultdict(list)
    for r in doc["relationships"]:
        if r["type"] == "LOCATED_IN":
            parents[r["start"]].append(r["end"])
    out = {}
    for nid in labels:
        found: dict[str, str | None] = {"municipality": None, "province": None, "region": None}
        seen, todo = {nid}, list(parents.get(nid, []))
        while todo:
            place = todo.pop(0)
            if place in seen:
                continue
            seen.add(place)
            for key, label in (("municipality", "Municipality"), ("province", "Province"), ("region", "Region")):
                if label in labels.get(place, ()) and found[key] is None:
                    found[key] = place
            todo.extend(parents.get(place, []))
        out[nid] = found
    return out


@dataclass(frozen=True)
class ProvinceRow:
    province: str          # name ('unknown' for nodes without a province)
    region: str | None
    platforms: list[str]   # platform names
    municipalities: int    # municipalities of the province in the graph (named by some source;
                           # not every municipality of the province)
    covered: int           # of those, the ones with a node of the label located in them

    @property
    def coverage(self) -> float | None:
        return self.covered / self.municipalities if self.municipalities else None


def platforms_by_province(doc: Export, label: str = "Platform") -> list[ProvinceRow]:
    """Nodes of `label` (platforms, Huizen van het Kind, ...) per province, with the share of the
    province's municipalities that have one. Provinces without any are listed too."""
    labels, names, where = _labels(doc), _names(doc), locations(doc)
    provinces = {nid for nid, labs in labels.items() if "Province" in labs}
    munis: Counter[str] = Counter(where[n]["province"] for n, labs in labels.items()
                                  if "Municipality" in labs and where[n]["province"])
    per: dict[str | None, list[str]] = defaultdict(list)
    covered: dict[str | None, set[str]] = defaultdict(set)
    for nid, labs in labels.items():
        if label in labs:
            loc = where[nid]
            per[loc["province"]].append(names[nid])
            if loc["municipality"]:
                covered[loc["province"]].add(loc["municipality"])
    rows = []
    for prov in sorted(provinces | set(per), key=lambda p: (p is None, names.get(p, ""))):
        region = where[prov]["region"] if prov else None
        rows.append(ProvinceRow(names[prov] if prov else "unknown", names[region] if region else None,
                                sorted(per[prov]), munis[prov] if prov else 0, len(covered[prov])))
    return rows
