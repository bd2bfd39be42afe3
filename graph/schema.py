"""The graph schema, read once from graph/schema.yaml and used by every part of the product."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from armoedegraaf.errors import SchemaError

_PY_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "json": (str,),
}


_INT64 = (-(2**63), 2**63 - 1)


@dataclass(frozen=True)
class Label:
    name: str
    prefix: str | None
    key: tuple[str, ...]
    description: str
    properties: dict[str, str]
    actor: bool = False
    abstract: bool = False


@dataclass(frozen=True)
class RelType:
    name: str
    from_labels: tuple[str, ...]
    to_labels: tuple[str, ...]
    key: tuple[str, ...]
    description: str
    actor_relationship: bool = False


@dataclass(frozen=True)
class Schema:
    labels: dict[str, Label]
    relationships: dict[str, RelType]
    common_properties: dict[str, str]
    common_relationship_properties: dict[str, str]
    accumulating: tuple[str, ...]
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def actor_labels(self) -> tuple[str, ...]:
        return tuple(n for n, lab in self.labels.items() if lab.actor)

    @property
    def concrete_labels(self) -> tuple[str, ...]:
        return tuple(n for n, lab in self.labels.items() if not lab.abstract)

    def primary_label(self, labels: tuple[str, ...] | list[str]) -> str:
        """The one concrete label of a node (its type); the others are abstract (Actor)."""
        for lab in labels:
            if not self.label(lab).abstract:
                return lab
        raise SchemaError(f"labels {labels} have no concrete label")

    def label(self, name: str) -> Label:
        try:
            return self.labels[name]
        except KeyError:
            raise SchemaError(f"unknown label {name!r}; known: {', '.join(self.labels)}") from None

    def rel_type(self, name: str) -> RelType:
        try:
            return self.relationships[name]
        except KeyError:
            raise SchemaError(
                f"unknown relationship type {name!r}; known: {', '.join(self.relationships)}"
            ) from None

    def property_type(self, label: str, prop: str) -> str | None:
        return self.label(label).properties.get(prop) or self.common_properties.get(prop)

    def validate_node(self, node_id: str, labels: tuple[str, ...], props: dict[str, Any]) -> None:
        if not labels:
            raise SchemaError(f"node {node_id}: no label")
        concrete = [lab for lab in labels if not self.label(lab).abstract]
        if len(concrete) != 1:
            raise SchemaError(f"node {node_id}: needs exactly one concrete label, has {labels}")
        primary = self.label(concrete[0])
        if primary.actor and "Actor" not in labels:
            raise SchemaError(f"node {node_id}: actor label {primary.name} without Actor")
        for prop in ("source", "line"):
            if props.get(prop) in (None, ""):
                raise SchemaError(f"node {node_id}: missing provenance property {prop!r}")
        for prop, value in props.items():
            ptype = self.property_type(primary.name, prop)
            if ptype is None:
                raise SchemaError(f"node {node_id}: property {prop!r} not in schema for {primary.name}")
            _check_type(f"node {node_id}", prop, ptype, value)

    def validate_relationship(
        self, rel_type: str, start_labels: tuple[str, ...], end_labels: tuple[str, ...], props: dict[str, Any]
    ) -> None:
        rt = self.rel_type(rel_type)
        where = f"relationship {rel_type}"
        if not set(rt.from_labels) & set(start_labels):
            raise SchemaError(f"{where}: start labels {start_labels} not in {rt.from_labels}")
        if not set(rt.to_labels) & set(end_labels):
            raise SchemaError(f"{where}: end labels {end_labels} not in {rt.to_labels}")
        for prop in ("source", "line") + (("as_written",) if rt.actor_relationship else ()):
            if props.get(prop) in (None, ""):
                raise SchemaError(f"{where}: missing provenance property {prop!r}")
        for prop, value in props.items():
            ptype = self.common_relationship_properties.get(prop)
            if ptype is None:
                raise SchemaError(f"{where}: property {prop!r} not in schema")
            _check_type(where, prop, ptype, value)

    def as_dict(self) -> dict[str, Any]:
        """The schema as plain data (what GET /schema returns)."""
        return json.loads(json.dumps(self.raw))


def _check_type(where: str, prop: str, ptype: str, value: Any) -> None:
    if value is None:
        return
    if ptype.startswith("list["):
        inner = _PY_TYPES[ptype[5:-1]]
        if float in inner and isinstance(value, list) and set(map(type, value)) <= {float}:
            return  # an embedding's 512 floats: one exact type test each (a quarter of a big load's checks)
        ok = isinstance(value, list) and all(isinstance(v, inner) and not _is_bool_as_num(v, inner) for v in value)
    else:
        inner = _PY_TYPES[ptype]
        ok = isinstance(value, inner) and not _is_bool_as_num(value, inner)
    if not ok:
        raise SchemaError(f"{where}: property {prop!r} should be {ptype}, got {str(value)[:80]!r}")
    # Neo4j stores 64-bit integers only: refuse bigger ones here, so both backends refuse the same rows.
    if any(isinstance(v, int) and not isinstance(v, bool) and not _INT64[0] <= v <= _INT64[1]
           for v in (value if isinstance(value, list) else [value])):
        raise SchemaError(f"{where}: property {prop!r} is an integer beyond 64 bits, which Neo4j cannot store")


def _is_bool_as_num(value: Any, types: tuple[type, ...]) -> bool:
    return isinstance(value, bool) and bool not in types


def parse_schema(doc: dict[str, Any]) -> Schema:
    labels = {
        name: Label(
            name=name,
            prefix=spec.get("prefix"),
            key=tuple(spec.get("key", [])),
            description=spec.get("description", ""),
            properties=dict(spec.get("properties", {})),
            actor=bool(spec.get("actor", False)),
            abstract=bool(spec.get("abstract", False)),
        )
        for name, spec in doc["labels"].items()
    }
    rels = {
        name: RelType(
            name=name,
            from_labels=tuple(spec["from"]),
            to_labels=tuple(spec["to"]),
            key=tuple(spec.get("key", [])),
            description=spec.get("description", ""),
            actor_relationship=bool(spec.get("actor_relationship", False)),
        )
        for name, spec in doc["relationships"].items()
    }
    for rel in rels.values():
        for lab in rel.from_labels + rel.to_labels:
            if lab not in labels:
                raise SchemaError(f"relationship {rel.name} names unknown label {lab}")
    return Schema(
        labels=labels,
        relationships=rels,
        common_properties=dict(doc["common_properties"]),
        common_relationship_properties=dict(doc["common_relationship_properties"]),
        accumulating=tuple(doc.get("accumulating", [])),
        raw=doc,
    )


@functools.cache
def load_schema() -> Schema:
    """The product's schema (cached: it is data shipped with the package)."""
    text = resources.files("graph").joinpath("schema.yaml").read_text(encoding="utf-8")
    return parse_schema(yaml.safe_load(text))
