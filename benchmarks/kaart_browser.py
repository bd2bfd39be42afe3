"""Benchmark: seconds until a 500-node sociale kaart has a stable layout in headless Chromium.

Two kaarten: the largest depth-3 network (capped at 500 nodes) around one of the best-connected
nodes of all bundled sources in the embedded store, and a seeded random graph of exactly 500
nodes (a plan, grondrechten, actions, organisations); --synthetic measures only the latter. It is rendered by armoedegraaf.kaart
to one offline HTML file and opened with every non-file request blocked.

Run: .venv/bin/python benchmarks/kaart_browser.py [--nodes 500] [--repeat 3] [--synthetic]
Needs Debian's chromium (apt-get install -y chromium). Target: stable within 3 s.
Prints figures; asserts nothing. Wall times depend on the machine's load (printed too); the
main-thread CPU seconds do much less.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from armoedegraaf import kaart
from armoedegraaf.kaart.data import candidates, kaart_network, source_titles
from graph.memory_store import MemoryStore
from graph.model import GraphBatch
from loaders.pipeline import build_graph

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def seed_network(size: int) -> tuple[dict, dict[str, str]]:
    """The largest depth-3 network (capped at `size`) around one of the ten best-connected nodes,
    with the titles of the documents its cards cite."""
    store = MemoryStore.open(None)
    store.write(build_graph(SOURCES).batch)
    nets = [kaart_network(store, c.id, depth=3, limit=size) for c in candidates(store)[:10]]
    return max(nets, key=lambda net: len(net["nodes"])), source_titles(store)


def synthetic_network(size: int, seed: int = 7) -> tuple[dict, dict[str, str]]:
    """A plan, 11 grondrechten, actions and organisations (about 3 involvements per action); no
    bundled document to cite."""
    rng, batch, src = random.Random(seed), GraphBatch(), "synthetic.txt"
    plan = batch.add_node("Plan", "Synthetic plan", source=src, line=1, name="Synthetic plan")
    rights = [batch.add_node("Grondrecht", f"{i:02d}", source=src, line=2, code=f"{i:02d}", name=f"recht {i}")
              for i in range(11)]
    n_actions = (size - 12) // 2
    orgs = [batch.add_node("Organisation", f"org {i}", source=src, line=3, name=f"Organisatie {i}")
            for i in range(size - 12 - n_actions)]
    for i in range(n_actions):
        code = f"{i:04d}"
        action = batch.add_node("Action", ("Synthetic plan", code), source=src, line=10 + i, code=code,
                                plan="Synthetic plan", name=f"actie {code}")
        batch.add_relationship("PART_OF", action, plan, source=src, line=10 + i)
        batch.add_relationship("TARGETS", action, rng.choice(rights), source=src, line=10 + i)
        # Every organisation takes part in at least one action, so all of them are reachable.
        for org in dict.fromkeys([orgs[i % len(orgs)], *rng.sample(orgs, 2)]):
            batch.add_relationship("INVOLVED_IN", org, action, source=src, line=10 + i, role="other",
                                   as_written=org)
    store = MemoryStore.open(None)
    store.write(batch)
    return kaart_network(store, plan, depth=3, limit=size), {}


def measure(browser, url: str) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (blocked.append(route.request.url), route.abort()))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(url)
    page.wait_for_function("window.kaart && window.kaart.stable", timeout=120_000)
    created, stable = page.evaluate("[window.kaart.createdAt, window.kaart.stableAt]")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    page.close()
    if blocked:
        raise SystemExit(f"the kaart tried to reach the network: {blocked}")
    return {"total": stable / 1000, "layout": (stable - created) / 1000, "cpu": metrics.get("ThreadTime", 0.0)}


def run(net: dict, titles: dict[str, str], kind: str, repeat: int) -> float:
    options = kaart.vis_options(len(net["nodes"]))
    with tempfile.TemporaryDirectory() as tmp:
        path = kaart.write_html(net, Path(tmp) / "kaart.html", titles)
        print(f"kaart: {kind} (focus {net['center']}), {len(net['nodes'])} nodes, {len(net['edges'])} edges, "
              f"{path.stat().st_size / 1e6:.1f} MB HTML, solver {options['physics']['solver']}, "
              f"{options['physics']['stabilization']['iterations']} stabilization iterations")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                runs = [measure(browser, path.as_uri()) for _ in range(repeat)]
            finally:
                browser.close()
    for key, what in (("total", "page open -> layout stable (wall s)"), ("layout", "stabilization only (wall s)"),
                      ("cpu", "renderer main-thread CPU (s)")):
        values = [r[key] for r in runs]
        print(f"  {what:40s} median {statistics.median(values):.2f}  runs {', '.join(f'{v:.2f}' for v in values)}")
    return statistics.median(r["total"] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--synthetic", action="store_true", help="only the seeded random graph")
    args = parser.parse_args()
    results = {}
    if not args.synthetic:
        results["seed"] = run(*seed_network(args.nodes), "seed", args.repeat)
    results["synthetic"] = run(*synthetic_network(args.nodes), "synthetic", args.repeat)
    print(f"load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    for kind, seconds in results.items():
        print(f"target (stable within 3 s) for the {kind} kaart: {'met' if seconds <= 3 else 'NOT met'} ({seconds:.2f} s)")


if __name__ == "__main__":
    main()
