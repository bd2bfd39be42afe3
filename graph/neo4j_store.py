"""The Neo4j 5 store, through the official `neo4j` driver.

Writes: uniqueness constraints from the schema first, then batched `UNWIND $rows ... CREATE` (into
an empty database) or `MERGE` statements, all inside one transaction, so a failed load leaves the
database as it was; a big load into an empty database goes in committed chunks and is undone on
failure (_load_in_chunks). Every write stamps the graph's state with a fresh token (`version`), the
key of every cached answer, in the same transaction.
Reads: the parameterised Cypher twins of graph.queries, run inside Neo4j.
"""

from __future__ import annotations

import time
import uuid
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

    def __init__(self, driver: neo4j.Driver, database: str, batch_size: int = 1000, uri: str = "",
                 tx_rows: int = 20_000, state_seconds: float = 1.0):
        self.driver, self.database, self.batch_size, self.uri = driver, database, batch_size, uri
        # A load into an empty database bigger than this goes in committed transactions of this
        # many rows, so that the server's transaction memory stays bounded (see _load_in_chunks).
        self.tx_rows = tx_rows
        # How long a read of the graph's state stamp is trusted: the staleness, in seconds, of an
        # answer cached by this process after a write by another one (this process's own writes
        # are seen at once).
        self.state_seconds = state_seconds
        self.schema: Schema = load_schema()
        self._constraints_done = False
        self._verified = False
        self._state: tuple[float, dict[str, Any]] | None = None  # (read at, the stamp's tokens)
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
        return cls(driver, settings.neo4j_database, settings.neo4j_batch_size, settings.neo4j_uri,
                   tx_rows=settings.neo4j_tx_rows, state_seconds=settings.neo4j_state_seconds)

    # -- writes -------------------------------------------------------------------------------
    def write(self, batch: GraphBatch) -> None:
        batch.validate(self.schema)
        self._ensure_constraints()
        if self._chunked(batch):
            self._load_in_chunks(batch)
            return

        def work(tx: neo4j.ManagedTransaction) -> None:
            # Into an empty database every node and relationship is new: CREATE, the raw-UNWIND
            # cost. Otherwise MERGE, so that meeting a node again merges as the memory store does.
            empty = tx.run(cypher.IS_EMPTY).single()["empty"]
            self._send(tx, self._statements(batch, create=empty), self._rows(batch), 0)
            self._stamp(tx, cypher.STATE_STAMP_GRAPH)

        self._execute_write(work)

    def replace(self, batch: GraphBatch) -> None:
        batch.validate(self.schema)
        self._ensure_constraints()
        if self._chunked(batch):
            self._load_in_chunks(batch)
            return

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(cypher.CLEAR_IN_TX).consume()
            self._send(tx, self._statements(batch, create=True), self._rows(batch), 0)
            self._stamp(tx, cypher.STATE_STAMP_GRAPH)

        self._execute_write(work)

    def clear(self) -> None:
        # Unstamped first: a clear runs in many transactions, and no answer read half-way may be kept.
        self._execute_write(lambda tx: self._stamp(tx, cypher.STATE_STAMP_LOADING))
        with self._session() as session:
            self._guard(lambda: session.run(cypher.CLEAR).consume())
        self._execute_write(lambda tx: self._stamp(tx, cypher.STATE_STAMP_GRAPH))

    def _chunked(self, batch: GraphBatch) -> bool:
        """Whether the batch goes in committed chunks: bigger than one transaction's rows, into an
        empty database. What a load in chunks left when its process was killed (the stamp still
        says `loading`) is cleared first, whatever comes next."""
        if self._read_state(force=True).get("loading"):
            self.clear()
        return self._rows(batch) > self.tx_rows and self._read(cypher.IS_EMPTY)[0]["empty"]

    def _load_in_chunks(self, batch: GraphBatch) -> None:
        """A big load into an empty database, in committed transactions of about tx_rows rows
        each: one transaction would hold the whole graph in the server's memory (a 100x corpus
        does not fit a 1 GB heap). Still all or nothing for the product: the stamp says `loading`
        (no answer is cached) until the last chunk is in; a failure clears the rows written, back
        to the empty database it was; a killed process leaves the `loading` stamp, and the next
        load clears what it finds first."""
        self._execute_write(lambda tx: self._stamp(tx, cypher.STATE_STAMP_LOADING))
        total, done = self._rows(batch), 0
        try:
            for chunk in _transactions(self._statements(batch, create=True), self.tx_rows):
                sent = sum(len(rows) for _, rows in chunk)
                self._execute_write(lambda tx, c=chunk, d=done: self._send(tx, iter(c), total, d))
                done += sent
            self._execute_write(lambda tx: self._stamp(tx, cypher.STATE_STAMP_GRAPH))
        except BaseException:
            self.clear()
            raise

    @staticmethod
    def _stamp(tx: neo4j.ManagedTransaction, statement: str) -> None:
        tx.run(statement, token=uuid.uuid4().hex).consume()

    def _ensure_constraints(self) -> None:
        if self._constraints_done:
            return
        with self._session() as session:
            statements = cypher.constraint_statements(self.schema) + cypher.lookup_index_statements(self.schema)
            for statement in statements + [cypher.STATE_CONSTRAINT]:
                self._guard(lambda s=statement: session.run(s).consume())
            self._ensure_indexes(session)
        self._constraints_done = True

    def _ensure_indexes(self, session: neo4j.Session) -> None:
        """The search indexes of the schema (full-text, vector), ready before the first query."""
        for statement in cypher.index_statements(self.schema):
            self._guard(lambda s=statement: session.run(s).consume())
        self._guard(lambda: session.run(cypher.AWAIT_INDEXES).consume())

    def _statements(self, batch: GraphBatch, create: bool) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(statement, rows) of batch_size rows: all nodes, then all relationships, grouped by
        labels / (type, end labels); rows are built as they are sent, so memory stays bounded."""
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
        for labels, nodes in sorted(by_labels.items()):
            statement = node_stmt(self.schema, labels)
            for chunk in _chunks(nodes, self.batch_size):
                yield statement, [self._node_row(n) for n in chunk]
        for (rel_type, start, end), rels in sorted(by_type.items()):
            statement = rel_stmt(self.schema, rel_type, start, end)
            for chunk in _chunks(rels, self.batch_size):
                yield statement, [{"start": r.start, "end": r.end, "props": r.properties} for r in chunk]

    def _send(self, tx: neo4j.ManagedTransaction, statements: Iterator[tuple[str, list]], total: int,
              done: int) -> None:
        for statement, rows in statements:
            tx.run(statement, rows=rows).consume()
            done = self._report(done + len(rows), total)

    @staticmethod
    def _rows(batch: GraphBatch) -> int:
        return len(batch.nodes) + len(batch.relationships)

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
        try:
            with self._session() as session:
                self._guard(lambda: session.execute_write(work))
        finally:
            # After the commit (or the failure): this process's next read sees its own write at
            # once, never a stamp read while the write was still open.
            self._state = None

    # -- reads --------------------------------------------------------------------------------
    @property
    def version(self) -> str | None:
        """The graph token of the database's state stamp: new with every write through this
        product, by any process; None (do not cache) before the first stamped write and while a
        load in chunks is under way."""
        return self._read_state().get("graph")

    @property
    def verdicts_version(self) -> str:
        """The verdict token of the stamp ('' before the first verdict)."""
        return self._read_state().get("verdicts") or ""

    def refresh(self) -> None:
        """Re-read the state stamp once it is older than state_seconds: the cost of one indexed
        read per interval, not per request."""
        self._read_state()

    def _read_state(self, force: bool = False) -> dict[str, Any]:
        kept, now = self._state, time.monotonic()
        if force or kept is None or now - kept[0] >= self.state_seconds:
            kept = self._state = (now, self._read(cypher.STATE_READ)[0])
        return kept[1]

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


def _transactions(statements: Iterator[tuple[str, list]], rows: int) -> Iterator[list[tuple[str, list]]]:
    """The statements grouped into transactions of about `rows` rows each (whole statements)."""
    group: list[tuple[str, list]] = []
    size = 0
    for statement, chunk in statements:
        group.append((statement, chunk))
        size += len(chunk)
        if size >= rows:
            yield group
            group, size = [], 0
    if group:
        yield group


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
