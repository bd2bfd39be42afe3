"""Missing links: partners, rights and stakeholders that are absent where they should be.

Every item says what is missing, why it is reported, and where to check it (source and line)."""

from __future__ import annotations

import statistics
from typing import Any, Callable

from armoedegraaf.errors import InvalidParameter
from graph.store import Store


def platform_partner_categories(store: Store, limit: int) -> list[dict[str, Any]]:
    """Platforms whose known partner categories leave out some of the study's seven."""
    items = []
    for p in store.run("platform_links"):
        if not p["categories"] or p["status"] == "niet opgestart":
            continue  # unknown is not missing: the study's figures per platform are images
        missing = [c for c in p["all_categories"] if c not in p["categories"]]
        if missing:
            items.append({"kind": "platform_partner_categories", "subject": {"id": p["id"], "name": p["name"]},
                          "missing": missing, "score": len(missing),
                          "why": f"{p['name']} names partners in {len(p['categories'])} of the study's "
                                 f"{len(p['all_categories'])} partner categories; none in: {', '.join(missing)}",
                          "evidence": [{"source": p["source"], "line": line} for line in p["evidence"]]})
    return sorted(items, key=lambda i: (-i["score"], i["subject"]["id"]))[:limit]


def platform_hvhk(store: Store, limit: int) -> list[dict[str, Any]]:
    """Active platforms with no link to any Huis van het Kind (directly or through a partner)."""
    items = []
    for p in store.run("platform_links"):
        if p["linked"] or p["via_partner"] or p["status"] == "niet opgestart":
            continue
        nearby = p["in_municipality"]
        why = (f"{p['name']} has no link to a Huis van het Kind"
               + (f", although {', '.join(nearby)} works in {p['municipality']}" if nearby else
                  f" and the sources name none in {p['municipality']}"))
        items.append({"kind": "platform_hvhk", "subject": {"id": p["id"], "name": p["name"]},
                      "missing": ["Huis van het Kind"], "suggested": nearby, "score": 2 if nearby else 1,
                      "why": why, "evidence": [{"source": p["source"], "line": p["line"]}]})
    return sorted(items, key=lambda i: (-i["score"], i["subject"]["id"]))[:limit]


def poverty_involvement(store: Store, limit: int) -> list[dict[str, Any]]:
    """Actions of the plan that involve no people in poverty (field empty or a placeholder)."""
    return [{"kind": "poverty_involvement", "subject": {"id": a["id"], "name": a["name"], "code": a["code"]},
             "missing": ["mensen in armoede"], "score": 1,
             "why": (f"the field 'mensen in armoede' of {a['code']} is empty" if a["kind"] == "none" else
                     f"the field 'mensen in armoede' of {a['code']} holds only the placeholder "
                     f"{a['people_in_poverty']!r}"),
             "evidence": [{"source": a["source"], "line": a["line"]}]}
            # only the VAPA fiches have a 'mensen in armoede' field to be empty
            for a in store.run("actions_without_poverty_involvement", plan="VAPA 2015-2019")][:limit]


def partnerships(store: Store, limit: int) -> list[dict[str, Any]]:
    """Actor pairs that work on the same grondrechten but never on the same initiative."""
    return [{"kind": "partnerships", "subject": {"a": {"id": p["a"], "name": p["a_name"]},
                                                 "b": {"id": p["b"], "name": p["b_name"]}},
             "missing": ["a shared initiative or relationship"], "score": p["score"],
             "why": f"both work on {len(p['shared'])} grondrecht(en) ({', '.join(s['name'] for s in p['shared'])}) "
                    "but share no action, project or relationship",
             "common_neighbours": p["shared"]} for p in store.run("suggested_partnerships", limit=limit)]


def thin_grondrechten(store: Store, limit: int) -> list[dict[str, Any]]:
    """Grondrechten with fewer actions, projects or actors than half the median right."""
    rows = store.run("grondrecht_coverage")
    measures = ("actions", "projects", "actors", "poverty_organisations")
    medians = {m: statistics.median(r[m] for r in rows) for m in measures}
    items = []
    for r in rows:
        thin = [m for m in measures if r[m] < medians[m] / 2]
        if thin:
            items.append({"kind": "thin_grondrechten", "subject": {"code": r["code"], "name": r["name"]},
                          "missing": thin, "score": len(thin), "counts": {m: r[m] for m in measures},
                          "why": "; ".join(f"{r[m]} {m} against a median of {medians[m]:g}" for m in thin)})
    return sorted(items, key=lambda i: (-i["score"], i["subject"]["code"]))[:limit]


def thin_provinces(store: Store, limit: int) -> list[dict[str, Any]]:
    """Provinces where platforms, projects, Huizen van het Kind or local teams are absent."""
    measures = ("platforms", "projects", "huizen_van_het_kind", "local_teams")
    items = []
    for r in store.run("province_coverage"):
        absent = [m for m in measures if r[m] == 0]
        if absent:
            items.append({"kind": "thin_provinces", "subject": {"province": r["province"], "region": r["region"]},
                          "missing": absent, "score": len(absent), "counts": {m: r[m] for m in measures},
                          "why": f"the sources name no {', '.join(absent)} in {r['province']}"})
    return sorted(items, key=lambda i: (-i["score"], i["subject"]["province"]))[:limit]


KINDS: dict[str, Callable[[Store, int], list[dict[str, Any]]]] = {
    "platform_partner_categories": platform_partner_categories,
    "platform_hvhk": platform_hvhk,
    "poverty_involvement": poverty_involvement,
    "partnerships": partnerships,
    "thin_grondrechten": thin_grondrechten,
    "thin_provinces": thin_provinces,
}


def missing_links(store: Store, kind: str | None = None, limit: int = 20) -> dict[str, Any]:
    if kind is not None and kind not in KINDS:
        raise InvalidParameter("kind", f"unknown kind {kind!r}; known: {', '.join(KINDS)}")
    if not 1 <= limit <= 500:
        raise InvalidParameter("limit", f"must be between 1 and 500, got {limit}")
    kinds = [kind] if kind else list(KINDS)
    return {"kinds": {k: KINDS[k](store, limit) for k in kinds}}
