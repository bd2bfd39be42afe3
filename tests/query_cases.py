"""Parameters for the contract test of every registered query (tests/test_store_contract.py).
Every query must have at least one case; cases should hit both found and not-found paths."""

from graph.embeddings import embed_query


def _vector(text: str) -> list[float]:
    return [float(x) for x in embed_query(text)[0]]


# Queries whose backends agree on the top results, not on every digit (Lucene BM25 stores lengths
# lossily, HNSW is approximate): their contract is the same set of ids, in the order of the
# embedded store up to swaps of near-ties (graph/queries/search.py).
SAME_TOP_SET = {"search_lexical", "search_semantic"}

CASES: dict[str, list[dict]] = {
    "counts": [{}],
    "node_by_id": [{"id": "grondrecht:05"}, {"id": "action:vapa-2015-2019:05_02_06"}, {"id": "nope"}],
    "neighbours": [{"ids": ["grondrecht:05"], "labels": []}, {"ids": ["plan:vapa-2015-2019", "nope"], "labels": ["Action"]},
                   {"ids": [], "labels": []}],
    "actions": [{}, {"grondrecht": "05"}, {"grondrecht": "05", "limit": 3, "offset": 2},
                {"minister": "minister:vlaamse-regering-2014-2019:jo-vandeurzen"}, {"actor": "org:netwerk-tegen-armoede"},
                {"plan": "VAPA 2015-2019", "grondrecht": "10"}, {"grondrecht": "99"}],
    "grondrechten": [{}],
    "ministers": [{}],
    "search_lexical": [{"terms": ["kind", "armoed", "kinderarmoed"], "labels": ["Action"], "limit": 5},
                       {"terms": ["huurwaarborg", "hur", "waarborg"], "labels": [], "limit": 10,
                        "weights": {"hur": 0.3, "waarborg": 0.3}},
                       {"terms": ["energie", "energie"], "labels": ["Action", "Project"], "limit": 3},
                       {"terms": ["huiswerkbegeleid"], "labels": [], "limit": 5, "plan": None},
                       {"terms": ["energiearmoed"], "labels": ["Action"], "limit": 5, "plan": "VAPA 2015-2019",
                        "exclude": "action:vapa-2015-2019:08_03_01"},
                       {"terms": ["no-such-term"], "labels": [], "limit": 5}, {"terms": [], "labels": [], "limit": 5}],
    "search_semantic": [{"vector": _vector("huiswerkbegeleiding"), "labels": [], "limit": 5},
                        {"vector": _vector("goedkoper openbaar vervoer"), "labels": ["Action"], "limit": 5,
                         "plan": "VAPA 2015-2019"},
                        {"vector": _vector("daklozen"), "labels": ["Grondrecht"], "limit": 5}],
    "passage_vectors": [{"id": "action:vapa-2015-2019:05_02_06"}, {"id": "nope"}],
    "actor_grondrechten": [{"actors": []}, {"actors": ["org:netwerk-tegen-armoede", "org:vvsg"]},
                           {"actors": [], "grondrecht": "08"}, {"actors": ["nope"]}],
    "actor_grondrecht_counts": [{}, {"label": "Organisation"}, {"label": "Minister"}],
    "grondrecht_actor_page": [{"code": "05"}, {"code": "08", "limit": 3, "offset": 2}, {"code": "10", "limit": None},
                              {"code": "99"}, {"code": "05", "offset": 100000}],
    "actor_grondrecht_page": [{}, {"label": "Organisation", "limit": 5, "offset": 3}, {"limit": None},
                              {"label": "Minister", "offset": 100000}],
    "find_actors": [{"q": "netwerk"}, {"q": "kind en gezin", "label": "Administration"}, {"q": "zzzz"},
                    {"q": "ocmw", "limit": 5}],
    "actions_without_poverty_involvement": [{}, {"plan": "VAPA 2015-2019"}],
    "action_by_code": [{"code": "05_02_06"}, {"code": "OG25-01"}, {"code": "nope"}],
    "relationships_of": [{"id": "org:netwerk-tegen-armoede"}, {"id": "grondrecht:10"}, {"id": "nope"}],
    "platforms": [{}, {"region": "Wallonië"}, {"province": "Antwerpen"}, {"region": "Vlaanderen", "province": "Luik"}],
    "province_coverage": [{}],
    "platform_links": [{}],
    "network_nodes": [{"center": "hvhk:huis-van-het-kind-oostende", "depth": 2},
                      {"center": "org:netwerk-tegen-armoede", "depth": 2, "limit": 10},
                      {"center": "org:vvsg", "depth": 3, "labels": ["Organisation", "Platform"], "limit": 50},
                      {"center": "grondrecht:05", "depth": 1}, {"center": "nope"}],
    "grondrecht_coverage": [{}],
    "similar_pairs": [{}, {"min_score": 0.5, "limit": 50}, {"grondrecht": "08"},
                      {"node": "action:vapa-2015-2019:06_09_11"}, {"node": "nope"},
                      {"plan": "Armoedeplan Opgroeien", "min_score": 0.0, "limit": 100}],
    "initiative_facts": [{"ids": ["action:vapa-2015-2019:05_02_06", "action:vapa-2015-2019:08_04_02", "nope"]},
                         {"ids": []}],
    "repeated_fiches": [{}, {"grondrecht": "03"}, {"grondrecht": "05"}],
    # issue 13: scope, local partnerships, plans, continuity, timeline, one actor's shared rights
    "scope_nodes": [{"q": "platform:ocmw-boom"}, {"q": "Boom"}, {"q": "huis van het kind boom"},
                    {"q": "Oost-Vlaanderen"}, {"q": "nowhere"}],
    "field_actor_work": [{}],
    "plan_actions": [{"plans": ["plan:vapa-2015-2019"]},
                     {"plans": ["plan:armoedeplan-opgroeien", "plan:vlaams-actieplan-dak-en-thuisloosheid"]},
                     {"plans": ["nope"]}, {"plans": []}],
    "actor_lineage": [{}],
    "timeline_rows": [{}, {"plan": "plan:armoedeplan-opgroeien"}, {"actor": "administration:kind-en-gezin"},
                      {"grondrecht": "05", "actor": "administration:kind-en-gezin"}, {"plan": "nope"},
                      {"actor": "nope"}],
    "actor_shared_rights": [{"actor": "administration:kind-en-gezin"},
                            {"actor": "administration:kind-en-gezin", "grondrecht": "05"},
                            {"actor": "org:netwerk-tegen-armoede", "grondrecht": "10"}, {"actor": "nope"}],
    # issue 12: the local instances that would fill a platform's missing partner category
    # issue 11: what the kaart needs to choose a focus (armoedegraaf/kaart/data.py FOCUS_LABELS)
    "kaart_graph": [{"labels": ["HuisVanHetKind", "Platform", "LocalTeam", "Municipality", "Organisation",
                                "Administration", "Cabinet", "Minister", "Project", "Plan"]},
                    {"labels": ["Grondrecht"]}, {"labels": ["Actor", "Source"]}, {"labels": []}, {"labels": ["Nope"]}],
    "node_degrees": [{"ids": ["administration:kind-en-gezin", "grondrecht:05", "plan:vapa-2015-2019", "nope"]},
                     {"ids": []}],
    "category_instances_near": [{"platform": "platform:ocmw-sh-mechelen", "categories": ["org:cgg", "org:caw"]},
                                {"platform": "platform:ocmw-lummen", "categories": ["org:welzijnsschakels", "org:clb"]},
                                {"platform": "platform:ocmw-kortrijk", "categories": ["org:caw", "org:algemeen-welzijnswerk"]},
                                {"platform": "platform:ocmw-boom", "categories": []}, {"platform": "nope", "categories": ["org:clb"]}],
}
