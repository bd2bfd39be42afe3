"""The search_terms query: BM25 over stored `terms`, identical on the networkx and Neo4j backends."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from rank_bm25 import BM25Okapi

from graph.memory_store import MemoryStore
from graph.model import GraphBatch
from graph.text import analyze, document_terms
from loaders.vapa import read_vapa

ROOT = Path(__file__).resolve().parent.parent

F = "fixture.txt"
DOCS = {  # code -> text; analysed with the real analyzer, stored as `terms`
    "03_01_01": "Huurwaarborg: een renteloze lening voor de huurwaarborg van kwetsbare huurders.",
    "08_02_02": "Huurpremie en huursubsidie voor huurders op de wachtlijst voor een sociale woning.",
    "06_03_01": "Vrijetijdsparticipatie van kinderen in armoede via het Fonds Vrijetijdsparticipatie.",
    "05_04_02": "Maximumfactuur en schoolkosten in het basisonderwijs; kinderen in armoede.",
    "05_04_03": "Maximumfactuur en schoolkosten in het basisonderwijs; kinderen in armoede.",  # a tie
}


def fixture_batch() -> GraphBatch:
    batch = GraphBatch()
    batch.add_node("Grondrecht", "08", source=F, line=1, code="08", name="wonen")  # no terms: never ranked
    for i, (code, text) in enumerate(DOCS.items()):
        batch.add_node("Action", ("VAPA 2015-2019", code), source=F, line=10 + i, code=code,
                       plan="VAPA 2015-2019", title=text, name=text[:30], terms=analyze(text))
    batch.add_node("Project", "Huurwaarborgfonds Gent", source=F, line=40, name="Huurwaarborgfonds Gent",
                   terms=analyze("Huurwaarborgfonds: de stad Gent schiet de huurwaarborg voor."))
    return batch


def expected(terms: list[str], labels: set[str], limit: int) -> list[tuple[str, float, list[str]]]:
    """BM25 written out independently of graph/queries/search.py."""
    batch = fixture_batch()
    docs = {n.id: n.properties["terms"] for n in batch.nodes.values()
            if "terms" in n.properties and (not labels or labels & set(n.labels))}
    n, avgdl = len(docs), sum(map(len, docs.values())) / len(docs)
    qterms = list(dict.fromkeys(terms))
    out = []
    for nid, dterms in docs.items():
        score, matched = 0.0, []
        for t in qterms:
            tf = dterms.count(t)
            if tf:
                df = sum(t in d for d in docs.values())
                idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
                score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len(dterms) / avgdl))
                matched.append(t)
        if matched:
            out.append((nid, round(score, 6), matched))
    return sorted(out, key=lambda r: (-r[1], r[0]))[:limit]


@pytest.mark.parametrize("text,labels,limit", [
    ("huurwaarborg", [], 10),
    ("huurwaarborg", ["Action"], 10),
    ("kinderen in armoede schoolkosten", ["Action", "Project"], 3),
    ("vrijetijdsparticipatie kinderen", [], 1),
])
def test_bm25_rows_are_the_formula_on_both_backends(store, text, labels, limit):
    store.write(fixture_batch())
    terms = analyze(text)
    rows = store.run("search_terms", terms=terms, labels=labels, limit=limit)
    assert [(r["id"], r["score"], r["matched"]) for r in rows] == expected(terms, set(labels), limit)
    assert rows and all(set(r) == {"id", "labels", "name", "code", "score", "matched"} for r in rows)


def test_compound_query_finds_the_parts_and_ties_break_by_id(store):
    store.write(fixture_batch())
    rows = store.run("search_terms", terms=analyze("schoolkosten"), labels=["Action"], limit=5)
    assert [r["code"] for r in rows[:2]] == ["05_04_02", "05_04_03"]  # same text, same score: by id
    assert rows[0]["score"] == rows[1]["score"] > 0
    huur = store.run("search_terms", terms=analyze("huurwaarborg"), labels=[], limit=5)
    assert huur[0]["labels"] in (["Action"], ["Project"])
    assert {r["id"] for r in huur} >= {"action:vapa-2015-2019:03_01_01", "project:huurwaarborgfonds-gent"}
    assert "action:vapa-2015-2019:08_02_02" in {r["id"] for r in huur}  # shares the part 'huur'


def test_no_terms_no_match_and_zero_limit_give_nothing(store):
    store.write(fixture_batch())
    assert store.run("search_terms", terms=[], labels=[], limit=5) == []
    assert store.run("search_terms", terms=["zzz-nothing"], labels=[], limit=5) == []
    assert store.run("search_terms", terms=analyze("huurwaarborg"), labels=["Grondrecht"], limit=5) == []
    assert store.run("search_terms", terms=analyze("huurwaarborg"), labels=[], limit=0) == []



@lru_cache(maxsize=1)
def vapa_props() -> tuple[dict, ...]:
    """The 201 actions of source 004 as node properties (the fields their terms are made of)."""
    actions = read_vapa(next((ROOT / "data" / "sources").glob("004_*.txt"))).actions
    return tuple({"code": a.code, "title": a.title and a.title.text, "summary": a.summary and a.summary.text,
                  "evaluation_indicator": a.evaluation_indicator and a.evaluation_indicator.text}
                 for a in actions)


@lru_cache(maxsize=1)
def vapa_batch() -> GraphBatch:
    """Built once; the stores only read it."""
    batch = GraphBatch()
    for p in vapa_props():
        batch.add_node("Action", ("VAPA 2015-2019", p["code"]), source=F, line=1, code=p["code"],
                       plan="VAPA 2015-2019", name=p["title"], terms=document_terms(p))
    return batch


def eval_queries() -> list[dict]:
    return yaml.safe_load((ROOT / "tests" / "fixtures" / "eval_queries.yaml").read_text("utf-8"))["queries"]


def test_both_backends_rank_the_vapa_plan_identically(store):
    """Real-size agreement: every evaluation query, top 10, on 201 actions."""
    store.write(vapa_batch())
    reference = MemoryStore.open(None)
    reference.write(vapa_batch())
    for q in eval_queries():
        terms = analyze(q["query"])
        rows = store.run("search_terms", terms=terms, labels=["Action"], limit=10)
        assert rows == reference.run("search_terms", terms=terms, labels=["Action"], limit=10), q["query"]
        assert rows, q["query"]


def test_recall_at_5_on_the_vapa_plan_beats_plain_bm25():
    """The evaluation queries (tests/fixtures/eval_queries.yaml, built by reading source 004):
    recall@5 >= 0.9 and at least 15 points above BM25 on lowercase whitespace tokens."""
    props = vapa_props()
    store = MemoryStore.open(None)
    store.write(vapa_batch())
    baseline = BM25Okapi([" ".join(filter(None, [p["code"], p["title"], p["title"], p["summary"],
                                                 p["evaluation_indicator"]])).lower().split() for p in props])
    queries = eval_queries()
    assert len(queries) >= 30
    mine, theirs = [], []
    for q in queries:
        rows = store.run("search_terms", terms=analyze(q["query"]), labels=["Action"], limit=5)
        scores = baseline.get_scores(q["query"].lower().split())
        top = sorted(range(len(props)), key=lambda i: (-scores[i], props[i]["code"]))[:5]
        base = [props[i]["code"] for i in top if scores[i] > 0]
        denominator = min(5, len(q["relevant"]))
        mine.append(len({r["code"] for r in rows} & set(q["relevant"])) / denominator)
        theirs.append(len(set(base) & set(q["relevant"])) / denominator)
    recall, base_recall = sum(mine) / len(mine), sum(theirs) / len(theirs)
    assert recall >= 0.9, recall
    assert recall - base_recall >= 0.15, (recall, base_recall)
