"""A sixth source, added in one place: a fictional plan in the fiche format of 004, registered as one
more Source, answers through the routes the bundled plans answer through, on both backends.

The fixture (tests/fixtures/testplan/) is written for this test: its plan, government, ministers
and actions do not exist. Its codes are of the 004 shape but none is a code of 004.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from armoedegraaf.settings import Settings
from graph.model import node_id
from loaders.pipeline import build_graph
from loaders.protocol import PlanInfo, TextSource
from loaders.sources import BUNDLED, VAPA
from loaders.vapa.build import build_vapa
from loaders.vapa.document import parse_vapa

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "testplan" / "testplan_2020_2024.txt"
SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
PLAN = PlanInfo("Testplan 2020-2024", "2020-2024", government="Testregering 2019-2024")

# The one place the new source is named: its title, its loader (the fiche format's) and its plan.
TESTPLAN = TextSource("testplan", "Testplan 2020-2024 (fictief testdocument in het ficheformaat)", "the test plan",
                      parse_vapa, lambda doc, resolver: build_vapa(doc, resolver, PLAN), plan=PLAN, path=FIXTURE)
CODES = ["03_02_31", "05_01_32", "05_02_33"]


@pytest.fixture(scope="module")
def six_sources():
    """The action plan 004 and the test plan, through the registry and the pipeline."""
    return build_graph(SOURCES, only=[VAPA.key, TESTPLAN.key], sources=(*BUNDLED, TESTPLAN))


@pytest.fixture
def client(store, six_sources, tmp_path):
    store.replace(six_sources.batch)
    with TestClient(create_app(Settings(backend=store.backend, data_dir=tmp_path), store=store)) as c:
        yield c


def test_the_test_plan_is_one_more_source_with_its_title(six_sources):
    batch = six_sources.batch
    source = batch.nodes[node_id("Source", FIXTURE.name)]
    assert source.properties["title"] == TESTPLAN.title
    plan = batch.nodes["plan:testplan-2020-2024"].properties
    assert (plan["name"], plan["period"]) == ("Testplan 2020-2024", "2020-2024")
    assert TESTPLAN.title in six_sources.report.render()  # the report names it by its title


def test_two_governments_ministers_coexist(six_sources):
    ministers = {n.id: n.properties for n in six_sources.batch.nodes.values() if "Minister" in n.labels}
    assert ministers["minister:testregering-2019-2024:bert-proefmans"]["number"] == "02"
    assert ministers["minister:vlaamse-regering-2014-2019:hilde-crevits"]["number"] == "02"
    assert {m["government"] for m in ministers.values()} == {"Testregering 2019-2024", "Vlaamse Regering 2014-2019"}


def test_its_actions_answer_through_the_existing_routes(client):
    listed = client.get("/actions", params={"plan": PLAN.name, "limit": 500}).json()
    assert listed["total"] == 3 and sorted(a["code"] for a in listed["items"]) == CODES

    one = client.get("/actions/05_02_33").json()  # found by its code alone: no other plan has it
    assert (one["plan"], one["title"]) == (PLAN.name, "Schoolmaaltijden voor elk kind in het testonderwijs")
    assert one["minister"]["name"] == "Bert Proefmans"
    assert one["budget"]["amounts_eur"] == [1_200_000.0]
    assert [r["code"] for r in one["refers_to"]] == ["05_01_32"]
    assert one["source"] == FIXTURE.name
    assert client.get("/actions/05_02_33", params={"plan": PLAN.name}).json()["id"] == one["id"]
    assert client.get("/actions/05_02_33", params={"plan": VAPA.plan.name}).status_code == 404

    similar = client.get("/actions/03_02_31/similar", params={"limit": 5})
    assert similar.status_code == 200
    assert similar.json()["action"]["plan"] == PLAN.name and similar.json()["similar"]

    hits = client.get("/search", params={"q": "gratis energiescan voor gezinnen", "type": "action",
                                         "plan": PLAN.name}).json()
    assert hits["results"][0]["id"] == "action:testplan-2020-2024:03_02_31"


def test_the_other_plans_codes_answer_too(client):
    """A code of a plan with generated codes is not refused for its shape."""
    assert client.get("/actions/05_02_06").json()["plan"] == VAPA.plan.name
    assert client.get("/actions/OG25-20/similar").status_code == 404  # the shape is good; no such plan here
