"""Search and overlap answers: hybrid search hits, similar actions, overlapping pairs, the overlap check.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from typing import Any

from graph.answers.base import Answer, Number
from graph.answers.common import CodedRef, Contribution, PairVerdict


class SimilarActionsAction(Answer):
    id: str | None = None
    code: str | None = None
    plan: str | None = None
    title: str | None = None


class SearchHitPassage(Answer):
    id: str | None = None
    text: str | None = None
    line: int | None = None
    similarity: Number | None = None


class SearchHitRanks(Answer):
    lexical: int | None = None
    semantic: int | None = None


class SearchHit(Answer):
    """One hit of the hybrid search, as /search, /similar and the overlap check return it."""

    id: str | None = None
    type: str | None = None
    labels: list[str] | None = None
    name: str | None = None
    code: str | None = None
    source: str | None = None
    line: int | None = None
    score: Number | None = None
    matched: list[str] | None = None
    passage: SearchHitPassage | None = None
    ranks: SearchHitRanks | None = None


class SimilarActions(Answer):
    action: SimilarActionsAction | None = None
    similar: list[SearchHit] | None = None


class OverlapReasonsExactDuplicate(Contribution):
    fingerprint: str | None = None


class OverlapReasonsShared(Contribution):
    """The actors or the target groups two initiatives share."""

    jaccard: Number | None = None
    shared: list[str] | None = None


class OverlapReasonsGrondrecht(Contribution):
    value: str | None = None


class OverlapReasonsText(Contribution):
    cosine: Number | None = None
    shared_terms: list[str] | None = None


class OverlapReasons(Answer):
    exact_duplicate: OverlapReasonsExactDuplicate | None = None
    actors: OverlapReasonsShared | None = None
    grondrecht: OverlapReasonsGrondrecht | None = None
    target_groups: OverlapReasonsShared | None = None
    text: OverlapReasonsText | None = None


class OverlapAnswerPair(Answer):
    a: CodedRef | None = None
    b: CodedRef | None = None
    score: Number | None = None
    exact_duplicate: bool | None = None
    kind: str | None = None
    reasons: OverlapReasons | None = None
    source: str | None = None
    line: int | None = None
    verdict: PairVerdict | None = None


class RepeatedFicheSide(Answer):
    id: str | None = None
    code: str | None = None
    line: int | None = None


class RepeatedFicheExactDuplicate(Contribution):
    note: str | None = None


class RepeatedFicheReasons(Answer):
    exact_duplicate: RepeatedFicheExactDuplicate | None = None


class OverlapAnswerRepeatedFiche(Answer):
    a: RepeatedFicheSide | None = None
    b: RepeatedFicheSide | None = None
    score: Number | None = None
    exact_duplicate: bool | None = None
    kind: str | None = None
    source: str | None = None
    reasons: RepeatedFicheReasons | None = None


class OverlapAnswer(Answer):
    pairs: list[OverlapAnswerPair] | None = None
    repeated_fiches: list[OverlapAnswerRepeatedFiche] | None = None


class OverlapCheckTimingMs(Answer):
    query_embedding: Number | None = None


class SearchAnswerTimingMs(OverlapCheckTimingMs):
    retrieval: Number | None = None


class SearchAnswer(Answer):
    q: str | None = None
    terms: list[str] | None = None
    results: list[SearchHit] | None = None
    timing_ms: SearchAnswerTimingMs | None = None


class OverlapCheckMatch(SearchHit):
    level: str | None = None
    exact_duplicate: bool | None = None
    shared_actors: list[Any] | None = None
    same_grondrecht: bool | None = None


class OverlapCheckScale(Answer):
    sterk: Number | None = None
    mogelijk: Number | None = None
    zwak: Number | None = None


class OverlapCheck(Answer):
    actors: list[Any] | None = None
    matches: list[OverlapCheckMatch] | None = None
    timing_ms: OverlapCheckTimingMs | None = None
    scale: OverlapCheckScale | None = None
