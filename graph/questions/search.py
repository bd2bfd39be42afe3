"""Search and overlap: find initiatives and actors by text; which actions duplicate each other;
would a planned initiative duplicate an existing one."""

from __future__ import annotations

from typing import Any

from armoedegraaf.errors import InvalidParameter
from graph.questions.actions import DEFAULT_PLAN, action_detail
from graph.questions.actors import check_grondrecht
from graph.schema import load_schema
from graph.similarity import OverlapDoc, TermWeights, check_overlap, target_groups
from graph.store import Store
from graph.text import default_analyzer

SEARCH_TYPES = ("action", "project", "actor")


def _labels(type_: str | None) -> list[str]:
    """The labels the /search `type` parameter searches."""
    if type_ is None:
        return []
    if type_ not in SEARCH_TYPES:
        raise InvalidParameter("type", f"unknown type {type_!r}; known: {', '.join(SEARCH_TYPES)}")
    return {"action": ["Action"], "project": ["Project"], "actor": list(load_schema().actor_labels)}[type_]


def _type_of(labels: list[str]) -> str:
    return "action" if "Action" in labels else "project" if "Project" in labels else "actor"


def search(store: Store, q: str, limit: int = 10, type_: str | None = None, plan: str | None = None) -> dict[str, Any]:
    """Ranked results with the query terms each matched (Dutch analysis: stems, compounds, accents)."""
    if not q.strip():
        raise InvalidParameter("q", "give something to search for")
    terms = default_analyzer().analyze(q)
    if not 1 <= limit <= 100:
        raise InvalidParameter("limit", f"must be between 1 and 100, got {limit}")
    rows = store.run("search_terms", terms=terms, labels=_labels(type_), limit=limit, plan=plan)
    results = [{"id": r["id"], "type": _type_of(r["labels"]), "labels": r["labels"], "name": r["name"],
                "code": r["code"], "score": r["score"], "matched": r["matched"]} for r in rows]
    return {"q": q, "terms": list(dict.fromkeys(terms)), "results": results}


def overlap(store: Store, min_score: float = 0.3, grondrecht: str | None = None, limit: int = 20,
            verdicts: Any = None, include_judged: bool = False) -> dict[str, Any]:
    """Pairs of overlapping initiatives, exact duplicates first; and the fiches the plan prints twice.
    With a verdict store, each pair carries its verdict and pairs judged distinct leave the list."""
    if not 0 <= min_score <= 1:
        raise InvalidParameter("min_score", f"must be between 0 and 1, got {min_score}")
    if grondrecht is not None:
        check_grondrecht(grondrecht)
    if verdicts is None:
        pairs = store.run("similar_pairs", min_score=min_score, grondrecht=grondrecht, limit=limit)
        return {"pairs": pairs, "repeated_fiches": repeated_fiches(store, grondrecht)}
    from graph.questions.verdicts import in_force, judge_pairs

    judged = in_force(verdicts, "overlap")
    # ask for enough pairs that the ones judged distinct leave `limit` to show
    pairs = store.run("similar_pairs", min_score=min_score, grondrecht=grondrecht, limit=limit + len(judged))
    return {"pairs": judge_pairs(pairs, judged, include_judged, limit),
            "repeated_fiches": repeated_fiches(store, grondrecht)}


def repeated_fiches(store: Store, grondrecht: str | None = None) -> list[dict[str, Any]]:
    """Fiches the plan prints more than once, identical: exact duplicates of themselves."""
    out = []
    for row in store.run("repeated_fiches", grondrecht=grondrecht):
        for dup in row["duplicate_lines"]:
            out.append({"a": {"id": row["id"], "code": row["code"], "line": row["line"]},
                        "b": {"id": row["id"], "code": row["code"], "line": dup}, "score": 1.0,
                        "exact_duplicate": True, "source": row["source"],
                        "reasons": {"exact_duplicate": {"contribution": 1.0,
                                                        "note": f"block repeated at line {dup}, identical"}}})
    return out


def similar(store: Store, code: str, plan: str = DEFAULT_PLAN, limit: int = 10) -> dict[str, Any]:
    action = action_detail(store, code, plan)  # 404/422 for unknown or malformed codes
    pairs = store.run("similar_pairs", node=action["id"], limit=limit)
    similar_to = [{**(p["b"] if p["a"]["id"] == action["id"] else p["a"]), "score": p["score"],
                   "exact_duplicate": p["exact_duplicate"], "reasons": p["reasons"]} for p in pairs]
    return {"action": {"id": action["id"], "code": code, "title": action["title"]}, "similar": similar_to}


_DOCS: dict[tuple[int, Any], tuple[list[OverlapDoc], dict[str, str], TermWeights]] = {}


def _initiatives(store: Store) -> tuple[list[OverlapDoc], dict[str, str], TermWeights]:
    """The stored initiatives as overlap documents; kept per store version where the store has one."""
    version = getattr(store, "version", None)
    key = (id(store), version)
    if version is not None and key in _DOCS:
        return _DOCS[key]
    rows = store.run("initiative_vectors")
    docs = [OverlapDoc(r["id"], r["code"], r["terms"], set(r["actors"]),
                       r["grondrechten"][0] if r["grondrechten"] else None, target_groups(r["terms"]),
                       r["fingerprint"]) for r in rows]
    result = (docs, {r["id"]: r["name"] for r in rows}, TermWeights(d.terms for d in docs))
    if version is not None:
        _DOCS.clear()  # one version at a time is all a server needs
        _DOCS[key] = result
    return result


def check(store: Store, text: str, actors: list[str] | None = None, grondrecht: str | None = None,
          limit: int = 10) -> dict[str, Any]:
    """Existing initiatives a planned one would duplicate, with the itemised reasons."""
    if len(text.split()) < 3:
        raise InvalidParameter("text", "describe the planned initiative in a few words at least")
    if grondrecht is not None:
        check_grondrecht(grondrecht)
    docs, names, weights = _initiatives(store)
    matches = check_overlap(text, actors or [], grondrecht, docs, default_analyzer(), limit, weights)
    return {"matches": [{"id": m.id, "code": m.code, "name": names[m.id], "score": m.score,
                         "exact_duplicate": m.exact_duplicate, "reasons": m.reasons} for m in matches]}
