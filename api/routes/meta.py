"""Health, schema and single nodes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import StoreDep
from armoedegraaf.errors import StoreUnavailable
from graph.schema import load_schema

router = APIRouter(tags=["meta"])


@router.get("/health", summary="Backend, reachability and counts")
def health(store: StoreDep) -> Any:
    try:
        version = store.ping()
        counts = store.counts()
    except StoreUnavailable as exc:
        return JSONResponse(status_code=503, content={
            "status": "unavailable", "backend": store.backend, "reachable": False, "detail": str(exc),
            "error": type(exc).__name__})
    return {"status": "ok", "backend": store.backend, "reachable": True, "version": version, "counts": counts}


@router.get("/schema", summary="The graph schema (labels, relationship types, properties)")
def schema() -> dict[str, Any]:
    return load_schema().as_dict()


@router.get("/nodes/{node_id}", summary="One node with its labels and properties")
def node(node_id: str, store: StoreDep) -> dict[str, Any]:
    return store.get_node(node_id)
