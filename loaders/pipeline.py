"""The load pipeline: every bundled source (and a coordinator's extra files) into one GraphBatch.

The whole batch is built and validated in memory before the store sees any of it, so a bad
document stops the load with a clear error and leaves the stored graph as it was.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from armoedegraaf.errors import SourceError
from graph.model import GraphBatch
from loaders.enrich import add_overlap, add_passages, add_search_terms
from loaders.report import LoadReport

# The bundled documents by their number prefix; titles for the Source nodes.
SOURCE_TITLES = {
    "000": "Schriftelijke vraag: bestrijding kinderarmoede - lokale teams (Opgroeien)",
    "001": "Handboek 'Elk kind telt': lokale projecten tegen kinderarmoede",
    "002": "KPMG-studie van de lokale overlegplatforms kinderarmoede (2014-2015)",
    "003": "Opgroeien: armoedeplan 2025 en VAPA-planning",
    "004": "Vlaams Actieplan Armoedebestrijding 2015-2019: volledig overzicht van alle acties",
}


@dataclass
class LoadResult:
    batch: GraphBatch
    report: LoadReport


def find_source(sources_dir: Path, prefix: str) -> Path:
    matches = sorted(Path(sources_dir).glob(f"{prefix}_*.txt"))
    if not matches:
        raise SourceError(f"no source document {prefix}_*.txt in {sources_dir}", file=str(sources_dir))
    return matches[0]


def source_batch(path: Path, prefix: str) -> GraphBatch:
    """The Source node of one document (provenance: its first line)."""
    batch = GraphBatch()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    batch.add_node("Source", path.name, source=path.name, line=1, file=path.name,
                   name=SOURCE_TITLES.get(prefix, path.name), title=SOURCE_TITLES.get(prefix, path.name),
                   sha256=digest)
    return batch


def build_graph(sources_dir: Path, extras: list[Path] | None = None,
                only: list[str] | None = None) -> LoadResult:
    """Parse and build every selected source; raise SourceError on an unreadable document."""
    from loaders.geography import build_geography
    from loaders.handbook import load_handbook
    from loaders.local_teams import load_local_teams
    from loaders.opgroeien_plan import load_opgroeien_plan
    from loaders.platforms_build import load_platforms
    from loaders.resolve import Resolver
    from loaders.vapa_graph import load_vapa

    # 004 first: the plan's grondrechten and actors are what the local sources link to.
    steps: dict[str, Callable[[Path, Resolver], LoadResult]] = {
        "004": load_vapa, "002": load_platforms, "000": load_local_teams, "001": load_handbook,
        "003": load_opgroeien_plan}
    batch, report = build_geography(), LoadReport()
    resolver = Resolver()  # one for all sources: one actor, one node, across documents
    for prefix, step in steps.items():
        if only and prefix not in only:
            continue
        path = find_source(sources_dir, prefix)
        batch.extend(source_batch(path, prefix))
        result = step(path, resolver)
        batch.extend(result.batch)
        report.extend(result.report)
    for extra in extras or []:
        # A coordinator's own tables: their references name nodes of the batch so far, and their
        # names go through the shared resolver. Rejected rows are `row_error` warnings, not raised.
        from loaders.tabular import load_extra

        result = load_extra(Path(extra), resolver, batch)
        batch.extend(result.batch)
        report.extend(result.report)
    add_known_relations(batch, resolver)
    add_search_terms(batch)
    add_overlap(batch, report)
    add_passages(batch, [Path(sources_dir), *(Path(e).parent for e in extras or [])])
    resolver.report(into=report)
    batch.finalise()  # the store validates the batch against the schema before writing any of it
    report.count("nodes", len(batch.nodes))
    report.count("relationships", len(batch.relationships))
    return LoadResult(batch, report)


def load_into(store, sources_dir: Path, extras: list[Path] | None = None,
              only: list[str] | None = None, fresh: bool = False) -> LoadResult:
    """Build the graph from the sources and write it to the store in one transaction."""
    result = build_graph(Path(sources_dir), extras, only)
    (store.replace if fresh else store.write)(result.batch)
    return result


def add_known_relations(batch: GraphBatch, resolver) -> None:
    """The alias table's known relations between actors (Kind en Gezin SUCCEEDED_BY Opgroeien, ...),
    each with the source line that supports it; only between actors the load has met."""
    from graph.model import node_id

    for rel in resolver.table.relations:
        start, end = (resolver.table.actors[rel[k]] for k in ("from", "to"))
        ids = [node_id(a.label, a.key) for a in (start, end)]
        if all(i in batch.nodes for i in ids):
            batch.add_relationship(rel["type"], ids[0], ids[1], source=rel["source"], line=int(rel["line"]),
                                   note=str(rel.get("evidence", ""))[:500] or None)
