"""Answers across plans: continuity between two plans, the timeline.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from pydantic import Field

from graph.answers.base import Answer, Number
from graph.answers.common import Contribution, NodeRef, Provenance, SourcedRef


class ActionRef(Answer):
    id: str | None = None
    code: str | None = None
    title: str | None = None
    source: str | None = None
    line: int | None = None


class ContinuityActionContinueEarlier(ActionRef):
    grondrechten: list[str] | None = None


class ContinuityActionContinueEvidenceText(Contribution):
    shared_terms: list[str] | None = None


class ContinuityActionContinueEvidenceActors(Contribution):
    shared: list[str] | None = None


class ContinuityActionContinueEvidenceLineageRelation(Answer):
    from_: str | None = Field(None, alias="from")
    type: str | None = None
    to: str | None = None
    source: str | None = None
    line: int | None = None


class ContinuityActionContinueEvidenceLineage(Contribution):
    relations: list[ContinuityActionContinueEvidenceLineageRelation] | None = None


class ContinuityActionContinueEvidence(Answer):
    text: ContinuityActionContinueEvidenceText | None = None
    actors: ContinuityActionContinueEvidenceActors | None = None
    lineage: ContinuityActionContinueEvidenceLineage | None = None
    grondrecht: list[str] | None = None
    lines: list[Provenance] | None = None


class ContinuityActionContinue(Answer):
    earlier: ContinuityActionContinueEarlier | None = None
    score: Number | None = None
    evidence: ContinuityActionContinueEvidence | None = None


class ContinuityActionNewVapaFlag(Provenance):
    note: str | None = None


class ContinuityAction(ActionRef):
    plan: str | None = None
    continues: list[ContinuityActionContinue] | None = None
    new_vapa_flag: ContinuityActionNewVapaFlag | None = None


class ContinuityEarlierActionLivesOnItem(ActionRef):
    score: Number | None = None


class ContinuityEarlierAction(ContinuityActionContinueEarlier):
    lives_on: list[ContinuityEarlierActionLivesOnItem] | None = None


class ContinuitySummary(Answer):
    later_actions: int | None = None
    continuing: int | None = None
    earlier_actions: int | None = None
    living_on: int | None = None
    new_vapa_flags: int | None = None


class Continuity(Answer):
    earlier: list[str] | None = None
    later: list[str] | None = None
    min_score: Number | None = None
    weights: dict[str, Number] | None = None
    actions: list[ContinuityAction] | None = None
    earlier_actions: list[ContinuityEarlierAction] | None = None
    summary: ContinuitySummary | None = None


class TimelineFilters(Answer):
    plan: str | None = None
    actor: str | None = None
    grondrecht: str | None = None


class TimelinePlanPeriod(Answer):
    text: str | None = None
    start: int | None = None
    end: int | None = None


class TimelinePlanActionMilestone(Answer):
    when: str | None = None
    year: int | None = None
    text: str | None = None
    line: int | None = None


class TimelinePlanMilestone(TimelinePlanActionMilestone):
    moved_to: str | None = None


class TimelinePlanAction(SourcedRef):
    actors: list[str] | None = None
    grondrechten: list[str] | None = None
    milestones: list[TimelinePlanActionMilestone] | None = None


class TimelinePlan(NodeRef):
    period: TimelinePlanPeriod | None = None
    milestones: list[TimelinePlanMilestone] | None = None
    source: str | None = None
    line: int | None = None
    actions: list[TimelinePlanAction] | None = None


class TimelineEvent(Answer):
    year: int | None = None
    when: str | None = None
    plan: str | None = None
    code: str | None = None
    text: str | None = None
    source: str | None = None
    line: int | None = None


class Timeline(Answer):
    filters: TimelineFilters | None = None
    plans: list[TimelinePlan] | None = None
    events: list[TimelineEvent] | None = None
    total_events: int | None = None
