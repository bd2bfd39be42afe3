"""Shared fixtures. `store` runs a test on both backends: the embedded networkx graph and a real
Neo4j 5 server (started by `make test` via scripts/neo4j-local, which exports NEO4J_URI).

Without NEO4J_URI the Neo4j half is skipped with a loud reason, unless CI=true or
ARMOEDEGRAAF_REQUIRE_NEO4J=1, where it fails: CI must never pass without the real database.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from armoedegraaf.settings import Settings
from graph.memory_store import MemoryStore
from loaders.pipeline import build_graph
from loaders.protocol import LoadResult

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
NO_NEO4J = (
    "NEO4J_URI is not set: the Neo4j backend tests are NOT running. Run `make test` "
    "(it starts a local Neo4j 5 with Java 17), or start one and export NEO4J_URI/NEO4J_PASSWORD."
)


def _neo4j_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("ARMOEDEGRAAF_REQUIRE_NEO4J") == "1"


def _neo4j_settings() -> Settings | None:
    if not os.environ.get("NEO4J_URI"):
        return None
    return Settings(backend="neo4j")


def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = _neo4j_settings()
    if settings is None:
        return [f"neo4j: NOT AVAILABLE - {NO_NEO4J}"]
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore.from_settings(settings)
    try:
        return [f"neo4j: {store.ping()} at {settings.neo4j_uri}"]
    except Exception as exc:  # the header must not hide the failure; the tests will fail loudly
        return [f"neo4j: UNREACHABLE at {settings.neo4j_uri}: {exc}"]
    finally:
        store.close()


@pytest.fixture(scope="session")
def neo4j_store():
    settings = _neo4j_settings()
    if settings is None:
        if _neo4j_required():
            pytest.fail(NO_NEO4J, pytrace=False)
        pytest.skip(NO_NEO4J)
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore.from_settings(settings)
    store.ping()  # raises StoreUnavailable: a hard error, never a skip
    yield store
    store.close()


@pytest.fixture(params=["memory", "neo4j"])
def store(request, tmp_path):
    """An empty store of each backend."""
    if request.param == "memory":
        yield MemoryStore.open(tmp_path / "graph")
        return
    neo = request.getfixturevalue("neo4j_store")
    neo.clear()
    _NEO4J_HOLDS_SEED["loaded"] = False
    yield neo
    neo.clear()


@pytest.fixture(scope="session")
def seed_load() -> LoadResult:
    """All bundled sources, parsed and built once per session."""
    return build_graph(SOURCES)


@pytest.fixture(scope="session")
def loaded_memory(seed_load) -> MemoryStore:
    store = MemoryStore.open(None)
    store.write(seed_load.batch)
    return store


_NEO4J_HOLDS_SEED = {"loaded": False}


@pytest.fixture(params=["memory", "neo4j"])
def loaded_store(request, seed_load, loaded_memory):
    """A store of each backend holding all bundled sources (loaded once, shared read-only)."""
    if request.param == "memory":
        return loaded_memory
    return request.getfixturevalue("loaded_neo4j")


@pytest.fixture
def loaded_neo4j(neo4j_store, seed_load):
    """The Neo4j store holding all bundled sources (loaded once, shared read-only)."""
    if not _NEO4J_HOLDS_SEED["loaded"]:
        neo4j_store.replace(seed_load.batch)
        _NEO4J_HOLDS_SEED["loaded"] = True
    return neo4j_store


# The seed document of a loader's test module. The module names its file in data/sources/ (FILE)
# and its loader, LOADER = (read_*, build_*): `doc` is that file read once per module, `batch` that
# document built with the product's resolver and geography. A module's own `doc` or `batch`
# fixture overrides these.

@pytest.fixture(scope="module")
def doc(request):
    read, _ = request.module.LOADER
    return read(SOURCES / request.module.FILE)


@pytest.fixture(scope="module")
def batch(request, doc):
    from loaders.resolution.geography import default_geography
    from loaders.resolution.resolve import Resolver

    _, build = request.module.LOADER
    return build(doc, Resolver(), default_geography())
