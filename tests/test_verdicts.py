"""The coordinator's verdicts survive reloads and change the answers, on both backends."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from armoedegraaf.errors import InvalidParameter, SourceError
from graph.questions import verdicts as qv
from graph.verdicts import from_csv, import_rows, make_verdict, open_verdicts, to_csv
from loaders.pipeline import load_into
from tests.conftest import SOURCES

TYPO = "Kruispuntbank van de Sociale Zekerheid 5KSZ"  # 004:8056, fuzzy-merged without a verdict
KSZ = "org:kruispuntbank-van-de-sociale-zekerheid"


@pytest.fixture
def judged(store):
    vstore = open_verdicts(store)
    vstore.clear()  # Neo4j keeps Verdict nodes across loads (and so across tests): start clean
    yield store, vstore
    vstore.clear()
    vstore.close()


def _reload(store, vstore):
    # the plan (004) alone holds the pairs and names these tests judge: a quicker load on Neo4j
    return load_into(store, SOURCES, only=["004"], fresh=True, verdicts=vstore.all())


def _pair_ids(answer):
    return {frozenset((p["a"]["id"], p["b"]["id"])) for p in answer["pairs"]}


def test_distinct_pair_stays_out_of_overlap_after_two_reloads(judged):
    store, vstore = judged
    _reload(store, vstore)
    app = create_app(store=store)
    with TestClient(app) as client:
        first = client.get("/overlap", params={"limit": 500}).json()["pairs"]
        pair = first[0]
        a, b = pair["a"]["id"], pair["b"]["id"]
        given = client.post("/verdicts", json={"kind": "overlap", "a": b, "b": a, "verdict": "distinct",
                                               "author": "An", "note": "andere doelgroep"})
        assert given.status_code == 201 and given.json()["key"] == f"overlap|{min(a, b)}|{max(a, b)}"
        for _ in range(2):
            _reload(store, vstore)
            hidden = client.get("/overlap", params={"limit": 500}).json()
            assert frozenset((a, b)) not in _pair_ids(hidden)
            assert len(hidden["pairs"]) == len(first) - 1
            shown = client.get("/overlap", params={"limit": 500, "include_judged": "true"}).json()
            judged_pair = next(p for p in shown["pairs"] if {p["a"]["id"], p["b"]["id"]} == {a, b})
            assert judged_pair["verdict"]["verdict"] == "distinct" and judged_pair["verdict"]["author"] == "An"
        listing = client.get("/verdicts").json()
        assert listing["total"] == 1 and listing["verdicts"][0]["attached"] and not listing["detached"]


def test_different_actors_never_fuzzy_merge_again(judged):
    store, vstore = judged
    before = _reload(store, vstore)
    assert any(TYPO in w.message for w in before.report.warnings if w.kind == "fuzzy_merge")
    assert not any(TYPO in (n["properties"].get("name") or "") for n in store.export()["nodes"])
    qv.give(store, vstore, "merge", TYPO, KSZ, "different", "An", "eigen dienst")
    after = _reload(store, vstore)
    assert not any(TYPO in w.message for w in after.report.warnings if w.kind == "fuzzy_merge")
    names = {n["properties"].get("name"): n["id"] for n in store.export()["nodes"]}
    assert TYPO in names and names[TYPO] != KSZ  # its own node now


def test_same_actors_merge_at_the_next_load(judged):
    store, vstore = judged
    _reload(store, vstore)
    qv.give(store, vstore, "merge", "org:samenlevingsopbouw", "org:samenlevingsopbouw-antwerpen", "same", "An")
    _reload(store, vstore)
    ids = {n["id"] for n in store.export()["nodes"]}
    assert "org:samenlevingsopbouw-antwerpen" not in ids
    kept = store.get_node("org:samenlevingsopbouw")["properties"]
    assert "Samenlevingsopbouw Antwerpen" in kept["names"]
    listing = qv.listing(store, vstore, "merge")
    assert listing["verdicts"][0]["attached"]


def test_verdicts_that_no_longer_attach_are_reported(judged):
    store, vstore = judged
    _reload(store, vstore)
    vstore.add([make_verdict("overlap", "action:vapa-2015-2019:99_99_99", "action:vapa-2015-2019:00_01_01",
                             "same", "An")])
    listing = qv.listing(store, vstore)
    assert [d["detached_because"] for d in listing["detached"]] == ["no node action:vapa-2015-2019:99_99_99"]


def test_verdicts_live_outside_the_sources_graph(judged):
    store, vstore = judged
    _reload(store, vstore)
    counts = store.counts()
    qv.give(store, vstore, "merge", TYPO, KSZ, "different", "An")
    _reload(store, vstore)
    assert store.counts() == counts  # no Verdict label, nothing added to the graph
    assert len(vstore.all()) == 1  # and the load did not touch the verdict


def test_gap_triage_status(judged):
    store, vstore = judged
    _reload(store, vstore)
    app = create_app(store=store)
    with TestClient(app) as client:
        item = client.get("/missing-links", params={"kind": "partnerships", "limit": 1}).json()["kinds"]["partnerships"][0]
        assert item["status"] == "nieuw"
        assert client.post("/verdicts", json={"kind": "gap", "a": item["key"], "verdict": "todo",
                                              "author": "An"}).status_code == 201
        again = client.get("/missing-links", params={"kind": "partnerships", "status": "todo"}).json()
        assert again["totals"]["partnerships"] == 1 and again["kinds"]["partnerships"][0]["key"] == item["key"]
        bad = client.post("/verdicts", json={"kind": "gap", "a": "partnerships|x|y", "verdict": "todo", "author": "An"})
        assert bad.status_code == 404


def test_csv_round_trip_and_bad_rows(tmp_path):
    from graph.verdicts import SqliteVerdicts

    vstore = SqliteVerdicts(tmp_path / "v.sqlite")
    vstore.add([make_verdict("overlap", "action:a", "action:b", "related", "An", "zelfde, \"maar\" anders")])
    text = to_csv(vstore.all())
    again = SqliteVerdicts(tmp_path / "w.sqlite")
    assert import_rows(again, from_csv(text)) == {"read": 1, "added": 1, "already_known": 0}
    assert import_rows(again, from_csv(text)) == {"read": 1, "added": 0, "already_known": 1}
    assert [v.note for v in again.all()] == ['zelfde, "maar" anders']
    bad = text + "overlap,action:a,action:b,maybe,An,,\n"
    with pytest.raises(SourceError, match=r"v\.csv:3: field verdict"):
        from_csv(bad, "v.csv")
    with pytest.raises(InvalidParameter, match="author"):
        make_verdict("merge", "org:a", "org:b", "same", " ")


def test_what_is_new_since_the_last_load(judged):
    store, vstore = judged
    load_into(store, SOURCES, only=["004"], fresh=True)
    first = qv.record_load(store, vstore, at="2026-01-01T00:00:00+00:00")
    assert first["new"] == first["items"] > 0
    load_into(store, SOURCES, only=["004", "002"], fresh=True)
    second = qv.record_load(store, vstore, at="2026-02-01T00:00:00+00:00")
    assert 0 < second["new"] < second["items"]
    fresh = qv.new_since(store, vstore, "last-load")
    assert fresh["total"] == second["new"] and fresh["loads"][-1].startswith("2026-02-01")
    kinds = {g["kind"] for g in fresh["gaps"]}
    assert "platform_hvhk" in kinds and "poverty_involvement" not in kinds  # the plan's gaps are not new
    assert qv.new_since(store, vstore, "2026-01-15")["total"] == fresh["total"]
    assert qv.new_since(store, vstore, "2025-12-31")["total"] == second["items"]
    with pytest.raises(InvalidParameter, match="since"):
        qv.new_since(store, vstore, "gisteren")
