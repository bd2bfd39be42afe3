"""The FastAPI application factory. Nothing is built at import time: create_app() makes the app,
and its lifespan opens the store from the settings it was given."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from api.cache import ResponseCache
from api.errors import ERROR_RESPONSES, install_error_handlers
from api.guards import CSP_DOCS, ApiKeys, BodyLimit, Guard, SecurityHeaders, TimeBudget
from api.routes import actions, actors, meta, places, questions
from api.routes import kaart
from api.routes import continuity, timeline, verdicts
from armoedegraaf import __version__
from armoedegraaf.settings import Settings
from graph.backends import open_store
from graph.store import Store
from graph.verdicts import open_verdicts

DESCRIPTION = """
Knowledge graph of the actors, social rights (grondrechten) and actions of child-poverty policy in
Flanders and Brussels. Every answer cites its source document and line.
"""


def install_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc from the files the fastapi-offline package ships, served by this
    app: the pages work on a network that blocks outside sites (FastAPI's own load them from a CDN)."""
    from importlib.resources import files

    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    app.mount(DOCS_ASSETS, StaticFiles(directory=str(files("fastapi_offline") / "static")), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return _same_origin(get_swagger_ui_html(openapi_url=app.openapi_url, title=f"{app.title}: API",
                                   swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png"))

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return _same_origin(get_redoc_html(openapi_url=app.openapi_url, title=f"{app.title}: API",
                              redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js",
                              redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png", with_google_fonts=False))


DOCS_ASSETS = "/docs-assets"
DOCS_POLICY = CSP_DOCS  # one policy for the docs pages (api/guards.py)


def _same_origin(page):
    page.headers["Content-Security-Policy"] = DOCS_POLICY
    return page


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

    app = FastAPI(title="armoedegraaf", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    install_docs(app)
    install_error_handlers(app)
    # Starlette runs the last added outermost: the headers go on every answer (the Guard's too), the
    # Guard sees every failure of what is inside it, the cache sits nearest the routes.
    if settings.answer_cache:
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
    app.include_router(verdicts.router, responses=ERROR_RESPONSES)
    app.include_router(continuity.router, responses=ERROR_RESPONSES)
    app.include_router(timeline.router, responses=ERROR_RESPONSES)
    return app
