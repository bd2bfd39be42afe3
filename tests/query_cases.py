"""Parameters for the contract test of every registered query (tests/test_store_contract.py).
Every query must have at least one case; cases should hit both found and not-found paths."""

CASES: dict[str, list[dict]] = {
    "counts": [{}],
    "node_by_id": [{"id": "grondrecht:05"}, {"id": "action:vapa-2015-2019:05_02_06"}, {"id": "nope"}],
    "neighbours": [{"ids": ["grondrecht:05"], "labels": []}, {"ids": ["plan:vapa-2015-2019", "nope"], "labels": ["Action"]},
                   {"ids": [], "labels": []}],
    "actions": [{}, {"grondrecht": "05"}, {"grondrecht": "05", "limit": 3, "offset": 2},
                {"minister": "minister:jo-vandeurzen"}, {"actor": "org:netwerk-tegen-armoede"},
                {"plan": "VAPA 2015-2019", "grondrecht": "10"}, {"grondrecht": "99"}],
    "grondrechten": [{}],
    "ministers": [{}],
    "search_terms": [{"terms": ["kind", "armoed", "kinderarmoed"], "labels": ["Action"], "limit": 5},
                     {"terms": ["huurwaarborg", "hur", "waarborg"], "labels": [], "limit": 10},
                     {"terms": ["energie", "energie"], "labels": ["Action", "Project"], "limit": 3},
                     {"terms": ["no-such-term"], "labels": [], "limit": 5}, {"terms": [], "labels": [], "limit": 5}],
    "actor_grondrechten": [{"actors": []}, {"actors": ["org:netwerk-tegen-armoede", "org:vvsg"]},
                           {"actors": [], "grondrecht": "08"}, {"actors": ["nope"]}],
    "suggested_partnerships": [{"limit": 25}],
    "find_actors": [{"q": "netwerk"}, {"q": "kind en gezin", "label": "Administration"}, {"q": "zzzz"},
                    {"q": "ocmw", "limit": 5}],
    "actions_without_poverty_involvement": [{}, {"plan": "VAPA 2015-2019"}],
    "relationships_of": [{"id": "org:netwerk-tegen-armoede"}, {"id": "grondrecht:10"}, {"id": "nope"}],
    "platforms": [{}, {"region": "Wallonië"}, {"province": "Antwerpen"}, {"region": "Vlaanderen", "province": "Luik"}],
    "province_coverage": [{}],
    "platform_links": [{}],
    "grondrecht_coverage": [{}],
}
