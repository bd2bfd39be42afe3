"""The load's side of the coordinator's actor verdicts (graph/verdicts.py).

Two effects, kept out of the resolver's logic: a pair judged 'different' is never fuzzy-merged
again (the resolver asks `forbid`), and a pair judged 'same' is merged into one node once the batch
is built (`apply_same`): the second actor's relationships move to the first, its names join the
first's. The verdicts themselves are only read here, never written.
"""

from __future__ import annotations

from typing import Callable, Iterable

from graph.model import GraphBatch, Node, Relationship, node_id, relationship_key
from graph.verdicts import Verdict, latest
from loaders.resolution.names import normalise
from loaders.resolution.alias_table import Actor
from loaders.report import LoadReport
from loaders.resolution.resolve import _guess_label


def actor_verdicts(verdicts: Iterable[Verdict]) -> tuple[list[tuple[str, str]], set[frozenset[str]]]:
    """The verdicts in force on actor merges: (same pairs, different pairs)."""
    same, different = [], set()
    for v in latest(verdicts).values():
        if v.kind != "merge":
            continue
        if v.verdict == "same":
            same.append((v.a, v.b))
        else:
            different.add(frozenset((_subject(v.a), _subject(v.b))))
    return same, different


def _subject(text: str) -> str:
    """An actor id stays itself; a name as written is compared normalised."""
    return text if ":" in text else f"name:{normalise(text)}"


def forbidder(different: set[frozenset[str]]) -> Callable[[str, str, Actor], bool] | None:
    """The resolver's `forbid` check: is (name as written, fuzzy hit) a pair judged different?"""
    if not different:
        return None

    def forbid(written: str, role: str, actor: Actor) -> bool:
        target = node_id(actor.label, actor.key)
        own = {f"name:{normalise(written)}"}
        try:
            own.add(node_id(_guess_label(written, role), normalise(written) or written))
        except Exception:  # a name that makes no id can still be judged by name
            pass
        return any(frozenset((o, target)) in different for o in own)

    return forbid


def apply_same(batch: GraphBatch, same: list[tuple[str, str]], report: LoadReport) -> None:
    """Merge each judged-same pair (b into a) in the batch; a pair whose actors the load did not
    meet is reported, not guessed at."""
    for a, b in same:
        if a not in batch.nodes or b not in batch.nodes:
            report.warn("", 0, "verdict_not_applied", f"merge verdict {a} = {b}: the load has no node "
                        f"{a if a not in batch.nodes else b}")
            continue
        _merge(batch, a, b)
        report.count("verdict_merges")


def _merge(batch: GraphBatch, keep: str, gone: str) -> None:
    old = batch.nodes.pop(gone)
    names = [old.properties.get("name"), *old.properties.get("names", [])]
    batch.put_node(Node(keep, batch.nodes[keep].labels,
                        {"names": [n for n in names if n], "source": old.properties["source"],
                         "line": old.properties["line"], "sources": old.properties.get("sources", [])}))
    moved = [r for k, r in list(batch.relationships.items()) if gone in (r.start, r.end)]
    for rel in moved:
        del batch.relationships[rel.identity]
        start, end = (keep if x == gone else x for x in (rel.start, rel.end))
        if start == end:
            continue  # a relationship between the two merged actors dissolves
        props = dict(rel.properties)
        props["key"] = relationship_key(rel.type, props)
        new = Relationship(rel.type, start, end, props)
        batch.relationships.setdefault(new.identity, new)
