"""scripts/neo4j-local writes the password files readable by their owner only (issue 15)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_auth_ini_is_written_0600(tmp_path):
    """The auth.ini writer of `start` (the embedded Python), run on its own: it holds the password hash."""
    script = (ROOT / "scripts" / "neo4j-local").read_text()
    helper = script.split("auth.ini\" \"$password\" <<'EOF'\n")[1].split("\nEOF\n")[0]
    assert "auth.ini" not in helper and "hashlib" in helper  # the password-hash writer, not another heredoc
    target = tmp_path / "auth.ini"
    os.umask(0o022)
    subprocess.run([sys.executable, "-", str(target), "geheim-wachtwoord"], input=helper, text=True, check=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("neo4j:SHA-256,")


def test_a_started_server_has_its_env_file_0600():
    run_dir = os.environ.get("NEO4J_RUN_DIR")
    if not run_dir or not (Path(run_dir) / "neo4j.env").exists():
        pytest.skip("no server started by scripts/neo4j-local in this environment (NEO4J_RUN_DIR)")
    assert stat.S_IMODE((Path(run_dir) / "neo4j.env").stat().st_mode) == 0o600
    auth = Path(run_dir) / "data" / "dbms" / "auth.ini"
    if auth.exists():
        assert stat.S_IMODE(auth.stat().st_mode) == 0o600
