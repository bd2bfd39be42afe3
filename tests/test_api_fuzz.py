"""Schemathesis over the OpenAPI schema: no 5xx, no response that breaks the schema, on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)
from hypothesis import HealthCheck, settings

from api.app import create_app
from armoedegraaf.settings import Settings
from graph.memory_store import MemoryStore
from loaders.pipeline import build_graph

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"


def _app():
    store = MemoryStore.open(None)
    store.write(build_graph(SOURCES).batch)
    return create_app(Settings(), store=store)


APP = _app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _lifespan():
    from fastapi.testclient import TestClient

    with TestClient(APP):  # runs the lifespan, which installs the store
        yield


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_schema_conformance(case):
    # The bar: no 5xx, every status documented, every body as the schema says. (Rejecting a
    # schema-valid but unknown value, e.g. types=Planet, with a 422 naming it is intended.)
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance, response_schema_conformance,
                                   content_type_conformance])
