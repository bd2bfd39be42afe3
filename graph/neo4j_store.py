"""The Neo4j 5 store, through the official `neo4j` driver.

Writes: uniqueness constraints from the schema first, then batched `UNWIND $rows ... MERGE`
statements, all inside one transaction, so a failed load leaves the database as it was.
Reads: the parameterised Cypher twins of graph.queries, run inside Neo4j.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Iterator, Sequence

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError

from armoedegraaf.errors import StoreError, StoreUnavailable
from armoedegraaf.settings import Settings
from graph import cypher
from graph.export import sort_export
from graph.model import GraphBatch, Node, Relationship
from graph.queries.registry import Query
from graph.schema import Schema, load_schema
from graph.store import SharedReads

_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_HOW_TO_FIX = (
    "start Neo4j (`scripts/neo4j-local start`, or `docker compose up neo4j`) and set NEO4J_URI, "
    "NEO4J_USER and NEO4J_PASSWORD, or use the embedded backend (--backend memory)"
)


class Neo4jStore(SharedReads):
    backend = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str, batch_size: int = 1000, uri: str = ""):
        self.driver, self.database, self.batch_size, self.uri = driver, database, batch_size, uri
        self.schema: Schema = load_schema()
        self._constraints_done = False
        self._verified = False
        # Called with (rows written, rows in the batch) after every chunk of a write.
        self.progress: Callable[[int, int], None] | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> "Neo4jStore":
        auth = (settings.neo4j_user, settings.neo4j_password) if settings.neo4j_password else None
        scheme = settings.neo4j_uri.partition("://")[0].lower()
        if scheme not in _SCHEMES:
            raise StoreUnavailable(f"NEO4J_URI must start with {', '.join(s + '://' for s in _SCHEMES)} "
                                   f"(Bolt, not {scheme or 'no scheme'}://), e.g. bolt://127.0.0.1:7687")
        try:
            # Fail fast: a server that is down costs seconds, not the driver's default 30 s of retries.
            # UNRECOGNIZED off: the schema's queries name every relationship type, also those a
            # partial load has not written yet (MENTIONED_IN before any mention): not an error,
            # and the server's warning would log a long line on every request.
            driver = GraphDatabase.driver(settings.neo4j_uri, auth=auth, connection_timeout=3,
                                          connection_acquisition_timeout=5, max_transaction_retry_time=2,
                                          notifications_disabled_classifications=["UNRECOGNIZED"])
        except (DriverError, ValueError) as exc:
            raise StoreUnavailable(f"NEO4J_URI is not a usable Neo4j address ({type(exc).__name__}); "
                                   f"{_HOW_TO_FIX}") from exc
        return cls(driver, settings.neo4j_database, settings.neo4j_batch_size, settings.neo4j_uri)

    # -- writes -------------------------------------------------------------------------------
    def write(self, batch: GraphBatch) -> None:
        batch.validate(self.schema)
        self._ensure_constraints()

        def work(tx: neo4j.ManagedTransaction) -> None:
            # Into an empty database every node and relationship is new: CREATE, the raw-UNWIND
            # cost. Otherwise MERGE, so that meeting a node again merges as the memory store does.
            empty = tx.run(cypher.IS_EMPTY).single()["empty"]
            self._write_batch(tx, batch, create=empty)

        self._execute_write(work)

    def replace(self, batch: GraphBatch) -> None:
        batch.validate(self.schema)
        self._ensure_constraints()

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(cypher.CLEAR_IN_TX).consume()
            self._write_batch(tx, batch, create=True)

        self._execute_write(work)

    def clear(self) -> None:
        with self._session() as session:
            self._guard(lambda: session.run(cypher.CLEAR).consume())

    def _ensure_constraints(self) -> None:
        if self._constraints_done:
            return
        with self._session() as session:
            for statement in cypher.constraint_statements(self.schema) + cypher.lookup_index_statements(self.schema):
                self._guard(lambda s=statement: session.run(s).consume())
            self._ensure_indexes(session)
        self._constraints_done = True

    def _ensure_indexes(self, session: neo4j.Session) -> None:
        """The search indexes of the schema (full-text, vector), ready before the first query."""
        for statement in cypher.index_statements(self.schema):
            self._guard(lambda s=statement: session.run(s).consume())
        self._guard(lambda: session.run(cypher.AWAIT_INDEXES).consume())

    def _write_batch(self, tx: neo4j.ManagedTransaction, batch: GraphBatch, create: bool) -> None:
        """All nodes, then all relationships, grouped by labels / (type, end labels), sent in
        chunks of batch_size rows built as they are sent, so memory stays bounded; one transaction."""
        node_stmt = cypher.create_nodes_statement if create else cypher.merge_nodes_statement
        rel_stmt = cypher.create_relationships_statement if create else cypher.merge_relationships_statement
        by_labels: dict[tuple[str, ...], list[Node]] = defaultdict(list)
        for node in batch.nodes.values():
            by_labels[tuple(sorted(node.labels))].append(node)
        by_type: dict[tuple[str, str, str], list[Relationship]] = defaultdict(list)
        for rel in batch.relationships.values():
            start = self.schema.primary_label(batch.nodes[rel.start].labels)
            end = self.schema.primary_label(batch.nodes[rel.end].labels)
            by_type[(rel.type, start, end)].append(rel)
        total, done = len(batch.nodes) + len(batch.relationships), 0
        for labels, nodes in sorted(by_labels.items()):
            statement = node_stmt(self.schema, labels)
            for chunk in _chunks(nodes, self.batch_size):
                tx.run(statement, rows=[self._node_row(n) for n in chunk]).consume()
                done = self._report(done + len(chunk), total)
        for (rel_type, start, end), rels in sorted(by_type.items()):
            statement = rel_stmt(self.schema, rel_type, start, end)
            for chunk in _chunks(rels, self.batch_size):
                rows = [{"start": r.start, "end": r.end, "props": r.properties} for r in chunk]
                tx.run(statement, rows=rows).consume()
                done = self._report(done + len(chunk), total)

    def _node_row(self, node: Node) -> dict[str, Any]:
        row = node.as_row()
        # Accumulating lists are absent rather than empty, as the MERGE statement leaves them.
        for prop in self.schema.accumulating:
            if row["props"].get(prop) == []:
                del row["props"][prop]
        return row

    def _report(self, done: int, total: int) -> int:
        if self.progress is not None:
            self.progress(done, total)
        return done

    def _execute_write(self, work: Any) -> None:
        with self._session() as session:
            self._guard(lambda: session.execute_write(work))

    # -- reads --------------------------------------------------------------------------------
    # Another process may write at any time, and asking the server costs a round trip: no version.
    version = None

    def refresh(self) -> None:
        """Every read sees the database as it is now: nothing to catch up with."""

    def export(self) -> dict[str, list[dict[str, Any]]]:
        nodes = [
            {"id": r["id"], "labels": r["labels"], "properties": {k: v for k, v in r["properties"].items() if k != "id"}}
            for r in self._read(cypher.EXPORT_NODES)
        ]
        rels = [dict(r) for r in self._read(cypher.EXPORT_RELATIONSHIPS)]
        return sort_export(nodes, rels)

    def run(self, query: Query, **params: Any) -> list[dict[str, Any]]:
        bound = query.cypher_params(params)  # the networkx twin's defaults filled in
        return query.shape(self._read(query.cypher, **bound), bound)

    def _read(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """One auto-commit query in a READ session: routed to a reader of a cluster or Aura like a
        read transaction, but RUN and PULL go in one round trip, where a managed transaction needs
        BEGIN/RUN/PULL and then COMMIT (measured at 16 clients on the seeds: p95 halved). Reads are
        idempotent, so a reader lost mid-query (a cluster's routing change) is retried once."""
        def once() -> list[dict[str, Any]]:
            with self._session(neo4j.READ_ACCESS) as session:
                return [record.data() for record in session.run(statement, params)]

        try:
            return self._guard(once)
        except StoreUnavailable as exc:
            if not isinstance(exc.__cause__, (SessionExpired, TransientError)):
                raise
            return self._guard(once)

    def ping(self) -> str:
        # An auto-commit query: one attempt, no managed-transaction retries, so health answers fast.
        with self.driver.session(database=self.database) as session:
            rows = self._guard(lambda: [r.data() for r in session.run(cypher.VERSION)])
        return " ".join(f"{r['name']} {r['version']} {r['edition']}" for r in rows)

    def close(self) -> None:
        self.driver.close()

    # -- plumbing -----------------------------------------------------------------------------
    def _session(self, access_mode: str = neo4j.WRITE_ACCESS) -> neo4j.Session:
        if not self._verified:
            # Fail fast on a server that is down: managed transactions would retry for seconds.
            self._guard(self.driver.verify_connectivity)
            self._verified = True
        # The database named, so that no session first asks the server for the home database.
        return self.driver.session(database=self.database, default_access_mode=access_mode)

    def _guard(self, fn: Any) -> Any:
        """Translate driver errors into the product's exception tree."""
        # The messages name no address and no driver internals (an API answer shows them); the
        # driver's own error stays attached as the cause, for the log.
        try:
            return fn()
        except AuthError as exc:
            raise StoreUnavailable(f"Neo4j refused the login; check NEO4J_USER and NEO4J_PASSWORD, or {_HOW_TO_FIX}") from exc
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            raise StoreUnavailable(f"Neo4j is not reachable ({type(exc).__name__}); {_HOW_TO_FIX}") from exc
        except TransientError as exc:  # a cluster member lost or busy: worth one more try, then unavailable
            raise StoreUnavailable(f"Neo4j is busy or changing leader ({exc.code}); try again") from exc
        except Neo4jError as exc:
            raise StoreError(f"Neo4j error: {exc.code or type(exc).__name__}: {str(exc)[:300]}") from exc
        except DriverError as exc:  # ConfigurationError, TransactionError, ...: ours to report, not a traceback
            raise StoreError(f"Neo4j driver error ({type(exc).__name__}): {str(exc)[:300]}") from exc
        except (OverflowError, ValueError) as exc:  # a value the Bolt protocol cannot carry
            raise StoreError(f"a value Neo4j cannot store ({exc})") from exc


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
