"""A response cache for GET answers, valid for one state of the stored graph.

The graph changes only when `armoedegraaf load` writes it, so an answer computed once holds until
the graph's state (graph.store.graph_state, the key every cache of graph answers uses) changes.
Stores without a cheap version (Neo4j: another process may write at any time) have no state and
are never cached."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armoedegraaf.errors import ArmoedegraafError
from graph.store import Store, graph_state

MAX_ENTRIES = 1024


class ResponseCache:
    def __init__(self, app: ASGIApp, max_entries: int = MAX_ENTRIES):
        self.app, self.max_entries = app, max_entries
        self.entries: OrderedDict[tuple[Any, str, bytes], tuple[int, list, bytes]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        version = self._version(scope)
        if scope["type"] != "http" or scope["method"] != "GET" or version is None:
            await self.app(scope, receive, send)
            return
        key = (version, scope["path"], scope.get("query_string", b""))
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, self._recording(key, send))

    def _version(self, scope: Scope) -> Any:
        app = scope.get("app")
        store: Store | None = getattr(getattr(app, "state", None), "store", None)  # None before the lifespan
        if store is None:
            return None
        try:
            store.refresh()
        except ArmoedegraafError:
            return None  # e.g. a corrupt graph file: not cached; the route meets and answers the error
        state = graph_state(store)
        verdicts = getattr(app.state, "verdicts", None)  # answers apply the coordinator's verdicts
        if state is None or verdicts is None:
            return state
        judged = verdicts.version
        return None if judged is None else (state, judged)

    def _recording(self, key: tuple, send: Send) -> Send:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def record(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    self.entries[key] = (200, list(start.get("headers", [])), b"".join(chunks))
                    while len(self.entries) > self.max_entries:
                        self.entries.popitem(last=False)
            await send(message)

        return record
