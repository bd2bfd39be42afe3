"""The sociale kaart in the browser: an HTML page with the network around a focus node, a form
to choose focus, depth, grondrecht and node types, and the network JSON the page draws."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from armoedegraaf import kaart_data
from armoedegraaf.errors import NotFound
from armoedegraaf.kaart import load_style, render_html
from graph.questions.network import MAX_DEPTH
from graph.store import Store

router = APIRouter(tags=["kaart"])

FocusQ = Annotated[str | None, Query(description="Node id or name to centre on (default: a well-connected node)")]
DepthQ = Annotated[int, Query(description=f"Hops from the focus, 1..{MAX_DEPTH}")]
GrondrechtQ = Annotated[str | None, Query(description="Grondrecht code (e.g. 05): only nodes linked to its actions")]
TypesQ = Annotated[list[str] | None, Query(description="Node types to traverse (repeat, or comma-separated)")]
LimitQ = Annotated[int, Query(description=f"At most this many nodes (1..{kaart_data.MAX_LIMIT})")]


def _types(types: list[str] | None) -> list[str] | None:
    labels = [t.strip() for value in types or [] for t in value.split(",") if t.strip()]
    return labels or None


def _focus(store: Store, focus: str | None) -> str:
    if focus is None or not focus.strip():
        return kaart_data.default_focus(store)
    return kaart_data.resolve_focus(store, focus)


def _network(store: Store, focus: str, depth: int, grondrecht: str | None, types: list[str] | None,
             limit: int) -> dict[str, Any]:
    kaart_data.check_depth(depth)
    return kaart_data.kaart_network(store, focus, depth, _types(types), grondrecht or None, limit)


def _form(store: Store, net: dict[str, Any], types: list[str] | None, limit: int) -> dict[str, Any]:
    style = load_style()
    all_types = [{"label": lab, "name": style.node([lab]).name} for lab in kaart_data.node_types()]
    return {"action": "/kaart", "focus": net["center"], "depth": net["depth"], "depths": list(range(1, MAX_DEPTH + 1)),
            "grondrecht": net["grondrecht"], "grondrechten": store.run("grondrechten"),
            "types": _types(types) or [], "all_types": all_types, "limit": limit, "max_limit": kaart_data.MAX_LIMIT,
            "suggestions": kaart_data.suggestions(store)}


def _page(store: Store, focus: str, depth: int, grondrecht: str | None, types: list[str] | None,
          limit: int) -> HTMLResponse:
    net = _network(store, focus, depth, grondrecht, types, limit)
    return HTMLResponse(render_html(net, form=_form(store, net, types, limit)))


@router.get("/kaart", response_class=HTMLResponse, summary="The sociale kaart (HTML) around a focus node")
def kaart_page(store: StoreDep, focus: FocusQ = None, depth: DepthQ = kaart_data.DEFAULT_DEPTH,
               grondrecht: GrondrechtQ = None, types: TypesQ = None,
               limit: LimitQ = kaart_data.DEFAULT_LIMIT) -> HTMLResponse:
    return _page(store, _focus(store, focus), depth, grondrecht, types, limit)


@router.get("/kaart/data", summary="The network JSON the /kaart page draws for the same parameters")
def kaart_json(store: StoreDep, focus: FocusQ = None, depth: DepthQ = kaart_data.DEFAULT_DEPTH,
               grondrecht: GrondrechtQ = None, types: TypesQ = None,
               limit: LimitQ = kaart_data.DEFAULT_LIMIT) -> dict[str, Any]:
    return _network(store, _focus(store, focus), depth, grondrecht, types, limit)


@router.get("/kaart/actors/{node_id}", response_class=HTMLResponse, summary="The sociale kaart around one node id")
def kaart_actor(node_id: str, store: StoreDep, depth: DepthQ = kaart_data.DEFAULT_DEPTH,
                grondrecht: GrondrechtQ = None, types: TypesQ = None,
                limit: LimitQ = kaart_data.DEFAULT_LIMIT) -> HTMLResponse:
    try:
        store.get_node(node_id)
    except NotFound:
        raise NotFound(f"node_id: no node with id {node_id!r}") from None
    return _page(store, node_id, depth, grondrecht, types, limit)

