"""Translate the product's exception tree into HTTP answers; the only place that does.

NotFound -> 404, InvalidParameter -> 422 (in FastAPI's own validation-error shape, so every 422
reads alike and names the parameter in `loc`), StoreError -> 503, anything else of ours -> 500
with a logged error id. No answer echoes more than a short prefix of the input it refuses."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.guards import short
from armoedegraaf.errors import Ambiguous, ArmoedegraafError, InvalidParameter, NotFound, StoreError

log = logging.getLogger("armoedegraaf.api")

_STATUS = [(NotFound, 404), (StoreError, 503)]
MAX_DETAIL = 600  # characters of an error message; the input it quotes is cut in the middle


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


def bounded(text: str, limit: int = MAX_DETAIL) -> str:
    """A message cut in the middle (where a quoted input sits), keeping the advice at its end."""
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2]} ... ({len(text)} characters) ... {text[-limit // 3:]}"


def _validation_item(err: dict[str, Any]) -> dict[str, Any]:
    item = {k: v for k, v in err.items() if k not in ("input", "url", "ctx")}
    item["msg"] = bounded(str(err.get("msg", "")), 300)
    value = err.get("input")
    if isinstance(value, (list, dict)):
        item["input"] = f"<{type(value).__name__} of {len(value)} items>"
    elif value is not None:
        item["input"] = short(value)
    if "ctx" in err:  # the limit that was crossed (max_length, ge, ...), as plain values
        item["ctx"] = {k: v if isinstance(v, (int, float, bool)) else short(str(v)) for k, v in err["ctx"].items()}
    return item


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ArmoedegraafError)
    async def handle(request: Request, exc: ArmoedegraafError) -> JSONResponse:
        if isinstance(exc, InvalidParameter):
            where = "body" if request.method == "POST" else "query"
            if exc.parameter in request.path_params:
                where = "path"
            entry = {"loc": [where, exc.parameter], "msg": bounded(str(exc)), "type": "value_error", "input": None}
            if isinstance(exc, Ambiguous):  # the nodes the name fits, to choose from
                entry.update(type="ambiguous", ctx={"candidates": exc.candidates})
            return JSONResponse(status_code=422, content={"detail": [entry]})
        status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)
        body = {"detail": bounded(str(exc)), "error": type(exc).__name__}
        if status >= 500:
            body["error_id"] = uuid.uuid4().hex[:12]
            log.error("error %s: %s", body["error_id"], exc, exc_info=exc.__cause__ is not None)
        return JSONResponse(status_code=status, content=body)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": [_validation_item(e) for e in exc.errors()]})
