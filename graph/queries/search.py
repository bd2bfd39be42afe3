"""Search: the two retrieval signals, each on the store's own index.

* `search_lexical`: Okapi BM25 (k1 1.2, b 0.75) over the analysed terms every searchable node
  stores as `search_text` (graph/text.py makes them at load time). Neo4j: the full-text index of
  graph/schema.yaml (Lucene, whitespace analyzer over those very terms) through
  db.index.fulltext.queryNodes. Embedded: bm25s (method 'lucene') over the same tokens.
* `search_semantic`: cosine of a query vector with the stored passage embeddings, each node
  scored by its best passage. Neo4j: the vector index through db.index.vector.queryNodes (it
  reports (1 + cos) / 2; converted back). Embedded: one numpy matrix product.

The two backends agree on the top results, not to the last digit: Lucene stores document lengths
in one byte (lossy) and its HNSW vector search is approximate, so scores differ in the 2nd-3rd
decimal and near-ties may swap. The contract (tests/test_search_query.py) is the same top-k set.

Rows: {id, labels, name, code, source, line, score, matched} (lexical) and {..., score, passage:
{id, text, line, similarity}} (semantic), best first, ties by id.
"""

from __future__ import annotations

import weakref
from typing import Any

import networkx as nx
import numpy as np

from graph.cypher import match_by_id
from graph.model import node_id
from graph.passages import MAX_PASSAGES
from graph.queries.registry import Rows, query
from graph.schema import load_schema

K1, B = 1.2, 0.75
DECIMALS = 4
FETCH = 1000  # index hits fetched before the label / plan filter (the index ranks all nodes)
PASSAGES = 200  # passages fetched from the vector index before grouping them by node
# A node's semantic score: its best passage and its whole text, half each (chosen on the plan's-words
# set, the development set: best passage alone 0.695 recall@5, whole text alone 0.674, this 0.742).
BEST_PASSAGE, WHOLE_TEXT = 0.5, 0.5


def _index(kind: str) -> str:
    return load_schema().raw["indexes"][kind][0]["name"]


def _distinct(terms: list[str]) -> list[str]:
    return list(dict.fromkeys(terms))


def _wanted(labels: Any, wanted: list[str], plan: str | None, attrs: dict[str, Any]) -> bool:
    return (not wanted or bool(set(wanted) & set(labels))) and (plan is None or attrs.get("plan") == plan)


def _ranked(rows: Rows, limit: int) -> Rows:
    for r in rows:
        r["score"] = round(r["score"], DECIMALS)
        r["labels"] = sorted(r["labels"])
    return sorted(rows, key=lambda r: (-r["score"], r["id"]))[:max(limit, 0)]


# -- lexical -----------------------------------------------------------------------------------

def _weights(params: dict[str, Any]) -> dict[str, float]:
    """term -> query weight (1 unless `weights` says otherwise), distinct terms in query order."""
    weights = params.get("weights") or {}
    return {t: float(weights.get(t, 1.0)) for t in _distinct(params["terms"])}


def _lucene(weights: dict[str, float]) -> str:
    # Terms are [a-z0-9_] only (graph/text.py), so they need no escaping; a boost scales a term's score.
    return " ".join(t if w == 1.0 else f"{t}^{w:g}" for t, w in weights.items())


def _lexical_params(params: dict[str, Any]) -> dict[str, Any]:
    terms = _distinct(params["terms"])
    return {"index": _index("fulltext"), "q": _lucene(_weights(params)), "terms": terms, "labels": list(params["labels"]),
            "plan": params.get("plan"), "exclude": params.get("exclude"), "limit": int(params["limit"]),
            "fetch": FETCH}


def _shape_lexical(rows: Rows, params: dict[str, Any]) -> Rows:
    """Matched terms come back as the node has them (`t IN $terms` tests a cached set, where
    `t IN node.terms` would walk the node's list once per query term): distinct, in query order."""
    if not params["terms"]:
        return []
    order = {t: i for i, t in enumerate(params["terms"])}
    out = []
    for r in rows:
        r = dict(r)
        r["matched"] = sorted(set(r["matched"]), key=order.__getitem__)
        out.append(r)
    return _ranked(out, params["limit"])


class _Bm25:
    """bm25s over the `search_text` of a graph's nodes, built once per graph object."""

    def __init__(self, graph: nx.MultiDiGraph):
        import bm25s

        self.ids = sorted(n for n, a in graph.nodes(data=True) if a.get("search_text"))
        corpus = [graph.nodes[n]["search_text"].split() for n in self.ids]
        self.vocab = {t for doc in corpus for t in doc}
        self.model = bm25s.BM25(k1=K1, b=B, method="lucene")
        if self.ids:
            self.model.index(corpus, show_progress=False)

    def scores(self, weights: dict[str, float]) -> np.ndarray:
        """Sum of weight x BM25 of each term: one bm25s pass per distinct weight, not per term
        (a whole fiche asked as a question has hundreds of terms and a few weights)."""
        total = np.zeros(len(self.ids))
        by_weight: dict[float, list[str]] = {}
        for t, w in weights.items():
            if t in self.vocab:
                by_weight.setdefault(w, []).append(t)
        for w, terms in by_weight.items():
            total += w * self.model.get_scores(terms)
        return total


_BM25: "weakref.WeakKeyDictionary[nx.MultiDiGraph, _Bm25]" = weakref.WeakKeyDictionary()


@query(
    cypher="""
    WITH $q AS q WHERE q <> '' AND $limit > 0
    CALL db.index.fulltext.queryNodes($index, q, {limit: $fetch}) YIELD node, score
    WHERE (size($labels) = 0 OR any(l IN labels(node) WHERE l IN $labels))
      AND ($plan IS NULL OR node.plan = $plan) AND ($exclude IS NULL OR node.id <> $exclude)
    WITH node, score ORDER BY score DESC, node.id ASC LIMIT $limit
    RETURN node.id AS id, labels(node) AS labels, node.name AS name, node.code AS code,
           node.source AS source, node.line AS line, score,
           [t IN node.terms WHERE t IN $terms] AS matched
    """,
    shape=_shape_lexical,
    cypher_params=_lexical_params,
)
def search_lexical(graph: nx.MultiDiGraph, terms: list[str], labels: list[str], limit: int,
                   plan: str | None = None, exclude: str | None = None,
                   weights: dict[str, float] | None = None) -> Rows:
    """Nodes ranked by BM25 of the analysed query `terms` over their `search_text` (each term's
    score times its weight in `weights`, default 1); only those with one of `labels` (any when
    empty), of `plan`, not `exclude`; at most `limit`, best first."""
    terms = _distinct(terms)
    if not terms or limit <= 0:
        return []
    index = _BM25.get(graph)
    if index is None:
        index = _BM25[graph] = _Bm25(graph)
    scores = index.scores(_weights({"terms": terms, "weights": weights}))
    rows = []
    for i in np.flatnonzero(scores > 0):
        nid = index.ids[i]
        attrs = graph.nodes[nid]
        if nid == exclude or not _wanted(attrs["labels"], labels, plan, attrs):
            continue
        present = set(attrs.get("terms") or ())
        rows.append({"id": nid, "labels": list(attrs["labels"]), "name": attrs.get("name"), "code": attrs.get("code"),
                     "source": attrs.get("source"), "line": attrs.get("line"), "score": float(scores[i]),
                     "matched": [t for t in terms if t in present]})
    return _ranked(rows, limit)


# -- semantic ----------------------------------------------------------------------------------

def _semantic_params(params: dict[str, Any]) -> dict[str, Any]:
    return {"index": _index("vector"), "vector": [float(x) for x in params["vector"]], "k": PASSAGES,
            "best_w": BEST_PASSAGE, "whole_w": WHOLE_TEXT,
            "labels": list(params["labels"]), "plan": params.get("plan"), "exclude": params.get("exclude"),
            "limit": int(params["limit"])}


def _shape_semantic(rows: Rows, params: dict[str, Any]) -> Rows:
    out = []
    for r in rows:  # Neo4j's cosine scores are (1 + cos) / 2
        passage = {k: v for k, v in r["passage"].items() if k != "score"}
        out.append({**r, "score": 2 * r["score"] - 1,
                    "passage": {**passage, "similarity": round(2 * r["passage"]["score"] - 1, DECIMALS)}})
    return _ranked(out, params["limit"])


class _Passages:
    """The passage embeddings of a graph as one matrix (built once per graph object)."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.ids = sorted(n for n, a in graph.nodes(data=True)
                          if "Passage" in a["labels"] and a.get("embedding") is not None)
        self.matrix = (np.array([graph.nodes[n]["embedding"] for n in self.ids], dtype=np.float32)
                       if self.ids else np.zeros((0, 1), np.float32))
        norms = np.linalg.norm(self.matrix, axis=1, keepdims=True)
        self.matrix /= np.where(norms == 0, 1, norms)
        self.whole: dict[str, np.ndarray] = {}  # each node's whole-text vector, unit length
        for doc in {graph.nodes[p]["doc"] for p in self.ids}:
            vec = graph.nodes[doc].get("embedding") if doc in graph else None
            if vec:
                vec = np.asarray(vec, dtype=np.float32)
                self.whole[doc] = vec / (np.linalg.norm(vec) or 1.0)


_PASSAGES: "weakref.WeakKeyDictionary[nx.MultiDiGraph, _Passages]" = weakref.WeakKeyDictionary()


# The labels whose nodes have passages (graph/passages.py): a passage's `doc` is looked up through
# their uniqueness indexes only, once per node (not once per passage and label).
PASSAGE_DOCS = ("Action", "Project", "Platform")


def _doc_by_id() -> str:
    schema = load_schema()
    for label in PASSAGE_DOCS:
        schema.label(label)  # raises for a label the schema does not declare
    branches = "\n      UNION ALL\n".join(f"      MATCH (d:`{label}` {{id: doc}}) RETURN d" for label in PASSAGE_DOCS)
    return f"CALL (doc) {{\n{branches}\n    }}"


@query(
    cypher=f"""
    WITH $vector AS vector WHERE $limit > 0
    CALL db.index.vector.queryNodes($index, $k, vector) YIELD node AS p, score
    WITH vector, p.doc AS doc, p, score ORDER BY score DESC, p.id ASC
    WITH vector, doc, collect({{id: p.id, text: p.text, line: p.line, score: score}})[0] AS best
    {_doc_by_id()}
    WITH vector, d, best WHERE (size($labels) = 0 OR any(l IN labels(d) WHERE l IN $labels))
      AND ($plan IS NULL OR d.plan = $plan) AND ($exclude IS NULL OR d.id <> $exclude)
    WITH d, best, $best_w * best.score
         + $whole_w * coalesce(vector.similarity.cosine(d.embedding, vector), best.score) AS score
    ORDER BY score DESC, d.id ASC LIMIT $limit
    RETURN d.id AS id, labels(d) AS labels, d.name AS name, d.code AS code, d.source AS source,
           d.line AS line, score, best AS passage
    """,
    shape=_shape_semantic,
    cypher_params=_semantic_params,
)
def search_semantic(graph: nx.MultiDiGraph, vector: list[float], labels: list[str], limit: int,
                    plan: str | None = None, exclude: str | None = None) -> Rows:
    """Nodes that have one of the PASSAGES passages nearest to `vector`, ranked by the cosine with
    their best passage and with their whole text (BEST_PASSAGE, WHOLE_TEXT); the same filters as
    search_lexical."""
    index = _PASSAGES.get(graph)
    if index is None:
        index = _PASSAGES[graph] = _Passages(graph)
    if not index.ids or limit <= 0:
        return []
    q = np.asarray(vector, dtype=np.float32)
    q = q / (np.linalg.norm(q) or 1.0)
    sims = index.matrix @ q
    top = np.argsort(-sims, kind="stable")[:PASSAGES]
    best: dict[str, dict[str, Any]] = {}
    for i in top:
        p = graph.nodes[index.ids[i]]
        doc = p["doc"]
        if doc in best or doc == exclude or doc not in graph:
            continue
        attrs = graph.nodes[doc]
        if not _wanted(attrs["labels"], labels, plan, attrs):
            continue
        sim = float(sims[i])
        whole = index.whole.get(doc)
        whole_sim = float(whole @ q) if whole is not None else sim
        best[doc] = {"id": doc, "labels": list(attrs["labels"]), "name": attrs.get("name"), "code": attrs.get("code"),
                     "source": attrs.get("source"), "line": attrs.get("line"),
                     "score": BEST_PASSAGE * sim + WHOLE_TEXT * whole_sim,
                     "passage": {"id": index.ids[i], "text": p["text"], "line": p.get("line"),
                                 "similarity": round(sim, DECIMALS)}}
    return _ranked(list(best.values()), limit)


def _passage_ids(params: dict[str, Any]) -> dict[str, Any]:
    """Passage ids are node_id('Passage', doc, n): looked up through the uniqueness index."""
    return {"ids": [node_id("Passage", params["id"], str(n)) for n in range(MAX_PASSAGES)]}


@query(
    cypher="""
    UNWIND $ids AS pid
    MATCH (p:Passage {id: pid})
    RETURN p.id AS id, p.n AS n, p.embedding AS embedding ORDER BY p.n
    """,
    cypher_params=_passage_ids,
)
def passage_vectors(graph: nx.MultiDiGraph, id: str) -> Rows:
    """The embeddings of one node's passages, in text order (what /similar asks with)."""
    ids = _passage_ids({"id": id})["ids"]
    rows = [{"id": p, "n": graph.nodes[p]["n"], "embedding": list(graph.nodes[p]["embedding"])} for p in ids if p in graph]
    return sorted(rows, key=lambda r: r["n"])


_INITIATIVE_RELS = ("INVOLVED_IN", "RESPONSIBLE_FOR", "LEADS", "PARTNER_OF")


@query(
    cypher="""
    UNWIND $ids AS doc
    CALL (doc) {
      MATCH (d:Action {id: doc}) RETURN d
      UNION ALL
      MATCH (d:Project {id: doc}) RETURN d
    }
    RETURN d.id AS id, d.name AS name, coalesce(d.fingerprint, '') AS fingerprint,
           COLLECT { MATCH (x:Actor)-[r:INVOLVED_IN|RESPONSIBLE_FOR|LEADS|PARTNER_OF]->(d)
                     WHERE coalesce(r.role, '') <> 'minister' RETURN DISTINCT x.id ORDER BY x.id } AS actors,
           COLLECT { MATCH (d)-[:TARGETS]->(g:Grondrecht) RETURN g.code ORDER BY g.code } AS grondrechten
    ORDER BY id
    """,
)
def initiative_facts(graph: nx.MultiDiGraph, ids: list[str]) -> Rows:
    """Of the initiatives (actions, projects) with these ids: name, text fingerprint, actors
    (ministers aside) and grondrechten, what an overlap check tells about its matches."""
    rows = []
    for n in dict.fromkeys(ids):
        a = graph.nodes[n] if n in graph else None
        if a is None or not {"Action", "Project"} & set(a["labels"]):
            continue
        actors = sorted({s for s, _, d in graph.in_edges(n, data=True)
                         if d["type"] in _INITIATIVE_RELS and d.get("role", "") != "minister"
                         and "Actor" in graph.nodes[s]["labels"]})
        rights = sorted(graph.nodes[e]["code"] for _, e, d in graph.out_edges(n, data=True) if d["type"] == "TARGETS")
        rows.append({"id": n, "name": a.get("name"), "fingerprint": a.get("fingerprint", ""), "actors": actors,
                     "grondrechten": rights})
    return sorted(rows, key=lambda r: r["id"])
