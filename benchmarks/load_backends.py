"""Benchmark: seconds to load all bundled sources into each backend, and the Neo4j load against a
raw `UNWIND ... CREATE` of the same rows with the bare driver (the floor for any Neo4j writer).

Run: scripts/run-benchmarks (starts a local Neo4j), or with NEO4J_URI/NEO4J_PASSWORD set:
    .venv/bin/python benchmarks/load_backends.py [--repeat 3]
Prints figures; asserts nothing (speed targets are read off here, never in timed tests).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from armoedegraaf.settings import Settings
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from loaders.pipeline import build_graph

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def raw_unwind(store: Neo4jStore, batch, tx_rows: int | None = None) -> float:
    """Write the same nodes and relationships with plain UNWIND/CREATE (one label, one relationship
    type, one index), in chunks of 1000 rows committed every `tx_rows` rows as the writer commits a
    big load into an empty database (the store's tx_rows; one transaction below it)."""
    tx_rows = store.tx_rows if tx_rows is None else tx_rows
    nodes = [{"id": n.id, "props": {**n.properties, "id": n.id}} for n in batch.nodes.values()]
    rels = [{"start": r.start, "end": r.end, "props": r.properties} for r in batch.relationships.values()]
    statements = [("UNWIND $rows AS row CREATE (n:Raw) SET n = row.props", nodes[i:i + 1000])
                  for i in range(0, len(nodes), 1000)]
    statements += [("UNWIND $rows AS row MATCH (a:Raw {id: row.start}) MATCH (b:Raw {id: row.end}) "
                     "CREATE (a)-[r:REL]->(b) SET r = row.props", rels[i:i + 1000]) for i in range(0, len(rels), 1000)]
    per_tx = len(statements) if len(nodes) + len(rels) <= tx_rows else max(1, tx_rows // 1000)
    with store.driver.session(database=store.database) as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
        s.run("CREATE INDEX raw_id IF NOT EXISTS FOR (n:Raw) ON (n.id)").consume()
        s.run("CALL db.awaitIndexes()").consume()

        def work(group):
            def tx_work(tx):
                for statement, rows in group:
                    tx.run(statement, rows=rows).consume()
            return tx_work

        def all_transactions():
            for i in range(0, len(statements), per_tx):
                s.execute_write(work(statements[i:i + per_tx]))

        elapsed = timed(all_transactions)
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
        s.run("DROP INDEX raw_id IF EXISTS").consume()
    return elapsed


def embedding_cold_warm() -> None:
    """Embedding time of a build on an empty vector cache (no bundled vectors) and on the warm one."""
    from graph import embeddings

    with tempfile.TemporaryDirectory() as tmp:
        embeddings._CACHE = embeddings.VectorCache(Path(tmp) / "vectors.npz", bundled=False)
        for name in ("cold", "warm"):
            before = (embeddings.STATS.embedded, embeddings.STATS.seconds)
            total = timed(lambda: build_graph(SOURCES))
            print(f"embedding, {name} cache: {embeddings.STATS.embedded - before[0]} texts embedded in "
                  f"{embeddings.STATS.seconds - before[1]:.1f} s (build total {total:.1f} s)")
        embeddings._CACHE = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--embedding-only", action="store_true", help="only the cold/warm embedding figures")
    args = parser.parse_args()
    embedding_cold_warm()
    if args.embedding_only:
        return

    build = [timed(lambda: build_graph(SOURCES)) for _ in range(args.repeat)]
    result = build_graph(SOURCES)
    batch = result.batch
    print(f"graph: {len(batch.nodes)} nodes, {len(batch.relationships)} relationships")
    print(f"parse+build all sources: median {statistics.median(build):.3f} s")

    with tempfile.TemporaryDirectory() as tmp:
        mem = [timed(lambda: MemoryStore.open(Path(tmp) / str(time.time_ns())).write(batch))
               for _ in range(args.repeat)]
    print(f"memory backend write (persisted): median {statistics.median(mem):.3f} s")

    neo = Neo4jStore.from_settings(Settings(backend="neo4j"))
    print(f"neo4j: {neo.ping()}")
    neo.clear()
    first = timed(lambda: neo.write(batch))  # includes creating the constraints
    loads, raws = [], []
    for _ in range(args.repeat):
        neo.clear()
        loads.append(timed(lambda: neo.write(batch)))
        raws.append(raw_unwind(neo, batch))
    neo.clear()
    neo.close()
    load, raw = statistics.median(loads), statistics.median(raws)
    print(f"neo4j backend write: first (with constraints) {first:.3f} s, median {load:.3f} s")
    print(f"raw UNWIND/CREATE of the same rows: median {raw:.3f} s")
    print(f"ratio neo4j load / raw UNWIND: {load / raw:.2f}")
    print(f"load total (parse+build+write): memory {statistics.median(build) + statistics.median(mem):.3f} s, "
          f"neo4j {statistics.median(build) + load:.3f} s")


if __name__ == "__main__":
    main()
