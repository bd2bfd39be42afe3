"""Partnership suggestions: field actors that work on the same grondrechten but not together.

Every pair of actors sharing a grondrecht is a candidate, and with a dozen grondrechten that is
nearly every pair: quadratic in the actors (5,860 pairs on the seeds, millions at 100x). A
coordinator acts on a few suggestions per actor, not on millions, so each actor keeps its
`PARTNERS_PER_ACTOR` strongest candidates, and a pair is suggested when one of the two keeps the
other. Those are found without enumerating pairs: actors are indexed by the set of grondrechten
they work on (a few dozen distinct sets) and by municipality, the score of a pair depends only on
the two sets and on sharing a place, so each actor walks the indexed groups from the best score
down and stops after its k-th partner. Work grows with actors times groups, not with pairs.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from itertools import groupby
from typing import Any, Iterator

from graph.queries.gaps import field_actor_work
from graph.store import PerState, Store

PARTNERS_PER_ACTOR = 5  # the suggestions a coordinator can weigh per actor; ties broken by id
Scope = dict[str, Any] | None
Groups = dict[frozenset[str], list[str]]  # the actors (sorted ids) that work on exactly these rights


def partnerships(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Pairs of actors that work locally or in the field (organisations, Huizen van het Kind,
    local teams, platforms: no minister, cabinet or administration) on the same grondrechten but
    share no initiative and no relationship; scored Adamic-Adar style over the grondrechten (each
    shared right counts 1/ln(actors on it)), and a pair in the same municipality counts double: it
    can meet. Each actor's strongest `PARTNERS_PER_ACTOR` candidates are kept."""
    actors, items = _ALL.get(store)
    if scope is None:
        return items
    return [i for i in items if _actor_in(actors[i["subject"]["a"]["id"]], scope)
            or _actor_in(actors[i["subject"]["b"]["id"]], scope)]


def _all(store: Store) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    actors = field_actors(store.run(field_actor_work))
    items = [_suggestion(actors[x], actors[y], codes, same, round(score, 6))
             for (x, y), (score, codes, same) in strongest_pairs(actors, PARTNERS_PER_ACTOR).items()]
    return actors, sorted(items, key=lambda i: (-i["score"], i["subject"]["a"]["id"], i["subject"]["b"]["id"]))


def field_actors(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """field_actor_work's rows (one per actor and right) as one dict per actor, its rows by right."""
    actors: dict[str, dict[str, Any]] = {}
    for r in rows:
        actors.setdefault(r["actor"], {**r, "rights": {}})["rights"][r["code"]] = r
    return actors


_ALL = PerState(_all)


def _weights(actors: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Each grondrecht's Adamic-Adar weight, 1/ln(actors on it); a right only one actor works on
    is shared by no pair and has none."""
    degree: dict[str, int] = defaultdict(int)
    for a in actors.values():
        for code in a["rights"]:
            degree[code] += 1
    return {code: 1.0 / math.log(d) for code, d in degree.items() if d > 1}


def strongest_pairs(actors: dict[str, dict[str, Any]],
                    k: int) -> dict[tuple[str, str], tuple[float, list[str], list[str]]]:
    """(a, b) with a < b -> (score, shared codes, shared municipalities), for every pair where one
    of the two has the other among its k best candidates (by score, then id). A candidate is an
    actor sharing a weighted grondrecht, not a relationship and not an initiative. Each actor's
    dict gets its `signature` (the weighted rights it works on) and its initiatives and neighbours
    as sets."""
    weights = _weights(actors)
    groups: Groups = defaultdict(list)
    local: dict[tuple[frozenset[str], str], list[str]] = defaultdict(list)
    for x in sorted(actors):
        codes = frozenset(c for c in actors[x]["rights"] if c in weights)
        actors[x].update(signature=codes, initiative_set=set(actors[x]["initiatives"]),
                         neighbour_set=set(actors[x]["neighbours"]))
        groups[codes].append(x)
        for m in actors[x]["municipalities"]:
            local[(codes, m)].append(x)
    tiers = {s: _tiers(s, groups, weights) for s in groups}
    pairs: dict[tuple[str, str], tuple[float, list[str], list[str]]] = {}
    for x in sorted(actors):
        a = actors[x]
        for y in _best(a, tiers[a["signature"]], groups, local, actors, k):
            b = actors[y]
            codes = sorted(a["signature"] & b["signature"])
            same = sorted(set(a["municipalities"]) & set(b["municipalities"]))
            score = sum(weights[c] for c in codes) * (2 if same else 1)
            pairs[(min(x, y), max(x, y))] = (score, codes, same)
    return pairs


def _tiers(signature: frozenset[str], groups: Groups,
           weights: dict[str, float]) -> list[tuple[float, frozenset[str]]]:
    """The groups an actor with `signature` can partner with, each with the score of a pair that
    does not share a place, best first."""
    out = []
    for other in groups:
        base = round(sum(weights[c] for c in sorted(signature & other)), 9)
        if base > 0:
            out.append((base, other))
    return sorted(out, key=lambda t: (-t[0], sorted(t[1])))


def _best(a: dict[str, Any], tiers: list[tuple[float, frozenset[str]]], groups: Groups,
          local: dict[tuple[frozenset[str], str], list[str]], actors: dict[str, dict[str, Any]], k: int) -> list[str]:
    """a's k best candidates: tiers of equal score merged by id, a shared place doubling a score."""
    streams: list[tuple[float, Iterator[str]]] = []
    for base, s in tiers:
        near = sorted({y for m in a["municipalities"] for y in local.get((s, m), ())})
        if near:
            streams.append((2 * base, iter(near)))
        streams.append((base, (y for y in groups[s] if not _same_place(a, actors[y]))))
    chosen: list[str] = []
    for _, same_score in groupby(sorted(streams, key=lambda t: -t[0]), key=lambda t: round(t[0], 9)):
        for y in heapq.merge(*(it for _, it in same_score)):
            if y != a["actor"] and not _works_with(a, actors[y]):
                chosen.append(y)
                if len(chosen) == k:
                    return chosen
    return chosen


def _same_place(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["municipalities"]) and not set(a["municipalities"]).isdisjoint(b["municipalities"])


def _works_with(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """A relationship between the two, or an initiative both work on: no missing link."""
    return b["actor"] in a["neighbour_set"] or not a["initiative_set"].isdisjoint(b["initiative_set"])


def _actor_in(actor: dict[str, Any], scope: dict[str, Any]) -> bool:
    return any(actor["actor"] == s["id"] or (s["label"] == "Province" and s["province"] in actor["provinces"])
               or (s["label"] != "Province" and s["municipality"] in actor["municipalities"]) for s in scope["nodes"])


def _suggestion(a: dict[str, Any], b: dict[str, Any], codes: list[str], same_place: list[str],
                score: float) -> dict[str, Any]:
    rights = [{"code": c, "name": a["rights"][c]["grondrecht"]} for c in sorted(codes)]
    evidence = [{**e, "actor": side["actor"], "grondrecht": c} for c in sorted(codes) for side in (a, b)
                for e in side["rights"][c]["evidence"][:2]]
    where = f"; beide werken in {', '.join(same_place)}" if same_place else ""
    return {"kind": "partnerships", "key": f"partnerships|{a['actor']}|{b['actor']}",
            "subject": {"a": {"id": a["actor"], "name": a["name"]}, "b": {"id": b["actor"], "name": b["name"]}},
            "missing": ["een gedeeld initiatief of een samenwerking"], "score": score,
            "why": f"{a['name']} en {b['name']} werken allebei rond {', '.join(r['name'] for r in rights)}, "
                   f"maar delen geen actie, project of samenwerking{where}",
            "common_neighbours": rights, "evidence": evidence}
