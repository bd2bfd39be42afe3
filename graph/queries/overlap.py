"""Overlap queries: the SIMILAR_TO edges computed at load time and the fiches printed twice."""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx

from graph.queries.registry import Rows, query


_PERIOD = re.compile(r"\b(20\d\d)\s*-\s*(20\d\d)\b")
TEMPLATE_WORDS = 8  # titles opening with this many identical words, then differing: one template


def overlap_kind(exact: bool, a: dict[str, Any], b: dict[str, Any]) -> str:
    """What kind of overlap a pair is, from the two nodes' own fields:
    exact_duplicate  the same text twice;
    split_record     one text of the source made into several records (same source, and the same
                     line or the same name and text: one initiative in two places, e.g. a handbook
                     project whose sentence names two towns);
    successor        one replaces the other (`replaced_by`), or the same title for a later period
                     (Beheersovereenkomst VRT 2012-2016 / 2016-2020);
    shared_template  titles that open with TEMPLATE_WORDS identical words and then name different
                     subjects (the brochures of 03_03_01 and 03_03_03): a template, not an initiative;
    similar          anything else."""
    same_source = bool(a.get("source")) and a.get("source") == b.get("source")
    if same_source and (a.get("line") == b.get("line") or (exact and a.get("name") == b.get("name"))):
        return "split_record"
    if exact:
        return "exact_duplicate"
    ra, rb = a.get("replaced_by"), b.get("replaced_by")
    if (ra and ra in (b.get("code"), rb)) or (rb and rb == a.get("code")):
        return "successor"  # one replaces the other, or both go on in the same fiche
    ta, tb = (str(x.get("title") or x.get("name") or "") for x in (a, b))
    pa, pb = _PERIOD.search(ta), _PERIOD.search(tb)
    if pa and pb and pa.group() != pb.group() and _PERIOD.sub("", ta).split()[-2:] == _PERIOD.sub("", tb).split()[-2:]:
        return "successor"
    wa, wb = ta.lower().split(), tb.lower().split()
    if len(wa) > TEMPLATE_WORDS and wa[:TEMPLATE_WORDS] == wb[:TEMPLATE_WORDS] and wa != wb:
        return "shared_template"
    return "similar"


def _pair(a: str, b: str, props: dict[str, Any], names: dict[str, Any]) -> dict[str, Any]:
    exact = bool(props.get("exact_duplicate"))
    shown = ("code", "name")
    return {"a": {"id": a, **{k: names[a].get(k) for k in shown}}, "b": {"id": b, **{k: names[b].get(k) for k in shown}},
            "score": props["score"], "exact_duplicate": exact, "kind": overlap_kind(exact, names[a], names[b]),
            "reasons": json.loads(props["reasons"]), "source": props["source"], "line": props["line"]}


_NODE_FIELDS = ("code", "name", "title", "source", "line", "replaced_by", "plan")


def _order(rows: Rows) -> Rows:
    return sorted(rows, key=lambda r: (not r["exact_duplicate"], -r["score"], r["a"]["id"], r["b"]["id"]))


def _shape_pairs(rows: Rows, params: dict[str, Any]) -> Rows:
    out = [_pair(r["a"], r["b"], r["props"], {r["a"]: r["a_props"], r["b"]: r["b_props"]}) for r in rows]
    return _order(out)[: params["limit"]]


@query(
    cypher="""
    MATCH (a)-[s:SIMILAR_TO]->(b)
    WHERE s.score >= $min_score AND ($node IS NULL OR a.id = $node OR b.id = $node)
      AND ($plan IS NULL OR a.plan = $plan OR b.plan = $plan)
      AND ($grondrecht IS NULL OR EXISTS { MATCH (x)-[:TARGETS]->(:Grondrecht {code: $grondrecht})
                                           WHERE x = a OR x = b })
    RETURN a.id AS a, b.id AS b, properties(s) AS props,
           {code: a.code, name: a.name, title: a.title, source: a.source, line: a.line, replaced_by: a.replaced_by,
            plan: a.plan} AS a_props,
           {code: b.code, name: b.name, title: b.title, source: b.source, line: b.line, replaced_by: b.replaced_by,
            plan: b.plan} AS b_props
    """,
    shape=_shape_pairs,
)
def similar_pairs(graph: nx.MultiDiGraph, min_score: float = 0.0, grondrecht: str | None = None,
                  node: str | None = None, limit: int = 20, plan: str | None = None) -> Rows:
    """Stored overlap pairs, exact duplicates first, then by score, each with its kind; optionally
    those touching one node, with either side in `plan` (so pairs across plans are kept), or with
    either side targeting a grondrecht."""
    def targets(n: str) -> bool:
        return any(d["type"] == "TARGETS" and graph.nodes[e].get("code") == grondrecht
                   for _, e, d in graph.out_edges(n, data=True))

    rows = []
    for a, b, d in graph.edges(data=True):
        if d["type"] != "SIMILAR_TO" or d["score"] < min_score or (node is not None and node not in (a, b)):
            continue
        if grondrecht is not None and not (targets(a) or targets(b)):
            continue
        if plan is not None and plan not in (graph.nodes[a].get("plan"), graph.nodes[b].get("plan")):
            continue
        names = {n: {k: graph.nodes[n].get(k) for k in _NODE_FIELDS} for n in (a, b)}
        rows.append(_pair(a, b, d, names))
    return _order(rows)[:limit]


@query(
    cypher="""
    MATCH (a:Action) WHERE size(coalesce(a.duplicate_lines, [])) > 0
      AND ($grondrecht IS NULL OR EXISTS { (a)-[:TARGETS]->(:Grondrecht {code: $grondrecht}) })
    RETURN a.id AS id, a.code AS code, a.line AS line, a.source AS source, a.duplicate_lines AS duplicate_lines
    ORDER BY id
    """,
)
def repeated_fiches(graph: nx.MultiDiGraph, grondrecht: str | None = None) -> Rows:
    """Actions whose fiche the document prints more than once (the parser keeps the first)."""
    rows = []
    for n, a in graph.nodes(data=True):
        if "Action" not in a["labels"] or not a.get("duplicate_lines"):
            continue
        if grondrecht is not None and not any(d["type"] == "TARGETS" and graph.nodes[e].get("code") == grondrecht
                                              for _, e, d in graph.out_edges(n, data=True)):
            continue
        rows.append({"id": n, "code": a.get("code"), "line": a["line"], "source": a["source"],
                     "duplicate_lines": list(a["duplicate_lines"])})
    return sorted(rows, key=lambda r: r["id"])
