"""Actors' answers: search hits, one actor, its network, grondrechten shared between actors, the matrix.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from graph.answers.base import Answer


class ActorHit(Answer):
    id: str | None = None
    name: str | None = None
    labels: list[str] | None = None
    rank: int | None = None
    matched: list[str] | None = None


class ActorDetailRelationship(Answer):
    type: str | None = None
    outgoing: bool | None = None
    properties: dict[str, Any] | None = None  # any property the schema declares
    id: str | None = None
    name: str | None = None
    labels: list[str] | None = None


class ActorDetailLineagePredecessor(Answer):
    id: str | None = None
    name: str | None = None
    date: str | None = None
    reference: str | None = None
    confidence: str | None = None
    via: str | None = None
    source: str | None = None
    line: int | None = None


class ActorDetailLineageSuccessor(Answer):
    id: str | None = None
    name: str | None = None
    date: str | None = None
    reference: str | None = None
    confidence: str | None = None
    via: str | None = None
    source: str | None = None
    line: int | None = None


class ActorDetailLineage(Answer):
    predecessors: list[ActorDetailLineagePredecessor] | None = None
    successors: list[ActorDetailLineageSuccessor] | None = None


class ActorDetailInitiative(Answer):
    id: str | None = None
    name: str | None = None
    type: str | None = None
    role: str | None = None
    through: str | None = None
    through_name: str | None = None
    note: str | None = None


class ActorDetail(Answer):
    id: str | None = None
    name: str | None = None
    labels: list[str] | None = None
    kind: str | None = None
    names: list[str] | None = None
    sources: list[str] | None = None
    properties: dict[str, Any] | None = None  # any property the schema declares
    relationships: list[ActorDetailRelationship] | None = None
    lineage: ActorDetailLineage | None = None
    initiatives: list[ActorDetailInitiative] | None = None
    covers: list[str] | None = None
    message: str | None = None


class NetworkNode(Answer):
    id: str | None = None
    labels: list[str] | None = None
    properties: dict[str, Any] | None = None
    depth: int | None = None


class NetworkEdge(Answer):
    type: str | None = None
    start: str | None = None
    end: str | None = None
    properties: dict[str, Any] | None = None  # any property the schema declares


class Network(Answer):
    center: str | None = None
    depth: int | None = None
    nodes: list[NetworkNode] | None = None
    edges: list[NetworkEdge] | None = None
    capped: bool | None = None
    message: str | None = None


class SharedFromActor(Answer):
    id: str | None = None
    name: str | None = None


class SharedFromGrondrechtenItemOtherViaItem(Answer):
    id: str | None = None
    code: str | None = None
    name: str | None = None
    source: str | None = None
    line: int | None = None
    together: bool | None = None


class SharedFromGrondrechtenItemOther(Answer):
    id: str | None = None
    name: str | None = None
    labels: list[str] | None = None
    via: list[SharedFromGrondrechtenItemOtherViaItem] | None = None
    together: int | None = None


class SharedFromGrondrechtenItem(Answer):
    others: list[SharedFromGrondrechtenItemOther] | None = None
    code: str | None = None
    name: str | None = None
    own: list[str] | None = None
    total_others: int | None = None


class SharedFrom(Answer):
    actor: SharedFromActor | None = None
    grondrecht: str | None = None
    grondrechten: list[SharedFromGrondrechtenItem] | None = None
    total: int | None = None


class GrondrechtActorsGrondrecht(Answer):
    id: str | None = None
    code: str | None = None
    name: str | None = None
    source: str | None = None
    line: int | None = None
    actions: int | None = None


class GrondrechtActorsActorViaItem(Answer):
    id: str | None = None
    code: str | None = None
    name: str | None = None


class GrondrechtActorsActor(Answer):
    id: str | None = None
    name: str | None = None
    labels: list[str] | None = None
    via: list[GrondrechtActorsActorViaItem] | None = None


class GrondrechtActors(Answer):
    grondrecht: GrondrechtActorsGrondrecht | None = None
    total: int | None = Field(None, description="actors working on the grondrecht in all")
    limit: int | None = None
    offset: int | None = None
    actors: list[GrondrechtActorsActor] | None = None


class ActorGrondrechtMatrixRow(Answer):
    id: str | None = None
    name: str | None = None
    counts: dict[str, int] | None = None


class ActorGrondrechtMatrix(Answer):
    grondrechten: list[str] | None = None
    total: int | None = Field(None, description="actors in the whole matrix")
    limit: int | None = None
    offset: int | None = None
    rows: list[ActorGrondrechtMatrixRow] | None = None


class SharedGrondrechtActor(Answer):
    id: str | None = None
    name: str | None = None


class SharedGrondrechtSharedItem(Answer):
    code: str | None = None
    name: str | None = None
    via: dict[str, Any] | None = None


class SharedGrondrecht(Answer):
    actors: list[SharedGrondrechtActor] | None = None
    shared: list[SharedGrondrechtSharedItem] | None = None
    partly_shared: dict[str, Any] | None = None
