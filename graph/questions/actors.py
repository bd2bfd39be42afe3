"""Actors: find by name, one actor with all its names and relationships, shared grondrechten."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from typing import Any

from armoedegraaf.errors import InvalidParameter, NotFound
from graph.export import neutralise
from graph.model import fold_name
from graph.queries.actions import grondrechten
from graph.queries.actors import (actor_grondrecht_page, actor_grondrechten, find_actors as find_actors_query,
                                   grondrecht_actor_page, relationships_of)
from graph.questions.lineage import initiatives, lineage
from graph.questions.nodes import require_node
from graph.schema import load_schema
from graph.store import Store

_GRONDRECHT = re.compile(r"^(0\d|10)$")


def check_grondrecht(code: str, parameter: str = "grondrecht") -> str:
    if not _GRONDRECHT.match(code):
        raise InvalidParameter(parameter, f"a grondrecht code 00..10 is expected, got {code!r}")
    return code


def check_actor_type(label: str | None, parameter: str = "type") -> str | None:
    actors = load_schema().actor_labels
    if label is not None and label not in actors:
        raise InvalidParameter(parameter, f"unknown actor type {label!r}; known: {', '.join(actors)}")
    return label


def require_actor(store: Store, actor_id: str, parameter: str = "id") -> dict[str, Any]:
    return require_node(store, actor_id, parameter, "Actor")


def find_actors(store: Store, q: str, label: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    folded = fold_name(q)
    if len(folded) < 2:
        raise InvalidParameter("q", "give at least 2 characters to search for")
    return store.run(find_actors_query, q=folded, label=check_actor_type(label), limit=limit)


def actor_detail(store: Store, actor_id: str) -> dict[str, Any]:
    """One actor with its names, kind, relationships, lineage (predecessors and successors) and the
    initiatives of it and of its lineage, each saying through which body it counts."""
    node = require_actor(store, actor_id)
    props = node["properties"]
    lines = lineage(store, actor_id)
    work = initiatives(store, actor_id, props.get("name"), lines)
    return {"id": node["id"], "name": props.get("name"), "labels": node["labels"],
            "kind": props.get("kind", "organisation"),
            "names": props.get("names", [props.get("name")]), "sources": props.get("sources", []),
            "properties": {k: v for k, v in props.items() if k not in ("names", "sources", "folded_names", "folded_key", "terms")},
            "relationships": store.run(relationships_of, id=actor_id),
            "lineage": lines, **work}


def grondrecht_actors(store: Store, code: str, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """One page of the actors working on a grondrecht, most initiatives first, with the total."""
    check_grondrecht(code, "code")
    grondrecht = next((g for g in store.run(grondrechten) if g["code"] == code), None)
    if grondrecht is None:
        raise NotFound(f"no grondrecht {code}")
    page = store.run(grondrecht_actor_page, code=code, limit=limit, offset=offset)[0]
    return {"grondrecht": grondrecht, "total": page["total"], "limit": limit, "offset": offset,
            "actors": page["actors"]}


def shared_grondrecht(store: Store, actor_ids: list[str]) -> dict[str, Any]:
    """The grondrechten every one of the actors works on, and through which initiatives each does."""
    ids = list(dict.fromkeys(a.strip() for a in actor_ids if a.strip()))
    if len(ids) < 2:
        raise InvalidParameter("actors", "give at least two actor ids, comma-separated")
    names = {a: require_actor(store, a, "actors")["properties"].get("name") for a in ids}
    by_right: dict[str, dict[str, Any]] = defaultdict(lambda: {"actors": {}})
    for row in store.run(actor_grondrechten, actors=ids):
        cell = by_right[row["grondrecht"]]
        cell["name"] = row["grondrecht_name"]
        cell["actors"][row["actor"]] = row["via"]
    shared = [{"code": code, "name": cell["name"], "via": cell["actors"]}
              for code, cell in sorted(by_right.items()) if len(cell["actors"]) == len(ids)]
    partial = {code: sorted(cell["actors"]) for code, cell in sorted(by_right.items()) if len(cell["actors"]) < len(ids)}
    return {"actors": [{"id": a, "name": names[a]} for a in ids], "shared": shared, "partly_shared": partial}


def actor_grondrecht_matrix(store: Store, label: str | None = None, limit: int | None = 100,
                           offset: int = 0) -> dict[str, Any]:
    """Actors × grondrechten: the number of initiatives through which each actor works on each right;
    one page of actors (all of them when limit is None), the busiest first, with the total."""
    check_actor_type(label)
    rights = [g["code"] for g in store.run(grondrechten)]
    page = store.run(actor_grondrecht_page, label=label, limit=limit, offset=offset)[0]
    rows = [{"id": r["id"], "name": r["name"], "counts": {**dict.fromkeys(rights, 0), **r["counts"]}}
            for r in page["rows"]]
    return {"grondrechten": rights, "total": page["total"], "limit": limit, "offset": offset, "rows": rows}


def matrix_csv(matrix: dict[str, Any]) -> str:
    """The matrix as Belgian Excel opens it by a double click: a BOM (UTF-8, accents intact), ';'
    between cells, a Dutch header; a name that Excel would run as a formula starts with "'"."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["id", "naam", *matrix["grondrechten"]])
    for row in matrix["rows"]:
        writer.writerow([row["id"], neutralise(str(row["name"] or "")),
                         *(row["counts"][g] for g in matrix["grondrechten"])])
    return "\ufeff" + out.getvalue()
