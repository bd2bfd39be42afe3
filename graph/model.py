"""Graph records that loaders produce and stores write: nodes, relationships and a batch of both.

Ids are stable and readable: `<label prefix>:<slug of the key values>`, e.g. `grondrecht:05`,
`action:vapa-2015-2019:05_02_06`, `org:netwerk-tegen-armoede`. The same key gives the same id in
every load and every backend, which is what makes loads idempotent.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from armoedegraaf.errors import SchemaError
from graph.schema import Schema, load_schema


def slugify(text: str) -> str:
    """Lowercase ASCII slug: accents folded, '&' read as 'en', runs of other characters as '-'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.replace("&", " en ").lower()
    return re.sub(r"[^a-z0-9_]+", "-", folded).strip("-")


def fold_name(text: str) -> str:
    """A name as search compares it: accents folded, lowercase, '&' as 'en', spaces squeezed."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(folded.replace("&", " en ").split())


def node_id(label: str, *key_values: str, schema: Schema | None = None) -> str:
    lab = (schema or load_schema()).label(label)
    if not lab.prefix:
        raise SchemaError(f"label {label} has no id prefix")
    if len(key_values) != len(lab.key):
        raise SchemaError(f"{label} id needs key {lab.key}, got {key_values!r}")
    slug = ":".join(slugify(str(v)) for v in key_values)
    if not slug.strip(":"):
        raise SchemaError(f"{label} id from empty key {key_values!r}")
    return f"{lab.prefix}:{slug}"


@dataclass
class Node:
    id: str
    labels: tuple[str, ...]
    properties: dict[str, Any]

    def as_row(self) -> dict[str, Any]:
        return {"id": self.id, "props": {**self.properties, "id": self.id}}


@dataclass
class Relationship:
    type: str
    start: str
    end: str
    properties: dict[str, Any]

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.start, self.type, self.end, self.properties.get("key", ""))


def relationship_key(rel_type: str, props: dict[str, Any], schema: Schema | None = None) -> str:
    """The part of a relationship's identity beyond (start, type, end), from the schema's key."""
    rt = (schema or load_schema()).rel_type(rel_type)
    return "|".join(str(props.get(k, "")) for k in rt.key)


def merge_properties(old: dict[str, Any], new: dict[str, Any], accumulating: Iterable[str]) -> dict[str, Any]:
    """Meet a node again: scalars from `new` win, except provenance (first statement wins);
    accumulating lists become the union in first-seen order. Both stores apply this same rule."""
    merged = {**old, **new}
    for prop in ("source", "line"):
        if prop in old:
            merged[prop] = old[prop]
    for prop in accumulating:
        if prop in old or prop in new:
            merged[prop] = list(dict.fromkeys([*old.get(prop, []), *new.get(prop, [])]))
    return merged


def folded_key(folded_names: list[str]) -> str:
    """The folded names in one string, '|' around each: what Neo4j's text index on Actor answers
    `CONTAINS` from (a list property cannot be indexed), for find_actors."""
    return "|" + "|".join(folded_names) + "|"


@dataclass
class GraphBatch:
    """Nodes and relationships to be written together, deduplicated by identity."""

    nodes: dict[str, Node] = field(default_factory=dict)
    relationships: dict[tuple[str, str, str, str], Relationship] = field(default_factory=dict)

    def add_node(self, label: str, key: str | tuple[str, ...], *, source: str, line: int,
                 extra_labels: tuple[str, ...] = (), **props: Any) -> str:
        schema = load_schema()
        keys = key if isinstance(key, tuple) else (key,)
        nid = node_id(label, *keys, schema=schema)
        labels = (label, *extra_labels)
        if schema.label(label).actor and "Actor" not in labels:
            labels = (*labels, "Actor")
        clean = {k: v for k, v in props.items() if v is not None}
        clean.update(source=source, line=line)
        clean.setdefault("sources", [source])
        return self.put_node(Node(nid, labels, clean))

    def put_node(self, node: Node) -> str:
        existing = self.nodes.get(node.id)
        if existing is None:
            self.nodes[node.id] = node
        else:
            labels = tuple(dict.fromkeys(existing.labels + node.labels))
            existing.labels = labels
            existing.properties = merge_properties(existing.properties, node.properties, load_schema().accumulating)
        return node.id

    def add_relationship(self, rel_type: str, start: str, end: str, *, source: str, line: int, **props: Any) -> None:
        clean = {k: v for k, v in props.items() if v is not None}
        clean.update(source=source, line=line)
        clean["key"] = relationship_key(rel_type, clean)
        rel = Relationship(rel_type, start, end, clean)
        # The first statement of a relationship is its provenance; repeats add nothing.
        self.relationships.setdefault(rel.identity, rel)

    def extend(self, other: "GraphBatch") -> None:
        for node in other.nodes.values():
            self.put_node(Node(node.id, node.labels, dict(node.properties)))
        for rel in other.relationships.values():
            self.relationships.setdefault(rel.identity, rel)

    def finalise(self) -> None:
        """Derived properties, computed once the batch is complete: folded names for actor search."""
        for node in self.nodes.values():
            if "Actor" in node.labels:
                names = [node.properties.get("name") or "", *node.properties.get("names", [])]
                node.properties["folded_names"] = sorted({fold_name(n) for n in names if n})
                node.properties["folded_key"] = folded_key(node.properties["folded_names"])

    def validate(self, schema: Schema | None = None) -> None:
        """Raise SchemaError on the first node or relationship the schema does not allow."""
        schema = schema or load_schema()
        for node in self.nodes.values():
            with _citing(node.properties):
                schema.validate_node(node.id, node.labels, node.properties)
        for rel in self.relationships.values():
            with _citing(rel.properties):
                for end in (rel.start, rel.end):
                    if end not in self.nodes:
                        raise SchemaError(f"relationship {rel.type} {rel.start}->{rel.end}: no node {end}")
                schema.validate_relationship(
                    rel.type, self.nodes[rel.start].labels, self.nodes[rel.end].labels, rel.properties
                )


@contextlib.contextmanager
def _citing(props: dict[str, Any]) -> Iterator[None]:
    """A schema error names the source file and line the offending record came from."""
    try:
        yield
    except SchemaError as exc:
        source, line = props.get("source"), props.get("line")
        if not source:
            raise
        where = f"{source}:{line}" if isinstance(line, int) and not isinstance(line, bool) else str(source)
        raise SchemaError(f"{str(where)[:200]}: {exc}") from None
