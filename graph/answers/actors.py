"""Actors' answers: search hits, one actor, its network, grondrechten shared between actors, the matrix.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from graph.answers.actions import GrondrechtCount
from graph.answers.base import Answer
from graph.answers.common import CodedRef, CodeName, SourcedRef, GraphEdge, GraphNode, LabelledRef, NodeRef, Relationship


class ActorHit(LabelledRef):
    rank: int | None = None
    matched: list[str] | None = None


class ActorDetailLineageLink(NodeRef):
    """A predecessor or a successor of the actor."""

    date: str | None = None
    reference: str | None = None
    confidence: str | None = None
    via: str | None = None
    source: str | None = None
    line: int | None = None


class ActorDetailLineage(Answer):
    predecessors: list[ActorDetailLineageLink] | None = None
    successors: list[ActorDetailLineageLink] | None = None


class ActorDetailInitiative(NodeRef):
    type: str | None = None
    role: str | None = None
    through: str | None = None
    through_name: str | None = None
    note: str | None = None


class ActorDetail(LabelledRef):
    kind: str | None = None
    names: list[str] | None = None
    sources: list[str] | None = None
    properties: dict[str, Any] | None = None  # any property the schema declares
    relationships: list[Relationship] | None = None
    lineage: ActorDetailLineage | None = None
    initiatives: list[ActorDetailInitiative] | None = None
    covers: list[str] | None = None
    message: str | None = None


class Network(Answer):
    center: str | None = None
    depth: int | None = None
    nodes: list[GraphNode] | None = None
    edges: list[GraphEdge] | None = None
    capped: bool | None = None
    message: str | None = None


class SharedFromGrondrechtenItemOtherViaItem(SourcedRef):
    together: bool | None = None


class SharedFromGrondrechtenItemOther(LabelledRef):
    via: list[SharedFromGrondrechtenItemOtherViaItem] | None = None
    together: int | None = None


class SharedFromGrondrechtenItem(Answer):
    others: list[SharedFromGrondrechtenItemOther] | None = None
    code: str | None = None
    name: str | None = None
    own: list[str] | None = None
    total_others: int | None = None


class SharedFrom(Answer):
    actor: NodeRef | None = None
    grondrecht: str | None = None
    grondrechten: list[SharedFromGrondrechtenItem] | None = None
    total: int | None = None


class GrondrechtActorsActor(LabelledRef):
    via: list[CodedRef] | None = None


class GrondrechtActors(Answer):
    grondrecht: GrondrechtCount | None = None
    total: int | None = Field(None, description="actors working on the grondrecht in all")
    limit: int | None = None
    offset: int | None = None
    actors: list[GrondrechtActorsActor] | None = None


class ActorGrondrechtMatrixRow(NodeRef):
    counts: dict[str, int] | None = None


class ActorGrondrechtMatrix(Answer):
    grondrechten: list[str] | None = None
    total: int | None = Field(None, description="actors in the whole matrix")
    limit: int | None = None
    offset: int | None = None
    rows: list[ActorGrondrechtMatrixRow] | None = None


class SharedGrondrechtSharedItem(CodeName):
    via: dict[str, Any] | None = None


class SharedGrondrecht(Answer):
    actors: list[NodeRef] | None = None
    shared: list[SharedGrondrechtSharedItem] | None = None
    partly_shared: dict[str, Any] | None = None
