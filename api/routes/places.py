"""Local platforms, by region and province."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import StoreDep
from graph.answers.places import PlatformDetail, PlatformList, ProvinceCoverage
from graph.queries.places import province_coverage as province_coverage_query
from graph.questions.places import list_platforms, platform_detail

router = APIRouter(tags=["platforms"])


@router.get("/platforms", response_model=PlatformList, response_model_exclude_unset=True, summary="The 57 local child-poverty platforms, by region and province")
def platforms(
    store: StoreDep,
    region: Annotated[str | None, Query(description="Vlaanderen, Brussel or Wallonië")] = None,
    province: Annotated[str | None, Query(description="e.g. Antwerpen, Henegouwen")] = None,
) -> dict[str, Any]:
    return list_platforms(store, region, province)


@router.get("/platforms/{platform_id}", response_model=PlatformDetail, response_model_exclude_unset=True, summary="One platform: every fact with its evidence, lead and partners")
def platform(store: StoreDep, platform_id: str) -> dict[str, Any]:
    return platform_detail(store, platform_id)


@router.get("/coverage/provinces", response_model=list[ProvinceCoverage], response_model_exclude_unset=True, summary="Per province: platforms, projects, Huizen van het Kind, local teams")
def province_coverage(store: StoreDep) -> list[dict[str, Any]]:
    return store.run(province_coverage_query)
