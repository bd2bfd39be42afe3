"""Build the graph of a sociale-kaart document on top of the bundled sources' batch.

Each row is checked completely (names resolved, references found, the schema asked) before it
adds anything, so a rejected row leaves no trace. Rows are built table by table: organisations and
platforms first (their names become referable), then actions, then partnerships; the relationships
a node row implies (LOCATED_IN from `municipality`, an action's PART_OF and TARGETS) come last, so
that a partnerships row stating the same relationship with its own provenance is the one kept.

A row about a node that exists already adds to it: its spellings join `names`, its file joins
`sources`, its properties are set; the node's display name and first provenance stay.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any, Iterable

from armoedegraaf.errors import RowError, SchemaError
from graph.model import GraphBatch, Node, Relationship, fold_name, node_id, relationship_key
from graph.schema import load_schema
from loaders.resolution.geography import build_geography, lookup_municipality
from loaders.report import LoadReport
from loaders.resolution.resolve import Resolution, Resolver
from loaders.sociale_kaart.format import ID_PATTERN, Record, columns, label_of_id

# The resolver knows these labels; a Platform or LocalTeam row is keyed on its name as written.
_RESOLVED = ("Cabinet", "Administration", "Organisation", "HuisVanHetKind")
_ROLE_OF_TYPE = {"Cabinet": "cabinet", "Administration": "administration"}
ACTORS_ROLE = "other"  # the role of an action's `actors` (INVOLVED_IN)


class Rejected(Exception):
    """A row that cannot load, with every reason found."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def _unique(items: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


class ExtraBuilder:
    def __init__(self, doc, resolver: Resolver, base: GraphBatch):
        self.doc, self.resolver, self.base = doc, resolver, base
        self.batch, self.report = GraphBatch(), LoadReport()
        self.refs = References(self)
        self.implied: list[tuple[str, str, str, Record, dict[str, Any]]] = []
        self.failed: Counter = Counter()
        self.actions: dict[str, int] = {}  # action id -> row, to catch two spellings of one plan

    def node(self, nid: str) -> Node | None:
        """The node as the graph knows it so far: the bundled sources' version first (a row
        about an existing node only adds to it), else this document's."""
        return self.base.nodes.get(nid) or self.batch.nodes.get(nid)

    def error(self, rec: Record, column: str | None, message: str) -> RowError:
        return RowError(message, file=rec.file, row=rec.row, column=column)

    def build(self) -> GraphBatch:
        steps = (("organisations", self._organisation), ("platforms", self._platform),
                 ("actions", self._action), ("partnerships", self._partnership))
        for table, step in steps:
            for rec in self.doc.records.get(table, []):
                try:
                    step(rec)
                except Rejected as rejected:
                    self.doc.errors.extend(rejected.errors)
                    self.failed[table] += 1
        for rel_type, start, end, rec, props in self.implied:
            self.batch.add_relationship(rel_type, start, end, source=rec.source, line=rec.line, **props)
        return self.batch

    # -- nodes -----------------------------------------------------------------------------------

    def _put(self, label: str, key: str | tuple[str, ...], rec: Record, display: str, spellings: list[str],
             sources: list[str] | None = None, **props: Any) -> str:
        """Add or extend a node. A new node is named `display`; an existing one keeps its name and
        gains the row's other spellings."""
        keys = key if isinstance(key, tuple) else (key,)
        existing = self.node(node_id(label, *keys))
        if existing is None:
            names, props["name"] = _unique([display, *spellings]), display
        else:
            names = [s for s in _unique(spellings) if s != existing.properties.get("name")]
        return self.batch.add_node(label, key, source=rec.source, line=rec.line,
                                   sources=_unique([rec.source, *(sources or [])]), names=names or None, **props)

    def _organisation(self, rec: Record) -> None:
        v = rec.values
        name, wanted = v["name"], v.get("type")
        res = None
        if "id" in v:
            label, key = label_of_id(v["id"]), v["id"].split(":", 1)[1]
            if wanted and wanted != label:
                raise Rejected([self.error(rec, "type", f"type {wanted} does not match the id {v['id']} "
                                                         f"(a {label})")])
        elif wanted in _RESOLVED or wanted is None:
            res = self._resolve(rec, name, wanted)
            label, key = res.label, res.key
        else:  # Platform, LocalTeam: the resolver does not know them; the name is the key
            label, key = wanted, name
        aid = self._put(label, key, rec, res.name if res else name, [name, *v.get("aliases", [])], rec.sources)
        parent, child = (res.parent if res else None), aid
        while parent is not None:  # 'Afdeling X van Agentschap Y': the unit is PART_OF its parent
            pid = self._put(parent.label, parent.key, rec, parent.name, [])
            self.implied.append(("PART_OF", child, pid, rec, {}))
            parent, child = parent.parent, pid
        self._located(aid, rec)
        self.refs.add_names(aid, [name, res.name if res else None, *v.get("aliases", [])])

    def _resolve(self, rec: Record, name: str, wanted: str | None) -> Resolution:
        res = self.resolver.resolve(name, role=_ROLE_OF_TYPE.get(wanted or "", "other"), source=rec.source,
                                    line=rec.line)
        if res is None:
            raise Rejected([self.error(rec, "name", f"{name!r} names no single actor (a placeholder such as "
                                                    "'nvt' or a group such as 'alle kabinetten')")])
        if wanted and res.label != wanted:
            if res.method == "new":  # a name nobody knew: the coordinator's type decides
                return dataclasses.replace(res, label=wanted)
            self.report.warn(rec.file, rec.row, "type_differs",
                             f"{name!r} is the known {res.label} {res.name!r}; kept as {res.label}, not {wanted}")
        return res

    def _located(self, nid: str, rec: Record) -> None:
        place = rec.values.get("municipality")
        if not place:
            return
        mid = node_id("Municipality", place)
        if self.node(mid) is None:
            self.batch.extend(build_geography(only={place}))
        self.implied.append(("LOCATED_IN", nid, mid, rec, {}))

    def _platform(self, rec: Record) -> None:
        v = rec.values
        key = v["id"].split(":", 1)[1] if "id" in v else v["name"]
        platform_props = load_schema().label("Platform").properties
        props = {c.name: v[c.name] for c in columns("platforms") if c.name in platform_props and c.name in v}
        if "municipality" in v:
            place = lookup_municipality(v["municipality"])
            props.update(province=place.province, region=place.region)
        pid = self._put("Platform", key, rec, v["name"], [v["name"], *v.get("aliases", [])], rec.sources, **props)
        self._located(pid, rec)
        self.refs.add_names(pid, [v["name"], *v.get("aliases", [])])

    def _plan(self, text: str) -> str:
        """The plan's name: an existing plan's own (by id or by name), else the text."""
        for nid in (text, node_id("Plan", text)):
            node = self.node(nid) if ID_PATTERN.fullmatch(nid) else None
            if node is not None and "Plan" in node.labels:
                return node.properties.get("name", text)
        return text

    def _action(self, rec: Record) -> None:
        v = rec.values
        plan = self._plan(v["plan"])
        aid = node_id("Action", plan, v["code"])
        errors = []
        if aid in self.actions:
            errors.append(self.error(rec, "code", f"duplicate action {aid}: also on row {self.actions[aid]}"))
        grondrecht = f"grondrecht:{v['grondrecht']}" if "grondrecht" in v else None
        if grondrecht and self.node(grondrecht) is None:
            errors.append(self.error(rec, "grondrecht", f"grondrecht {v['grondrecht']} is not in the graph (the "
                                                        "grondrechten come with the action plan 004)"))
        involved = load_schema().rel_type("INVOLVED_IN").from_labels
        actors = []
        for written in v.get("actors", []):
            try:
                actors.append((self.refs.resolve(written, involved, rec, "actors"), written))
            except Rejected as rejected:
                errors.extend(rejected.errors)
        if errors:
            raise Rejected(errors)
        self.actions[aid] = rec.row
        plan_id = self._put("Plan", plan, rec, plan, [])
        title = v.get("title")
        props = {p: v.get(p) for p in ("code", "title", "summary")}
        if self.node(aid) is None:
            props["name"] = f"{v['code']} {title}" if title else v["code"]
        self.batch.add_node("Action", (plan, v["code"]), source=rec.source, line=rec.line, plan=plan,
                            sources=_unique([rec.source, *rec.sources]), **props)
        self.implied.append(("PART_OF", aid, plan_id, rec, {}))
        if grondrecht:
            self.implied.append(("TARGETS", aid, grondrecht, rec, {}))
        for actor, written in actors:
            self.implied.append(("INVOLVED_IN", actor, aid, rec, {"role": ACTORS_ROLE, "as_written": written}))
        self.refs.add_code(aid, v["code"])

    # -- relationships -----------------------------------------------------------------------------

    def _partnership(self, rec: Record) -> None:
        v = rec.values
        schema = load_schema()
        rt = schema.rel_type(v["type"])
        ends, errors = [], []
        for column, labels in (("from", rt.from_labels), ("to", rt.to_labels)):
            try:
                ends.append(self.refs.resolve(v[column], labels, rec, column))
            except Rejected as rejected:
                errors.extend(rejected.errors)
        if errors:
            raise Rejected(errors)
        start, end = ends
        if start == end:
            raise Rejected([self.error(rec, "to", f"from and to are the same node {start}")])
        props = {p: v.get(p) for p in ("role", "responsibility", "note", "as_written")}
        if rt.actor_relationship and not props["as_written"]:
            props["as_written"] = v["from"]
        props = {k: x for k, x in props.items() if x}
        try:
            schema.validate_relationship(rt.name, self.node(start).labels, self.node(end).labels,
                                         {**props, "source": rec.source, "line": rec.line})
        except SchemaError as exc:
            raise Rejected([self.error(rec, "type", str(exc))]) from None
        own = self._own_key(rt.name, start, end, rec, props)
        if own is None:
            self.batch.add_relationship(rt.name, start, end, source=rec.source, line=rec.line, **props)
        else:
            rel = Relationship(rt.name, start, end, {**props, "source": rec.source, "line": rec.line, "key": own})
            self.batch.relationships.setdefault(rel.identity, rel)

    def _own_key(self, rel_type: str, start: str, end: str, rec: Record, props: dict[str, Any]) -> str | None:
        """The relationship's key; when the sources state the same relationship from another place, a
        key of the row's own provenance, so that both live beside each other: the coordinator's note
        and source are never replaced by the sources' (nor theirs by hers). Deterministic, so a
        reload or a re-import of the export gives the same relationship again."""
        key = relationship_key(rel_type, props)
        theirs = self.base.relationships.get((start, rel_type, end, key))
        if theirs is None or (theirs.properties.get("source"), theirs.properties.get("line")) == (rec.source, rec.line):
            return None
        return "|".join(filter(None, (key, f"own:{rec.source}:{rec.line}")))


class References:
    """What a `from`, `to` or `actors` cell names, in this order: a node id in the graph; a name in
    this document's organisations or platforms; an action code of its actions; a municipality
    (where the relationship allows one); an actor the shared resolver knows and the graph holds;
    a name of a node in the graph. Only nodes the relationship type allows at that end count; two
    candidates are an error (write the id)."""

    def __init__(self, builder: ExtraBuilder):
        self.builder = builder
        self.names: dict[str, list[str]] = {}
        self.codes: dict[str, list[str]] = {}
        self.probe = Resolver(builder.resolver.table)  # looks up without recording a mention
        self._graph_names: dict[str, list[str]] | None = None
        self._indexed = 0

    def add_names(self, nid: str, names: Iterable[str | None]) -> None:
        for name in _unique(names):
            bucket = self.names.setdefault(fold_name(name), [])
            if nid not in bucket:
                bucket.append(nid)

    def add_code(self, nid: str, code: str) -> None:
        self.codes.setdefault(fold_name(code), []).append(nid)

    def resolve(self, text: str, labels: tuple[str, ...], rec: Record, column: str) -> str:
        b = self.builder

        def fits(nid: str) -> bool:
            node = b.node(nid)
            return node is not None and bool(set(labels) & set(node.labels))

        if ID_PATTERN.fullmatch(text):
            node = b.node(text)
            if node is None:
                raise Rejected([b.error(rec, column, f"unknown id {text!r}: no such node in the graph")])
            if not fits(text):
                raise Rejected([b.error(rec, column, f"{text} is a {'/'.join(node.labels)}; this end needs "
                                                     f"{' or '.join(labels)}")])
            return text
        folded = fold_name(text)
        lookups = (("name", lambda: self.names.get(folded, [])),
                   ("code", lambda: self.codes.get(folded, []) if "Action" in labels else []),
                   ("place", lambda: self._place(text, labels)),
                   ("known", lambda: self._known(text)),
                   ("graph", lambda: self._graph(folded)))
        for how, lookup in lookups:
            found = [c for c in dict.fromkeys(lookup()) if fits(c)]
            if len(found) > 1:
                raise Rejected([b.error(rec, column, f"{text!r} is ambiguous ({', '.join(found)}): write the id")])
            if found:
                if how == "known":  # the shared resolver keeps the mention for its report
                    b.resolver.resolve(text, role="other", source=rec.source, line=rec.line)
                return found[0]
        what = "actor" if "Actor" in labels else " or ".join(labels)
        raise Rejected([b.error(rec, column, f"unknown {what} {text!r}: not a node id in the graph, not a name in "
                                             "organisations.csv or platforms.csv, and no known name in the graph")])

    def _place(self, text: str, labels: tuple[str, ...]) -> list[str]:
        place = lookup_municipality(text) if "Municipality" in labels else None
        return [node_id("Municipality", place.name)] if place else []

    def _known(self, text: str) -> list[str]:
        res = self.probe.resolve(text, role="other")
        return [node_id(res.label, res.key)] if res is not None and res.method != "new" else []

    def _graph(self, folded: str) -> list[str]:
        if self._graph_names is None:
            self._graph_names = {}
            self._index(self.builder.base.nodes.values())
        if self._indexed != len(self.builder.batch.nodes):  # this document's nodes, as they grow
            self._index(self.builder.batch.nodes.values())
            self._indexed = len(self.builder.batch.nodes)
        return self._graph_names.get(folded, [])

    def _index(self, nodes: Iterable[Node]) -> None:
        for node in nodes:
            for name in _unique([node.properties.get("name"), *node.properties.get("names", [])]):
                bucket = self._graph_names.setdefault(fold_name(name), [])
                if node.id not in bucket:
                    bucket.append(node.id)
