"""Entity resolution over the alias table (loaders/resolution/resolve.py, loaders/data/aliases.yaml)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from armoedegraaf.errors import SourceError
from loaders.resolution.actors import extract_organisations, split_actor_field
from loaders.resolution.resolve import AliasTable, Resolver, default_table
from loaders.sources import VAPA

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
VAPA_FILE = SOURCES / "004_0bee7784f433cdc9.txt"


@pytest.fixture
def resolver() -> Resolver:
    return Resolver()


def _key(resolver: Resolver, text: str, role: str) -> str:
    res = resolver.resolve(text, role=role)
    assert res is not None, text
    return f"{res.label}:{res.key}"


# --- the field decides between a cabinet and a department -------------------------------------------

@pytest.mark.parametrize("text", ["WVG", "Welzijn, Volksgezondheid en Gezin", "Welzijn"])
def test_wvg_is_the_cabinet_in_a_kabinet_field_and_the_department_in_an_administratie_field(resolver, text):
    cabinet = resolver.resolve(text, role="cabinet")
    department = resolver.resolve(text, role="administration")
    assert (cabinet.label, cabinet.name, cabinet.minister) == ("Cabinet", "Kabinet Welzijn, Volksgezondheid en Gezin", "06")
    assert (department.label, department.name) == ("Administration", "Departement Welzijn, Volksgezondheid en Gezin")
    assert cabinet.key != department.key


@pytest.mark.parametrize("portfolio", ["Onderwijs", "Werk", "Wonen", "Cultuur", "Jeugd", "Sport", "Energie",
                                       "Inburgering", "Binnenlands Bestuur"])
def test_a_cabinet_is_never_the_administration_of_its_domain(resolver, portfolio):
    cabinet = resolver.resolve(portfolio, role="cabinet")
    administration = resolver.resolve(portfolio, role="administration")
    assert cabinet.label == "Cabinet" and administration.label == "Administration"
    assert cabinet.key != administration.key


# --- sub-units -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, unit, parent", [
    ("Departement WVG – Afdeling Welzijn en Samenleving", "Afdeling Welzijn en Samenleving",
     "Departement Welzijn, Volksgezondheid en Gezin"),
    ("Departement WELZIJN, VOLKSGEZONDHEID EN GEZIN – Afdeling Welzijn en Samenleving", "Afdeling Welzijn en Samenleving",
     "Departement Welzijn, Volksgezondheid en Gezin"),
    ("Departement WVG – afdeling Welzijn&Samenleving", "Afdeling Welzijn en Samenleving",
     "Departement Welzijn, Volksgezondheid en Gezin"),
    ("Afdeling Horizontaal Beleid van het Departement OV", "Afdeling Horizontaal Beleid", "Departement Onderwijs en Vorming"),
    ("Agentschap Binnenlands Bestuur (Team Stedenbeleid)", "Team Stedenbeleid", "Agentschap Binnenlands Bestuur"),
    ("het team coördinatie armoedebestrijding (departement Welzijn)", "Team Coördinatie Armoedebestrijding",
     "Departement Welzijn, Volksgezondheid en Gezin"),
    ("ZG Afdeling WEL", "Afdeling WEL", "Agentschap Zorg en Gezondheid"),
    ("Zorg en Gezondheid, Afdeling preventie, team milieugezondheidszorg", "Team Milieugezondheidszorg", "Afdeling Preventie"),
])
def test_sub_unit_is_part_of_its_parent(resolver, text, unit, parent):
    res = resolver.resolve(text, role="administration")
    assert (res.label, res.name) == ("Administration", unit)
    assert res.parent is not None and res.parent.name == parent


def test_an_unknown_unit_of_a_known_department_is_new_but_keeps_its_parent(resolver):
    res = resolver.resolve("Departement CJM, afdeling Erfgoed", role="administration", source="fixture", line=3)
    assert (res.method, res.name, res.parent.name) == ("new", "afdeling Erfgoed", "Departement Cultuur, Jeugd en Media")
    assert [(u.as_written, u.places) for u in resolver.unresolved] == [("Departement CJM, afdeling Erfgoed", [("fixture", 3)])]


# --- not an actor ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, reason", [
    ("-", "placeholder"), ("Nog te bepalen", "placeholder"), ("NVT", "placeholder"), ("Neen", "placeholder"),
    ("andere kinderopvanginitiatieven", "collective"), ("Alle leden van het HPAO", "collective"),
    ("Laurens Van Dorpe", "person"), ("Nele Roelandt", "person"),
])
def test_names_that_are_no_single_actor_resolve_to_none(resolver, text, reason):
    assert resolver.resolve(text, role="cabinet", source="004", line=7) is None
    assert resolver.skipped == [(text, reason, "004", 7)]


@pytest.mark.parametrize("text, role, name", [
    ("Alle kabinetten", "cabinet", "Alle kabinetten"), ("Allen", "cabinet", "Alle kabinetten"),
    ("Alle ministers", "cabinet", "Alle kabinetten"), ("Allen", "administration", "Alle administraties"),
    ("alle betrokken administraties", "administration", "Alle administraties"),
    ("Alle kabinetten die relevante sectoren aansturen", "cabinet", "Alle kabinetten"),  # L2896
])
def test_all_cabinets_or_administrations_are_a_category(resolver, text, role, name):
    res = resolver.resolve(text, role=role)
    assert (res.name, res.kind) == (name, "category")


# --- spelling variants and typos --------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, method", [
    ("Federeatie voor basiseducatie", "Federatie Basiseducatie", "fuzzy"),  # L12329
    ("Duurzame Ontwikkelijking", "Duurzame Ontwikkeling", "fuzzy"),  # L222
    ("Afdeling Secundair Onderwijs en Leerlingbegeleiding", "Afdeling Secundair Onderwijs en Leerlingenbegeleiding", "fuzzy"),
    ("Dēmos vzw", "Demos", "normalised"),  # L14489
    ("Dēmos", "Demos", "alias"),
    ("Demos vzw", "Demos", "alias"),
    ("Kind&Gezin", "Kind en Gezin", "alias"),
    ("Kind en gezin", "Kind en Gezin", "normalised"),
    ("SPORT.VLAANDEREN", "Sport Vlaanderen", "normalised"),
    ("OCMW’s", "OCMW", "normalised"),
    ("Studiedienst Vlaamse Regering (SVR)", "Studiedienst Vlaamse Regering", "variant"),
    ("Kabinet minister- president", "Kabinet Algemeen Beleid", "normalised"),
])
def test_variants_and_typos_resolve_to_the_canonical_actor(resolver, text, name, method):
    role = "administration" if "Afdeling" in text or "Ontwikkel" in text else ("cabinet" if "Kabinet" in text else "other")
    res = resolver.resolve(text, role=role, source="004", line=1)
    assert (res.name, res.method) == (name, method)
    assert any(m.as_written == text and m.name == name for m in resolver.merges)


@pytest.mark.parametrize("text, role", [
    ("Departement Omgeving", "administration"), ("Kabinet Wonen", "cabinet"), ("Afdeling Kunsten", "administration"),
    ("Vlaams Armoedesteunpunt", "other"), ("Centra voor Basiseducatie", "other"),
])
def test_fuzzy_matching_does_not_blur_near_names(resolver, text, role):
    assert resolver.resolve(text, role=role).method in ("exact", "alias")


def test_a_name_nobody_knows_becomes_a_new_actor_and_is_reported(resolver):
    res = resolver.resolve("Steunpunt Vrijetijdsparticipatie", role="administration", source="004", line=14908)
    assert (res.label, res.method, res.key) == ("Administration", "new", "steunpunt vrijetijdsparticipatie")
    resolver.resolve("Steunpunt Vrijetijdsparticipatie", role="administration", source="004", line=14999)
    [unresolved] = resolver.unresolved
    assert unresolved.places == [("004", 14908), ("004", 14999)]
    report = resolver.report()
    assert [(w.line, w.kind) for w in report.warnings] == [(14908, "unresolved_name"), (14999, "unresolved_name")]
    assert report.counts["actor_mentions_new"] == 2


# --- actors that must stay apart ------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Netwerk tegen Armoede", "verenigingen waar armen het woord nemen"),
    ("Vlaams Netwerk van verenigingen waar armen het woord nemen", "VWAWN"),
    ("Interfederaal Steunpunt Armoedebestrijding", "Vlaams Armoedesteunpunt"),
    ("Steunpunt tot bestrijding van armoede", "VLAS"),
    ("Kind en Gezin", "Opgroeien"),
    ("Agentschap Jongerenwelzijn", "Opgroeien"),
    ("Federatie Centra voor Basiseducatie", "Centra voor Basiseducatie"),
    ("VVH", "Sociale huisvestingsmaatschappijen"),
    ("CAW", "AWW"),
    ("OCMW", "OCMW Gent"),
    ("Huis van het Kind", "Huis van het Kind Boom"),
    ("Samenlevingsopbouw", "Samenlevingsopbouw Gent"),
])
def test_distinct_actors_are_never_merged(resolver, a, b):
    assert _key(resolver, a, "other") != _key(resolver, b, "other")


def test_kind_en_gezin_is_succeeded_by_opgroeien_in_the_lineage_file_with_evidence_from_003():
    from loaders.lineage import read_lineage

    [entry] = [e for e in read_lineage() if (e["from"], e["to"]) == ("Kind en Gezin", "Opgroeien")]
    assert entry["date"] == "2019-01-01" and entry["reference"]
    seen = {(c["file"], c["line"]) for c in entry["seen"]}
    assert ("003_ab1691d4fdb63477.txt", 423) in seen  # 'binnen de teams Kind en Gezin'
    assert not [r for r in default_table().relations if r["type"] == "SUCCEEDED_BY"], "lineage lives in lineage.yaml"


def test_every_relation_cites_a_line_that_names_both_ends():
    table = default_table()
    for rel in table.relations:
        text = (SOURCES / rel["source"]).read_text(encoding="utf-8").splitlines()
        around = " ".join(text[rel["line"] - 30:rel["line"] + 1]).casefold()
        for end in (rel["from"], rel["to"]):
            names = [table.actors[end].name.split("-")[0], *(a.text for a in table.actors[end].aliases),
                     rel.get("as_written", "")]
            assert any(n and n.casefold() in around for n in names), (rel, end)


# --- generic and specific local actors (used by the loaders of 000-003) -----------------------------------

@pytest.mark.parametrize("text, label, name, municipality", [
    ("OCMW Gent", "Organisation", "OCMW Gent", "Gent"),
    ("Sociaal Huis Houthalen-Helchteren", "Organisation", "OCMW Houthalen-Helchteren", "Houthalen-Helchteren"),
    ("OCMW SH-Mechelen", "Organisation", "OCMW Mechelen", "Mechelen"),
    ("Huis van het Kind Boom", "HuisVanHetKind", "Huis van het Kind Boom", "Boom"),
    ("CAW Aalst", "Organisation", "CAW Aalst", None),
])
def test_a_specific_local_actor_is_its_own_node_keyed_on_its_place(resolver, text, label, name, municipality):
    res = resolver.resolve(text, role="other")
    assert (res.label, res.name, res.method, res.municipality) == (label, name, "local", municipality)


@pytest.mark.parametrize("variants", [
    ["SWVG", "Steunpunt WVG", "Steunpunt Welzijn, Volksgezondheid en Gezin"],
    ["OCMW", "OCMW’s", "Sociaal Huis", "openbare centra voor maatschappelijk welzijn"],
    ["Sociale Huizen", "sociale huizen"],  # 000 names them beside the OCMW (lines 12, 114)
    ["CAW", "CAW’s", "Centra Algemeen Welzijnswerk"],
    ["Kind en Gezin", "Kind & Gezin", "Kind&Gezin"],
    ["Huis van het Kind", "Huizen van het Kind"],
    ["VVSG", "Vereniging van Vlaamse Steden en Gemeenten", "vvsg"],
    ["CLB", "CLB’s"], ["CKG"], ["LOP", "LOP’s"], ["Gezinsbond"], ["Samenlevingsopbouw", "SLO"], ["Opgroeien"],
])
def test_generic_local_actors(resolver, variants):
    assert len({_key(resolver, v, "other") for v in variants}) == 1


# --- ministers ---------------------------------------------------------------------------------------------

def test_every_cabinet_has_the_minister_number_the_action_codes_use():

    doc = VAPA.read(VAPA_FILE)
    resolver, agree, disagree = Resolver(), Counter(), []
    for action in doc.actions:
        if action.responsible_cabinet is None:
            continue
        for m in split_actor_field(action.responsible_cabinet.text, action.responsible_cabinet.line):
            res = resolver.resolve(m.as_written, role="cabinet")
            if res is not None and res.label == "Cabinet" and res.kind != "category":  # 'Alle kabinetten': no minister
                (agree.update([res.name]) if res.minister == action.minister_number
                 else disagree.append((action.code, res.name)))
    assert all(a.minister for a in default_table().actors.values() if a.label == "Cabinet" and a.kind != "category")
    assert sum(agree.values()) >= 180
    # Co-responsibility across ministers: few, and each one named in the report of the alias table.
    assert sorted(disagree) == [("00_01_03", "Kabinet Armoedebestrijding"), ("01_02_02", "Kabinet Cultuur"),
                                ("01_04_05", "Kabinet Cultuur"), ("01_04_05", "Kabinet Jeugd"),
                                ("01_04_05", "Kabinet Media"), ("04_09_01", "Kabinet Welzijn, Volksgezondheid en Gezin")]


def test_each_minister_number_is_evidenced_by_a_responsible_cabinet_of_that_number():

    resolver, seen = Resolver(), set()
    for action in VAPA.read(VAPA_FILE).actions:
        if action.responsible_cabinet is not None:
            v = action.responsible_cabinet
            for m in split_actor_field(v.text, v.line, v.lines):
                res = resolver.resolve(m.as_written, role="cabinet")
                if res is not None and res.minister == action.minister_number:
                    seen.add((action.minister_number, m.line, res.name.removeprefix("Kabinet ")))
    for minister in default_table().ministers:
        found = {(line, name) for number, line, name in seen if number == minister["number"]}
        assert {line for line, _ in found} >= set(minister["evidence"]), minister["name"]
        assert {name for _, name in found} == set(minister["portfolios"]), minister["name"]


def test_code_numbers_of_ministers_differ_from_the_header_list():

    header = {m.number: m.name for m in VAPA.read(VAPA_FILE).ministers}
    table = {m["number"]: m for m in default_table().ministers}
    assert set(table) == {f"{n:02d}" for n in range(1, 10)}
    for number, minister in table.items():
        assert header[minister["header_number"]] == minister["name"]  # the header names the same person
    moved = sorted(n for n, m in table.items() if m["header_number"] != n)
    assert moved == ["03", "05", "06", "07", "08", "09"]


# --- the table itself -----------------------------------------------------------------------------------------

def test_one_spelling_never_names_two_actors_of_one_label():
    with pytest.raises(SourceError, match="names two Organisation actors"):
        AliasTable({"actors": [{"name": "Netwerk tegen Armoede", "label": "Organisation", "aliases": ["Netwerk"]},
                               {"name": "Netwerk Kinderarmoede", "label": "Organisation", "aliases": ["netwerk"]}]})
    with pytest.raises(SourceError, match="unknown parent"):
        AliasTable({"actors": [{"name": "Afdeling X", "label": "Administration", "parent": "Departement Y"}]})


# The 50 actors named most often in the six actor fields of 004, with spellings seen there.
TOP50 = [
    ("Netwerk tegen Armoede", "people_in_poverty", ["Netwerk tegen armoede", "Vlaams Netwerk tegen Armoede",
     "Vlaams Netwerk van verenigingen waar armen het woord nemen", "Netwerk van verenigingen waar Armen het woord nemen",
     "Vlaams Netwerk", "het Netwerk"]),
    ("Kabinet Welzijn, Volksgezondheid en Gezin", "cabinet", ["Welzijn, Volksgezondheid en Gezin", "WVG", "Kabinet Welzijn",
     "Kabinet Vandeurzen", "Welzijn", "Vandeurzen Welzijn, Volksgezondheid en Gezin"]),
    ("Afdeling Welzijn en Samenleving", "administration", ["Departement WVG – Afdeling Welzijn en Samenleving",
     "Departement WVG, afdeling Welzijn & Samenleving", "Welzijn en Samenleving"]),
    ("Kabinet Armoedebestrijding", "cabinet", ["Armoedebestrijding", "Armoede", "Homans (armoede)"]),
    ("Vereniging van Vlaamse Steden en Gemeenten", "other", ["VVSG", "vvsg"]),
    ("Kabinet Onderwijs", "cabinet", ["Onderwijs", "kabinet Onderwijs", "Het kabinet Onderwijs", "Kabinet Onderwijs en Vorming"]),
    ("Departement Werk en Sociale Economie", "administration", ["Departement WSE", "WSE", "DEPT WSE", "Dep WSE", "Werk",
     "Departement werk en sociale economie"]),
    ("Kabinet Werk", "cabinet", ["Werk", "Kabinet werk", "kabinet Werk"]),
    ("Verenigingen waar armen het woord nemen", "people_in_poverty", ["VWAWN", "VWAHWN",
     "verenigingen waar armen het woord nemen", "Verenigingen Waar Armen het Woord Nemen"]),
    ("Departement Welzijn, Volksgezondheid en Gezin", "administration", ["Departement WVG", "WVG", "Welzijn",
     "Departement Welzijn", "Departement Welzijn, volksgezondheid en gezin"]),
    ("Kabinet Cultuur", "cabinet", ["Cultuur"]),
    ("Kabinet Sport", "cabinet", ["Sport"]),
    ("Sport Vlaanderen", "administration", ["Sport.Vlaanderen", "SPORT.VLAANDEREN", "Agentschap Sport Vlaanderen", "Sport"]),
    ("Lokale besturen", "other", ["lokale besturen", "lokaal bestuur", "steden en gemeenten"]),
    ("Departement Cultuur, Jeugd en Media", "administration", ["Departement CJM", "CJSM", "Cultuur", "Media",
     "Departement Cultuur, Jeugd, (Sport) en Media"]),
    ("Kabinet Jeugd", "cabinet", ["Jeugd"]),
    ("VDAB", "administration", ["Vdab"]),
    ("Kabinet Wonen", "cabinet", ["Wonen"]),
    ("Departement Onderwijs en Vorming", "administration", ["Onderwijs", "O&V", "DOV", "Departement OV", "departement Onderwijs en Vorming"]),
    ("Demos", "other", ["Dēmos vzw", "Demos vzw"]),
    ("OCMW", "other", ["OCMW’s", "openbare centra voor maatschappelijk welzijn"]),
    ("Kind en Gezin", "administration", ["Kind en gezin", "Kind & Gezin", "Kind&Gezin"]),
    ("Agentschap Wonen-Vlaanderen", "administration", ["Agentschap Wonen Vlaanderen", "Agentschap Wonen", "Wonen-Vlaanderen", "Wonen"]),
    ("Afdeling Jeugd", "administration", ["Departement CJM, afdeling Jeugd", "Jeugd"]),
    ("Agentschap Binnenlands Bestuur", "administration", ["Agentschap voor Binnenlands Bestuur", "ABB", "Binnenlands Bestuur"]),
    ("Afdeling Sociaal-Cultureel Werk", "administration", ["Departement CJM – Afdeling Sociaal-Cultureel Werk",
     "Departement Cultuur, Jeugd en Media, Afdeling Sociaal-Cultureel  Werk"]),
    ("Minderhedenforum", "other", ["minderhedenforum"]),
    ("Agentschap Zorg en Gezondheid", "administration", ["Zorg en Gezondheid", "Vlaams Agentschap Zorg en Gezondheid",
     "Zorg & Gezondheid", "VAZG", "Gezondheid"]),
    ("Kabinet Binnenlands Bestuur", "cabinet", ["Binnenlands Bestuur", "Bestuurszaken", "Binnenlands Bestuur en Stedenbeleid"]),
    ("Samenlevingsopbouw", "other", ["SLO", "samenlevingsopbouw", "Samenlevingsopbouw Vlaanderen"]),
    ("Vlaamse Maatschappij voor Sociaal Wonen", "administration", ["VMSW"]),
    ("Kabinet Media", "cabinet", ["Media"]),
    ("CAW", "other", ["CAW’s", "Centra Algemeen Welzijnswerk"]),
    ("Kabinet Begroting en Financiën", "cabinet", ["Begroting en Financiën"]),
    ("Kabinet Energie", "cabinet", ["Kabinet energie", "Energie"]),  # not 'Energie/Klimaat' (L18837): two portfolios
    ("Interfederaal Steunpunt Armoedebestrijding", "other", ["Steunpunt tot bestrijding van armoede",
     "Steunpunt tot bestrijding van armoede, bestaansonzekerheid en sociale uitsluiting", "interfederaal steunpunt armoedebestrijding"]),
    ("Horizontaal Permanent Armoedeoverleg", "other", ["HPAO"]),
    ("Uit de Marge", "other", ["Uit De Marge vzw"]),
    ("Kabinet Inburgering", "cabinet", ["Inburgering", "Integratie en Inburgering"]),
    ("Vlaams Energieagentschap", "administration", ["VEA", "Energie"]),
    ("Vlaams Instituut voor Sportbeheer en Recreatiebeleid", "other", ["ISB", "ISB vzw"]),
    ("Fonds Vrijetijdsparticipatie", "other", ["Fonds voor Vrijetijdsparticipatie"]),
    ("Kabinet Gelijke Kansen", "cabinet", ["Gelijke Kansen", "Vlaams kabinet Gelijke kansen"]),
    ("De Link", "people_in_poverty", ["Vzw De Link", "De Link vzw"]),
    ("Agentschap Jongerenwelzijn", "administration", ["Jongerenwelzijn"]),
    ("Gezinsbond", "other", []),
    ("Verticaal Permanent Armoedeoverleg", "people_in_poverty", ["VPAO", "verticaal permanent armoedeoverleg",
     "permanent verticaal armoedeoverleg"]),
    ("Vlaams Ondersteuningscentrum voor het Volwassenenonderwijs", "other", ["VOCVO"]),
    ("Kabinet Landbouw en Visserij", "cabinet", ["Landbouw"]),
    ("Afdeling Hoger Onderwijs en Volwassenenonderwijs", "administration", [
     "Departement Onderwijs en Vorming, Afdeling Hoger onderwijs en Volwassenenonderwijs",
     "Departement: afdeling hoger onderwijs en volwassenenonderwijs"]),
]


def test_no_false_merges_top50():
    resolver = Resolver()
    assert len(TOP50) == 50
    nodes = {}
    for name, role, aliases in TOP50:
        res = resolver.resolve(name, role=role)
        assert res is not None and res.name == name and res.method in ("exact", "alias"), name
        node = (res.label, res.key)
        assert node not in nodes, f"{name} and {nodes.get(node)} are one node"
        nodes[node] = name
        for alias in aliases:
            got = resolver.resolve(alias, role=role)
            assert got is not None and (got.label, got.key) == node, (alias, got)


def test_unresolved_share_in_the_six_actor_fields_of_004(capsys):
    """The measure of the alias table's coverage: mentions that end as a 'new' actor (target ≤ 2%)."""

    roles = {"responsible_cabinet": "cabinet", "involved_cabinet": "cabinet",
             "responsible_administration": "administration", "involved_administration": "administration",
             "people_in_poverty": "people_in_poverty", "other_actors": "other"}
    doc, resolver, methods = VAPA.read(VAPA_FILE), Resolver(), Counter()
    for action in doc.actions:
        for field, role in roles.items():
            value = getattr(action, field)
            if value is None:
                continue
            find = split_actor_field if role in ("cabinet", "administration") else extract_organisations
            for m in find(value.text, value.line, value.lines):
                res = resolver.resolve(m.as_written, role=role, source=doc.file, line=m.line)
                methods["skipped" if res is None else res.method] += 1
    actors = sum(n for k, n in methods.items() if k != "skipped")
    share = methods["new"] / actors
    with capsys.disabled():
        print(f"\n004 actor mentions: {actors} actors ({dict(methods)}); unresolved {share:.2%}")
    assert actors > 1000
    assert share <= 0.02


def test_every_spelling_in_the_table_resolves_to_its_own_actor():
    role_of = {"Cabinet": "cabinet", "Administration": "administration", "Organisation": "other", "HuisVanHetKind": "other"}
    resolver = Resolver()
    for actor in default_table().actors.values():
        for alias in actor.aliases:
            got = resolver.resolve(alias.text, role=role_of[actor.label])
            assert got is not None and got.key == actor.key, (actor.name, alias.text, got)
