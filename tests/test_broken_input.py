"""Broken files, settings and stores give one `error:` line naming the file (and line), never a
traceback; failed writes leave nothing behind; both backends refuse the same rows; derived data is
recomputed from the whole graph (issue 15, findings 4-6)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from armoedegraaf.errors import SchemaError, SourceError
from graph.memory_store import GRAPH_FILE, STALE_AFTER_S, MemoryStore
from graph.model import GraphBatch
from loaders.pipeline import build_graph, load_into
from loaders.source_text import MAX_LINE_CHARS, MAX_SOURCE_BYTES
from loaders.sociale_kaart.tables import row_errors

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
PLATFORMS = next(SOURCES.glob("002_*.txt"))
EXAMPLE_XLSX = ROOT / "data" / "examples" / "sociale-kaart.xlsx"


def cli(*args: str, env: dict | None = None, limit_file_bytes: int | None = None, timeout: float = 120):
    """The real `armoedegraaf` command in its own process (real stderr, real exit code)."""
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))

    full_env = {**os.environ, "ARMOEDEGRAAF_BACKEND": "memory", **(env or {})}
    return subprocess.run([sys.executable, "-m", "armoedegraaf.cli", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=ROOT,
                          preexec_fn=limit if limit_file_bytes else None)


def one_error_line(proc) -> str:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1, proc.stderr
    return errors[0]


def sources_with(tmp_path: Path, prefix: str, data: bytes) -> Path:
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES, folder)
    target = next(folder.glob(f"{prefix}_*.txt"))
    target.write_bytes(data)
    return folder


def test_a_non_utf8_platform_study_names_file_and_line(tmp_path):
    text = PLATFORMS.read_bytes().decode("utf-8")
    folder = sources_with(tmp_path, "002", text.encode("cp1252", errors="replace"))
    line = one_error_line(cli("--data-dir", str(tmp_path / "g"), "load", "--only", "002", "--sources", str(folder)))
    assert PLATFORMS.name in line and "not UTF-8" in line and "line" in line
    assert not (tmp_path / "g" / GRAPH_FILE).exists()


def test_a_truncated_platform_study_names_the_file(tmp_path):
    data = PLATFORMS.read_bytes()
    folder = sources_with(tmp_path, "002", data[: len(data) // 3])
    line = one_error_line(cli("--data-dir", str(tmp_path / "g"), "load", "--only", "002", "--sources", str(folder)))
    assert PLATFORMS.name in line


def test_every_cut_of_the_platform_study_is_a_source_error():
    from loaders.platforms.document import parse_platforms

    text = PLATFORMS.read_text(encoding="utf-8")
    for fraction in (0.05, 0.3, 0.5, 0.7, 0.9):  # (the last pages hold nothing the loader needs)
        with pytest.raises(SourceError):
            parse_platforms(text[: int(len(text) * fraction)], PLATFORMS.name)


def test_a_cut_short_xlsx_names_the_file(tmp_path):
    # Keep the zip readable but cut a sheet's XML in half: openpyxl then meets a ParseError.
    broken = tmp_path / "kaart.xlsx"
    with zipfile.ZipFile(EXAMPLE_XLSX) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    with pytest.raises(SourceError, match="kaart.xlsx: a damaged .xlsx workbook"):
        build_graph(SOURCES, [broken], only=["004"])
    line = one_error_line(cli("--data-dir", str(tmp_path / "g"), "load", "--only", "004", "--extra", str(broken)))
    assert "kaart.xlsx" in line


def test_data_dir_pointing_at_a_file(tmp_path):
    afile = tmp_path / "not-a-folder"
    afile.write_text("x")
    for command in (["info"], ["load", "--only", "000"]):
        line = one_error_line(cli("--data-dir", str(afile), *command))
        assert "is a file, not a folder" in line


def test_a_full_disk_during_the_write_keeps_the_old_graph_and_no_temp_file(tmp_path):
    data = tmp_path / "g"
    assert cli("--data-dir", str(data), "load", "--only", "000").returncode == 0
    before = (data / GRAPH_FILE).read_bytes()
    proc = cli("--data-dir", str(data), "load", limit_file_bytes=len(before) + 1000)
    line = one_error_line(proc)
    assert "cannot write the embedded graph" in line and "unchanged" in line
    assert (data / GRAPH_FILE).read_bytes() == before
    assert list(data.glob(".graph-*")) == []


def test_stale_temp_files_of_killed_loads_are_removed(tmp_path, seed_load):
    tmp_path.mkdir(exist_ok=True)
    stale, young = tmp_path / ".graph-killed.json", tmp_path / ".graph-running.json"
    for f in (stale, young):
        f.write_text("{")
    old = time.time() - STALE_AFTER_S - 60
    os.utime(stale, (old, old))
    MemoryStore.open(tmp_path).write(GraphBatch())
    assert not stale.exists() and young.exists()


def test_a_graph_file_of_the_wrong_shape(tmp_path):
    (tmp_path / GRAPH_FILE).write_text(json.dumps({"nodes": {"a": 1}, "relationships": []}))
    line = one_error_line(cli("--data-dir", str(tmp_path), "info"))
    assert f"{GRAPH_FILE}: not a graph of armoedegraaf" in line and "load --fresh" in line
    (tmp_path / GRAPH_FILE).write_text(json.dumps({"nodes": [{"id": "x"}], "relationships": []}))
    assert "not a graph of armoedegraaf" in one_error_line(cli("--data-dir", str(tmp_path), "info"))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("uri, expected", [
    ("http://127.0.0.1:7474", "NEO4J_URI must start with"),
    ("bolt://127.0.0.1:7687?policy=eu", "NEO4J_URI is not a usable Neo4j address"),
    ("bolt://127.0.0.1:{closed}", "Neo4j is not reachable"),
])
def test_neo4j_misconfigured_or_down_is_one_line_without_retry_noise(uri, expected):
    started = time.monotonic()
    proc = cli("--backend", "neo4j", "info", env={"NEO4J_URI": uri.format(closed=_closed_port()),
                                                  "NEO4J_PASSWORD": "whatever-8"})
    assert expected in one_error_line(proc)
    assert proc.stderr.strip().count("\n") == 0  # nothing but the error line: no driver warnings
    assert uri.split("?")[0].format(closed="") not in proc.stderr and time.monotonic() - started < 20


def test_a_neo4j_server_error_is_one_line(neo4j_store):
    env = {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")}
    proc = cli("--backend", "neo4j", "info", env={**env, "NEO4J_DATABASE": "geen-databank"})
    assert "Neo4j" in one_error_line(proc)


def test_a_bad_setting_is_one_line_naming_it(tmp_path):
    assert "port" in one_error_line(cli("info", env={"ARMOEDEGRAAF_PORT": "achtduizend"}))


def test_a_line_number_too_large_is_a_row_error_on_every_backend(tmp_path):
    csv = tmp_path / "organisations.csv"
    csv.write_text("name,type,source,line\nBuurtwerk Boom,Organisation,eigen.txt,99999999999999999999\n"
                   "Buurtwerk Rumst,Organisation,eigen.txt,12\n", encoding="utf-8")
    result = build_graph(SOURCES, [csv], only=["000"])
    (error,) = row_errors(result.report)
    assert error.line == 2 and "line" in error.message and "1..10000000" in error.message
    assert "org:buurtwerk-rumst" in result.batch.nodes and "org:buurtwerk-boom" not in result.batch.nodes


def test_both_backends_refuse_an_integer_beyond_64_bits(store):
    batch = GraphBatch()
    batch.add_node("Grondrecht", "05", source="x.txt", line=2**63, name="Recht op werk")
    with pytest.raises(SchemaError, match="beyond 64 bits"):
        store.write(batch)
    assert store.counts()["labels"] == {}


def test_sources_beyond_the_size_and_line_limits(tmp_path):
    folder = sources_with(tmp_path, "000", b"a" * (MAX_LINE_CHARS + 1) + b"\n")
    with pytest.raises(SourceError, match=r"000_.*\.txt:1: .*a line of 20001 characters"):
        build_graph(folder, only=["000"])
    big = next(folder.glob("003_*.txt"))
    with big.open("wb") as fh:
        fh.truncate(MAX_SOURCE_BYTES + 1)
    with pytest.raises(SourceError, match=rf"{big.name}: .*more than the limit"):
        build_graph(folder, only=["003"])


def test_a_partial_load_then_a_full_one_equals_a_fresh_full_load(store, loaded_memory):
    load_into(store, SOURCES, only=["004"])
    load_into(store, SOURCES)
    got, fresh = store.export(), loaded_memory.export()
    similar = [(r["start"], r["end"]) for r in got["relationships"] if r["type"] == "SIMILAR_TO"]
    assert similar == [(r["start"], r["end"]) for r in fresh["relationships"] if r["type"] == "SIMILAR_TO"]
    assert got == fresh


@pytest.mark.parametrize("doc", [
    {"nodes": [{"id": "a", "labels": [1, "x"], "properties": {}}], "relationships": []},
    {"nodes": [{"id": "grondrecht:05", "labels": ["Grondrecht"], "properties": {}}],
     "relationships": [{"type": "TARGETS", "start": "grondrecht:05", "end": "elders", "properties": {}}]},
])
def test_graph_files_of_other_shapes_for_every_command(tmp_path, doc):
    (tmp_path / GRAPH_FILE).write_text(json.dumps(doc))
    for command in (["info"], ["export"]):
        assert "not a graph of armoedegraaf" in one_error_line(cli("--data-dir", str(tmp_path), *command))


def test_a_write_to_a_full_device_is_one_line(tmp_path):
    assert cli("--data-dir", str(tmp_path), "load", "--only", "000").returncode == 0
    assert "No space left on device" in one_error_line(cli("--data-dir", str(tmp_path), "export", "-o", "/dev/full"))


def test_the_cli_catch_all_logs_an_error_id(capsys):
    from armoedegraaf.cli import _one_line_errors

    with pytest.raises(SystemExit) as exit_:
        with _one_line_errors():
            {}["a key no dict has"]
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: unexpected KeyError (error id ") and "Traceback" not in err
    log = Path(err.rsplit("details in ", 1)[1].strip())
    assert "Traceback" in log.read_text() and "a key no dict has" in log.read_text()
    log.unlink()
