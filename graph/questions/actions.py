"""Actions: the list with filters and one action with every field, its actors and references."""

from __future__ import annotations

import json
import re
from typing import Any

from armoedegraaf.errors import InvalidParameter, NotFound, SchemaError
from graph.model import node_id
from graph.queries.actions import action_by_code, actions, ministers
from graph.queries.core import neighbours
from graph.questions.nodes import require_node
from graph.store import Store

# The shape of any plan's action code (a plan's own pattern is the loader's business): a short run
# of letters, digits, '_', '-' or '.', with a digit in it.
_CODE = re.compile(r"^(?=[^\d]*\d)[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_GRONDRECHT = re.compile(r"^(0\d|10)$")


def list_actions(store: Store, *, grondrecht: str | None = None, minister: str | None = None,
                 actor: str | None = None, plan: str | None = None, limit: int = 50,
                 offset: int = 0) -> dict[str, Any]:
    if grondrecht is not None and not _GRONDRECHT.match(grondrecht):
        raise InvalidParameter("grondrecht", f"a code 00..10 is expected, got {grondrecht!r}")
    if minister is not None:
        minister = resolve_minister(store, minister)
    if actor is not None:
        require_node(store, actor, "actor")
    if not 1 <= limit <= 500:
        raise InvalidParameter("limit", f"must be between 1 and 500, got {limit}")
    if offset < 0:
        raise InvalidParameter("offset", f"must be 0 or more, got {offset}")
    page = store.run(actions, grondrecht=grondrecht, minister=minister, actor=actor, plan=plan,
                     limit=limit, offset=offset)[0]
    return {"total": page["total"], "limit": limit, "offset": offset, "items": page["items"]}


def resolve_minister(store: Store, minister: str) -> str:
    """A minister filter may be the node id or the two-digit number the action codes use (which
    names one minister while the graph holds one government's)."""
    if re.fullmatch(r"\d\d", minister):
        found = [m["id"] for m in store.run(ministers) if m["number"] == minister]
        if not found:
            raise NotFound(f"minister: no minister with number {minister}")
        if len(found) > 1:
            raise InvalidParameter("minister", f"number {minister} is a minister in {len(found)} governments: "
                                   "give the minister's id")
        return found[0]
    return require_node(store, minister, "minister", "Minister")["id"]


def find_action(store: Store, code: str, plan: str | None = None) -> str:
    """The id of the action with this code: in `plan` when given, else in whichever plan of the
    graph has it (a code two plans share needs the plan)."""
    if plan is not None and not plan.strip():
        raise InvalidParameter("plan", "must not be empty")
    if not code.strip():
        raise InvalidParameter("code", "must not be empty")
    if not _CODE.match(code):
        raise InvalidParameter("code", f"an action code (letters, digits, '_' or '-', with a digit) is expected, "
                               f"got {code!r}")
    if plan is None:
        rows = store.run(action_by_code, code=code)
        if len(rows) > 1:
            raise InvalidParameter("plan", f"action {code} is in {len(rows)} plans "
                                   f"({', '.join(str(r['plan']) for r in rows)}): give the plan")
        if not rows:
            raise NotFound(f"no action {code} in any plan")
        return rows[0]["id"]
    try:
        aid = node_id("Action", plan, code)
        store.get_node(aid)
    except (SchemaError, NotFound):  # SchemaError: nothing of the key survives slugging
        raise NotFound(f"no action {code} in {plan}") from None
    return aid


def action_detail(store: Store, code: str, plan: str | None = None) -> dict[str, Any]:
    """One action with every field, its grondrecht, minister, actors (with role, responsibility,
    as_written and the line that states it) and the actions it refers to. Without `plan`, the
    action with this code in whichever plan has it."""
    aid = find_action(store, code, plan)
    props = store.get_node(aid)["properties"]
    links = store.run(neighbours, ids=[aid], labels=[])
    return {
        "id": aid, "code": props.get("code"), "title": props.get("title"), "plan": props.get("plan"),
        "grondrecht": _one(links, "TARGETS", "Grondrecht", lambda n: {"code": n["properties"]["code"],
                                                                      "name": n["properties"]["name"]}),
        "minister": _minister(links),
        "budget": {"text": props.get("budget_text"), "amounts_eur": props.get("budget_amounts_eur", [])},
        "evaluation_indicator": props.get("evaluation_indicator"),
        "summary": props.get("summary"),
        "milestones": json.loads(props["milestones"]) if props.get("milestones") else [],
        "people_in_poverty": {"text": props.get("people_in_poverty"), "kind": props.get("people_in_poverty_kind")},
        "actors": _actors(links),
        "refers_to": _references(links, aid),
        "replaced_by": props.get("replaced_by"),
        "duplicate_lines": props.get("duplicate_lines", []),
        "source": props["source"], "line": props["line"],
    }


def _one(links: list[dict[str, Any]], rel_type: str, label: str, shape: Any) -> dict[str, Any] | None:
    for row in links:
        if row["rel"]["type"] == rel_type and label in row["node"]["labels"]:
            return shape(row["node"])
    return None


def _minister(links: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The responsible minister, with the evidence that decided it (code segment, cabinets named)."""
    for row in links:
        if row["rel"]["type"] == "RESPONSIBLE_FOR" and "Minister" in row["node"]["labels"]:
            note = row["rel"]["properties"].get("note")
            return {"id": row["node"]["id"], "name": row["node"]["properties"]["name"],
                    "evidence": json.loads(note) if note else None}
    return None


def _actors(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in links:
        rel, node = row["rel"], row["node"]
        if rel["type"] not in ("RESPONSIBLE_FOR", "INVOLVED_IN") or "Minister" in node["labels"]:
            continue
        p = rel["properties"]
        out.append({"id": node["id"], "name": node["properties"].get("name"), "labels": node["labels"],
                    "role": p.get("role"), "responsibility": p.get("responsibility"),
                    "as_written": p.get("as_written"), "source": p["source"], "line": p["line"]})
    return sorted(out, key=lambda a: (a["responsibility"] != "responsible", a["line"], a["id"], a["role"] or ""))


def _references(links: list[dict[str, Any]], aid: str) -> list[dict[str, Any]]:
    return sorted(({"code": row["node"]["properties"].get("code"), "id": row["node"]["id"],
                    "note": row["rel"]["properties"].get("note"), "line": row["rel"]["properties"]["line"]}
                   for row in links if row["rel"]["type"] == "REFERS_TO" and row["rel"]["start"] == aid),
                  key=lambda r: (r["line"], r["id"]))
