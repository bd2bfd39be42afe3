"""FastAPI dependencies, as Annotated types the routes declare."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.store import Store


async def get_store(request: Request) -> Store:
    # async: a stat() of the graph file is cheaper than the threadpool hop a sync dependency costs
    store: Store = request.app.state.store
    store.refresh()  # the embedded graph may have been reloaded by `armoedegraaf load` meanwhile
    return store


StoreDep = Annotated[Store, Depends(get_store)]
