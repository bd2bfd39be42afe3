"""Every write and admin Cypher statement of the Neo4j store, in one place.

Labels and relationship types cannot be Cypher parameters, so statements that need them are built
here from names that come from graph/schema.yaml (checked against it), never from input. All
values travel as parameters.
"""

from __future__ import annotations

from graph.schema import Schema


def _checked_label(schema: Schema, label: str) -> str:
    schema.label(label)  # raises SchemaError for anything not declared
    return f"`{label}`"


def constraint_statements(schema: Schema) -> list[str]:
    """One uniqueness constraint on `id` per concrete label, created before any write."""
    return [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{_checked_label(schema, label)}) REQUIRE n.id IS UNIQUE"
        for label in schema.concrete_labels
    ]


def index_statements(schema: Schema) -> list[str]:
    """The full-text and vector indexes of graph/schema.yaml (`indexes:`), created beside the
    constraints. Names, labels, properties and options come from the schema, checked against it."""
    spec = schema.raw.get("indexes", {})
    out = []
    for ix in spec.get("fulltext", []):
        labels = "|".join(_checked_label(schema, lab) for lab in ix["labels"])
        out.append(f"CREATE FULLTEXT INDEX {_name(ix['name'])} IF NOT EXISTS FOR (n:{labels}) "
                   f"ON EACH [n.{_name(ix['property'])}] "
                   f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{_name(ix['analyzer'])}'}}}}")
    for ix in spec.get("vector", []):
        out.append(f"CREATE VECTOR INDEX {_name(ix['name'])} IF NOT EXISTS "
                   f"FOR (n:{_checked_label(schema, ix['label'])}) ON (n.{_name(ix['property'])}) "
                   f"OPTIONS {{indexConfig: {{`vector.dimensions`: {int(ix['dimensions'])}, "
                   f"`vector.similarity_function`: '{_name(ix['similarity'])}'}}}}")
    return out


def _name(value: str) -> str:
    if not str(value).replace("_", "").replace("-", "").isalnum():
        raise ValueError(f"schema index option {value!r} is not a plain name")
    return str(value)


# Range indexes the questions look nodes up by (besides `id`, which the constraints index).
LOOKUP_INDEXES = (("Action", "plan"), ("Action", "code"), ("Grondrecht", "code"), ("Platform", "region"), ("Platform", "province"),
                  ("Province", "name"))


# Text indexes answer CONTAINS on a string property: find_actors on the actors' folded names.
TEXT_INDEXES = (("Actor", "folded_key"),)


def lookup_index_statements(schema: Schema) -> list[str]:
    ranges = [
        f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{_checked_label(schema, label)}) ON (n.{prop})"
        for label, prop in LOOKUP_INDEXES
    ]
    texts = [
        f"CREATE TEXT INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{_checked_label(schema, label)}) ON (n.{prop})"
        for label, prop in TEXT_INDEXES
    ]
    return ranges + texts


AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


def merge_nodes_statement(schema: Schema, labels: tuple[str, ...]) -> str:
    """MERGE a batch of nodes that share their labels, with the same property-merge rule as
    graph.model.merge_properties: new scalars win, provenance stays first-stated, accumulating
    lists become the union in first-seen order (and are absent rather than empty)."""
    primary = schema.primary_label(labels)
    extra = "".join(f":{_checked_label(schema, lab)}" for lab in labels if lab != primary)
    acc_with = "".join(f", coalesce(n.{p}, []) AS old_{p}" for p in schema.accumulating)
    acc_set = "".join(
        f", n.{p} = CASE WHEN size(old_{p}) + size(coalesce(row.props.{p}, [])) = 0 THEN null "
        f"ELSE old_{p} + [x IN coalesce(row.props.{p}, []) WHERE NOT x IN old_{p}] END"
        for p in schema.accumulating
    )
    set_extra = f" SET n{extra}" if extra else ""
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{_checked_label(schema, primary)} {{id: row.id}}) "
        "WITH n, row, coalesce(n.source, row.props.source) AS src, coalesce(n.line, row.props.line) AS ln"
        f"{acc_with} "
        f"SET n += row.props{set_extra} "
        f"SET n.source = src, n.line = ln{acc_set}"
    )


def merge_relationships_statement(schema: Schema, rel_type: str, start_label: str, end_label: str) -> str:
    """MERGE a batch of relationships of one type between nodes of two labels; the relationship's
    identity is (start, type, end, key) and its properties are replaced by the new statement."""
    schema.rel_type(rel_type)
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{_checked_label(schema, start_label)} {{id: row.start}}) "
        f"MATCH (b:{_checked_label(schema, end_label)} {{id: row.end}}) "
        f"MERGE (a)-[r:`{rel_type}` {{key: row.props.key}}]->(b) "
        "SET r = row.props"
    )


def create_nodes_statement(schema: Schema, labels: tuple[str, ...]) -> str:
    """CREATE a batch of new nodes that share their labels: the load into an empty database, as
    cheap as a raw UNWIND/CREATE (the batch has merged repeated nodes already)."""
    primary = schema.primary_label(labels)
    extra = "".join(f":{_checked_label(schema, lab)}" for lab in labels if lab != primary)
    return f"UNWIND $rows AS row CREATE (n:{_checked_label(schema, primary)}{extra}) SET n = row.props"


def create_relationships_statement(schema: Schema, rel_type: str, start_label: str, end_label: str) -> str:
    """CREATE a batch of new relationships, both ends found through their label's uniqueness index."""
    schema.rel_type(rel_type)
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{_checked_label(schema, start_label)} {{id: row.start}}) "
        f"MATCH (b:{_checked_label(schema, end_label)} {{id: row.end}}) "
        f"CREATE (a)-[r:`{rel_type}`]->(b) SET r = row.props"
    )


# (:Verdict) nodes are the coordinator's judgements (graph/verdicts.py), and the one (:GraphState)
# node is the stamp below: neither is the sources' graph, so a load, a clear or an export never
# touches them. Neither label is in graph/schema.yaml, on purpose.
_SOURCES_ONLY = "WHERE NOT n:Verdict AND NOT n:GraphState"
# Three count-store lookups: no node is touched.
IS_EMPTY = ("CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH (v:Verdict) RETURN count(v) AS verdicts } "
            "CALL () { MATCH (s:GraphState) RETURN count(s) AS stamps } RETURN nodes - verdicts - stamps = 0 AS empty")
CLEAR = f"MATCH (n) {_SOURCES_ONLY} CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 5000 ROWS"
CLEAR_IN_TX = f"MATCH (n) {_SOURCES_ONLY} DETACH DELETE n"

# The graph's state stamp: a fresh token on every write this product makes (graph and verdicts
# apart), so that every API process, on any machine of a cluster, keys its cached answers by what
# the database holds (graph.store.graph_state). A null graph token means "do not cache": a load
# in committed chunks is under way or was interrupted (`loading` then holds its token).
STATE_CONSTRAINT = "CREATE CONSTRAINT graphstate_id IF NOT EXISTS FOR (s:GraphState) REQUIRE s.id IS UNIQUE"
STATE_READ = ("OPTIONAL MATCH (s:GraphState {id: 'state'}) "
              "RETURN s.graph AS graph, s.verdicts AS verdicts, s.loading AS loading")
STATE_STAMP_GRAPH = "MERGE (s:GraphState {id: 'state'}) SET s.graph = $token, s.loading = null"
STATE_STAMP_LOADING = "MERGE (s:GraphState {id: 'state'}) SET s.graph = null, s.loading = $token"
STATE_STAMP_VERDICTS = "MERGE (s:GraphState {id: 'state'}) SET s.verdicts = $token"

EXPORT_NODES = (f"MATCH (n) {_SOURCES_ONLY} "
                "RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties")
EXPORT_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties"
)
VERSION = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition"


def match_by_id(var: str, id_expr: str, schema: Schema) -> str:
    """A subquery that finds the node with id `id_expr` through the per-label uniqueness indexes
    (an unlabelled `{id: ...}` match would scan every node). Labels come from the schema."""
    branches = "\n      UNION ALL\n".join(
        f"      MATCH ({var}:{_checked_label(schema, label)} {{id: {id_expr}}}) RETURN {var}"
        for label in schema.concrete_labels)
    return f"CALL ({id_expr}) {{\n{branches}\n    }}"
