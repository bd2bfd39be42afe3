"""The action plan's answers: a page of actions, one action, grondrechten and ministers with their counts.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from graph.answers.base import Answer, Number
from graph.answers.common import CodeName, SourcedRef, LabelledRef, NodeRef


class ActionPageItem(Answer):
    id: str | None = None
    code: str | None = None
    title: str | None = None
    plan: str | None = None
    grondrecht: CodeName | None = None
    minister: NodeRef | None = None


class ActionPage(Answer):
    total: int | None = None
    limit: int | None = None
    offset: int | None = None
    items: list[ActionPageItem] | None = None


class ActionDetailMinisterEvidenceResponsibleCabinet(Answer):
    as_written: str | None = None
    line: int | None = None
    minister_number: str | None = None


class ActionDetailMinisterEvidence(Answer):
    decided_by: str | None = None
    code_segment: str | None = None
    responsible_cabinets: list[ActionDetailMinisterEvidenceResponsibleCabinet] | None = None


class ActionDetailMinister(NodeRef):
    evidence: ActionDetailMinisterEvidence | None = None


class ActionDetailBudget(Answer):
    text: str | None = None
    amounts_eur: list[Number] | None = None


class ActionDetailMilestone(Answer):
    year: str | None = None
    text: str | None = None
    line: int | None = None
    marker: str | None = None


class ActionDetailPeopleInPoverty(Answer):
    text: str | None = None
    kind: str | None = None


class ActionDetailActor(LabelledRef):
    role: str | None = None
    responsibility: str | None = None
    as_written: str | None = None
    source: str | None = None
    line: int | None = None


class ActionDetailRefersToItem(Answer):
    code: str | None = None
    id: str | None = None
    note: str | None = None
    line: int | None = None


class ActionDetail(ActionPageItem):
    minister: ActionDetailMinister | None = None
    budget: ActionDetailBudget | None = None
    evaluation_indicator: str | None = None
    summary: str | None = None
    milestones: list[ActionDetailMilestone] | None = None
    people_in_poverty: ActionDetailPeopleInPoverty | None = None
    actors: list[ActionDetailActor] | None = None
    refers_to: list[ActionDetailRefersToItem] | None = None
    replaced_by: str | None = None
    duplicate_lines: list[int] | None = None
    source: str | None = None
    line: int | None = None


class GrondrechtCount(SourcedRef):
    actions: int | None = None


class MinisterCount(Answer):
    id: str | None = None
    number: str | None = None
    name: str | None = None
    title: str | None = None
    source: str | None = None
    line: int | None = None
    actions: int | None = None
