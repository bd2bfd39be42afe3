"""The load pipeline: every bundled source (and a coordinator's extra files) into one GraphBatch.

The whole batch is built and validated in memory before the store sees any of it, so a bad
document stops the load with a clear error and leaves the stored graph as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from armoedegraaf.errors import ArmoedegraafError, SourceError
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


DERIVED_RELATIONSHIPS = ("SIMILAR_TO",)  # computed by loaders.enrich from the whole graph, never merged


@dataclass
class LoadResult:
    batch: GraphBatch
    report: LoadReport
    resolver: object | None = None  # loaders.resolve.Resolver of a whole load: its merge report


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
                only: list[str] | None = None, overrides=None, verdicts: list | None = None,
                stored: dict | None = None) -> LoadResult:
    """Parse and build every selected source; raise SourceError on an unreadable document.
    `overrides`: actor-merge overrides (loaders.resolve.Overrides); `verdicts` (graph/verdicts.py):
    the coordinator's actor merges ('same') and vetoes ('different'). With `stored` (a store's
    export), the result is that graph with the new batch on top, and its derived data recomputed
    over the whole of it."""
    from loaders.geography import build_geography
    from loaders.handbook import load_handbook
    from loaders.local_teams import load_local_teams
    from loaders.opgroeien_plan import load_opgroeien_plan
    from loaders.platforms_build import load_platforms
    from loaders.resolve import Resolver
    from loaders.vapa_graph import load_vapa
    from loaders.verdict_hook import actor_verdicts, apply_same, forbidder

    # 004 first: the plan's grondrechten and actors are what the local sources link to.
    steps: dict[str, Callable[[Path, Resolver], LoadResult]] = {
        "004": load_vapa, "002": load_platforms, "000": load_local_teams, "001": load_handbook,
        "003": load_opgroeien_plan}
    batch, report = build_geography(), LoadReport()
    same, different = actor_verdicts(verdicts or [])
    # one for all sources: one actor, one node, across documents
    resolver = Resolver(overrides=overrides, forbid=forbidder(different))
    for prefix, step in steps.items():
        if only and prefix not in only:
            continue
        path = find_source(sources_dir, prefix)
        with naming_the_file(path):
            batch.extend(source_batch(path, prefix))
            result = step(path, resolver)
        batch.extend(result.batch)
        report.extend(result.report)
    for extra in extras or []:
        # A coordinator's own tables: their references name nodes of the batch so far, and their
        # names go through the shared resolver. Rejected rows are `row_error` warnings, not raised.
        from loaders.tabular import load_extra

        with naming_the_file(Path(extra)):
            result = load_extra(Path(extra), resolver, batch)
        batch.extend(result.batch)
        report.extend(result.report)
    apply_same(batch, same, report)
    add_known_relations(batch, resolver)
    from loaders.funds import add_funds
    from loaders.lineage import add_lineage

    add_funds(batch, resolver, report)
    if stored is not None:
        batch = merged_with_stored(stored, batch)
    add_lineage(batch, report)  # over the whole graph, like the other derived data
    add_actor_kinds(batch)
    add_search_terms(batch)
    add_overlap(batch, report)
    add_passages(batch, [Path(sources_dir), *(Path(e).parent for e in extras or [])])
    resolver.report(into=report)
    batch.finalise()  # the store validates the batch against the schema before writing any of it
    report.count("nodes", len(batch.nodes))
    report.count("relationships", len(batch.relationships))
    return LoadResult(batch, report, resolver)


@contextlib.contextmanager
def naming_the_file(path: Path) -> Iterator[None]:
    """Every failure while reading one document names it: our SourceErrors get the file when they
    lack it, and anything unexpected (a parser meeting a document of another shape) becomes one."""
    try:
        yield
    except SourceError as exc:
        if exc.file:
            raise
        raise SourceError(str(exc), file=path.name, line=exc.line) from exc
    except ArmoedegraafError:
        raise
    except RecursionError as exc:
        raise SourceError("a text too deeply nested or too long to analyse", file=path.name) from exc
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, StopIteration, LookupError,
            OverflowError, ArithmeticError) as exc:
        raise SourceError(f"cannot parse the document ({type(exc).__name__}: {str(exc)[:200]}); it does "
                          "not have the structure of this source", file=path.name) from exc
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", file=path.name) from exc


def load_into(store, sources_dir: Path, extras: list[Path] | None = None,
              only: list[str] | None = None, fresh: bool = False, overrides=None,
              verdicts: list | None = None) -> LoadResult:
    """Build the graph from the sources and write it to the store in one transaction.

    Derived data (search terms, SIMILAR_TO edges) describes the whole graph, so it is recomputed
    over the stored graph plus the new batch, and the store replaced with the result: a partial
    load (`--only 004`) followed by a full one gives what a fresh full load gives."""
    result = build_graph(Path(sources_dir), extras, only, overrides, verdicts,
                         stored=None if fresh else store.export())
    store.replace(result.batch)
    return result


def merged_with_stored(stored: dict, batch: GraphBatch) -> GraphBatch:
    """The stored graph with `batch` on top, merged as the stores merge a write (graph.model's
    merge_properties for nodes; a relationship written again takes its new properties), without
    the derived relationships, which the caller recomputes."""
    from graph.model import Node, Relationship

    from loaders.lineage import DATA as LINEAGE

    merged, dropped = GraphBatch(), set()
    for node in stored["nodes"]:
        props = node["properties"]
        if set(props.get("sources") or [props.get("source")]) <= {LINEAGE}:
            dropped.add(node["id"])  # met by no document, only by the lineage file: derived again below
            continue
        merged.nodes[node["id"]] = Node(node["id"], tuple(node["labels"]), dict(props))
    for rel in stored["relationships"]:
        if rel["type"] not in DERIVED_RELATIONSHIPS and rel["properties"].get("source") != LINEAGE \
                and not dropped & {rel["start"], rel["end"]}:
            r = Relationship(rel["type"], rel["start"], rel["end"], dict(rel["properties"]))
            merged.relationships[r.identity] = r
    for node in batch.nodes.values():
        merged.put_node(Node(node.id, node.labels, dict(node.properties)))
    merged.relationships.update(batch.relationships)
    return merged


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


def add_actor_kinds(batch: GraphBatch) -> None:
    """Every actor's kind: 'category' where a loader marked it a sector or kind of body (the abstract
    Category label), else 'organisation', one named body."""
    for node in batch.nodes.values():
        if "Actor" in node.labels:
            node.properties["kind"] = "category" if "Category" in node.labels else "organisation"
