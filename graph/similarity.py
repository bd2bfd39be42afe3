"""Overlap scoring: which initiatives (actions, projects) duplicate or strongly overlap each other,
with an itemised explanation of every score. Pure: documents in, scored pairs out.

score = 0.75 * text         tf-idf cosine of the analysed terms (graph/text.py)
      + 0.15 * actors       Jaccard of the actor ids, ubiquitous actors left out
      + 0.05 * grondrecht   1 when both target the same grondrecht
      + 0.05 * groups       Jaccard of the target groups named (data/target_groups_nl.yaml)

Text dominates on purpose: shared actors and the same grondrecht corroborate an overlap but do not
make one (the VDAB's many fiches on werkzoekenden share actors and grondrecht while being distinct
instruments); with more weight on them the top 20 on the VAPA plan fills with such pairs. (The
weights were chosen on tests/fixtures/eval_overlap.yaml: 0.60/0.20/0.10/0.10 put 3 labelled-distinct
pairs in the top 20, these 2; text alone 1, but it drops the corroborating evidence.)

`reasons` holds each part's contribution (they add up to the score) with its evidence: the shared
terms that weigh most, the shared actor ids, the grondrecht, the shared groups. Two documents with
the same text fingerprint are exact duplicates: score 1.0, `exact_duplicate` True.

Not quadratic. Candidate pairs come from an inverted index of the *informative* terms only (document
frequency at most `df_cap` of the corpus, and at least 2): every document accumulates partial dot
products with the documents it shares such terms with, and keeps its `candidates` best. Only those
pairs get the full score. With P postings of informative terms and c = max df kept, candidate search
costs O(P * c) and scoring O(n * candidates * L) for L distinct terms per document, against n^2 / 2
pairs for the naive scan. Overlaps that share no informative term at all (actors alone) are not
looked for: they are not duplicate initiatives.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from graph.text import fold, raw_words, stem

WEIGHTS = {"text": 0.75, "actors": 0.15, "grondrecht": 0.05, "target_groups": 0.05}
DECIMALS = 6
SHARED_TERMS_SHOWN = 8
UBIQUITOUS_SHARE = 0.2  # an actor or group in more than this share of the documents tells nothing
MIN_DOCS_FOR_UBIQUITY = 20


@dataclass(frozen=True)
class OverlapDoc:
    id: str
    code: str | None
    terms: list[str]
    actors: set[str] = field(default_factory=set)
    grondrecht: str | None = None
    target_groups: set[str] = field(default_factory=set)
    text_fingerprint: str = ""


@dataclass(frozen=True)
class OverlapPair:
    a: str
    b: str
    score: float
    reasons: dict[str, Any]
    exact_duplicate: bool = False


def text_fingerprint(text: str | None) -> str:
    """Hash of the text with case, accents, punctuation and spacing normalised away ('' for none)."""
    norm = re.sub(r"[^a-z0-9]+", " ", fold(text or "")).strip()
    return hashlib.sha256(norm.encode()).hexdigest()[:16] if norm else ""


@lru_cache(maxsize=1)
def _group_stems() -> dict[str, str]:
    data = yaml.safe_load((Path(__file__).resolve().parent / "data" / "target_groups_nl.yaml").read_text("utf-8"))
    return {stem(t): group for group, words in data.items() for word in words for t in raw_words(word) if len(t) > 1}


def target_groups(terms: Iterable[str]) -> set[str]:
    """The target groups whose words occur among analysed `terms`."""
    stems = _group_stems()
    return {stems[t] for t in terms if t in stems}


class TermWeights:
    """Smoothed idf over a corpus and the L2-normalised, sublinear tf-idf vector of a term list."""

    def __init__(self, term_lists: Iterable[list[str]]):
        df: Counter[str] = Counter()
        n = 0
        for terms in term_lists:
            df.update(set(terms))
            n += 1
        self.n, self.df = n, df

    def idf(self, term: str) -> float:
        return math.log((1 + self.n) / (1 + self.df.get(term, 0))) + 1.0

    def vector(self, terms: list[str]) -> dict[str, float]:
        raw = {t: (1.0 + math.log(tf)) * self.idf(t) for t, tf in Counter(terms).items()}
        norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
        return {t: w / norm for t, w in raw.items()}


def _jaccard(a: set[str], b: set[str]) -> tuple[float, list[str]]:
    union = a | b
    shared = sorted(a & b)
    return (len(shared) / len(union) if union else 0.0), shared


def _common(docs: list[OverlapDoc], attr: str) -> set[str]:
    """Values of a set attribute carried by more than UBIQUITOUS_SHARE of the documents."""
    counts = Counter(v for d in docs for v in getattr(d, attr))
    if len(docs) < MIN_DOCS_FOR_UBIQUITY:  # in a handful of documents a share says nothing
        return set()
    return {v for v, c in counts.items() if c > UBIQUITOUS_SHARE * len(docs)}


def score_pair(a: OverlapDoc, b: OverlapDoc, va: dict[str, float], vb: dict[str, float],
               ignore_actors: set[str] = frozenset(), ignore_groups: set[str] = frozenset()) -> tuple[float, dict]:
    """The score of one pair and its itemised reasons (contributions add up to the score)."""
    shared_terms = sorted((t for t in va.keys() & vb.keys()), key=lambda t: (-va[t] * vb[t], t))
    cosine = sum(va[t] * vb[t] for t in shared_terms)
    actor_j, actors = _jaccard(a.actors - ignore_actors, b.actors - ignore_actors)
    group_j, groups = _jaccard(a.target_groups - ignore_groups, b.target_groups - ignore_groups)
    same_right = a.grondrecht is not None and a.grondrecht == b.grondrecht
    parts = {
        "text": (cosine, {"cosine": round(cosine, DECIMALS), "shared_terms": shared_terms[:SHARED_TERMS_SHOWN]}),
        "actors": (actor_j, {"jaccard": round(actor_j, DECIMALS), "shared": actors}),
        "grondrecht": (1.0 if same_right else 0.0, {"value": a.grondrecht if same_right else None}),
        "target_groups": (group_j, {"jaccard": round(group_j, DECIMALS), "shared": groups}),
    }
    reasons = {name: {"contribution": round(WEIGHTS[name] * value, DECIMALS), **evidence}
               for name, (value, evidence) in parts.items()}
    return round(sum(r["contribution"] for r in reasons.values()), DECIMALS), reasons


def exact_duplicate_pairs(docs: list[OverlapDoc]) -> list[OverlapPair]:
    """Every pair of documents that share a (non-empty) text fingerprint."""
    groups: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        if d.text_fingerprint:
            groups[d.text_fingerprint].append(d.id)
    pairs = []
    for fp, ids in groups.items():
        ids = sorted(set(ids))
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                reasons = {"exact_duplicate": {"contribution": 1.0, "fingerprint": fp}}
                pairs.append(OverlapPair(a, b, 1.0, reasons, exact_duplicate=True))
    return pairs


def candidate_pairs(vectors: list[dict[str, float]], df: Counter, *, df_cap: float = 0.05,
                    candidates: int = 20, stats: dict | None = None) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth scoring: per document its `candidates` best partners by the partial
    dot product over informative terms (2 <= df <= max(2, df_cap * n))."""
    cap = max(2, int(df_cap * len(vectors)))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for t in vec:
            if 2 <= df[t] <= cap:
                postings[t].append(i)
    visited = 0
    pairs: set[tuple[int, int]] = set()
    for i, vec in enumerate(vectors):
        acc: dict[int, float] = defaultdict(float)
        for t, w in vec.items():
            for j in postings.get(t, ()):
                if j != i:
                    acc[j] += w * vectors[j][t]
            visited += len(postings.get(t, ()))
        best = heapq.nlargest(candidates, acc.items(), key=lambda kv: (kv[1], -kv[0]))
        pairs.update((min(i, j), max(i, j)) for j, _ in best)
    if stats is not None:
        stats.update(postings_visited=visited, df_cap=cap, candidate_pairs=len(pairs))
    return pairs


def overlap_pairs(docs: list[OverlapDoc], *, min_score: float, top_k: int = 10,
                  df_cap: float = 0.05, candidates: int = 20, stats: dict | None = None) -> list[OverlapPair]:
    """Overlapping pairs (a < b by id) with score >= min_score, each document keeping at most its
    `top_k` best partners; exact duplicates first (score 1.0), then by score, then by ids."""
    docs = sorted(docs, key=lambda d: d.id)
    weights = TermWeights(d.terms for d in docs)
    vectors = [weights.vector(d.terms) for d in docs]
    ignore_actors, ignore_groups = _common(docs, "actors"), _common(docs, "target_groups")
    exact = exact_duplicate_pairs(docs)
    exact_ids = {(p.a, p.b) for p in exact}
    scored: list[OverlapPair] = []
    pairs = candidate_pairs(vectors, weights.df, df_cap=df_cap, candidates=candidates, stats=stats)
    for i, j in sorted(pairs):
        if (docs[i].id, docs[j].id) in exact_ids:
            continue
        score, reasons = score_pair(docs[i], docs[j], vectors[i], vectors[j], ignore_actors, ignore_groups)
        if score >= min_score:
            scored.append(OverlapPair(docs[i].id, docs[j].id, score, reasons))
    if stats is not None:
        stats.update(comparisons=len(pairs), documents=len(docs), ignored_actors=sorted(ignore_actors))
    return exact + _keep_top_k(scored, top_k)


def _keep_top_k(pairs: list[OverlapPair], top_k: int) -> list[OverlapPair]:
    """A pair stays when it is among the top_k of either of its documents."""
    order = sorted(pairs, key=lambda p: (-p.score, p.a, p.b))
    taken: Counter[str] = Counter()
    kept = []
    for p in order:
        if taken[p.a] < top_k or taken[p.b] < top_k:
            kept.append(p)
        taken[p.a] += 1
        taken[p.b] += 1
    return kept
