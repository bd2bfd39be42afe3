"""The coordinators' questions: missing links (and search and overlap, in their own routes)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.deps import StoreDep
from graph.questions import search
from graph.questions.missing_links import KINDS, missing_links

router = APIRouter(tags=["questions"])


@router.get("/missing-links", summary="Partners, rights and stakeholders absent where they should be")
def missing(
    store: StoreDep,
    kind: Annotated[str | None, Query(description=f"one of: {', '.join(KINDS)} (default: all)")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> dict[str, Any]:
    return missing_links(store, kind, limit)


@router.get("/search", summary="Search actions, projects, platforms and actors: by meaning and by word, fused")
def search_route(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="what to look for")],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    type: Annotated[str | None, Query(description="action, project, platform or actor (default: all)")] = None,
    plan: Annotated[str | None, Query(description="only actions of this plan, e.g. 'VAPA 2015-2019'")] = None,
) -> dict[str, Any]:
    return search.search(store, q, limit, type, plan)


@router.get("/overlap", summary="Pairs of overlapping initiatives with itemised reasons; exact duplicates first")
def overlap_route(
    store: StoreDep,
    min_score: Annotated[float, Query(ge=0, le=1)] = 0.3,
    grondrecht: Annotated[str | None, Query(description="grondrecht code 00..10")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    plan: Annotated[str | None, Query(description="pairs with an action of this plan (pairs across plans too)")] = None,
) -> dict[str, Any]:
    return search.overlap(store, min_score, grondrecht, limit, plan)


@router.get("/actions/{code}/similar", summary="The initiatives most like this action, with reasons")
def similar_route(
    store: StoreDep, code: str,
    plan: Annotated[str | None, Query(description="the action's plan (default: found from the code)")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    return search.similar(store, code, plan=plan, limit=limit)


class PlannedInitiative(BaseModel):
    text: str = Field(min_length=1, max_length=20_000, description="what the planned initiative will do")
    actors: list[str] = Field(default_factory=list, description="actors that will take part: ids or names")
    grondrecht: str | None = Field(default=None, description="grondrecht code 00..10")
    limit: int = Field(default=10, ge=1, le=100)


class BadRequest(BaseModel):
    detail: str


@router.post("/overlap/check", summary="Would a planned initiative duplicate an existing one?",
             responses={400: {"model": BadRequest, "description": "the body is not JSON"}})
async def check_route(store: StoreDep, planned: PlannedInitiative) -> Any:
    # On the in-memory graph this is a millisecond of CPU: run it on the event loop (a threadpool hop
    # costs as much under load). Neo4j answers over the network: keep that off the loop.
    def answer() -> dict[str, Any]:
        return search.check(store, planned.text, planned.actors, planned.grondrecht, planned.limit)

    result = answer() if store.backend == "memory" else await run_in_threadpool(answer)
    return JSONResponse(result)  # already JSON-ready data: skip the generic encoder
