"""Giving verdicts, listing them with whether they still attach, and applying them to answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from armoedegraaf.errors import InvalidParameter, NotFound
from graph.queries.overlap import similar_pairs
from graph.questions.missing_links import all_items
from graph.store import Store
from graph.verdicts import Verdict, VerdictStore, in_force, make_verdict, now


def _exists(store: Store, node: str) -> bool:
    try:
        store.get_node(node)
        return True
    except NotFound:
        return False


def give(store: Store, vstore: VerdictStore, kind: str, a: str, b: str, verdict: str, author: str,
         note: str = "") -> dict[str, Any]:
    """Record one verdict; the ids it names must exist now (a name as written may stand for an actor
    a fuzzy merge swallowed)."""
    v = make_verdict(kind, a, b, verdict, author, note)
    for side, value in (("a", v.a), ("b", v.b)):
        if kind == "overlap" and not _exists(store, value):
            raise NotFound(f"{side}: no node with id {value!r}")
        if kind == "merge" and ":" in value and not _exists(store, value):
            raise NotFound(f"{side}: no actor with id {value!r}")
    if kind == "gap" and v.a not in gap_keys(store):
        raise NotFound(f"a: no missing link with key {v.a!r} (see GET /missing-links)")
    vstore.add([v])
    return v.as_dict()


def gap_keys(store: Store) -> set[str]:
    return {item["key"] for item in all_items(store, finished=False)}


def listing(store: Store, vstore: VerdictStore, kind: str | None = None) -> dict[str, Any]:
    """The verdicts in force, each saying whether it still attaches to the graph; and the history."""
    current = in_force(vstore, kind)
    keys = gap_keys(store) if any(v.kind == "gap" for v in current.values()) else set()
    rows, detached = [], []
    for v in current.values():
        problem = _detached(store, v, keys)
        row = {**v.as_dict(), "attached": problem is None, "detached_because": problem}
        rows.append(row)
        if problem:
            detached.append(row)
    history = [v.as_dict() for v in vstore.all() if kind is None or v.kind == kind]
    return {"total": len(rows), "verdicts": rows, "detached": detached, "history_total": len(history)}


def _detached(store: Store, v: Verdict, gap_keys_now: set[str]) -> str | None:
    """Why a verdict no longer attaches to the graph (None: it does)."""
    if v.kind == "gap":
        return None if v.a in gap_keys_now else "this missing link is no longer reported"
    if v.kind == "merge" and v.verdict == "same":
        # after the merge only the kept actor remains
        return None if _exists(store, v.a) else f"no actor {v.a}"
    missing = [x for x in (v.a, v.b) if (":" in x or v.kind == "overlap") and not _exists(store, x)]
    return f"no node {', '.join(missing)}" if missing else None


def judge_pairs(pairs: list[dict[str, Any]], verdicts: dict[str, Verdict], include_judged: bool,
                limit: int) -> list[dict[str, Any]]:
    """Overlap pairs with the verdict on each; those judged distinct left out unless asked for."""
    out = []
    for p in pairs:
        v = verdicts.get(f"overlap|{min(p['a']['id'], p['b']['id'])}|{max(p['a']['id'], p['b']['id'])}")
        if v is not None and v.verdict == "distinct" and not include_judged:
            continue
        out.append({**p, "verdict": None if v is None else {"verdict": v.verdict, "author": v.author,
                                                            "note": v.note, "at": v.at}})
    return out[:limit]


# -- what is new since ---------------------------------------------------------------------------

def _current_keys(store: Store, finished: bool = True) -> dict[str, dict[str, Any]]:
    items = {i["key"]: {"type": "gap", **i} for i in all_items(store, finished=finished)}
    for p in store.run(similar_pairs, limit=100_000):
        key = f"overlap|{min(p['a']['id'], p['b']['id'])}|{max(p['a']['id'], p['b']['id'])}"
        items[key] = {"type": "overlap", "key": key, **p}
    return items


def record_load(store: Store, vstore: VerdictStore, at: str | None = None) -> dict[str, Any]:
    """After a load: remember the gaps and overlap pairs it produced that no load produced before."""
    at = at or now()
    keys = sorted(_current_keys(store, finished=False))
    return {"at": at, "items": len(keys), "new": vstore.record_seen(keys, at)}


def new_since(store: Store, vstore: VerdictStore, since: str) -> dict[str, Any]:
    """The gaps and overlap pairs of the current graph first met after `since`: an ISO date or
    date-time, or 'last-load' (those the most recent load brought)."""
    first = vstore.first_seen()
    loads = sorted(set(first.values()))
    if since == "last-load":
        if not loads:
            raise InvalidParameter("since", "no load has been recorded yet (`armoedegraaf load`)")
        threshold, inclusive = loads[-1], True
    else:
        try:
            datetime.fromisoformat(since)
        except ValueError:
            raise InvalidParameter("since", f"an ISO date (2026-12-01), a date-time or 'last-load', not {since!r}") from None
        threshold, inclusive = since, False
    fresh = [{**item, "first_seen": first[k]} for k, item in _current_keys(store).items()
             if k in first and (first[k] >= threshold if inclusive else first[k] > threshold)]
    fresh.sort(key=lambda i: (i["first_seen"], i["type"], i["key"]))
    return {"since": since, "loads": loads, "total": len(fresh),
            "gaps": [i for i in fresh if i["type"] == "gap"], "overlap": [i for i in fresh if i["type"] == "overlap"]}
