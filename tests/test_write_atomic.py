"""A load killed in the middle of its write leaves Neo4j holding the old graph, whole: the writer
sends its rows in chunks, but all of them in one transaction, which dies with the process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Replaces the graph with the seed graph grown 3x, printing every chunk written, and hangs after
# the first chunks so the parent can kill it with the transaction still open.
CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, "benchmarks")
    from pathlib import Path
    from armoedegraaf.settings import Settings
    from graph.neo4j_store import Neo4jStore
    from loaders.pipeline import build_graph
    from synth_corpus import grow

    batch = grow(build_graph(Path("data/sources")).batch, 3)
    store = Neo4jStore.from_settings(Settings(backend="neo4j"))
    store.batch_size = 200

    def progress(done, total):
        print(f"written {done} of {total}", flush=True)
        if done >= 2000:
            time.sleep(600)  # killed here, rows sent, nothing committed

    store.progress = progress
    store.replace(batch)
    print("committed", flush=True)
""")


def test_killed_replace_leaves_the_old_graph(neo4j_store, seed_load):
    neo4j_store.replace(seed_load.batch)
    before = neo4j_store.export()
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                             env=os.environ.copy())
    try:
        seen = []
        for line in child.stdout:
            seen.append(line)
            if line.startswith("written") and int(line.split()[1]) >= 2000:
                break
        assert seen and seen[-1].startswith("written"), seen  # killed mid-write, not before or after
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert neo4j_store.export() == before
