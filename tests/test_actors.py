"""Splitting actor fields of 004 and finding organisations in prose (loaders/resolution/actors.py).

Every field text below is copied from the seed files; `_real` checks that it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.resolution.actors import Mention, extract_organisations, split_actor_field
from loaders.resolution.names import fold, is_collective, is_placeholder, normalise

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
VAPA = (SOURCES / "004_0bee7784f433cdc9.txt").read_text(encoding="utf-8")


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _real(text: str, source: str = VAPA) -> str:
    """The text, after checking that the source holds it (whitespace aside)."""
    assert _squeezed(text) in _squeezed(source), f"not in the source: {text!r}"
    return text


def names(mentions: list[Mention]) -> list[str]:
    return [m.as_written for m in mentions]


# --- split_actor_field --------------------------------------------------------------------------

def test_department_with_subunit_and_agency_on_three_lines():
    text = _real("Departement WELZIJN, VOLKSGEZONDHEID EN GEZIN –\nAfdeling Welzijn en Samenleving\n"
                 "Agentschap voor Binnenlands Bestuur")  # 00_01_01, L106-110
    got = split_actor_field(text, 106, [106, 108, 110])
    assert got == [
        Mention("Departement WELZIJN, VOLKSGEZONDHEID EN GEZIN – Afdeling Welzijn en Samenleving", 106),
        Mention("Agentschap voor Binnenlands Bestuur", 110),
    ]


def test_comma_list_of_abbreviations():
    text = _real("VBJK, VCOK, VVSG, Gezinsbond")  # L6405
    assert names(split_actor_field(text, 6405)) == ["VBJK", "VCOK", "VVSG", "Gezinsbond"]


@pytest.mark.parametrize("text", [
    "Kabinet Cultuur\nKabinet Jeugd\nKabinet Brussel",  # L15185-9, one per line
    "Kabinet Cultuur Kabinet Jeugd Kabinet Brussel",  # the same, flattened to one line
])
def test_several_cabinets_without_separators(text):
    _real(text)
    assert names(split_actor_field(text, 15185)) == ["Kabinet Cultuur", "Kabinet Jeugd", "Kabinet Brussel"]


def test_commas_inside_one_name_do_not_split():
    text = _real("Departement Cultuur, Jeugd en Media, Afdeling Sociaal-Cultureel Werk")
    assert names(split_actor_field(text, 1)) == [text]
    text = _real("Departement Welzijn, Volksgezondheid en\nGezin, Wonen-Vlaanderen")  # L5393
    assert names(split_actor_field(text, 5393, [5393, 5395])) == [
        "Departement Welzijn, Volksgezondheid en Gezin", "Wonen-Vlaanderen"]


def test_two_known_names_joined_by_en_split_but_kind_en_gezin_does_not():
    assert names(split_actor_field(_real("VMM en LNE"), 19803)) == ["VMM", "LNE"]
    assert names(split_actor_field(_real("Kind en Gezin"), 1)) == ["Kind en Gezin"]
    assert names(split_actor_field(_real("Vlaams Energieagentschap en VREG"), 1)) == ["Vlaams Energieagentschap", "VREG"]


def test_slashes_and_lines_between_cabinets():
    text = _real("Kabinet Jeugd / Kabinet Brussel / Kabinet Media\nKabinet Sport")  # L13988
    assert names(split_actor_field(text, 13988, [13988, 13990])) == [
        "Kabinet Jeugd", "Kabinet Brussel", "Kabinet Media", "Kabinet Sport"]
    assert [m.line for m in split_actor_field(text, 13988, [13988, 13990])] == [13988, 13988, 13988, 13990]


def test_bare_portfolio_words_one_per_line():
    assert names(split_actor_field(_real("Wonen\nWelzijn\nArmoedebestrijding"), 1)) == [
        "Wonen", "Welzijn", "Armoedebestrijding"]


def test_distributive_head_spreads_over_the_list():
    text = _real("De kabinetten van Werk, Welzijn, Cultuur Jeugd\nSport Media, Bestuurlijke aangelegenheden")  # L4691
    assert names(split_actor_field(text, 4691)) == [
        "Werk", "Welzijn", "Cultuur", "Jeugd", "Sport", "Media", "Bestuurlijke aangelegenheden"]


def test_sub_unit_joins_its_department_but_a_second_afdeling_after_en_stands_apart():
    text = _real("Departement Onderwijs en Vorming, Afdeling Hoger onderwijs en\nVolwassenenonderwijs en Afdeling Beleid\n"
                 "Onderwijzend Personeel")
    assert names(split_actor_field(text, 1)) == [
        "Departement Onderwijs en Vorming, Afdeling Hoger onderwijs en Volwassenenonderwijs",
        "Afdeling Beleid Onderwijzend Personeel"]


def test_team_of_its_own_is_not_a_sub_unit_of_the_line_before():
    text = _real("Departement Cultuur, Jeugd en Media\nTeam Coördinatie Brussel\nSPORT.VLAANDEREN")
    assert names(split_actor_field(text, 1)) == [
        "Departement Cultuur, Jeugd en Media", "Team Coördinatie Brussel", "SPORT.VLAANDEREN"]


def test_link_words_separate_two_actors():
    text = _real("Vlaams parlement in nauw overleg met WVG.")  # L10102
    assert names(split_actor_field(text, 10102)) == ["Vlaams parlement", "WVG"]


def test_a_sentence_in_an_actor_field_gives_only_the_names_inside_it():
    text = _real("Er is overleg gepleegd  met de afdeling Welzijn en\nSamenleving voor het identificeren van deze\n"
                 "organisaties.")  # L5955
    assert names(split_actor_field(text, 5955)) == ["afdeling Welzijn en Samenleving"]


def test_collectives_stay_mentions_for_the_resolver_to_skip():
    text = _real("Departement WVG – Afdeling Welzijn en Samenleving\nAlle administraties")
    got = names(split_actor_field(text, 1))
    assert got == ["Departement WVG – Afdeling Welzijn en Samenleving", "Alle administraties"]
    assert is_collective(got[1]) and not is_collective(got[0])


@pytest.mark.parametrize("value", ["-", "/", "Nog te bepalen", "Niet voorzien", "NVT", "Niet van toepassing",
                                   "Neen", "Ja", "", "  ", "n.v.t."])
def test_placeholders_give_no_mention(value):
    assert is_placeholder(value)
    assert split_actor_field(value, 1) == []


def test_a_placeholder_inside_a_list_is_dropped():
    assert names(split_actor_field(_real("Ja, lokale besturen, …"), 1)) == ["lokale besturen"]
    assert not is_placeholder("VDAB") and not is_placeholder("Jeugd")


def test_line_numbers_fall_back_to_counting_from_the_first_line():
    got = split_actor_field("Kabinet Sport\nKabinet Jeugd", 12624)
    assert [m.line for m in got] == [12624, 12625]


# --- extract_organisations ----------------------------------------------------------------------

def test_netwerk_and_its_member_associations_are_both_found():
    text = _real("Samenwerking met Netwerk tegen Armoede, verenigingen\nwaar armen het woord nemen")  # L14526
    got = extract_organisations(text, 14526, [14526, 14528])
    assert got == [Mention("Netwerk tegen Armoede", 14526), Mention("verenigingen waar armen het woord nemen", 14526)]


def test_prose_names_and_abbreviations_in_a_long_sentence():
    text = _real("De betrokken welzijn- en woonactoren (o.a. CAW’s,\nSHM’s) en de lokale besturen ( VVSG) maken deel uit van\n"
                 "het gemengd platform dak- en thuisloosheid.")
    assert names(extract_organisations(text, 1)) == ["CAW’s", "SHM’s", "lokale besturen", "VVSG"]


def test_abbreviations_are_case_sensitive_in_prose():
    assert names(extract_organisations("Een lop van de caw en het clb", 1)) == []
    assert names(extract_organisations(_real("LOP, CLB, schooldirecties, zorgcoördinatoren, experten…"), 1)) == ["LOP", "CLB"]


def test_names_that_are_ordinary_words_need_their_case():
    assert names(extract_organisations(_real("Via De Link worden ervaringsdeskundigen betrokken"), 1)) == ["De Link"]
    assert extract_organisations("de link met het beleid", 1) == []
    opgroeien_000 = (SOURCES / "000_553a785c04f85bf4.txt").read_text(encoding="utf-8")
    handbook_001 = (SOURCES / "001_38d43dd55946f7ed.txt").read_text(encoding="utf-8")
    verb = _real("Opgroeien in armoede", handbook_001)
    assert extract_organisations(verb, 160) == []
    agency = _real("bevindingen dat Opgroeien inzet op de versterking", opgroeien_000)
    assert names(extract_organisations(agency, 58)) == ["Opgroeien"]


def test_a_typo_in_a_list_item_is_read_as_the_name_it_misspells():
    text = _real("CBE, VOCVO, Federeatie voor basiseducatie")  # L12329
    assert names(extract_organisations(text, 12329)) == ["CBE", "VOCVO", "Federeatie voor basiseducatie"]


def test_each_actor_once_per_field():
    text = _real("Koning Boudewijnstichting (KBS)")
    assert names(extract_organisations(text, 1)) == ["Koning Boudewijnstichting"]


def test_local_actors_named_with_their_place():
    platforms = (SOURCES / "002_839b33d58696378e.txt").read_text(encoding="utf-8")
    text = _real("OCMW Antwerpen OCMW Gent", platforms)
    assert names(extract_organisations(text, 411)) == ["OCMW Antwerpen", "OCMW Gent"]


def test_fold_keeps_length_and_normalise_folds_spelling_variants():
    for raw in ("Dēmos vzw", "Kind & Gezin – Opgroeien…", "OCMW’s"):
        assert len(fold(raw)) == len(raw)
    assert normalise("Dēmos vzw") == normalise("Demos")
    assert normalise("Kind&Gezin") == normalise("Kind en gezin")
    assert normalise("OCMW’s") == "ocmw"
    assert normalise("Sport.Vlaanderen") == normalise("SPORT VLAANDEREN")
    assert normalise("het team coördinatie armoedebestrijding") == "team coordinatie armoedebestrijding"
