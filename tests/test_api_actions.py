"""The action-plan API on both backends: the same answers, every field, clear errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from armoedegraaf.settings import Settings


VAPA = "VAPA 2015-2019"


@pytest.fixture
def client(loaded_store, tmp_path):
    with TestClient(create_app(Settings(backend=loaded_store.backend, data_dir=tmp_path), store=loaded_store)) as c:
        yield c


def test_counts_of_the_plan(client):
    assert client.get("/actions", params={"limit": 1, "plan": VAPA}).json()["total"] == 201
    rights = client.get("/grondrechten").json()
    assert [g["code"] for g in rights] == [f"{i:02d}" for i in range(11)]
    per_right = [client.get("/actions", params={"grondrecht": g["code"], "plan": VAPA, "limit": 1}).json()["total"]
                 for g in rights]
    assert per_right == [23, 19, 26, 18, 9, 18, 28, 20, 25, 12, 3]  # the section counts of 004
    ministers = client.get("/ministers").json()
    assert len(ministers) == 9 and sum(m["actions"] for m in ministers) == 201


def test_action_detail_has_every_field(client):
    a = client.get("/actions/05_02_06").json()
    assert a["title"].startswith("Geletterdheidsondersteuning van ouders")
    assert a["grondrecht"] == {"code": "05", "name": "onderwijs"}
    assert a["minister"]["name"] == "Hilde Crevits"
    assert a["minister"]["evidence"]["decided_by"] == "code_segment_confirmed_by_cabinet"
    assert a["minister"]["evidence"]["responsible_cabinets"][0]["line"] == 11045
    assert [m["year"] for m in a["milestones"]] == ["2015", "2017", "2019"]
    assert a["budget"]["text"].startswith("- Het kabinet engageert zich")
    assert a["evaluation_indicator"].startswith("Bij tussentijdse en eindrapportering")
    assert a["summary"].startswith("Het Plan Geletterdheid")
    cabinet = next(x for x in a["actors"] if x["id"] == "cabinet:kabinet-onderwijs")
    assert cabinet == {"id": "cabinet:kabinet-onderwijs", "name": "Kabinet Onderwijs", "labels": ["Actor", "Cabinet"],
                       "role": "cabinet", "responsibility": "responsible", "as_written": "kabinet Onderwijs",
                       "source": "004_0bee7784f433cdc9.txt", "line": 11045}
    assert (a["source"], a["line"]) == ("004_0bee7784f433cdc9.txt", 11007)


def test_budget_amounts_and_references(client):
    a = client.get("/actions/00_01_01").json()
    assert a["people_in_poverty"] == {"text": "-", "kind": "placeholder"}
    replaced = client.get("/actions/06_09_11").json()
    assert replaced["replaced_by"] == "06_09_17"
    assert any(r["code"] == "06_09_17" for r in replaced["refers_to"])


def test_the_minister_follows_the_evidence_not_the_header(client):
    # 00_01_03 is coded for minister 01, but its responsible cabinet is Armoedebestrijding (Homans).
    m = client.get("/actions/00_01_03").json()["minister"]
    assert m["name"] == "Liesbeth Homans" and m["evidence"]["decided_by"] == "responsible_cabinet"
    # The header numbers Vandeurzen 08; the codes use 06 for all WVG fiches.
    assert client.get("/actions/04_06_01").json()["minister"]["name"] == "Jo Vandeurzen"


def test_repeated_fiche_is_kept_once_with_its_repeat(client):
    a = client.get("/actions/03_06_06").json()
    assert a["line"] == 8711 and a["duplicate_lines"] == [8830]


def test_filters(client):
    onderwijs = client.get("/actions", params={"grondrecht": "05", "plan": VAPA, "limit": 500}).json()
    assert onderwijs["total"] == 18 and all(i["grondrecht"]["code"] == "05" for i in onderwijs["items"])
    by_number = client.get("/actions", params={"minister": "06", "limit": 500}).json()
    by_id = client.get("/actions", params={"minister": "minister:vlaamse-regering-2014-2019:jo-vandeurzen", "limit": 500}).json()
    assert by_number == by_id and by_number["total"] > 40
    netwerk = client.get("/actions", params={"actor": "org:netwerk-tegen-armoede", "limit": 500}).json()
    assert netwerk["total"] >= 55
    page = client.get("/actions", params={"grondrecht": "05", "plan": VAPA, "limit": 5, "offset": 15}).json()
    assert len(page["items"]) == 3 and page["items"][0] == onderwijs["items"][15]


@pytest.mark.parametrize("path,params,status,word", [
    ("/actions/99_99_99", {}, 404, "99_99_99"),
    ("/actions/nonsense", {}, 422, "code"),
    ("/actions/01_01_01", {"plan": " "}, 422, "plan"),
    ("/actions", {"grondrecht": "11"}, 422, "grondrecht"),
    ("/actions", {"minister": "minister:nobody"}, 404, "minister"),
    ("/actions", {"actor": "org:nobody"}, 404, "actor"),
    ("/actions", {"limit": 0}, 422, "limit"),
])
def test_bad_parameters_name_the_parameter(client, path, params, status, word):
    r = client.get(path, params=params)
    assert r.status_code == status and word in r.text


def test_both_backends_answer_the_same(neo4j_store, loaded_memory, seed_load, tmp_path):
    neo4j_store.replace(seed_load.batch)
    answers = []
    for store in (loaded_memory, neo4j_store):
        with TestClient(create_app(Settings(backend=store.backend, data_dir=tmp_path), store=store)) as c:
            answers.append([c.get(p).json() for p in ("/actions?limit=500", "/actions/01_04_05", "/actions/08_06_04",
                                                      "/grondrechten", "/ministers", "/actions?grondrecht=08&limit=7")])
    assert answers[0] == answers[1]
