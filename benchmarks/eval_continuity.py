"""Continuity quality: VAPA 2015-2019 -> Opgroeien 2025 against the blind set of
tests/fixtures/eval_continuity.yaml (written by reading both plans, before the scorer existed).

    .venv/bin/python benchmarks/eval_continuity.py [--min-score 0.15]

A labelled pair (later, earlier) is predicted when graph/questions/continuity.py lists the earlier
action among those the later one continues. Precision = predicted continuation pairs / predicted
labelled pairs; recall = predicted continuation pairs / all continuation pairs. The same figures are
printed for a text-only baseline (the cosine alone, same threshold and top-k) and for a sweep of
thresholds, so the chosen default can be read against its neighbours.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.memory_store import MemoryStore  # noqa: E402
from graph.questions import continuity as c  # noqa: E402
from loaders.pipeline import build_graph  # noqa: E402


def predicted(store: MemoryStore, min_score: float) -> set[tuple[str, str]]:
    result = c.continuity(store, "vapa-2015-2019", "opgroeien-2025", min_score=min_score)
    return {(a["code"], m["earlier"]["code"]) for a in result["actions"] for m in a["continues"]}


def figures(pred: set[tuple[str, str]], pos: set[tuple[str, str]], neg: set[tuple[str, str]]) -> tuple[float, float, int, int]:
    tp, fp = len(pred & pos), len(pred & neg)
    precision = tp / (tp + fp) if tp + fp else 0.0
    return precision, tp / len(pos), tp, fp


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--min-score", type=float, default=c.MIN_SCORE)
    args = parser.parse_args()
    labels = yaml.safe_load((ROOT / "tests" / "fixtures" / "eval_continuity.yaml").read_text("utf-8"))
    pos = {(p["later"], p["earlier"]) for p in labels["continuation"]}
    neg = {(p["later"], p["earlier"]) for p in labels["non_pair"]}
    store = MemoryStore()
    store.replace(build_graph(ROOT / "data" / "sources").batch)
    print(f"blind set: {len(pos)} continuation pairs, {len(neg)} non-pairs")
    t = time.perf_counter()
    pred = predicted(store, args.min_score)
    took = time.perf_counter() - t
    p, r, tp, fp = figures(pred, pos, neg)
    print(f"product  (min_score {args.min_score}): precision {p:.2f}  recall {r:.2f}  (tp {tp}, fp {fp}; "
          f"{len(pred)} pairs predicted; {took:.2f}s)")
    weights, c.WEIGHTS = c.WEIGHTS, {"text": 1.0, "actors": 0.0, "lineage": 0.0}
    try:
        p, r, tp, fp = figures(predicted(store, args.min_score), pos, neg)
    finally:
        c.WEIGHTS = weights
    print(f"baseline text only (min_score {args.min_score}): precision {p:.2f}  recall {r:.2f}  (tp {tp}, fp {fp})")
    print("sweep (product):")
    for ms in (0.10, 0.15, 0.20, 0.25, 0.30):
        p, r, tp, fp = figures(predicted(store, ms), pos, neg)
        print(f"  min_score {ms:.2f}: precision {p:.2f}  recall {r:.2f}  (tp {tp}, fp {fp})")
    missed = sorted(pos - pred)
    print(f"missed continuation pairs at {args.min_score}: {', '.join(f'{a}->{b}' for a, b in missed) or 'none'}")


if __name__ == "__main__":
    main()
