"""A seeded synthetic corpus that grows the seed graph N-fold with the seeds' own distributions.

The seed graph (the five bundled documents) is copied N-1 times as further "legislatures": every
copy has its own plans, actions, projects, platforms, Huizen van het Kind, ministers, cabinets and
(most) organisations and administrations, wired exactly as their seed originals are, so actions
per grondrecht and minister, actors per action and role, partner lists and platforms per
municipality keep the seeds' distributions. What stays shared is what a country has once:
grondrechten, provinces, regions, municipalities, source documents, and a seeded fraction of the
actors (SHARED_ACTORS: a big organisation such as VVSG works on every plan), so the copies form
one connected graph whose hubs grow with it, as a real corpus's would.

Text is assembled from the seeds' whole sentences: a copy of an action keeps its seed's title and
has a summary made of its seed's sentences plus one whole sentence of another seed action on the
same grondrecht, in a seeded order. Whole seed sentences mean a sentence-embedding cache keyed by
sentence text costs nothing extra, and search and overlap meet the vocabulary of real data.
Provenance stays honest: every copied node and relationship cites the seed's source and line it
was copied from; names and plan names carry the copy number ("... (reeks 7)").

Use: `grow(seed_batch, factor=10, seed=1)` -> GraphBatch; or run it to print the counts:
    .venv/bin/python benchmarks/synth_corpus.py --factor 100
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

from graph.model import GraphBatch, Node, Relationship, fold_name, folded_key
from graph.schema import load_schema
from graph.similarity import text_fingerprint
from graph.text import default_analyzer, document_terms, document_text

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
SHARED_LABELS = {"Grondrecht", "Province", "Region", "Municipality", "Source"}
SHARED_ACTORS = 0.15  # fraction of Organisation/Administration nodes every copy reuses
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý])")


def sentences(text: str | None) -> list[str]:
    return [s.strip() for s in SENTENCE.split(text or "") if s.strip()]


def grow(seed: GraphBatch, factor: int, rng_seed: int = 1) -> GraphBatch:
    """The seed batch plus factor-1 copies (see the module docstring); factor 1 is the seed itself."""
    if factor < 1:
        raise ValueError(f"factor must be at least 1, got {factor}")
    rng = random.Random(rng_seed)
    out = GraphBatch()
    out.nodes = {nid: Node(n.id, n.labels, dict(n.properties)) for nid, n in seed.nodes.items()}
    out.relationships = dict(seed.relationships)
    pool = _sentence_pool(seed)
    analyzer = default_analyzer()
    for k in range(2, factor + 1):
        mapping = _copy_nodes(seed, out, k, rng, pool, analyzer)
        for rel in seed.relationships.values():
            start, end = mapping.get(rel.start, rel.start), mapping.get(rel.end, rel.end)
            if start == rel.start and end == rel.end:
                continue  # between shared nodes: already there
            copy = Relationship(rel.type, start, end, dict(rel.properties))
            out.relationships.setdefault(copy.identity, copy)
    return out


def _sentence_pool(seed: GraphBatch) -> dict[str, list[str]]:
    """grondrecht id -> the whole summary sentences of the seed actions on that grondrecht."""
    right = {r.start: r.end for r in seed.relationships.values() if r.type == "TARGETS"}
    pool: dict[str, list[str]] = defaultdict(list)
    for n in seed.nodes.values():
        if "Action" in n.labels:
            pool[right.get(n.id, "")].extend(sentences(n.properties.get("summary")))
    return pool


def _copy_nodes(seed: GraphBatch, out: GraphBatch, k: int, rng: random.Random,
                pool: dict[str, list[str]], analyzer) -> dict[str, str]:
    schema = load_schema()
    right = {r.start: r.end for r in seed.relationships.values() if r.type == "TARGETS"}
    mapping: dict[str, str] = {}
    for n in seed.nodes.values():
        primary = schema.primary_label(n.labels)
        if primary in SHARED_LABELS:
            continue
        if primary in ("Organisation", "Administration") and rng.random() < SHARED_ACTORS:
            continue  # this actor works on every copy's plans: hubs grow with the corpus
        props = dict(n.properties)
        suffix = f" (reeks {k})"
        if primary == "Action":
            props["plan"] = props["plan"] + suffix
            own = sentences(props.get("summary"))
            extra = pool.get(right.get(n.id, ""), [])
            text = own + ([rng.choice(extra)] if extra else [])
            rng.shuffle(text)
            if text:
                props["summary"] = " ".join(text)
        elif "name" in props:
            props["name"] = props["name"] + suffix
        for acc in ("names",):
            if acc in props:
                props[acc] = [f"{v}{suffix}" for v in props[acc]]
        new_id = f"{n.id}-reeks-{k}"  # the seed id stays a prefix: ids cannot collide
        if primary in ("Action", "Project"):
            props["terms"] = document_terms(props, analyzer)
            props["fingerprint"] = text_fingerprint(document_text(props))
        elif "Actor" in n.labels:
            names = [props.get("name") or "", *props.get("names", [])]
            props["terms"] = analyzer.analyze(" ".join(dict.fromkeys(names)))
            props["folded_names"] = sorted({fold_name(x) for x in names if x})
            props["folded_key"] = folded_key(props["folded_names"])
        out.nodes[new_id] = Node(new_id, n.labels, props)
        mapping[n.id] = new_id
    return mapping


def main() -> None:
    from loaders.pipeline import build_graph

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    batch = grow(build_graph(SOURCES).batch, args.factor, args.seed)
    batch.validate()
    labels = Counter(load_schema().primary_label(n.labels) for n in batch.nodes.values())
    actors = sum(1 for n in batch.nodes.values() if "Actor" in n.labels)
    print(f"{args.factor}x: {len(batch.nodes)} nodes ({actors} actors), {len(batch.relationships)} relationships")
    print(", ".join(f"{lab} {c}" for lab, c in labels.most_common()))


if __name__ == "__main__":
    main()
