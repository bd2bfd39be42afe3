"""The 57 platforms of the KPMG study (002): parsed from the real text, curated where the tables
are lost, and built into the graph."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from armoedegraaf.errors import SourceError
from loaders.platforms.document import _split_top, parse_platforms
from loaders.platforms.records import match_entry
from loaders.sources import PLATFORMS
from loaders.platforms.build import build_platforms
from loaders.platforms.tables import FREQUENCY_TOKEN, TARGET_TOKEN, TICK, header_before, tick_values, tokens

STUDY = Path(__file__).resolve().parent.parent / "data" / "sources" / "002_839b33d58696378e.txt"
FILE = STUDY.name


@pytest.fixture(scope="module")
def doc():
    return PLATFORMS.read(STUDY)


@pytest.fixture(scope="module")
def by_muni(doc):
    return {p.municipality: p for p in doc.platforms}


@pytest.fixture(scope="module")
def batch(doc):
    return build_platforms(doc)  # the shared resolver, as the pipeline uses it


# -- the 57 ---------------------------------------------------------------------------------------

def test_all_57_platforms_with_region_province_size_group_and_lead(doc):
    assert len(doc.platforms) == 57
    for p in doc.platforms:
        assert p.region and p.province and p.size_group and p.name, p.municipality
        assert p.lead_kind in ("OCMW", "vzw") and p.lead_as_written and p.lead_line, p.municipality
    assert len({p.name for p in doc.platforms}) == 57
    assert Counter(p.region for p in doc.platforms) == {"Vlaanderen": 32, "Wallonië": 20, "Brussel": 5}
    groups = Counter((p.region, p.size_group) for p in doc.platforms)
    assert groups == {("Vlaanderen", "grootsteden"): 2, ("Vlaanderen", "steden/gemeenten"): 10,
                      ("Vlaanderen", "kleine gemeenten"): 20, ("Brussel", "grootsteden"): 1,
                      ("Brussel", "steden/gemeenten"): 4, ("Wallonië", "grootsteden"): 2,
                      ("Wallonië", "steden/gemeenten"): 2, ("Wallonië", "kleine gemeenten"): 16}


def test_farciennes_never_started(doc):
    status = {p.municipality: p.status for p in doc.platforms}
    assert status.pop("Farciennes") == "niet opgestart"
    assert set(status.values()) == {"actief"}
    farciennes = next(p for p in doc.platforms if p.municipality == "Farciennes")
    assert farciennes.evidence["status"]["line"] == 3752


@pytest.mark.parametrize("muni, name, province, region, lead_kind", [
    ("Mechelen", "OCMW SH-Mechelen", "Antwerpen", "Vlaanderen", "OCMW"),
    ("Gembloux", "OCMW Gembloux", "Namen", "Wallonië", "OCMW"),
    ("Ronse", "vzw Kind en Preventie (Ronse)", "Oost-Vlaanderen", "Vlaanderen", "vzw"),
    ("Liège", "OCMW Luik", "Luik", "Wallonië", "OCMW"),
    ("Mons", "vzw Accesport (Bergen)", "Henegouwen", "Wallonië", "vzw"),
    ("Braine-le-Comte", "OCMW 's-Gravenbrakel", "Henegouwen", "Wallonië", "OCMW"),
    ("Oupeye", "vzw Racynes (Haccourt)", "Luik", "Wallonië", "vzw"),
    ("Raeren", "vzw Jugendtreff Inside", "Luik", "Wallonië", "vzw"),
    ("Comines-Warneton", "vzw Régie des Quartiers de Comines-Warneton", "Henegouwen", "Wallonië", "vzw"),
    ("Sint-Gillis", "OCMW Sint-Gillis", "Brussels Hoofdstedelijk Gewest", "Brussel", "OCMW"),
    ("Sankt Vith", "OCMW St.Vith", "Luik", "Wallonië", "OCMW"),
])
def test_names_places_and_leads(by_muni, muni, name, province, region, lead_kind):
    p = by_muni[muni]
    assert (p.name, p.province, p.region, p.lead_kind) == (name, province, region, lead_kind)


def test_municipality_as_written_is_kept(by_muni):
    assert by_muni["Liège"].municipality_as_written == "Luik"
    assert by_muni["Raeren"].municipality_as_written == "Raeren-Eynatten"
    assert by_muni["Braine-le-Comte"].municipality_as_written == "‘s-Gravenbrakel"


# -- the tables -----------------------------------------------------------------------------------

def test_aligned_rows_are_read(by_muni):
    assert by_muni["Antwerpen"].meeting_frequency == "≥ 5x/jaar"
    assert by_muni["Gent"].meeting_frequency is None  # ns
    assert by_muni["Lier"].meeting_frequency == "2-maandelijks"
    assert by_muni["Waregem"].meeting_frequency == "maandelijks"
    assert by_muni["Maaseik"].meeting_frequency == "te bepalen in 1ste overleg"
    assert by_muni["Oupeye"].meeting_frequency == "halfjaarlijks of 2x/jaar"
    assert by_muni["Sint-Gillis"].meeting_frequency == "maandelijks of 2-maandelijks"
    assert by_muni["Gent"].target_group == "0-12 jaar, focus op 0-5 jaar"
    assert by_muni["Sint-Jans-Molenbeek"].target_group == "0-17 jaar, focus op 6-12 jaar"
    assert by_muni["Oupeye"].target_group == "0-18 jaar, focus op 0-6 jaar"
    assert by_muni["Beveren"].target_group is None  # ns
    assert by_muni["Beringen"].staff_hired is None  # ns among the ticks
    assert by_muni["Dilbeek"].staff_hired is True
    assert by_muni["Tielt"].staff_hired is True
    assert by_muni["Lier"].evidence["meeting_frequency"] == {"line": 977, "method": "table", "confidence": "high"}


def test_no_tick_means_no_ervaringsdeskundige(doc):
    for p in doc.platforms:
        if p.region in ("Brussel", "Wallonië"):
            assert p.ervaringsdeskundige is False, p.municipality


def test_garbled_rows_stay_unknown_and_are_reported(doc, by_muni):
    # Table 5 Boom-Herzele: 4 values for 5 columns; Table 6: 9 ticks for 10 columns; frequencies 9/10.
    assert by_muni["Blankenberge"].target_group is None
    assert by_muni["Bredene"].staff_hired is None
    assert by_muni["Tielt"].meeting_frequency is None
    assert by_muni["Beveren"].ervaringsdeskundige is None
    warned = {(w.line, w.kind) for w in doc.report.warnings}
    assert {(1487, "garbled_row"), (1622, "garbled_row"), (1686, "garbled_row"), (974, "garbled_row")} <= warned


def test_curated_facts_fill_the_gaps(by_muni):
    assert by_muni["Boom"].target_group == "0-12 jaar"
    assert by_muni["Boom"].evidence["target_group"]["confidence"] == "medium"
    assert by_muni["Gent"].ervaringsdeskundige is True
    assert by_muni["Antwerpen"].ervaringsdeskundige is False
    assert by_muni["Dilbeek"].ervaringsdeskundige is True
    assert by_muni["Liège"].target_group == "0-18 jaar"
    assert (by_muni["Brussel"].staff_hired, by_muni["Brussel"].meeting_frequency) == (True, "2-maandelijks")
    assert by_muni["Charleroi"].meeting_frequency is None  # one of Luik/Charleroi is monthly: which, is lost


def test_flemish_subsidy_is_the_studys_list_of_fourteen(doc, by_muni):
    funded = {p.municipality for p in doc.platforms if p.flemish_subsidy}
    assert funded == {"Antwerpen", "Gent", "Beringen", "Dilbeek", "Grimbergen", "Heusden-Zolder", "Kortrijk",
                      "Lier", "Mechelen", "Sint-Niklaas", "Blankenberge", "Boom", "Maaseik", "Wemmel"}
    assert by_muni["Waregem"].flemish_subsidy is False
    assert by_muni["Brussel"].flemish_subsidy is None
    assert by_muni["Mechelen"].evidence["flemish_subsidy"]["line"] == 1947
    assert doc.call == {"budget_eur": 2_000_000.0, "line": 117, "level": "federaal"}
    assert all(p.subsidy_eur is None for p in doc.platforms)  # per-platform amounts are not in the text


def test_roles_where_the_summary_tables_place_them(doc, by_muni):
    three = ["algemene coördinatie", "doelstellingen bewaken", "actieve inhoudelijke hulp bij taken"]
    assert by_muni["Antwerpen"].roles == three and by_muni["Gent"].roles == three
    assert by_muni["Brussel"].roles == ["algemene coördinatie", "doelstellingen bewaken", "administratie en logistiek"]
    small = [p for p in doc.platforms if p.region == "Vlaanderen" and p.size_group == "kleine gemeenten"]
    assert all("algemene coördinatie" in p.roles for p in small)
    assert by_muni["Mons"].roles == ["algemene coördinatie", "actieve inhoudelijke hulp bij taken"]
    assert len(by_muni["Brussel"].roles_evidence) == 3


def test_tasks_from_the_row_tables_and_the_text(doc, by_muni):
    def numbers(muni):
        return [t.split(".")[0] for t in by_muni[muni].tasks]

    assert numbers("Bredene") == ["1", "2", "3", "4"]
    assert numbers("Boom") == ["1", "2", "3", "4", "5"]
    assert numbers("Brussel") == ["2", "3", "4"]  # the one-column Table 32
    assert numbers("Sankt Vith") == ["1", "3"]  # 'informatieverspreiding via nieuwsbrieven' is task 2 or 3
    assert numbers("Antwerpen") == ["1", "2", "4", "5"]  # curated from the text (Table 25 is garbled)
    assert by_muni["Bredene"].tasks[0] == "1. Informatie-uitwisseling over cliënten & signalering van kinderarmoede"
    assert len(by_muni["Bredene"].tasks) == len(by_muni["Bredene"].tasks_evidence)
    assert any(w.kind == "ambiguous_task" and w.line == 9376 for w in doc.report.warnings)


def test_seven_good_practices_with_their_example_platforms(doc, by_muni):
    assert [g.number for g in doc.good_practices] == [1, 2, 3, 4, 5, 6, 7]
    first = doc.good_practices[0]
    assert first.title == "Samenbrengen van diverse, lokale actoren"
    assert [m for m, _ in first.examples] == ["Lummen", "Gembloux"]
    fourth = {m for m, _ in doc.good_practices[3].examples}
    assert {"Koksijde", "Braine-le-Comte", "Sint-Niklaas", "Raeren", "Merelbeke", "Nivelles", "Geetbets"} == fourth
    assert by_muni["Mons"].good_practices == [f"6. {doc.good_practices[5].title}"]
    assert by_muni["Mons"].good_practices_evidence == [4693]


def test_an_example_platform_keeps_what_the_study_tells_of_it(doc, by_muni):
    lummen = by_muni["Lummen"]
    assert lummen.practice_examples_evidence == [3993]  # the first 'o' paragraph under '- OCMW Lummen' (3991)
    assert lummen.practice_examples[0].startswith("1. De gemeente Lummen zet sterk in op de structurele inbedding")
    assert "samenwerking met lokale partners zoals: scholen (negen scholen" in lummen.practice_examples[0]
    assert lummen.practice_examples[0].endswith("om ondersteuning te bieden aan de lokale partners.")  # 4009, before '- OCMW Gembloux'
    # a figure (its panels and caption) and a footnote mark break Gembloux's paragraph; a page's
    # footnote addresses break Gent's: none of them is the platform's text
    gembloux = by_muni["Gembloux"].practice_examples[0]
    assert "wordt een specifieke as “kinderarmoede” opgericht" in gembloux
    assert not {"Figuur", "Eindevaluatie", "9F"} & set(gembloux.replace(".", " ").split())
    assert "http" not in by_muni["Gent"].practice_examples[0]
    # a platform named only in a '(vb. …)' list has no paragraph of its own
    assert by_muni["Sint-Niklaas"].good_practices and by_muni["Sint-Niklaas"].practice_examples == []


def test_partner_categories_only_where_the_text_states_them(by_muni):
    assert len(by_muni["Brussel"].partner_categories) == 5
    assert by_muni["Beringen"].partner_categories == ["Partners in kinderopvang of opvoedingsondersteuning",
                                                       "Vormen van onderwijsoverleg en onderwijsinstellingen",
                                                       "Lokale buurtwerking/verenigingen/initiatieven"]
    assert by_muni["Wichelen"].partner_categories == []


# -- the graph ------------------------------------------------------------------------------------

def test_graph_validates_and_links_every_platform(batch, doc):
    batch.validate()
    platforms = [n for n in batch.nodes.values() if "Platform" in n.labels]
    assert len(platforms) == 57
    located = {r.start: r.end for r in batch.relationships.values()
               if r.type == "LOCATED_IN" and r.start.startswith("platform:")}
    assert len(located) == 57 and all(end.startswith("municipality:") for end in located.values())
    leads = [r for r in batch.relationships.values() if r.type == "LEADS"]
    assert len(leads) == 57 and all(r.properties["as_written"] and r.properties["line"] for r in leads)


def test_graph_nodes_carry_the_facts(batch):
    gent = batch.nodes["platform:ocmw-gent"].properties
    assert (gent["source"], gent["size_group"], gent["region"], gent["province"]) == (FILE, "grootsteden",
                                                                                    "Vlaanderen", "Oost-Vlaanderen")
    assert gent["ervaringsdeskundige"] is True
    assert json.loads(gent["evidence"])["ervaringsdeskundige"]["line"] == 577
    farciennes = batch.nodes["platform:ocmw-farciennes"].properties
    assert farciennes["status"] == "niet opgestart"


def test_ocmw_lead_is_keyed_on_the_official_municipality(batch):
    lead = next(r for r in batch.relationships.values() if r.type == "LEADS" and r.end == "platform:ocmw-luik")
    assert lead.start == "org:ocmw-liege" and lead.properties["as_written"] == "OCMW Luik"
    assert ("org:ocmw-liege", "municipality:liege") in {(r.start, r.end) for r in batch.relationships.values()
                                                         if r.type == "LOCATED_IN"}
    ronse = next(r for r in batch.relationships.values() if r.type == "LEADS" and r.end.endswith("ronse"))
    assert ronse.properties["as_written"] == "vzw Kind en Preventie"


def test_partners_are_resolved_actors_with_as_written(batch):
    partners = [r for r in batch.relationships.values() if r.type == "PARTNER_OF"]
    assert len(partners) >= 45
    assert all(r.properties["as_written"] and r.properties["line"] and r.properties["source"] == FILE
               for r in partners)
    lier = {(r.start, r.properties["note"].split(":")[0]) for r in partners if r.end == "platform:ocmw-lier"}
    assert ("hvhk:huis-van-het-kind-lier", "confidence medium") in lier
    gembloux = [r for r in partners if r.end == "platform:ocmw-gembloux"]
    assert len(gembloux) == 11


def test_builder_takes_an_injected_resolver(doc):
    from loaders.resolution.resolve import Resolution

    asked = []

    def resolve(as_written, role, source=None, line=None):
        asked.append((as_written, role, line))
        if as_written == "Turkse Unie":
            return None
        return Resolution("Organisation", as_written, as_written.lower(), method="new")

    batch = build_platforms(doc, resolve)
    assert ("OCMW Liège", "other", by_line(doc, "Liège")) in asked
    assert not any(r.properties.get("as_written") == "Turkse Unie" for r in batch.relationships.values())
    assert any(w.kind == "unresolved_partner" and w.line == 902 for w in doc.report.warnings)


def by_line(doc, muni):
    return next(p.lead_line for p in doc.platforms if p.municipality == muni)


# -- the pieces, on small fixtures ----------------------------------------------------------------

def test_split_top_keeps_brackets_whole():
    assert _split_top("Haccourt (vzw Racynes), Andenne (vzw Actions, ACSA), Raeren en Ronse (vzw Kind en Preventie)") == [
        "Haccourt (vzw Racynes)", "Andenne (vzw Actions, ACSA)", "Raeren", "Ronse (vzw Kind en Preventie)"]


def test_header_and_rows_of_a_small_table():
    lines = ["Tabel 4. Schematisch overzicht", "", "OCMW SH-", "", "Mechelen", "", "vzw Kind en", "Preventie",
             "(Ronse) OCMW Lier", "Aanwerving/vrijsteling van een"]
    entries = header_before(lines, 9)
    assert [(e.text, e.line) for e in entries] == [("OCMW SH-Mechelen", 3), ("vzw Kind en Preventie (Ronse)", 7),
                                                  ("OCMW Lier", 9)]
    assert tokens("0-12 jaar,focus op 0-5 jaar ns* 0-12 jaar", TARGET_TOKEN) == [
        "0-12 jaar,focus op 0-5 jaar", "ns*", "0-12 jaar"]
    assert tokens("ns (1 dag per samenwerking met team) < 5x/jaar", FREQUENCY_TOKEN) == [
        "ns (1 dag per samenwerking met team)", "< 5x/jaar"]
    assert tokens("maandelijks en iets anders", FREQUENCY_TOKEN) is None
    assert tick_values(f"{TICK} ns {TICK}", 3) == [True, None, True]
    assert tick_values("", 3) == [False, False, False]
    assert tick_values(f"{TICK} {TICK}", 3) is None


def test_match_entry_by_place_vzw_or_exonym(by_muni, doc):
    from loaders.resolution.geography import default_geography

    geo = default_geography()
    assert match_entry("OCMW SH-MECHELEN", doc.platforms, geo).municipality == "Mechelen"
    assert match_entry("vzw Racynes (Haccourt)", doc.platforms, geo).municipality == "Oupeye"
    assert match_entry("vzw Régie des Quarties de Comines-Warneton", doc.platforms, geo).municipality == "Comines-Warneton"
    assert match_entry("OCLW 's-Gravenbrakel", doc.platforms, geo).municipality == "Braine-le-Comte"
    assert match_entry("OCMW Nergensdorp", doc.platforms, geo) is None


def test_mechanical_parse_without_curation():
    doc = parse_platforms(STUDY.read_text(encoding="utf-8"), FILE, curated={})
    assert len(doc.platforms) == 57
    assert all(p.lead_kind for p in doc.platforms) and not any(p.name for p in doc.platforms)
    assert all(p.status == "actief" for p in doc.platforms)  # Farciennes comes from the curated file


def test_a_text_without_the_study_sections_is_rejected():
    with pytest.raises(SourceError, match="57"):
        parse_platforms("Een andere tekst.\n", "x.txt", curated={})


def test_pipeline_step_with_a_shared_resolver():
    from loaders.protocol import load_source
    from loaders.resolution.resolve import Resolver

    shared = Resolver()
    result = load_source(PLATFORMS, STUDY, shared)
    assert sum(1 for n in result.batch.nodes.values() if "Platform" in n.labels) == 57
    # a shared resolver is reported once by the pipeline, not by this step
    assert not any(w.kind == "unresolved_name" for w in result.report.warnings)
    assert any(o.as_written == "Turkse Unie" for o in shared.unresolved)
