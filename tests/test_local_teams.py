"""The parliamentary answer on Opgroeien's local teams (000): teams per province, the call for 24
Huizen van het Kind, budgets, partners, and the graph they build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armoedegraaf.errors import SourceError
from loaders.local_teams.teams import (CALL_CODE, MEASURE_CODE, build_local_teams, dutch_number, parse_amount_eur,
                                 parse_local_teams)
from loaders.resolution.resolve import Resolver
from loaders.sources import LOCAL_TEAMS

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
FILE = "000_553a785c04f85bf4.txt"
LOADER = LOCAL_TEAMS.read, build_local_teams  # for the `doc` and `batch` fixtures of conftest.py


def test_teams_per_province_as_stated_and_summing_to_57(doc):
    assert {t.province: t.count for t in doc.teams} == {
        "Antwerpen": 17, "Limburg": 7, "Oost-Vlaanderen": 11, "Vlaams Brabant": 10, "West-Vlaanderen": 10,
        "Brussels Hoofdstedelijk Gewest": 2}
    assert doc.total == 57 == sum(t.count for t in doc.teams)
    assert doc.total_line == 119
    assert {t.line for t in doc.teams} <= {120, 121, 122}
    assert not doc.report.warnings


def test_the_call_for_24_huizen_van_het_kind_at_50000_a_year_for_3_years(doc):
    assert doc.call_recipients == 24
    budget = doc.call.budgets[0]
    assert budget.amount_eur == 50000.0 and budget.line == 97
    assert budget.details == {"amount_eur": 50000.0, "per": "jaar", "years": 3, "recipients": 24}
    assert doc.call.line == 67
    assert [m.date_text for m in doc.call.milestones] == ["in het voorjaar 2021"]


def test_the_measure_its_budgets_and_milestones(doc):
    m = doc.measure
    assert m.title.startswith("Samenwerking tussen lokale actoren en Huizen van het Kind")
    assert [(b.amount_eur, b.line) for b in m.budgets] == [(0.0, 95), (43640000.0, 126)]
    assert [(x.date, x.date_text, x.line) for x in m.milestones] == [
        ("2020-2022", "eerste fase (2020-2022)", 14), ("2021", "Begin 2021", 46), ("2021", "medio 2021", 62)]
    assert m.milestones[1].text.startswith("Begin 2021 werd binnen het agentschap Opgroeien")
    assert [f.as_written for f in m.responsible] == ["Agentschap Opgroeien"]


def test_referral_partners_as_written(doc):
    assert [(p.as_written, p.line) for p in doc.referral_partners] == [
        ("behandelende arts", 114), ("spel- en ontmoeting", 114), ("sociale huizen", 114), ("caw", 115),
        ("ggz", 115), ("jeugdhulp", 115)]
    assert doc.referral_reasons == ["medisch", "psych-sociaal", "financieel"]


def test_graph_validates_with_the_schema(batch):
    batch.validate()


def test_local_team_nodes_by_province_part_of_opgroeien(batch):
    teams = [n for n in batch.nodes.values() if n.labels[0] == "LocalTeam"]
    assert sum(n.properties["count"] for n in teams) == 57
    assert "Lokale teams Oost-Vlaanderen" in {n.properties["name"] for n in teams}
    assert "Lokale teams Vlaams-Brabant" in {n.properties["name"] for n in teams}  # official province name
    rels = list(batch.relationships.values())
    opgroeien = next(n.id for n in batch.nodes.values() if n.properties.get("name") == "Opgroeien")
    for team in teams:
        assert any(r.type == "LOCATED_IN" and r.start == team.id and r.end.startswith("province:") for r in rels)
        assert any(r.type == "PART_OF" and r.start == team.id and r.end == opgroeien for r in rels)
        assert not [r for r in rels if r.type == "PARTNER_OF" and r.end == team.id]  # a bv. list names no partners
    # The six examples of the 'bv.' list (lines 114-115) are categories; 'sociale huizen' is the category
    # the measure already involves from line 12.
    examples = {r.properties["as_written"]: r.start for r in rels if r.type == "INVOLVED_IN" and r.properties["line"] in (114, 115)}
    assert set(examples) == {"behandelende arts", "spel- en ontmoeting", "caw", "ggz", "jeugdhulp"}
    assert all("Category" in batch.nodes[n].labels for n in examples.values())


def test_call_and_measure_actions_with_budget_and_actors(batch):
    actions = {n.properties["code"]: n for n in batch.nodes.values() if n.labels[0] == "Action"}
    call = actions[CALL_CODE].properties
    assert call["budget_amounts_eur"] == [50000.0] and call["code_generated"] is True
    assert json.loads(call["budget"])["years"] == 3 and json.loads(call["budget"])["recipients"] == 24
    measure = actions[MEASURE_CODE].properties
    assert [m["date"] for m in json.loads(measure["milestones"])] == ["2020-2022", "2021", "2021"]
    rels = list(batch.relationships.values())
    for code in (CALL_CODE, MEASURE_CODE):
        aid = actions[code].id
        assert any(r.type == "RESPONSIBLE_FOR" and r.end == aid for r in rels)
        assert any(r.type == "PART_OF" and r.start == aid and r.end.startswith("plan:") for r in rels)
    for rel in rels:
        assert rel.properties["source"] == FILE and rel.properties["line"] >= 1
        if rel.type in ("INVOLVED_IN", "RESPONSIBLE_FOR", "PARTNER_OF", "LEADS"):
            assert rel.properties["as_written"]


@pytest.mark.parametrize("word, number", [("vierentwintig", 24), ("3", 3), ("twee", 2), ("eenentwintig", 21),
                                          ("tweeëntwintig", 22),
                                          ("tien", 10), ("veel", None)])
def test_dutch_numbers(word, number):
    assert dutch_number(word) == number


@pytest.mark.parametrize("text, amount", [("50.000 euro per jaar", 50000.0), ("43,64 mio euro", 43640000.0),
                                          ("1.116.214 euro", 1116214.0), ("geen middelen", None)])
def test_amounts(text, amount):
    assert parse_amount_eur(text) == amount


# ---- fixtures of our own ------------------------------------------------------------------------

ANSWER = """Een maatregel met als uitvoerende organisatie het Agentschap Opgroeien in het Vlaams Actieplan
Armoedebestrijding is de samenwerking tussen lokale actoren en Huizen van het Kind.

Er wordt gewerkt met lokale teams om gezinnen te ondersteunen met de Sociale Huizen en het OCMW.

4 Opgroeien lanceert in het voorjaar 2021 een oproep voor twaalf Huizen van het Kind die iets willen.
Het gaat om preventieve gezinsondersteuning in combinatie met minsten één van de volgende doelstellingen :
armoedebestrijding.

5 Voor de samenwerking zijn geen bijkomende middelen voorzien.
De subsidie verbonden aan de oproep voor de twaalf Huizen van het Kind bedraagt 10.000 euro per jaar en wordt
toegekend voor een periode van twee jaar.

7 Lokale teams leiden om diverse redenen (bv. medisch) toe naar diverse partners (bv. caw, ggz) die helpen.

8 In totaal zijn er 20 lokale teams. In de provincie Antwerpen zijn er 12 teams actief, in de provincie
Limburg 7. In 2019 gaven we 1,5 mio euro uit aan de lokale teams.
"""


def test_a_stated_total_the_provinces_do_not_reach_is_reported():
    doc = parse_local_teams(ANSWER, "answer.txt")
    assert {t.province: t.count for t in doc.teams} == {"Antwerpen": 12, "Limburg": 7}
    assert [(w.kind, w.line) for w in doc.report.warnings] == [("count_mismatch", 16)]
    assert doc.call_recipients == 12 and doc.call.budgets[0].details["years"] == 2
    assert doc.measure.budgets[1].amount_eur == 1.5e6


def test_an_answer_without_the_team_counts_is_a_source_error():
    broken = ANSWER.replace("In totaal zijn er 20 lokale teams.", "")
    with pytest.raises(SourceError) as err:
        parse_local_teams(broken, "answer.txt")
    assert err.value.file == "answer.txt" and "total number of local teams" in str(err.value)


def test_the_three_local_loaders_share_one_resolver_and_validate_together():
    from graph.model import GraphBatch
    from loaders.protocol import load_source
    from loaders.sources import HANDBOOK, OPGROEIEN

    resolver, batch = Resolver(), GraphBatch()
    results = [load_source(LOCAL_TEAMS, SOURCES / FILE, resolver),
               load_source(HANDBOOK, SOURCES / "001_38d43dd55946f7ed.txt", resolver),
               load_source(OPGROEIEN, SOURCES / "003_ab1691d4fdb63477.txt", resolver)]
    for result in results:
        batch.extend(result.batch)
    batch.validate()
    opgroeien = [n for n in batch.nodes.values() if n.properties.get("name") == "Opgroeien"]
    assert len(opgroeien) == 1  # one agency, whichever document names it
    kind_en_gezin = [n for n in batch.nodes.values() if n.properties.get("name") == "Kind en Gezin"]
    assert len(kind_en_gezin) == 1


def test_local_teams_are_the_teams_kind_en_gezin_of_opgroeiens_plan(batch):
    # 000:L106 'de lokale teams van Opgroeien'; 003:L423 'binnen de teams Kind en Gezin': one body.
    teams = [n.id for n in batch.nodes.values() if n.labels[0] == "LocalTeam"]
    kg = "org:kind-en-gezin-teams"
    links = [r for r in batch.relationships.values() if r.type == "PART_OF" and r.end == kg]
    assert sorted(r.start for r in links) == sorted(teams) and all(r.properties["line"] == 106 for r in links)
    assert all("003:L423" in r.properties["note"] for r in links)
