"""Health, schema, one node, and the coordinator's verdicts.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from typing import Any

from graph.answers.base import Answer
from graph.answers.common import Node


class Health(Answer):
    status: str | None = None
    backend: str | None = None
    reachable: bool | None = None
    version: str | None = None
    counts: dict[str, Any] | None = None


class NewSince(Answer):
    since: str | None = None
    loads: list[Any] | None = None
    total: int | None = None
    gaps: list[Any] | None = None
    overlap: list[Any] | None = None


class NodeAnswer(Node):
    """One node by its id (GET /nodes/{id}); named for the route's OpenAPI schema."""


class SchemaAnswer(Answer):
    version: int | None = None
    provenance: list[str] | None = None
    labels: dict[str, Any] | None = None
    common_properties: dict[str, str] | None = None
    accumulating: list[str] | None = None
    relationships: dict[str, Any] | None = None
    indexes: dict[str, Any] | None = None
    common_relationship_properties: dict[str, str] | None = None


class VerdictGiven(Answer):
    kind: str | None = None
    a: str | None = None
    b: str | None = None
    verdict: str | None = None
    author: str | None = None
    note: str | None = None
    at: str | None = None
    uid: str | None = None
    key: str | None = None


class VerdictListingVerdict(VerdictGiven):
    attached: bool | None = None
    detached_because: str | None = None


class VerdictListing(Answer):
    total: int | None = None
    verdicts: list[VerdictListingVerdict] | None = None
    detached: list[Any] | None = None
    history_total: int | None = None


class VerdictImport(Answer):
    read: int | None = None
    added: int | None = None
    already_known: int | None = None
