"""The missing-links answer: per kind its items (each with a key, a status and its evidence) and totals.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from graph.answers.base import Answer, Number


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


class MissingLinksKindsPlatformPartnerCategorieSubject(Answer):
    id: str | None = None
    name: str | None = None


class MissingLinksKindsPlatformPartnerCategorieUnfilledItem(Answer):
    for_: str | None = Field(None, alias="for")
    actor_categories: list[str] | None = None
    why: str | None = None


class MissingLinksKindsPlatformPartnerCategorieEvidenceItem(Answer):
    source: str | None = None
    line: int | None = None


class MissingLinksKindsPlatformPartnerCategorie(Answer):
    kind: str | None = None
    key: str | None = None
    subject: MissingLinksKindsPlatformPartnerCategorieSubject | None = None
    missing: list[str] | None = None
    score: Number | None = None
    suggested: list[Any] | None = None
    unfilled: list[MissingLinksKindsPlatformPartnerCategorieUnfilledItem] | None = None
    why: str | None = None
    evidence: list[MissingLinksKindsPlatformPartnerCategorieEvidenceItem] | None = None
    status: str | None = None
    verdict: GapVerdict | None = None


class MissingLinksKindsPlatformHvhkItemSubject(Answer):
    id: str | None = None
    name: str | None = None


class MissingLinksKindsPlatformHvhkItemEvidenceItem(Answer):
    source: str | None = None
    line: int | None = None


class MissingLinksKindsPlatformHvhkItem(Answer):
    kind: str | None = None
    key: str | None = None
    subject: MissingLinksKindsPlatformHvhkItemSubject | None = None
    missing: list[str] | None = None
    suggested: list[Any] | None = None
    score: Number | None = None
    why: str | None = None
    evidence: list[MissingLinksKindsPlatformHvhkItemEvidenceItem] | None = None
    status: str | None = None
    verdict: GapVerdict | None = None


class MissingLinksKindsPovertyInvolvementItemSubject(Answer):
    id: str | None = None
    name: str | None = None
    code: str | None = None


class MissingLinksKindsPovertyInvolvementItemEvidenceItem(Answer):
    source: str | None = None
    line: int | None = None


class MissingLinksKindsPovertyInvolvementItem(Answer):
    kind: str | None = None
    key: str | None = None
    subject: MissingLinksKindsPovertyInvolvementItemSubject | None = None
    missing: list[str] | None = None
    score: Number | None = None
    why: str | None = None
    evidence: list[MissingLinksKindsPovertyInvolvementItemEvidenceItem] | None = None
    status: str | None = None
    verdict: GapVerdict | None = None


class MissingLinksKindsPartnershipSubjectA(Answer):
    id: str | None = None
    name: str | None = None


class MissingLinksKindsPartnershipSubjectB(Answer):
    id: str | None = None
    name: str | None = None


class MissingLinksKindsPartnershipSubject(Answer):
    a: MissingLinksKindsPartnershipSubjectA | None = None
    b: MissingLinksKindsPartnershipSubjectB | None = None


class MissingLinksKindsPartnershipCommonNeighbour(Answer):
    code: str | None = None
    name: str | None = None


class MissingLinksKindsPartnershipEvidenceItem(Answer):
    id: str | None = None
    source: str | None = None
    line: int | None = None
    actor: str | None = None
    grondrecht: str | None = None


class MissingLinksKindsPartnershipVerdict(Answer):
    status: str | None = None
    author: str | None = None
    note: str | None = None
    at: str | None = None


class MissingLinksKindsPartnership(Answer):
    kind: str | None = None
    key: str | None = None
    subject: MissingLinksKindsPartnershipSubject | None = None
    missing: list[str] | None = None
    score: Number | None = None
    why: str | None = None
    common_neighbours: list[MissingLinksKindsPartnershipCommonNeighbour] | None = None
    evidence: list[MissingLinksKindsPartnershipEvidenceItem] | None = None
    status: str | None = None
    verdict: MissingLinksKindsPartnershipVerdict | None = None


class MissingLinksKindsThinGrondrechtenItemSubject(Answer):
    code: str | None = None
    name: str | None = None


class MissingLinksKindsThinGrondrechtenItem(Answer):
    kind: str | None = None
    key: str | None = None
    subject: MissingLinksKindsThinGrondrechtenItemSubject | None = None
    missing: list[str] | None = None
    score: Number | None = None
    counts: dict[str, int] | None = None
    why: str | None = None
    status: str | None = None
    verdict: GapVerdict | None = None


class MissingLinksKindsThinProvinceSubject(Answer):
    province: str | None = None
    region: str | None = None


class MissingLinksKindsThinProvince(Answer):
    kind: str | None = None
    key: str | None = None
    subject: MissingLinksKindsThinProvinceSubject | None = None
    missing: list[str] | None = None
    score: Number | None = None
    counts: dict[str, int] | None = None
    why: str | None = None
    status: str | None = None
    verdict: GapVerdict | None = None


class MissingLinksKinds(Answer):
    platform_partner_categories: list[MissingLinksKindsPlatformPartnerCategorie] | None = None
    platform_hvhk: list[MissingLinksKindsPlatformHvhkItem] | None = None
    poverty_involvement: list[MissingLinksKindsPovertyInvolvementItem] | None = None
    partnerships: list[MissingLinksKindsPartnership] | None = None
    thin_grondrechten: list[MissingLinksKindsThinGrondrechtenItem] | None = None
    thin_provinces: list[MissingLinksKindsThinProvince] | None = None


class MissingLinks(Answer):
    scope: MissingLinksScope | None = None
    kinds: MissingLinksKinds | None = None
    totals: dict[str, int] | None = None
