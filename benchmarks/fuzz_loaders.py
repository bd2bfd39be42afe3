"""Fuzz run of the loaders: 1,000 mutated source documents (200 per bundled document) and 200 bad
--extra files (CSV and XLSX), each loaded as `armoedegraaf load` would (parse, build, derive,
validate), with the seeded mutator of tests/mutate.py.

Prints per document: runs, loaded, refused (an error naming the file), tracebacks, errors that do
not name the file, runs over 30 s, and the slowest run; then the first bugs found. Targets: 0
tracebacks, 0 unnamed, 0 runs over 30 s. A run is cut off at 30 s (SIGALRM) and counted.

Run: .venv/bin/python benchmarks/fuzz_loaders.py [--docs 1000] [--extras 200] [--seed 15]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders.pipeline import build_graph  # noqa: E402
from tests.mutate import PREFIXES, SOURCES, Outcome, classify, mutated_csv, mutated_sources, mutated_xlsx  # noqa: E402

LIMIT_S = 30


class _Overtime(BaseException):  # not caught by classify()
    pass


def _alarm(signum, frame):
    raise _Overtime()


def timed(run, file_name: str) -> tuple[Outcome, float]:
    started = time.monotonic()
    signal.alarm(LIMIT_S)
    try:
        outcome = classify(run, file_name)
    except _Overtime:
        outcome = Outcome("overtime", f"over {LIMIT_S} s")
    finally:
        signal.alarm(0)
    return outcome, time.monotonic() - started


def report(name: str, results: list[tuple[Outcome, float, str]]) -> list[tuple[Outcome, float, str]]:
    kinds = Counter(o.kind for o, _, _ in results)
    slowest = max((t for _, t, _ in results), default=0.0)
    print(f"{name:<14} {len(results):>5} {kinds['ok']:>7} {kinds['refused']:>8} {kinds['traceback']:>10} "
          f"{kinds['unnamed']:>8} {kinds['overtime']:>7} {slowest:>9.2f}", flush=True)
    return [r for r in results if r[0].kind not in ("ok", "refused")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--extras", type=int, default=200)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(args.seed)
    bugs = []
    print(f"{'document':<14} {'runs':>5} {'loaded':>7} {'refused':>8} {'traceback':>10} {'unnamed':>8} "
          f"{'>30 s':>7} {'slowest s':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        samples: list[str] = []
        for prefix in PREFIXES:
            results = []
            for n in range(args.docs // len(PREFIXES)):
                path = mutated_sources(rng, prefix, Path(tmp) / f"{prefix}-{n}")
                outcome, seconds = timed(lambda: build_graph(path.parent, only=[prefix]).batch.validate(), path.name)
                results.append((outcome, seconds, path.name))
                if outcome.kind == "refused" and len(samples) < 8 and rng.random() < 0.05:
                    samples.append(outcome.message)
            bugs += report(prefix, results)
        results = []
        for n in range(args.extras):
            make = mutated_csv if n % 2 == 0 else mutated_xlsx
            path = make(rng, Path(tmp) / f"extra-{n}")
            outcome, seconds = timed(lambda: build_graph(SOURCES, [path], only=["000"]).batch.validate(), path.name)
            results.append((outcome, seconds, path.name))
        bugs += report("--extra", results)
        print("\nbig documents (000 and 003 repeated; the limit is 20 MB): seconds to load or refuse")
        for prefix in ("000", "003"):
            original = next(SOURCES.glob(f"{prefix}_*.txt")).read_bytes()
            for times in (1, 10, 100, 7000 if prefix == "000" else 2000):
                folder = Path(tmp) / f"big-{prefix}-{times}"
                path = mutated_sources(random.Random(0), prefix, folder)
                path.write_bytes(original * times)
                outcome, seconds = timed(lambda: build_graph(folder, only=[prefix]).batch.validate(), path.name)
                print(f"  {prefix} x{times:<5} {len(original) * times / 1e6:>6.1f} MB  {outcome.kind:<9} {seconds:>6.2f} s  "
                      f"{outcome.message[:90]}")
    print("\nsome refusals, as the user reads them:")
    for message in samples:
        print(f"  error: {message[:160]}")
    print(f"\nbugs: {len(bugs)}")
    for outcome, seconds, name in bugs[:20]:
        print(f"  {name}: {outcome.kind} after {seconds:.1f} s: {outcome.message[:200]}")


if __name__ == "__main__":
    main()
