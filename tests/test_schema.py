"""The schema is data, declared once; its docs and both stores follow it."""

from __future__ import annotations

from pathlib import Path

import pytest

from armoedegraaf.errors import SchemaError
from graph import cypher
from graph.model import GraphBatch, node_id, slugify
from graph.schema import load_schema
from graph.schema_docs import render_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_docs_are_generated_from_the_schema():
    assert (ROOT / "docs" / "schema.md").read_text() == render_markdown(load_schema()), \
        "docs/schema.md is stale: run `armoedegraaf schema > docs/schema.md`"


def test_stable_ids_from_key_values():
    assert node_id("Grondrecht", "05") == "grondrecht:05"
    assert node_id("Action", "VAPA 2015-2019", "05_02_06") == "action:vapa-2015-2019:05_02_06"
    assert node_id("Organisation", "Kind & Gezin") == node_id("Organisation", "kind en gezin") == "org:kind-en-gezin"
    assert slugify("Dēmos vzw") == "demos-vzw"


def test_actor_labels_carry_actor():
    batch = GraphBatch()
    nid = batch.add_node("Cabinet", "Kabinet Armoedebestrijding", source="f", line=1)
    assert "Actor" in batch.nodes[nid].labels


def test_unknown_property_is_refused():
    batch = GraphBatch()
    batch.add_node("Grondrecht", "01", source="f", line=1, code="01", colour="red")
    with pytest.raises(SchemaError, match="colour"):
        batch.validate()


def test_missing_provenance_is_refused():
    batch = GraphBatch()
    a = batch.add_node("Organisation", "VVSG", source="f", line=2)
    b = batch.add_node("Action", ("VAPA 2015-2019", "00_01_01"), source="f", line=3)
    batch.add_relationship("INVOLVED_IN", a, b, source="f", line=2, role="other")
    with pytest.raises(SchemaError, match="as_written"):
        batch.validate()


def test_wrong_property_type_is_refused():
    batch = GraphBatch()
    batch.add_node("LocalTeam", "Lokale teams Limburg", source="f", line=1, count="zes")
    with pytest.raises(SchemaError, match="count"):
        batch.validate()


def test_cypher_labels_come_only_from_the_schema():
    schema = load_schema()
    assert len(cypher.constraint_statements(schema)) == len(schema.concrete_labels)
    with pytest.raises(SchemaError):
        cypher.merge_nodes_statement(schema, ("Action`) DETACH DELETE (n",))
    with pytest.raises(SchemaError):
        cypher.merge_relationships_statement(schema, "TARGETS]->() DELETE r//", "Action", "Grondrecht")
