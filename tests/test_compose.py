"""docker-compose.yml is valid against the Compose Specification schema (no Docker engine here).

The schema is the compose_spec.json that the docker-compose 1.29.2 package ships; it is fetched
from PyPI once into .cache/ (a package registry, like every other dependency)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "compose-spec"


def compose_schema() -> dict:
    target = CACHE / "compose_spec.json"
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "docker-compose==1.29.2", "-d", str(CACHE)], check=True)
        wheel = next(CACHE.glob("docker_compose-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            target.write_bytes(zf.read("compose/config/compose_spec.json"))
    return json.loads(target.read_text())


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_is_valid(compose):
    jsonschema.validate(compose, compose_schema())


def test_schema_rejects_a_broken_compose_file(compose):
    broken = json.loads(json.dumps(compose))
    broken["services"]["api"]["depends_on"]["neo4j"]["condition"] = 42
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, compose_schema())


def test_neo4j_service_is_healthchecked_and_api_waits_for_it(compose):
    neo4j, api = compose["services"]["neo4j"], compose["services"]["api"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "healthcheck" in neo4j and neo4j["volumes"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["build"] == "."


def test_no_password_is_committed(compose):
    assert compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    assert (ROOT / "Dockerfile").exists()


def test_the_healthcheck_puts_no_password_on_a_command_line(compose):
    test = " ".join(compose["services"]["neo4j"]["healthcheck"]["test"])
    assert "PASSWORD" not in test and "-p" not in test.split()


def test_the_image_runs_as_a_non_root_user():
    lines = [ln.split() for ln in (ROOT / "Dockerfile").read_text().splitlines() if ln.startswith("USER ")]
    assert lines and lines[-1][1] not in ("root", "0")
