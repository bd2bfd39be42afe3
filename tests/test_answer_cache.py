"""Answers are cached per state of the graph, on Neo4j too: every write through the product stamps
a fresh token into the database, so an API process sees another process's load (and a coordinator's
verdict) and answers anew; a big load into an empty database goes in committed chunks and is
undone, or cleared by the next load, when it does not finish."""

from __future__ import annotations

import copy

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from armoedegraaf.errors import StoreError
from armoedegraaf.settings import Settings
from graph import cypher
from graph.model import GraphBatch
from graph.neo4j_store import Neo4jStore
from graph.verdicts import Neo4jVerdicts, make_verdict
from tests.conftest import _NEO4J_HOLDS_SEED

ACTIONS = "/actions?grondrecht=08&limit=5"


@pytest.fixture
def seeded(neo4j_store, seed_load):
    """The Neo4j store holding the seeds, left for the next test to reload (the tests change it)."""
    neo4j_store.replace(seed_load.batch)
    _NEO4J_HOLDS_SEED["loaded"] = False
    yield neo4j_store
    neo4j_store.tx_rows = Settings().neo4j_tx_rows


@pytest.fixture
def other_process():
    """A second store on the same database, as another API process would hold, trusting no stamp read."""
    store = Neo4jStore.from_settings(Settings(backend="neo4j", neo4j_state_seconds=0))
    yield store
    store.close()


def one_node_batch(seed_load, label: str) -> GraphBatch:
    node = next(n for n in seed_load.batch.nodes.values() if label in n.labels)
    return GraphBatch(nodes={node.id: copy.deepcopy(node)})


def test_every_write_stamps_a_new_graph_token(seeded, other_process, seed_load):
    first = other_process.version
    assert first is not None
    seeded.write(one_node_batch(seed_load, "Municipality"))
    assert other_process.version not in (None, first)


def test_a_verdict_stamps_a_new_verdict_token_and_leaves_the_graph_token(seeded, other_process):
    graph, judged = other_process.version, other_process.verdicts_version
    Neo4jVerdicts(seeded).add([make_verdict("gap", "gap|test-cache", "", "todo", "test")])
    try:
        assert other_process.verdicts_version != judged
        assert other_process.version == graph
    finally:
        Neo4jVerdicts(seeded).clear()


def test_an_answer_is_cached_until_another_process_writes(seeded, other_process, seed_load):
    client = TestClient(create_app(Settings(backend="neo4j", neo4j_state_seconds=0), store=other_process))
    with client:
        before = client.get(ACTIONS).json()
        code = before["items"][0]["code"]
        # Changed behind the product's back (no stamp): the kept answer is served, as it must
        # be for a cache to save anything.
        seeded._execute_write(lambda tx: tx.run("MATCH (a:Action {code: $code}) SET a.title = 'Gewijzigd'",
                                                code=code).consume())
        assert client.get(ACTIONS).json() == before
        seeded.write(one_node_batch(seed_load, "Municipality"))  # any stamped write, by another process
        after = client.get(ACTIONS).json()
    assert after["items"][0]["title"] == "Gewijzigd"


def test_without_the_answer_cache_every_answer_is_computed(seeded, other_process):
    client = TestClient(create_app(Settings(backend="neo4j", answer_cache=False), store=other_process))
    with client:
        code = client.get(ACTIONS).json()["items"][0]["code"]
        seeded._execute_write(lambda tx: tx.run("MATCH (a:Action {code: $code}) SET a.title = 'Gewijzigd'",
                                                code=code).consume())
        assert client.get(ACTIONS).json()["items"][0]["title"] == "Gewijzigd"


def test_a_big_load_into_an_empty_database_goes_in_chunks_and_equals_one_transaction(seeded, seed_load, monkeypatch):
    whole = seeded.export()
    seeded.clear()
    transactions = []
    real = seeded._execute_write
    monkeypatch.setattr(seeded, "_execute_write", lambda work: (transactions.append(1), real(work)))
    seeded.tx_rows = 1000
    seeded.replace(seed_load.batch)
    rows = len(seed_load.batch.nodes) + len(seed_load.batch.relationships)
    assert len(transactions) >= rows // 1000  # committed chunks (and the stamps)
    assert seeded.export() == whole
    assert seeded.version is not None


def test_a_failed_load_in_chunks_leaves_the_empty_database_it_found(seeded, seed_load, monkeypatch):
    seeded.clear()
    sent = []
    real = seeded._send

    def failing(tx, statements, total, done):
        sent.append(1)
        if len(sent) == 3:
            raise StoreError("the third chunk fails")
        real(tx, statements, total, done)

    monkeypatch.setattr(seeded, "_send", failing)
    seeded.tx_rows = 1000
    with pytest.raises(StoreError, match="third chunk"):
        seeded.replace(seed_load.batch)
    assert seeded.counts() == {"labels": {}, "relationships": {}}
    assert seeded.version is not None  # cleared, and stamped: the empty graph may be cached


def test_the_next_load_clears_what_an_interrupted_load_in_chunks_left(seeded, seed_load):
    whole = seeded.export()
    seeded.clear()
    # What a load killed after its first chunks leaves: the `loading` stamp and part of the graph.
    seeded._execute_write(lambda tx: seeded._stamp(tx, cypher.STATE_STAMP_LOADING))
    assert seeded.version is None  # nothing is cached on a partial graph
    partial = GraphBatch(nodes=dict(list(copy.deepcopy(seed_load.batch.nodes).items())[:50]))
    seeded._execute_write(lambda tx: seeded._send(tx, seeded._statements(partial, create=False), 50, 0))
    seeded.replace(seed_load.batch)
    assert seeded.export() == whole
    assert seeded._read_state(force=True)["loading"] is None


def test_health_is_never_a_kept_answer(seeded, other_process):
    client = TestClient(create_app(Settings(backend="neo4j"), store=other_process))
    with client:
        before = client.get("/health").json()["counts"]["labels"]["Municipality"]
        client.get(ACTIONS)
        # behind the product's back, so the stamp stays: a cached health would not see it
        seeded._execute_write(lambda tx: tx.run("MATCH (m:Municipality) WITH m LIMIT 1 DETACH DELETE m").consume())
        assert client.get("/health").json()["counts"]["labels"]["Municipality"] == before - 1
