"""The small shapes that many answers hold: a reference to a node, where a fact was read, a graph's
nodes and edges, a coordinator's verdict. An answer model uses or extends them; an extension's own
fields come after the ones it inherits, as in the answers' JSON.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from typing import Any

from graph.answers.base import Answer, Number


class Provenance(Answer):
    source: str | None = None
    line: int | None = None


class NodeRef(Answer):
    id: str | None = None
    name: str | None = None


class LabelledRef(NodeRef):
    labels: list[str] | None = None


class CodeName(Answer):
    code: str | None = None
    name: str | None = None


class CodedRef(Answer):
    id: str | None = None
    code: str | None = None
    name: str | None = None


class SourcedRef(CodedRef):
    """A coded node (a grondrecht, an action) and where it is defined."""

    source: str | None = None
    line: int | None = None


class Relationship(Answer):
    type: str | None = None
    outgoing: bool | None = None
    properties: dict[str, Any] | None = None  # any property the schema declares
    id: str | None = None
    name: str | None = None
    labels: list[str] | None = None


class Node(Answer):
    id: str | None = None
    labels: list[str] | None = None
    properties: dict[str, Any] | None = None  # any property the schema declares


class GraphNode(Node):
    depth: int | None = None


class GraphEdge(Answer):
    type: str | None = None
    start: str | None = None
    end: str | None = None
    properties: dict[str, Any] | None = None  # any property the schema declares


class PairVerdict(Answer):
    """The coordinator's verdict on a pair (an overlap or an edge)."""

    verdict: str | None = None
    author: str | None = None
    note: str | None = None
    at: str | None = None


class Contribution(Answer):
    contribution: Number | None = None
