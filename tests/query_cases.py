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
}
