"""Shared graph steps of the loaders of the small local sources (000 local teams, 001 handbook,
003 Opgroeien plan): curated facts and their evidence check, actors through the resolver, places
through the geography.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from armoedegraaf.errors import SourceError
from graph.model import GraphBatch
from loaders.resolution.actor_nodes import add_actor
from loaders.report import LoadReport
from loaders.resolution.resolve import Resolver
from loaders.resolution.geography import default_geography


class ResolverLike(Protocol):
    """loaders.resolution.resolve.Resolver."""
    def resolve(self, as_written: str, *, role: str, source: str | None = None, line: int | None = None): ...


class GeographyLike(Protocol):
    """loaders.resolution.geography.Geography: `lookup` gives Municipality(name, province, region) or None."""
    def lookup(self, name: str | None): ...

    def province_of(self, name: str): ...


@dataclass(frozen=True)
class Fact:
    """One statement of a source: a name as written, where, and the words that show it."""
    as_written: str
    file: str
    line: int
    evidence: str
    name: str | None = None  # the actor's full name where the source writes a generic form
    official: str | None = None  # a municipality's official name where the source names a district
    note: str | None = None

    @property
    def lookup(self) -> str:
        return self.name or self.as_written


def check_evidence(fact_file: str, line: int, evidence: str, raw_lines: list[str], file: str) -> None:
    """A curated fact must cite this file, and its evidence must stand on the cited line."""
    if fact_file != file:
        raise SourceError(f"curated fact cites {fact_file}, not this source", file=file, line=line)
    if not 1 <= line <= len(raw_lines) or evidence not in raw_lines[line - 1]:
        raise SourceError(f"curated evidence {evidence!r} is not on this line", file=file, line=line)


def services(resolver: ResolverLike | None, geography: GeographyLike | None) -> tuple[ResolverLike, GeographyLike]:
    """The injected resolver and geography, or the product's own when none is given."""
    if resolver is None:
        resolver = Resolver()
    if geography is None:
        geography = default_geography()
    return resolver, geography


def resolve_actor(batch: GraphBatch, resolver: ResolverLike, fact: Fact, report: LoadReport) -> str | None:
    """The node of the actor a fact names; None (with a warning) when it names no single actor."""
    res = resolver.resolve(fact.lookup, role="other", source=fact.file, line=fact.line)
    if res is None:
        report.warn(fact.file, fact.line, "unresolved_name", f"{fact.as_written!r} names no single actor")
        return None
    return add_actor(batch, res, source=fact.file, line=fact.line, as_written=fact.as_written)


def link_actor(batch: GraphBatch, resolver: ResolverLike, fact: Fact, rel: str, target: str,
               report: LoadReport, **props: Any) -> str | None:
    """Resolve an actor fact and draw `rel` from it to `target` (with as_written and the fact's note)."""
    nid = resolve_actor(batch, resolver, fact, report)
    if nid is not None:
        batch.add_relationship(rel, nid, target, source=fact.file, line=fact.line, as_written=fact.as_written,
                               note=fact.note, **props)
    return nid


def municipality_node(batch: GraphBatch, geography: GeographyLike, fact: Fact, report: LoadReport) -> str | None:
    """The Municipality node a place fact names (by its official name), or None with a warning."""
    found = geography.lookup(fact.as_written)
    if found is None and fact.official:
        found = geography.lookup(fact.official)
    if found is None:
        report.warn(fact.file, fact.line, "unknown_municipality", f"{fact.as_written!r} is no known municipality")
        return None
    return batch.add_node("Municipality", found.name, source=fact.file, line=fact.line, name=found.name)
