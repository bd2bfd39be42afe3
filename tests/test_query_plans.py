"""The query plans of the graph questions on Neo4j: PROFILE every contract case on the seed graph
and require that no query reads every node, and that none walks a whole big label where an index
seek or a traversal from a small one answers the question (the label-scan operator may sit in a
branch not taken, but must produce no rows)."""

from __future__ import annotations

import pytest

from graph.queries import BY_NAME

# Every registered question: each contract case is PROFILEd.
PLANNED = sorted(BY_NAME)
BIG_LABELS = {"Action", "Actor", "Organisation", "Administration", "Platform", "Project", "Cabinet", "Municipality"}
LABEL_SCANS = ("NodeByLabelScan", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan")


# Questions whose answer is every node of a big label, so that reading the label is the answer:
# every platform with its links, every action's fiche text compared (repeated fiches), every actor lineage relationship (the planner starts at
# the 40-odd actors' label rather than a relationship-type scan: a linear walk either way), and a
# place or platform named by free text (scope, issue 13: a name, not an indexed key), and the
# kaart's focus index (every node a coordinator may centre the kaart on, read once per graph state).
WHOLE_LISTS = {"platform_links", "repeated_fiches", "actor_lineage", "scope_nodes", "kaart_graph"}


def _whole_list(name: str, params: dict) -> bool:
    """Cases whose answer is every node of a big label: reading them all is the answer."""
    if name in ("actions", "actions_without_poverty_involvement"):
        return not any(params.get(k) for k in ("grondrecht", "minister", "actor", "plan"))
    if name in WHOLE_LISTS:
        return True
    return name == "platforms" and not params.get("region") and not params.get("province")


def _operators(plan) -> list:
    out = [plan]
    for child in plan.get("children", []):
        out += _operators(child)
    return out


def _profile_statement(store, statement: str, params: dict) -> list:
    with store.driver.session(database=store.database) as session:
        summary = session.run("PROFILE " + statement, params).consume()
    return _operators(summary.profile)


def _profile(store, name: str, params: dict) -> list:
    q = BY_NAME[name]
    return _profile_statement(store, q.cypher, q.cypher_params(params))


def _all_node_scans(ops: list) -> list[str]:
    return [op["operatorType"] for op in ops if "AllNodesScan" in op["operatorType"]]


def _hot_label_scans(ops: list) -> list[tuple]:
    scans = [(op["operatorType"], op.get("args", {}).get("Details"), op.get("rows"))
             for op in ops if op["operatorType"].split("@")[0] in LABEL_SCANS]
    return [s for s in scans if s[2] and any(f":{lab}" in (s[1] or "") for lab in BIG_LABELS)]


@pytest.mark.parametrize("name", PLANNED)
def test_no_query_scans_all_nodes_or_a_big_label(name, neo4j_store, seed_load):
    from tests.query_cases import CASES

    neo4j_store.replace(seed_load.batch)
    for params in CASES[name]:
        ops = _profile(neo4j_store, name, params)
        assert not _all_node_scans(ops), (name, params)
        if not _whole_list(name, params):
            assert not _hot_label_scans(ops), (name, params, _hot_label_scans(ops))


def test_the_plan_checks_see_scans(neo4j_store, seed_load):
    """What the checks above would catch, on real plans: an unlabelled lookup reads every node, a
    lookup by a property without index reads the whole label."""
    neo4j_store.replace(seed_load.batch)
    unlabelled = _profile_statement(neo4j_store, "MATCH (n) WHERE n.id = $id RETURN n", {"id": "org:vvsg"})
    assert _all_node_scans(unlabelled)
    unindexed = _profile_statement(neo4j_store, "MATCH (a:Action) WHERE a.title = $t RETURN a", {"t": "x"})
    assert _hot_label_scans(unindexed)
