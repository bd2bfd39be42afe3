"""Build the graph of the action plan 004 (VAPA 2015-2019): plan, grondrechten, actions."""

from __future__ import annotations

import re
from pathlib import Path

from graph.model import GraphBatch
from loaders.report import LoadReport

PLAN = "VAPA 2015-2019"
_GRONDRECHT = re.compile(r"^\s*(0\d|10) ([a-z][a-z ]+?)\s*$")
_ACTIE = re.compile(r"^\s*ACTIE\s+(\d\d_\d\d_\d\d)\b\s*(.*?)\s*$")


def load_vapa(path: Path):
    from loaders.pipeline import LoadResult

    text = path.read_text(encoding="utf-8")
    batch, report = build_vapa_minimal(text, path.name)
    return LoadResult(batch, report)


def build_vapa_minimal(text: str, file: str) -> tuple[GraphBatch, LoadReport]:
    """Grondrechten and action codes with titles: the first path through the product."""
    batch, report = GraphBatch(), LoadReport()
    lines = text.splitlines()
    plan = batch.add_node("Plan", PLAN, source=file, line=1, name=PLAN, period="2015-2019")
    for no, line in enumerate(lines[:40], start=1):
        if m := _GRONDRECHT.match(line):
            batch.add_node("Grondrecht", m.group(1), source=file, line=no, code=m.group(1), name=m.group(2))
    for no, line in enumerate(lines, start=1):
        m = _ACTIE.match(line)
        if not m:
            continue
        code, title = m.group(1), m.group(2).removesuffix("Budgettair").strip()
        if not title:
            title = next((t.strip() for t in lines[no:no + 5] if t.strip()), "")
        action = batch.add_node("Action", (PLAN, code), source=file, line=no, code=code, plan=PLAN,
                                name=f"{code} {title}".strip(), title=title)
        batch.add_relationship("TARGETS", action, f"grondrecht:{code[:2]}", source=file, line=no)
        batch.add_relationship("PART_OF", action, plan, source=file, line=no)
        report.count("actions")
    return batch, report
