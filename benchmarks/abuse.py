"""Abuse benchmark of the API (issue 15): start `armoedegraaf serve` on loopback over the bundled
sources and send the requests that broke it, while a second client times GET /health every 100 ms.

Requests: an 8,000- and a 12,000-character compound word to POST /overlap/check, 26 distinct runs of
one letter (19,982 characters each), a 50 MB body (with and without Content-Length), 400,000 and 201
actor ids, a 100,000-deep nested JSON body, 8 concurrent overlap checks of 20,000 characters of real
text, and a long id and query. Prints each request's status and time, the longest /health wait, and
the server's RSS at start, at its peak and at the end.
Targets: every abusive request 4xx or bounded (< the 20 s time budget), /health never > 1 s, RSS
within 200 MB of the start.

Run: .venv/bin/python benchmarks/abuse.py [--backend memory|neo4j]   (neo4j: NEO4J_* set)
Prints figures; asserts nothing. Loopback only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "armoedegraaf.cli"]
SOURCE_004 = next((ROOT / "data" / "sources").glob("004_*.txt"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def big_post(port: int, path: str, body: bytes, chunked: bool) -> tuple[int | str, float, int]:
    """Send a big body as a real client does, but stop sending as soon as the server answers (an
    early 413): otherwise the client would only see the reset of the connection the server closed."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        framing = b"transfer-encoding: chunked" if chunked else f"content-length: {len(body)}".encode()
        sock.sendall(b"POST " + path.encode() + b" HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                     + framing + b"\r\n\r\n")
        sent = 0
        try:
            for i in range(0, len(body), 1 << 16):
                if select.select([sock], [], [], 0)[0]:
                    break  # the answer is there: no need to send the rest
                chunk = body[i:i + (1 << 16)]
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk)
                sent += len(chunk)
            else:
                sock.sendall(b"0\r\n\r\n" if chunked else b"")
        except OSError:
            pass  # closed by the server after its answer: read that answer
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                more = sock.recv(65536)
                if not more:
                    break
                data += more
        except OSError as exc:
            return type(exc).__name__, time.monotonic() - started, 0
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else "no answer"
    print(f"  (sent {sent / 2**20:.1f} of {len(body) / 2**20:.0f} MB before the answer)")
    return status, time.monotonic() - started, len(data)


def request(port: int, method: str, path: str, body: bytes | None = None, chunked: bool = False,
            timeout: float = 120) -> tuple[int | str, float, int]:
    """(status, seconds, response bytes); a refused or reset connection is reported as such."""
    if body is not None and len(body) > 4_000_000:
        return big_post(port, path, body, chunked)
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"content-type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, time.monotonic() - started, len(data)
    except (ConnectionError, socket.timeout, http.client.HTTPException) as exc:
        return type(exc).__name__, time.monotonic() - started, 0
    finally:
        conn.close()


class HealthProbe(threading.Thread):
    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port, self.waits, self.statuses, self.stop = port, [], [], threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            status, seconds, _ = request(self.port, "GET", "/health", timeout=10)
            self.waits.append(seconds)
            self.statuses.append(status)
            time.sleep(0.1)


def check(text: str, actors: list[str] | None = None) -> bytes:
    return json.dumps({"text": text, "actors": actors or []}).encode()


def abusive_requests() -> list[tuple[str, dict]]:
    real = " ".join(SOURCE_004.read_text(encoding="utf-8").split())[:20_000]
    word = "kinderarmoedebestrijdingsplan"
    return [
        ("999-char compound word", {"method": "POST", "path": "/overlap/check", "body": check((word * 40)[:999])}),
        ("20 x 999-char compound words", {"method": "POST", "path": "/overlap/check",
                                          "body": check(" ".join([(word * 40)[:999]] * 20))}),
        ("8,000-char compound word", {"method": "POST", "path": "/overlap/check", "body": check((word * 300)[:8000])}),
        ("12,000-char compound word", {"method": "POST", "path": "/overlap/check", "body": check((word * 500)[:12000])}),
        *[(f"'{c}' x 19,982", {"method": "POST", "path": "/overlap/check", "body": check(c * 19982)})
          for c in "abcdefghijklmnopqrstuvwxyz"],
        *[(f"'{c}' x 999, 20 times", {"method": "POST", "path": "/overlap/check", "body": check(" ".join([c * 999] * 20))})
          for c in "abcdefghij"],
        ("50 MB body", {"method": "POST", "path": "/overlap/check", "body": b'{"text": "' + b"a " * 25_000_000 + b'"}'}),
        ("50 MB chunked body", {"method": "POST", "path": "/overlap/check", "chunked": True,
                                "body": b'{"text": "' + b"a " * 25_000_000 + b'"}'}),
        ("400,000 actor ids", {"method": "POST", "path": "/overlap/check",
                               "body": check("huiswerkbegeleiding voor kinderen", [f"org:x{i}" for i in range(400_000)])}),
        ("201 actor ids", {"method": "POST", "path": "/overlap/check",
                           "body": check("huiswerkbegeleiding voor kinderen", [f"org:x{i}" for i in range(201)])}),
        ("100,000-deep JSON", {"method": "POST", "path": "/overlap/check", "body": b"[" * 100_000 + b"]" * 100_000}),
        ("20,000 chars of real text", {"method": "POST", "path": "/overlap/check", "body": check(real)}),
        ("8,000-char node id", {"method": "GET", "path": "/nodes/" + "x" * 8000}),
        ("search, 500 chars of one word", {"method": "GET", "path": "/search?q=" + "kinderarmoede" * 38}),
        ("kaart, focus 4,000 chars", {"method": "GET", "path": "/kaart?focus=" + "a" * 4000}),
    ], real


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["memory", "neo4j"], default="memory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ARMOEDEGRAAF_BACKEND": args.backend, "ARMOEDEGRAAF_DATA_DIR": tmp}
        subprocess.run([*CLI, "load", "--quiet", "--fresh"], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen([*CLI, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        try:
            run(port, psutil.Process(server.pid), args.backend)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log = server.stderr.read().decode("utf-8", "replace")
            print(f"\nserver stderr: {len(log.splitlines())} lines, 'Traceback' {log.count('Traceback')} times "
                  "(tracebacks in the server log are logged error ids, not answers)")


def run(port: int, proc: psutil.Process, backend: str) -> None:
    deadline = time.monotonic() + 60
    while request(port, "GET", "/health", timeout=2)[0] != 200:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not come up")
        time.sleep(0.2)
    request(port, "POST", "/overlap/check", check("huiswerkbegeleiding voor kinderen in armoede"))  # warm up
    rss_start = proc.memory_info().rss
    peak = [rss_start]
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.is_set():
            peak[0] = max(peak[0], proc.memory_info().rss)
            time.sleep(0.05)

    threading.Thread(target=sample, daemon=True).start()
    probe = HealthProbe(port)
    probe.start()
    requests, real = abusive_requests()
    print(f"backend {backend}, server pid {proc.pid}, RSS at start {rss_start / 2**20:.0f} MB\n")
    print(f"{'request':<30} {'status':>8} {'seconds':>8} {'answer bytes':>12}")
    for name, spec in requests:
        status, seconds, size = request(port, **spec)
        print(f"{name:<30} {status!s:>8} {seconds:>8.2f} {size:>12}", flush=True)
    with ThreadPoolExecutor(8) as pool:
        started = time.monotonic()
        results = list(pool.map(lambda _: request(port, "POST", "/overlap/check", check(real)), range(8)))
    print(f"{'8 concurrent real 20,000-char':<30} {','.join(sorted({str(r[0]) for r in results})):>8} "
          f"{time.monotonic() - started:>8.2f} {'(all 8)':>12}")
    time.sleep(1)
    probe.stop.set()
    probe.join()
    sampling.set()
    rss_end = proc.memory_info().rss
    slow = sum(1 for w in probe.waits if w > 1.0)
    print(f"\n/health: {len(probe.waits)} probes, max wait {max(probe.waits):.3f} s, "
          f"{slow} over 1 s, statuses {sorted(set(map(str, probe.statuses)))}")
    print(f"RSS: start {rss_start / 2**20:.0f} MB, peak {peak[0] / 2**20:.0f} MB "
          f"(+{(peak[0] - rss_start) / 2**20:.0f}), end {rss_end / 2**20:.0f} MB (+{(rss_end - rss_start) / 2**20:.0f})")


if __name__ == "__main__":
    main()
