"""Local answers: platforms, one platform, coverage per province, the kaart's network JSON.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from graph.answers.actors import Network
from graph.answers.base import Answer, Number
from graph.answers.common import GraphEdge, LabelledRef, NodeRef, PairVerdict, Relationship


class ProvinceCoverage(Answer):
    province: str | None = None
    region: str | None = None
    platforms: int | None = None
    projects: int | None = None
    huizen_van_het_kind: int | None = None
    local_teams: int | None = None


class KaartDataEdge(GraphEdge):
    verdict: PairVerdict | None = None


class KaartDataHub(NodeRef):
    depth: int | None = None
    hidden: int | None = None


class KaartData(Network):
    """The network answer, with each edge's verdict, the grondrecht filter and the hubs."""

    edges: list[KaartDataEdge] | None = None
    grondrecht: str | None = None
    hubs: list[KaartDataHub] | None = None


class PlatformListItem(NodeRef):
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


class FactEvidence(Answer):
    confidence: str | None = None
    line: int | None = None
    method: str | None = None


class PlatformDetailEvidence(Answer):
    flemish_subsidy: FactEvidence | None = None
    name: FactEvidence | None = None
    staff_hired: FactEvidence | None = None
    target_group: FactEvidence | None = None


class CitedActor(LabelledRef):
    """A lead organisation or partner as the document names it: how it was written, and where."""

    as_written: str | None = None
    source: str | None = None
    line: int | None = None
    note: str | None = None


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
    lead_organisations: list[CitedActor] | None = None
    partners: list[CitedActor] | None = None
    relationships: list[Relationship] | None = None
