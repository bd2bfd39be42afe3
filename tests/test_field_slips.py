"""Field slips of the sources, fixed at the loader, each checked on the cited line (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.queries.actors import actor_grondrechten, relationships_of
from loaders.sources import OPGROEIEN, VAPA

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
VAPA_FILE = SOURCES / "004_0bee7784f433cdc9.txt"


@pytest.fixture(scope="module")
def actions():
    return {a.code: a for a in VAPA.read(VAPA_FILE).actions}


def _line(n: int) -> str:
    return VAPA_FILE.read_text(encoding="utf-8").split("\n")[n - 1]


@pytest.mark.parametrize("code, line, title, note", [
    ("01_04_05", 3118, "We dichten de digitale kloof in Vlaanderen",
     "Linken met actie 01_09_04 Vlaams Kenniscentrum voor Mediawijsheid"),
    ("06_09_11", 14667, "De eigen instellingen van de Vlaamse overheid engageren zich",
     "Vanaf 2017 wordt deze fiche vervangen door actie 06_09_17 Publiekswerking culturele instellingen"),
    ("06_09_16", 15162, "In de beheersovereenkomsten die de Vlaamse overheid afsluit",
     "Vanaf 2017 wordt deze fiche vervangen door actie 06_09_17 Publiekswerking culturele instellingen"),
])
def test_editorial_notes_are_cut_from_titles(actions, code, line, title, note):
    a = actions[code]
    assert note.split(" actie ")[0] in _line(line)  # the note stands on the cited line
    assert a.title.text.startswith(title) and "actie" not in a.title.text.split("\n")[0].lower()
    assert a.editorial_note == note
    assert line not in a.title.lines


def test_the_replacement_reference_survives_the_cut(actions):
    assert actions["06_09_11"].replaced_by == "06_09_17"
    assert ("01_09_04", 3118) in actions["01_04_05"].references


def test_the_draft_comment_of_04_06_06_is_no_edge(loaded_memory):
    # L9974-9980: 'Departement WVG en alle sectoren Integrale Jeugdhulp -> de mijlpalen zijn louter
    # Agentschap Jongerenwelzijn. zijn er aanvullingen vanuit het departement te vermelden?'
    assert "Agentschap" in _line(9976) and "te vermelden?" in _line(9980)
    involved = [r for r in loaded_memory.run(relationships_of, id="action:vapa-2015-2019:04_06_06")
                if r["type"] == "INVOLVED_IN"]
    assert {(r["id"], r["properties"]["line"]) for r in involved} == {
        ("administration:departement-welzijn-volksgezondheid-en-gezin", 9974)}


@pytest.mark.parametrize("code, last_words, line", [
    ("OG25-02", "Pilots Basiszorg en –ondersteuning en Diagnostiek", 155),  # the text runs from L93 to L155
    ("OG25-03", None, None),
    ("OG25-04", None, None),
])
def test_opgroeien_summaries_cover_every_slide_of_the_action(code, last_words, line):

    doc = OPGROEIEN.read(SOURCES / "003_ab1691d4fdb63477.txt")
    action = next(a for a in doc.actions if a.code == code)
    last_line, last_text = action.text_lines[-1]
    assert " ".join(last_text.split()) in action.summary  # the summary reaches the last slide
    if line:
        source = (SOURCES / "003_ab1691d4fdb63477.txt").read_text(encoding="utf-8").split("\n")
        assert last_words in source[line - 1] and action.summary.endswith(last_words)
        assert "SAAMO, Interfederaal steunpunt" in action.summary  # L131, a later slide than L112


def test_project_grondrechten_come_from_the_projects_own_text(loaded_memory):
    # The speel-o-theek of Houthalen-Helchteren stands in section 4/2 'Huisvesting en leefomgeving'
    # (wonen, vrije tijd), but its text is about play: it works on vrije tijd, not on wonen.
    pid = "project:speel-o-theek"
    node = loaded_memory.get_node(pid)
    assert node["properties"]["theme_grondrechten"] == ["08", "06"]
    targets = {r["id"]: r["properties"] for r in loaded_memory.run(relationships_of, id=pid) if r["type"] == "TARGETS"}
    assert set(targets) == {"grondrecht:06"} and targets["grondrecht:06"]["method"] == "text"
    assert "speelgoed" in targets["grondrecht:06"]["note"]
    wonen = {a["id"] for a in loaded_memory.run(actor_grondrechten, actors=[], grondrecht="08")
             for v in [a["via"]] if any(x["id"] == pid for x in v)}
    assert not wonen, "no actor works on wonen through the speel-o-theek"


def test_a_project_whose_text_shows_no_grondrecht_keeps_its_theme_labelled_as_weaker(loaded_memory):
    rels = [r for r in loaded_memory.run(relationships_of, id="project:du-pl-o") if r["type"] == "TARGETS"]
    assert [(r["id"], r["properties"]["method"]) for r in rels] == [("grondrecht:04", "theme")]
    assert "only via the theme" in rels[0]["properties"]["note"]


@pytest.mark.parametrize("code, recipient, amount, period, line", [
    ("07_07_06", "org:dyzo", 470000.0, "per jaar", 16180),
    ("06_09_08", "org:welzijnsschakels", 124616.35, "2015", 14394),
    ("06_09_08", "org:welzijnszorg", 181926.22, "2016", 14398),
    ("01_02_02", "org:cultuurnet-vlaanderen", 120000.0, "2015-2016, per jaar", 2572),
    ("01_04_04", "org:de-link", 370478.18, "per jaar (Welzijn)", 2970),
])
def test_funds_name_amount_period_and_recipient(loaded_store, code, recipient, amount, period, line):
    rels = [r for r in loaded_store.run(relationships_of, id=f"action:vapa-2015-2019:{code}")
            if r["type"] == "FUNDS" and r["outgoing"] and r["id"] == recipient and r["properties"]["period"] == period]
    assert [(r["properties"]["amount_eur"], r["properties"]["line"]) for r in rels] == [(amount, line)]
