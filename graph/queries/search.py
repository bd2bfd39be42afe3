"""Full-text search: BM25 over the analysed `terms` every node stores (graph/text.py makes them at
load time, so both backends rank the very same tokens).

The query takes terms that are already analysed (`graph.text.analyze(user_text)`): the Cypher and
networkx twins then compute the same Okapi BM25, operation for operation, in the same order:

    idf(t)   = ln(1 + (N - df + 0.5) / (df + 0.5))
    score(d) = sum over distinct query terms t (in query order) with tf > 0 of
               idf(t) * (tf * (k1 + 1)) / (tf + k1 * (1 - b + b * dl / avgdl))

with k1 = 1.2, b = 0.75, N and avgdl taken over the nodes that carry `terms` and one of `labels`
(all labels when empty). Scores are rounded to 6 decimals and ties broken by id, so both backends
return identical rows, best first: {id, labels, name, code, score, matched}.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from graph.queries.registry import Rows, query

K1 = 1.2
B = 0.75
DECIMALS = 6


def _distinct(terms: list[str]) -> list[str]:
    return list(dict.fromkeys(terms))


def _cypher_params(params: dict[str, Any]) -> dict[str, Any]:
    return {"terms": _distinct(params["terms"]), "labels": list(params["labels"]), "plan": params.get("plan"),
            "limit": int(params["limit"]), "k1": K1, "b": B, "decimals": DECIMALS}


def _row(node_id: str, labels: Any, name: Any, code: Any, score: float, matched: list[str]) -> dict[str, Any]:
    return {"id": node_id, "labels": sorted(labels), "name": name, "code": code,
            "score": round(score, DECIMALS), "matched": matched}


def _ranked(rows: Rows, limit: int) -> Rows:
    return sorted(rows, key=lambda r: (-r["score"], r["id"]))[:max(limit, 0)]


def _shape(rows: Rows, params: dict[str, Any]) -> Rows:
    out = [_row(r["id"], r["labels"], r["name"], r["code"], r["score"], r["matched"]) for r in rows]
    return _ranked(out, int(params["limit"]))


def bm25_term(tf: int, df: int, n: int, dl: float, avgdl: float) -> float:
    """One term's contribution; the Cypher below spells out the same expression."""
    idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
    return idf * (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * dl / avgdl))


@query(
    cypher="""
    MATCH (n) WHERE n.terms IS NOT NULL
      AND (size($labels) = 0 OR any(l IN labels(n) WHERE l IN $labels))
      AND ($plan IS NULL OR n.plan = $plan)
    WITH collect(n) AS docs
    WITH docs, size(docs) AS N, toFloat(reduce(s = 0, d IN docs | s + size(d.terms))) AS total
    WHERE N > 0 AND size($terms) > 0 AND $limit > 0
    WITH docs, N, total / N AS avgdl, [t IN $terms | size([d IN docs WHERE t IN d.terms])] AS dfs
    UNWIND docs AS d
    WITH d, N, avgdl, dfs WHERE any(t IN $terms WHERE t IN d.terms)
    WITH d, N, avgdl, dfs, toFloat(size(d.terms)) AS dl,
         [t IN $terms | size([x IN d.terms WHERE x = t])] AS tfs
    WITH d, [i IN range(0, size($terms) - 1) WHERE tfs[i] > 0 | $terms[i]] AS matched,
         reduce(s = 0.0, i IN range(0, size($terms) - 1) | s + CASE WHEN tfs[i] = 0 THEN 0.0 ELSE
           log(1.0 + (N - dfs[i] + 0.5) / (dfs[i] + 0.5))
             * (tfs[i] * ($k1 + 1)) / (tfs[i] + $k1 * (1 - $b + $b * dl / avgdl)) END) AS score
    RETURN d.id AS id, labels(d) AS labels, d.name AS name, d.code AS code, score, matched
    ORDER BY round(score, $decimals) DESC, id ASC
    LIMIT $limit
    """,
    shape=_shape,
    cypher_params=_cypher_params,
)
def search_terms(graph: nx.MultiDiGraph, terms: list[str], labels: list[str], limit: int,
                 plan: str | None = None) -> Rows:
    """Nodes with a `terms` property (and one of `labels`; any when empty) ranked by BM25 against
    the analysed query `terms`; at most `limit` rows, best first, ties by id."""
    wanted = set(labels)
    docs = [(nid, attrs) for nid, attrs in graph.nodes(data=True)
            if attrs.get("terms") is not None and (not wanted or wanted & set(attrs["labels"]))
            and (plan is None or attrs.get("plan") == plan)]
    query_terms = _distinct(terms)
    if not docs or not query_terms or limit <= 0:
        return []
    n = len(docs)
    avgdl = float(sum(len(attrs["terms"]) for _, attrs in docs)) / n
    dfs = [sum(1 for _, attrs in docs if t in attrs["terms"]) for t in query_terms]
    rows = []
    for nid, attrs in docs:
        tfs = [attrs["terms"].count(t) for t in query_terms]
        matched = [t for t, tf in zip(query_terms, tfs) if tf > 0]
        if not matched:
            continue
        dl = float(len(attrs["terms"]))
        score = 0.0
        for tf, df in zip(tfs, dfs):
            if tf:
                score = score + bm25_term(tf, df, n, dl, avgdl)
        rows.append(_row(nid, attrs["labels"], attrs.get("name"), attrs.get("code"), score, matched))
    return _ranked(rows, limit)
