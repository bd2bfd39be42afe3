"""Geography: the curated file, the lookup of names as the sources write them, and the graph."""

from __future__ import annotations

import pytest

from armoedegraaf.errors import SourceError
from loaders.resolution.geography import (DATA_FILE, SOURCE, Municipality, build_geography, default_geography,
                               lookup_municipality, normalise, parse_geography)


@pytest.mark.parametrize("written, name, province, region", [
    ("Luik", "Liège", "Luik", "Wallonië"),
    ("Bergen", "Mons", "Henegouwen", "Wallonië"),
    ("Namen", "Namur", "Namen", "Wallonië"),
    ("‘s-Gravenbrakel", "Braine-le-Comte", "Henegouwen", "Wallonië"),
    ("'s-Gravenbrakel", "Braine-le-Comte", "Henegouwen", "Wallonië"),
    ("Nijvel", "Nivelles", "Waals-Brabant", "Wallonië"),
    ("Edingen", "Enghien", "Henegouwen", "Wallonië"),
    ("Kasteelbrakel", "Braine-le-Château", "Waals-Brabant", "Wallonië"),
    ("Braine-Le-Château", "Braine-le-Château", "Waals-Brabant", "Wallonië"),
    ("flemalle", "Flémalle", "Luik", "Wallonië"),
    ("Haccourt", "Oupeye", "Luik", "Wallonië"),
    ("Raeren-Eynatten", "Raeren", "Luik", "Wallonië"),
    ("St.Vith", "Sankt Vith", "Luik", "Wallonië"),
    ("Sankt-Vith", "Sankt Vith", "Luik", "Wallonië"),
    ("SINT-NIKLAAS", "Sint-Niklaas", "Oost-Vlaanderen", "Vlaanderen"),
    ("Heusden – Zolder", "Heusden-Zolder", "Limburg", "Vlaanderen"),
    ("Sint Agatha Berchem", "Sint-Agatha-Berchem", "Brussels Hoofdstedelijk Gewest", "Brussel"),
    ("Brussel", "Brussel", "Brussels Hoofdstedelijk Gewest", "Brussel"),
    ("Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek", "Brussels Hoofdstedelijk Gewest", "Brussel"),
    ("Boom", "Boom", "Antwerpen", "Vlaanderen"),
    ("Oostende", "Oostende", "West-Vlaanderen", "Vlaanderen"),
    ("Dilbeek", "Dilbeek", "Vlaams-Brabant", "Vlaanderen"),
    ("Ronse", "Ronse", "Oost-Vlaanderen", "Vlaanderen"),
    ("Blankenberge", "Blankenberge", "West-Vlaanderen", "Vlaanderen"),
])
def test_lookup_understands_written_variants(written, name, province, region):
    assert lookup_municipality(written) == Municipality(name, province, region)


def test_unknown_names_stay_unknown():
    assert lookup_municipality("Atlantis") is None
    assert lookup_municipality("") is None
    assert lookup_municipality("OCMW Gent") is None  # prefixes are the caller's to strip


def test_normalise_folds_case_accents_quotes_and_hyphens():
    assert normalise("‘s-Gravenbrakel") == normalise("s Gravenbrakel") == "s gravenbrakel"
    assert normalise("Flémalle") == "flemalle"


def test_all_19_brussels_municipalities_are_in_the_capital_region():
    geo = default_geography()
    brussels = [m for m in geo.municipalities.values() if m.region == "Brussel"]
    assert len(brussels) == 19
    assert {m.province for m in brussels} == {"Brussels Hoofdstedelijk Gewest"}


def test_every_province_lies_in_one_of_three_regions():
    geo = default_geography()
    assert set(geo.regions) == {"Vlaanderen", "Brussel", "Wallonië"}
    by_region = {}
    for p in geo.provinces.values():
        by_region.setdefault(p.region, set()).add(p.name)
    assert by_region["Vlaanderen"] == {"Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen"}
    assert by_region["Wallonië"] == {"Henegouwen", "Luik", "Luxemburg", "Namen", "Waals-Brabant"}


def test_handbook_and_action_plan_places_are_known():
    # Places the handbook (001) and the action plan (004) name, beside the 57 platforms of 002.
    for written in ("Genk", "Houthalen-Helchteren", "Lebbeke", "Moerbeke", "Zottegem", "Oudenaarde",
                    "Turnhout", "Herentals", "Mol", "Landen", "Maasmechelen", "Poperinge", "Eeklo"):
        assert lookup_municipality(written) is not None, written


def test_merged_into_only_where_sure():
    geo = default_geography()
    merged = {m.name: m.merged_into for m in geo.municipalities.values() if m.merged_into}
    assert merged == {"Beveren": "Beveren-Kruibeke-Zwijndrecht", "Merelbeke": "Merelbeke-Melle",
                      "Moerbeke": "Lokeren", "Ham": "Tessenderlo-Ham", "Tessenderlo": "Tessenderlo-Ham"}


def test_build_geography_nodes_cite_their_line_in_the_data_file():
    geo = default_geography()
    batch = build_geography(geo)
    batch.validate()
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    liege = batch.nodes["municipality:liege"].properties
    assert liege["source"] == SOURCE == "loaders/data/geography.yaml"
    assert "name: Liège" in lines[liege["line"] - 1]
    assert "Luik" in liege["names"]
    chain = {(r.start, r.end) for r in batch.relationships.values() if r.type == "LOCATED_IN"}
    assert ("municipality:liege", "province:luik") in chain
    assert ("province:luik", "region:wallonie") in chain
    assert ("municipality:anderlecht", "province:brussels-hoofdstedelijk-gewest") in chain
    assert ("province:brussels-hoofdstedelijk-gewest", "region:brussel") in chain
    assert len([n for n in batch.nodes if n.startswith("municipality:")]) == len(geo.municipalities)


def test_parse_rejects_unknown_province_and_ambiguous_names():
    base = "regions:\n  - {name: Vlaanderen}\nprovinces:\n  - {name: Limburg, region: Vlaanderen}\n"
    with pytest.raises(SourceError, match="unknown province") as err:
        parse_geography(base + "municipalities:\n  - {name: Genk, province: Limbourg}\n", "g.yaml")
    assert err.value.line == 6
    with pytest.raises(SourceError, match="would mean both"):
        parse_geography(base + "municipalities:\n  - {name: Genk, province: Limburg}\n"
                        "  - {name: Hasselt, province: Limburg, aliases: [genk]}\n", "g.yaml")
