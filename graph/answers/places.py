"""Local answers: platforms, one platform, coverage per province, the kaart's network JSON.

Fields that are not always present default to None and are left out of the JSON when absent.
"""

from __future__ import annotations

from typing import Any

from graph.answers.base import Answer, Number


class ProvinceCoverage(Answer):
    province: str = None
    region: str = None
    platforms: int = None
    projects: int = None
    huizen_van_het_kind: int = None
    local_teams: int = None


class KaartDataNode(Answer):
    id: str = None
    labels: list[str] = None
    properties: dict[str, Any] = None
    depth: int = None


class KaartDataEdgeVerdict(Answer):
    verdict: str = None
    author: str = None
    note: str = None
    at: str = None


class KaartDataEdge(Answer):
    type: str = None
    start: str = None
    end: str = None
    properties: dict[str, Any] = None
    verdict: KaartDataEdgeVerdict = None


class KaartDataHub(Answer):
    id: str = None
    name: str = None
    depth: int = None
    hidden: int = None


class KaartData(Answer):
    center: str = None
    depth: int = None
    nodes: list[KaartDataNode] = None
    edges: list[KaartDataEdge] = None
    capped: bool = None
    message: Any = None
    grondrecht: str | None = None
    hubs: list[KaartDataHub] = None


class PlatformListItem(Answer):
    id: str = None
    name: str = None
    municipality: str = None
    province: str = None
    region: str = None
    size_group: str = None
    lead: str = None
    status: str = None
    target_group: str | None = None


class PlatformList(Answer):
    total: int = None
    items: list[PlatformListItem] = None


class PlatformDetailEvidenceFlemishSubsidy(Answer):
    confidence: str = None
    line: int = None
    method: str = None


class PlatformDetailEvidenceName(Answer):
    confidence: str = None
    line: int = None
    method: str = None


class PlatformDetailEvidenceStaffHired(Answer):
    confidence: str = None
    line: int = None
    method: str = None


class PlatformDetailEvidenceTargetGroup(Answer):
    confidence: str = None
    line: int = None
    method: str = None


class PlatformDetailEvidence(Answer):
    flemish_subsidy: PlatformDetailEvidenceFlemishSubsidy = None
    name: PlatformDetailEvidenceName = None
    staff_hired: PlatformDetailEvidenceStaffHired = None
    target_group: PlatformDetailEvidenceTargetGroup = None


class PlatformDetailLeadOrganisation(Answer):
    id: str = None
    name: str = None
    labels: list[str] = None
    as_written: str = None
    source: str = None
    line: int = None
    note: Any = None


class PlatformDetailPartner(Answer):
    id: str = None
    name: str = None
    labels: list[str] = None
    as_written: str = None
    source: str = None
    line: int = None
    note: str = None


class PlatformDetailRelationship(Answer):
    type: str = None
    outgoing: bool = None
    properties: dict[str, int | str] = None
    id: str = None
    name: str = None
    labels: list[str] = None


class PlatformDetail(Answer):
    id: str = None
    embedding: list[Number] = None
    flemish_subsidy: bool = None
    kind: str = None
    lead: str = None
    line: int = None
    municipality: str = None
    name: str = None
    province: str = None
    region: str = None
    roles: list[str] = None
    roles_evidence: list[int] = None
    search_text: str = None
    section: str = None
    size_group: str = None
    source: str = None
    staff_hired: bool = None
    status: str = None
    target_group: str = None
    task_activities: list[str] = None
    tasks: list[str] = None
    tasks_evidence: list[int] = None
    evidence: PlatformDetailEvidence = None
    lead_organisations: list[PlatformDetailLeadOrganisation] = None
    partners: list[PlatformDetailPartner] = None
    relationships: list[PlatformDetailRelationship] = None
