"""Export formats of the whole graph beyond the JSON document every store returns."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx


def to_graphml(doc: dict[str, list[dict[str, Any]]]) -> str:
    """GraphML of an export document. GraphML holds only scalars, so lists and the label set
    are written as JSON strings (`labels` as a JSON list)."""
    graph = nx.MultiDiGraph()
    for node in doc["nodes"]:
        graph.add_node(node["id"], labels=json.dumps(node["labels"]), **_scalars(node["properties"]))
    for rel in doc["relationships"]:
        props = _scalars(rel["properties"])
        props["rel_key"] = props.pop("key", "")
        graph.add_edge(rel["start"], rel["end"], type=rel["type"], **props)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _scalars(props: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in props.items()}
