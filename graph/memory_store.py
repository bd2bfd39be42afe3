"""The embedded default store: a networkx MultiDiGraph, persisted as one JSON file.

Node attributes are the node's properties plus `labels` (a tuple); edge keys are
`TYPE|key`, edge attributes the relationship's properties plus `type`. The file is replaced
atomically (write to a temporary file, then rename), so a failed write leaves the old graph whole.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from armoedegraaf.errors import StoreError
from graph.export import sort_export
from graph.model import GraphBatch, merge_properties
from graph.queries.registry import Query
from graph.schema import load_schema
from graph.store import SharedReads, new_version

GRAPH_FILE = "graph.json"
TEMP_PREFIX = ".graph-"
STALE_AFTER_S = 3600  # a temp file this old belongs to a load that was killed (a live one takes seconds)


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """The temp files of killed loads (kill -9 skips every cleanup); young ones may be a load
    running right now, in another process, and stay."""
    removed = []
    now = time.time()
    for tmp in folder.glob(f"{TEMP_PREFIX}*.json"):
        try:
            if now - tmp.stat().st_mtime > STALE_AFTER_S:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible on every platform, harmless to skip there."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_graph(path: Path) -> nx.MultiDiGraph:
    """The persisted graph; StoreError naming the file when it is unreadable or not a graph export."""
    fix = "run `armoedegraaf load --fresh` to rebuild it"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: cannot read the embedded graph ({type(exc).__name__}); {fix}") from exc
    try:
        return graph_from_export(doc)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise StoreError(f"{path}: not a graph of armoedegraaf (bad shape: {type(exc).__name__} "
                         f"{str(exc)[:80]}); {fix}") from exc


class MemoryStore(SharedReads):
    backend = "memory"

    def __init__(self, graph: nx.MultiDiGraph | None = None, path: Path | None = None):
        self.graph = graph if graph is not None else nx.MultiDiGraph()
        self.path = path
        self._mtime = path.stat().st_mtime_ns if path is not None and path.exists() else None
        self._version = new_version()  # a new one whenever the graph changes: answers cached for a version hold

    @classmethod
    def open(cls, data_dir: Path | None) -> "MemoryStore":
        """Open the graph persisted in data_dir (empty if none yet); None keeps it in memory only."""
        if data_dir is None:
            return cls()
        if Path(data_dir).exists() and not Path(data_dir).is_dir():
            raise StoreError(f"{data_dir}: the data folder (--data-dir, ARMOEDEGRAAF_DATA_DIR) is a file, not a folder")
        path = Path(data_dir) / GRAPH_FILE
        store = cls(path=path)
        if path.exists():
            store.graph = read_graph(path)
        return store

    # -- writes -------------------------------------------------------------------------------
    def write(self, batch: GraphBatch) -> None:
        batch.validate()
        work = self.graph.copy()
        apply_batch(work, batch)
        self._commit(work)

    def replace(self, batch: GraphBatch) -> None:
        batch.validate()
        work = nx.MultiDiGraph()
        apply_batch(work, batch)
        self._commit(work)

    def clear(self) -> None:
        self._commit(nx.MultiDiGraph())

    def _commit(self, work: nx.MultiDiGraph) -> None:
        if self.path is not None:
            try:
                self._persist(work)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot write the embedded graph ({exc.strerror or exc}); "
                                 "the stored graph is unchanged") from exc
        self.graph = work
        self._version = new_version()

    def _persist(self, work: nx.MultiDiGraph) -> None:
        """Write to a temporary file, fsync, then rename over the graph: a crash or a full disk
        leaves the old file whole, and the temporary file is removed on any failure."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(self.path.parent)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=TEMP_PREFIX, suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(export_graph(work), fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(self.path.parent)
        self._mtime = self.path.stat().st_mtime_ns

    # -- reads --------------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return self._version

    def export(self) -> dict[str, list[dict[str, Any]]]:
        return export_graph(self.graph)

    def run(self, query: Query, **params: Any) -> list[dict[str, Any]]:
        return query.memory(self.graph, **params)

    def refresh(self) -> None:
        """Reread the persisted graph if another process (`armoedegraaf load`) replaced it."""
        if self.path is None or not self.path.exists():
            return
        mtime = self.path.stat().st_mtime_ns
        if mtime != self._mtime:
            self.graph, self._mtime = read_graph(self.path), mtime
            self._version = new_version()

    def ping(self) -> str:
        return f"networkx {nx.__version__}"

    def close(self) -> None:
        pass


def apply_batch(graph: nx.MultiDiGraph, batch: GraphBatch) -> None:
    accumulating = load_schema().accumulating
    for node in batch.nodes.values():
        props = {**node.properties, "id": node.id}
        if graph.has_node(node.id):
            attrs = graph.nodes[node.id]
            old = {k: v for k, v in attrs.items() if k != "labels"}
            labels = tuple(sorted(set(attrs["labels"]) | set(node.labels)))
            attrs.clear()
            attrs.update(merge_properties(old, props, accumulating), labels=labels)
        else:
            graph.add_node(node.id, labels=tuple(sorted(node.labels)), **_copy(props))
    for rel in batch.relationships.values():
        _put_edge(graph, rel.start, rel.end, rel.type, _copy(rel.properties))


def _copy(props: dict[str, Any]) -> dict[str, Any]:
    """Property values are scalars or lists of scalars (the schema allows no more): copy the lists
    so the stored graph never shares them with a batch."""
    return {k: list(v) if isinstance(v, list) else v for k, v in props.items()}


def export_graph(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    nodes = [
        {
            "id": nid,
            "labels": list(attrs["labels"]),
            "properties": _copy({k: v for k, v in attrs.items() if k not in ("labels", "id")}),
        }
        for nid, attrs in graph.nodes(data=True)
    ]
    rels = [
        {
            "type": attrs["type"],
            "start": start,
            "end": end,
            "properties": _copy({k: v for k, v in attrs.items() if k != "type"}),
        }
        for start, end, attrs in graph.edges(data=True)
    ]
    return sort_export(nodes, rels)


def check_export_shape(doc: Any) -> None:
    """ValueError unless doc is {nodes, relationships} of schema labels and types, as export_graph writes."""
    schema = load_schema()
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list) \
            or not isinstance(doc.get("relationships"), list):
        raise ValueError('expected {"nodes": [...], "relationships": [...]}')
    ids = set()
    for node in doc["nodes"]:
        if not (isinstance(node, dict) and isinstance(node.get("id"), str) and isinstance(node.get("properties"), dict)
                and isinstance(node.get("labels"), list) and node["labels"]
                and all(isinstance(lab, str) and lab in schema.labels for lab in node["labels"])):
            raise ValueError(f"a node of another shape: {str(node)[:80]}")
        ids.add(node["id"])
    for rel in doc["relationships"]:
        if not (isinstance(rel, dict) and rel.get("type") in schema.relationships and rel.get("start") in ids
                and rel.get("end") in ids and isinstance(rel.get("properties"), dict)
                and isinstance(rel["properties"].get("key", ""), str)):
            raise ValueError(f"a relationship of another shape: {str(rel)[:80]}")


def graph_from_export(doc: dict[str, Any]) -> nx.MultiDiGraph:
    check_export_shape(doc)
    graph = nx.MultiDiGraph()
    for node in doc["nodes"]:
        graph.add_node(node["id"], labels=tuple(node["labels"]), id=node["id"], **node["properties"])
    for rel in doc["relationships"]:
        _put_edge(graph, rel["start"], rel["end"], rel["type"], rel["properties"])
    return graph


def _put_edge(graph: nx.MultiDiGraph, start: str, end: str, rel_type: str, props: dict[str, Any]) -> None:
    """Set the relationship (start, type, end, key) to exactly these properties."""
    # The relationship's own `key` property would clash with networkx's edge-key argument.
    edge_key = f"{rel_type}|{props.get('key', '')}"
    graph.add_edge(start, end, key=edge_key)
    attrs = graph.edges[start, end, edge_key]
    attrs.clear()
    attrs.update(props, type=rel_type)
