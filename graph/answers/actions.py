"""The action plan's answers: a page of actions, one action, grondrechten and ministers with their counts.

Fields that are not always present default to None and are left out of the JSON when absent.
"""

from __future__ import annotations

from graph.answers.base import Answer, Number


class ActionPageItemGrondrecht(Answer):
    code: str = None
    name: str = None


class ActionPageItemMinister(Answer):
    id: str = None
    name: str = None


class ActionPageItem(Answer):
    id: str = None
    code: str = None
    title: str = None
    plan: str = None
    grondrecht: ActionPageItemGrondrecht | None = None
    minister: ActionPageItemMinister | None = None


class ActionPage(Answer):
    total: int = None
    limit: int = None
    offset: int = None
    items: list[ActionPageItem] = None


class ActionDetailGrondrecht(Answer):
    code: str = None
    name: str = None


class ActionDetailMinisterEvidenceResponsibleCabinet(Answer):
    as_written: str = None
    line: int = None
    minister_number: str = None


class ActionDetailMinisterEvidence(Answer):
    decided_by: str = None
    code_segment: str = None
    responsible_cabinets: list[ActionDetailMinisterEvidenceResponsibleCabinet] = None


class ActionDetailMinister(Answer):
    id: str = None
    name: str = None
    evidence: ActionDetailMinisterEvidence = None


class ActionDetailBudget(Answer):
    text: str | None = None
    amounts_eur: list[Number] = None


class ActionDetailMilestone(Answer):
    year: str = None
    text: str = None
    line: int = None
    marker: str = None


class ActionDetailPeopleInPoverty(Answer):
    text: str | None = None
    kind: str = None


class ActionDetailActor(Answer):
    id: str = None
    name: str = None
    labels: list[str] = None
    role: str = None
    responsibility: str = None
    as_written: str = None
    source: str = None
    line: int = None


class ActionDetailRefersToItem(Answer):
    code: str = None
    id: str = None
    note: str = None
    line: int = None


class ActionDetail(Answer):
    id: str = None
    code: str = None
    title: str = None
    plan: str = None
    grondrecht: ActionDetailGrondrecht = None
    minister: ActionDetailMinister = None
    budget: ActionDetailBudget = None
    evaluation_indicator: str | None = None
    summary: str = None
    milestones: list[ActionDetailMilestone] = None
    people_in_poverty: ActionDetailPeopleInPoverty = None
    actors: list[ActionDetailActor] = None
    refers_to: list[ActionDetailRefersToItem] = None
    replaced_by: str | None = None
    duplicate_lines: list[int] = None
    source: str = None
    line: int = None


class GrondrechtCount(Answer):
    id: str = None
    code: str = None
    name: str = None
    source: str = None
    line: int = None
    actions: int = None


class MinisterCount(Answer):
    id: str = None
    number: str = None
    name: str = None
    title: str = None
    source: str = None
    line: int = None
    actions: int = None
