"""Search and overlap quality on the real VAPA actions (source 004), product vs a plain baseline.

    .venv/bin/python benchmarks/eval_search.py [--fields title,summary,evaluation_indicator] [--show N]

Search: every query of tests/fixtures/eval_queries.yaml is analysed (graph/text.py) and run through
the registered `search_terms` query (BM25 over the stored `terms`) on the embedded store. Baseline:
rank_bm25.BM25Okapi on lowercase whitespace tokens of the same texts. recall@5 = mean over queries of
|relevant ∩ top 5| / min(5, |relevant|).

Overlap: graph/similarity.overlap_pairs on the analysed terms, actors, grondrecht and target groups;
baseline: BM25Okapi with each document as the query, normalised by its self-score, a pair scored by
the larger of its two directions. Precision = share of the top-20 predicted pairs labelled overlapping
in tests/fixtures/eval_overlap.yaml among those labelled (unlabelled and borderline ones listed apart).
The two fiches the source prints twice (03_06_06, 03_06_07) are fingerprinted from their raw blocks.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from rank_bm25 import BM25Okapi

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.memory_store import MemoryStore  # noqa: E402
from graph.model import GraphBatch  # noqa: E402
from graph.similarity import OverlapDoc, overlap_pairs, target_groups, text_fingerprint  # noqa: E402
from graph.text import default_analyzer  # noqa: E402

SOURCES = ROOT / "data" / "sources"
FIXTURES = ROOT / "tests" / "fixtures"
ACTOR_RELS = {"INVOLVED_IN", "RESPONSIBLE_FOR", "LEADS"}


@dataclass
class Action:
    id: str
    code: str
    text: str
    actors: set[str]
    grondrecht: str | None


def load_actions(fields: tuple[str, ...]) -> tuple[list[Action], GraphBatch]:
    """The actions with their text, actor ids and grondrecht, from the load pipeline's batch."""
    from loaders.pipeline import build_graph

    batch = build_graph(SOURCES, only=["004"]).batch
    actors: dict[str, set[str]] = {}
    rights: dict[str, str] = {}
    for rel in batch.relationships.values():
        if rel.type in ACTOR_RELS and rel.properties.get("role") != "minister":
            actors.setdefault(rel.end, set()).add(rel.start)
        elif rel.type == "TARGETS":
            rights[rel.start] = rel.end
    actions = []
    for node in batch.nodes.values():
        if "Action" in node.labels:
            props = node.properties
            text = "\n".join(props[f] for f in fields if props.get(f))
            actions.append(Action(node.id, props["code"], text, actors.get(node.id, set()), rights.get(node.id)))
    return sorted(actions, key=lambda a: a.code), batch


def product_store(actions: list[Action]) -> MemoryStore:
    analyzer = default_analyzer()
    batch = GraphBatch()
    for a in actions:
        batch.add_node("Action", ("VAPA 2015-2019", a.code), source="eval", line=1, code=a.code,
                       plan="VAPA 2015-2019", name=a.code, terms=analyzer.analyze(a.text))
    store = MemoryStore.open(None)
    store.write(batch)
    return store


def recall_at_5(ranked: list[str], relevant: list[str]) -> float:
    return len(set(ranked[:5]) & set(relevant)) / min(5, len(relevant))


def eval_search(actions: list[Action], show: int) -> tuple[float, float]:
    queries = yaml.safe_load((FIXTURES / "eval_queries.yaml").read_text("utf-8"))["queries"]
    store, analyzer = product_store(actions), default_analyzer()
    bm25 = BM25Okapi([a.text.lower().split() for a in actions])
    codes = [a.code for a in actions]
    prod, base = [], []
    print(f"\nSEARCH: {len(queries)} queries over {len(actions)} actions (recall@5 product | baseline)")
    for q in queries:
        rows = store.run("search_terms", terms=analyzer.analyze(q["query"]), labels=["Action"], limit=5)
        mine = [r["code"] for r in rows]
        scores = bm25.get_scores(q["query"].lower().split())
        theirs = [codes[i] for i in sorted(range(len(codes)), key=lambda i: (-scores[i], codes[i]))[:5]
                  if scores[i] > 0]
        prod.append(recall_at_5(mine, q["relevant"]))
        base.append(recall_at_5(theirs, q["relevant"]))
        flag = "" if prod[-1] == 1 else "   <-- missed " + ", ".join(sorted(set(q["relevant"]) - set(mine)))
        print(f"  {prod[-1]:4.2f} | {base[-1]:4.2f}  {q['query']}{flag}")
        if show and prod[-1] < 1:
            print(f"          top5: {mine}")
    p, b = sum(prod) / len(prod), sum(base) / len(base)
    print(f"recall@5  product {p:.3f}   baseline {b:.3f}   (+{100 * (p - b):.1f} points)")
    return p, b


def raw_block(lines: list[str], start: int) -> str:
    """The raw text of the action block starting at 1-based line `start`, up to the next ACTIE."""
    out = [lines[start - 1].strip()]
    for line in lines[start:]:
        if line.lstrip().startswith("ACTIE "):
            break
        if not line.strip().isdigit():  # a bare page number is a page artefact, not the fiche
            out.append(line)
    return "\n".join(out)


def overlap_docs(actions: list[Action]) -> list[OverlapDoc]:
    analyzer = default_analyzer()
    docs = []
    for a in actions:
        terms = analyzer.analyze(a.text)
        docs.append(OverlapDoc(a.id, a.code, terms, a.actors, a.grondrecht, target_groups(terms),
                               text_fingerprint(a.text)))
    return docs


def duplicate_copy_docs(actions: list[Action]) -> list[OverlapDoc]:
    """The fiches 004 prints twice, each copy fingerprinted from its own raw block."""
    from loaders.vapa import read_vapa

    path = next(SOURCES.glob("004_*.txt"))
    lines = path.read_text("utf-8").splitlines()
    docs = []
    for rec in read_vapa(path).actions:
        for start in [rec.line, *rec.duplicate_lines]:
            block = raw_block(lines, start)
            docs.append(OverlapDoc(f"{rec.code}@L{start}", rec.code, [], set(), None, set(), text_fingerprint(block)))
    return docs


def baseline_pairs(actions: list[Action], top: int) -> list[tuple[str, str, float]]:
    tokens = [a.text.lower().split() for a in actions]
    bm25 = BM25Okapi(tokens)
    rows = [bm25.get_scores(t) for t in tokens]
    best: dict[tuple[str, str], float] = {}
    for i, row in enumerate(rows):
        self_score = row[i] or 1.0
        for j, s in enumerate(row):
            if i != j:
                key = tuple(sorted((actions[i].code, actions[j].code)))
                best[key] = max(best.get(key, 0.0), s / self_score)
    return [(a, b, s) for (a, b), s in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


def precision(pairs: list[tuple[str, str]], labels: dict) -> tuple[float, int, list, list]:
    pos, neg, border = labels["overlapping"], labels["distinct"], labels["borderline"]
    labelled = [p for p in pairs if p in pos or p in neg]
    hits = sum(p in pos for p in labelled)
    unlabelled = [p for p in pairs if p not in pos and p not in neg and p not in border]
    borderline = [p for p in pairs if p in border]
    return (hits / len(labelled) if labelled else 0.0), len(labelled), unlabelled, borderline


def load_labels() -> tuple[dict, list]:
    data = yaml.safe_load((FIXTURES / "eval_overlap.yaml").read_text("utf-8"))
    as_set = {k: {tuple(sorted(p[:2])) for p in data[k]} for k in ("overlapping", "distinct", "borderline")}
    return as_set, data["exact_duplicates"]


def eval_overlap(actions: list[Action], top: int = 20) -> tuple[float, float]:
    labels, exact_expected = load_labels()
    code_of = {a.id: a.code for a in actions}
    stats: dict = {}
    t0 = time.perf_counter()
    pairs = overlap_pairs(overlap_docs(actions), min_score=0.0, top_k=10, stats=stats)
    elapsed = time.perf_counter() - t0
    ranked = [(code_of[p.a], code_of[p.b], p) for p in pairs if not p.exact_duplicate][:top]
    mine = [tuple(sorted((a, b))) for a, b, _ in ranked]
    theirs = [(a, b) for a, b, _ in baseline_pairs(actions, top)]
    p_mine, n_mine, unl_mine, border_mine = precision(mine, labels)
    p_base, n_base, unl_base, border_base = precision(theirs, labels)
    n = len(actions)
    print(f"\nOVERLAP: top {top} predicted pairs; {stats['comparisons']} pairs scored of {n * (n - 1) // 2} "
          f"({elapsed:.2f}s); ubiquitous actors ignored: {stats['ignored_actors']}")
    for (a, b, p), key in zip(ranked, mine):
        mark = "OK " if key in labels["overlapping"] else "NO " if key in labels["distinct"] else "?? "
        top_terms = ",".join(p.reasons["text"]["shared_terms"][:4])
        print(f"  {mark}{p.score:.3f} {a} {b}  text {p.reasons['text']['contribution']:.3f} "
              f"actors {p.reasons['actors']['contribution']:.3f} right {p.reasons['grondrecht']['contribution']:.1f} "
              f"groups {p.reasons['target_groups']['contribution']:.3f}  [{top_terms}]")
    print(f"precision@{top} (among labelled)  product {p_mine:.3f} ({n_mine} labelled)   "
          f"baseline {p_base:.3f} ({n_base} labelled)")
    print(f"  unlabelled in top {top}: product {len(unl_mine)} {unl_mine}; baseline {len(unl_base)}")
    print(f"  borderline in top {top}: product {border_mine}; baseline {border_base}")
    dup = [p for p in overlap_pairs(duplicate_copy_docs(actions), min_score=1.0) if p.exact_duplicate]
    found = sorted({d.a.split("@")[0] for d in dup if d.a.split("@")[0] == d.b.split("@")[0]})
    print(f"exact duplicates (raw copies): {found}; expected {[e['code'] for e in exact_expected]}")
    return p_mine, p_base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fields", default="title,summary,evaluation_indicator")
    parser.add_argument("--show", type=int, default=0, help="print the top 5 of missed queries")
    args = parser.parse_args()
    actions, _ = load_actions(tuple(args.fields.split(",")))
    r_mine, r_base = eval_search(actions, args.show)
    o_mine, o_base = eval_overlap(actions)
    print(f"\nSUMMARY recall@5 {r_mine:.3f} vs baseline {r_base:.3f}; "
          f"overlap precision@20 {o_mine:.3f} vs baseline {o_base:.3f}")


if __name__ == "__main__":
    main()
