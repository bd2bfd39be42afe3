"""The API skeleton on both backends: health, schema, nodes, and the errors at the edge."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from armoedegraaf.settings import Settings


@pytest.fixture
def client(loaded_store, tmp_path):
    settings = Settings(backend=loaded_store.backend, data_dir=tmp_path)
    with TestClient(create_app(settings, store=loaded_store)) as c:
        yield c


def test_health_is_ok_with_counts(client, loaded_store):
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["reachable"] is True
    assert body["backend"] == loaded_store.backend
    assert body["counts"]["labels"]["Grondrecht"] == 11


def test_schema_lists_the_vocabulary(client):
    body = client.get("/schema").json()
    for label in ("Action", "Grondrecht", "Minister", "Cabinet", "Administration", "Organisation", "Platform",
                  "HuisVanHetKind", "LocalTeam", "Project", "Plan", "Municipality", "Province", "Region", "Source"):
        assert label in body["labels"]
    for rel in ("TARGETS", "RESPONSIBLE_FOR", "INVOLVED_IN", "PARTNER_OF", "LEADS", "PART_OF", "LOCATED_IN",
                "REFERS_TO"):
        assert rel in body["relationships"]


def test_node_by_id(client):
    body = client.get("/nodes/grondrecht:09").json()
    assert body["properties"]["name"] == "gezondheid"
    assert body["properties"]["source"].startswith("004_")


def test_unknown_node_is_404(client):
    r = client.get("/nodes/grondrecht:99")
    assert r.status_code == 404 and "grondrecht:99" in r.json()["detail"]


def test_unreachable_neo4j_is_503_with_advice():
    # A real driver against a port where nothing listens: the failure path, not a mock.
    settings = Settings(backend="neo4j", neo4j_uri="bolt://127.0.0.1:9", neo4j_password="x")
    with TestClient(create_app(settings)) as c:
        health = c.get("/health")
        node = c.get("/nodes/grondrecht:01")
    assert health.status_code == 503 and health.json()["reachable"] is False
    assert node.status_code == 503 and "scripts/neo4j-local start" in node.json()["detail"]


def test_openapi_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    assert "/health" in client.get("/openapi.json").json()["paths"]
