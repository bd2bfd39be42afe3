"""Search and overlap answers: hybrid search hits, similar actions, overlapping pairs, the overlap check.

Every field may be absent (it is then left out of the JSON) or null.
"""

from __future__ import annotations

from typing import Any

from graph.answers.base import Answer, Number


class SimilarActionsAction(Answer):
    id: str | None = None
    code: str | None = None
    plan: str | None = None
    title: str | None = None


class SimilarActionsSimilarItemPassage(Answer):
    id: str | None = None
    text: str | None = None
    line: int | None = None
    similarity: Number | None = None


class SimilarActionsSimilarItemRanks(Answer):
    lexical: int | None = None
    semantic: int | None = None


class SimilarActionsSimilarItem(Answer):
    id: str | None = None
    type: str | None = None
    labels: list[str] | None = None
    name: str | None = None
    code: str | None = None
    source: str | None = None
    line: int | None = None
    score: Number | None = None
    matched: list[str] | None = None
    passage: SimilarActionsSimilarItemPassage | None = None
    ranks: SimilarActionsSimilarItemRanks | None = None


class SimilarActions(Answer):
    action: SimilarActionsAction | None = None
    similar: list[SimilarActionsSimilarItem] | None = None


class OverlapAnswerPairA(Answer):
    id: str | None = None
    code: str | None = None
    name: str | None = None


class OverlapAnswerPairB(Answer):
    id: str | None = None
    code: str | None = None
    name: str | None = None


class OverlapAnswerPairReasonsExactDuplicate(Answer):
    contribution: Number | None = None
    fingerprint: str | None = None


class OverlapAnswerPairReasonsActors(Answer):
    contribution: Number | None = None
    jaccard: Number | None = None
    shared: list[str] | None = None


class OverlapAnswerPairReasonsGrondrecht(Answer):
    contribution: Number | None = None
    value: str | None = None


class OverlapAnswerPairReasonsTargetGroups(Answer):
    contribution: Number | None = None
    jaccard: Number | None = None
    shared: list[str] | None = None


class OverlapAnswerPairReasonsText(Answer):
    contribution: Number | None = None
    cosine: Number | None = None
    shared_terms: list[str] | None = None


class OverlapAnswerPairReasons(Answer):
    exact_duplicate: OverlapAnswerPairReasonsExactDuplicate | None = None
    actors: OverlapAnswerPairReasonsActors | None = None
    grondrecht: OverlapAnswerPairReasonsGrondrecht | None = None
    target_groups: OverlapAnswerPairReasonsTargetGroups | None = None
    text: OverlapAnswerPairReasonsText | None = None


class OverlapAnswerPairVerdict(Answer):
    verdict: str | None = None
    author: str | None = None
    note: str | None = None
    at: str | None = None


class OverlapAnswerPair(Answer):
    a: OverlapAnswerPairA | None = None
    b: OverlapAnswerPairB | None = None
    score: Number | None = None
    exact_duplicate: bool | None = None
    kind: str | None = None
    reasons: OverlapAnswerPairReasons | None = None
    source: str | None = None
    line: int | None = None
    verdict: OverlapAnswerPairVerdict | None = None


class OverlapAnswerRepeatedFicheA(Answer):
    id: str | None = None
    code: str | None = None
    line: int | None = None


class OverlapAnswerRepeatedFicheB(Answer):
    id: str | None = None
    code: str | None = None
    line: int | None = None


class OverlapAnswerRepeatedFicheReasonsExactDuplicate(Answer):
    contribution: Number | None = None
    note: str | None = None


class OverlapAnswerRepeatedFicheReasons(Answer):
    exact_duplicate: OverlapAnswerRepeatedFicheReasonsExactDuplicate | None = None


class OverlapAnswerRepeatedFiche(Answer):
    a: OverlapAnswerRepeatedFicheA | None = None
    b: OverlapAnswerRepeatedFicheB | None = None
    score: Number | None = None
    exact_duplicate: bool | None = None
    kind: str | None = None
    source: str | None = None
    reasons: OverlapAnswerRepeatedFicheReasons | None = None


class OverlapAnswer(Answer):
    pairs: list[OverlapAnswerPair] | None = None
    repeated_fiches: list[OverlapAnswerRepeatedFiche] | None = None


class SearchAnswerResultPassage(Answer):
    id: str | None = None
    text: str | None = None
    line: int | None = None
    similarity: Number | None = None


class SearchAnswerResultRanks(Answer):
    lexical: int | None = None
    semantic: int | None = None


class SearchAnswerResult(Answer):
    id: str | None = None
    type: str | None = None
    labels: list[str] | None = None
    name: str | None = None
    code: str | None = None
    source: str | None = None
    line: int | None = None
    score: Number | None = None
    matched: list[str] | None = None
    passage: SearchAnswerResultPassage | None = None
    ranks: SearchAnswerResultRanks | None = None


class SearchAnswerTimingMs(Answer):
    query_embedding: Number | None = None
    retrieval: Number | None = None


class SearchAnswer(Answer):
    q: str | None = None
    terms: list[str] | None = None
    results: list[SearchAnswerResult] | None = None
    timing_ms: SearchAnswerTimingMs | None = None


class OverlapCheckMatchePassage(Answer):
    id: str | None = None
    text: str | None = None
    line: int | None = None
    similarity: Number | None = None


class OverlapCheckMatcheRanks(Answer):
    lexical: int | None = None
    semantic: int | None = None


class OverlapCheckMatche(Answer):
    id: str | None = None
    type: str | None = None
    labels: list[str] | None = None
    name: str | None = None
    code: str | None = None
    source: str | None = None
    line: int | None = None
    score: Number | None = None
    matched: list[str] | None = None
    passage: OverlapCheckMatchePassage | None = None
    ranks: OverlapCheckMatcheRanks | None = None
    level: str | None = None
    exact_duplicate: bool | None = None
    shared_actors: list[Any] | None = None
    same_grondrecht: bool | None = None


class OverlapCheckTimingMs(Answer):
    query_embedding: Number | None = None


class OverlapCheckScale(Answer):
    sterk: Number | None = None
    mogelijk: Number | None = None
    zwak: Number | None = None


class OverlapCheck(Answer):
    actors: list[Any] | None = None
    matches: list[OverlapCheckMatche] | None = None
    timing_ms: OverlapCheckTimingMs | None = None
    scale: OverlapCheckScale | None = None
