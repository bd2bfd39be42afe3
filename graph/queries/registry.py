"""The registry of read queries (see graph/queries/__init__.py)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable

from armoedegraaf.errors import ArmoedegraafError

Rows = list[dict[str, Any]]


def _rows(rows: Rows, params: dict[str, Any]) -> Rows:
    return rows


def _params(params: dict[str, Any]) -> dict[str, Any]:
    return params


@dataclass(frozen=True)
class Query:
    name: str
    cypher: str
    memory: Callable[..., Rows]
    shape: Callable[[Rows, dict[str, Any]], Rows] = _rows
    cypher_params: Callable[[dict[str, Any]], dict[str, Any]] = _params


_REGISTRY: dict[str, Query] = {}


def query(cypher: str, *, shape: Callable[[Rows, dict[str, Any]], Rows] | None = None,
          cypher_params: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> Callable:
    """Register the decorated networkx function with its Cypher twin."""

    def register(fn: Callable[..., Rows]) -> Callable[..., Rows]:
        defaults = {name: p.default for name, p in inspect.signature(fn).parameters.items()
                    if p.default is not inspect.Parameter.empty}

        def with_defaults(params: dict[str, Any]) -> dict[str, Any]:
            # Cypher needs every $parameter bound; the networkx twin's defaults are the contract.
            return (cypher_params or _params)({**defaults, **params})

        _REGISTRY[fn.__name__] = Query(fn.__name__, cypher, fn, shape or _rows, with_defaults)
        return fn

    return register


def get(name: str) -> Query:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ArmoedegraafError(f"no query named {name!r}") from None


def names() -> list[str]:
    return sorted(_REGISTRY)
