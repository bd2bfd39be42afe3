"""`armoedegraaf ask`: the questions on the command line, as tables and JSON, with clear errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from armoedegraaf.cli import cli


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    data = tmp_path_factory.mktemp("g")
    runner = CliRunner()
    assert runner.invoke(cli, ["--data-dir", str(data), "load", "--quiet"]).exit_code == 0

    def invoke(*args: str):
        return runner.invoke(cli, ["--data-dir", str(data), "ask", *args], catch_exceptions=False)

    return invoke


@pytest.mark.parametrize("command", ["search", "overlap", "similar", "check", "missing-links", "shared-grondrecht",
                                     "network"])
def test_every_question_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, ["ask", command, "--help"])
    assert result.exit_code == 0 and "Example: armoedegraaf ask" in result.output


def test_search_as_table_and_json(ask):
    table = ask("search", "huurwaarborg", "--limit", "3")
    assert table.exit_code == 0 and "08_04_02" in table.output.splitlines()[2]
    body = json.loads(ask("search", "huurwaarborg", "--format", "json").output)
    assert body["results"][0]["code"] == "08_04_02" and "huurwaarborg" in body["results"][0]["matched"]


def test_overlap_lists_the_repeated_fiches_first(ask):
    lines = ask("overlap", "--limit", "3").output.splitlines()
    assert lines[2].startswith("03_06_06") and "yes" in lines[2]


def test_similar_missing_links_shared_and_network(ask):
    assert "09_06_10" in ask("similar", "09_06_03").output
    missing = json.loads(ask("missing-links", "--kind", "platform_hvhk", "--format", "json").output)
    assert missing["kinds"]["platform_hvhk"][0]["why"]
    assert "wonen" in ask("shared-grondrecht", "org:vvsg", "org:caw").output
    net = json.loads(ask("network", "hvhk:huis-van-het-kind-oostende", "--format", "json").output)
    assert any(n["id"] == "org:ocmw-oostende" for n in net["nodes"])


@pytest.mark.parametrize("args,message", [
    (("similar", "99_99_99"), "no action 99_99_99"),
    (("network", "org:nobody"), "no actor with id or name 'org:nobody'"),
    (("shared-grondrecht", "org:vvsg"), "actors: give at least two actor ids"),
    (("overlap", "--grondrecht", "42"), "grondrecht: a grondrecht code 00..10"),
])
def test_errors_are_one_clear_line(ask, args, message):
    result = ask(*args)
    assert result.exit_code == 1 and message in result.output


def test_check_names_levels_partners_and_the_source_line(ask):
    out = ask("check", "huiswerkbegeleiding met de scholen en het OCMW", "--actor", "OCMW Zottegem").output
    assert "org:ocmw-zottegem" in out and "001_38d43dd55946f7ed.txt:26" in out
    assert any(level in out for level in ("sterk", "mogelijk", "zwak"))
    body = json.loads(ask("check", "huiswerkbegeleiding met de scholen", "--format", "json").output)
    assert body["matches"] and body["actors"] == []


def test_check_with_an_unknown_partner_says_which(ask):
    result = ask("check", "huiswerkbegeleiding met de scholen", "--actor", "Vzw Bestaatniet")
    assert result.exit_code != 0 and "Vzw Bestaatniet" in result.output
