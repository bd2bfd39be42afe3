"""The handbook 'Elk kind telt' (001): ligature repair, curated projects checked against the text,
themes and grondrechten, Huizen van het Kind, and the graph they build."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from armoedegraaf.errors import SourceError
from loaders.resolution.geography import default_geography
from loaders.handbook.projects import (build_handbook, clean_lines, default_curation, default_themes, find_box_titles,
                              parse_handbook)
from loaders.prose import choose_ligature, join_lines, repair_ligatures
from loaders.sources import HANDBOOK

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
FILE = "001_38d43dd55946f7ed.txt"
LOADER = HANDBOOK.read, build_handbook  # for the `doc` and `batch` fixtures of conftest.py
ACTOR_RELS = {"LEADS", "PARTNER_OF", "INVOLVED_IN", "RESPONSIBLE_FOR"}


@pytest.fixture(scope="module")
def text() -> str:
    return (SOURCES / FILE).read_text(encoding="utf-8")


def by_label(batch, label):
    return [n for n in batch.nodes.values() if n.labels[0] == label]


# ---- text repair -----------------------------------------------------------------------------

@pytest.mark.parametrize("broken, fixed", [
    ("hee\ufffd  het", "heeft het"), ("de \ufffd nanciële steun", "de financiële steun"),
    ("op jonge lee\ufffd ijd", "op jonge leeftijd"), ("het e\ufffd ect", "het effect"),
    ("re\ufffd ectie", "reflectie"), ("betre\ufffd ende", "betreffende"), ("het betre\ufffd  ons", "het betreft ons"),
    ("lee\ufffd aarheid", "leefbaarheid"), ("a\ufffd ankelijk", "afhankelijk"), ("a\ufffd omst", "afkomst"),
    ("be-\ntre\ufffd  het", "be-\ntreft het"), ("brug\ufffd -\nguren", "brugfi-\nguren"),
])
def test_lost_ligatures_are_rebuilt_from_the_word(broken, fixed):
    repaired, unknown = repair_ligatures(broken)
    assert repaired == fixed
    assert unknown == []


def test_a_ligature_no_stem_explains_is_reported_not_guessed():
    assert choose_ligature("xyz", "qqq") is None
    repaired, unknown = repair_ligatures("intro\nxyz\ufffd qqq")
    assert "\ufffd" in repaired and unknown == [(2, "xyz\ufffdqqq")]


def test_repair_of_the_handbook_keeps_every_line_and_leaves_nothing_broken(text):
    repaired, unknown = repair_ligatures(text)
    assert unknown == []
    assert "\ufffd" not in repaired
    assert repaired.count("\n") == text.count("\n")
    lines = repaired.split("\n")
    assert "heeft" in lines[1473 - 1] and "efficiënt" in join_lines(lines[2049:2052])


def test_join_lines_removes_word_hyphens_but_keeps_name_hyphens():
    assert join_lines(["de ge-", "zinnen"]) == "de gezinnen"
    assert join_lines(["provincie Oost-", "Vlaanderen"]) == "provincie Oost-Vlaanderen"
    assert join_lines(["het OCMW-", "bestuur"]) == "het OCMW-bestuur"


def test_page_footers_and_page_numbers_are_blanked(text):
    lines = clean_lines(text)
    assert len(lines) == len(text.split("\n"))
    assert not any("i n f o r m at i e" in line for line in lines)
    assert lines[2475 - 1] == ""  # the page number '94'


# ---- projects ----------------------------------------------------------------------------------

def test_at_least_forty_projects_each_placed_or_warned(doc, batch):
    assert len(doc.projects) >= 40
    geo = default_geography()
    warned = {(w.line, w.kind) for w in doc.report.warnings}
    for p in doc.projects:
        places = [geo.lookup(m.as_written) or geo.lookup(m.official or "") for m in p.municipalities]
        assert all(places) or (p.line, "unknown_municipality") in warned, p.key
        assert places or (p.line, "no_municipality") in warned, p.key
    located = [p for p in doc.projects if p.municipalities]
    assert len(located) >= 40


def test_every_project_has_a_theme_from_the_seven_sections_and_its_grondrechten(doc):
    themes = {t["section"]: t for t in default_themes()["themes"]}
    assert [t.section for t in doc.themes] == [f"4/{i}" for i in range(1, 8)]
    assert [t.name for t in doc.themes] == [themes[t.section]["theme"] for t in doc.themes]
    for p in doc.projects:
        assert p.theme is not None and p.theme.grondrechten, p.key
    boempatat = next(p for p in doc.projects if p.name == "Boempatat")
    assert boempatat.theme.name == "Materieel welzijn" and boempatat.theme.grondrechten == ("03", "07")
    zottegem = next(p for p in doc.projects if "kinderrechtenplan" in p.name)
    assert zottegem.theme.name == "Een omvattende strategie" and zottegem.theme.grondrechten == ("00",)


def test_every_boxed_title_in_the_text_is_a_curated_project(doc):
    assert len(doc.box_titles) >= 15
    assert not [w for w in doc.report.warnings if w.kind == "uncurated_project"]
    for box in doc.box_titles:
        assert any(p.line <= box <= p.line + 2 for p in doc.projects), box


def test_projects_sharing_a_name_are_keyed_by_their_place(doc):
    keys = [p.key for p in doc.projects]
    assert len(keys) == len(set(keys))
    assert "Occasionele kinderopvang (Boom)" in keys and "Occasionele kinderopvang (Oostende)" in keys


def test_summaries_are_clean_source_text(doc):
    for p in doc.projects:
        assert p.summary, p.key
        assert "\ufffd" not in p.summary and "i n f o r m" not in p.summary, p.key
    genk = next(p for p in doc.projects if p.name == "Instapje")
    assert genk.summary.startswith("In Genk loopt het programma Instapje")


def test_curated_facts_stand_on_their_cited_lines(text):
    lines = text.split("\n")

    def facts(node):
        if isinstance(node, dict):
            if "line" in node and "evidence" in node:
                yield node
            for value in node.values():
                yield from facts(value)
        elif isinstance(node, list):
            for value in node:
                yield from facts(value)

    found = list(facts(default_curation()))
    assert len(found) > 150
    for fact in found:
        assert fact["file"] == FILE
        assert fact["evidence"] in lines[fact["line"] - 1], fact


def test_theme_mapping_cites_the_headings_and_the_grondrecht_list():
    data = default_themes()
    codes = [g["code"] for g in data["grondrechten"]]
    assert codes == [f"{i:02d}" for i in range(11)]
    for g in data["grondrechten"]:
        line = (SOURCES / g["file"]).read_text(encoding="utf-8").split("\n")[g["line"] - 1]
        assert g["evidence"] in line
    for t in data["themes"]:
        assert set(t["grondrechten"]) <= set(codes)


# ---- graph ---------------------------------------------------------------------------------------

def test_graph_validates_with_the_schema(batch):
    batch.validate()


def test_every_node_and_relationship_carries_provenance(batch):
    for node in batch.nodes.values():
        assert node.properties["source"] and node.properties["line"] >= 1, node.id
    for rel in batch.relationships.values():
        assert rel.properties["source"] and rel.properties["line"] >= 1
        if rel.type in ACTOR_RELS:
            assert rel.properties["as_written"], rel


def test_projects_are_located_lead_partnered_and_target_grondrechten(batch):
    projects = {n.id: n for n in by_label(batch, "Project")}
    assert len(projects) >= 40
    rels = list(batch.relationships.values())
    located = {r.start for r in rels if r.type == "LOCATED_IN" and r.start in projects}
    assert len(located) >= 40
    targets = {r.start for r in rels if r.type == "TARGETS"}
    assert targets == set(projects)
    boempatat = next(n for n in projects.values() if n.properties["name"] == "Boempatat")
    assert boempatat.properties["municipality"] == "Boom"
    # From its own text (ruilhandel, munten: inkomen; onthaalouder, opvoeding: gezin; speelhoek: vrije tijd);
    # the theme 'Materieel welzijn' (inkomen, werk) is kept as the weaker signal.
    assert boempatat.properties["grondrechten"] == ["03", "04", "06"]
    assert boempatat.properties["theme_grondrechten"] == ["03", "07"]
    leads = [r for r in rels if r.type == "LEADS" and r.end == boempatat.id]
    assert [r.properties["as_written"] for r in leads] == ["OCMW Boom"]
    partners = {r.properties["as_written"] for r in rels if r.type == "PARTNER_OF" and r.end == boempatat.id}
    assert {"de gemeente", "de Gezinsbond", "Welzijnsschakel"} <= partners


def test_a_district_is_placed_in_its_municipality(batch):
    tuimel = next(n for n in by_label(batch, "Project") if n.properties["name"] == "Ouder-, baby- en kleuterwerking")
    assert tuimel.properties["municipality"] == "Antwerpen"
    assert tuimel.properties["municipality_as_written"] == "Berchem"


def test_huizen_van_het_kind_have_their_partner_network(batch):
    huizen = {n.properties["name"]: n.id for n in by_label(batch, "HuisVanHetKind")}
    assert set(huizen) == {"Huis van het Kind Boom", "Huis van het Kind Oostende"}
    rels = list(batch.relationships.values())
    for name, hid in huizen.items():
        partners = [r for r in rels if r.type == "PARTNER_OF" and r.end == hid]
        assert partners, name
        assert any(r.type == "LOCATED_IN" and r.start == hid for r in rels)
    oostende = {r.properties["as_written"] for r in rels if r.end == huizen["Huis van het Kind Oostende"]
                and r.type in ("PARTNER_OF", "LEADS")}
    assert {"Kind en Gezin", "Inloopteam", "de Wegwijzer", "Sociaal Huis"} <= oostende


# ---- fixtures of our own ------------------------------------------------------------------------

SMALL = """Intro
 4/1 Materieel welzijn
In Genk loopt het programma Instapje, een samenwerking.
Het is een programma voor ouders.

Nog een zin over iets anders.

 Spaarpot – OCMW Genk

Het OCMW hee\ufffd  een spaarpot.
"""


def small_curation(evidence: str = "programma Instapje") -> dict:
    return {"projects": [{
        "name": "Instapje", "name_source": "text", "file": "small.txt", "line": 3, "evidence": evidence,
        "span": [[3, 3]],
        "municipalities": [{"as_written": "Genk", "file": "small.txt", "line": 3, "evidence": "Genk"}],
        "lead": None, "partners": []}]}


def test_curated_evidence_missing_from_the_text_is_a_source_error():
    with pytest.raises(SourceError) as err:
        parse_handbook(SMALL, "small.txt", small_curation("programma Anders"), default_themes())
    assert err.value.line == 3


def test_a_boxed_title_without_curation_is_reported():
    doc = parse_handbook(SMALL, "small.txt", small_curation(), default_themes())
    assert find_box_titles(clean_lines(SMALL)) == [8]
    kinds = [(w.kind, w.line) for w in doc.report.warnings]
    assert ("uncurated_project", 8) in kinds
    assert doc.projects[0].theme.name == "Materieel welzijn"


def test_a_theme_the_mapping_lacks_is_reported():
    themes = copy.deepcopy(default_themes())
    themes["themes"] = [t for t in themes["themes"] if t["section"] != "4/1"]
    doc = parse_handbook(SMALL, "small.txt", small_curation(), themes)
    assert any(w.kind == "unknown_theme" and w.line == 2 for w in doc.report.warnings)


def test_the_curation_files_are_plain_yaml_with_no_duplicate_project_keys():
    raw = default_curation()
    assert json.loads(json.dumps(raw)) == raw  # plain data: no dates, no tags
    names = [(p["name"], tuple(m["as_written"] for m in p["municipalities"])) for p in raw["projects"]]
    assert len(names) == len(set(names))
