"""Read queries as objects (see graph/queries/__init__.py)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable

import networkx as nx

Rows = list[dict[str, Any]]


def _rows(rows: Rows, params: dict[str, Any]) -> Rows:
    return rows


def _params(params: dict[str, Any]) -> dict[str, Any]:
    return params


@dataclass(frozen=True)
class Query:
    """One read query: its networkx twin (`memory`), its Cypher, how Cypher rows become the twin's
    rows (`shape`) and how the caller's parameters become the Cypher's (`cypher_params`)."""

    name: str
    cypher: str
    memory: Callable[..., Rows]
    shape: Callable[[Rows, dict[str, Any]], Rows] = _rows
    cypher_params: Callable[[dict[str, Any]], dict[str, Any]] = _params

    def __call__(self, graph: nx.MultiDiGraph, **params: Any) -> Rows:
        """The networkx twin, so that one query's twin may build on another's."""
        return self.memory(graph, **params)


def query(cypher: str, *, shape: Callable[[Rows, dict[str, Any]], Rows] | None = None,
          cypher_params: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> Callable[..., Query]:
    """Make the decorated networkx function (graph first, then keyword parameters) a Query with
    its Cypher twin; the module-level name is then the Query object callers pass to `store.run`."""

    def make(fn: Callable[..., Rows]) -> Query:
        defaults = {name: p.default for name, p in inspect.signature(fn).parameters.items()
                    if p.default is not inspect.Parameter.empty}

        def with_defaults(params: dict[str, Any]) -> dict[str, Any]:
            # Cypher needs every $parameter bound; the networkx twin's defaults are the contract.
            return (cypher_params or _params)({**defaults, **params})

        return Query(fn.__name__, cypher, fn, shape or _rows, with_defaults)

    return make
