"""The node of a resolved actor, shared by every loader that links actors: one node per real actor
(the resolver's key), PART_OF its parent, with each spelling a source uses kept in `names`."""

from __future__ import annotations

from graph.model import GraphBatch
from loaders.resolve import Resolution


def add_actor(batch: GraphBatch, res: Resolution, as_written: str, source: str, line: int) -> str:
    """The node of a resolved actor (and its parents, PART_OF), with the spelling met here."""
    names = list(dict.fromkeys([res.name, " ".join(as_written.split())]))
    actor = batch.add_node(res.label, res.key, source=source, line=line, name=res.name, names=names)
    if res.parent is not None:
        parent = add_actor(batch, res.parent, res.parent.name, source, line)
        batch.add_relationship("PART_OF", actor, parent, source=source, line=line)
    return actor
