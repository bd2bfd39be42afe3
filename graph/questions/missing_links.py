"""Missing links: partners, rights and stakeholders that are absent where they should be.

Every item says what is missing, why it is reported, and where to check it (source and line); it
has a stable `key` (what a coordinator's triage verdict attaches to) and a `status` (nieuw, or the
verdict: todo, done, not_relevant). Lists can be scoped to a platform, municipality, Huis van het
Kind or province, and every list has its total. Huizen van het Kind and Opgroeien's local teams
are Flemish institutions: only platforms and provinces of Flanders and Brussels can lack them.
"""

from __future__ import annotations

import statistics
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from armoedegraaf.errors import InvalidParameter, NotFound
from armoedegraaf.settings import DEFAULT_SOURCES
from graph.queries.actors import actions_without_poverty_involvement
from graph.queries.core import node_by_id
from graph.queries.gaps import category_instances_near, grondrecht_coverage, platform_links, scope_nodes
from graph.queries.places import platforms, province_coverage
from graph.questions.partnerships import partnerships
from graph.store import PerState, Store
from graph.verdicts import in_force

FLEMISH_REGIONS = ("Vlaanderen", "Brussel")  # where Huizen van het Kind and Opgroeien's teams exist
Scope = dict[str, Any] | None


@lru_cache(maxsize=8)
def _source_lines(file: str) -> tuple[str, ...]:
    path = Path(DEFAULT_SOURCES) / file
    return tuple(path.read_text(encoding="utf-8").splitlines()) if path.exists() else ()


def _names_hvhk(source: str, lines: list[int]) -> list[int]:
    """The cited lines where the study's text itself names a Huis van het Kind for the platform
    (002:445 for Gent): a partner without a node of its own is still no missing partner."""
    text = _source_lines(source)
    return [n for n in lines if 0 < n <= len(text) and "huis van het kind" in text[n - 1].lower()]


def _platform_in(p: dict[str, Any], scope: Scope) -> bool:
    if scope is None:
        return True
    return any(p["id"] == s["id"] or (s["label"] in ("Municipality", "HuisVanHetKind") and p["municipality"] == s["municipality"])
               or (s["label"] == "Province" and p["province"] == s["province"]) for s in scope["nodes"])


CATEGORY_ACTORS = Path(__file__).resolve().parents[2] / "loaders" / "data" / "partner_category_actors.yaml"


@lru_cache(maxsize=1)
def _category_actors() -> dict[str, tuple[str, ...]]:
    """The study's partner category (its name) -> the actor categories and networks that fill it."""
    import yaml

    doc = yaml.safe_load(CATEGORY_ACTORS.read_text(encoding="utf-8"))
    return {e["category"]: tuple(a["id"] for a in e["actors"]) for e in doc["categories"]}


def platform_partner_categories(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Platforms whose known partner categories leave out some of the study's seven. What would
    fill each gap is added by `with_fillers` to the items an answer shows (one query per platform)."""
    items = []
    for p in store.run(platform_links):
        if not p["categories"] or p["status"] == "niet opgestart" or not _platform_in(p, scope):
            continue  # unknown is not missing: the study's figures per platform are images
        missing = [c for c in p["all_categories"] if c not in p["categories"]]
        if missing:
            why = (f"{p['name']} noemt partners in {len(p['categories'])} van de "
                   f"{len(p['all_categories'])} partnercategorieën van de studie; geen in: {', '.join(missing)}")
            items.append({"kind": "platform_partner_categories", "key": f"platform_partner_categories|{p['id']}",
                          "subject": {"id": p["id"], "name": p["name"]}, "missing": missing, "score": len(missing),
                          "why": why, "evidence": [{"source": p["source"], "line": line} for line in p["evidence"]]})
    return sorted(items, key=lambda i: (-i["score"], i["subject"]["id"]))


def with_fillers(store: Store, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each platform gap with the local instances or members of the matching actor categories that
    would fill it (`suggested`), and the gaps nothing local fills (`unfilled`)."""
    if not items:
        return []
    rows, names = {p["id"]: p for p in store.run(platform_links)}, {}  # names: read once per answer
    out = []
    for item in items:
        p = rows[item["subject"]["id"]]
        suggested, unfilled = _fillers(store, p, item["missing"], names)
        out.append({**item, "suggested": suggested, "unfilled": unfilled, "why": item["why"] + _fill_why(p, suggested)})
    return out


def _fillers(store: Store, p: dict[str, Any], missing: list[str],
             names: dict[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """For each missing category, the actors in the platform's municipality that are one of its
    actor categories (INSTANCE_OF / MEMBER_OF); and the missing categories no local actor fills,
    with the reason. Only what the graph holds: no local actor is no suggestion."""
    table = _category_actors()
    wanted = sorted({a for c in missing for a in table.get(c, ())})
    rows = store.run(category_instances_near, platform=p["id"], categories=wanted)
    suggested: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        fills = [c for c in missing if r["category"] in table.get(c, ())] or (
            [f"{r['category_name']} (partner)"] if r["generic_partner"] else [])
        for c in fills:
            s = suggested.setdefault((c, r["id"]), {
                "for": c, "id": r["id"], "name": r["name"], "category": r["category"],
                "category_name": r["category_name"], "municipality": r["municipality"], "where": "gemeente",
                "partner": r["partner"], "generic": c not in missing, "how": [], "evidence": []})
            s["how"].append({"how": r["how"], "via": r["via"]})
            for e in r["evidence"]:
                if e["source"] and e not in s["evidence"]:
                    s["evidence"].append(e)
    filled = {c for c, _ in suggested}
    unfilled = [{"for": c, "actor_categories": list(table.get(c, ())),
                 "why": (f"de bronnen noemen geen {' of '.join(_names(store, table[c], names))} in {p['municipality']}"
                         if table.get(c) else "geen actorcategorie in de graaf voor deze partnercategorie")}
                for c in missing if c not in filled]
    return sorted(suggested.values(), key=lambda s: (s["for"], s["id"])), unfilled


def _names(store: Store, ids: tuple[str, ...], known: dict[str, str]) -> list[str]:
    """The names of `ids`, each looked up once per answer (`known` keeps them): the same few
    category actors are named for platform after platform."""
    for i in ids:
        if i not in known:
            rows = store.run(node_by_id, id=i)
            known[i] = (rows[0]["properties"].get("name") or i) if rows else i
    return [known[i] for i in ids]


def _fill_why(p: dict[str, Any], suggested: list[dict[str, Any]]) -> str:
    if not suggested:
        return ""
    named = ", ".join(f"{s['name']} ({s['category_name']}{', al partner' if s['partner'] else ''})" for s in suggested)
    return f"; in {p['municipality']} zou(den) {named} dat kunnen invullen"


def platform_hvhk(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Active Flemish and Brussels platforms with no link to any Huis van het Kind (directly,
    through a partner, or named in the study's text)."""
    items, regions = [], _regions(store)  # once per answer: Neo4j's graph state cannot be kept
    for p in store.run(platform_links):
        if p["linked"] or p["via_partner"] or p["status"] == "niet opgestart" or not _platform_in(p, scope):
            continue
        if regions.get(p["id"]) not in FLEMISH_REGIONS or _names_hvhk(p["source"], p["evidence"]):
            continue
        nearby = p["in_municipality"]
        why = (f"{p['name']} heeft geen band met een Huis van het Kind"
               + (f", hoewel {', '.join(nearby)} in {p['municipality']} werkt" if nearby else
                  f" en de bronnen noemen er geen in {p['municipality']}"))
        items.append({"kind": "platform_hvhk", "key": f"platform_hvhk|{p['id']}", "subject": {"id": p["id"], "name": p["name"]},
                      "missing": ["Huis van het Kind"], "suggested": nearby, "score": 2 if nearby else 1,
                      "why": why, "evidence": [{"source": p["source"], "line": p["line"]}]})
    return sorted(items, key=lambda i: (-i["score"], i["subject"]["id"]))


def _regions(store: Store) -> dict[str, str | None]:
    return _REGIONS.get(store)


_REGIONS = PerState(lambda store: {r["id"]: r["region"] for r in store.run(platforms)})


def poverty_involvement(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Actions of the plan that involve no people in poverty (field empty or a placeholder)."""
    if scope is not None:
        return []  # plan actions are Flemish, not local: no place to scope them to
    return [{"kind": "poverty_involvement", "key": f"poverty_involvement|{a['id']}",
             "subject": {"id": a["id"], "name": a["name"], "code": a["code"]},
             "missing": ["mensen in armoede"], "score": 1,
             "why": (f"het veld 'mensen in armoede' van {a['code']} is leeg" if a["kind"] == "none" else
                     f"het veld 'mensen in armoede' van {a['code']} bevat enkel {a['people_in_poverty']!r}"),
             "evidence": [{"source": a["source"], "line": a["line"]}]}
            # of every plan whose fiches have a 'mensen in armoede' field to be empty (the query's rows)
            for a in store.run(actions_without_poverty_involvement)]


def thin_grondrechten(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Grondrechten with fewer actions, projects or actors than half the median right."""
    if scope is not None:
        return []  # grondrechten are Flemish policy, not a place
    rows = store.run(grondrecht_coverage)
    if not rows:
        return []  # a partial load (`load --only 000`) may hold no grondrecht
    measures = ("actions", "projects", "actors", "poverty_organisations")
    medians = {m: statistics.median(r[m] for r in rows) for m in measures}
    items = []
    for r in rows:
        thin = [m for m in measures if r[m] < medians[m] / 2]
        if thin:
            items.append({"kind": "thin_grondrechten", "key": f"thin_grondrechten|{r['code']}",
                          "subject": {"code": r["code"], "name": r["name"]},
                          "missing": thin, "score": len(thin), "counts": {m: r[m] for m in measures},
                          "why": "; ".join(f"{r[m]} {m} tegenover een mediaan van {medians[m]:g}" for m in thin)})
    return sorted(items, key=lambda i: (-i["score"], i["subject"]["code"]))


def thin_provinces(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Provinces where platforms or projects are absent, and (in Flanders and Brussels, where they
    exist) Huizen van het Kind or local teams."""
    items = []
    for r in store.run(province_coverage):
        if scope is not None and r["province"] not in {s["province"] for s in scope["nodes"]}:
            continue
        measures = ["platforms", "projects"] + (["huizen_van_het_kind", "local_teams"]
                                                if r["region"] in FLEMISH_REGIONS else [])
        absent = [m for m in measures if r[m] == 0]
        if absent:
            items.append({"kind": "thin_provinces", "key": f"thin_provinces|{r['province']}",
                          "subject": {"province": r["province"], "region": r["region"]},
                          "missing": absent, "score": len(absent), "counts": {m: r[m] for m in measures},
                          "why": f"de bronnen noemen geen {', '.join(absent)} in {r['province']}"})
    return sorted(items, key=lambda i: (-i["score"], i["subject"]["province"]))


KINDS: dict[str, Callable[[Store, Scope], list[dict[str, Any]]]] = {
    "platform_partner_categories": platform_partner_categories,
    "platform_hvhk": platform_hvhk,
    "poverty_involvement": poverty_involvement,
    "partnerships": partnerships,
    "thin_grondrechten": thin_grondrechten,
    "thin_provinces": thin_provinces,
}
# What an answer adds to the items it shows only: what it costs is paid for `limit` items, not all.
FINISH: dict[str, Callable[[Store, list[dict[str, Any]]], list[dict[str, Any]]]] = {
    "platform_partner_categories": with_fillers,
}
STATUSES = ("nieuw", "todo", "done", "not_relevant")


def resolve_scope(store: Store, scope: str | None) -> Scope:
    """The nodes a scope names (platform, municipality, Huis van het Kind or province, by id or name)."""
    if scope is None:
        return None
    nodes = store.run(scope_nodes, q=scope.strip())
    if not nodes:
        raise NotFound(f"scope: no platform, municipality, Huis van het Kind or province {scope!r}")
    return {"q": scope, "nodes": nodes}


def all_items(store: Store, scope: Scope = None, finished: bool = True) -> list[dict[str, Any]]:
    """Every item of every kind; finished=False leaves out what FINISH adds (enough for the keys)."""
    return [item for k, fn in KINDS.items() for item in _finish(store, k, fn(store, scope), finished)]


def _finish(store: Store, kind: str, items: list[dict[str, Any]], finished: bool = True) -> list[dict[str, Any]]:
    return FINISH[kind](store, items) if finished and kind in FINISH else items


def missing_links(store: Store, kind: str | None = None, limit: int = 20, scope: str | None = None,
                  verdicts: Any = None, status: str | None = None) -> dict[str, Any]:
    """Every kind (or one), each cut to `limit` with its `totals`; triage status from the verdicts."""
    if kind is not None and kind not in KINDS:
        raise InvalidParameter("kind", f"unknown kind {kind!r}; known: {', '.join(KINDS)}")
    if not 1 <= limit <= 500:
        raise InvalidParameter("limit", f"must be between 1 and 500, got {limit}")
    if status is not None and status not in STATUSES:
        raise InvalidParameter("status", f"unknown status {status!r}; known: {', '.join(STATUSES)}")
    resolved = resolve_scope(store, scope)
    triage = _triage(verdicts)
    kinds, totals = {}, {}
    for k in [kind] if kind else list(KINDS):
        items = [{**i, "status": triage.get(i["key"], {"status": "nieuw"})["status"],
                  "verdict": triage.get(i["key"])} for i in KINDS[k](store, resolved)]
        items = [i for i in items if status is None or i["status"] == status]
        kinds[k], totals[k] = _finish(store, k, items[:limit]), len(items)
    return {"scope": resolved, "kinds": kinds, "totals": totals}


def _triage(verdicts: Any) -> dict[str, dict[str, Any]]:
    if verdicts is None:
        return {}
    return {v.a: {"status": v.verdict, "author": v.author, "note": v.note, "at": v.at}
            for v in in_force(verdicts, "gap").values()}
