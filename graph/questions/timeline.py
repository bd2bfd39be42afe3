"""Who committed to what, when: milestones and plan periods per plan, actor and grondrecht; and the
grondrechten one actor shares with every other actor (from that actor's side)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from armoedegraaf.errors import InvalidParameter
from graph.queries.plans import actor_shared_rights, timeline_rows
from graph.questions.actors import check_grondrecht, require_actor
from graph.questions.continuity import resolve_plans
from graph.store import Store

_YEAR = re.compile(r"(19|20)\d\d")


def _period(text: str | None) -> dict[str, Any] | None:
    years = [int(m.group(0)) for m in _YEAR.finditer(text or "")]
    return {"text": text, "start": min(years), "end": max(years)} if years else None


def _milestones(raw: str | None) -> list[dict[str, Any]]:
    """A stored milestone list (JSON) as dated rows: `year` (first year named) and the text."""
    out = []
    for m in json.loads(raw) if raw else []:
        when = str(m.get("date") or m.get("year") or "")
        year = _YEAR.search(when)
        out.append({"when": when, "year": int(year.group(0)) if year else None,
                    "text": " ".join(str(m.get("text", "")).split())[:300], "line": m.get("line"),
                    **({"moved_to": m["moved_to"]} if m.get("moved_to") else {})})
    return out


def timeline(store: Store, plan: str | None = None, actor: str | None = None,
             grondrecht: str | None = None) -> dict[str, Any]:
    """Plans with their period and milestones, and their actions' milestones, filtered."""
    if grondrecht is not None:
        check_grondrecht(grondrecht)
    if actor is not None:
        require_actor(store, actor, "actor")
    if plan is not None:
        plans = resolve_plans(store, plan, "plan")
        if len(plans) != 1:
            raise InvalidParameter("plan", "name one plan")
        plan = plans[0]
    plans: dict[str, dict[str, Any]] = {}
    for r in store.run(timeline_rows, plan=plan, actor=actor, grondrecht=grondrecht):
        p = plans.setdefault(r["plan"], {"id": r["plan"], "name": r["plan_name"], "period": _period(r["period"]),
                                         "milestones": _milestones(r["plan_milestones"]),
                                         "source": r["plan_source"], "line": r["plan_line"], "actions": []})
        if r["id"] is not None:
            p["actions"].append({"id": r["id"], "code": r["code"], "name": r["name"], "source": r["source"],
                                 "line": r["line"], "actors": r["actors"], "grondrechten": r["grondrechten"],
                                 "milestones": _milestones(r["milestones"])})
    rows = [p for p in plans.values() if p["actions"] or (actor is None and grondrecht is None)]
    events = sorted(({"year": m["year"], "when": m["when"], "plan": p["name"], "code": a["code"], "text": m["text"],
                      "source": a["source"], "line": m["line"] or a["line"]}
                     for p in rows for a in p["actions"] for m in a["milestones"] if m["year"]),
                    key=lambda e: (e["year"], e["plan"] or "", e["code"] or ""))
    events += [{"year": m["year"], "when": m["when"], "plan": p["name"], "code": None, "text": m["text"],
                "source": p["source"], "line": m["line"] or p["line"]} for p in rows for m in p["milestones"] if m["year"]]
    return {"filters": {"plan": plan, "actor": actor, "grondrecht": grondrecht}, "plans": rows,
            "events": sorted(events, key=lambda e: (e["year"], e["when"], e["plan"] or "", e["code"] or "")),
            "total_events": len(events)}


def shared_from(store: Store, actor: str, grondrecht: str | None = None) -> dict[str, Any]:
    """'Who shares onderwijs with Kind en Gezin?': per grondrecht the other actors, the actions
    through which they work on it (source, line), and which of those they share with the actor."""
    me = require_actor(store, actor, "actor")
    if grondrecht is not None:
        check_grondrecht(grondrecht)
    by_right: dict[str, dict[str, Any]] = defaultdict(lambda: {"others": []})
    for r in store.run(actor_shared_rights, actor=actor, grondrecht=grondrecht):
        cell = by_right[r["code"]]
        cell.update(code=r["code"], name=r["grondrecht"], own=r["own"])
        cell["others"].append({"id": r["other"], "name": r["other_name"], "labels": r["labels"], "via": r["via"],
                               "together": sum(1 for v in r["via"] if v["together"])})
    rights = []
    for code in sorted(by_right):
        cell = by_right[code]
        cell["others"].sort(key=lambda o: (-o["together"], -len(o["via"]), o["id"]))
        rights.append({**cell, "total_others": len(cell["others"])})
    return {"actor": {"id": actor, "name": me["properties"].get("name")}, "grondrecht": grondrecht,
            "grondrechten": rights, "total": sum(r["total_others"] for r in rights)}
