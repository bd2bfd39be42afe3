"""FUNDS: the recipients the budgets of 004 name, with amount and period (loaders/data/funds.yaml).

A FUNDS relationship runs from the action whose budget pays to the recipient; its provenance is the
line that states the amount; `note` names the funder where the text does and the recipient's line.
"""

from __future__ import annotations

from importlib import resources

import yaml

from armoedegraaf.errors import SourceError
from graph.model import GraphBatch, node_id
from loaders.resolution.actor_nodes import add_actor
from loaders.report import LoadReport

DATA = "loaders/data/funds.yaml"
PLAN = "VAPA 2015-2019"


def add_funds(batch: GraphBatch, resolver, report: LoadReport) -> None:
    """One FUNDS per entry whose action the load holds (only 004 when loaded)."""
    entries = yaml.safe_load(resources.files("loaders").joinpath("data/funds.yaml").read_text(encoding="utf-8"))
    for e in entries.get("funds", []):
        aid = next((n.id for n in batch.nodes.values() if "Action" in n.labels
                    and n.properties.get("code") == e["action"] and n.properties.get("plan") == PLAN), None)
        if aid is None:
            continue
        amount, recipient = e["amount_cite"], e["recipient_cite"]
        res = resolver.resolve(e["recipient"], role="other", source=recipient["file"], line=recipient["line"])
        if res is None:
            raise SourceError(f"funds: {e['recipient']!r} names no single actor", file=DATA)
        rid = node_id(res.label, res.key)
        if rid not in batch.nodes:
            add_actor(batch, res, e["recipient"], recipient["file"], recipient["line"])
        funder = f"betaald vanuit {e['funder']}; " if e.get("funder") else ""
        batch.add_relationship("FUNDS", aid, rid, source=amount["file"], line=amount["line"],
                               as_written=e["recipient"], amount_eur=float(e["amount_eur"]), period=str(e["period"]),
                               note=f"{funder}ontvanger genoemd op regel {recipient['line']}" + (
                                   f"; {e['note']}" if e.get("note") else ""))
        report.count("funds_relationships")
