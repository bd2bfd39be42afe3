"""The coordinators' questions: missing links (and search and overlap, in their own routes)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import StoreDep
from graph.questions.missing_links import KINDS, missing_links

router = APIRouter(tags=["questions"])


@router.get("/missing-links", summary="Partners, rights and stakeholders absent where they should be")
def missing(
    store: StoreDep,
    kind: Annotated[str | None, Query(description=f"one of: {', '.join(KINDS)} (default: all)")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> dict[str, Any]:
    return missing_links(store, kind, limit)
