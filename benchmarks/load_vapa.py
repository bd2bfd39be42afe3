"""Benchmark: parse the action plan 004 alone and load it into the embedded graph (target <= 1 s).

Run: .venv/bin/python benchmarks/load_vapa.py [--repeat 5]
Prints the median and best of each step; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from graph.memory_store import MemoryStore
from loaders.pipeline import build_graph
from loaders.resolution.resolve import default_table
from loaders.sources import VAPA as VAPA_SOURCE

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
VAPA = next(SOURCES.glob("004_*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    t0 = time.perf_counter()
    default_table()  # the alias table is compiled once per process; report it apart
    print(f"alias table compile (once per process): {time.perf_counter() - t0:.3f} s")
    parse, total = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        VAPA_SOURCE.read(VAPA)
        parse.append(time.perf_counter() - t)
        t = time.perf_counter()
        result = build_graph(SOURCES, only=["004"])
        MemoryStore.open(None).write(result.batch)
        total.append(time.perf_counter() - t)
    print(f"parse 004: median {statistics.median(parse):.3f} s, best {min(parse):.3f} s")
    print(f"parse + build + load 004 into the embedded graph: median {statistics.median(total):.3f} s, "
          f"best {min(total):.3f} s ({len(result.batch.nodes)} nodes, {len(result.batch.relationships)} relationships)")


if __name__ == "__main__":
    main()
