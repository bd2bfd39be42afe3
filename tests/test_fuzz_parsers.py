"""Seeded fuzzing of every source parser and the --extra reader (tests/mutate.py): a mutated
document loads, or is refused with an error naming its file, never anything else. Each parser gets
a few seconds per run (a time-bounded loop, not a timed assertion); benchmarks/fuzz_loaders.py runs
the 1,000-document version."""

from __future__ import annotations

import random
import time

import pytest

from loaders.pipeline import build_graph
from tests.mutate import PREFIXES, SOURCES, classify, mutated_csv, mutated_sources, mutated_xlsx

SECONDS_PER_PARSER = 3.0
MIN_RUNS = 3


def _fuzz(run_one, seed: int) -> list:
    rng = random.Random(seed)
    outcomes = []
    deadline = time.monotonic() + SECONDS_PER_PARSER
    while len(outcomes) < MIN_RUNS or time.monotonic() < deadline:
        outcomes.append(run_one(rng, len(outcomes)))
    return outcomes


def _bugs(outcomes) -> list:
    return [o for o in outcomes if o.kind in ("traceback", "unnamed")]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_mutated_source_documents_load_or_name_the_file(prefix, tmp_path):
    def run_one(rng, n):
        path = mutated_sources(rng, prefix, tmp_path / f"s{n}")
        return classify(lambda: build_graph(path.parent, only=[prefix]).batch.validate(), path.name)

    outcomes = _fuzz(run_one, seed=int(prefix) + 15)
    assert _bugs(outcomes) == []
    assert any(o.kind == "refused" for o in outcomes) or len(outcomes) < 10  # the mutator does break things


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_mutated_extra_files_load_or_name_the_file(kind, tmp_path):
    make = mutated_csv if kind == "csv" else mutated_xlsx

    def run_one(rng, n):
        path = make(rng, tmp_path / f"e{n}")
        return classify(lambda: build_graph(SOURCES, [path], only=["000"]).batch.validate(), path.name)

    assert _bugs(_fuzz(run_one, seed=15 if kind == "csv" else 16)) == []
