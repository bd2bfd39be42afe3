"""The coordinator's judgements (verdicts), kept apart from the graph the sources produce.

Sources are read-only evidence; verdicts are the user's. They live in their own store and no load
ever touches them: SQLite in the data dir for the embedded backend, `(:Verdict)` nodes (outside the
sources' schema graph) when Neo4j is the backend. Each verdict is keyed by stable ids, so it
re-attaches after every reload; the log is append-only (a later verdict on the same subject
supersedes an earlier one, which stays in the history), so nothing a coordinator wrote is replaced.

Subjects:
  overlap  a, b = the two initiative ids of a SIMILAR_TO pair (order-free)
  merge    a, b = two actor ids, or a name as written (a fuzzy merge) and the actor it went into
  gap      a    = the `key` of a missing-link item (graph/questions/missing_links.py), b = ''
"""

from __future__ import annotations

import csv
import io
import sqlite3
import threading
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Protocol

from armoedegraaf.errors import InvalidParameter, SourceError, StoreError
from graph import cypher

VERDICTS = {
    "overlap": ("same", "related", "successor", "distinct"),
    "merge": ("same", "different"),
    "gap": ("todo", "done", "not_relevant"),
}
CSV_FIELDS = ("kind", "a", "b", "verdict", "author", "note", "at")
SQLITE_FILE = "verdicts.sqlite"


@dataclass(frozen=True)
class Verdict:
    kind: str
    a: str
    b: str
    verdict: str
    author: str
    note: str
    at: str
    uid: str = ""

    @property
    def key(self) -> str:
        return subject_key(self.kind, self.a, self.b)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "key": self.key}


def subject_key(kind: str, a: str, b: str) -> str:
    """The stable key of a verdict's subject; pairs are unordered."""
    if kind == "gap":
        return f"gap|{a}"
    x, y = sorted((a, b))
    return f"{kind}|{x}|{y}"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def make_verdict(kind: str, a: str, b: str, verdict: str, author: str, note: str = "",
                 at: str | None = None) -> Verdict:
    """A checked verdict; InvalidParameter names the field that is wrong."""
    if kind not in VERDICTS:
        raise InvalidParameter("kind", f"unknown kind {kind!r}; known: {', '.join(VERDICTS)}")
    if verdict not in VERDICTS[kind]:
        raise InvalidParameter("verdict", f"{verdict!r} is no verdict on {kind}; known: {', '.join(VERDICTS[kind])}")
    a, b, author = (a or "").strip(), (b or "").strip(), (author or "").strip()
    if not a:
        raise InvalidParameter("a", "name the subject")
    if kind != "gap" and not b:
        raise InvalidParameter("b", f"a {kind} verdict is on a pair: name the second one")
    if kind != "gap" and a == b:
        raise InvalidParameter("b", "a pair of one and the same id")
    if not author:
        raise InvalidParameter("author", "say who judges")
    if len(note or "") > 2000:
        raise InvalidParameter("note", "at most 2000 characters")
    if at is not None:
        try:
            datetime.fromisoformat(at)
        except ValueError:
            raise InvalidParameter("at", f"not an ISO date-time: {at!r}") from None
    return Verdict(kind, a, "" if kind == "gap" else b, verdict, author, (note or "").strip(), at or now(),
                   uuid.uuid4().hex)


def latest(verdicts: Iterable[Verdict]) -> dict[str, Verdict]:
    """The verdict in force per subject: the last one given (by time, then insertion order)."""
    out: dict[str, Verdict] = {}
    for v in sorted(verdicts, key=lambda v: v.at):
        out[v.key] = v
    return out


def in_force(vstore: "VerdictStore", kind: str | None = None) -> dict[str, Verdict]:
    """The verdicts in force (of one kind), per subject."""
    return {k: v for k, v in latest(vstore.all()).items() if kind is None or v.kind == kind}


class VerdictStore(Protocol):
    def add(self, verdicts: list[Verdict]) -> None:
        """Append the verdicts in one transaction: all or none."""

    def all(self) -> list[Verdict]:
        """The whole log, oldest first."""

    @property
    def version(self) -> Any:
        """Changes whenever a verdict is added (answers cached for a version hold)."""

    def record_seen(self, keys: list[str], at: str) -> int:
        """Remember when each gap or overlap key was first met (by a load); returns how many are new."""

    def first_seen(self) -> dict[str, str]:
        """key -> the time of the load that first met it."""

    def clear(self) -> None: ...

    def close(self) -> None: ...


class SqliteVerdicts:
    """The embedded verdict log: one table in `verdicts.sqlite` next to the embedded graph."""

    def __init__(self, path: Path | None):
        self.path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        # one connection shared by the API's threads, serialised by a lock
        self._conn: sqlite3.Connection | None = sqlite3.connect(str(path) if path else ":memory:",
                                                                check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS verdict (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                             "uid TEXT UNIQUE, kind TEXT, a TEXT, b TEXT, key TEXT, verdict TEXT, "
                             "author TEXT, note TEXT, at TEXT)")
            self._db.execute("CREATE INDEX IF NOT EXISTS verdict_key ON verdict(key)")
            self._db.execute("CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, first_at TEXT)")

    def add(self, verdicts: list[Verdict]) -> None:
        rows = [(v.uid, v.kind, v.a, v.b, v.key, v.verdict, v.author, v.note, v.at) for v in verdicts]
        with self._lock, self._db:  # one transaction
            self._db.executemany("INSERT INTO verdict (uid, kind, a, b, key, verdict, author, note, at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def all(self) -> list[Verdict]:
        with self._lock:
            rows = self._db.execute("SELECT kind, a, b, verdict, author, note, at, uid FROM verdict "
                                    "ORDER BY at, seq").fetchall()
        return [Verdict(*r) for r in rows]

    @property
    def version(self) -> Any:
        with self._lock:
            return self._db.execute("SELECT count(*), max(seq) FROM verdict").fetchone()

    def record_seen(self, keys: list[str], at: str) -> int:
        with self._lock, self._db:
            before = self._db.total_changes
            self._db.executemany("INSERT OR IGNORE INTO seen (key, first_at) VALUES (?, ?)", [(k, at) for k in keys])
            return self._db.total_changes - before

    def first_seen(self) -> dict[str, str]:
        with self._lock:
            return dict(self._db.execute("SELECT key, first_at FROM seen").fetchall())

    def clear(self) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM verdict")
            self._db.execute("DELETE FROM seen")

    @property
    def _db(self) -> sqlite3.Connection:
        # reopened after close() for a file (an app may outlive its lifespan); in memory only once
        if self._conn is None:
            if self.path is None:
                raise StoreError("the in-memory verdict store was closed")
            self._conn = sqlite3.connect(str(self.path), check_same_thread=False)
        return self._conn

    def close(self) -> None:
        if self._conn is not None and self.path is not None:
            self._conn.close()
            self._conn = None


# The Verdict label is fixed here, never taken from input; it is not in graph/schema.yaml on
# purpose: loads (CLEAR, MERGE of the sources' nodes) and exports leave these nodes alone.
_NEO4J_INDEX = "CREATE INDEX verdict_key IF NOT EXISTS FOR (v:Verdict) ON (v.key)"
_NEO4J_ADD = ("UNWIND $rows AS row CREATE (v:Verdict) SET v = row")
_NEO4J_ALL = ("MATCH (v:Verdict) WHERE NOT v:SeenItem RETURN v.kind AS kind, v.a AS a, v.b AS b, v.verdict AS verdict, "
              "v.author AS author, v.note AS note, v.at AS at, v.uid AS uid ORDER BY v.at, v.uid")
_NEO4J_CLEAR = "MATCH (v:Verdict) DELETE v"
# What loads met, and when first: (:Verdict:SeenItem) so that loads leave them alone as well.
_NEO4J_SEEN = ("UNWIND $keys AS k MERGE (s:Verdict:SeenItem {key: k}) ON CREATE SET s.first_at = $at, s.new = true "
               "ON MATCH SET s.new = false WITH s WHERE s.new RETURN count(s) AS n")
_NEO4J_FIRST_SEEN = "MATCH (s:SeenItem) RETURN s.key AS key, s.first_at AS first_at"


class Neo4jVerdicts:
    """The verdict log as (:Verdict) nodes in the Neo4j database of the graph."""

    def __init__(self, store: Any):
        self.store = store
        self._indexed = False

    def _write(self, statement: str, **params: Any) -> None:
        if not self._indexed:
            with self.store._session() as session:
                self.store._guard(lambda: session.run(_NEO4J_INDEX).consume())
            self._indexed = True
        def work(tx: Any) -> None:
            tx.run(statement, params).consume()
            self.store._stamp(tx, cypher.STATE_STAMP_VERDICTS)  # in the same transaction: answers cached on verdicts move on

        self.store._execute_write(work)

    def add(self, verdicts: list[Verdict]) -> None:
        self._write(_NEO4J_ADD, rows=[v.as_dict() for v in verdicts])

    def all(self) -> list[Verdict]:
        return [Verdict(**r) for r in self.store._read(_NEO4J_ALL)]

    @property
    def version(self) -> Any:
        """The verdict token of the database's state stamp, new with every verdict any process adds."""
        return self.store.verdicts_version

    def record_seen(self, keys: list[str], at: str) -> int:
        self._write(_NEO4J_SEEN, keys=keys, at=at)
        first = self.first_seen()
        return sum(1 for k in keys if first.get(k) == at)

    def first_seen(self) -> dict[str, str]:
        return {r["key"]: r["first_at"] for r in self.store._read(_NEO4J_FIRST_SEEN)}

    def clear(self) -> None:
        self._write(_NEO4J_CLEAR)

    def close(self) -> None:
        pass  # the graph store owns the driver


def open_verdicts(store: Any) -> VerdictStore:
    """The verdict store beside the given graph store: in the same Neo4j database, or a SQLite file
    next to the embedded graph's file (in memory only for a graph kept in memory only)."""
    if getattr(store, "backend", None) == "neo4j":
        return Neo4jVerdicts(store)
    path = getattr(store, "path", None)
    return SqliteVerdicts(Path(path).parent / SQLITE_FILE if path is not None else None)


# -- CSV ---------------------------------------------------------------------------------------

def to_csv(verdicts: Iterable[Verdict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for v in verdicts:
        writer.writerow({f: getattr(v, f) for f in CSV_FIELDS})
    return out.getvalue()


def from_csv(text: str, file: str = "<csv>") -> list[Verdict]:
    """Every row checked first; SourceError names file, line and field of the first bad one."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        missing = [f for f in ("kind", "a", "b", "verdict", "author") if f not in (reader.fieldnames or [])]
        if missing:
            raise SourceError(f"missing column(s) {', '.join(missing)}", file=file, line=1)
        out = []
        for row in reader:
            try:
                out.append(make_verdict(row["kind"] or "", row["a"] or "", row["b"] or "", row["verdict"] or "",
                                        row["author"] or "", row.get("note") or "", row.get("at") or None))
            except InvalidParameter as exc:
                raise SourceError(f"field {exc}", file=file, line=reader.line_num) from None
    except csv.Error as exc:
        raise SourceError(f"not CSV ({exc})", file=file, line=reader.line_num or 1) from None
    return out


def import_rows(vstore: VerdictStore, rows: list[Verdict]) -> dict[str, int]:
    """Add the rows the log does not hold yet (same subject, verdict, author and time): importing a
    file twice adds nothing."""
    seen = {(v.key, v.verdict, v.author, v.at) for v in vstore.all()}
    new = [v for v in rows if (v.key, v.verdict, v.author, v.at) not in seen]
    if new:
        vstore.add(new)
    return {"read": len(rows), "added": len(new), "already_known": len(rows) - len(new)}
