"""The FastAPI application factory. Nothing is built at import time: create_app() makes the app,
and its lifespan opens the store from the settings it was given."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from api.cache import ResponseCache
from api.errors import ERROR_RESPONSES, install_error_handlers
from api.routes import actions, actors, meta, places, questions
from api.routes import kaart
from api.routes import continuity, timeline, verdicts
from armoedegraaf import __version__
from armoedegraaf.settings import Settings
from graph.store import Store, open_store
from graph.verdicts import open_verdicts

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
        app.state.verdicts = open_verdicts(app.state.store)
        try:
            yield
        finally:
            app.state.verdicts.close()
            if store is None:
                app.state.store.close()

    app = FastAPI(title="armoedegraaf", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(ResponseCache)
    app.include_router(meta.router, responses=ERROR_RESPONSES)
    app.include_router(actions.router, responses=ERROR_RESPONSES)
    app.include_router(actors.router, responses=ERROR_RESPONSES)
    app.include_router(places.router, responses=ERROR_RESPONSES)
    app.include_router(questions.router, responses=ERROR_RESPONSES)
    app.include_router(kaart.router, responses=ERROR_RESPONSES)
    app.include_router(verdicts.router, responses=ERROR_RESPONSES)
    app.include_router(continuity.router, responses=ERROR_RESPONSES)
    app.include_router(timeline.router, responses=ERROR_RESPONSES)
    return app
