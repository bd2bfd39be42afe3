"""Health, schema and single nodes."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import StoreDep
from api.errors import bounded
from graph.answers.meta import Health, NodeAnswer, SchemaAnswer
from armoedegraaf.errors import StoreError, StoreUnavailable
from graph.schema import load_schema
from graph.store import Store

router = APIRouter(tags=["meta"])


# Health checks have their own two threads, so a pool busy with questions never delays them, and a
# deadline, so an orchestrator gets its answer in time whatever the store is doing.
_HEALTH_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="health")
HEALTH_DEADLINE_S = 1.5


def _check(store: Store) -> tuple[str, dict[str, Any]]:
    store.refresh()
    return store.ping(), store.counts()


@router.get("/health", response_model=Health, response_model_exclude_unset=True, summary="Backend, reachability and counts (answers within 2 s)")
async def health(request: Request) -> Any:
    store = request.app.state.store
    work = asyncio.get_running_loop().run_in_executor(_HEALTH_POOL, _check, store)
    try:
        version, counts = await asyncio.wait_for(asyncio.shield(work), HEALTH_DEADLINE_S)
    except (StoreError, asyncio.TimeoutError) as exc:
        if isinstance(exc, asyncio.TimeoutError):
            exc = StoreUnavailable(f"the {store.backend} store did not answer within {HEALTH_DEADLINE_S:g} s; "
                                   "check that it is running (for Neo4j: `scripts/neo4j-local status`)")
        return JSONResponse(status_code=503, content={
            "status": "unavailable", "backend": store.backend, "reachable": False, "detail": bounded(str(exc)),
            "error": type(exc).__name__})
    return {"status": "ok", "backend": store.backend, "reachable": True, "version": version, "counts": counts}


@router.get("/schema", response_model=SchemaAnswer, response_model_exclude_unset=True, summary="The graph schema (labels, relationship types, properties)")
def schema() -> dict[str, Any]:
    return load_schema().as_dict()


@router.get("/nodes/{node_id}", response_model=NodeAnswer, response_model_exclude_unset=True, summary="One node with its labels and properties")
def node(node_id: str, store: StoreDep) -> dict[str, Any]:
    return store.get_node(node_id)
