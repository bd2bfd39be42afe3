"""Read queries: each Cypher statement stands next to its networkx twin.

A query is registered with `@query(cypher=...)` on its networkx function (graph first, then
keyword parameters). The memory store calls the function; the Neo4j store runs the Cypher with the
same parameters and passes the rows through `shape`, so that both return identical rows. One
contract test (tests/test_contract.py) runs every registered query on both backends.
"""

from __future__ import annotations

from graph.queries.registry import Query, get, names, query

# Importing the query modules registers their queries.
from graph.queries import actions, actors, core, gaps, network, overlap, places  # noqa: E402,F401
from graph.queries import search  # noqa: E402,F401
from graph.queries import plans  # noqa: E402,F401
from graph.queries import kaart  # noqa: E402,F401

__all__ = ["Query", "get", "names", "query"]
