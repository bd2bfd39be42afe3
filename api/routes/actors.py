"""Actors, their partner networks and the grondrechten they share."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse

from api.deps import StoreDep
from graph.answers.actors import ActorDetail, ActorGrondrechtMatrix, ActorHit, GrondrechtActors, Network, SharedGrondrecht
from armoedegraaf.errors import InvalidParameter
from armoedegraaf.names import resolve_actor, resolve_actors
from graph.questions import actors as q
from graph.questions.network import MAX_DEPTH, network

router = APIRouter(tags=["actors"])
MAX_SHARED = 50


@router.get("/actors", response_model=list[ActorHit], response_model_exclude_unset=True, summary="Find actors by name or alias (accents and case ignored)")
def find_actors(
    store: StoreDep,
    q_: Annotated[str, Query(alias="q", min_length=1, max_length=200, description="name or part of it")],
    type: Annotated[str | None, Query(description="actor label, e.g. Organisation, HuisVanHetKind")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[dict[str, Any]]:
    return q.find_actors(store, q_, type, limit)


@router.get("/actors/{actor_id}", response_model=ActorDetail, response_model_exclude_unset=True, summary="One actor: all its names, sources and relationships (id or name)")
def actor(store: StoreDep, actor_id: str) -> dict[str, Any]:
    return q.actor_detail(store, resolve_actor(store, actor_id, "actor_id"))


@router.get("/actors/{actor_id}/network", response_model=Network, response_model_exclude_unset=True, summary="The partner network around an actor")
def actor_network(
    store: StoreDep,
    actor_id: str,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    types: Annotated[str | None, Query(description="comma-separated node labels to keep")] = None,
    limit: Annotated[int, Query(ge=1, le=2000)] = 200,
) -> dict[str, Any]:
    actor_id = resolve_actor(store, actor_id, "actor_id")  # an id or a name ('OCMW Boom')
    labels = [t.strip() for t in types.split(",") if t.strip()] if types else None
    return network(store, actor_id, depth, labels, limit)


@router.get("/grondrechten/{code}/actors", response_model=GrondrechtActors, response_model_exclude_unset=True,
            summary="Actors working on a grondrecht, and through which initiatives")
def grondrecht_actors(
    store: StoreDep,
    code: str,
    limit: Annotated[int, Query(ge=1, le=1000, description="actors per page, most initiatives first")] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    return q.grondrecht_actors(store, code, limit, offset)


@router.get("/shared-grondrecht", response_model=SharedGrondrecht, response_model_exclude_unset=True, summary="The grondrechten two or more actors share, and through which initiatives")
def shared_grondrecht(
    store: StoreDep,
    actors: Annotated[str, Query(min_length=1, max_length=10_000,
                                 description=f"comma-separated actor ids or names (at most {MAX_SHARED})")],
) -> dict[str, Any]:
    given = actors.split(",")
    if len(given) > MAX_SHARED:
        raise InvalidParameter("actors", f"at most {MAX_SHARED} actors, got {len(given)}")
    return q.shared_grondrecht(store, resolve_actors(store, given, "actors"))


@router.get("/matrix/actor-grondrecht", summary="Actors × grondrechten (JSON, or CSV with format=csv)",
            response_model=None,  # two media types: the JSON's model is documented below
            responses={200: {"model": ActorGrondrechtMatrix, "content": {"text/csv": {"schema": {"type": "string"}}},
                             "description": "the matrix"}})
def matrix(
    store: StoreDep,
    format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
    type: Annotated[str | None, Query(description="actor label")] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="actors per page (JSON; the CSV has all)")] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any] | PlainTextResponse:
    # The CSV is the whole matrix, for a spreadsheet; the JSON one page, busiest actors first.
    result = q.actor_grondrecht_matrix(store, type, None if format == "csv" else limit, 0 if format == "csv" else offset)
    if format == "csv":
        return PlainTextResponse(q.matrix_csv(result), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="actoren-grondrechten.csv"'})
    return result
