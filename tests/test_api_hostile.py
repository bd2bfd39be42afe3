"""The API under hostile and broken input (issue 15): limits that name themselves, error bodies that
do not echo the input, a JSON answer with an error id for anything unexpected, a time budget,
security headers, optional API keys, and a /health that answers fast whatever the store does."""

from __future__ import annotations

import json
import socket
import time

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.questions import MAX_ACTORS
from armoedegraaf.settings import Settings
from graph.memory_store import GRAPH_FILE, MemoryStore


@pytest.fixture(scope="module")
def client(loaded_memory):
    with TestClient(create_app(Settings(), store=loaded_memory), raise_server_exceptions=False) as c:
        yield c


def _app_client(store, **settings) -> TestClient:
    return TestClient(create_app(Settings(**settings), store=store), raise_server_exceptions=False)


def test_a_body_over_the_limit_is_refused_naming_the_limit(client):
    body = json.dumps({"text": "kinderarmoede " * 100_000})  # 1.4 MB
    r = client.post("/overlap/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["limit"] == 1_000_000 and "1000000 bytes" in r.json()["detail"]


def test_a_chunked_body_over_the_limit_is_refused_too(client):
    def chunks():
        for _ in range(30):
            yield b"x" * 100_000

    r = client.post("/overlap/check", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_too_many_actor_ids_is_a_422_naming_parameter_and_limit(client):
    ids = [f"org:onbekend-{i}" for i in range(MAX_ACTORS + 1)]
    r = client.post("/overlap/check", json={"text": "huiswerkbegeleiding", "actors": ids})
    assert r.status_code == 422
    (err,) = r.json()["detail"]
    assert err["loc"] == ["body", "actors"] and str(MAX_ACTORS) in err["msg"]
    assert len(r.text) < 1000  # the 201 ids are not echoed back


def test_error_bodies_echo_only_a_short_prefix(client):
    r = client.get("/actors", params={"q": "a" * 10_000})
    assert r.status_code == 422 and len(r.text) < 1000
    r = client.get(f"/nodes/{'x' * 10_000}")
    assert r.status_code == 404 and len(r.text) < 1000
    r = client.post("/overlap/check", json={"text": "b" * 30_000})
    assert r.status_code == 422 and len(r.text) < 1000


def test_shared_grondrecht_caps_the_number_of_ids(client):
    r = client.get("/shared-grondrecht", params={"actors": ",".join(f"org:x{i}" for i in range(51))})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "actors"]
    assert "at most 50" in r.json()["detail"][0]["msg"]


def test_the_time_budget_answers_504_naming_it(loaded_memory):
    with _app_client(loaded_memory, request_budget_seconds=0.001) as c:
        r = c.post("/overlap/check", json={"text": "huiswerkbegeleiding voor kinderen in armoede " * 300})
    assert r.status_code == 504
    assert r.json()["error"] == "TimeBudgetExceeded" and r.json()["limit_seconds"] == 0.001


def test_security_headers_on_pages_and_json(client):
    page = client.get("/kaart")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    data = client.get("/grondrechten")
    assert data.headers["content-security-policy"].startswith("default-src 'none'")
    docs = client.get("/docs").headers["content-security-policy"]  # the docs' assets are bundled: no outside origin
    assert "default-src 'self'" in docs and "http" not in docs and "frame-ancestors 'none'" in docs


def test_api_keys_read_and_write(loaded_memory):
    with _app_client(loaded_memory, api_keys="lees-123, schrijf-456:write") as c:
        assert c.get("/health").status_code == 200  # open for the orchestrator
        assert c.get("/grondrechten").status_code == 401
        assert c.get("/grondrechten", headers={"X-API-Key": "fout"}).status_code == 401
        assert c.get("/grondrechten", headers={"X-API-Key": "lées-123".encode("latin-1")}).status_code == 401
        assert c.get("/grondrechten", headers={"X-API-Key": "lees-123"}).status_code == 200
        assert c.get("/grondrechten", headers={"Authorization": "Bearer schrijf-456"}).status_code == 200
        check = {"text": "huiswerkbegeleiding voor kinderen in armoede in de basisschool"}
        assert c.post("/overlap/check", json=check, headers={"X-API-Key": "lees-123"}).status_code == 200
        assert c.delete("/grondrechten", headers={"X-API-Key": "lees-123"}).status_code == 403
        assert c.delete("/grondrechten", headers={"X-API-Key": "schrijf-456"}).status_code == 405


def test_no_keys_configured_means_open(client):
    assert client.get("/grondrechten").status_code == 200


def test_a_corrupt_graph_file_while_serving_gives_json_503_with_an_error_id(tmp_path, seed_load):
    store = MemoryStore.open(tmp_path)
    store.write(seed_load.batch)
    with _app_client(store, data_dir=tmp_path) as c:
        assert c.get("/health").status_code == 200
        (tmp_path / GRAPH_FILE).write_text('{"nodes": [1, 2', encoding="utf-8")  # a load cut short
        for path in ("/health", "/grondrechten", "/kaart"):
            r = c.get(path)
            assert r.status_code == 503, path
            assert r.headers["content-type"] == "application/json"
            assert "cannot read the embedded graph" in r.json()["detail"]
        assert c.get("/grondrechten").json()["error_id"]
        (tmp_path / GRAPH_FILE).write_text('[["not", "a", "graph"]]', encoding="utf-8")  # the wrong shape
        r = c.get("/ministers")
        assert r.status_code == 503 and "not a graph of armoedegraaf" in r.json()["detail"]


def test_anything_unexpected_is_a_json_500_with_an_error_id():
    graph = nx.MultiDiGraph()
    graph.add_node("org:zonder-labels", id="org:zonder-labels", name="x")  # a graph no load can make
    with _app_client(MemoryStore(graph)) as c:
        r = c.get("/nodes/org:zonder-labels")
    assert r.status_code == 500 and r.headers["content-type"] == "application/json"
    assert r.json()["error"] == "InternalError" and len(r.json()["error_id"]) == 12
    assert "Traceback" not in r.text and "KeyError" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"  # the catch-all's answer has the headers too


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the with ends: nothing listens there


def test_health_answers_503_within_2_s_with_neo4j_down():
    settings = Settings(backend="neo4j", neo4j_uri=f"bolt://127.0.0.1:{_closed_port()}", neo4j_password="x" * 8)
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        for _ in range(3):
            started = time.monotonic()
            r = c.get("/health")
            assert time.monotonic() - started < 2.0
            assert r.status_code == 503 and r.json()["reachable"] is False
            assert "bolt://" not in r.text and "127.0.0.1" not in r.text
            assert "scripts/neo4j-local start" in r.json()["detail"]
        r = c.get("/grondrechten")
        assert r.status_code == 503 and "bolt://" not in r.text


def test_health_on_both_backends(loaded_store):
    with _app_client(loaded_store) as c:
        r = c.get("/health")
    assert r.status_code == 200 and r.json()["backend"] == loaded_store.backend
    assert r.json()["counts"]["labels"]["Action"] > 100
