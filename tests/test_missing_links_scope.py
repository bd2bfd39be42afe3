"""Missing links a coordinator can act on: scoped, totalled, and aware of where Flemish
institutions exist (issue 13), on both backends."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.queries.places import platforms
from graph.questions.missing_links import missing_links

BOOM = "platform:ocmw-boom"


@pytest.fixture
def client(loaded_store):
    with TestClient(create_app(store=loaded_store)) as c:
        yield c


def test_scope_to_the_boom_platform_returns_only_boom_with_totals(client):
    answer = client.get("/missing-links", params={"scope": BOOM, "limit": 500}).json()
    assert [n["id"] for n in answer["scope"]["nodes"]] == [BOOM]
    assert answer["totals"]["partnerships"] == len(answer["kinds"]["partnerships"]) > 0
    for kind, items in answer["kinds"].items():
        for item in items:
            subject = item["subject"]
            ids = [subject["a"]["id"], subject["b"]["id"]] if "a" in subject else [subject.get("id")]
            assert BOOM in ids or "org:ocmw-boom" in ids or any("boom" in (i or "") for i in ids), (kind, item)
    everything = client.get("/missing-links", params={"limit": 5}).json()
    assert everything["totals"]["partnerships"] > answer["totals"]["partnerships"]
    assert all(len(everything["kinds"][k]) <= 5 <= everything["totals"][k] or
               len(everything["kinds"][k]) == everything["totals"][k] for k in everything["kinds"])


def test_scope_by_name_and_unknown_scope(client):
    by_name = client.get("/missing-links", params={"scope": "OCMW Boom", "kind": "partnerships"}).json()
    by_id = client.get("/missing-links", params={"scope": BOOM, "kind": "partnerships"}).json()
    assert by_name["kinds"] == by_id["kinds"]
    province = client.get("/missing-links", params={"scope": "Henegouwen", "kind": "thin_provinces"}).json()
    assert [i["subject"]["province"] for i in province["kinds"]["thin_provinces"]] == ["Henegouwen"]
    missing = client.get("/missing-links", params={"scope": "Atlantis"})
    assert missing.status_code == 404 and "scope" in missing.json()["detail"]


def test_no_walloon_or_german_speaking_platform_lacks_a_flemish_institution(loaded_store):
    answer = missing_links(loaded_store, limit=500)
    regions = {p["id"]: p["region"] for p in loaded_store.run(platforms)}
    flagged = [i["subject"]["id"] for i in answer["kinds"]["platform_hvhk"]]
    assert flagged and all(regions[p] in ("Vlaanderen", "Brussel") for p in flagged)
    assert "platform:ocmw-charleroi" not in flagged and not any("vith" in p for p in flagged)
    for item in answer["kinds"]["thin_provinces"]:
        if item["subject"]["region"] == "Wallonië":
            assert not {"huizen_van_het_kind", "local_teams"} & set(item["missing"]), item


def test_the_huis_van_het_kind_the_text_names_for_gent_is_not_missing(loaded_store):
    flagged = [i["subject"]["id"] for i in missing_links(loaded_store, "platform_hvhk", 500)["kinds"]["platform_hvhk"]]
    assert "platform:ocmw-gent" not in flagged


def test_partnership_suggestions_are_local_with_reason_evidence_and_status(loaded_store):
    answer = missing_links(loaded_store, "partnerships", 20)
    top = answer["kinds"]["partnerships"]
    assert len(top) == 20 and answer["totals"]["partnerships"] > 20
    node_labels = {}
    for item in top:
        for side in ("a", "b"):
            nid = item["subject"][side]["id"]
            node_labels[nid] = loaded_store.get_node(nid)["labels"]
        assert item["why"] and item["status"] == "nieuw" and item["evidence"]
        assert all(e["source"] and e["line"] for e in item["evidence"])
    assert not any({"Minister", "Cabinet"} & set(labels) for labels in node_labels.values())
