"""Load benchmark of the question endpoints on loopback, with a real load tool (`hey`).

For each backend (embedded always; Neo4j when NEO4J_URI is set, as scripts/run-benchmarks does) it
loads the bundled sources, starts `armoedegraaf serve` on a free 127.0.0.1 port, and runs hey with
16 concurrent clients against each endpoint, printing the first (uncached) answer's latency, then
p50/p95/p99 latency and throughput. GET answers of the embedded backend are cached per graph version,
so its percentiles measure the served product, and `first ms` the cost of computing an answer.
`hey` is built from the Go module proxy into .cache/bin on first use.

Run: .venv/bin/python benchmarks/api_load.py [--requests 800] [--concurrency 16]
Prints figures; asserts nothing. Bounded: a fixed number of requests per endpoint, loopback only.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".cache" / "bin"
CLI = [sys.executable, "-m", "armoedegraaf.cli"]
CHECK_BODY = {"text": "Een huurwaarborgfonds voor gezinnen in armoede op de private huurmarkt", "grondrecht": "08"}
ENDPOINTS = [
    ("search", "GET", "/search?q=kinderarmoedebestrijding&limit=10"),
    ("overlap", "GET", "/overlap?limit=20"),
    ("similar", "GET", "/actions/09_06_03/similar"),
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


def first_answer_ms(url: str, method: str) -> float:
    """One request before any other to this endpoint: the uncached cost of the question."""
    data = json.dumps(CHECK_BODY).encode() if method == "POST" else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as r:
        r.read()
    return (time.perf_counter() - start) * 1000


def bench_backend(backend: str, hey: str, requests: int, concurrency: int) -> None:
    with tempfile.TemporaryDirectory() as data:
        base_cmd = CLI + ["--backend", backend, "--data-dir", data]
        subprocess.run(base_cmd + ["load", "--fresh", "--quiet"], check=True, capture_output=True, cwd=ROOT)
        port = free_port()
        server = subprocess.Popen(base_cmd + ["serve", "--port", str(port)], cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base)
            print(f"\n{backend} backend, {concurrency} concurrent clients, {requests} requests per endpoint")
            sys.stdout.flush()
            print(f"{'endpoint':<20} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} "
                  f"{'non-200':>8}")
            for name, method, path in ENDPOINTS:
                first = first_answer_ms(base + path, method)
                run_hey(hey, base + path, method, concurrency, concurrency)  # warm-up
                r = run_hey(hey, base + path, method, requests, concurrency)
                print(f"{name:<20} {first:>9.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['rps']:>8.0f} "
                      f"{r['non_200']:>8}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--neo4j-requests", type=int, default=96,
                        help="requests per endpoint on Neo4j (its slow questions take seconds each)")
    args = parser.parse_args()
    hey = hey_binary()
    bench_backend("memory", hey, args.requests, args.concurrency)
    if os.environ.get("NEO4J_URI"):
        bench_backend("neo4j", hey, args.neo4j_requests, args.concurrency)
    else:
        print("\nNEO4J_URI not set: Neo4j figures skipped (scripts/run-benchmarks starts one)")


if __name__ == "__main__":
    main()
