"""The export document every store returns (its canonical order), and the formats beyond it."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

from graph.schema import load_schema

# Excel runs a cell that starts with one of these as a formula (or a DDE command): '=cmd|...'.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A cell Excel would run as a formula, written as text: a leading "'" (how Excel itself marks
    text that looks like a formula). Every other value is unchanged. Every CSV or workbook the
    product writes (graph questions, the kaart, the sociale-kaart export) goes through it."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def sort_export(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Canonical export order, shared by both backends so that exports compare equal."""
    for node in nodes:
        node["labels"] = sorted(node["labels"])
        node["properties"] = dict(sorted(node["properties"].items()))
    for rel in rels:
        rel["properties"] = dict(sorted(rel["properties"].items()))
    nodes.sort(key=lambda n: n["id"])
    rels.sort(key=lambda r: (r["start"], r["type"], r["end"], r["properties"].get("key", "")))
    return {"nodes": nodes, "relationships": rels}


def to_graphml(doc: dict[str, list[dict[str, Any]]]) -> str:
    """GraphML of an export document. GraphML holds only scalars, so lists and the label set
    are written as JSON strings (`labels` as a JSON list). Every node also has `label` (its name:
    Gephi shows it as the node's label) and `type` (its one concrete label, to colour or filter
    by); every edge `label` and `type` (the relationship type)."""
    graph = nx.MultiDiGraph()
    concrete = set(load_schema().concrete_labels)
    for node in doc["nodes"]:
        props = _scalars(node["properties"])
        kind = next((lab for lab in node["labels"] if lab in concrete), node["labels"][0])
        graph.add_node(node["id"], labels=json.dumps(node["labels"]), **props,
                       label=str(props.get("name") or node["id"]), type=kind)
    for rel in doc["relationships"]:
        props = _scalars(rel["properties"])
        props["rel_key"] = props.pop("key", "")
        props.pop("label", None)
        graph.add_edge(rel["start"], rel["end"], **props, type=rel["type"], label=rel["type"])
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _scalars(props: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in props.items()}
