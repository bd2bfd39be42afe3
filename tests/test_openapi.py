"""The OpenAPI document describes every answer: each success response of JSON has a model with
named, typed fields (graph/answers), not an empty or free-form object. tests/test_api_fuzz.py then
checks with schemathesis that the answers conform to these schemas."""

from __future__ import annotations

from typing import Any

import pytest

from api.app import create_app

DOC = create_app().openapi()


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    return DOC["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def _typed(schema: dict[str, Any]) -> bool:
    return bool(schema.get("type") or schema.get("$ref"))  # {} is Any


def _json_answers() -> list[tuple[str, str, str, dict[str, Any]]]:
    out = []
    for path, ops in DOC["paths"].items():
        for method, op in ops.items():
            for status, response in op["responses"].items():
                if status.startswith("2") and "application/json" in response.get("content", {}):
                    out.append((method.upper(), path, status, response["content"]["application/json"].get("schema", {})))
    return out


def test_every_json_route_is_in_the_list():
    routes = {(m, p) for m, p, _, _ in _json_answers()}
    assert ("GET", "/actions") in routes and ("POST", "/overlap/check") in routes and len(routes) >= 28


@pytest.mark.parametrize(("method", "path", "status", "schema"), _json_answers(),
                         ids=[f"{m} {p} {s}" for m, p, s, _ in _json_answers()])
def test_every_success_answer_has_a_typed_schema(method, path, status, schema):
    model = _resolve(schema)
    if model.get("type") == "array":
        model = _resolve(model.get("items", {}))
    fields = model.get("properties", {})
    assert fields, f"{method} {path} {status}: no model with fields ({schema})"
    typed = [f for f, s in fields.items() if all(_typed(x) for x in s.get("anyOf", [s]))]
    assert typed == list(fields), f"{method} {path}: untyped fields {set(fields) - set(typed)}"
