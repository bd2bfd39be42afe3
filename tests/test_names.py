"""Names accepted wherever ids are (the network and similar questions, over HTTP and the CLI), an
ambiguous name answered with its candidates, filters that ignore case and accents; on both backends."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from armoedegraaf.cli import cli
from armoedegraaf.errors import Ambiguous, NotFound
from armoedegraaf.names import resolve_actor
from armoedegraaf.settings import Settings


@pytest.fixture
def client(loaded_store, tmp_path):
    with TestClient(create_app(Settings(backend=loaded_store.backend, data_dir=tmp_path), store=loaded_store)) as c:
        yield c


def test_ids_names_aliases_and_ambiguity(loaded_store):
    assert resolve_actor(loaded_store, "administration:kind-en-gezin", "a") == "administration:kind-en-gezin"
    assert resolve_actor(loaded_store, "kind & gezin", "a") == "administration:kind-en-gezin"
    assert resolve_actor(loaded_store, "Huis van het kind BOOM", "a") == "hvhk:huis-van-het-kind-boom"
    assert resolve_actor(loaded_store, "Sociaal Huis Boom", "a") == "org:ocmw-boom"  # the alias table's reading
    with pytest.raises(Ambiguous) as exc:
        resolve_actor(loaded_store, "OCMW Boom", "actor_id")
    assert sorted(c["id"] for c in exc.value.candidates) == ["org:ocmw-boom", "platform:ocmw-boom"]
    with pytest.raises(NotFound, match="actor_id: no actor"):
        resolve_actor(loaded_store, "Vereniging Die Niet Bestaat", "actor_id")


def test_the_network_by_name_over_http(client):
    by_id = client.get("/actors/hvhk:huis-van-het-kind-boom/network").json()
    by_name = client.get("/actors/Huis van het Kind Boom/network").json()
    assert by_name == by_id and by_name["center"] == "hvhk:huis-van-het-kind-boom"
    ambiguous = client.get("/actors/OCMW Boom/network")
    assert ambiguous.status_code == 422
    detail = ambiguous.json()["detail"][0]
    assert detail["loc"] == ["path", "actor_id"] and detail["type"] == "ambiguous"
    assert sorted(c["id"] for c in detail["ctx"]["candidates"]) == ["org:ocmw-boom", "platform:ocmw-boom"]
    assert client.get("/actors/Kind & Gezin").json()["id"] == "administration:kind-en-gezin"
    shared = client.get("/shared-grondrecht", params={"actors": "Kind & Gezin,VVSG"}).json()
    assert shared == client.get("/shared-grondrecht", params={"actors": "administration:kind-en-gezin,org:vvsg"}).json()


def test_filters_ignore_case_and_accents(client):
    exact = client.get("/platforms", params={"province": "Limburg"}).json()
    assert exact["total"] > 0
    assert client.get("/platforms", params={"province": "limburg"}).json() == exact
    assert client.get("/platforms", params={"region": "vlaanderen"}).json() == \
        client.get("/platforms", params={"region": "Vlaanderen"}).json()
    assert client.get("/platforms", params={"province": "nergensland"}).status_code == 422


def test_the_cli_takes_names_and_shows_ids(tmp_path):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "g")]
    assert runner.invoke(cli, [*data, "load"]).exit_code == 0
    by_name = runner.invoke(cli, [*data, "ask", "network", "Huis van het Kind Boom", "--format", "json"])
    assert by_name.exit_code == 0, by_name.output
    assert json.loads(by_name.output)["center"] == "hvhk:huis-van-het-kind-boom"
    ambiguous = runner.invoke(cli, [*data, "ask", "network", "OCMW Boom"])
    assert ambiguous.exit_code == 1 and "org:ocmw-boom" in ambiguous.output and "platform:ocmw-boom" in ambiguous.output
    table = runner.invoke(cli, [*data, "ask", "search", "huiswerkbegeleiding"])
    header = table.output.splitlines()[0].split()
    assert header[:3] == ["type", "id", "code"]
    assert any(":" in line.split()[1] for line in table.output.splitlines()[2:] if line.strip())
