"""The API's outer edge, as plain ASGI middleware: every request passes these before any route.

    Guard            catch-all: anything unexpected (also raised in the response cache, outside
                     the handlers) becomes a JSON answer with a logged error id, never a bare 500
    SecurityHeaders  CSP, X-Frame-Options, nosniff and Referrer-Policy on every answer
    ApiKeys          with ARMOEDEGRAAF_API_KEYS set, a key is needed for all but /health
    BodyLimit        a body over the limit is refused with 413 naming the limit, unread
    TimeBudget       an answer that takes longer than the budget becomes a 504 (the work
                     finishes in its thread; the client does not wait for it)
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import uuid
from typing import Any, Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armoedegraaf.errors import ArmoedegraafError, NotFound, StoreError

log = logging.getLogger("armoedegraaf.api")

MAX_BODY_BYTES = 1_000_000  # the largest legitimate body (an overlap check: 20,000 characters) is far below
TIME_BUDGET_S = 20.0
ECHO_CHARS = 80  # an error body shows at most this much of the input it refuses

# The bundled pages (the kaart, with vis-network inlined) carry inline scripts and styles and load
# nothing from elsewhere. No other origin, no framing, no plugins, no eval.
CSP_HTML = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
CSP_API = "default-src 'none'; frame-ancestors 'none'"
# /docs and /redoc run Swagger UI / ReDoc from the bundled files (api/app.py install_docs): same
# origin only, so the docs never reach outside (ReDoc's sidebar would fetch its maker's logo), plus
# the blob: worker ReDoc starts.
CSP_DOCS = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
DOC_PAGES = ("/docs", "/redoc", "/docs/oauth2-redirect")
_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer")]


def short(value: Any, limit: int = ECHO_CHARS) -> str:
    """At most `limit` characters of a refused input, marked when cut."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


async def send_json(send: Send, status: int, body: dict[str, Any], headers: Iterable[tuple[bytes, bytes]] = ()) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()), *headers]})
    await send({"type": "http.response.body", "body": data})


def error_answer(exc: BaseException) -> tuple[int, dict[str, Any]]:
    """The status and body for an exception no handler answered; logs it under a fresh error id."""
    error_id = uuid.uuid4().hex[:12]
    if isinstance(exc, StoreError):
        status = 503
    elif isinstance(exc, NotFound):
        status = 404
    else:
        status = 500
    if isinstance(exc, ArmoedegraafError):
        log.error("error %s: %s", error_id, exc)
        detail = short(str(exc), 500)
    else:
        log.exception("error %s: unexpected %s", error_id, type(exc).__name__, exc_info=exc)
        detail = "an unexpected error; the server log holds the details under this error id"
    return status, {"detail": detail, "error": type(exc).__name__ if isinstance(exc, ArmoedegraafError)
                    else "InternalError", "error_id": error_id}


class Guard:
    """The outermost middleware: nothing escapes it as a traceback or a plain-text 500."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:  # the one catch-all of the API
            status, body = error_answer(exc)
            if started:  # too late for an answer: the log has it, the connection closes
                return
            await send_json(send, status, body)


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def adding(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                ctype = dict((k.lower(), v) for k, v in headers).get(b"content-type", b"")
                csp = CSP_API
                if ctype.startswith(b"text/html"):
                    csp = CSP_DOCS if scope["path"] in DOC_PAGES else CSP_HTML
                extra = [(b"content-security-policy", csp.encode())] + _HEADERS
                message = {**message, "headers": headers + [h for h in extra if h[0] not in names]}
            await send(message)

        await self.app(scope, receive, adding)


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        state = {"seen": 0, "refused": False}

        async def counting() -> Message:
            message = await receive()
            if message["type"] == "http.request" and not state["refused"]:
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > self.max_bytes:
                    # A chunked body (no Content-Length) that grew past the limit: answer now, and
                    # tell the app the client left, so it stops reading.
                    state["refused"] = True
                    await self._refuse(send)
                    return {"type": "http.disconnect"}
            return message

        async def gated(message: Message) -> None:
            if not state["refused"]:
                await send(message)

        try:
            await self.app(scope, counting, gated)
        except Exception:
            if not state["refused"]:
                raise  # the app's read of a refused body fails (ClientDisconnect): already answered

    async def _refuse(self, send: Send) -> None:
        await send_json(send, 413, {"detail": f"the request body is larger than the limit of {self.max_bytes} bytes",
                                    "error": "PayloadTooLarge", "limit": self.max_bytes},
                        headers=[(b"connection", b"close")])


class TimeBudget:
    """Answers 504 when the app has not started its answer within the budget. The work itself
    runs on (sync routes run in threads, which cannot be stopped) but no client waits for it."""

    def __init__(self, app: ASGIApp, seconds: float = TIME_BUDGET_S):
        self.app, self.seconds = app, seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = {"started": False, "abandoned": False}

        async def gated(message: Message) -> None:
            if state["abandoned"]:
                return  # the client already has its 504
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, gated))
        done, _ = await asyncio.wait({task}, timeout=self.seconds)
        if task in done:
            task.result()  # re-raise for the Guard
            return
        if state["started"]:  # streaming an answer already: let it finish
            await task
            return
        state["abandoned"] = True
        task.add_done_callback(_log_late)
        await send_json(send, 504, {
            "detail": f"the question took longer than the time budget of {self.seconds:g} s; "
                      "ask a narrower question (fewer actors, a shorter text, a lower limit)",
            "error": "TimeBudgetExceeded", "limit_seconds": self.seconds})


def _log_late(task: asyncio.Future) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("a request abandoned after its time budget failed: %r", task.exception())


class ApiKeys:
    """Keys from ARMOEDEGRAAF_API_KEYS: a read key may ask questions (GET, and the POST questions),
    a write key may also change data. /health stays open for the orchestrator's checks."""

    OPEN = ("/health",)
    READ_POSTS = ("/overlap/check",)

    def __init__(self, app: ASGIApp, keys: dict[str, str]):
        self.app, self.keys = app, keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.keys or scope["path"] in self.OPEN:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        key = headers.get(b"x-api-key", b"").decode("latin-1")
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if not key and auth.lower().startswith("bearer "):
            key = auth[7:].strip()
        # compare_digest against every key: the time taken does not tell how much of a key was right
        scope_of_key = next((sc for k, sc in self.keys.items()
                             if key and hmac.compare_digest(k.encode(), key.encode())), None)
        if scope_of_key is None:
            await send_json(send, 401, {"detail": "an API key is needed: send it as the X-API-Key header",
                                        "error": "Unauthorized"}, headers=[(b"www-authenticate", b"ApiKey")])
            return
        reading = scope["method"] in ("GET", "HEAD", "OPTIONS") or scope["path"] in self.READ_POSTS
        if not reading and scope_of_key != "write":
            await send_json(send, 403, {"detail": "this key may only read; a write key is needed",
                                        "error": "Forbidden"})
            return
        await self.app(scope, receive, send)
