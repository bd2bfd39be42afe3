"""docs/schema.md, rendered from graph/schema.yaml (a test keeps the committed file current)."""

from __future__ import annotations

from graph.schema import Schema


def render_markdown(schema: Schema) -> str:
    out = ["# The armoedegraaf graph schema", "",
           "Generated from `graph/schema.yaml` by `armoedegraaf schema`; do not edit by hand.", "",
           "Every node has `id`, `name`, `source`, `line` (provenance) and may have `names` and `sources`",
           "(accumulated when a node is met again). Every relationship has `source`, `line` and `key`;",
           "actor relationships also `as_written`.", "", "## Labels", "",
           "| label | id | key | actor | properties | description |", "| --- | --- | --- | --- | --- | --- |"]
    for lab in schema.labels.values():
        props = ", ".join(f"`{p}` {t}" for p, t in lab.properties.items())
        ident = f"`{lab.prefix}:…`" if lab.prefix else "(abstract)"
        out.append(f"| {lab.name} | {ident} | {', '.join(lab.key)} | {'yes' if lab.actor else ''} | {props} | "
                   f"{lab.description} |")
    out += ["", "## Relationship types", "", "| type | from | to | key | description |",
            "| --- | --- | --- | --- | --- |"]
    for rel in schema.relationships.values():
        out.append(f"| {rel.name} | {', '.join(rel.from_labels)} | {', '.join(rel.to_labels)} | "
                   f"{', '.join(rel.key)} | {rel.description} |")
    out += ["", "## Relationship properties", ""]
    out += [f"- `{p}`: {t}" for p, t in schema.common_relationship_properties.items()]
    return "\n".join(out) + "\n"
