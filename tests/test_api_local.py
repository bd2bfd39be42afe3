"""Platforms, actors and their networks over HTTP, on both backends."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from armoedegraaf.settings import Settings


@pytest.fixture
def client(loaded_store, tmp_path):
    with TestClient(create_app(Settings(backend=loaded_store.backend, data_dir=tmp_path), store=loaded_store)) as c:
        yield c


def test_57_platforms_with_region_province_size_group_and_lead(client):
    body = client.get("/platforms").json()
    assert body["total"] == 57
    for p in body["items"]:
        assert p["region"] and p["province"] and p["size_group"] and p["lead"], p
    regions = {r: client.get("/platforms", params={"region": r}).json()["total"]
               for r in ("Vlaanderen", "Brussel", "Wallonië")}
    assert regions == {"Vlaanderen": 32, "Brussel": 5, "Wallonië": 20}


def test_platform_detail_cites_its_evidence(client):
    p = client.get("/platforms/platform:ocmw-boom").json()
    assert p["municipality"] == "Boom" and p["province"] == "Antwerpen"
    assert p["lead_organisations"][0]["id"] == "org:ocmw-boom"
    assert all(x["source"].startswith("002_") and x["line"] for x in p["partners"])
    farciennes = next(x for x in client.get("/platforms", params={"province": "Henegouwen"}).json()["items"]
                      if x["municipality"] == "Farciennes")
    assert farciennes["status"] == "niet opgestart"


def test_find_an_actor_by_any_spelling(client):
    for spelling in ("Kind & Gezin", "kind en gezin", "KIND EN GEZIN"):
        assert client.get("/actors", params={"q": spelling}).json()[0]["id"] == "administration:kind-en-gezin"
    hvhk = client.get("/actors", params={"q": "huis van het kind", "type": "HuisVanHetKind", "limit": 50}).json()
    assert {"hvhk:huis-van-het-kind-boom", "hvhk:huis-van-het-kind-oostende", "hvhk:huis-van-het-kind-dilbeek",
            "hvhk:huis-van-het-kind-ronse", "hvhk:huis-van-het-kind-blankenberge"} <= {a["id"] for a in hvhk}


def test_one_actor_across_sources_with_every_name(client):
    kg = client.get("/actors/administration:kind-en-gezin").json()
    assert {"Kind en Gezin", "Kind & Gezin"} <= set(kg["names"])
    assert len(kg["sources"]) >= 2
    succeeded = [r for r in kg["relationships"] if r["type"] == "SUCCEEDED_BY"]
    assert succeeded and succeeded[0]["id"] == "administration:opgroeien"  # a relationship, not a merge


def test_partner_network_of_a_huis_van_het_kind(client):
    net = client.get("/actors/hvhk:huis-van-het-kind-oostende/network", params={"depth": 1}).json()
    ids = {n["id"] for n in net["nodes"]}
    assert "org:ocmw-oostende" in ids and net["capped"] is False
    capped = client.get("/actors/org:netwerk-tegen-armoede/network", params={"depth": 2, "limit": 10}).json()
    assert capped["capped"] is True and len(capped["nodes"]) == 10 and "capped" in capped["message"]


def test_shared_grondrecht_and_matrix(client):
    shared = client.get("/shared-grondrecht", params={"actors": "org:netwerk-tegen-armoede,org:vvsg"}).json()
    assert shared["shared"] and all(set(s["via"]) == {"org:netwerk-tegen-armoede", "org:vvsg"} for s in shared["shared"])
    wonen = client.get("/grondrechten/08/actors").json()
    assert wonen["grondrecht"]["name"] == "wonen" and wonen["actors"][0]["via"]
    csv = client.get("/matrix/actor-grondrecht", params={"format": "csv"})
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.content.startswith("\ufeffid;naam;00;01".encode("utf-8"))  # Belgian Excel: BOM and ';'
    assert len(csv.text.splitlines()[1].split(";")) == len(csv.text.splitlines()[0].split(";"))


@pytest.mark.parametrize("path,params,status,word", [
    ("/actors", {"q": "x"}, 422, "q"),
    ("/actors", {"q": "gent", "type": "Planet"}, 422, "type"),
    ("/actors/org:nobody", {}, 404, "org:nobody"),
    ("/actors/grondrecht:05", {}, 404, "not an actor"),
    ("/actors/org:vvsg/network", {"depth": 9}, 422, "depth"),
    ("/actors/org:vvsg/network", {"types": "Planet"}, 422, "types"),
    ("/platforms", {"province": "Atlantis"}, 422, "province"),
    ("/platforms/platform:nowhere", {}, 404, "platform:nowhere"),
    ("/shared-grondrecht", {"actors": "org:vvsg"}, 422, "actors"),
    ("/grondrechten/42/actors", {}, 422, "code"),
])
def test_bad_parameters_name_the_parameter(client, path, params, status, word):
    r = client.get(path, params=params)
    assert r.status_code == status and word in r.text, r.text


@pytest.mark.parametrize("actor, successor", [("org:samenlevingsopbouw", "org:saamo"), ("org:minderhedenforum", "org:levl"),
                                              ("administration:kind-en-gezin", "administration:opgroeien")])
def test_get_actor_shows_its_lineage(client, actor, successor):
    body = client.get(f"/actors/{actor}").json()
    [entry] = [s for s in body["lineage"]["successors"] if s["id"] == successor]
    assert entry["date"] and entry["reference"]
    assert body["message"] and "opvolger" in body["message"]


def test_get_opgroeien_covers_kind_en_gezin_and_says_so(client):
    body = client.get("/actors/administration:opgroeien").json()
    assert "administration:kind-en-gezin" in body["covers"] and "Kind en Gezin (voorganger)" in body["message"]
    assert any(i["through"] == "administration:kind-en-gezin" and i["note"].startswith("via Kind en Gezin")
               for i in body["initiatives"])


def test_hvhk_boom_network_depth_1_lists_gezinsbond_and_welzijnsschakel_with_their_path(client):
    net = client.get("/actors/hvhk:huis-van-het-kind-boom/network", params={"depth": 1}).json()
    for partner in ("org:gezinsbond", "org:welzijnsschakel-boom"):
        assert partner in {n["id"] for n in net["nodes"]}
        edge = next(e for e in net["edges"] if e["start"] == partner and e["type"] == "PARTNER_OF")
        assert edge["properties"]["method"] == "via_project" and "project:boempatat" in edge["properties"]["path"]
