"""Actions, grondrechten and ministers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import StoreDep
from graph.answers.actions import ActionDetail, ActionPage, GrondrechtCount, MinisterCount
from graph.queries.actions import grondrechten as grondrechten_query, ministers as ministers_query
from graph.questions.actions import action_detail, list_actions

router = APIRouter(tags=["actions"])


@router.get("/actions", response_model=ActionPage, response_model_exclude_unset=True, summary="Actions, filtered by grondrecht, minister or actor")
def actions(
    store: StoreDep,
    grondrecht: Annotated[str | None, Query(description="grondrecht code 00..10", examples=["05"])] = None,
    minister: Annotated[str | None, Query(description="minister id or number 01..09", examples=["08"])] = None,
    actor: Annotated[str | None, Query(description="actor id", examples=["org:netwerk-tegen-armoede"])] = None,
    plan: Annotated[str | None, Query(description="only actions of this plan (its name, as the items give it)")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    return list_actions(store, grondrecht=grondrecht, minister=minister, actor=actor, plan=plan,
                        limit=limit, offset=offset)


@router.get("/actions/{code}", response_model=ActionDetail, response_model_exclude_unset=True,
            summary="One action with every field, its actors and provenance")
def action(store: StoreDep, code: str,
           plan: Annotated[str | None, Query(description="the plan, when two plans share the code")] = None
           ) -> dict[str, Any]:
    return action_detail(store, code, plan)


@router.get("/grondrechten", response_model=list[GrondrechtCount], response_model_exclude_unset=True, summary="The grondrechten with their number of actions")
def grondrechten(store: StoreDep) -> list[dict[str, Any]]:
    return store.run(grondrechten_query)


@router.get("/ministers", response_model=list[MinisterCount], response_model_exclude_unset=True, summary="The ministers with their number of actions")
def ministers(store: StoreDep) -> list[dict[str, Any]]:
    return store.run(ministers_query)
