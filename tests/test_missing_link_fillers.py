"""Missing partner categories name the local bodies that would fill them (issue 12, Build 1): the
instances or members (INSTANCE_OF / MEMBER_OF) of the actor categories the study lists for the
missing category, in the platform's own municipality; where there is none, the answer says so.
On both backends, over the seed documents."""

from __future__ import annotations

import yaml

from graph.queries.core import node_by_id
from graph.queries.gaps import platform_links
from graph.questions.missing_links import CATEGORY_ACTORS, missing_links

HULP = "Algemene hulpverleningsorganisaties"


def _items(store) -> dict[str, dict]:
    kinds = missing_links(store, "platform_partner_categories", 500)["kinds"]
    return {i["subject"]["id"]: i for i in kinds["platform_partner_categories"]}


def test_mechelen_lacks_hulpverlening_and_the_cgg_of_mechelen_would_fill_it(loaded_store):
    # 001 L2283-2284: "In Mechelen startten ... (Centrum voor Geestelijke Gezondheidszorg, ..." the
    # CGG of the Mechelen project "Werken aan hechting" (L2293); 002 L383 lists CGG under hulpverlening.
    item = _items(loaded_store)["platform:ocmw-sh-mechelen"]
    assert HULP in item["missing"]
    cgg = [s for s in item["suggested"] if s["id"] == "org:cgg-mechelen"]
    assert cgg and cgg[0]["for"] == HULP and cgg[0]["category"] == "org:cgg" and not cgg[0]["partner"]
    assert {"source": "001_38d43dd55946f7ed.txt", "line": 2284} in cgg[0]["evidence"]
    assert "CGG Mechelen" in item["why"]
    assert HULP not in [u["for"] for u in item["unfilled"]]


def test_suggestions_never_leave_the_platform_municipality_and_gaps_without_one_say_so(loaded_store):
    items = _items(loaded_store)
    platforms = {p["id"]: p for p in loaded_store.run(platform_links)}
    assert sum(len(i["suggested"]) for i in items.values()) >= 3
    for pid, item in items.items():
        for s in item["suggested"]:
            assert s["where"] == "gemeente" and s["municipality"] == platforms[pid]["municipality"], (pid, s)
            # a generic category partner ("CLB") is answered with its local instances, labelled so
            assert (s["for"] in item["missing"]) != s["generic"] and s["evidence"]
        covered = {s["for"] for s in item["suggested"] if not s["generic"]} | {u["for"] for u in item["unfilled"]}
        assert covered == set(item["missing"]), pid
        assert all(u["why"] for u in item["unfilled"])
    gent = items["platform:ocmw-gent"]  # no CAW, CGG or Welzijnsschakel of Gent in the graph: say so
    assert not [s for s in gent["suggested"] if s["for"] == HULP]
    assert any(u["for"] == HULP and "in Gent" in u["why"] for u in gent["unfilled"])


def test_a_partner_already_in_the_network_is_marked_so(loaded_store):
    # 002 L4003: the Welzijnsschakel of Lummen is among the partners of the Lummen platform.
    item = _items(loaded_store)["platform:ocmw-lummen"]
    ws = [s for s in item["suggested"] if s["id"] == "org:welzijnsschakel-lummen"]
    assert ws and ws[0]["partner"] and ws[0]["category"] == "org:welzijnsschakels"
    assert "al partner" in item["why"]


def test_the_mapping_names_categories_the_load_produces(loaded_store):
    doc = yaml.safe_load(CATEGORY_ACTORS.read_text(encoding="utf-8"))
    plan_categories = {c for p in loaded_store.run(platform_links) for c in p["all_categories"]}
    assert {e["category"] for e in doc["categories"]} == plan_categories
    for e in doc["categories"]:
        for a in e["actors"]:
            node = loaded_store.run(node_by_id, id=a["id"])
            assert node and "Actor" in node[0]["labels"], a["id"]
            assert a["reason"]["line"] and a["reason"]["evidence"]
