"""Euro amounts in budget texts; the examples are real budget fields of 004 (line numbers in ids)."""

from __future__ import annotations

import pytest

from loaders.vapa.budget import find_amounts, parse_budget_amounts, to_number


@pytest.mark.parametrize("text, expected", [
    pytest.param("€220.000", [220000], id="L842-euro-sign"),
    pytest.param("183.000 euro per jaar", [183000], id="L1632-euro-word"),
    pytest.param("1 miljoen euro voor resp. elke oproep", [1e6], id="L5040-miljoen-euro"),
    pytest.param("€20 miljoen/jaar voor de periode 2016-2019", [20e6], id="L18823-sign-miljoen"),
    pytest.param("2,5 miljoen", [2.5e6], id="L15478-miljoen-without-unit"),
    pytest.param("Fiscale uitgave (jaarlijkse geraamde\nminderinkomsten): 4.320 kEUR", [4320000], id="L7559-kEUR"),
    pytest.param("20 kEUR voor promotie en 20 kEUR voor drukwerken", [20000, 20000], id="L15792-kEUR-twice"),
    pytest.param("5 390,00 EUR", [5390.0], id="L3927-space-thousands"),
    pytest.param("2015: 1 116 214 euro\n2016: 1 178 294 euro\n2017:1 207 649,76 euro", [1116214, 1178294, 1207649.76],
                 id="L13638-space-thousands-series"),
    pytest.param("Regulier budget SLO: 10.654.448,64 euro", [10654448.64], id="L3430-comma-decimals"),
    pytest.param("2015: 20.000 euro 2016: 45.000 euro 2017: Nog te onderzoeken", [20000, 45000],
                 id="L1965-year-series"),
    pytest.param("BJ 2014: 150.000 euro (project toelatingsproeven hoger onderwijs) BJ 2015: 150.000 euro",
                 [150000, 150000], id="L10485-BJ-years"),
    pytest.param("800.000 per jaar (2016-2020)\nBegrotingsartikel:  PJ0-1POC2AA-WT\nBasisallocatie: 1PO703", [800000],
                 id="L5227-article-numbers"),
    pytest.param("€2.900.000 (+ 30% cofinanciering)", [2900000], id="L2128-percentage"),
    pytest.param("1.500.000 (AMIF)\n500.000 (cofinanciering)", [1500000, 500000], id="L11992-no-unit"),
    pytest.param("Het budget voor de oproep Armoede bedraagt\n2.500.000,00 EUR waarvan 1.000.000,00 euro\n"
                 "ESF (40%) en 1.500.000,00 euro eigen\ncofinanciering (60%).", [2500000, 1000000, 1500000],
                 id="L16787-cofinancing"),
    pytest.param("0,15 VTE/jaarlijks", [], id="L3615-staff"),
    pytest.param("Behoud jaarlijkse groei Gemeentefonds (3,5%)", [], id="L921-percentage-only"),
    pytest.param("De toeristische aanbieders voorzien een sociaal kortingstarief van 30 tot 80%.", [],
                 id="L3221-range-pct"),
    pytest.param("2015: 2016: eur 2017: eur 2018: eur 2019: eur", [], id="L7622-empty-template"),
    pytest.param("Geen budget", [], id="L368-none"),
    pytest.param("Nihil", [], id="L7226-nihil"),
    pytest.param("Budgettair neutraal: de schaalvoordelen en winsten", [], id="L4962-neutraal"),
    pytest.param("Nog te bepalen", [], id="L2225-tbd"),
    pytest.param("Dotatie aan VRT", [], id="L4181-dotatie"),
    pytest.param("komt dit neer op een jaarlijks budgettair engagement van ongeveer 38,5\nmio € (afhankelijk van",
                 [38.5e6], id="L8005-mio"),
    pytest.param("Voor 2015 zijn de middelen voor Vlaanderen geraamd op 3,45 miljard euro.", [3.45e9],
                 id="L8543-miljard"),
    pytest.param("Voor 2017 is er een indicatief aantal van 584 groepstrajecten voorzien en is er 760.000 begroot.",
                 [760000], id="L15943-count-then-amount"),
    pytest.param("1) € 114.803 voor 17 maanden voor onderzoeksperiode + 42.400 euro (schooljaar 2016-2017)",
                 [114803, 42400], id="L10659-months-not-amount"),
    pytest.param("€ 363.000 euro + 100.000 euro", [363000, 100000], id="L9122-sign-and-word"),
    pytest.param("2015: 10.789 eur + 1.905 eur", [10789, 1905], id="L7480-eur-lowercase"),
    pytest.param("Jaarlijks 2.200 euro voor 2 lesdagen voor 20 personen.", [2200], id="L5919-persons-not-amount"),
    pytest.param("Voor 2017 werd er 12.234.000 Euro begroot", [12234000], id="L16545-Euro-capital"),
    pytest.param("420.000 EURO/jaarlijks", [420000], id="L6930-EURO"),
    pytest.param("2015: 148.688 personen in armoede genieten van een daguitstap", [], id="count-with-thousands"),
    pytest.param("De EU-middelen stijgen met 5,3 miljoen Euro voor de Europese studenten", [5.3e6],
                 id="L11393-Europese"),
])
def test_parse_budget_amounts(text, expected):
    assert parse_budget_amounts(text) == pytest.approx([float(x) for x in expected])


def test_amounts_keep_what_was_written():
    assert [a.as_written for a in find_amounts("2015: 1 116 214 euro 2016: €2.900.000")] == \
        ["1 116 214 euro", "€2.900.000"]


@pytest.mark.parametrize("num, value", [
    ("10.654.448,64", 10654448.64), ("1 116 214", 1116214), ("2,5", 2.5), ("3000", 3000), ("57.910,6", 57910.6),
])
def test_to_number(num, value):
    assert to_number(num) == pytest.approx(value)
