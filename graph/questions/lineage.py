"""An actor's lineage: the bodies it succeeded and those that succeeded it (SUCCEEDED_BY, both ways,
transitively), and the initiatives of all of them, so that a question about Opgroeien covers what
Kind en Gezin did in 2015 and says so.

Built on the `relationships_of` query (Cypher and networkx twins), so both stores answer alike.
"""

from __future__ import annotations

from typing import Any

from graph.queries.actors import relationships_of
from graph.store import Store

WORK = ("RESPONSIBLE_FOR", "INVOLVED_IN", "LEADS", "PARTNER_OF")
_MAX_STEPS = 10  # a renaming chain is short; the bound keeps a bad curated cycle from looping


def lineage(store: Store, actor_id: str) -> dict[str, list[dict[str, Any]]]:
    """{'predecessors': [...], 'successors': [...]}: each {id, name, date, reference, confidence,
    via (the id it is joined to), source, line}, nearest first."""
    out: dict[str, list[dict[str, Any]]] = {"predecessors": [], "successors": []}
    for direction, outgoing in (("successors", True), ("predecessors", False)):
        seen, frontier = {actor_id}, [actor_id]
        for _ in range(_MAX_STEPS):
            nxt = []
            for nid in frontier:
                for r in store.run(relationships_of, id=nid):
                    if r["type"] != "SUCCEEDED_BY" or r["outgoing"] != outgoing or r["id"] in seen:
                        continue
                    seen.add(r["id"])
                    nxt.append(r["id"])
                    p = r["properties"]
                    out[direction].append({"id": r["id"], "name": r["name"], "date": p.get("date"),
                                           "reference": p.get("reference"), "confidence": p.get("confidence"),
                                           "via": nid, "source": p.get("source"), "line": p.get("line")})
            if not nxt:
                break
            frontier = nxt
    return out


def initiatives(store: Store, actor_id: str, name: str | None,
                lines: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The actions and projects the actor works on, and those of its predecessors and successors,
    each with `through` (the actor whose relationship it is) and, for a relative, a Dutch `note`."""
    members = [(actor_id, name, None)]
    members += [(p["id"], p["name"], f"voorganger van {name} (opgegaan in of hernoemd tot {name}"
                 f"{', ' + p['date'] if p.get('date') else ''})") for p in lines["predecessors"]]
    members += [(s["id"], s["name"], f"opvolger van {name} ({name} ging op in of werd {s['name']}"
                 f"{', ' + s['date'] if s.get('date') else ''})") for s in lines["successors"]]
    rows = []
    for mid, mname, relation in members:
        for r in store.run(relationships_of, id=mid):
            if r["type"] in WORK and r["outgoing"] and ("Action" in r["labels"] or "Project" in r["labels"]):
                row = {"id": r["id"], "name": r["name"], "type": r["type"], "role": r["properties"].get("role"),
                       "through": mid, "through_name": mname}
                if relation:
                    row["note"] = f"via {mname}: {relation}"
                rows.append(row)
    rows.sort(key=lambda r: (r["through"] != actor_id, r["id"], r["type"]))
    covered = [m for m in members[1:]]
    message = None
    if covered:
        message = ("Dit antwoord omvat ook de initiatieven van " +
                   ", ".join(f"{n} ({'voorganger' if i <= len(lines['predecessors']) else 'opvolger'})"
                             for i, (_, n, _) in enumerate(covered, start=1)) + ".")
    return {"initiatives": rows, "covers": [m[0] for m in covered], "message": message}
