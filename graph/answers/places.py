"""Local answers: platforms, one platform, coverage per province, the kaart's network JSON.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from typing import Any

from graph.answers.base import Answer, Number


class ProvinceCoverage(Answer):
    province: str | None = None
    region: str | None = None
    platforms: int | None = None
    projects: int | None = None
    huizen_van_het_kind: int | None = None
    local_teams: int | None = None


class KaartDataNode(Answer):
    id: str | None = None
    labels: list[str] | None = None
    properties: dict[str, Any] | None = None
    depth: int | None = None


class KaartDataEdgeVerdict(Answer):
    verdict: str | None = None
    author: str | None = None
    note: str | None = None
    at: str | None = None


class KaartDataEdge(Answer):
    type: str | None = None
    start: str | None = None
    end: str | None = None
    properties: dict[str, Any] | None = None
    verdict: KaartDataEdgeVerdict | None = None


class KaartDataHub(Answer):
    id: str | None = None
    name: str | None = None
    depth: int | None = None
    hidden: int | None = None


class KaartData(Answer):
    center: str | None = None
    depth: int | None = None
    nodes: list[KaartDataNode] | None = None
    edges: list[KaartDataEdge] | None = None
    capped: bool | None = None
    message: str | None = None
    grondrecht: str | None = None
    hubs: list[KaartDataHub] | None = None


class PlatformListItem(Answer):
    id: str | None = None
    name: str | None = None
    municipality: str | None = None
    province: str | None = None
    region: str | None = None
    size_group: str | None = None
    lead: str | None = None
    status: str | None = None
    target_group: str | None = None


class PlatformList(Answer):
    total: int | None = None
    items: list[PlatformListItem] | None = None


class PlatformDetailEvidenceFlemishSubsidy(Answer):
    confidence: str | None = None
    line: int | None = None
    method: str | None = None


class PlatformDetailEvidenceName(Answer):
    confidence: str | None = None
    line: int | None = None
    method: str | None = None


class PlatformDetailEvidenceStaffHired(Answer):
    confidence: str | None = None
    line: int | None = None
    method: str | None = None


class PlatformDetailEvidenceTargetGroup(Answer):
    confidence: str | None = None
    line: int | None = None
    method: str | None = None


class PlatformDetailEvidence(Answer):
    flemish_subsidy: PlatformDetailEvidenceFlemishSubsidy | None = None
    name: PlatformDetailEvidenceName | None = None
    staff_hired: PlatformDetailEvidenceStaffHired | None = None
    target_group: PlatformDetailEvidenceTargetGroup | None = None


class PlatformDetailLeadOrganisation(Answer):
    id: str | None = None
    name: str | None = None
    labels: list[str] | None = None
    as_written: str | None = None
    source: str | None = None
    line: int | None = None
    note: str | None = None


class PlatformDetailPartner(Answer):
    id: str | None = None
    name: str | None = None
    labels: list[str] | None = None
    as_written: str | None = None
    source: str | None = None
    line: int | None = None
    note: str | None = None


class PlatformDetailRelationship(Answer):
    type: str | None = None
    outgoing: bool | None = None
    properties: dict[str, Any] | None = None  # any property the schema declares
    id: str | None = None
    name: str | None = None
    labels: list[str] | None = None


class PlatformDetail(Answer):
    id: str | None = None
    embedding: list[Number] | None = None
    flemish_subsidy: bool | None = None
    kind: str | None = None
    lead: str | None = None
    line: int | None = None
    municipality: str | None = None
    name: str | None = None
    province: str | None = None
    region: str | None = None
    roles: list[str] | None = None
    roles_evidence: list[int] | None = None
    search_text: str | None = None
    section: str | None = None
    size_group: str | None = None
    source: str | None = None
    staff_hired: bool | None = None
    status: str | None = None
    target_group: str | None = None
    task_activities: list[str] | None = None
    tasks: list[str] | None = None
    tasks_evidence: list[int] | None = None
    evidence: PlatformDetailEvidence | None = None
    lead_organisations: list[PlatformDetailLeadOrganisation] | None = None
    partners: list[PlatformDetailPartner] | None = None
    relationships: list[PlatformDetailRelationship] | None = None
