"""Health, schema, one node, and the coordinator's verdicts.

Fields that are not always present default to None and are left out of the JSON when absent.
"""

from __future__ import annotations

from typing import Any

from graph.answers.base import Answer


class Health(Answer):
    status: str = None
    backend: str = None
    reachable: bool = None
    version: str = None
    counts: dict[str, Any] = None


class NewSince(Answer):
    since: str = None
    loads: list[Any] = None
    total: int = None
    gaps: list[Any] = None
    overlap: list[Any] = None


class NodeAnswer(Answer):
    id: str = None
    labels: list[str] = None
    properties: dict[str, Any] = None


class SchemaAnswer(Answer):
    version: int = None
    provenance: list[str] = None
    labels: dict[str, Any] = None
    common_properties: dict[str, str] = None
    accumulating: list[str] = None
    relationships: dict[str, Any] = None
    indexes: dict[str, Any] = None
    common_relationship_properties: dict[str, str] = None


class VerdictListingVerdict(Answer):
    kind: str = None
    a: str = None
    b: str = None
    verdict: str = None
    author: str = None
    note: str = None
    at: str = None
    uid: str = None
    key: str = None
    attached: bool = None
    detached_because: Any = None


class VerdictListing(Answer):
    total: int = None
    verdicts: list[VerdictListingVerdict] = None
    detached: list[Any] = None
    history_total: int = None


class VerdictGiven(Answer):
    kind: str = None
    a: str = None
    b: str = None
    verdict: str = None
    author: str = None
    note: str = None
    at: str = None
    uid: str = None
    key: str = None


class VerdictImport(Answer):
    read: int = None
    added: int = None
    already_known: int = None
