"""The coordinators' questions: missing links (and search and overlap, in their own routes)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StringConstraints, field_validator

from api.deps import StoreDep
from graph.answers.gaps import MissingLinks
from graph.answers.search import OverlapAnswer, OverlapCheck, SearchAnswer, SimilarActions
from graph.questions import search
from graph.questions.missing_links import KINDS, missing_links
from graph.text import MAX_WORD_CHARS, longest_word

router = APIRouter(tags=["questions"])


@router.get("/missing-links", response_model=MissingLinks, response_model_exclude_unset=True, summary="Partners, rights and stakeholders absent where they should be")
def missing(
    request: Request,
    store: StoreDep,
    kind: Annotated[str | None, Query(description=f"one of: {', '.join(KINDS)} (default: all)")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    scope: Annotated[str | None, Query(max_length=200, description="a platform, municipality, Huis van het Kind "
                                       "or province, by id or name")] = None,
    status: Annotated[str | None, Query(description="nieuw, todo, done or not_relevant")] = None,
) -> dict[str, Any]:
    return missing_links(store, kind, limit, scope, request.app.state.verdicts, status)


@router.get("/search", response_model=SearchAnswer, response_model_exclude_unset=True, summary="Search actions, projects, platforms and actors: by meaning and by word, fused")
def search_route(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="what to look for")],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    type: Annotated[str | None, Query(description="action, project, platform or actor (default: all)")] = None,
    plan: Annotated[str | None, Query(description="only actions of this plan (its name, as /actions gives it)")] = None,
) -> dict[str, Any]:
    return search.search(store, q, limit, type, plan)


@router.get("/overlap", response_model=OverlapAnswer, response_model_exclude_unset=True, summary="Pairs of overlapping initiatives with itemised reasons; exact duplicates first")
def overlap_route(
    request: Request,
    store: StoreDep,
    min_score: Annotated[float, Query(ge=0, le=1)] = 0.3,
    grondrecht: Annotated[str | None, Query(description="grondrecht code 00..10")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    plan: Annotated[str | None, Query(description="pairs with an action of this plan (pairs across plans too)")] = None,
    include_judged: Annotated[bool, Query(description="also the pairs a coordinator judged distinct")] = False,
) -> dict[str, Any]:
    return search.overlap(store, min_score, grondrecht, limit, plan, verdicts=request.app.state.verdicts,
                          include_judged=include_judged)


@router.get("/actions/{code}/similar", response_model=SimilarActions, response_model_exclude_unset=True, summary="The initiatives most like this action, with reasons")
def similar_route(
    store: StoreDep, code: str,
    plan: Annotated[str | None, Query(description="the action's plan (default: found from the code)")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    return search.similar(store, code, plan=plan, limit=limit)


MAX_ACTORS = 200  # more actor ids than any initiative has; the list is refused above it (422 naming the limit)
ActorId = Annotated[str, StringConstraints(max_length=200)]


class PlannedInitiative(BaseModel):
    text: str = Field(min_length=1, max_length=20_000, description="what the planned initiative will do")
    actors: list[ActorId] = Field(default_factory=list, max_length=MAX_ACTORS,
                                  description=f"actors that will take part: ids or names (at most {MAX_ACTORS})")
    grondrecht: str | None = Field(default=None, max_length=10, description="grondrecht code 00..10")
    limit: int = Field(default=10, ge=1, le=100)

    @field_validator("text")
    @classmethod
    def _bounded_words(cls, text: str) -> str:
        # The loaders' limit: no real text has a 1,000-character word, and analysing one is costly.
        if len(text) > MAX_WORD_CHARS and longest_word(text) > MAX_WORD_CHARS:
            raise ValueError(f"a word of {longest_word(text)} characters without a space; at most {MAX_WORD_CHARS}")
        return text


class BadRequest(BaseModel):
    detail: str


@router.post("/overlap/check", response_model=OverlapCheck, response_model_exclude_unset=True, summary="Would a planned initiative duplicate an existing one?",
             responses={400: {"model": BadRequest, "description": "the body is not JSON"}})
async def check_route(store: StoreDep, planned: PlannedInitiative) -> Any:
    # Off the event loop on both backends: a long text costs CPU, and /health must answer meanwhile.
    def answer() -> dict[str, Any]:
        return search.check(store, planned.text, planned.actors, planned.grondrecht, planned.limit)

    return JSONResponse(await run_in_threadpool(answer))  # already JSON-ready data: skip the generic encoder
