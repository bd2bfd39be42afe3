"""Search and overlap answers: hybrid search hits, similar actions, overlapping pairs, the overlap check.

Fields that are not always present default to None and are left out of the JSON when absent.
"""

from __future__ import annotations

from typing import Any

from graph.answers.base import Answer, Number


class SimilarActionsAction(Answer):
    id: str = None
    code: str = None
    plan: str = None
    title: str = None


class SimilarActionsSimilarItemPassage(Answer):
    id: str = None
    text: str = None
    line: int = None
    similarity: Number = None


class SimilarActionsSimilarItemRanks(Answer):
    lexical: int = None
    semantic: int = None


class SimilarActionsSimilarItem(Answer):
    id: str = None
    type: str = None
    labels: list[str] = None
    name: str = None
    code: str | None = None
    source: str = None
    line: int = None
    score: Number = None
    matched: list[str] = None
    passage: SimilarActionsSimilarItemPassage = None
    ranks: SimilarActionsSimilarItemRanks = None


class SimilarActions(Answer):
    action: SimilarActionsAction = None
    similar: list[SimilarActionsSimilarItem] = None


class OverlapAnswerPairA(Answer):
    id: str = None
    code: str | None = None
    name: str = None


class OverlapAnswerPairB(Answer):
    id: str = None
    code: str | None = None
    name: str = None


class OverlapAnswerPairReasonsExactDuplicate(Answer):
    contribution: Number = None
    fingerprint: str = None


class OverlapAnswerPairReasonsActors(Answer):
    contribution: Number = None
    jaccard: Number = None
    shared: list[str] = None


class OverlapAnswerPairReasonsGrondrecht(Answer):
    contribution: Number = None
    value: str | None = None


class OverlapAnswerPairReasonsTargetGroups(Answer):
    contribution: Number = None
    jaccard: Number = None
    shared: list[str] = None


class OverlapAnswerPairReasonsText(Answer):
    contribution: Number = None
    cosine: Number = None
    shared_terms: list[str] = None


class OverlapAnswerPairReasons(Answer):
    exact_duplicate: OverlapAnswerPairReasonsExactDuplicate = None
    actors: OverlapAnswerPairReasonsActors = None
    grondrecht: OverlapAnswerPairReasonsGrondrecht = None
    target_groups: OverlapAnswerPairReasonsTargetGroups = None
    text: OverlapAnswerPairReasonsText = None


class OverlapAnswerPairVerdict(Answer):
    verdict: str = None
    author: str = None
    note: str = None
    at: str = None


class OverlapAnswerPair(Answer):
    a: OverlapAnswerPairA = None
    b: OverlapAnswerPairB = None
    score: Number = None
    exact_duplicate: bool = None
    kind: str = None
    reasons: OverlapAnswerPairReasons = None
    source: str = None
    line: int = None
    verdict: OverlapAnswerPairVerdict | None = None


class OverlapAnswerRepeatedFicheA(Answer):
    id: str = None
    code: str = None
    line: int = None


class OverlapAnswerRepeatedFicheB(Answer):
    id: str = None
    code: str = None
    line: int = None


class OverlapAnswerRepeatedFicheReasonsExactDuplicate(Answer):
    contribution: Number = None
    note: str = None


class OverlapAnswerRepeatedFicheReasons(Answer):
    exact_duplicate: OverlapAnswerRepeatedFicheReasonsExactDuplicate = None


class OverlapAnswerRepeatedFiche(Answer):
    a: OverlapAnswerRepeatedFicheA = None
    b: OverlapAnswerRepeatedFicheB = None
    score: Number = None
    exact_duplicate: bool = None
    kind: str = None
    source: str = None
    reasons: OverlapAnswerRepeatedFicheReasons = None


class OverlapAnswer(Answer):
    pairs: list[OverlapAnswerPair] = None
    repeated_fiches: list[OverlapAnswerRepeatedFiche] = None


class SearchAnswerResultPassage(Answer):
    id: str = None
    text: str = None
    line: int = None
    similarity: Number = None


class SearchAnswerResultRanks(Answer):
    lexical: int | None = None
    semantic: int | None = None


class SearchAnswerResult(Answer):
    id: str = None
    type: str = None
    labels: list[str] = None
    name: str = None
    code: str | None = None
    source: str = None
    line: int = None
    score: Number = None
    matched: list[str] = None
    passage: SearchAnswerResultPassage | None = None
    ranks: SearchAnswerResultRanks = None


class SearchAnswerTimingMs(Answer):
    query_embedding: Number = None
    retrieval: Number = None


class SearchAnswer(Answer):
    q: str = None
    terms: list[str] = None
    results: list[SearchAnswerResult] = None
    timing_ms: SearchAnswerTimingMs = None


class OverlapCheckMatchePassage(Answer):
    id: str = None
    text: str = None
    line: int = None
    similarity: Number = None


class OverlapCheckMatcheRanks(Answer):
    lexical: int = None
    semantic: int = None


class OverlapCheckMatche(Answer):
    id: str = None
    type: str = None
    labels: list[str] = None
    name: str = None
    code: str | None = None
    source: str = None
    line: int = None
    score: Number = None
    matched: list[str] = None
    passage: OverlapCheckMatchePassage = None
    ranks: OverlapCheckMatcheRanks = None
    level: str = None
    exact_duplicate: bool = None
    shared_actors: list[Any] = None
    same_grondrecht: bool = None


class OverlapCheckTimingMs(Answer):
    query_embedding: Number = None


class OverlapCheckScale(Answer):
    sterk: Number = None
    mogelijk: Number = None
    zwak: Number = None


class OverlapCheck(Answer):
    actors: list[Any] = None
    matches: list[OverlapCheckMatche] = None
    timing_ms: OverlapCheckTimingMs = None
    scale: OverlapCheckScale = None
