"""The sociale kaart: style declared once, self-contained HTML, hover cards with provenance, the
grondrecht filter, focus choice, and the /kaart routes (on both backends)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from armoedegraaf import kaart
from armoedegraaf.kaart import data as kaart_data, text as kaart_text
from armoedegraaf.errors import InvalidParameter, NotFound
from armoedegraaf.settings import Settings
from graph.memory_store import MemoryStore
from graph.model import GraphBatch
from graph.questions.network import network
from graph.schema import load_schema
from graph.verdicts import VERDICTS

SRC = "fixture_kaart.txt"
EVIL = "<script>alert(1)</script> vzw"


def fixture_batch() -> GraphBatch:
    """A Huis van het Kind with three partners; two actions of a plan on two grondrechten."""
    b = GraphBatch()
    plan = b.add_node("Plan", "Testplan", source=SRC, line=1, name="Testplan")
    g1 = b.add_node("Grondrecht", "01", source=SRC, line=2, code="01", name="inkomen")
    g2 = b.add_node("Grondrecht", "02", source=SRC, line=3, code="02", name="wonen")
    a1 = b.add_node("Action", ("Testplan", "01_01"), source=SRC, line=10, code="01_01", plan="Testplan",
                    name="01_01 Inkomen verhogen", title="Inkomen verhogen")
    a2 = b.add_node("Action", ("Testplan", "02_01"), source=SRC, line=11, code="02_01", plan="Testplan",
                    name="02_01 Wonen", title="Wonen")
    hvhk = b.add_node("HuisVanHetKind", "Huis van het Kind Gent", source=SRC, line=20, name="Huis van het Kind Gent")
    caw = b.add_node("Organisation", "CAW Oost-Vlaanderen", source=SRC, line=21, name="CAW Oost-Vlaanderen")
    ocmw = b.add_node("Organisation", "OCMW Gent", source=SRC, line=22, name="OCMW Gent")
    evil = b.add_node("Organisation", EVIL, source=SRC, line=23, name=EVIL)
    for action, right, line in ((a1, g1, 10), (a2, g2, 11)):
        b.add_relationship("PART_OF", action, plan, source=SRC, line=line)
        b.add_relationship("TARGETS", action, right, source=SRC, line=line)
    b.add_relationship("INVOLVED_IN", caw, a1, source=SRC, line=30, role="other", as_written="het CAW")
    b.add_relationship("INVOLVED_IN", ocmw, a2, source=SRC, line=31, role="other", as_written="OCMW")
    for org, line in ((caw, 32), (ocmw, 33), (evil, 34)):
        b.add_relationship("PARTNER_OF", org, hvhk, source=SRC, line=line, as_written=f"partner {line}")
    return b


@pytest.fixture(scope="module")
def small() -> MemoryStore:
    store = MemoryStore.open(None)
    store.write(fixture_batch())
    return store


class _Attrs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.by_id: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if attrs.get("id"):
            self._open = attrs["id"]
            self.by_id[self._open] = ""

    def handle_data(self, data):
        if self._open:
            self.by_id[self._open] += data

    def handle_endtag(self, tag):
        self._open = None


def parse(page: str) -> _Attrs:
    parser = _Attrs()
    parser.feed(page)
    return parser


def payload(page: str) -> dict:
    return json.loads(re.search(r"var payload = (\{.*?\});\n", page).group(1))


# -- style -------------------------------------------------------------------------------------

def test_style_covers_every_label_and_relationship_type_once():
    style, schema = kaart.load_style(), load_schema()
    styled = [s.label for s in style.nodes]
    assert len(styled) == len(set(styled))
    assert set(schema.concrete_labels) <= set(styled), "kaart_style.yaml must style every label of the schema"
    assert set(schema.relationships) <= set(style.edges)
    # Beside the concrete labels, only the category kind (an abstract label a category carries too).
    assert set(styled) - set(schema.concrete_labels) <= {"Category"}
    assert set(style.edges) == set(schema.relationships)
    assert all(e.name and e.name.islower() for e in style.edges.values()), "every relationship has a Dutch name"
    assert len({s.color for s in style.nodes}) == len(styled), "two node types share a colour"
    assert all(s.shape in kaart.SHAPE_GLYPHS for s in style.nodes)


def test_abstract_actor_label_is_never_the_drawn_type():
    style = kaart.load_style()
    assert style.node(["Actor", "Organisation"]).label == "Organisation"
    assert style.node(["Actor", "HuisVanHetKind"]).label == "HuisVanHetKind"
    assert style.node(["SomethingNew"]) == style.fallback_node
    # a category is drawn as one, whatever kind of actor it groups
    assert style.node(["Actor", "Category", "Organisation"]).label == "Category"


# -- the HTML page -----------------------------------------------------------------------------

def test_page_is_self_contained(loaded_memory):
    net = network(loaded_memory, "plan:vapa-2015-2019", 1)
    page = kaart.render_html(net, kaart_data.source_titles(loaded_memory))
    external = [(tag, name, value) for tag, attrs in parse(page).tags for name, value in attrs.items()
                if name in ("src", "href") and value and re.match(r"\s*(https?:)?//", value)]
    assert external == []
    assert not any(tag in ("link", "iframe") or "src" in attrs for tag, attrs in parse(page).tags)
    assert "vis.Network" in page and ".vis-network" in page  # vis-network JS and CSS are inline


def test_page_draws_the_network_it_was_given(loaded_memory):
    net = network(loaded_memory, "plan:vapa-2015-2019", 2)
    page = kaart.render_html(net, kaart_data.source_titles(loaded_memory))
    data = payload(page)
    assert [n["id"] for n in data["nodes"]] == [n["id"] for n in net["nodes"]]
    assert len(data["edges"]) == len(net["edges"])
    doc = parse(page)
    assert doc.by_id["node-count"].strip() == str(len(net["nodes"]))
    assert doc.by_id["edge-count"].strip() == str(len(net["edges"]))
    # Stabilization is on, and the page switches physics off once it is done.
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    assert 'network.once("stabilizationIterationsDone"' in page and "setOptions({ physics: false })" in page


def test_hover_cards_give_name_type_and_source_line(small):
    net = network(small, "hvhk:huis-van-het-kind-gent", 2)
    data = payload(kaart.render_html(net, kaart_data.source_titles(small)))
    caw = next(n for n in data["nodes"] if n["id"] == "org:caw-oost-vlaanderen")
    assert caw["title"].splitlines() == ["CAW Oost-Vlaanderen", "soort: Organisatie",
                                         f"bron: eigen sociale kaart ({SRC}), rij 21", "stappen van de focus: 1",
                                         "id: org:caw-oost-vlaanderen"]
    involved = next(e for e in data["edges"] if e["kind"] == "INVOLVED_IN" and e["from"] == "org:caw-oost-vlaanderen")
    assert involved["title"].splitlines() == ["CAW Oost-Vlaanderen werkt mee aan 01_01 Inkomen verhogen",
                                              "rol: andere partner", "zoals geschreven: “het CAW”",
                                              f"bron: eigen sociale kaart ({SRC}), rij 30"]
    assert involved["sources"] == [{"text": f"eigen sociale kaart ({SRC}), rij 30", "href": None}]
    focus = next(n for n in data["nodes"] if n["id"] == "hvhk:huis-van-het-kind-gent")
    assert focus["borderWidth"] > caw["borderWidth"] and focus["shape"] == "star"


def test_provenance_by_title_and_line(loaded_memory):
    titles = kaart_data.source_titles(loaded_memory)  # the Source nodes' titles
    assert kaart.provenance({}, titles) == "onbekend (de bron zegt het niet)"
    assert kaart.provenance({"source": "002_839b33d58696378e.txt", "line": 1411}, titles) == \
        "KPMG-studie van de lokale overlegplatforms kinderarmoede (2014-2015), regel 1411"
    assert kaart_text.source_ref("002_839b33d58696378e.txt", 1411, titles)[1] == \
        "/bron/002_839b33d58696378e.txt?regel=1411#regel-1411"
    assert kaart.provenance({"source": "partnerships.csv", "line": 3}, titles) == "eigen sociale kaart (partnerships.csv), rij 3"
    assert kaart.provenance({"source": "loaders/data/geography.yaml", "line": 4}, titles) == \
        "lijst van armoedegraaf (geography.yaml), regel 4"
    assert kaart.relation_name("INVOLVED_IN") == "werkt mee aan" and kaart.relation_name("SIMILAR_TO") == "lijkt op"
    assert kaart.relation_name("NEW_TYPE") == "heeft een relatie (NEW_TYPE) met"


def test_source_text_is_never_html(small):
    page = kaart.render_html(network(small, "hvhk:huis-van-het-kind-gent", 1), kaart_data.source_titles(small))
    assert "<script>alert(1)" not in page
    assert EVIL in [n["title"].splitlines()[0] for n in payload(page)["nodes"]]  # shown as text


def test_legend_lists_present_types_with_counts(small):
    net = network(small, "hvhk:huis-van-het-kind-gent", 1)
    legend = kaart.legend(net)
    assert [(k["label"], k["count"]) for k in legend["nodes"]] == [("HuisVanHetKind", 1), ("Organisation", 3)]
    assert [(e["type"], e["name"], e["count"]) for e in legend["edges"]] == [("PARTNER_OF", "werkt samen met", 3)]
    assert [k["name"] for k in legend["nodes"]] == ["Huis van het Kind", "Organisatie"]
    page = kaart.render_html(net, kaart_data.source_titles(small))
    assert 'data-kind="HuisVanHetKind"' in page and 'data-kind="PARTNER_OF"' in page


def test_capped_network_shows_its_message(loaded_memory):
    net = network(loaded_memory, "plan:vapa-2015-2019", 2, limit=20)
    assert net["capped"]
    page = kaart.render_html(net, kaart_data.source_titles(loaded_memory), form={"limit": 20})
    assert "De kaart toont de 20 dichtstbijzijnde knopen" in page
    assert "kaart-message" not in kaart.render_html(network(loaded_memory, "grondrecht:05", 1),
                                                kaart_data.source_titles(loaded_memory))


def test_physics_iterations_shrink_as_the_network_grows():
    small_opts, big_opts = kaart.vis_options(50), kaart.vis_options(500)
    its = [o["physics"]["stabilization"]["iterations"] for o in (small_opts, big_opts)]
    assert its[0] > its[1] >= kaart.MIN_ITERATIONS
    assert small_opts["layout"]["improvedLayout"] and not big_opts["layout"]["improvedLayout"]


def test_write_html(tmp_path, small):
    path = kaart.write_html(network(small, "grondrecht:01", 1), tmp_path / "k" / "kaart.html",
                           kaart_data.source_titles(small), title="Recht 01")
    assert "<title>Recht 01</title>" in path.read_text(encoding="utf-8")


# -- what the kaart shows ----------------------------------------------------------------------

def test_without_grondrecht_the_kaart_is_the_network_answer(small):
    net = kaart_data.kaart_network(small, "hvhk:huis-van-het-kind-gent", 2, hubs=False)
    assert {k: v for k, v in net.items() if k not in ("grondrecht", "hubs")} == \
        network(small, "hvhk:huis-van-het-kind-gent", 2, None, 300)
    local = kaart_data.kaart_network(small, "hvhk:huis-van-het-kind-gent", 2)  # no hub in the fixture
    assert sorted(n["id"] for n in local["nodes"]) == sorted(n["id"] for n in net["nodes"]) and local["hubs"] == []


def test_grondrecht_scope(small):
    code, scope = kaart_data.grondrecht_scope(small, "grondrecht:01")
    assert code == "01"
    assert scope == {"grondrecht:01", "action:testplan:01_01", "plan:testplan", "org:caw-oost-vlaanderen"}


def test_grondrecht_filter_keeps_what_the_focus_reaches_through_its_scope(small):
    net = kaart_data.kaart_network(small, "hvhk:huis-van-het-kind-gent", 3, grondrecht="01")
    depths = {n["id"]: n["depth"] for n in net["nodes"]}
    assert depths == {"hvhk:huis-van-het-kind-gent": 0, "org:caw-oost-vlaanderen": 1, "action:testplan:01_01": 2,
                      "grondrecht:01": 3, "plan:testplan": 3}
    assert all(e["start"] in depths and e["end"] in depths for e in net["edges"])
    assert net["grondrecht"] == "01" and not net["capped"]
    # Depth 1 through the scope reaches only the one partner on a grondrecht-01 action.
    one = kaart_data.kaart_network(small, "hvhk:huis-van-het-kind-gent", 1, grondrecht="01")
    assert [n["id"] for n in one["nodes"]] == ["hvhk:huis-van-het-kind-gent", "org:caw-oost-vlaanderen"]
    # A focus that reaches nothing in scope says so instead of drawing a lone node silently.
    alone = kaart_data.kaart_network(small, "org:ocmw-gent", 1, grondrecht="01")
    assert [n["id"] for n in alone["nodes"]] == ["org:ocmw-gent"] and "grondrecht 01" in alone["message"]
    assert not alone["capped"]


def test_grondrecht_filter_caps_nearest_first(small):
    net = kaart_data.kaart_network(small, "hvhk:huis-van-het-kind-gent", 3, grondrecht="01", limit=3)
    assert [n["depth"] for n in net["nodes"]] == [0, 1, 2]
    assert net["capped"] and "capped at 3" in net["message"]


def test_bad_parameters_name_themselves(small):
    with pytest.raises(InvalidParameter) as exc:
        kaart_data.kaart_network(small, "plan:testplan", 1, grondrecht="99")
    assert exc.value.parameter == "grondrecht" and "01, 02" in str(exc.value)
    with pytest.raises(InvalidParameter) as exc:
        kaart_data.kaart_network(small, "plan:testplan", 1, limit=0)
    assert exc.value.parameter == "limit"
    with pytest.raises(InvalidParameter) as exc:
        kaart_data.check_depth(4)
    assert exc.value.parameter == "depth"


def test_focus_by_id_or_name(small):
    assert kaart_data.resolve_focus(small, "org:ocmw-gent") == "org:ocmw-gent"
    assert kaart_data.resolve_focus(small, "ocmw gent") == "org:ocmw-gent"
    assert kaart_data.resolve_focus(small, "Kind Gent") == "hvhk:huis-van-het-kind-gent"
    with pytest.raises(InvalidParameter, match="matches 2 nodes"):
        kaart_data.resolve_focus(small, "gent")
    with pytest.raises(NotFound, match="focus"):
        kaart_data.resolve_focus(small, "nobody at all")


def test_default_focus_is_the_best_connected_huis_van_het_kind(small, loaded_memory):
    assert kaart_data.default_focus(small) == "hvhk:huis-van-het-kind-gent"
    first = kaart_data.suggestions(small)[0]
    assert (first.id, first.degree) == ("hvhk:huis-van-het-kind-gent", 3)
    focus = kaart_data.default_focus(loaded_memory)
    label = next(lab for lab in kaart_data.FOCUS_LABELS
                 if any(c.label == lab for c in kaart_data.candidates(loaded_memory)))
    assert loaded_memory.get_node(focus)["labels"].count(label) == 1
    with pytest.raises(NotFound):
        kaart_data.default_focus(MemoryStore.open(None))


# -- the routes --------------------------------------------------------------------------------

@pytest.fixture
def client(loaded_store, tmp_path):
    with TestClient(create_app(Settings(backend=loaded_store.backend, data_dir=tmp_path), store=loaded_store)) as c:
        yield c


def test_kaart_page_and_its_data_agree(client, loaded_store):
    data = client.get("/kaart/data", params={"door_hubs": "true"}).json()
    assert data["center"] == kaart_data.default_focus(loaded_store)
    assert {k: v for k, v in data.items() if k not in ("grondrecht", "hubs")} == \
        network(loaded_store, data["center"], 2, None, 300)
    data = client.get("/kaart/data").json()  # a local focus stays local: not on through hubs
    assert {n["id"] for n in data["nodes"]} <= {n["id"] for n in network(loaded_store, data["center"], 2, None, 2000)["nodes"]}
    page = client.get("/kaart")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    doc = parse(page.text)
    assert doc.by_id["node-count"].strip() == str(len(data["nodes"]))
    drawn = [n["id"] for n in payload(page.text)["nodes"]]
    assert [i for i in drawn if not i.startswith("meer:")] == [n["id"] for n in data["nodes"]]
    assert [i for i in drawn if i.startswith("meer:")] == [f"meer:{h['id']}" for h in data["hubs"]]
    assert any(tag == "form" for tag, _ in doc.tags) and 'name="grondrecht"' in page.text


def test_kaart_filters_through_the_query_string(client):
    data = client.get("/kaart/data", params={"focus": "plan:vapa-2015-2019", "depth": 2, "grondrecht": "05",
                                             "types": "Action,Grondrecht"}).json()
    labels = {lab for n in data["nodes"] for lab in n["labels"]}
    assert labels == {"Plan", "Action", "Grondrecht"} and data["grondrecht"] == "05"
    assert {n["id"] for n in data["nodes"] if "Grondrecht" in n["labels"]} == {"grondrecht:05"}
    page = client.get("/kaart/actors/plan:vapa-2015-2019", params={"depth": 1, "limit": 5})
    assert page.status_code == 200 and "De kaart toont de 5 dichtstbijzijnde knopen" in page.text


@pytest.mark.parametrize("url, params, status, parameter", [
    ("/kaart", {"depth": 9}, 422, "depth"),
    ("/kaart", {"grondrecht": "99"}, 422, "grondrecht"),
    ("/kaart", {"types": "Bogus"}, 422, "types"),
    ("/kaart/data", {"limit": 0}, 422, "limit"),
    ("/kaart", {"focus": "no such node anywhere"}, 404, "focus"),
    ("/kaart/actors/org:nobody", {}, 404, "node_id"),
])
def test_kaart_bad_parameters(client, url, params, status, parameter):
    response = client.get(url, params=params)
    assert response.status_code == status
    if url == "/kaart":  # the page: the message above the form, the choices as they were
        doc = parse(response.text)
        assert parameter in doc.by_id["kaart-error"] or "Niets gevonden" in doc.by_id["kaart-error"]
        assert any(tag == "form" for tag, _ in doc.tags)
        typed = params.get("focus")
        assert typed is None or f'value="{typed}"' in response.text
        return
    body = response.json()
    if status == 422:  # FastAPI's validation-error shape: the parameter is named in `loc`
        assert body["detail"][0]["loc"][-1] == parameter
    else:
        assert parameter in body["detail"]


def test_an_ambiguous_focus_lists_the_candidates_on_the_page(client):
    page = client.get("/kaart", params={"focus": "OCMW Boom", "depth": 2})
    assert page.status_code == 422
    doc = parse(page.text)
    assert "past bij 2 knopen" in doc.by_id["kaart-error"]
    links = [a["href"] for tag, a in doc.tags if tag == "a" and a.get("href", "").startswith("/kaart?focus=")]
    assert sorted(links) == ["/kaart?focus=org%3Aocmw-boom&depth=2", "/kaart?focus=platform%3Aocmw-boom&depth=2"]
    assert 'value="OCMW Boom"' in page.text  # the form as she filled it in
    data = client.get("/kaart/data", params={"focus": "OCMW Boom"})
    assert data.status_code == 422
    assert sorted(c["id"] for c in data.json()["detail"][0]["ctx"]["candidates"]) == ["org:ocmw-boom", "platform:ocmw-boom"]
    # A name the resolver knows (an alias) is read as its node.
    assert client.get("/kaart/data", params={"focus": "Sociaal Huis Boom", "depth": 1}).json()["center"] == "org:ocmw-boom"


def test_a_local_focus_stays_local_and_a_hub_opens_on_request(client):
    local = client.get("/kaart/data", params={"focus": "platform:ocmw-boom", "depth": 2}).json()
    wide = client.get("/kaart/data", params={"focus": "platform:ocmw-boom", "depth": 2, "door_hubs": "true"}).json()
    assert len(local["nodes"]) < len(wide["nodes"])
    hub = next(h for h in local["hubs"] if h["id"] == "plan:kinderen-eerst")
    assert hub["hidden"] > 20 and hub["id"] in {n["id"] for n in local["nodes"]}
    page = client.get("/kaart", params={"focus": "platform:ocmw-boom", "depth": 2}).text
    more = next(n for n in payload(page)["nodes"] if n["id"] == f"meer:{hub['id']}")
    assert more["label"] == f"+{hub['hidden']}" and more["hub"] == hub["id"]
    opened = client.get("/kaart/data", params=[("focus", "platform:ocmw-boom"), ("depth", 2), ("open", hub["id"])]).json()
    assert "plan:kinderen-eerst" not in {h["id"] for h in opened["hubs"]} and len(opened["nodes"]) > len(local["nodes"])


def test_the_view_as_a_csv_for_excel_and_the_source_passage(client):
    response = client.get("/kaart/knopen.csv", params={"focus": "org:ocmw-boom", "depth": 1})
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbfnaam;soort;")
    rows = response.text.lstrip("\ufeff").splitlines()
    data = client.get("/kaart/data", params={"focus": "org:ocmw-boom", "depth": 1}).json()
    assert len(rows) == 1 + len(data["nodes"]) and rows[1].startswith("OCMW Boom;Organisatie;0;")
    passage = client.get("/bron/001_38d43dd55946f7ed.txt", params={"regel": 1472})
    assert passage.status_code == 200 and 'id="regel-1472" class=hit' in passage.text
    assert "Handboek" in passage.text
    assert client.get("/bron/pyproject.toml").status_code == 404
    assert client.get("/bron/001_38d43dd55946f7ed.txt", params={"regel": 10 ** 7}).status_code == 404


def test_kaart_actors_takes_a_name_too(client):
    page = client.get("/kaart/actors/Huis van het Kind Boom", params={"depth": 1})
    assert page.status_code == 200 and "<title>Sociale kaart: Huis van het Kind Boom</title>" in page.text
    assert client.get("/kaart/actors/OCMW Boom").status_code == 422  # the candidates, on the page


def test_a_lijkt_op_edge_carries_the_verdict_in_force(client, loaded_store):
    """A verdict on a SIMILAR_TO pair (given in either order) rides on that edge of /kaart/data and
    of the page's payload; the other edges carry none."""
    vstore = client.app.state.verdicts
    vstore.clear()  # Neo4j keeps Verdict nodes across tests
    try:
        focus, other = "action:armoedeplan-opgroeien:og25-07", "action:armoedeplan-opgroeien:og25-08"
        for verdict in ("related", "successor"):  # the later one is in force
            body = {"kind": "overlap", "a": other, "b": focus, "verdict": verdict, "author": "An", "note": "zelfde doel"}
            assert client.post("/verdicts", json=body).status_code == 201
        edges = client.get("/kaart/data", params={"focus": focus, "depth": 1}).json()["edges"]
        judged = [(e["start"], e["end"], e["verdict"]["verdict"], e["verdict"]["author"]) for e in edges if "verdict" in e]
        assert judged == [(focus, other, "successor", "An")]
        assert sum(e["type"] == "SIMILAR_TO" for e in edges) == 1
        page = client.get("/kaart", params={"focus": focus, "depth": 1}).text
        payload = json.loads(re.search(r"var payload = (\{.*?\});\n", page).group(1))
        assert [e["verdict"]["verdict"] for e in payload["edges"] if e.get("verdict")] == ["successor"]
        assert payload["verdicts"] == [["same", "zelfde initiatief"], ["related", "verwant"],
                                       ["successor", "opvolger"], ["distinct", "verschillend"]]
        assert [code for code, _ in payload["verdicts"]] == list(VERDICTS["overlap"])  # a button for each
    finally:
        vstore.clear()
