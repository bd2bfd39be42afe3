"""Continuity between plans: VAPA 2015-2019 -> Opgroeien 2025, over HTTP, on both backends."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app


@pytest.fixture
def client(loaded_store):
    with TestClient(create_app(store=loaded_store)) as c:
        yield c


def test_each_opgroeien_action_gets_its_continued_vapa_actions_with_evidence(client):
    answer = client.get("/plans/plan:vapa-2015-2019/continuity/opgroeien-2025").json()
    assert len(answer["actions"]) == 37 and len(answer["earlier_actions"]) == 201
    for action in answer["actions"]:
        assert action["source"].startswith("003_")
        for m in action["continues"]:
            assert m["earlier"]["source"].startswith("004_") and m["score"] >= answer["min_score"]
            assert m["evidence"]["text"]["shared_terms"] and len(m["evidence"]["lines"]) == 2
    by_code = {a["code"]: a for a in answer["actions"]}
    # 003:406 'doorontwikkeling Huizen van het Kind' continues 004:6373 'Uitbouw van de Huizen van het Kind'
    assert "02_06_10" in [m["earlier"]["code"] for m in by_code["OG25-20"]["continues"]]
    hvhk = next(e for e in answer["earlier_actions"] if e["code"] == "02_06_10")
    assert "OG25-20" in [x["code"] for x in hvhk["lives_on"]]


def test_the_new_vapa_flags_are_shown_as_such_and_are_no_evidence(client):
    answer = client.get("/plans/vapa-2015-2019/continuity/opgroeien-2025").json()
    flags = [a["new_vapa_flag"] for a in answer["actions"] if a["new_vapa_flag"]]
    assert len(flags) == answer["summary"]["new_vapa_flags"] == 16
    assert all(588 <= f["line"] <= 666 and "niet VAPA 2015-2019" in f["note"] for f in flags)
    for a in answer["actions"]:
        assert all("vapa" not in k for m in a["continues"] for k in m["evidence"])


def test_plans_by_name_and_errors(client):
    by_name = client.get("/plans/VAPA 2015-2019/continuity/Armoedeplan Opgroeien").json()
    assert len(by_name["actions"]) == 31
    assert client.get("/plans/nope/continuity/opgroeien-2025").status_code == 404
    assert client.get("/plans/vapa-2015-2019/continuity/opgroeien-2025", params={"min_score": 2}).status_code == 422


def test_shared_grondrecht_from_one_actor_and_the_timeline(client):
    shared = client.get("/actors/administration:kind-en-gezin/shared-grondrecht", params={"grondrecht": "05"}).json()
    assert [g["code"] for g in shared["grondrechten"]] == ["05"] and shared["total"] > 0
    other = shared["grondrechten"][0]["others"][0]
    assert other["via"] and all(v["source"] and v["line"] for v in other["via"])
    assert client.get("/actors/nope/shared-grondrecht").status_code == 404
    timeline = client.get("/timeline", params={"actor": "administration:kind-en-gezin"}).json()
    assert timeline["events"] and all(e["year"] for e in timeline["events"])
    assert {p["name"] for p in timeline["plans"]} >= {"VAPA 2015-2019"}
    opgroeien = client.get("/timeline", params={"plan": "plan:armoedeplan-opgroeien"}).json()
    assert any(e["when"] == "2025-09" for e in opgroeien["events"])  # 'VAPA op Vlaamse Regering' (003:21)
