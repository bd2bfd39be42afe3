"""Search and overlap quality on the real VAPA actions (source 004), product vs a plain baseline.

    .venv/bin/python benchmarks/eval_search.py [--show]

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
from graph.text import TEXT_FIELDS, default_analyzer, document_terms, document_text  # noqa: E402

SOURCES = ROOT / "data" / "sources"
FIXTURES = ROOT / "tests" / "fixtures"


@dataclass
class Action:
    id: str
    code: str
    props: dict
    actors: set[str]
    grondrecht: str | None

    @property
    def text(self) -> str:
        return document_text(self.props)

    @property
    def baseline_tokens(self) -> list[str]:
        """The same fields as the product's terms (code, title twice, the rest), split on spaces."""
        title = self.props.get("title") or ""
        return f"{self.code} {title} {title} {document_text({**self.props, 'title': ''})}".lower().split()


def load_actions() -> tuple[list[Action], GraphBatch]:
    """The actions with their properties, actor ids and grondrecht, from the load pipeline's batch."""
    from loaders.enrich import actors_and_rights
    from loaders.pipeline import build_graph

    batch = build_graph(SOURCES, only=["004"]).batch
    actors, rights = actors_and_rights(batch)
    actions = []
    for node in batch.nodes.values():
        if "Action" in node.labels:
            props = {k: v for k, v in node.properties.items() if k in ("code", "title", *TEXT_FIELDS)}
            actions.append(Action(node.id, props["code"], props, actors.get(node.id, set()), rights.get(node.id)))
    return sorted(actions, key=lambda a: a.code), batch


def product_store(actions: list[Action]) -> MemoryStore:
    analyzer = default_analyzer()
    batch = GraphBatch()
    for a in actions:
        batch.add_node("Action", ("VAPA 2015-2019", a.code), source="eval", line=1, code=a.code,
                       plan="VAPA 2015-2019", name=a.code, terms=document_terms(a.props, analyzer))
    store = MemoryStore.open(None)
    store.write(batch)
    return store


def recall_at_5(ranked: list[str], relevant: list[str]) -> float:
    return len(set(ranked[:5]) & set(relevant)) / min(5, len(relevant))


def eval_search(actions: list[Action], show: bool = False) -> tuple[float, float]:
    queries = yaml.safe_load((FIXTURES / "eval_queries.yaml").read_text("utf-8"))["queries"]
    store, analyzer = product_store(actions), default_analyzer()
    bm25 = BM25Okapi([a.baseline_tokens for a in actions])
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
        terms = document_terms(a.props, analyzer)
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
    tokens = [a.baseline_tokens for a in actions]
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


@dataclass
class Labels:
    overlapping: set
    distinct: set
    borderline: set

    def verdict(self, pair: tuple[str, str]) -> str:
        return ("yes" if pair in self.overlapping else "no" if pair in self.distinct
                else "borderline" if pair in self.borderline else "unlabelled")


def precision(pairs: list[tuple[str, str]], labels: Labels) -> dict:
    """Share labelled overlapping among the labelled (yes/no) pairs; strict: among all pairs."""
    verdicts = [labels.verdict(p) for p in pairs]
    yes, no = verdicts.count("yes"), verdicts.count("no")
    return {"precision": yes / (yes + no) if yes + no else 0.0, "strict": yes / len(pairs) if pairs else 0.0,
            "yes": yes, "no": no, "borderline": verdicts.count("borderline"),
            "unlabelled": [p for p, v in zip(pairs, verdicts) if v == "unlabelled"]}


def load_labels() -> tuple[Labels, Labels, list]:
    """(blind labels, blind labels plus the after-run judgments, expected exact duplicates)."""
    data = yaml.safe_load((FIXTURES / "eval_overlap.yaml").read_text("utf-8"))

    def pairs(section: dict, key: str) -> set:
        return {tuple(sorted(p[:2])) for p in section.get(key, [])}

    keys = ("overlapping", "distinct", "borderline")
    blind = Labels(*(pairs(data, k) for k in keys))
    later = data.get("judged_after_run", {})
    judged = Labels(*(pairs(data, k) | pairs(later, k) for k in keys))
    return blind, judged, data["exact_duplicates"]


def eval_overlap(actions: list[Action], top: int = 20) -> tuple[float, float]:
    blind, judged, exact_expected = load_labels()
    code_of = {a.id: a.code for a in actions}
    stats: dict = {}
    t0 = time.perf_counter()
    pairs = overlap_pairs(overlap_docs(actions), min_score=0.0, top_k=10, stats=stats)
    elapsed = time.perf_counter() - t0
    ranked = [(code_of[p.a], code_of[p.b], p) for p in pairs if not p.exact_duplicate][:top]
    mine = [tuple(sorted((a, b))) for a, b, _ in ranked]
    theirs = [(a, b) for a, b, _ in baseline_pairs(actions, top)]
    n = len(actions)
    print(f"\nOVERLAP: top {top} predicted pairs; {stats['comparisons']} pairs scored of {n * (n - 1) // 2} "
          f"({elapsed:.2f}s); ubiquitous actors ignored: {stats['ignored_actors']}")
    for (a, b, p), key in zip(ranked, mine):
        mark = {"yes": "OK ", "no": "NO ", "borderline": "~~ ", "unlabelled": "?? "}[judged.verdict(key)]
        top_terms = ",".join(p.reasons["text"]["shared_terms"][:4])
        print(f"  {mark}{p.score:.3f} {a} {b}  text {p.reasons['text']['contribution']:.3f} "
              f"actors {p.reasons['actors']['contribution']:.3f} right {p.reasons['grondrecht']['contribution']:.2f} "
              f"groups {p.reasons['target_groups']['contribution']:.3f}  [{top_terms}]")
    results = {}
    for name, labels in (("blind labels", blind), ("labels + after-run judgments", judged)):
        m, t = precision(mine, labels), precision(theirs, labels)
        results[name] = (m, t)
        print(f"precision@{top} with {name}: product {m['precision']:.3f} ({m['yes']} yes, {m['no']} no, "
              f"{m['borderline']} borderline, {len(m['unlabelled'])} unlabelled; strict {m['strict']:.2f})   "
              f"baseline {t['precision']:.3f} ({t['yes']} yes, {t['no']} no, {t['borderline']} borderline, "
              f"{len(t['unlabelled'])} unlabelled; strict {t['strict']:.2f})")
    m, t = results["labels + after-run judgments"]
    print(f"  still unlabelled: product {m['unlabelled']}; baseline {t['unlabelled']}")
    positives = blind.overlapping
    found = [sum(k in positives for k in ([tuple(sorted((code_of[p.a], code_of[p.b]))) for p in pairs
                                            if not p.exact_duplicate][:k_])) for k_ in (20, 50, 100)]
    print(f"  blind-labelled overlapping pairs found in the top 20/50/100: {found} of {len(positives)}")
    dup = [p for p in overlap_pairs(duplicate_copy_docs(actions), min_score=1.0) if p.exact_duplicate]
    found_dup = sorted({d.a.split("@")[0] for d in dup if d.a.split("@")[0] == d.b.split("@")[0]})
    print(f"exact duplicates (raw copies): {found_dup}; expected {[e['code'] for e in exact_expected]}")
    return m["precision"], t["precision"]


def eval_shipped_search() -> float:
    """Recall@5 of the product as shipped: every bundled source loaded, the question function of
    GET /search?type=action, within the VAPA plan the labels cover and over all plans."""
    from graph.memory_store import MemoryStore
    from graph.questions.search import search
    from loaders.pipeline import build_graph

    store = MemoryStore.open(None)
    store.write(build_graph(SOURCES).batch)
    queries = yaml.safe_load((FIXTURES / "eval_queries.yaml").read_text("utf-8"))["queries"]
    def recall(plan: str | None) -> float:
        found = [recall_at_5([r["code"] for r in search(store, q["query"], 5, "action", plan)["results"]],
                             q["relevant"]) for q in queries]
        return sum(found) / len(found)

    return recall("VAPA 2015-2019"), recall(None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the top 5 of queries with misses")
    args = parser.parse_args()
    actions, _ = load_actions()
    r_mine, r_base = eval_search(actions, args.show)
    o_mine, o_base = eval_overlap(actions)
    in_plan, everything = eval_shipped_search()
    print(f"\nrecall@5 of the shipped search over the whole loaded graph: /search?type=action&plan=VAPA 2015-2019 "
          f"{in_plan:.3f}; /search?type=action (all plans, whose actions the labels do not cover) {everything:.3f}")
    print(f"\nSUMMARY recall@5 {r_mine:.3f} vs baseline {r_base:.3f}; "
          f"overlap precision@20 {o_mine:.3f} vs baseline {o_base:.3f}")


if __name__ == "__main__":
    main()
