"""Translate the product's exception tree into HTTP answers; the only place that does.

NotFound -> 404, InvalidParameter -> 422 (in FastAPI's own validation-error shape, so every 422
reads alike and names the parameter in `loc`), StoreUnavailable -> 503, anything else of ours -> 500."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from armoedegraaf.errors import Ambiguous, ArmoedegraafError, InvalidParameter, NotFound, StoreUnavailable

_STATUS = [(NotFound, 404), (StoreUnavailable, 503)]


class ErrorBody(BaseModel):
    detail: str
    error: str


# Documented on every route, so clients (and schemathesis) know what an error looks like.
def _json_error(description: str) -> dict[str, Any]:
    # Explicit JSON content, so that routes answering HTML (the kaart) document their JSON errors too.
    schema = {"$ref": "#/components/schemas/ErrorBody"}
    return {"model": ErrorBody, "description": description, "content": {"application/json": {"schema": schema}}}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: _json_error("unknown id, code or name"),
    503: _json_error("the graph store cannot be reached"),
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ArmoedegraafError)
    async def handle(request: Request, exc: ArmoedegraafError) -> JSONResponse:
        if isinstance(exc, InvalidParameter):
            where = "body" if request.method == "POST" else "query"
            if exc.parameter in request.path_params:
                where = "path"
            entry = {"loc": [where, exc.parameter], "msg": str(exc), "type": "value_error", "input": None}
            if isinstance(exc, Ambiguous):  # the nodes the name fits, to choose from
                entry.update(type="ambiguous", ctx={"candidates": exc.candidates})
            return JSONResponse(status_code=422, content={"detail": [entry]})
        status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)
        return JSONResponse(status_code=status, content={"detail": str(exc), "error": type(exc).__name__})
