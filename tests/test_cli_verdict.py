"""`armoedegraaf verdict ...` and the new `ask` questions on the command line (embedded backend)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from armoedegraaf.cli import cli


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--data-dir", str(tmp_path / "g"), *args], catch_exceptions=False)

    assert invoke("load", "--quiet", "--only", "004").exit_code == 0
    return invoke


def test_judge_export_import_and_list(run, tmp_path):
    pairs = json.loads(run("ask", "overlap", "--limit", "500", "--format", "json").output)["pairs"]
    a, b = pairs[0]["a"]["id"], pairs[0]["b"]["id"]
    given = run("verdict", "give", "overlap", a, b, "--verdict", "distinct", "--author", "An", "--note", "anders")
    assert given.exit_code == 0 and json.loads(given.output)["verdict"] == "distinct"
    assert run("load", "--quiet", "--only", "004").exit_code == 0
    after = json.loads(run("ask", "overlap", "--limit", "500", "--format", "json").output)["pairs"]
    assert {a, b} not in [{p["a"]["id"], p["b"]["id"]} for p in after] and len(after) == len(pairs) - 1
    out = tmp_path / "v.csv"
    assert run("verdict", "export", "--output", str(out)).exit_code == 0
    assert out.read_text().splitlines()[0] == "kind,a,b,verdict,author,note,at"
    assert json.loads(run("verdict", "import", str(out)).output) == {"read": 1, "added": 0, "already_known": 1}
    listed = run("verdict", "list")
    assert "distinct" in listed.output and "LOSGEKOPPELD" not in listed.output


def test_bad_verdicts_exit_1_with_the_field(run, tmp_path):
    bad = run("verdict", "give", "overlap", "action:nope", "action:vapa-2015-2019:00_01_01",
              "--verdict", "distinct", "--author", "An")
    assert bad.exit_code == 1 and "action:nope" in bad.output
    wrong = run("verdict", "give", "merge", "org:a", "org:b", "--verdict", "distinct", "--author", "An")
    assert wrong.exit_code == 1 and "verdict" in wrong.output
    csv = tmp_path / "bad.csv"
    csv.write_text("kind,a,b,verdict,author\ngap,,,todo,An\n", encoding="utf-8")
    broken = run("verdict", "import", str(csv))
    assert broken.exit_code == 1 and "bad.csv:2" in broken.output and "a:" in broken.output


def test_ask_continuity_shared_with_and_timeline(tmp_path):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "g")]
    assert runner.invoke(cli, [*data, "load", "--quiet", "--only", "004", "--only", "003"]).exit_code == 0
    cont = runner.invoke(cli, [*data, "ask", "continuity", "vapa-2015-2019", "opgroeien-2025", "--format", "json"])
    assert cont.exit_code == 0 and len(json.loads(cont.output)["actions"]) == 37
    shared = runner.invoke(cli, [*data, "ask", "shared-with", "administration:kind-en-gezin", "--grondrecht", "05"])
    assert shared.exit_code == 0 and shared.output.startswith("05 onderwijs:")
    timeline = runner.invoke(cli, [*data, "ask", "timeline", "--plan", "plan:armoedeplan-opgroeien"])
    assert timeline.exit_code == 0 and "2025-09" in timeline.output


def test_new_since_the_last_load(run, tmp_path):
    assert run("load", "--quiet", "--only", "004", "--only", "002").exit_code == 0
    fresh = json.loads(run("verdict", "new-since", "last-load", "--format", "json").output)
    assert fresh["total"] > 0 and all(not g["key"].startswith("poverty_involvement") for g in fresh["gaps"])
    assert run("verdict", "new-since", "gisteren").exit_code == 1
