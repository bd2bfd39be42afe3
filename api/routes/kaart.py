"""The sociale kaart in the browser: an HTML page with the network around a focus node, a form
to choose focus, depth, grondrecht and node types, the network JSON the page draws, the view's
nodes as a CSV for Excel, and the source passage a card links to.

The page is for a coordinator: a bad or ambiguous focus is a message on the page (with the form as
she filled it in, and the candidates to choose from), never a JSON body. /kaart/data answers JSON
errors like every other route."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import StoreDep
from graph.answers.places import KaartData
from armoedegraaf.errors import Ambiguous, ArmoedegraafError, InvalidParameter, NotFound
from armoedegraaf.kaart import data as kaart_data
from armoedegraaf.kaart import load_style, render_html
from armoedegraaf.kaart.export import nodes_csv, passage_html
from graph.queries.actions import grondrechten
from graph.questions.network import MAX_DEPTH
from graph.store import Store
from graph.verdicts import in_force

router = APIRouter(tags=["kaart"])

FocusQ = Annotated[str | None, Query(description="Node id or name to centre on (default: a well-connected node)")]
DepthQ = Annotated[int, Query(description=f"Hops from the focus, 1..{MAX_DEPTH}")]
GrondrechtQ = Annotated[str | None, Query(description="Grondrecht code (e.g. 05): only nodes linked to its actions")]
TypesQ = Annotated[list[str] | None, Query(description="Node types to traverse (repeat, or comma-separated)")]
LimitQ = Annotated[int, Query(description=f"At most this many nodes (1..{kaart_data.MAX_LIMIT})")]
HubsQ = Annotated[bool, Query(description="Go on through hubs (nodes with more than "
                                          f"{kaart_data.HUB_DEGREE} relationships) too")]
OpenQ = Annotated[list[str] | None, Query(description="Hub ids to go on through (repeat)")]


def _types(types: list[str] | None) -> list[str] | None:
    labels = [t.strip() for value in types or [] for t in value.split(",") if t.strip()]
    return labels or None


def _focus(store: Store, focus: str | None) -> str:
    if focus is None or not focus.strip():
        return kaart_data.default_focus(store)
    return kaart_data.resolve_focus(store, focus)


def _network(store: Store, focus: str, depth: int, grondrecht: str | None, types: list[str] | None,
             limit: int, door_hubs: bool = False, open_: list[str] | None = None) -> dict[str, Any]:
    kaart_data.check_depth(depth)
    return kaart_data.kaart_network(store, focus, depth, _types(types), grondrecht or None, limit,
                                    hubs=not door_hubs, open_hubs=frozenset(open_ or []))


def _judged(request: Request, net: dict[str, Any]) -> dict[str, Any]:
    """The 'lijkt op' edges with the coordinator's overlap verdict in force (the side panel shows it)."""
    return kaart_data.with_verdicts(net, in_force(request.app.state.verdicts, "overlap"))


def _form(store: Store, request: Request, focus: str, choices: dict[str, Any]) -> dict[str, Any]:
    style = load_style()
    all_types = [{"label": lab, "name": style.node([lab]).name} for lab in kaart_data.node_types()]
    suggestions = [{"id": c.id, "name": c.name, "kind": style.node([c.label]).name, "degree": c.degree}
                   for c in kaart_data.suggestions(store)]
    query = str(request.url.query)
    return {"action": "/kaart", "focus": focus, "depth": choices["depth"], "depths": list(range(1, MAX_DEPTH + 1)),
            "grondrecht": choices["grondrecht"], "grondrechten": store.run(grondrechten),
            "types": _types(choices["types"]) or [], "all_types": all_types, "limit": choices["limit"],
            "max_limit": kaart_data.MAX_LIMIT, "suggestions": suggestions, "through_hubs": choices["door_hubs"],
            "open_hubs": choices["open_"] or [], "csv_href": "/kaart/knopen.csv" + (f"?{query}" if query else "")}


def _error(store: Store, request: Request, exc: ArmoedegraafError, typed: str | None,
           choices: dict[str, Any]) -> HTMLResponse:
    """The page with the form as filled in and what went wrong; for an ambiguous name the nodes it
    fits, each a link to its kaart."""
    style = load_style()
    candidates = []
    if isinstance(exc, Ambiguous):
        params = {k: v for k, v in request.query_params.multi_items() if k != "focus"}
        candidates = [{**c, "kind": style.node([c["label"]]).name,
                       "href": "/kaart?" + urlencode([("focus", c["id"]), *params.items()])} for c in exc.candidates]
        message = (f"‘{typed}’ past bij {len(exc.candidates)} knopen. Kies er een (of typ de id):")
    elif isinstance(exc, NotFound):
        message = f"Niets gevonden voor ‘{typed}’: controleer de naam, of kies een goed verbonden knoop hieronder."
    else:
        message = f"Deze keuze kan niet: {exc}"
    status = 404 if isinstance(exc, NotFound) else 422
    form = _form(store, request, typed or "", choices)
    return HTMLResponse(render_html(None, {}, form=form, error={"message": message, "candidates": candidates}),
                        status_code=status)


# The page answers a bad choice as a page (with the message and the form); FastAPI's own parameter
# validation answers JSON before the route runs. Both are documented.
_PAGE = {"text/html": {"schema": {"type": "string"}}}
PAGE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "an unknown focus: the page with the message and the form",
          "content": {**_PAGE, "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
    422: {"description": "a bad choice: the page with the message (and the candidates) and the form",
          "content": {**_PAGE, "application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}}},
}


@router.get("/kaart", response_class=HTMLResponse, summary="The sociale kaart (HTML) around a focus node",
            responses=PAGE_ERRORS)
def kaart_page(store: StoreDep, request: Request, focus: FocusQ = None, depth: DepthQ = kaart_data.DEFAULT_DEPTH,
               grondrecht: GrondrechtQ = None, types: TypesQ = None, limit: LimitQ = kaart_data.DEFAULT_LIMIT,
               door_hubs: HubsQ = False, open: OpenQ = None) -> HTMLResponse:
    choices = {"depth": depth, "grondrecht": grondrecht, "types": types, "limit": limit, "door_hubs": door_hubs,
               "open_": open}
    try:
        center = _focus(store, focus)
        net = _network(store, center, depth, grondrecht, types, limit, door_hubs, open)
    except (InvalidParameter, NotFound) as exc:
        return _error(store, request, exc, focus, choices)
    return HTMLResponse(render_html(_judged(request, net), kaart_data.source_titles(store),
                                    form=_form(store, request, center, choices)))


@router.get("/kaart/data", response_model=KaartData, response_model_exclude_unset=True, summary="The network JSON the /kaart page draws for the same parameters")
def kaart_json(store: StoreDep, request: Request, focus: FocusQ = None, depth: DepthQ = kaart_data.DEFAULT_DEPTH,
               grondrecht: GrondrechtQ = None, types: TypesQ = None,
               limit: LimitQ = kaart_data.DEFAULT_LIMIT, door_hubs: HubsQ = False, open: OpenQ = None) -> dict[str, Any]:
    return _judged(request, _network(store, _focus(store, focus), depth, grondrecht, types, limit, door_hubs, open))


@router.get("/kaart/knopen.csv", summary="The nodes of the kaart view as a CSV for Belgian Excel (';', BOM)",
            response_class=Response, responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}})
def kaart_nodes_csv(store: StoreDep, focus: FocusQ = None, depth: DepthQ = kaart_data.DEFAULT_DEPTH,
                    grondrecht: GrondrechtQ = None, types: TypesQ = None, limit: LimitQ = kaart_data.DEFAULT_LIMIT,
                    door_hubs: HubsQ = False, open: OpenQ = None) -> Response:
    net = _network(store, _focus(store, focus), depth, grondrecht, types, limit, door_hubs, open)
    return Response(nodes_csv(net, kaart_data.source_titles(store)), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="sociale-kaart-knopen.csv"'})


@router.get("/bron/{file}", response_class=HTMLResponse, summary="A bundled source document around one line")
def source_passage(store: StoreDep, request: Request, file: str,
                   regel: Annotated[int | None, Query(ge=1, description="the line to show")] = None) -> HTMLResponse:
    return HTMLResponse(passage_html(request.app.state.settings.sources_dir, file, regel,
                                     kaart_data.source_titles(store)))


@router.get("/kaart/actors/{node_id}", response_class=HTMLResponse, summary="The sociale kaart around one node (id or name)",
            responses=PAGE_ERRORS)
def kaart_actor(node_id: str, store: StoreDep, request: Request, depth: DepthQ = kaart_data.DEFAULT_DEPTH,
                grondrecht: GrondrechtQ = None, types: TypesQ = None,
                limit: LimitQ = kaart_data.DEFAULT_LIMIT, door_hubs: HubsQ = False, open: OpenQ = None) -> HTMLResponse:
    choices = {"depth": depth, "grondrecht": grondrecht, "types": types, "limit": limit, "door_hubs": door_hubs,
               "open_": open}
    try:
        node_id = kaart_data.resolve_focus(store, node_id)  # an id, or a name as on /kaart
    except NotFound:
        raise NotFound(f"node_id: no node with id or name {node_id!r}") from None
    except InvalidParameter as exc:
        return _error(store, request, exc, node_id, choices)
    try:
        net = _network(store, node_id, depth, grondrecht, types, limit, door_hubs, open)
    except InvalidParameter as exc:
        return _error(store, request, exc, node_id, choices)
    return HTMLResponse(render_html(_judged(request, net), kaart_data.source_titles(store),
                                    form=_form(store, request, node_id, choices)))
