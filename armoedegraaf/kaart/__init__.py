"""The sociale kaart: a network answer (graph.questions.network) drawn as one self-contained HTML
page with pyvis / vis-network.

    render_html(net, titles) -> str  the page; works offline (vis-network JS/CSS inlined from
                                     the pyvis package, no external <script src>/<link href>)
    write_html(net, path, titles)    the same, saved to a file
    build_network(net, titles)       the pyvis Network (nodes, edges, options) behind the page
    notebook_view(html) -> HTML      the page in a Jupyter output cell (an iframe)

Colours, shapes, captions and the Dutch names of labels and relationship types live in
style.yaml; the Dutch texts in text.py. Hover cards are plain text
(vis-network 9 shows a string title as text; the page turns it into a card element), so nothing
from the sources is ever interpreted as HTML.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import pyvis
import yaml
from markupsafe import Markup
from pyvis.network import Network

from armoedegraaf.kaart import text as kaart_text
from armoedegraaf.kaart.text import Titles

STYLE_FILE = Path(__file__).with_name("style.yaml")
TEMPLATE_FILE = "template.html"
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
CAPTION_CHARS = 32
NODE_ITERATIONS, MIN_ITERATIONS, MAX_ITERATIONS = 30_000, 60, 300
# Legend glyphs for the vis-network shapes the style uses.
SHAPE_GLYPHS = {"dot": "●", "star": "★", "hexagon": "⬢", "triangle": "▲", "triangleDown": "▼",
                "diamond": "◆", "square": "■", "box": "▬", "ellipse": "⬬", "database": "⛁"}


@dataclass(frozen=True)
class NodeStyle:
    label: str
    name: str
    plural: str
    color: str
    shape: str
    size: int
    caption: str


@dataclass(frozen=True)
class EdgeStyle:
    name: str
    color: str
    width: float
    dashes: bool = False


@dataclass(frozen=True)
class KaartStyle:
    nodes: tuple[NodeStyle, ...]
    fallback_node: NodeStyle
    edges: dict[str, EdgeStyle]
    fallback_edge: EdgeStyle
    collapsed: NodeStyle  # the counted '+N' node that stands for a hub's other neighbours

    def node(self, labels: list[str]) -> NodeStyle:
        return next((s for s in self.nodes if s.label in labels), self.fallback_node)

    def edge(self, rel_type: str) -> EdgeStyle:
        return self.edges.get(rel_type, self.fallback_edge)


@lru_cache(maxsize=1)
def load_style(path: Path = STYLE_FILE) -> KaartStyle:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return KaartStyle(
        nodes=tuple(NodeStyle(**spec) for spec in doc["nodes"]),
        fallback_node=NodeStyle(**doc["fallback_node"]),
        edges={name: EdgeStyle(**spec) for name, spec in doc["edges"].items()},
        fallback_edge=EdgeStyle(**doc["fallback_edge"]),
        collapsed=NodeStyle(**doc["collapsed"]),
    )


# -- hover cards (Dutch; armoedegraaf/kaart/text.py) ------------------------------------------

def provenance(props: dict[str, Any], titles: Titles) -> str:
    """"<source title>, regel N", or the coordinator's own file and row."""
    return kaart_text.provenance(props, titles)


def node_card(node: dict[str, Any], titles: Titles, style: KaartStyle | None = None) -> str:
    return kaart_text.node_card(node, (style or load_style()).node(node["labels"]).name, titles)


def edge_card(edge: dict[str, Any], titles: Titles, style: KaartStyle | None = None,
              names: dict[str, str] | None = None) -> str:
    style = style or load_style()
    return kaart_text.edge_card(edge, relation_name(edge["type"], style), names or {}, titles)


def relation_name(rel_type: str, style: KaartStyle | None = None) -> str:
    """The relationship in Dutch ("werkt mee aan"), from the style; a sensible fallback otherwise."""
    style = style or load_style()
    return kaart_text.relation_name(rel_type, style.edges[rel_type].name if rel_type in style.edges else None)


def caption(node: dict[str, Any], kind: NodeStyle) -> str:
    props = node["properties"]
    text = str(props.get(kind.caption) or props.get("name") or node["id"])
    return text if len(text) <= CAPTION_CHARS else text[:CAPTION_CHARS - 1].rstrip() + "…"


# -- the pyvis network --------------------------------------------------------------------------

def vis_options(node_count: int) -> dict[str, Any]:
    """Physics tuned to settle fast: forceAtlas2Based, a stabilization whose iterations shrink as
    the network grows (about 30,000 node-iterations, at least 60: a 500-node kaart settles in
    about a second of CPU), straight edges (dynamic smoothing adds a physics node per edge). The
    page turns physics off once stabilization is done, so the layout then stays where it is."""
    iterations = max(MIN_ITERATIONS, min(MAX_ITERATIONS, NODE_ITERATIONS // max(node_count, 1)))
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 100},
        "nodes": {"borderWidth": 1, "font": {"size": 13, "face": "sans-serif", "strokeWidth": 3,
                                             "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "color": {"inherit": False},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.012, "springLength": 90,
                                 "springConstant": 0.08, "damping": 0.5, "avoidOverlap": 0.2},
            "minVelocity": 1.0,
            "timestep": 0.5 if node_count <= 100 else 1.0,
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 50, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": node_count > 200,
                        "navigationButtons": False, "keyboard": False},
    }


def build_network(net: dict[str, Any], titles: Titles, style: KaartStyle | None = None) -> Network:
    """A pyvis Network of the network answer: nodes styled by label, edges by type, cards citing the
    sources by their `titles`; a hub the kaart does not go through gets a counted '+N' node that opens it."""
    style = style or load_style()
    vis = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    names = {n["id"]: str(n["properties"].get("name") or n["id"]) for n in net["nodes"]}
    for node in net["nodes"]:
        kind = style.node(node["labels"])
        focus = node["id"] == net["center"]
        vis.add_node(node["id"], label=caption(node, kind), shape=kind.shape, color=kind.color,
                     size=kind.size * (1.6 if focus else 1), borderWidth=4 if focus else 1,
                     title=node_card(node, titles, style), kind=kind.label, depth=node.get("depth", 0),
                     sources=kaart_text.links(node["properties"], titles),
                     font={"size": 18, "bold": True} if focus else {"size": 14})
    parallel: Counter[tuple[str, str]] = Counter()
    for i, edge in enumerate(net["edges"]):
        es = style.edge(edge["type"])
        pair = tuple(sorted((edge["start"], edge["end"])))
        bend = parallel[pair]
        parallel[pair] += 1
        # Two relationships between the same nodes would be drawn on top of each other: bend them.
        smooth = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * bend} if bend else False
        vis.add_edge(edge["start"], edge["end"], id=f"e{i}", color=es.color, width=es.width, dashes=es.dashes,
                     title=edge_card(edge, titles, style, names), kind=edge["type"], smooth=smooth,
                     sources=kaart_text.links(edge["properties"], titles), verdict=edge.get("verdict"))
    for hub in net.get("hubs", []):
        more = f"meer:{hub['id']}"
        vis.add_node(more, label=f"+{hub['hidden']}", shape="circle", color=style.collapsed.color,
                     title=f"{hub['hidden']} andere knopen via {hub['name']}\nklik om open te vouwen",
                     kind="Collapsed", hub=hub["id"], depth=hub["depth"] + 1, sources=[], font={"size": 14})
        vis.add_edge(hub["id"], more, id=f"m{len(vis.edges)}", color=style.collapsed.color, width=1, dashes=True,
                     kind="Collapsed", title=f"{hub['name']}: {hub['hidden']} knopen samengevat", sources=[])
    vis.options = vis_options(len(vis.nodes))
    return vis


# -- the page -----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[Markup, Markup]:
    """vis-network's JS and CSS as shipped inside the pyvis package: no CDN, no download."""
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # would end the inline element early
        raise RuntimeError(f"{VIS_DIR}: vis-network assets cannot be inlined")
    return Markup(js), Markup(css)


def legend(net: dict[str, Any], style: KaartStyle | None = None) -> dict[str, list[dict[str, Any]]]:
    """The node types and relationship types present, with counts, in style order; Dutch names."""
    style = style or load_style()
    kinds = Counter(style.node(n["labels"]).label for n in net["nodes"])
    known = [*style.nodes, style.fallback_node]
    nodes = [{"label": s.label, "name": s.name, "color": s.color, "glyph": SHAPE_GLYPHS.get(s.shape, "●"),
              "count": kinds[s.label]} for s in known if kinds[s.label]]
    types = Counter(e["type"] for e in net["edges"])
    edges = [{"type": t, "name": relation_name(t, style), "color": style.edge(t).color,
              "dashes": style.edge(t).dashes, "count": types[t]} for t in sorted(types)]
    return {"nodes": nodes, "edges": edges}


def messages(net: dict[str, Any], limit: int | None = None) -> list[str]:
    """The page's notes on what it leaves out, in Dutch."""
    out = []
    if net.get("capped"):
        out.append(kaart_text.capped_message(limit or len(net["nodes"])))
    if net.get("grondrecht") and len(net["nodes"]) == 1:
        out.append(kaart_text.no_scope_message(net["depth"], net["grondrecht"]))
    if net.get("hubs"):
        out.append(kaart_text.hub_message(net["hubs"]))
    return out


def render_html(net: dict[str, Any] | None, titles: Titles, title: str | None = None,
                form: dict[str, Any] | None = None, style: KaartStyle | None = None,
                error: dict[str, Any] | None = None) -> str:
    """The kaart of a network answer as one HTML page that needs no network access; its cards cite
    the bundled documents by `titles` (armoedegraaf.kaart.data.source_titles).
    `form` (the /kaart page's choices, see api/routes/kaart.py) adds the focus/filter form; `error`
    ({message, candidates}) shows what went wrong above the form instead of a kaart."""
    style = style or load_style()
    js, css = _vis_assets()
    if net is None:
        return _environment().get_template(TEMPLATE_FILE).render(
            title=title or "Sociale kaart", payload=None, legend=None, net=None, form=form, error=error,
            notes=[], vis_js=js, vis_css=css, node_count=0, edge_count=0)
    vis = build_network(net, titles, style)
    center = next((n for n in net["nodes"] if n["id"] == net["center"]), None)
    center_name = center["properties"].get("name", center["id"]) if center else net["center"]
    return _environment().get_template(TEMPLATE_FILE).render(
        title=title or f"Sociale kaart: {center_name}",
        payload={"nodes": vis.nodes, "edges": vis.edges, "options": vis.options,
                 "verdicts": list(kaart_text.OVERLAP_VERDICTS.items())},
        legend=legend(net, style), net=net, center_name=center_name, error=error,
        notes=messages(net, form and form.get("limit")), center_kind=style.node(center["labels"]).name if center else "",
        node_count=len(net["nodes"]), edge_count=len(net["edges"]), form=form, vis_js=js, vis_css=css)


def write_html(net: dict[str, Any], path: Path | str, titles: Titles, title: str | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(net, titles, title), encoding="utf-8")
    return path


def notebook_view(page: str, height: int = 650) -> Any:
    """The page inside a notebook output cell, isolated in an iframe (its scripts and styles
    stay out of the notebook's own)."""
    from IPython.display import HTML

    return HTML(f'<div><iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{height}px;'
                'border:1px solid #ddd" sandbox="allow-scripts"></iframe></div>')
