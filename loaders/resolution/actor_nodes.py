"""The node of a resolved actor, shared by every loader that links actors: one node per real actor
(the resolver's key), PART_OF its parent, with each spelling a source uses kept in `names`, its kind
(a named organisation or a category, with the abstract Category label) and, for a local actor of a
pattern, INSTANCE_OF / MEMBER_OF the category or network its name says it belongs to."""

from __future__ import annotations

from graph.model import GraphBatch
from loaders.resolution.resolve import Resolution


def add_actor(batch: GraphBatch, res: Resolution, as_written: str, source: str, line: int,
              kind: str | None = None, kind_evidence: str | None = None) -> str:
    """The node of a resolved actor (and its parents, PART_OF), with the spelling met here. `kind`
    overrides the resolver's kind where the source shows it ('bv.' examples are categories)."""
    names = list(dict.fromkeys([res.name, " ".join(as_written.split())]))
    kind = kind or res.kind
    extra = ("Category",) if kind == "category" else ()
    actor = batch.add_node(res.label, res.key, source=source, line=line, extra_labels=extra, name=res.name,
                           names=names, kind_evidence=kind_evidence)  # `kind` itself: pipeline.add_actor_kinds
    if res.parent is not None:
        parent = add_actor(batch, res.parent, res.parent.name, source, line)
        batch.add_relationship("PART_OF", actor, parent, source=source, line=line)
    if res.link is not None:
        rel, of = res.link
        category = add_actor(batch, of, of.name, source, line)
        batch.add_relationship(rel, actor, category, source=source, line=line, method="name",
                               note=f"{res.name!r}: its name makes it one of {of.name!r}")
    return actor
