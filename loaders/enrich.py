"""Load-time derivations over the whole batch: search terms and overlap (SIMILAR_TO) edges.

Both are computed once, in Python, from the complete batch, and stored in the graph, so that the
embedded store and Neo4j answer search and overlap questions from the same stored data."""

from __future__ import annotations

import json
from pathlib import Path

from graph.model import GraphBatch
from graph.similarity import OverlapDoc, overlap_pairs, target_groups, text_fingerprint
from graph.passages import SourceLines, node_passages, platform_passages
from graph.text import default_analyzer, document_terms, document_text
from loaders.report import LoadReport
from graph.embeddings import embed

INITIATIVES = ("Action", "Project")
ACTOR_RELS = ("INVOLVED_IN", "RESPONSIBLE_FOR", "LEADS", "PARTNER_OF")
# 0.3 keeps 67 pairs on the 201 actions of which 24 labelled overlapping and 3 labelled distinct
# (tests/fixtures/eval_overlap.yaml, benchmarks/eval_search.py): a list worth a coordinator's read.
MIN_SCORE = 0.3
TOP_K = 5


def add_search_terms(batch: GraphBatch) -> None:
    """`terms` for every initiative (its texts) and actor (all its names), `fingerprint` for
    initiatives (what exact-duplicate detection compares)."""
    analyzer = default_analyzer()
    for node in batch.nodes.values():
        if set(node.labels) & set(INITIATIVES):
            node.properties["terms"] = document_terms(node.properties, analyzer)
            node.properties["fingerprint"] = text_fingerprint(document_text(node.properties))
        elif "Actor" in node.labels:
            names = [node.properties.get("name") or "", *node.properties.get("names", [])]
            node.properties["terms"] = analyzer.analyze(" ".join(dict.fromkeys(names)))
            if "Platform" in node.labels:  # its tasks and good practices are what it does
                node.properties["terms"] += analyzer.analyze(" ".join(p.text for p in platform_passages(node.properties)))
        if "terms" in node.properties:
            node.properties["search_text"] = " ".join(node.properties["terms"])


WHOLE_CHARS = 1500  # the text of a node's whole-text vector: its passages, this long at most


def add_passages(batch: GraphBatch, source_dirs: list[Path], progress: bool = True) -> None:
    """Passage nodes (graph/passages.py) with their embeddings, for every initiative and platform,
    and on each such node the `embedding` of its whole text (its passages joined, cut at WHOLE_CHARS).
    Vectors come from the content-hash cache; only text never seen before is embedded."""

    lines = SourceLines(source_dirs)
    todo, wholes = [], []
    for node in list(batch.nodes.values()):
        passages = node_passages(node.labels, node.properties, lines)
        todo += [(node, n, p) for n, p in enumerate(passages)]
        if passages:
            wholes.append((node, " ".join(p.text for p in passages)[:WHOLE_CHARS]))
    vectors = embed([p.text for _, _, p in todo] + [t for _, t in wholes], progress=progress)
    for (node, n, passage), vec in zip(todo, vectors):
        line = passage.line or node.properties["line"]
        # No relationship to its node: `doc` names it, so networks and the kaart never meet passages.
        batch.add_node("Passage", (node.id, str(n)), source=node.properties["source"], line=line,
                       doc=node.id, n=n, kind=passage.kind, text=passage.text, embedding=_rounded(vec))
    for (node, _), vec in zip(wholes, vectors[len(todo):]):
        node.properties["embedding"] = _rounded(vec)


def _rounded(vec) -> list[float]:
    return [round(float(x), 4) for x in vec]  # 4 decimals: cosines change by < 1e-3, the file by half


def actors_and_rights(batch: GraphBatch) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Per initiative: the actors working on it (ministers aside) and its (first) grondrecht."""
    actors: dict[str, set[str]] = {}
    rights: dict[str, str] = {}
    for rel in batch.relationships.values():
        if rel.type in ACTOR_RELS and rel.properties.get("role") != "minister":
            actors.setdefault(rel.end, set()).add(rel.start)
        elif rel.type == "TARGETS":
            rights.setdefault(rel.start, rel.end)
    return actors, rights


def overlap_docs(batch: GraphBatch) -> list[OverlapDoc]:
    actors, rights = actors_and_rights(batch)
    return [OverlapDoc(n.id, n.properties.get("code"), n.properties["terms"], actors.get(n.id, set()),
                       rights.get(n.id), target_groups(n.properties["terms"]), n.properties.get("fingerprint", ""))
            for n in batch.nodes.values() if set(n.labels) & set(INITIATIVES)]


def add_overlap(batch: GraphBatch, report: LoadReport) -> None:
    """SIMILAR_TO edges between overlapping initiatives, with the score and itemised reasons."""
    stats: dict = {}
    pairs = overlap_pairs(overlap_docs(batch), min_score=MIN_SCORE, top_k=TOP_K, stats=stats)
    for p in pairs:
        a = batch.nodes[p.a].properties
        batch.add_relationship("SIMILAR_TO", p.a, p.b, source=a["source"], line=a["line"], score=p.score,
                               reasons=json.dumps(p.reasons, sort_keys=True, ensure_ascii=False),
                               exact_duplicate=p.exact_duplicate)
    report.count("overlap_pairs", len(pairs))
    report.count("overlap_comparisons", stats.get("comparisons", 0))
