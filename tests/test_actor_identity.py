"""Who is who: the must-merge / must-not-merge suite (tests/actor_pairs.py) on the resolver and on the
loaded graph of both backends; the guard rails, the overrides and the merge report; actor kinds,
lineage and the Huis van het Kind's partners through its project (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.model import fold_name
from graph.queries.actors import find_actors, relationships_of
from graph.questions.actors import actor_detail
from graph.questions.network import network
from loaders.resolution.resolve import Overrides, Resolver
from tests.actor_pairs import MUST_MERGE, MUST_NOT_MERGE

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
PAIRS = [("merge", *p) for p in MUST_MERGE] + [("apart", *p) for p in MUST_NOT_MERGE]
IDS = [f"{k}:{a}|{b}" for k, a, _, b, *_ in PAIRS]


def _norm(text: str) -> str:
    return " ".join(text.replace("-\n", "").split()).casefold()


def test_the_suite_has_at_least_forty_pairs_of_both_kinds():
    assert len(PAIRS) >= 40 and len(MUST_MERGE) >= 15 and len(MUST_NOT_MERGE) >= 15


@pytest.mark.parametrize("kind,a,role,b,file,line,why", PAIRS, ids=IDS)
def test_the_first_spelling_stands_on_the_cited_line(kind, a, role, b, file, line, why):
    lines = (SOURCES / file).read_text(encoding="utf-8").split("\n")
    text = _norm(" ".join(lines[line - 1:line + 1]))
    assert any(_norm(w) in text for w in (a, a.split()[0], a.split()[-1])), f"{file}:{line} does not hold {a!r}"


# The loaders map a place to its official municipality ('OCMW Luik' -> 'OCMW Liège') through the
# geography, after the resolver: those pairs are checked on the loaded graph only.
RESOLVER_PAIRS = [p for p in PAIRS if not (p[1].startswith("OCMW ") and p[3].startswith("OCMW "))]


@pytest.mark.parametrize("kind,a,role,b,file,line,why", RESOLVER_PAIRS,
                         ids=[f"{k}:{a}|{b}" for k, a, _, b, *_ in RESOLVER_PAIRS])
def test_resolver_merges_or_keeps_apart(kind, a, role, b, file, line, why):
    resolver = Resolver()
    ra, rb = resolver.resolve(a, role=role), resolver.resolve(b, role=role if kind == "merge" else "other")
    if kind == "merge":
        assert (ra.label, ra.key) == (rb.label, rb.key), why
    else:
        rb = rb or resolver.resolve(b, role=role)
        assert (ra.label, ra.key) != (rb.label, rb.key), why


def _ids(store, spelling: str) -> set[str]:
    """The actors of the loaded graph that carry this spelling among their names."""
    q = fold_name(spelling)
    return {r["id"] for r in store.run(find_actors, q=q, label=None, limit=200) if q in r["matched"]}


@pytest.mark.parametrize("kind,a,role,b,file,line,why", PAIRS, ids=IDS)
def test_loaded_graph_merges_or_keeps_apart(loaded_store, kind, a, role, b, file, line, why):
    ids_a, ids_b = _ids(loaded_store, a), _ids(loaded_store, b)
    assert ids_a and ids_b, (a, b)
    if kind == "merge":
        assert ids_a & ids_b, f"{a!r} and {b!r} should be one actor: {why}"
    else:
        assert not ids_a & ids_b, f"{a!r} and {b!r} should be two actors: {why}"


# --- guard rails and overrides -----------------------------------------------------------------

def test_a_bare_local_welzijnsschakel_is_not_fuzzy_merged_into_the_network_and_the_report_says_why():
    resolver = Resolver()
    res = resolver.resolve("Welzijnsschakel", role="other", source="002_839b33d58696378e.txt", line=4003)
    assert res.key != "Welzijnsschakels"
    refusal = resolver.refusals[-1]
    assert (refusal.candidate, refusal.reason, refusal.line) == ("Welzijnsschakels", "instance_vs_category", 4003)
    assert refusal.score >= 92


def test_a_name_listed_beside_another_is_not_fuzzy_merged_into_it():
    # 'Federeatie voor basiseducatie' is a typo of the Federatie (004:L12329); a list that names the
    # Federatie beside it makes the two distinct bodies.
    assert Resolver().resolve("Federeatie voor basiseducatie", role="other").key == "Federatie Basiseducatie"
    resolver = Resolver()
    res = resolver.resolve("Federeatie voor basiseducatie", role="other", beside=["Federatie Basiseducatie"])
    assert res.key != "Federatie Basiseducatie" and resolver.refusals[-1].reason == "listed_beside"


def test_overrides_force_a_merge_and_forbid_a_fuzzy_one():
    overrides = Overrides.of(same=[("Samenlevingsforum", "Samenlevingsopbouw")],
                             different=[("Federeatie voor basiseducatie", "Federatie Basiseducatie")])
    resolver = Resolver(overrides=overrides)
    forced = resolver.resolve("Samenlevingsforum", role="other")
    assert (forced.key, forced.method) == ("Samenlevingsopbouw", "override")
    kept = resolver.resolve("Federeatie voor basiseducatie", role="other")
    assert kept.key != "Federatie Basiseducatie" and resolver.refusals[-1].reason == "coordinator_different"


def test_load_reports_every_merge_with_its_method(seed_load):
    summary = seed_load.resolver.merge_summary()
    assert summary.startswith("actor merges: ") and "fuzzy 5" in summary and "refused" in summary
    rows = seed_load.resolver.merge_rows()
    fed = next(r for r in rows if r["as_written"] == "Federeatie voor basiseducatie")
    assert (fed["method"], fed["actor"]) == ("fuzzy", "Federatie Basiseducatie") and fed["score"] >= 92
    assert "004_0bee7784f433cdc9.txt:12329" in fed["places"]
    assert all(r["method"] in ("alias", "normalised", "exact", "variant", "subunit", "fuzzy", "override", "collective")
               for r in rows)
    unit = next(r for r in rows if r["as_written"] == "departement CJM, Afdeling Jeugd")
    assert (unit["method"], unit["actor"]) == ("subunit", "Afdeling Jeugd")


# --- kinds, lineage, coordination actions, networks (both backends) -----------------------------

COORDINATION = ["00_01_03", "00_04_01", "00_04_03", "00_04_04", "00_04_07", "00_04_11", "00_04_14", "00_04_16"]


@pytest.mark.parametrize("code", COORDINATION)
def test_coordination_actions_involve_the_category_alle_kabinetten(loaded_store, code):
    rels = loaded_store.run(relationships_of, id="cabinet:alle-kabinetten")
    assert any(r["id"] == f"action:vapa-2015-2019:{code}" for r in rels)
    node = loaded_store.get_node("cabinet:alle-kabinetten")
    assert node["properties"]["kind"] == "category" and "Category" in node["labels"]


def test_no_organisation_is_a_word_of_the_bv_example_list(loaded_store):
    # 000 lines 114-115: 'toe naar diverse partners (bv. behandelende arts, spel- en ontmoeting, sociale
    # huizen, caw, ggz, jeugdhulp…)': kinds of partner, each a category involved once in the measure.
    measure = "action:vlaams-actieplan-armoedebestrijding-lopende-beleidstermijn-2021:og21-01"
    rels = [r for r in loaded_store.run(relationships_of, id=measure)
            if r["properties"]["source"].startswith("000_") and r["properties"]["line"] in (114, 115)]
    assert {r["properties"]["as_written"] for r in rels} >= {"behandelende arts", "spel- en ontmoeting", "caw", "ggz",
                                                             "jeugdhulp"}
    for nid in {r["id"] for r in rels} | {"org:sociale-huizen"}:
        node = loaded_store.get_node(nid)
        assert node["properties"]["kind"] == "category" and "Category" in node["labels"], nid
    teams = [r for r in loaded_store.run(relationships_of, id="localteam:lokale-teams-antwerpen") if r["type"] == "PARTNER_OF"]
    assert teams == [], "the example list no longer makes partners of every local team"


@pytest.mark.parametrize("actor,other,direction,date", [
    ("org:samenlevingsopbouw", "org:saamo", "successors", "2020"),
    ("org:minderhedenforum", "org:levl", "successors", "2021"),
    ("administration:kind-en-gezin", "administration:opgroeien", "successors", "2019-01-01"),
    ("administration:opgroeien", "administration:kind-en-gezin", "predecessors", "2019-01-01"),
])
def test_actor_detail_shows_lineage(loaded_store, actor, other, direction, date):
    detail = actor_detail(loaded_store, actor)
    entry = next(e for e in detail["lineage"][direction] if e["id"] == other)
    assert entry["date"] == date and entry["reference"] and entry["source"] == "loaders/data/lineage.yaml"


def test_opgroeien_covers_kind_en_gezins_actions_and_says_so(loaded_store):
    detail = actor_detail(loaded_store, "administration:opgroeien")
    assert "administration:kind-en-gezin" in detail["covers"]
    assert "Kind en Gezin (voorganger)" in detail["message"]
    via_kg = [i for i in detail["initiatives"] if i["through"] == "administration:kind-en-gezin"]
    assert any(i["id"].startswith("action:vapa-2015-2019:") for i in via_kg)
    assert all("voorganger van Opgroeien" in i["note"] for i in via_kg)


def test_hvhk_boom_network_lists_its_projects_partners_with_the_path(loaded_store):
    net = network(loaded_store, "hvhk:huis-van-het-kind-boom", 1)
    ids = {n["id"] for n in net["nodes"]}
    assert {"org:gezinsbond", "org:welzijnsschakel-boom", "org:gemeente-boom", "org:ocmw-boom"} <= ids
    for partner in ("org:gezinsbond", "org:welzijnsschakel-boom"):
        edge = next(e for e in net["edges"] if e["start"] == partner and e["end"] == "hvhk:huis-van-het-kind-boom")
        path = json.loads(edge["properties"]["path"])
        assert [(s["start"], s["type"], s["end"]) for s in path] == [
            (partner, "PARTNER_OF", "project:boempatat"), ("project:boempatat", "PART_OF", "hvhk:huis-van-het-kind-boom")]
        assert path[1]["line"] == 1472


def test_local_members_and_instances_are_linked_to_their_network_or_category(loaded_store):
    def linked(a, rel, b):
        return any(r["type"] == rel and r["outgoing"] and r["id"] == b for r in loaded_store.run(relationships_of, id=a))
    assert linked("org:welzijnsschakel-boom", "MEMBER_OF", "org:welzijnsschakels")
    assert linked("org:welzijnsschakel-lummen", "MEMBER_OF", "org:welzijnsschakels")
    assert linked("org:cgg-mechelen", "INSTANCE_OF", "org:cgg")
    assert linked("org:ocmw-gent", "INSTANCE_OF", "org:ocmw")


def test_the_platform_and_its_lead_are_told_apart_by_name(loaded_store):
    platform, lead = loaded_store.get_node("platform:ocmw-boom"), loaded_store.get_node("org:ocmw-boom")
    assert platform["properties"]["name"] == "Lokaal netwerk kinderarmoede Boom"
    assert "OCMW Boom" in platform["properties"]["names"] and lead["properties"]["name"] == "OCMW Boom"
    assert any(r["type"] == "LEADS" and r["outgoing"] and r["id"] == "platform:ocmw-boom"
               for r in loaded_store.run(relationships_of, id="org:ocmw-boom"))
