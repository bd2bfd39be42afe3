"""Every curated fact in loaders/data/*.yaml that cites a source line must be on that line.

A citation is any mapping, at any depth, with the keys `file`, `line` and `evidence`: the line
`line` (1-based) of data/sources/<file> must contain `evidence`, compared case-insensitively and
with runs of whitespace read as one space.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "loaders" / "data"
SOURCES = ROOT / "data" / "sources"


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def citations(node, where: str = ""):
    """(path in the document, citation mapping) for every citation in a parsed YAML document."""
    if isinstance(node, dict):
        if {"file", "line", "evidence"} <= node.keys():
            yield where, node
        for key, value in node.items():
            yield from citations(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from citations(value, f"{where}[{i}]")


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


@lru_cache(maxsize=None)
def source_lines(file: str) -> tuple[str, ...] | None:
    path = SOURCES / file
    if not path.is_file():
        path = ROOT / file  # a citation of a repository file, e.g. loaders/data/...
    return tuple(path.read_text(encoding="utf-8").split("\n")) if path.is_file() else None


def check(citation: dict) -> str | None:
    """None when the cited line holds the evidence; otherwise what is wrong."""
    lines = source_lines(str(citation["file"]))
    line, evidence = citation["line"], citation["evidence"]
    if lines is None:
        return f"no such source file {citation['file']!r}"
    if not isinstance(line, int) or isinstance(line, bool) or not 1 <= line <= len(lines):
        return f"line {line!r} is not a line of {citation['file']} (1..{len(lines)})"
    if not str(evidence).strip():
        return "empty evidence"
    if _norm(evidence) not in _norm(lines[line - 1]):
        return f"{citation['file']}:{line} does not contain {evidence!r}; it reads {lines[line - 1].strip()!r}"
    return None


DATA_FILES = sorted(DATA.glob("*.yaml"))


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.name for p in DATA_FILES])
def test_every_citation_is_on_its_line(path):
    doc = load(path)
    problems = [f"{path.name}{where}: {msg}" for where, c in citations(doc) if (msg := check(c))]
    assert not problems, "\n".join(problems)


def test_the_curated_files_do_cite():
    counts = {p.name: sum(1 for _ in citations(load(p))) for p in DATA_FILES}
    # one name per platform plus the facts, and all seven categories with their members
    assert counts["platforms.yaml"] >= 57 + 50
    assert counts["partner_categories.yaml"] >= 7 + 20
    assert counts["geography.yaml"] >= 100  # a first mention for each municipality the sources name


def test_check_fails_on_a_wrong_line_or_evidence():
    good = {"file": "002_839b33d58696378e.txt", "line": 3752, "evidence": "OCMW Farciennes startte nooit op"}
    assert check(good) is None
    assert check({**good, "line": 3751}) is not None
    assert check({**good, "line": 0}) is not None
    assert check({**good, "line": 10**6}) is not None
    assert check({**good, "evidence": "OCMW Farciennes startte wel op"}) is not None
    assert check({**good, "file": "999_missing.txt"}) is not None
    assert check({**good, "evidence": "  ocmw   FARCIENNES startte nooit op "}) is None  # case and spacing aside


def test_citations_are_found_at_any_depth():
    doc = {"a": [{"b": {"file": "f", "line": 1, "evidence": "x", "nested": {"file": "g", "line": 2, "evidence": "y"}}}]}
    assert [where for where, _ in citations(doc)] == [".a[0].b", ".a[0].b.nested"]
