"""Continuity between plans: which actions of a later plan continue which of an earlier one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import StoreDep
from graph.answers.plans import Continuity
from graph.questions.continuity import MIN_SCORE, TOP, continuity

router = APIRouter(tags=["plans"])


@router.get("/plans/{a}/continuity/{b}", response_model=Continuity, response_model_exclude_unset=True,
            summary="For each action of plan b the actions of plan a it continues, and where each of a lives on")
def continuity_route(
    store: StoreDep,
    a: str,
    b: str,
    min_score: Annotated[float, Query(ge=0, le=1)] = MIN_SCORE,
    top: Annotated[int, Query(ge=1, le=20)] = TOP,
) -> dict[str, Any]:
    # a and b: a plan id, a plan name, a group (a Plan's `group`) or a comma-separated list of them
    return continuity(store, a, b, min_score, top)
