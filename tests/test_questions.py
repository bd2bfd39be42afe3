"""The coordinators' questions over HTTP: behaviour on the seeds, and the same answers on both backends."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from armoedegraaf.settings import Settings

QUESTIONS = [
    ("GET", "/search?q=kinderarmoedebestrijding&limit=10", None),
    ("GET", "/search?q=huurwaarborg&type=action", None),
    ("GET", "/search?q=Netwerk%20tegen%20Armoede&type=actor", None),
    ("GET", "/overlap?limit=30", None),
    ("GET", "/overlap?grondrecht=09&min_score=0.4", None),
    ("GET", "/actions/09_06_03/similar", None),
    ("POST", "/overlap/check", {"text": "Een huurwaarborgfonds voor gezinnen in armoede op de private huurmarkt",
                                "grondrecht": "08", "actors": ["org:vvsg"]}),
    ("GET", "/missing-links?limit=15", None),
    ("GET", "/grondrechten/05/actors", None),
    ("GET", "/shared-grondrecht?actors=org:netwerk-tegen-armoede,org:vvsg,org:caw", None),
    ("GET", "/matrix/actor-grondrecht", None),
    ("GET", "/actors/hvhk:huis-van-het-kind-oostende/network?depth=2", None),
    ("GET", "/actors/org:netwerk-tegen-armoede/network?depth=2&types=Action,Grondrecht&limit=50", None),
]


def _ask(client: TestClient, method: str, path: str, body):
    r = client.request(method, path, json=body)
    assert r.status_code == 200, (path, r.text)
    return r.json()


@pytest.fixture
def client(loaded_store, tmp_path):
    with TestClient(create_app(Settings(backend=loaded_store.backend, data_dir=tmp_path), store=loaded_store)) as c:
        yield c


def test_every_question_answers_the_same_on_both_backends(neo4j_store, loaded_memory, seed_load, tmp_path):
    neo4j_store.replace(seed_load.batch)
    answers = []
    for store in (loaded_memory, neo4j_store):
        with TestClient(create_app(Settings(backend=store.backend, data_dir=tmp_path), store=store)) as c:
            answers.append([_ask(c, *q) for q in QUESTIONS])
    for question, memory, neo in zip(QUESTIONS, *answers):
        for key in RANKED:
            if isinstance(memory.get(key) if isinstance(memory, dict) else None, list):
                a, b = ([h["id"] for h in answer.pop(key)] for answer in (memory, neo))
                assert len(a) == len(b) and len(set(a) & set(b)) >= len(a) - 1, (question, a, b)
                assert set(a[:3]) == set(b[:3]), (question, a, b)
        if isinstance(memory, dict):
            memory.pop("timing_ms", None), neo.pop("timing_ms", None)  # the machine's, not the answer
        assert memory == neo, question


# Ranked retrieval answers: Lucene BM25 (lossy length norms) and HNSW differ from bm25s and numpy
# in the 3rd decimal (graph/queries/search.py), so a near-tie at the cut-off may swap (measured on
# these questions: at most one hit, at the last rank). Contract: the same top 3, and all but one of the rest.
RANKED = ("results", "similar", "matches")


def test_search_understands_dutch_compounds(client):
    body = _ask(client, "GET", "/search?q=kinderarmoedebestrijding&type=action&limit=20", None)
    assert {"kind", "armoed"} <= set(body["terms"])
    assert body["results"] and all(r["type"] == "action" and r["code"] for r in body["results"])
    assert all(r["matched"] or r["passage"] for r in body["results"])  # by word, or by meaning


def test_repeated_fiches_are_exact_duplicates(client):
    body = _ask(client, "GET", "/overlap", None)
    repeated = {(r["a"]["code"], r["b"]["line"]) for r in body["repeated_fiches"]}
    assert repeated == {("03_06_06", 8830), ("03_06_07", 8888)}
    assert all(r["exact_duplicate"] and r["score"] == 1.0 for r in body["repeated_fiches"])


def test_overlap_reasons_itemise_the_score(client):
    pairs = _ask(client, "GET", "/overlap?limit=40", None)["pairs"]
    scored = [p for p in pairs if not p["exact_duplicate"]]
    assert scored
    for p in scored:
        parts = sum(v["contribution"] for v in p["reasons"].values())
        assert abs(parts - p["score"]) < 1e-4 and p["reasons"]["text"]["shared_terms"], p


def test_a_planned_initiative_finds_its_twin(client):
    fiche = _ask(client, "GET", "/actions/08_04_02", None)
    check = _ask(client, "POST", "/overlap/check", {"text": fiche["title"] + " " + fiche["summary"][:400]})
    assert check["matches"][0]["code"] == "08_04_02"


def test_similar_answers_for_an_opgroeien_action_and_overlap_honours_plan(client):
    body = _ask(client, "GET", "/actions/OG25-01/similar?limit=3", None)
    assert body["action"]["plan"] == "Armoedeplan Opgroeien" and len(body["similar"]) == 3
    pairs = _ask(client, "GET", "/overlap?plan=Armoedeplan%20Opgroeien&min_score=0&limit=100", None)["pairs"]
    assert pairs and all("armoedeplan-opgroeien" in p["a"]["id"] + p["b"]["id"] for p in pairs)
    assert all(p["kind"] in ("exact_duplicate", "split_record", "successor", "shared_template", "similar") for p in pairs)


def test_missing_links_explain_themselves(client):
    kinds = _ask(client, "GET", "/missing-links?limit=5", None)["kinds"]
    assert set(kinds) == {"platform_partner_categories", "platform_hvhk", "poverty_involvement", "partnerships",
                          "thin_grondrechten", "thin_provinces"}
    for items in kinds.values():
        assert items and all(i["why"] for i in items)
    assert all(i["common_neighbours"] for i in kinds["partnerships"])
    assert all(i["evidence"][0]["source"].startswith("004_") for i in kinds["poverty_involvement"])


@pytest.mark.parametrize("method,path,body,status,word", [
    ("GET", "/search?q=%20", None, 422, "q"),
    ("GET", "/search?q=armoede&type=planet", None, 422, "type"),
    ("GET", "/overlap?min_score=2", None, 422, "min_score"),
    ("GET", "/overlap?grondrecht=77", None, 422, "grondrecht"),
    ("GET", "/actions/99_99_99/similar", None, 404, "99_99_99"),
    ("POST", "/overlap/check", {"text": "te kort"}, 422, "text"),
    ("POST", "/overlap/check", {"actors": []}, 422, "text"),
    ("POST", "/overlap/check", {"text": "huiswerkbegeleiding met de scholen", "actors": ["Vzw Nergensland"]}, 422,
     "Vzw Nergensland"),
    ("GET", "/actions/OG25-99/similar", None, 404, "OG25-99"),
    ("GET", "/missing-links?kind=everything", None, 422, "kind"),
])
def test_bad_parameters_name_the_parameter(client, method, path, body, status, word):
    r = client.request(method, path, json=body)
    assert r.status_code == status and word in r.text, r.text
