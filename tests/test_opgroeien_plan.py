"""Opgroeien's poverty plan slides (003): milestones, lines of policy, afdelingen, actions, their
place in the VAPA, partners, and the graph they build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.opgroeien.plan import DT_PLAN, PLAN, build_opgroeien_plan, parse_opgroeien_plan
from loaders.sources import OPGROEIEN
from loaders.opgroeien.slides import items_of, read_section3, section_starts
from loaders.report import LoadReport

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
FILE = "003_ab1691d4fdb63477.txt"
LOADER = OPGROEIEN.read, build_opgroeien_plan  # for the `doc` and `batch` fixtures of conftest.py


def test_sections_start_once_despite_repeated_slide_titles():
    lines = (SOURCES / FILE).read_text(encoding="utf-8").split("\n")
    assert section_starts(lines) == {"1": 1, "2": 45, "3": 64, "4": 588, "5": 670, "6": 695, "7": 742}


def test_planning_milestones_as_dated_events(doc):
    dates = [(m["date"], m["line"]) for m in doc.milestones]
    assert dates == [("2024-12-02", 5), ("2025-02-24", 7), ("2025-03-24", 7), ("2025-04-01", 9), ("2025-04-22", 11),
                     ("2025-04-22", 17), ("2025-04-30", 19), ("2025-09", 21)]
    moved = doc.milestones[4]
    assert moved["moved_to"] == "2025-05-26" and moved["moved_reason"] == "treinstaking"
    assert moved["text"] == "Bespreking voorstellen VAPA beleidsdomein WVG met kabinet Gennez"
    assert doc.milestones[-1]["date_text"] == "September 2025"
    assert [a.as_written for a in doc.milestone_actors] == ["kabinet Gennez", "Dep. Zorg", "Vlaamse Regering"]


def test_five_lines_of_policy_and_the_afdelingen(doc):
    assert doc.policy_lines == ["Competentieversterking", "Impactgericht en onderbouwd werken",
                                "Ervaringsdeskundigheid en ervaringskennis",
                                "Expliciteren van maximale rechtenrealisatie in onze dienstverlening",
                                "Toegankelijke communicatie"]
    assert doc.afdelingen == ["Groeipakket", "Kinderopvang", "Preventieve Gezins- en Jongerenondersteuning",
                              "Jeugdhulp"]
    assert not doc.report.warnings


def test_actions_with_generated_codes_lines_and_afdelingen(doc):
    plan_actions = [a for a in doc.actions if a.plan == PLAN]
    dt_actions = [a for a in doc.actions if a.plan == DT_PLAN]
    assert len(plan_actions) == 31 and len(dt_actions) == 6
    assert [a.code for a in plan_actions] == [f"OG25-{i:02d}" for i in range(1, 32)]
    by_title = {a.title: a for a in doc.actions}
    groeipakket = [a for a in plan_actions if a.afdeling == "Groeipakket"]
    assert len(groeipakket) == 6 and groeipakket[1].title.endswith("sociale toeslag uit het Groeipakket")
    bovenlokaal = next(a for a in plan_actions if a.title.startswith("De afdeling Bovenlokale teams"))
    assert bovenlokaal.afdeling == "Bovenlokale teams" and bovenlokaal.line == 554
    pleegzorg = by_title["De diensten voor pleegzorg"]
    assert pleegzorg.line == 498 and any(no == 522 for no, _ in pleegzorg.text_lines)  # the next slide continues it
    assert by_title["Versterking Upstream"].policy_line == "(1) Preventie van dak- en thuisloosheid"


def test_every_overview_item_is_an_action_put_in_the_vapa(doc):
    in_vapa = [a for a in doc.actions if a.in_vapa]
    assert len(in_vapa) == 16
    assert not [w for w in doc.report.warnings if w.kind == "unmatched_vapa_item"]
    assert next(a for a in doc.actions if a.title == "Ervaringsdeskundigheid en ervaringskennis").vapa_line == 603


def test_no_slide_furniture_in_the_text(doc):
    for a in doc.actions:
        text = " ".join(t for _, t in a.text_lines)
        assert "sharepoint" not in text and "Inhoudelijke lijnen" not in text, a.code
        assert a.summary and a.title, a.code
    assert doc.armoedetoetsen[0] == "Uitfasering sociale toeslag" and len(doc.armoedetoetsen) == 6


def test_graph_validates_with_the_schema(batch):
    batch.validate()


def test_plan_node_with_milestones_and_actions(batch, doc):
    plan = next(n for n in batch.nodes.values() if n.labels[0] == "Plan" and n.properties["name"] == PLAN)
    assert len(json.loads(plan.properties["milestones"])) == 8
    assert plan.properties["policy_lines"] == doc.policy_lines
    rels = list(batch.relationships.values())
    parts = [r for r in rels if r.type == "PART_OF" and r.end == plan.id]
    assert len(parts) == 31
    involved = {r.properties["as_written"] for r in rels if r.type == "INVOLVED_IN" and r.end == plan.id}
    assert {"kabinet Gennez", "Dep. Zorg"} <= involved


def test_partners_are_involved_in_the_actions_that_name_them(batch):
    actions = {n.properties["title"]: n.id for n in batch.nodes.values() if n.labels[0] == "Action"}
    rels = list(batch.relationships.values())

    def partners(title):
        return {r.properties["as_written"] for r in rels if r.type == "INVOLVED_IN" and r.end == actions[title]}

    assert {"Netwerk tegen armoede", "SAM vzw", "SAAMO", "VBJK"} <= partners("Competentieversterking")
    assert {"De Link", "LEVL"} <= partners("Ervaringsdeskundigheid en ervaringskennis")
    assert "Steunpunt Welzijn, Volksgezondheid en Gezin" in partners("Impactgericht en onderbouwd werken")
    assert "Steunpunt Welzijn" not in partners("Impactgericht en onderbouwd werken")  # not cut at its comma
    bridge = next(t for t in actions if t.startswith("Geïntegreerd groepsaanbod"))
    assert {"VDAB", "Ligo", "Integratie & Inburgering"} <= partners(bridge)
    responsible = [r for r in rels if r.type == "RESPONSIBLE_FOR"]
    assert all(r.properties["as_written"] and r.properties["line"] for r in responsible)
    afdeling_of = {r.properties["as_written"] for r in responsible if r.properties["as_written"] != "Opgroeien"}
    assert afdeling_of == {"Groeipakket", "Kinderopvang", "Preventieve Gezins- en Jongerenondersteuning",
                           "Jeugdhulp", "Bovenlokale teams"}


def test_an_afdeling_keeps_its_name_and_the_slides_spelling_and_is_part_of_opgroeien(batch):
    props = batch.nodes["administration:afdeling-kinderopvang"].properties
    assert props["name"] == "afdeling Kinderopvang"
    assert props["names"] == ["afdeling Kinderopvang", "Kinderopvang"]  # as every loader's actors (actor_nodes)
    assert (props["source"], props["line"]) == (FILE, 379)
    part_of = {r.end for r in batch.relationships.values()
               if r.type == "PART_OF" and r.start == "administration:afdeling-kinderopvang"}
    assert part_of == {"administration:opgroeien"}


# ---- fixtures of our own ------------------------------------------------------------------------

SLIDES = """3. Inhoudelijke lijnen armoedeplan Opgroeien

Afdelingsspecifiek

3. Inhoudelijke lijnen armoedeplan Opgroeien

• We hervormen de indexering van de sociale toeslag uit het
Groeipakket

• We bekijken de schooltoeslag

Groeipakket

3. Inhoudelijke lijnen armoedeplan Opgroeien
PGJO

Een kerndoel voor de teams

4. Overzicht
"""


def test_a_label_word_that_ends_a_sentence_is_text_and_a_label_under_the_title_opens_the_slide():
    lines = SLIDES.split("\n")
    report = LoadReport()
    slides, _, afdelingen = read_section3(lines, 1, 19, report, "s.txt")
    assert [(s.label, s.label_line) for s in slides] == [("Groeipakket", 12), ("PGJO", 15)]
    items = items_of(slides[0].content)
    assert [it.kind for it in items] == ["bullet", "bullet"] and len(items[0].lines) == 2
    assert afdelingen == ["Groeipakket", "Preventieve Gezins- en Jongerenondersteuning"]
    assert not report.warnings


def test_slides_missing_a_section_are_a_source_error():
    from armoedegraaf.errors import SourceError

    with pytest.raises(SourceError):
        parse_opgroeien_plan(SLIDES, "s.txt")
