"""Answers across plans: continuity between two plans, the timeline.

Fields that are not always present default to None and are left out of the JSON when absent.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from graph.answers.base import Answer, Number


class ContinuityActionContinueEarlier(Answer):
    id: str = None
    code: str = None
    title: str = None
    source: str = None
    line: int = None
    grondrechten: list[str] = None


class ContinuityActionContinueEvidenceText(Answer):
    contribution: Number = None
    shared_terms: list[str] = None


class ContinuityActionContinueEvidenceActors(Answer):
    contribution: Number = None
    shared: list[str] = None


class ContinuityActionContinueEvidenceLineageRelation(Answer):
    from_: str = Field(None, alias="from")
    type: str = None
    to: str = None
    source: str = None
    line: int = None


class ContinuityActionContinueEvidenceLineage(Answer):
    contribution: Number = None
    relations: list[ContinuityActionContinueEvidenceLineageRelation] = None


class ContinuityActionContinueEvidenceLine(Answer):
    source: str = None
    line: int = None


class ContinuityActionContinueEvidence(Answer):
    text: ContinuityActionContinueEvidenceText = None
    actors: ContinuityActionContinueEvidenceActors = None
    lineage: ContinuityActionContinueEvidenceLineage = None
    grondrecht: list[str] = None
    lines: list[ContinuityActionContinueEvidenceLine] = None


class ContinuityActionContinue(Answer):
    earlier: ContinuityActionContinueEarlier = None
    score: Number = None
    evidence: ContinuityActionContinueEvidence = None


class ContinuityActionNewVapaFlag(Answer):
    source: str = None
    line: int = None
    note: str = None


class ContinuityAction(Answer):
    id: str = None
    code: str = None
    title: str = None
    source: str = None
    line: int = None
    plan: str = None
    continues: list[ContinuityActionContinue] = None
    new_vapa_flag: ContinuityActionNewVapaFlag | None = None


class ContinuityEarlierActionLivesOnItem(Answer):
    id: str = None
    code: str = None
    title: str = None
    source: str = None
    line: int = None
    score: Number = None


class ContinuityEarlierAction(Answer):
    id: str = None
    code: str = None
    title: str = None
    source: str = None
    line: int = None
    grondrechten: list[str] = None
    lives_on: list[ContinuityEarlierActionLivesOnItem] = None


class ContinuitySummary(Answer):
    later_actions: int = None
    continuing: int = None
    earlier_actions: int = None
    living_on: int = None
    new_vapa_flags: int = None


class Continuity(Answer):
    earlier: list[str] = None
    later: list[str] = None
    min_score: Number = None
    weights: dict[str, Number] = None
    actions: list[ContinuityAction] = None
    earlier_actions: list[ContinuityEarlierAction] = None
    summary: ContinuitySummary = None


class TimelineFilters(Answer):
    plan: str | None = None
    actor: str | None = None
    grondrecht: Any = None


class TimelinePlanPeriod(Answer):
    text: str = None
    start: int = None
    end: int = None


class TimelinePlanMilestone(Answer):
    when: str = None
    year: int = None
    text: str = None
    line: int = None
    moved_to: str = None


class TimelinePlanActionMilestone(Answer):
    when: str = None
    year: int = None
    text: str = None
    line: int = None


class TimelinePlanAction(Answer):
    id: str = None
    code: str = None
    name: str = None
    source: str = None
    line: int = None
    actors: list[str] = None
    grondrechten: list[str] = None
    milestones: list[TimelinePlanActionMilestone] = None


class TimelinePlan(Answer):
    id: str = None
    name: str = None
    period: TimelinePlanPeriod | None = None
    milestones: list[TimelinePlanMilestone] = None
    source: str = None
    line: int = None
    actions: list[TimelinePlanAction] = None


class TimelineEvent(Answer):
    year: int = None
    when: str = None
    plan: str = None
    code: str | None = None
    text: str = None
    source: str = None
    line: int = None


class Timeline(Answer):
    filters: TimelineFilters = None
    plans: list[TimelinePlan] = None
    events: list[TimelineEvent] = None
    total_events: int = None
