"""The VAPA parser on the real action plan (004) and on small hand-made texts."""

from __future__ import annotations

import re

from collections import Counter
from pathlib import Path

import pytest

from armoedegraaf.errors import SourceError
from loaders.sources import VAPA
from loaders.vapa.document import VALUE_FIELDS, VapaDocument, parse_vapa
from loaders.vapa.blocks import FIELDS

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "004_0bee7784f433cdc9.txt"
FILE = SOURCE.name


@pytest.fixture(scope="module")
def doc() -> VapaDocument:
    return VAPA.read(SOURCE)


def warnings(doc: VapaDocument, kind: str) -> list:
    return [w for w in doc.report.warnings if w.kind == kind]


# --- document level -------------------------------------------------------------------------

def test_header_lists(doc):
    assert [(g.code, g.name) for g in doc.grondrechten][:3] == [
        ("00", "alle grondrechten"), ("01", "participatie"), ("02", "maatschappelijke dienstverlening")]
    assert [g.code for g in doc.grondrechten] == [f"{n:02d}" for n in range(11)]
    assert (doc.grondrechten[0].line, doc.grondrechten[-1].line) == (13, 33)
    assert [m.number for m in doc.ministers] == [f"{n:02d}" for n in range(1, 10)]
    first, fourth = doc.ministers[0], doc.ministers[3]
    assert (first.name, first.title, first.line) == (
        "Geert Bourgeois", "Minister-president van de Vlaamse Regering en Vlaams minister", 43)
    assert (fourth.name, fourth.title) == (
        "Liesbeth Homans", "Viceminister-president van de Vlaamse Regering en Vlaams minister")
    assert (doc.ministers[7].name, doc.ministers[7].title) == ("Jo Vandeurzen", "Vlaams minister")


def test_201_distinct_actions_per_grondrecht(doc):
    codes = [a.code for a in doc.actions]
    assert len(codes) == len(set(codes)) == 201
    assert Counter(a.grondrecht for a in doc.actions) == {
        "00": 23, "01": 19, "02": 26, "03": 18, "04": 9, "05": 18, "06": 28, "07": 20, "08": 25, "09": 12, "10": 3}
    assert all(a.section_grondrecht == a.grondrecht for a in doc.actions)
    assert not warnings(doc, "section_mismatch")
    assert {"00_04_02", "02_06_08", "02_08_02", "03_04_01"}.isdisjoint(codes)  # gaps in the numbering
    assert all(a.minister_number == a.code[3:5] for a in doc.actions)


def test_duplicate_blocks_keep_the_first(doc):
    assert doc.action("03_06_06").line == 8711 and doc.action("03_06_06").duplicate_lines == [8830]
    assert doc.action("03_06_07").line == 8769 and doc.action("03_06_07").duplicate_lines == [8888]
    dups = warnings(doc, "duplicate_block")
    assert [(w.line, "different" in w.message) for w in dups] == [(8830, False), (8888, False)]


def test_false_start_and_split_code(doc):
    assert not any(a.line == 11201 for a in doc.actions)  # 'ACTIEPLAN) afgerond.'
    split = doc.action("05_02_06")
    assert split.line == 11007 and split.title.line == 11010


def test_references_and_replacements(doc):
    def refs(code):
        return [r for r, _ in doc.action(code).references]
    assert ("01_09_04", 3118) in doc.action("01_04_05").references
    assert refs("02_06_02") == ["02_06_01"] and refs("02_06_05") == ["02_06_01"]
    assert {"06_07_01", "06_07_03"} <= set(refs("06_07_07"))
    assert "08_04_03" in refs("08_04_04") and "02_06_09" in refs("08_06_03")  # '02-06-09', '08 04 03'
    assert ("03_04_03", 7304) in doc.action("03_02_01").references
    assert [(w.line, "03_04_03" in w.message) for w in warnings(doc, "bad_reference")] == [(7304, True)]
    assert doc.action("06_09_11").replaced_by == doc.action("06_09_16").replaced_by == "06_09_17"
    assert sum(1 for a in doc.actions if a.replaced_by) == 2


def test_missing_summary_is_warned(doc):
    for code, line in (("09_06_09", 20994), ("09_06_12", 21276)):
        assert doc.action(code).summary is None
        assert any(w.line == line and code in w.message and "summary" in w.message
                   for w in warnings(doc, "missing_field"))
    assert sum(1 for a in doc.actions if a.summary is None) == 2


def test_missing_milestone_label_is_inferred(doc):
    inferred = {w.message[:8] for w in warnings(doc, "missing_label")}
    assert inferred == {"01_02_02", "04_06_03", "05_07_01", "07_07_05", "07_07_08", "07_07_10"}
    assert all(doc.action(code).milestones for code in inferred)
    assert all(a.milestones for a in doc.actions)


def test_empty_fields_match_a_count_of_the_text(doc):
    empty = Counter(name for a in doc.actions for name in FIELDS[1:-1] if getattr(a, name) is None)
    assert empty == {"involved_cabinet": 141, "involved_administration": 120, "people_in_poverty": 49,
                     "other_actors": 35, "budget_text": 30, "evaluation_indicator": 29,
                     "responsible_administration": 14, "responsible_cabinet": 2, "summary": 2}
    assert {a.code for a in doc.actions if a.responsible_cabinet is None} == {"08_04_03", "08_06_02"}


def test_placeholders_are_kept_and_flagged(doc):
    people = Counter(a.people_in_poverty.text for a in doc.actions if a.people_in_poverty
                     and any(w.line == a.people_in_poverty.line and "people_in_poverty" in w.message
                             for w in warnings(doc, "placeholder")))
    assert people == {"/": 4, "Niet voorzien": 4, "Ja": 2, "-": 1, "Neen": 1, "Niet van toepassing": 1,
                      "Nog te bepalen": 1}
    nog = doc.action("00_04_19")
    assert all(getattr(nog, f).text == "Nog te bepalen" for f in
               ("budget_text", "evaluation_indicator", "involved_cabinet", "people_in_poverty",
                "involved_administration", "other_actors"))


def test_draft_comments(doc):
    lines = {w.line for w in warnings(doc, "draft_comment")}
    assert {9392, 9980, 12119} <= lines  # notes section 2, hazard 12
    assert all(w.kind != "draft_comment" or "evaluation" not in w.message for w in doc.report.warnings)


def test_page_artefacts_are_dropped_but_reported(doc):
    artefacts = [x for a in doc.actions for x in a.artefacts]
    assert Counter(x.kind for x in artefacts) == {"hyperlink": 30, "page_number": 19}  # 2 more in the repeats
    assert {x.line for x in artefacts} == {w.line for w in warnings(doc, "page_artefact")}
    texts = [v.text for a in doc.actions for v in (getattr(a, f) for f in FIELDS[:-1]) if v]
    assert not any(re.search(r"^\d{1,3}$", line) for t in texts for line in t.split("\n"))
    assert "http://www.leertijd.be/" not in doc.action("07_07_03").milestones[-1].text


def test_text_is_normalised(doc):
    for action in doc.actions:
        for value in (getattr(action, f) for f in FIELDS[:-1]):
            if value:
                assert not re.search(r"[\u2018\u2019\u201c\u201d\u2013\u2026\u2022\u25aa]| $|^ |  ", value.text,
                                     re.M), (action.code, value.text)


def test_title_budget_and_interleaved_columns(doc):
    a = doc.action("00_08_01")
    assert a.title.text == "Het PDPO ondersteunt lokale actoren inzake armoedebestrijding"
    assert doc.action("07_04_03").title.text == "Via decreet uitzendarbeid zetten we in op mensen uit kansengroepen."
    b = doc.action("00_01_02")
    assert (b.responsible_cabinet.text, b.responsible_cabinet.line) == ("Kabinet minister- president", 214)
    assert b.evaluation_indicator.line == 218
    c = doc.action("02_06_10")
    assert (c.involved_administration.line, c.other_actors.line) == (6405, 6405)


def test_milestones(doc):
    rows = doc.action("00_04_18").milestones
    assert [(m.year, m.line) for m in rows] == [("2017", 2199), ("2018-2019-2020-2021", 2210), ("2022", 2216)]
    assert rows[1].text == "Tussentijdse opvolging"
    first = doc.action("00_01_02").milestones[0]
    assert (first.year, first.marker, first.text[:20]) == ("2015", "beginfase, nulmeting", "Op niveau van de Ver")
    assert doc.action("00_04_19").milestones[0][:3] == ("2015", "NVT", 2266)
    assert [m.year for m in doc.action("01_09_01").milestones] == ["2015 en 2016", "2017", "2018"]
    assert [m.year for m in doc.action("00_04_04").milestones] == ["2015", "2016", "2017", "2019"]
    years = Counter(tuple(m.year for m in a.milestones) for a in doc.actions)
    assert years[("2015", "2017", "2019")] >= 130


def test_cabinet_mentions(doc):
    a = doc.action("00_04_04")
    assert ("kabinet Vandeurzen", 705) in [(m.text, m.line) for m in a.cabinet_mentions]
    assert ("kabinet Lieten", "milestones") in [(m.text, m.field) for m in doc.action("10_08_01").cabinet_mentions]
    b = doc.action("02_02_02")
    assert b.cabinet_mentions[0].field == "responsible_cabinet"
    assert all(not m.text.lower().startswith("kabinet engageert") for x in doc.actions for m in x.cabinet_mentions)


# --- coverage: no silent drops ---------------------------------------------------------------

_LABEL_ONLY = re.compile(
    r"^\s*(ACTIE\s*)?(\d\d_\d\d_\d\d)?\s*(budgettair|engagement|verantwoordelijken|kabinet|evaluatie|en|indicator|"
    r"indicatoren|inidcator|indictaor|administratie|betrokkenen|mensen|personen|in|armoede|andere|actoren|korte|"
    r"inhoud|actie|m|ijl|ij|lp|p|al|e|n|en|len|mijlpa|\s)*$", re.I)


def test_every_line_lands_in_a_field_or_a_warning(doc):
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    warned = {w.line for w in doc.report.warnings}
    duplicates = {w.line: w for w in warnings(doc, "duplicate_block")}
    for action in doc.actions:
        placed = {n for f in FIELDS[:-1] if (v := getattr(action, f)) for n in v.lines}
        placed |= {n for m in action.milestones for n in m.lines}
        for no in range(action.line, action.end_line + 1):
            text = lines[no - 1]
            if not text.strip() or no in placed or no in warned:
                continue
            assert no in action.label_lines, f"{action.code}: line {no} {text!r} is silently dropped"
            assert _LABEL_ONLY.match(text), f"{action.code}: line {no} {text!r} is not only a label"
        assert not action.unassigned_lines or all(no in warned for no, _ in action.unassigned_lines)
    assert set(duplicates) == {8830, 8888}  # a repeated block is covered by its duplicate warning


# --- small texts -----------------------------------------------------------------------------

HEADER = """00 alle grondrechten
01 participatie
01 Minister-president van de Vlaamse Regering en Vlaams minister Geert Bourgeois
02 Vlaams minister Jo Vandeurzen
 Acties die inzetten op het grondrecht
PARTICIPATIE
"""
BLOCK = """ ACTIE 01_02_01 Een titel Budgettair
engagement
€ 1.000
verantwoordelijken
kabinet
Kabinet Cultuur Evaluatie en
indicator
Aantal deelnemers
administratie Departement CJM
betrokkenen
kabinet Kabinet Jeugd mensen in armoede Netwerk tegen Armoede
administratie ABB andere actoren VVSG
korte inhoud actie
Korte tekst.
M
ijl
p
al
e
n
2015 Start
2019 Einde
"""


def test_minimal_document():
    doc = parse_vapa(HEADER + BLOCK, "mini.txt")
    (a,) = doc.actions
    got = {f: getattr(a, f).text for f in FIELDS[:-1]}
    assert got == {"title": "Een titel", "budget_text": "€ 1.000", "responsible_cabinet": "Kabinet Cultuur",
                   "evaluation_indicator": "Aantal deelnemers", "responsible_administration": "Departement CJM",
                   "involved_cabinet": "Kabinet Jeugd", "people_in_poverty": "Netwerk tegen Armoede",
                   "involved_administration": "ABB", "other_actors": "VVSG", "summary": "Korte tekst."}
    assert [(m.year, m.text) for m in a.milestones] == [("2015", "Start"), ("2019", "Einde")]
    assert a.budget_amounts_eur == [1000.0] and a.section_grondrecht == "01"
    assert doc.report.warnings == []


def test_truncated_block_warns_for_every_missing_label():
    text = HEADER + BLOCK.split("betrokkenen")[0]
    doc = parse_vapa(text, "cut.txt")
    (a,) = doc.actions
    missing = [w.message for w in doc.report.warnings if w.kind == "missing_field"]
    assert len(missing) == 6  # betrokkenen .. mijlpalen
    assert a.involved_cabinet is None and a.summary is None and a.milestones == []
    assert a.responsible_administration.text == "Departement CJM"


def test_no_header_is_a_source_error():
    with pytest.raises(SourceError):
        parse_vapa(BLOCK, "noheader.txt")


def test_value_fields_constant_names_real_fields():
    assert set(VALUE_FIELDS) <= set(FIELDS)
