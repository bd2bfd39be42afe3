"""The CLI is a thin shell over the Python API: every command, its help and its errors."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from armoedegraaf.cli import cli


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--data-dir", str(tmp_path / "g"), *args], catch_exceptions=False)

    return invoke


@pytest.mark.parametrize("command", ["load", "export", "info", "serve"])
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and "Example: armoedegraaf" in result.output


def test_load_info_export_round(run, tmp_path):
    loaded = run("load", "--quiet")
    assert loaded.exit_code == 0 and loaded.output.startswith("geladen: ") and " acties, " in loaded.output
    info = run("info")
    assert "backend: memory" in info.output and "Grondrecht" in info.output
    out = tmp_path / "g.json"
    assert run("export", "-o", str(out)).exit_code == 0
    doc = json.loads(out.read_text())
    assert set(doc) == {"nodes", "relationships"}
    assert {"id", "labels", "properties"} <= set(doc["nodes"][0])
    assert {"type", "start", "end", "properties"} <= set(doc["relationships"][0])


def test_export_graphml_is_readable(run, tmp_path):
    run("load", "--quiet", "--only", "004")
    out = tmp_path / "g.graphml"
    assert run("export", "--format", "graphml", "-o", str(out)).exit_code == 0
    graph = nx.read_graphml(out)
    assert graph.nodes["grondrecht:08"]["name"] == "wonen"


def test_loading_twice_exports_the_same(run):
    run("load", "--quiet")
    first = run("export").output
    run("load", "--quiet")
    assert run("export").output == first


def test_missing_sources_folder_is_a_clear_error(run, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("load", "--sources", str(empty))
    assert result.exit_code == 1 and "no source document 004_*.txt" in result.output


def test_unreachable_neo4j_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    result = CliRunner().invoke(cli, ["--backend", "neo4j", "info"])
    assert result.exit_code == 1 and "not reachable" in result.output


def test_load_prints_the_merge_report(run):
    quiet = run("load", "--quiet")
    summary = quiet.output.splitlines()[-1]
    assert "schrijfwijzen samengevoegd (5 bij benadering, 0 geweigerd door de vangrails)" in summary
    assert "load --merges" in summary
    detail = run("load", "--quiet", "--merges").output
    assert "fuzzy 98: 'Federeatie voor basiseducatie' -> 'Federatie Basiseducatie'" in detail
    assert "alias: 'Kind & Gezin' -> 'Kind en Gezin' (Administration)" in detail
