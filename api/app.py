"""The FastAPI application factory. Nothing is built at import time: create_app() makes the app,
and its lifespan opens the store from the settings it was given."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from api.cache import ResponseCache
from api.guards import ApiKeys, BodyLimit, Guard, SecurityHeaders, TimeBudget
from api.errors import ERROR_RESPONSES, install_error_handlers
from api.routes import actions, actors, meta, places, questions
from api.routes import kaart
from armoedegraaf import __version__
from armoedegraaf.settings import Settings
from graph.store import Store, open_store

DESCRIPTION = """
Knowledge graph of the actors, social rights (grondrechten) and actions of child-poverty policy in
Flanders and Brussels. Every answer cites its source document and line.
"""


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app over the store the settings name; or over `store`, which the caller keeps open."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = store or open_store(settings)
        try:
            yield
        finally:
            if store is None:
                app.state.store.close()

    app = FastAPI(title="armoedegraaf", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    install_error_handlers(app)
    # Starlette runs the last added outermost: the headers go on every answer (the Guard's too), the
    # Guard sees every failure of what is inside it, the cache sits nearest the routes.
    app.add_middleware(ResponseCache)
    app.add_middleware(TimeBudget, seconds=settings.request_budget_seconds)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(ApiKeys, keys=settings.api_key_scopes())
    app.add_middleware(Guard)
    app.add_middleware(SecurityHeaders)
    app.include_router(meta.router, responses=ERROR_RESPONSES)
    app.include_router(actions.router, responses=ERROR_RESPONSES)
    app.include_router(actors.router, responses=ERROR_RESPONSES)
    app.include_router(places.router, responses=ERROR_RESPONSES)
    app.include_router(questions.router, responses=ERROR_RESPONSES)
    app.include_router(kaart.router, responses=ERROR_RESPONSES)
    return app
