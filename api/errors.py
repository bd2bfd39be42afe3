"""Translate the product's exception tree into HTTP answers; the only place that does."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from armoedegraaf.errors import ArmoedegraafError, InvalidParameter, NotFound, StoreUnavailable

_STATUS = [(NotFound, 404), (InvalidParameter, 422), (StoreUnavailable, 503)]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ArmoedegraafError)
    async def handle(request: Request, exc: ArmoedegraafError) -> JSONResponse:
        status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)
        body: dict[str, object] = {"detail": str(exc), "error": type(exc).__name__}
        if isinstance(exc, InvalidParameter):
            body["parameter"] = exc.parameter
        return JSONResponse(status_code=status, content=body)
