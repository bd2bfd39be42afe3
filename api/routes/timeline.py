"""The timeline (milestones and plan periods) and one actor's shared grondrechten."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import StoreDep
from graph.answers.actors import SharedFrom
from graph.answers.plans import Timeline
from graph.questions.timeline import shared_from, timeline

router = APIRouter(tags=["plans"])


@router.get("/timeline", response_model=Timeline, response_model_exclude_unset=True, summary="Milestones and plan periods, per plan, actor and grondrecht")
def timeline_route(
    store: StoreDep,
    plan: Annotated[str | None, Query(description="plan id or name")] = None,
    actor: Annotated[str | None, Query(description="actor id")] = None,
    grondrecht: Annotated[str | None, Query(description="grondrecht code 00..10")] = None,
) -> dict[str, Any]:
    return timeline(store, plan, actor, grondrecht)


@router.get("/actors/{actor_id}/shared-grondrecht", response_model=SharedFrom, response_model_exclude_unset=True,
            summary="The other actors that work on this actor's grondrechten, through which actions")
def shared_from_route(
    store: StoreDep,
    actor_id: str,
    grondrecht: Annotated[str | None, Query(description="grondrecht code 00..10")] = None,
) -> dict[str, Any]:
    return shared_from(store, actor_id, grondrecht)
