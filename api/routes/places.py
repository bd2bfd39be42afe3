"""Local platforms, by region and province."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import StoreDep
from graph.queries.places import province_coverage as province_coverage_query
from graph.questions.places import list_platforms, platform_detail

router = APIRouter(tags=["platforms"])


@router.get("/platforms", summary="The 57 local child-poverty platforms, by region and province")
def platforms(
    store: StoreDep,
    region: Annotated[str | None, Query(description="Vlaanderen, Brussel or Wallonië")] = None,
    province: Annotated[str | None, Query(description="e.g. Antwerpen, Henegouwen")] = None,
) -> dict[str, Any]:
    return list_platforms(store, region, province)


@router.get("/platforms/{platform_id}", summary="One platform: every fact with its evidence, lead and partners")
def platform(store: StoreDep, platform_id: str) -> dict[str, Any]:
    return platform_detail(store, platform_id)


@router.get("/coverage/provinces", summary="Per province: platforms, projects, Huizen van het Kind, local teams")
def province_coverage(store: StoreDep) -> list[dict[str, Any]]:
    return store.run(province_coverage_query)
