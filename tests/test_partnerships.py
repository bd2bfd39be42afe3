"""Partnership suggestions: the indexed walk (graph/questions/partnerships.py) keeps exactly what
enumerating every pair and cutting each actor to its k best would keep, on the seeds (both
backends) and on a grown corpus where copies tie with their originals."""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations

import pytest

from graph.memory_store import MemoryStore
from graph.queries.gaps import field_actor_work
from graph.questions.missing_links import missing_links
from graph.questions.partnerships import PARTNERS_PER_ACTOR, field_actors, strongest_pairs


def _brute_force(rows: list[dict], k: int) -> dict[tuple[str, str], float]:
    """Every pair sharing a grondrecht, scored, then each actor's k best (score, then id)."""
    actors: dict[str, dict] = {}
    on_right: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        actors.setdefault(r["actor"], {**r, "codes": set()})["codes"].add(r["code"])
        on_right[r["code"]].append(r["actor"])
    scores: dict[tuple[str, str], float] = {}
    for x, y in combinations(sorted(actors), 2):
        a, b = actors[x], actors[y]
        shared = a["codes"] & b["codes"]
        if not shared or y in a["neighbours"] or set(a["initiatives"]) & set(b["initiatives"]):
            continue
        same = set(a["municipalities"]) & set(b["municipalities"])
        scores[(x, y)] = sum(1 / math.log(len(on_right[c])) for c in shared) * (2 if same else 1)
    best: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (x, y), s in scores.items():
        best[x].append((-round(s, 9), y))
        best[y].append((-round(s, 9), x))
    kept = {(min(x, y), max(x, y)) for x, c in best.items() for _, y in sorted(c)[:k]}
    return {p: round(scores[p], 6) for p in kept}


def _fast(rows: list[dict], k: int) -> dict[tuple[str, str], float]:
    return {p: round(v[0], 6) for p, v in strongest_pairs(field_actors(rows), k).items()}


@pytest.mark.parametrize("k", [1, PARTNERS_PER_ACTOR, 40])
def test_the_walk_keeps_what_brute_force_keeps_on_the_seeds(loaded_store, k):
    rows = loaded_store.run(field_actor_work)
    expected = _brute_force(rows, k)
    assert expected and _fast(rows, k) == expected


def test_the_walk_keeps_what_brute_force_keeps_on_a_grown_corpus(seed_load):
    from benchmarks.synth_corpus import grow

    store = MemoryStore.open(None)
    store.write(grow(seed_load.batch, factor=3, rng_seed=2))
    rows = store.run(field_actor_work)
    assert len({r["actor"] for r in rows}) > 400  # copies: many actors tie on the same rights
    assert _fast(rows, PARTNERS_PER_ACTOR) == _brute_force(rows, PARTNERS_PER_ACTOR)


def test_each_actor_has_at_most_k_suggestions_it_chose_and_the_best_pairs_stay(loaded_store):
    items = missing_links(loaded_store, "partnerships", 500)["kinds"]["partnerships"]
    pairs = _brute_force(loaded_store.run(field_actor_work), 10 ** 6)  # every pair: the old list
    assert 0 < len(items) < len(pairs)  # 852 of 5,860 on the seeds
    best = sorted(pairs.items(), key=lambda p: (-p[1], p[0]))[:20]
    assert [((i["subject"]["a"]["id"], i["subject"]["b"]["id"]), i["score"]) for i in items[:20]] == best
