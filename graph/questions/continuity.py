"""Continuity between plans: which actions of a later plan continue which actions of an earlier one.

score = 0.80 * text       tf-idf cosine of the analysed terms over both plans (`text_signal`)
      + 0.10 * actors     Jaccard of the actors, each read as its lineage root (Kind en Gezin
                          SUCCEEDED_BY Opgroeien, an afdeling PART_OF its agency)
      + 0.10 * lineage    1 when an earlier actor is the predecessor of a later one

Text decides; shared actors and lineage corroborate (every Opgroeien action has Opgroeien, so
actors alone would tie everything Kind en Gezin did to everything Opgroeien plans). The text signal
is one function so it can switch to a fused (embedding) similarity without touching the rest.

An action a loader flags `in_vapa` (the '(VAPA)' marks of 003: put forward for a plan still being
drafted) is shown with the loader's note on what the flag means and never counted as evidence of
continuity.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from armoedegraaf.errors import InvalidParameter, NotFound
from graph.queries.plans import actor_lineage, plan_actions, timeline_rows
from graph.similarity import TermWeights
from graph.store import Store
from graph.text import default_analyzer

WEIGHTS = {"text": 0.80, "actors": 0.10, "lineage": 0.10}
MIN_SCORE = 0.15
TEXT_GATE = 0.08
TOP = 3


def _cosine(va: dict[str, float], vb: dict[str, float]) -> tuple[float, list[str]]:
    shared = sorted(va.keys() & vb.keys(), key=lambda t: (-va[t] * vb[t], t))
    return sum(va[t] * vb[t] for t in shared), shared[:8]


def text_signal(earlier: dict[str, dict[str, float]], later: dict[str, dict[str, float]]) -> tuple[float, list[str]]:
    """The text similarity of two actions and the terms that carry it: the better of their full
    texts' cosine and the later text against the earlier title. A 2015 fiche is pages of summary and
    milestones, a 2025 action a line of a slide; the fiche's title names its instrument."""
    return max(_cosine(earlier["full"], later["full"]), _cosine(earlier["title"], later["full"]))


def resolve_plans(store: Store, spec: str, parameter: str) -> list[str]:
    """Plan ids from a plan id, a plan name, a group (the plans' `group`, which the loaders give)
    or a comma-separated list of them."""
    known = {r["plan"]: r["plan_name"] for r in store.run(timeline_rows)}
    groups = plan_groups(store, known)
    out: list[str] = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        ids = groups.get(part.lower()) or [i for i, name in known.items()
                                           if part in (i, name) or part.lower() == (name or "").lower()]
        if not ids or not all(i in known for i in ids):
            raise NotFound(f"{parameter}: no plan {part!r}; known: {', '.join([*groups, *known])}")
        out += [i for i in ids if i not in out]
    if not out:
        raise InvalidParameter(parameter, "name a plan")
    return out


def plan_groups(store: Store, plans: Iterable[str]) -> dict[str, list[str]]:
    """The plans of each group the graph's plans name, by group."""
    groups: dict[str, list[str]] = defaultdict(list)
    for pid in sorted(plans):
        group = store.get_node(pid)["properties"].get("group")
        if group:
            groups[group.lower()].append(pid)
    return dict(sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])))


def _lineage(store: Store) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Each actor's lineage root (following PART_OF up and SUCCEEDED_BY forward), and the
    predecessor edges (start -> the edge) that are evidence of a lineage."""
    up: dict[str, str] = {}
    succ: dict[str, dict[str, Any]] = {}
    for r in store.run(actor_lineage):
        if r["type"] == "SUCCEEDED_BY":
            succ[r["start"]] = r
        up.setdefault(r["start"], r["end"])
    roots: dict[str, str] = {}
    for x in up:
        seen, cur = {x}, x
        while cur in up and up[cur] not in seen:
            cur = up[cur]
            seen.add(cur)
        roots[x] = cur
    return roots, succ


def continuity(store: Store, earlier: str, later: str, min_score: float = MIN_SCORE, top: int = TOP) -> dict[str, Any]:
    """For each action of `later` the `earlier` actions it continues (or none), and for each earlier
    action where it lives on; every match with its evidence."""
    if not 0 <= min_score <= 1:
        raise InvalidParameter("min_score", f"must be between 0 and 1, got {min_score}")
    if not 1 <= top <= 20:
        raise InvalidParameter("top", f"must be between 1 and 20, got {top}")
    a_plans, b_plans = resolve_plans(store, earlier, "a"), resolve_plans(store, later, "b")
    old, new = store.run(plan_actions, plans=a_plans), store.run(plan_actions, plans=b_plans)
    weights = TermWeights(r["terms"] for r in old + new)
    analyzer = default_analyzer()
    vectors = {r["id"]: {"full": weights.vector(r["terms"]),
                         "title": weights.vector(analyzer.analyze(r["title"] or r["name"] or ""))} for r in old + new}
    roots, succ = _lineage(store)
    lives_on: dict[str, list[dict[str, Any]]] = defaultdict(list)
    actions = []
    for b in new:
        matches = sorted((m for a in old if (m := _match(a, b, vectors, roots, succ))["score"] >= min_score),
                         key=lambda m: (-m["score"], m["earlier"]["id"]))[:top]
        for m in matches:
            lives_on[m["earlier"]["id"]].append({**_ref(b), "score": m["score"]})
        actions.append({**_ref(b), "plan": b["plan_name"], "continues": matches,
                        "new_vapa_flag": ({"source": b["source"], "line": b["vapa_line"], "note": b["vapa_note"]}
                                          if b["in_vapa"] else None)})
    earlier_rows = [{**_ref(a), "grondrechten": a["grondrechten"], "lives_on": lives_on.get(a["id"], [])} for a in old]
    return {"earlier": a_plans, "later": b_plans, "min_score": min_score, "weights": WEIGHTS,
            "actions": actions, "earlier_actions": earlier_rows,
            "summary": {"later_actions": len(new), "continuing": sum(1 for x in actions if x["continues"]),
                        "earlier_actions": len(old), "living_on": sum(1 for x in earlier_rows if x["lives_on"]),
                        "new_vapa_flags": sum(1 for x in actions if x["new_vapa_flag"])}}


def _ref(r: dict[str, Any]) -> dict[str, Any]:
    return {"id": r["id"], "code": r["code"], "title": r["title"] or r["name"], "source": r["source"], "line": r["line"]}


def _match(a: dict[str, Any], b: dict[str, Any], vectors: dict[str, dict[str, float]],
           roots: dict[str, str], succ: dict[str, dict[str, Any]]) -> dict[str, Any]:
    cosine, terms = text_signal(vectors[a["id"]], vectors[b["id"]])
    ra, rb = ({roots.get(x, x) for x in r["actors"]} for r in (a, b))
    union = ra | rb
    shared = sorted(ra & rb)
    jaccard = len(shared) / len(union) if union else 0.0
    lineage = [succ[x] for x in a["actors"] if x in succ and roots.get(succ[x]["end"], succ[x]["end"]) in rb]
    # actors and lineage corroborate a shared text; alone they would tie every Kind en Gezin fiche
    # to every Opgroeien action
    gate = 1.0 if cosine >= TEXT_GATE else 0.0
    parts = {"text": cosine, "actors": jaccard * gate, "lineage": (1.0 if lineage else 0.0) * gate}
    score = round(sum(WEIGHTS[k] * v for k, v in parts.items()), 6)
    return {"earlier": {**_ref(a), "grondrechten": a["grondrechten"]}, "score": score,
            "evidence": {"text": {"contribution": round(WEIGHTS["text"] * cosine, 6), "shared_terms": terms},
                         "actors": {"contribution": round(WEIGHTS["actors"] * parts["actors"], 6), "shared": shared},
                         "lineage": {"contribution": round(WEIGHTS["lineage"] * parts["lineage"], 6),
                                     "relations": [{"from": e["start"], "type": e["type"], "to": e["end"],
                                                    "source": e["source"], "line": e["line"]} for e in lineage]},
                         "grondrecht": a["grondrechten"],
                         "lines": [{"source": a["source"], "line": a["line"]}, {"source": b["source"], "line": b["line"]}]}}
