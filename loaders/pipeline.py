"""The load pipeline: every bundled source (and a coordinator's extra files) into one GraphBatch.

The whole batch is built and validated in memory before the store sees any of it, so a bad
document stops the load with a clear error and leaves the stored graph as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Iterator, Sequence

from armoedegraaf.errors import ArmoedegraafError, SourceError
from graph.model import GraphBatch, Node, Relationship, node_id
from loaders.enrich import add_overlap, add_passages, add_search_terms
from loaders.funds import add_funds
from loaders.lineage import DATA as LINEAGE, add_lineage
from loaders.protocol import LoadResult, Source, load_source
from loaders.report import LoadReport
from loaders.resolution.geography import build_geography
from loaders.resolution.resolve import Resolver
from loaders.resolution.verdict_hook import actor_verdicts, apply_same, forbidder
from loaders.sources import BUNDLED, EXTRA

DERIVED_RELATIONSHIPS = ("SIMILAR_TO",)  # computed by loaders.enrich from the whole graph, never merged


def source_batch(path: Path, source: Source) -> GraphBatch:
    """The Source node of one document (provenance: its first line)."""
    batch = GraphBatch()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    batch.add_node("Source", path.name, source=path.name, line=1, file=path.name,
                   name=source.title, title=source.title, sha256=digest)
    return batch


def build_graph(sources_dir: Path, extras: list[Path] | None = None,
                only: list[str] | None = None, overrides=None, verdicts: list | None = None,
                stored: dict | None = None, sources: Sequence[Source] = BUNDLED) -> LoadResult:
    """Parse and build every selected source; raise SourceError on an unreadable document.
    `overrides`: actor-merge overrides (loaders.resolution.resolve.Overrides); `verdicts` (graph/verdicts.py):
    the coordinator's actor merges ('same') and vetoes ('different'). With `stored` (a store's
    export), the result is that graph with the new batch on top, and its derived data recomputed
    over the whole of it. `sources`: the registry to load (loaders/sources.py), in its order."""
    batch, report = build_geography(), LoadReport()
    same, different = actor_verdicts(verdicts or [])
    # one for all sources: one actor, one node, across documents
    resolver = Resolver(overrides=overrides, forbid=forbidder(different))
    for source in sources:
        if only and source.key not in only:
            continue
        path = source.locate(sources_dir)
        with naming_the_file(path):
            batch.extend(source_batch(path, source))
            result = load_source(source, path, resolver, batch)
        batch.extend(result.batch)
        report.extend(result.report)
        report.name(path.name, source.title)
    for extra in extras or []:
        # A coordinator's own tables: their references name nodes of the batch so far, and their
        # names go through the shared resolver. Rejected rows are `row_error` warnings, not raised.
        with naming_the_file(Path(extra)):
            result = load_source(EXTRA, Path(extra), resolver, batch)
        batch.extend(result.batch)
        report.extend(result.report)
    apply_same(batch, same, report)
    add_known_relations(batch, resolver)
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
