"""The missing-links answer: per kind its items (each with a key, a status and its evidence) and totals.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from graph.answers.base import Answer, Number
from graph.answers.common import CodeName, NodeRef, Provenance


class GapVerdict(Answer):
    """The coordinator's triage of a gap in force (POST /verdicts with kind gap)."""

    status: str | None = None
    author: str | None = None
    note: str | None = None
    at: str | None = None


class MissingLinksScopeNode(Answer):
    id: str | None = None
    label: str | None = None
    name: str | None = None
    municipality: str | None = None
    province: str | None = None


class MissingLinksScope(Answer):
    q: str | None = None
    nodes: list[MissingLinksScopeNode] | None = None


class GapItem(Answer):
    """The fields every kind's item starts with; a kind declares its subject and adds the rest in its own order."""

    kind: str | None = None
    key: str | None = None
    subject: NodeRef | None = None
    missing: list[str] | None = None


class UnfilledCategory(Answer):
    for_: str | None = Field(None, alias="for")
    actor_categories: list[str] | None = None
    why: str | None = None


class PartnerCategoryGap(GapItem):
    score: Number | None = None
    suggested: list[Any] | None = None
    unfilled: list[UnfilledCategory] | None = None
    why: str | None = None
    evidence: list[Provenance] | None = None
    status: str | None = None
    verdict: GapVerdict | None = None


class HvhkGap(GapItem):
    suggested: list[Any] | None = None
    score: Number | None = None
    why: str | None = None
    evidence: list[Provenance] | None = None
    status: str | None = None
    verdict: GapVerdict | None = None


class CodedSubject(NodeRef):
    code: str | None = None


class PovertyInvolvementGap(GapItem):
    subject: CodedSubject | None = None
    score: Number | None = None
    why: str | None = None
    evidence: list[Provenance] | None = None
    status: str | None = None
    verdict: GapVerdict | None = None


class PairSubject(Answer):
    a: NodeRef | None = None
    b: NodeRef | None = None


class PartnershipEvidence(Answer):
    id: str | None = None
    source: str | None = None
    line: int | None = None
    actor: str | None = None
    grondrecht: str | None = None


class PartnershipGap(GapItem):
    subject: PairSubject | None = None
    score: Number | None = None
    why: str | None = None
    common_neighbours: list[CodeName] | None = None
    evidence: list[PartnershipEvidence] | None = None
    status: str | None = None
    verdict: GapVerdict | None = None


class ThinGrondrechtGap(GapItem):
    subject: CodeName | None = None
    score: Number | None = None
    counts: dict[str, int] | None = None
    why: str | None = None
    status: str | None = None
    verdict: GapVerdict | None = None


class ProvinceSubject(Answer):
    province: str | None = None
    region: str | None = None


class ThinProvinceGap(ThinGrondrechtGap):  # the same fields, about a province
    subject: ProvinceSubject | None = None


class MissingLinksKinds(Answer):
    platform_partner_categories: list[PartnerCategoryGap] | None = None
    platform_hvhk: list[HvhkGap] | None = None
    poverty_involvement: list[PovertyInvolvementGap] | None = None
    partnerships: list[PartnershipGap] | None = None
    thin_grondrechten: list[ThinGrondrechtGap] | None = None
    thin_provinces: list[ThinProvinceGap] | None = None


class MissingLinks(Answer):
    scope: MissingLinksScope | None = None
    kinds: MissingLinksKinds | None = None
    totals: dict[str, int] | None = None
