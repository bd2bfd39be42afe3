"""The missing-links answer: per kind its items (each with a key, a status and its evidence) and totals.

Fields that are not always present default to None and are left out of the JSON when absent.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from graph.answers.base import Answer, Number


class MissingLinksScopeNode(Answer):
    id: str = None
    label: str = None
    name: str = None
    municipality: str | None = None
    province: str = None


class MissingLinksScope(Answer):
    q: str = None
    nodes: list[MissingLinksScopeNode] = None


class MissingLinksKindsPlatformPartnerCategorieSubject(Answer):
    id: str = None
    name: str = None


class MissingLinksKindsPlatformPartnerCategorieUnfilledItem(Answer):
    for_: str = Field(None, alias="for")
    actor_categories: list[str] = None
    why: str = None


class MissingLinksKindsPlatformPartnerCategorieEvidenceItem(Answer):
    source: str = None
    line: int = None


class MissingLinksKindsPlatformPartnerCategorie(Answer):
    kind: str = None
    key: str = None
    subject: MissingLinksKindsPlatformPartnerCategorieSubject = None
    missing: list[str] = None
    score: Number = None
    suggested: list[Any] = None
    unfilled: list[MissingLinksKindsPlatformPartnerCategorieUnfilledItem] = None
    why: str = None
    evidence: list[MissingLinksKindsPlatformPartnerCategorieEvidenceItem] = None
    status: str = None
    verdict: Any = None


class MissingLinksKindsPlatformHvhkItemSubject(Answer):
    id: str = None
    name: str = None


class MissingLinksKindsPlatformHvhkItemEvidenceItem(Answer):
    source: str = None
    line: int = None


class MissingLinksKindsPlatformHvhkItem(Answer):
    kind: str = None
    key: str = None
    subject: MissingLinksKindsPlatformHvhkItemSubject = None
    missing: list[str] = None
    suggested: list[Any] = None
    score: Number = None
    why: str = None
    evidence: list[MissingLinksKindsPlatformHvhkItemEvidenceItem] = None
    status: str = None
    verdict: Any = None


class MissingLinksKindsPovertyInvolvementItemSubject(Answer):
    id: str = None
    name: str = None
    code: str = None


class MissingLinksKindsPovertyInvolvementItemEvidenceItem(Answer):
    source: str = None
    line: int = None


class MissingLinksKindsPovertyInvolvementItem(Answer):
    kind: str = None
    key: str = None
    subject: MissingLinksKindsPovertyInvolvementItemSubject = None
    missing: list[str] = None
    score: Number = None
    why: str = None
    evidence: list[MissingLinksKindsPovertyInvolvementItemEvidenceItem] = None
    status: str = None
    verdict: Any = None


class MissingLinksKindsPartnershipSubjectA(Answer):
    id: str = None
    name: str = None


class MissingLinksKindsPartnershipSubjectB(Answer):
    id: str = None
    name: str = None


class MissingLinksKindsPartnershipSubject(Answer):
    a: MissingLinksKindsPartnershipSubjectA = None
    b: MissingLinksKindsPartnershipSubjectB = None


class MissingLinksKindsPartnershipCommonNeighbour(Answer):
    code: str = None
    name: str = None


class MissingLinksKindsPartnershipEvidenceItem(Answer):
    id: str = None
    source: str = None
    line: int = None
    actor: str = None
    grondrecht: str = None


class MissingLinksKindsPartnershipVerdict(Answer):
    status: str = None
    author: str = None
    note: str = None
    at: str = None


class MissingLinksKindsPartnership(Answer):
    kind: str = None
    key: str = None
    subject: MissingLinksKindsPartnershipSubject = None
    missing: list[str] = None
    score: Number = None
    why: str = None
    common_neighbours: list[MissingLinksKindsPartnershipCommonNeighbour] = None
    evidence: list[MissingLinksKindsPartnershipEvidenceItem] = None
    status: str = None
    verdict: MissingLinksKindsPartnershipVerdict | None = None


class MissingLinksKindsThinGrondrechtenItemSubject(Answer):
    code: str = None
    name: str = None


class MissingLinksKindsThinGrondrechtenItem(Answer):
    kind: str = None
    key: str = None
    subject: MissingLinksKindsThinGrondrechtenItemSubject = None
    missing: list[str] = None
    score: Number = None
    counts: dict[str, int] = None
    why: str = None
    status: str = None
    verdict: Any = None


class MissingLinksKindsThinProvinceSubject(Answer):
    province: str = None
    region: str = None


class MissingLinksKindsThinProvince(Answer):
    kind: str = None
    key: str = None
    subject: MissingLinksKindsThinProvinceSubject = None
    missing: list[str] = None
    score: Number = None
    counts: dict[str, int] = None
    why: str = None
    status: str = None
    verdict: Any = None


class MissingLinksKinds(Answer):
    platform_partner_categories: list[MissingLinksKindsPlatformPartnerCategorie] = None
    platform_hvhk: list[MissingLinksKindsPlatformHvhkItem] = None
    poverty_involvement: list[MissingLinksKindsPovertyInvolvementItem] = None
    partnerships: list[MissingLinksKindsPartnership] = None
    thin_grondrechten: list[MissingLinksKindsThinGrondrechtenItem] = None
    thin_provinces: list[MissingLinksKindsThinProvince] = None


class MissingLinks(Answer):
    scope: MissingLinksScope | None = None
    kinds: MissingLinksKinds = None
    totals: dict[str, int] = None
