"""The search_terms query: BM25 over stored `terms`, identical on the networkx and Neo4j backends."""

from __future__ import annotations

import math

import pytest

from graph.model import GraphBatch
from graph.text import analyze

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
