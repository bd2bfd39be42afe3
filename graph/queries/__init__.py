"""Read queries: each Cypher statement stands next to its networkx twin, as one Query object.

A query is made with `@query(cypher=...)` on its networkx function (graph first, then keyword
parameters); the decorator returns the Query, so the function's name in its module *is* the query.
Callers import it and pass it to the store, so that a misspelt query fails at import, not at run:

    from graph.queries.search import search_lexical
    rows = store.run(search_lexical, terms=["armoed"], labels=["Action"], limit=5)

The memory store calls the networkx function; the Neo4j store runs the Cypher with the same
parameters (the function's defaults filled in) and passes the rows through `shape`, so that both
return identical rows. A new query goes into one of the MODULES below (a new module is added to
that list); ALL_QUERIES, gathered from them, is what the contract suite runs on both backends
(tests/test_store_contract.py with the cases of tests/query_cases.py, keyed by query name).
"""

from __future__ import annotations

from graph.queries import actions, actors, core, gaps, kaart, network, overlap, places, plans, search
from graph.queries.registry import Query, query

MODULES = (actions, actors, core, gaps, kaart, network, overlap, places, plans, search)


def _gather() -> dict[str, Query]:
    found: dict[str, Query] = {}
    for module in MODULES:
        for value in vars(module).values():
            if isinstance(value, Query) and value.name in found and found[value.name] is not value:
                raise ValueError(f"two queries named {value.name!r}")
            if isinstance(value, Query):
                found[value.name] = value
    return dict(sorted(found.items()))


BY_NAME: dict[str, Query] = _gather()  # for the contract suite's cases, keyed by name
ALL_QUERIES: tuple[Query, ...] = tuple(BY_NAME.values())

__all__ = ["ALL_QUERIES", "BY_NAME", "MODULES", "Query", "query"]
