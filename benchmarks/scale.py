"""Scale benchmark: both backends on the seed graph grown 1x, 10x and 100x (benchmarks/synth_corpus.py).

Per factor and backend it prints: load seconds and rows/s, peak RSS (the API process; for Neo4j
also its JVM when NEO4J_RUN_DIR is set, as `scripts/neo4j-local start` prints), and per question
its first (uncached) answer and its warm p50/p95 at 1 and at 16 clients, measured with `hey` on
loopback as benchmarks/api_load.py does: as served (GET answers cached per state of the graph) and,
for Neo4j, again with the answer cache off (`neo4j-raw`: every request answered by its Cypher). Then the growth factor of each p95 at 16 clients from the
first to the last factor, Neo4j's 1x p95 at 16 clients against the embedded first answer, and the
Neo4j writer against a raw `UNWIND ... CREATE` of the same rows, in the same run.

Run (NEO4J_* of a server used for nothing else: it is cleared):
    .venv/bin/python benchmarks/scale.py --factors 1,10,100 [--json out.json]
Prints figures; asserts nothing. Bounded: a fixed number of requests per question, loopback only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from api_load import CLI, ENDPOINTS, ROOT, first_answer, free_port, hey_binary, run_hey, wait_until_up
from load_backends import raw_unwind
from synth_corpus import SOURCES, grow

NAN = float("nan")

from armoedegraaf.settings import Settings
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore
from loaders.pipeline import build_graph


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the process's peak resident set so far."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def neo4j_pid() -> int | None:
    run_dir = os.environ.get("NEO4J_RUN_DIR")
    pid_file = Path(run_dir) / "neo4j.pid" if run_dir else None
    return int(pid_file.read_text()) if pid_file and pid_file.exists() else None


def load_memory(batch, data_dir: Path) -> float:
    start = time.perf_counter()
    MemoryStore.open(data_dir).replace(batch)
    return time.perf_counter() - start


def load_neo4j(batch, seed_batch) -> tuple[float, float]:
    """(writer seconds, raw UNWIND seconds) for the same rows, each into an empty database. Both
    first write the seed graph once (untimed), so that neither pays for planning its statements:
    the server caches plans for every later load."""
    neo = Neo4jStore.from_settings(Settings(backend="neo4j"))
    raw_unwind(neo, seed_batch)  # its index's drop empties the server's plan cache: first
    neo.clear()
    neo.write(seed_batch)  # constraints, indexes and statement plans, outside the timing
    neo.clear()
    neo.progress = _progress()
    start = time.perf_counter()
    neo.write(batch)
    load = time.perf_counter() - start
    neo.progress = None
    raw = raw_unwind(neo, batch)
    neo.write(batch)  # raw_unwind cleared it: the graph back for the questions
    neo.close()
    return load, raw


def _progress() -> Callable[[int, int], None]:
    """Print the write's progress at every tenth of the rows."""
    shown = [0]

    def show(done: int, total: int) -> None:
        if done * 10 // total > shown[0] or done == total:
            shown[0] = done * 10 // total
            print(f"  neo4j write: {done}/{total} rows", file=sys.stderr, flush=True)

    return show


def bench_questions(backend: str, data_dir: Path, hey: str, args, factor: int,
                    cached: bool = True) -> tuple[dict, float]:
    """Each question's first answer and warm p50/p95 at 1 and 16 clients on a served API; with
    cached=False the answer cache is off (every request computed by the store's queries)."""
    port = free_port()
    env = {**os.environ, "ARMOEDEGRAAF_ANSWER_CACHE": "true" if cached else "false"}
    backend_label = backend if cached else backend + "-raw"
    server = subprocess.Popen(CLI + ["--backend", backend, "--data-dir", str(data_dir), "serve", "--port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base, out = f"http://127.0.0.1:{port}", {}
    try:
        wait_until_up(base, timeout=600)
        for name, method, path in ENDPOINTS:
            if (args.only and name not in args.only) or name in args.skip or (factor > 10 and name in args.skip_large):
                continue
            try:
                first, _ = first_answer(base + path, method)
            except OSError as exc:  # over first_answer's timeout
                print(f"  {backend_label:<9} {name:<20} first answer failed ({exc})", flush=True)
                continue
            if first > args.slow_s * 1000 and (not cached or method != "GET"):
                # Bounded: a question this slow, computed for every request, is reported by its first
                # answer alone (a served GET is computed once per graph state: its warm runs are short).
                print(f"  {backend_label:<9} {name:<20} first {first:9.1f}  (over {args.slow_s} s: warm runs skipped)",
                      flush=True)
                out[name] = {"first": first, "p50_1": NAN, "p95_1": NAN, "p50_16": NAN, "p95_16": NAN, "non_200": 0}
                continue
            run_hey(hey, base + path, method, 4, 1)  # warm-up
            one = run_hey(hey, base + path, method, args.requests_1, 1)
            many = run_hey(hey, base + path, method, args.requests_16, 16)
            wait_drained(base)
            out[name] = {"first": first, "p50_1": one["p50"], "p95_1": one["p95"], "p50_16": many["p50"],
                         "p95_16": many["p95"], "non_200": one["non_200"] + many["non_200"]}
            print(f"  {backend_label:<9} {name:<20} first {first:9.1f}  c1 p50/p95 {one['p50']:8.1f} {one['p95']:8.1f}"
                  f"  c16 p50/p95 {many['p50']:8.1f} {many['p95']:8.1f}  non-200 {out[name]['non_200']}", flush=True)
        rss = peak_rss_mb(server.pid)
        print(f"  {backend_label:<9} API process peak RSS {rss:.0f} MB", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()  # still inside a slow question
            server.wait(timeout=20)
    return out, rss


def wait_drained(base: str, quick_s: float = 0.5, timeout: float = 300) -> None:
    """Wait until /health answers within quick_s: requests hey gave up on (its 20 s timeout) are
    still being computed, and would otherwise queue the next question's requests behind them."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        start = time.perf_counter()
        try:
            wait_until_up(base, timeout=timeout)
        except RuntimeError:
            break
        if time.perf_counter() - start < quick_s:
            return
    print(f"  the API at {base} was still busy after {timeout:.0f} s", flush=True)


def run_factor(factor: int, seed_batch, hey: str, args) -> dict:
    batch = grow(seed_batch, factor, args.seed)
    rows = len(batch.nodes) + len(batch.relationships)
    print(f"\n== {factor}x: {len(batch.nodes)} nodes, {len(batch.relationships)} relationships", flush=True)
    result: dict = {"factor": factor, "nodes": len(batch.nodes), "relationships": len(batch.relationships)}
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        seconds = load_memory(batch, data_dir)
        print(f"  memory load {seconds:.2f} s ({rows / seconds:.0f} rows/s)", flush=True)
        questions, rss = bench_questions("memory", data_dir, hey, args, factor)
        result["memory"] = {"load_s": seconds, "rows_per_s": rows / seconds, "rss_mb": rss, "questions": questions}
        if os.environ.get("NEO4J_URI"):
            load, raw = load_neo4j(batch, seed_batch)
            print(f"  neo4j load {load:.2f} s ({rows / load:.0f} rows/s), raw UNWIND {raw:.2f} s, ratio {load / raw:.2f}",
                  flush=True)
            jvm = neo4j_pid()
            questions, rss = bench_questions("neo4j", data_dir, hey, args, factor)
            result["neo4j"] = {"load_s": load, "rows_per_s": rows / load, "raw_unwind_s": raw, "ratio": load / raw,
                               "rss_mb": rss, "jvm_rss_mb": peak_rss_mb(jvm) if jvm else float("nan"),
                               "questions": questions}
            if not args.no_raw:
                raw_questions, _ = bench_questions("neo4j", data_dir, hey, args, factor, cached=False)
                result["neo4j-raw"] = {"questions": raw_questions}
    return result


def print_summary(results: list[dict]) -> None:
    first, last = results[0], results[-1]
    print("\nload and memory")
    print(f"{'factor':>6} {'backend':<7} {'nodes':>7} {'rels':>7} {'load s':>8} {'rows/s':>8} {'RSS MB':>8} "
          f"{'JVM MB':>8} {'raw s':>7} {'ratio':>6}")
    for r in results:
        for backend in ("memory", "neo4j"):
            b = r.get(backend)
            if b:
                print(f"{r['factor']:>5}x {backend:<7} {r['nodes']:>7} {r['relationships']:>7} {b['load_s']:>8.2f} "
                      f"{b['rows_per_s']:>8.0f} {b['rss_mb']:>8.0f} {b.get('jvm_rss_mb', float('nan')):>8.0f} "
                      f"{b.get('raw_unwind_s', float('nan')):>7.2f} {b.get('ratio', float('nan')):>6.2f}")
    for backend in ("memory", "neo4j", "neo4j-raw"):
        if backend not in last:
            continue
        factors = " ".join(f"{str(r['factor']) + 'x':>9}" for r in results)
        print(f"\n{backend}: first answer ms | warm p95 ms at 16 clients, per factor {factors}; growth of the p95 "
              f"{first['factor']}x->{last['factor']}x" + ("; 1x p95@16 / embedded first" if backend.startswith("neo4j") else "")
              + ("  (answer cache off: every answer by Cypher)" if backend == "neo4j-raw" else ""))
        for name in first[backend]["questions"]:
            cells = [r[backend]["questions"].get(name, {}) for r in results]
            firsts = [c.get("first", NAN) for c in cells]
            p95s = [c.get("p95_16", NAN) for c in cells]
            line = (f"  {name:<20} " + " ".join(f"{v:9.1f}" for v in firsts) + " | "
                    + " ".join(f"{v:9.1f}" for v in p95s) + f"  growth {p95s[-1] / p95s[0]:7.2f}x")
            if backend.startswith("neo4j") and "memory" in first and name in first["memory"]["questions"]:
                embedded = first["memory"]["questions"][name]
                # the POST check is never cached: its embedded p95 under the same load is the uncached answer
                uncached = embedded["p95_16"] if name == "overlap/check" else embedded["first"]
                line += f"  vs embedded {p95s[0] / uncached:6.2f}x"
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", default="1,10", help="comma-separated growth factors, e.g. 1,10,100")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests-1", type=int, default=40, help="requests per question at 1 client (>= 20 for a p95)")
    parser.add_argument("--requests-16", type=int, default=96, help="requests per question at 16 clients")
    parser.add_argument("--slow-s", type=float, default=5.0,
                        help="a question computed for every request (cache off, or POST) whose first "
                             "answer takes longer is not run warm")
    parser.add_argument("--skip", type=lambda s: s.split(","), default=[], help="comma-separated question names")
    parser.add_argument("--skip-large", type=lambda s: s.split(","), default=[],
                        help="comma-separated questions skipped above 10x")
    parser.add_argument("--only", type=lambda s: s.split(","), default=None, help="comma-separated question names")
    parser.add_argument("--no-raw", action="store_true", help="skip Neo4j with the answer cache off")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args()
    hey = hey_binary()
    seed_batch = build_graph(SOURCES).batch
    results = [run_factor(int(f), seed_batch, hey, args) for f in args.factors.split(",")]
    print_summary(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
