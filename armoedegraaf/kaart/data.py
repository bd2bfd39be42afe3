"""What the sociale kaart shows: the network around a focus node, optionally narrowed to one
grondrecht, plus the choices the /kaart form offers (well-connected nodes, grondrechten, types).

The traversal itself is graph.questions.network.network(); this module only narrows its answer,
so the kaart without a grondrecht filter draws exactly what the network question answers.

Grondrecht filter, defined: the *scope* of grondrecht G is G itself, the actions that TARGET G,
and every node with a direct relationship to one of those actions (the actors responsible for or
involved in them, their plan, the actions they refer to). With a grondrecht, the kaart keeps the
focus node and the nodes in scope that are reachable from the focus within `depth` hops through
nodes in scope only.
"""

from __future__ import annotations

import weakref
from collections import deque
from dataclasses import dataclass
from typing import Any

from armoedegraaf.errors import Ambiguous, InvalidParameter, NotFound
from armoedegraaf.names import alias_reading
from graph.model import fold_name
from graph.queries.actions import grondrechten
from graph.queries.core import neighbours
from graph.queries.kaart import kaart_graph, node_degrees
from graph.questions.network import MAX_DEPTH, network
from graph.schema import load_schema
from graph.store import Store
from graph.verdicts import Verdict, subject_key

DEFAULT_DEPTH = 2
DEFAULT_LIMIT = 300
MAX_LIMIT = 2000
# The narrowed traversal first fetches the whole neighbourhood; this bounds it.
FETCH_LIMIT = 20_000
# The labels a coordinator may want to put at the centre of a kaart, in the order of preference
# for the default focus: the best-connected Huis van het Kind when the graph has one.
FOCUS_LABELS = ("HuisVanHetKind", "Platform", "LocalTeam", "Municipality", "Organisation", "Administration",
                "Cabinet", "Minister", "Project", "Plan")


def kaart_network(store: Store, center: str, depth: int = DEFAULT_DEPTH, labels: list[str] | None = None,
                  grondrecht: str | None = None, limit: int = DEFAULT_LIMIT, hubs: bool = True,
                  open_hubs: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The network the kaart draws: network() itself, or narrowed to a grondrecht's scope; with
    `hubs` (the default) a local focus stays local: the kaart does not go on through a hub (see
    collapse_hubs) unless the hub is in `open_hubs`."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidParameter("limit", f"must be between 1 and {MAX_LIMIT}, got {limit}")
    if grondrecht is None and not hubs:
        return {**network(store, center, depth, labels, limit), "grondrecht": None, "hubs": []}
    code, scope = grondrecht_scope(store, grondrecht) if grondrecht else (None, None)
    full = network(store, center, depth, labels, FETCH_LIMIT)
    keep = scope if scope is not None else {n["id"] for n in full["nodes"]}
    stop = hub_ids(store, full, open_hubs) if hubs else set()
    net = restrict(full, keep, limit, stop)
    if code and len(net["nodes"]) == 1:
        net["message"] = (f"nothing within {depth} hops of the focus is linked to the actions of grondrecht {code}; "
                          "raise depth or choose another focus")
    return {**net, "grondrecht": code}


# A node with more relationships than this is a hub (Kind en Gezin, a plan, a grondrecht): the kaart
# reaches it but does not go on through it, so that a town's map is not flooded with other towns'.
HUB_DEGREE = 20


def hub_ids(store: Store, net: dict[str, Any], open_hubs: frozenset[str]) -> set[str]:
    ids = [n["id"] for n in net["nodes"] if n["id"] != net["center"] and n["id"] not in open_hubs]
    return {r["id"] for r in store.run(node_degrees, ids=ids) if r["degree"] > HUB_DEGREE} if ids else set()


def grondrecht_scope(store: Store, grondrecht: str) -> tuple[str, set[str]]:
    """(code, ids in scope) of a grondrecht given by code ("05") or id ("grondrecht:05")."""
    code = grondrecht.removeprefix("grondrecht:").strip()
    gid = f"grondrecht:{code}"
    try:
        store.get_node(gid)
    except NotFound:
        known = ", ".join(row["code"] for row in store.run(grondrechten))
        raise InvalidParameter("grondrecht", f"unknown grondrecht {grondrecht!r}; known codes: {known}") from None
    actions = {row["node"]["id"] for row in store.run(neighbours, ids=[gid], labels=["Action"])
               if row["rel"]["type"] == "TARGETS"}
    linked = ({row["node"]["id"] for row in store.run(neighbours, ids=sorted(actions), labels=[])}
              if actions else set())
    return code, {gid} | actions | linked


def restrict(net: dict[str, Any], keep: set[str], limit: int, stop: set[str] = frozenset()) -> dict[str, Any]:
    """The part of `net` (a network() answer) inside `keep` that the centre still reaches within
    net's depth without passing through a node of `stop`, nearest first, at most `limit` nodes.
    `hubs` lists each stop node reached with the number of its neighbours in `net` left out."""
    center, depth = net["center"], net["depth"]
    allowed = {n["id"]: n for n in net["nodes"] if n["id"] in keep or n["id"] == center}
    adjacent: dict[str, set[str]] = {nid: set() for nid in allowed}
    for e in net["edges"]:
        if e["start"] in allowed and e["end"] in allowed:
            adjacent[e["start"]].add(e["end"])
            adjacent[e["end"]].add(e["start"])
    dist = _distances(center, adjacent, depth, stop)
    ordered = sorted(dist, key=lambda nid: (dist[nid], nid))
    capped = net["capped"] or len(ordered) > limit
    chosen = {nid: {**allowed[nid], "depth": dist[nid]} for nid in ordered[:limit]}
    edges = [e for e in net["edges"] if e["start"] in chosen and e["end"] in chosen]
    hubs = [{"id": nid, "name": chosen[nid]["properties"].get("name", nid), "depth": dist[nid],
             "hidden": len(adjacent[nid] - set(chosen))}
            for nid in ordered[:limit] if nid in stop and dist[nid] < depth and adjacent[nid] - set(chosen)]
    message = (f"network capped at {limit} nodes; raise limit, lower depth or filter by types to see more"
               if capped else None)
    return {"center": center, "depth": depth, "nodes": list(chosen.values()), "edges": edges,
            "capped": capped, "message": message, "hubs": hubs}


def _distances(center: str, adjacent: dict[str, set[str]], depth: int, stop: set[str] = frozenset()) -> dict[str, int]:
    dist, queue = {center: 0}, deque([center])
    while queue:
        nid = queue.popleft()
        if dist[nid] == depth or nid in stop:
            continue
        for other in sorted(adjacent[nid]):
            if other not in dist:
                dist[other] = dist[nid] + 1
                queue.append(other)
    return dist


# -- choosing a focus ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    label: str
    degree: int
    aliases: tuple[str, ...] = ()  # the other names the sources give it (a platform by its lead's name)


@dataclass(frozen=True)
class _Index:
    signature: Any  # the store's counts when it was read
    candidates: list[Candidate]
    titles: dict[str, str]


# A per-store index of node names, degrees and source titles, rebuilt when the store's counts
# change; read with the `kaart_graph` query (graph/queries/kaart.py), which answers only what the
# kaart needs.
_INDEX: "weakref.WeakKeyDictionary[Any, _Index]" = weakref.WeakKeyDictionary()


def _index(store: Store) -> _Index:
    signature = store.counts()
    cached = _INDEX.get(store)
    if cached is not None and cached.signature == signature:
        return cached
    found, titles = [], {}
    for node in store.run(kaart_graph, labels=[*FOCUS_LABELS, "Source"]):
        if "Source" in node["labels"] and node["file"]:
            titles[node["file"]] = node["name"] or node["file"]
        label = next((lab for lab in FOCUS_LABELS if lab in node["labels"]), None)
        if label is not None:
            name = node["name"] or node["id"]
            aliases = tuple(n for n in node["names"] if n != name)
            found.append(Candidate(node["id"], name, label, node["degree"], aliases))
    found.sort(key=lambda c: (-c.degree, c.name, c.id))
    _INDEX[store] = _Index(signature, found, titles)
    return _INDEX[store]


def candidates(store: Store) -> list[Candidate]:
    """Every node of a FOCUS_LABELS label, best connected first."""
    return _index(store).candidates


def source_titles(store: Store) -> dict[str, str]:
    """The bundled documents the graph holds, file name -> title (their Source nodes): what the
    kaart's cards cite them by."""
    return _index(store).titles


def suggestions(store: Store, count: int = 10) -> list[Candidate]:
    """A few well-connected nodes to offer as focus: the best of each focus label first, then
    the best connected overall."""
    pool = candidates(store)
    best_per_label = [next(c for c in pool if c.label == lab) for lab in FOCUS_LABELS
                      if any(c.label == lab for c in pool)]
    picked = list(dict.fromkeys(best_per_label + pool))
    return picked[:count]


def default_focus(store: Store) -> str:
    """The best-connected node of the first FOCUS_LABELS label the graph has."""
    pool = candidates(store)
    for label in FOCUS_LABELS:
        best = next((c for c in pool if c.label == label), None)
        if best is not None:
            return best.id
    raise NotFound("focus: the graph has no node to centre the kaart on; run `armoedegraaf load`")


def resolve_focus(store: Store, text: str) -> str:
    """A node id from an id or a name: exact (accents and case ignored), else the actor resolver's
    reading of the name (aliases: 'Sociaal Huis Boom' is OCMW Boom), else a unique part of a name.
    Several nodes: Ambiguous, listing them."""
    text = text.strip()
    if not text:
        raise InvalidParameter("focus", "empty; give a node id or name")
    try:
        return store.get_node(text)["id"]
    except NotFound:
        pass
    wanted = fold_name(text)
    pool = candidates(store)
    matches = ([c for c in pool if wanted in {fold_name(n) for n in (c.name, *c.aliases)}]
               or _resolved(store, text, pool)
               or [c for c in pool if wanted in fold_name(c.name)])
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        raise NotFound(f"focus: no node with id or name {text!r}")
    shown = "; ".join(f"{c.id} ({c.name})" for c in matches[:5])
    raise Ambiguous("focus", f"{text!r} matches {len(matches)} nodes, give an id: {shown}",
                    [{"id": c.id, "name": c.name, "label": c.label} for c in matches[:MAX_CANDIDATES]])


MAX_CANDIDATES = 20


def _resolved(store: Store, text: str, pool: list[Candidate]) -> list[Candidate]:
    """The node the shared actor resolver reads the name as (its alias table), when the graph has it."""
    nid = alias_reading(store, text)
    return [c for c in pool if c.id == nid]


def node_types() -> list[str]:
    """The drawable labels of the schema (the abstract Actor label is no type of its own)."""
    return list(load_schema().concrete_labels)


def check_depth(depth: int) -> int:
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidParameter("depth", f"must be between 1 and {MAX_DEPTH}, got {depth}")
    return depth


def merge_networks(*nets: dict[str, Any]) -> dict[str, Any]:
    """Several network answers as one kaart centred on the first: every node once (at its nearest
    depth), every relationship once; capped when any part was."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple, dict[str, Any]] = {}
    for net in nets:
        for node in net["nodes"]:
            if node["id"] not in nodes or node["depth"] < nodes[node["id"]]["depth"]:
                nodes[node["id"]] = node
        for e in net["edges"]:
            edges[(e["start"], e["type"], e["end"], e["properties"].get("key", ""))] = e
    messages = list(dict.fromkeys(n["message"] for n in nets if n.get("message")))
    return {"center": nets[0]["center"], "depth": max(n["depth"] for n in nets), "nodes": list(nodes.values()),
            "edges": sorted(edges.values(), key=lambda e: (e["start"], e["type"], e["end"])),
            "capped": any(n["capped"] for n in nets), "message": "; ".join(messages) or None,
            "grondrecht": nets[0].get("grondrecht")}


def with_verdicts(net: dict[str, Any], overlap: dict[str, Verdict]) -> dict[str, Any]:
    """The network with each 'lijkt op' (SIMILAR_TO) edge carrying the coordinator's overlap verdict
    in force on its pair, if any (`overlap`: graph.questions.verdicts.in_force(vstore, "overlap"));
    the answer itself is not changed."""
    edges = []
    for edge in net["edges"]:
        v = overlap.get(subject_key("overlap", edge["start"], edge["end"])) if edge["type"] == "SIMILAR_TO" else None
        edges.append({**edge, "verdict": {"verdict": v.verdict, "author": v.author, "note": v.note, "at": v.at}}
                     if v else edge)
    return {**net, "edges": edges}
