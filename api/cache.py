"""A response cache for GET answers, valid for one state of the stored graph.

The graph changes only when `armoedegraaf load` writes it, so an answer computed once holds until
the graph's state (graph.store.graph_state, the key every cache of graph answers uses) or the
verdicts' version changes. On Neo4j both are tokens that every write stamps into the database, re-read
at most every `neo4j_state_seconds`, so this holds for several API processes and a cluster; a
store with no state (None: a load under way) is not cached."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armoedegraaf.errors import ArmoedegraafError
from graph.store import Store, graph_state

MAX_ENTRIES = 1024
# Health reports the store as it is now (reachable, counts): never an answer kept from before.
NEVER_CACHED = frozenset({"/health"})


class ResponseCache:
    def __init__(self, app: ASGIApp, max_entries: int = MAX_ENTRIES):
        self.app, self.max_entries = app, max_entries
        self.entries: OrderedDict[tuple[Any, str, bytes], tuple[int, list, bytes]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] in NEVER_CACHED:
            await self.app(scope, receive, send)
            return
        # Off the event loop: on Neo4j the version may be a round trip (the state stamp, re-read
        # every neo4j_state_seconds), and a server that is down must not stall other requests.
        version = await run_in_threadpool(self._version, scope)
        if version is None:
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
            state = graph_state(store)
            verdicts = getattr(app.state, "verdicts", None)  # answers apply the coordinator's verdicts
            if state is None or verdicts is None:
                return state
            judged = verdicts.version
        except ArmoedegraafError:
            return None  # e.g. a corrupt graph file, Neo4j down: not cached; the route meets and answers the error
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
