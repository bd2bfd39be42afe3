"""Actors' answers: search hits, one actor, its network, grondrechten shared between actors, the matrix.

Fields that are not always present default to None and are left out of the JSON when absent.
"""

from __future__ import annotations

from typing import Any

from graph.answers.base import Answer


class ActorHit(Answer):
    id: str = None
    name: str = None
    labels: list[str] = None
    rank: int = None
    matched: list[str] = None


class ActorDetailRelationship(Answer):
    type: str = None
    outgoing: bool = None
    properties: dict[str, int | str] = None
    id: str = None
    name: str = None
    labels: list[str] = None


class ActorDetailLineagePredecessor(Answer):
    id: str = None
    name: str = None
    date: str = None
    reference: str = None
    confidence: str = None
    via: str = None
    source: str = None
    line: int = None


class ActorDetailLineageSuccessor(Answer):
    id: str = None
    name: str = None
    date: str = None
    reference: str = None
    confidence: str = None
    via: str = None
    source: str = None
    line: int = None


class ActorDetailLineage(Answer):
    predecessors: list[ActorDetailLineagePredecessor] = None
    successors: list[ActorDetailLineageSuccessor] = None


class ActorDetailInitiative(Answer):
    id: str = None
    name: str = None
    type: str = None
    role: str | None = None
    through: str = None
    through_name: str = None
    note: str = None


class ActorDetail(Answer):
    id: str = None
    name: str = None
    labels: list[str] = None
    kind: str = None
    names: list[str] = None
    sources: list[str] = None
    properties: dict[str, int | str] = None
    relationships: list[ActorDetailRelationship] = None
    lineage: ActorDetailLineage = None
    initiatives: list[ActorDetailInitiative] = None
    covers: list[str] = None
    message: str = None


class NetworkNode(Answer):
    id: str = None
    labels: list[str] = None
    properties: dict[str, Any] = None
    depth: int = None


class NetworkEdge(Answer):
    type: str = None
    start: str = None
    end: str = None
    properties: dict[str, int | str] = None


class Network(Answer):
    center: str = None
    depth: int = None
    nodes: list[NetworkNode] = None
    edges: list[NetworkEdge] = None
    capped: bool = None
    message: str | None = None


class SharedFromActor(Answer):
    id: str = None
    name: str = None


class SharedFromGrondrechtenItemOtherViaItem(Answer):
    id: str = None
    code: str | None = None
    name: str = None
    source: str = None
    line: int = None
    together: bool = None


class SharedFromGrondrechtenItemOther(Answer):
    id: str = None
    name: str = None
    labels: list[str] = None
    via: list[SharedFromGrondrechtenItemOtherViaItem] = None
    together: int = None


class SharedFromGrondrechtenItem(Answer):
    others: list[SharedFromGrondrechtenItemOther] = None
    code: str = None
    name: str = None
    own: list[str] = None
    total_others: int = None


class SharedFrom(Answer):
    actor: SharedFromActor = None
    grondrecht: str = None
    grondrechten: list[SharedFromGrondrechtenItem] = None
    total: int = None


class GrondrechtActorsGrondrecht(Answer):
    id: str = None
    code: str = None
    name: str = None
    source: str = None
    line: int = None
    actions: int = None


class GrondrechtActorsActorViaItem(Answer):
    id: str = None
    code: str | None = None
    name: str = None


class GrondrechtActorsActor(Answer):
    id: str = None
    name: str = None
    labels: list[str] = None
    via: list[GrondrechtActorsActorViaItem] = None


class GrondrechtActors(Answer):
    grondrecht: GrondrechtActorsGrondrecht = None
    actors: list[GrondrechtActorsActor] = None


class ActorGrondrechtMatrixRow(Answer):
    id: str = None
    name: str = None
    counts: dict[str, int] = None


class ActorGrondrechtMatrix(Answer):
    grondrechten: list[str] = None
    rows: list[ActorGrondrechtMatrixRow] = None


class SharedGrondrechtActor(Answer):
    id: str = None
    name: str = None


class SharedGrondrechtSharedItem(Answer):
    code: str = None
    name: str = None
    via: dict[str, Any] = None


class SharedGrondrecht(Answer):
    actors: list[SharedGrondrechtActor] = None
    shared: list[SharedGrondrechtSharedItem] = None
    partly_shared: dict[str, Any] = None
