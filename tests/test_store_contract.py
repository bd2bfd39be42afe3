"""One scenario, every backend: the store contract (cf. nomenklatura's store tests)."""

from __future__ import annotations

import json

import pytest

from armoedegraaf.errors import NotFound, SchemaError
from graph.memory_store import MemoryStore
from graph.model import GraphBatch
from graph.queries import ALL_QUERIES, Query


def small_batch() -> GraphBatch:
    batch = GraphBatch()
    r = batch.add_node("Grondrecht", "05", source="fixture.txt", line=3, code="05", name="onderwijs")
    a = batch.add_node("Action", ("VAPA 2015-2019", "05_02_06"), source="fixture.txt", line=10,
                       code="05_02_06", plan="VAPA 2015-2019", title="Kleuterparticipatie")
    o = batch.add_node("Organisation", "Netwerk tegen Armoede", source="fixture.txt", line=12,
                       name="Netwerk tegen Armoede", names=["Netwerk tegen Armoede"])
    batch.add_relationship("TARGETS", a, r, source="fixture.txt", line=10)
    batch.add_relationship("INVOLVED_IN", o, a, source="fixture.txt", line=12, role="people_in_poverty",
                           responsibility="involved", as_written="het Netwerk tegen armoede")
    return batch


def test_write_then_read(store):
    store.write(small_batch())
    assert store.counts() == {
        "labels": {"Action": 1, "Actor": 1, "Grondrecht": 1, "Organisation": 1},
        "relationships": {"INVOLVED_IN": 1, "TARGETS": 1},
    }
    node = store.get_node("grondrecht:05")
    assert node == {"id": "grondrecht:05", "labels": ["Grondrecht"], "properties": {
        "code": "05", "line": 3, "name": "onderwijs", "source": "fixture.txt", "sources": ["fixture.txt"]}}


def test_unknown_id_is_not_found(store):
    store.write(small_batch())
    with pytest.raises(NotFound, match="no-such-id"):
        store.get_node("no-such-id")


def test_write_twice_is_idempotent(store):
    store.write(small_batch())
    first = store.export()
    store.write(small_batch())
    assert store.export() == first


def test_meeting_a_node_again_merges_names_and_keeps_first_provenance(store):
    store.write(small_batch())
    again = GraphBatch()
    again.add_node("Organisation", "Netwerk tegen Armoede", source="other.txt", line=99,
                   name="Netwerk tegen Armoede", names=["Vlaams Netwerk tegen Armoede"])
    store.write(again)
    props = store.get_node("org:netwerk-tegen-armoede")["properties"]
    assert props["names"] == ["Netwerk tegen Armoede", "Vlaams Netwerk tegen Armoede"]
    assert props["sources"] == ["fixture.txt", "other.txt"]
    assert (props["source"], props["line"]) == ("fixture.txt", 12)


def test_invalid_batch_writes_nothing(store):
    store.write(small_batch())
    before = store.export()
    bad = small_batch()
    bad.add_relationship("TARGETS", "grondrecht:05", "action:vapa-2015-2019:05_02_06", source="x", line=1)
    with pytest.raises(SchemaError, match="TARGETS"):
        store.write(bad)
    assert store.export() == before


def test_replace_clears_what_was_there(store):
    store.write(small_batch())
    only = GraphBatch()
    only.add_node("Grondrecht", "09", source="f.txt", line=1, code="09", name="gezondheid")
    store.replace(only)
    assert [n["id"] for n in store.export()["nodes"]] == ["grondrecht:09"]


def test_export_shape(store):
    store.write(small_batch())
    doc = store.export()
    rel = next(r for r in doc["relationships"] if r["type"] == "INVOLVED_IN")
    assert rel == {"type": "INVOLVED_IN", "start": "org:netwerk-tegen-armoede",
                   "end": "action:vapa-2015-2019:05_02_06", "properties": {
                       "as_written": "het Netwerk tegen armoede", "key": "people_in_poverty", "line": 12,
                       "responsibility": "involved", "role": "people_in_poverty", "source": "fixture.txt"}}
    assert json.loads(json.dumps(doc)) == doc


def test_seed_load_twice_gives_same_graph(store, seed_load):
    store.write(seed_load.batch)
    first = store.export()
    store.write(seed_load.batch)
    assert store.export() == first
    assert first["nodes"], "the seed load produced no nodes"


def test_embedded_and_neo4j_exports_are_equal(neo4j_store, seed_load):
    memory = MemoryStore.open(None)
    memory.write(seed_load.batch)
    neo4j_store.replace(seed_load.batch)
    assert neo4j_store.export() == memory.export()


@pytest.mark.parametrize("query", ALL_QUERIES, ids=lambda q: q.name)
def test_every_query_answers_the_same_on_both_backends(query: Query, neo4j_store, seed_load, loaded_memory):
    from tests.query_cases import CASES, SAME_TOP_SET

    neo4j_store.replace(seed_load.batch)
    name = query.name
    cases = CASES.get(name)
    assert cases, f"query {name} has no contract case in tests/query_cases.py"
    for params in cases:
        if name in SAME_TOP_SET:
            ids = [{r["id"] for r in store.run(query, **params)} for store in (neo4j_store, loaded_memory)]
            assert ids[0] == ids[1], params
        else:
            assert neo4j_store.run(query, **params) == loaded_memory.run(query, **params), params
