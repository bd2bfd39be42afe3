"""Lineage: SUCCEEDED_BY between renamed or merged bodies, from loaders/data/lineage.yaml.

The relationship carries the date and the public reference of the change. Its provenance is the
curated file and the entry's line: the change itself is external knowledge; the entry's `seen`
citations show where the sources use each name. A lineage joins actors the load has met; a successor
no source names (Departement Zorg) is added as a node of its own so that a 2025 name finds the 2015 work.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from armoedegraaf.errors import SourceError
from graph.model import GraphBatch, node_id
from loaders.resolution.actor_nodes import add_actor
from loaders.report import LoadReport
from loaders.resolution.resolve import Resolver

DATA = "loaders/data/lineage.yaml"


def read_lineage(text: str | None = None) -> list[dict[str, Any]]:
    """The entries of the lineage file, each with the line it starts on; SourceError on a bad entry."""
    if text is None:
        text = resources.files("loaders").joinpath("data/lineage.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    starts = [i + 1 for i, ln in enumerate(lines) if ln.startswith("  - from:")]
    entries = (yaml.safe_load(text) or {}).get("lineage", [])
    if len(starts) != len(entries):
        raise SourceError("every lineage entry must start with '  - from:'", file=DATA)
    out = []
    for line, entry in zip(starts, entries):
        missing = [k for k in ("from", "to", "date", "reference") if not entry.get(k)]
        if missing:
            raise SourceError(f"lineage entry needs {', '.join(missing)}", file=DATA, line=line)
        out.append({**entry, "line": line})
    return out


def add_lineage(batch: GraphBatch, report: LoadReport, entries: list[dict[str, Any]] | None = None) -> None:
    """SUCCEEDED_BY for every entry of which the load met at least one body."""

    resolver = Resolver()  # its own: the lineage's names are no mentions of a source
    for e in read_lineage() if entries is None else entries:
        role = e.get("role", "other")
        ends = [resolver.resolve(e[k], role=role, source=DATA, line=e["line"]) for k in ("from", "to")]
        if any(r is None for r in ends):
            raise SourceError(f"lineage names no single actor: {e['from']!r} -> {e['to']!r}", file=DATA, line=e["line"])
        ids = [node_id(r.label, r.key) for r in ends]
        if not any(i in batch.nodes for i in ids):
            report.count("lineage_skipped_unmet")
            continue
        for res, nid, written in zip(ends, ids, (e["from"], e["to"])):
            if nid not in batch.nodes:
                add_actor(batch, res, written, DATA, e["line"])
                report.count("lineage_nodes_added")
        facts = {"date": str(e["date"]), "reference": e["reference"], "confidence": e.get("confidence"),
                 "method": "curated"}
        existing = batch.relationships.get((ids[0], "SUCCEEDED_BY", ids[1], ""))
        if existing is not None:  # stated before (a coordinator's exported table): add what it lacks
            existing.properties.update({k: v for k, v in facts.items() if v and not existing.properties.get(k)})
        else:
            batch.add_relationship("SUCCEEDED_BY", ids[0], ids[1], source=DATA, line=e["line"], **facts)
        report.count("lineage_relationships")
