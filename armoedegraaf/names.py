"""Names wherever ids are: a coordinator types 'Kind & Gezin' or 'OCMW Boom', not
`administration:kind-en-gezin`. One rule for the HTTP routes and the CLI:

1. an id of the graph is itself;
2. a name or alias of an actor, accents and case ignored (the graph's `find_actors` query);
3. the shared actor resolver's reading of the name (loaders/data/aliases.yaml: 'Sociaal Huis Boom'
   is OCMW Boom), when the graph holds that actor.

Several actors at the first step that finds any: Ambiguous, listing them (the API answers 422 with
`ctx.candidates`; the CLI prints them). None: NotFound naming the parameter.
"""

from __future__ import annotations

from armoedegraaf.errors import Ambiguous, NotFound
from graph.model import fold_name, node_id
from graph.queries.actors import find_actors
from graph.questions.nodes import require_node
from graph.store import Store

MAX_CANDIDATES = 20


def resolve_actor(store: Store, text: str, parameter: str) -> str:
    """The id of the actor `text` names (an id or a name)."""
    text = text.strip()
    try:
        store.get_node(text)
    except NotFound:
        pass
    else:  # an id: the actor itself, or a 404 that says what the node is instead
        return require_node(store, text, parameter, "Actor")["id"]
    folded = fold_name(text)
    if len(folded) >= 2:
        rows = store.run(find_actors, q=folded, label=None, limit=MAX_CANDIDATES)
        exact = [r for r in rows if folded in r.get("matched", []) or fold_name(r["name"] or "") == folded]
        if len(exact) == 1:
            return exact[0]["id"]
        if len(exact) > 1:
            raise _ambiguous(parameter, text, exact)
    known = alias_reading(store, text)
    if known is not None:
        return known
    raise NotFound(f"{parameter}: no actor with id or name {text!r}")


def resolve_actors(store: Store, texts: list[str], parameter: str) -> list[str]:
    return [resolve_actor(store, t, parameter) for t in texts if t.strip()]


def alias_reading(store: Store, text: str) -> str | None:
    """The id of the actor the shared resolver reads `text` as, when the graph holds it. The one
    place the API and the kaart use the loaders: their alias table (loaders/data/aliases.yaml)
    knows names the graph does not."""
    from loaders.resolution.resolve import Resolver  # the loaders' alias table; imported only when needed

    res = Resolver().resolve(text, role="other")
    if res is None or res.method == "new":
        return None
    nid = node_id(res.label, res.key)
    try:
        store.get_node(nid)
    except NotFound:
        return None
    return nid


def _ambiguous(parameter: str, text: str, rows: list[dict]) -> Ambiguous:
    candidates = [{"id": r["id"], "name": r["name"], "label": next(lab for lab in r["labels"] if lab != "Actor")}
                  for r in rows]
    shown = "; ".join(f"{c['id']} ({c['name']}, {c['label']})" for c in candidates[:5])
    return Ambiguous(parameter, f"{text!r} names {len(candidates)} actors, give one of their ids: {shown}", candidates)
