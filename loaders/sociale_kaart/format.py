"""The sociale-kaart table format: its columns, declared once as data, and the row parser.

A coordinator keeps four tables (organisations, partnerships, platforms, actions) as CSV files or
as sheets of one workbook. `TABLES` below is the single declaration of every column: the parser
validates against it, the exporter writes its columns in its order, and the column tables of
docs/sociale-kaart-format.md are rendered from it (`python -m loaders.sociale_kaart.format`).

`parse_table(rows, file, table)` turns the raw cells of one table into records and RowErrors: a
bad cell or a missing value rejects its row, never the table.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from armoedegraaf.errors import RowError
from graph.model import fold_name
from graph.schema import load_schema
from graph.text import MAX_WORD_CHARS, longest_word  # one limit for every loader
from loaders.resolution.geography import lookup_municipality
from loaders.sociale_kaart.dutch import choice_of, english_column

# Ministers are the Flemish government's own; a coordinator's list names every other actor kind.
ACTOR_TYPES = tuple(label for label in load_schema().actor_labels if label != "Minister")
# The relationships a coordinator can state between actors (and from an actor to what it acts on).
PARTNERSHIP_TYPES = ("PARTNER_OF", "LEADS", "INVOLVED_IN", "RESPONSIBLE_FOR", "PART_OF", "LOCATED_IN",
                     "SUCCEEDED_BY")
LIST_SEPARATOR = ";"

_PROVENANCE = {
    "source": {"kind": "text", "doc": "Where the row's statement comes from (default: this file). "
                                      "With a source, `line` is required."},
    "line": {"kind": "line", "doc": "The 1-based line in `source` (default: the row number; header = row 1)."},
    "sources": {"kind": "list", "doc": "Other documents that state the same node (the export writes them "
                                       "so that a re-import keeps the node's provenance whole)."},
}

# The one declaration of the format. kind: how a cell is read (see _PARSERS); required: a row
# without it is rejected; unique: values (or combinations; a missing later part counts as empty)
# that may occur once per table. A row with an id is identified by its id alone.
TABLES: dict[str, dict[str, Any]] = {
    "organisations": {
        "doc": "Every actor the coordinator knows: organisations, administrations, cabinets, Huizen van "
               "het Kind, local teams, platforms. A name is resolved like the sources' names, so "
               "'Kind & Gezin' is the node 'Kind en Gezin' of the action plan.",
        "unique": ["id", ("name", "type")],
        "columns": {
            "id": {"kind": "id", "labels": ACTOR_TYPES,
                   "doc": "A node id (e.g. `org:netwerk-tegen-armoede`): this row is about that node. "
                          "Default: resolved from `name` and `type`."},
            "name": {"kind": "text", "required": True, "doc": "The actor's name as the coordinator writes it."},
            "type": {"kind": "choice", "choices": ACTOR_TYPES,
                     "doc": "The kind of actor. Default: from the id, else what the name resolves to "
                            "(a new name: Organisation)."},
            "municipality": {"kind": "municipality",
                             "doc": "Where the actor is based (official name or a known spelling): LOCATED_IN."},
            "aliases": {"kind": "list", "doc": "Other names of the actor, separated by ';'."},
            **_PROVENANCE,
        },
    },
    "partnerships": {
        "doc": "Relationships between actors, and from an actor to an action, platform, plan or place. "
               "`from` and `to` are node ids already in the graph, or names (see References).",
        "unique": [],
        "columns": {
            "from": {"kind": "ref", "required": True, "doc": "The actor (id or name)."},
            "from_name": {"kind": "text", "doc": "Read by people, not by the load: the export writes the "
                                                 "`from` node's name here beside its id."},
            "to": {"kind": "ref", "required": True,
                   "doc": "The other end (id, name, an action code of actions.csv, or a municipality)."},
            "to_name": {"kind": "text", "doc": "The `to` node's name (written by the export; not read)."},
            "type": {"kind": "choice", "choices": PARTNERSHIP_TYPES, "required": True,
                     "doc": "The relationship type, as in the graph schema."},
            "role": {"kind": "text", "doc": "The actor's role (part of an INVOLVED_IN's identity; e.g. `other`)."},
            "responsibility": {"kind": "text", "doc": "`responsible` or `involved` (as the action plan uses it)."},
            "as_written": {"kind": "text", "doc": "The actor's name as the source wrote it (default: the `from` "
                                                  "cell, for actor relationships)."},
            "note": {"kind": "text", "doc": "Free text kept on the relationship."},
            **{k: v for k, v in _PROVENANCE.items() if k != "sources"},
        },
    },
    "platforms": {
        "doc": "Local child-poverty platforms (lokaal overleg kinderarmoede) with their properties. "
               "Link a platform's lead and partners in partnerships.csv (LEADS, PARTNER_OF).",
        "unique": ["id", ("name",)],
        "columns": {
            "id": {"kind": "id", "labels": ("Platform",),
                   "doc": "A platform id (e.g. `platform:ocmw-boom`). Default: from `name`."},
            "name": {"kind": "text", "required": True, "doc": "The platform's name."},
            "aliases": {"kind": "list", "doc": "Other names, separated by ';'."},
            "municipality": {"kind": "municipality",
                             "doc": "The platform's municipality: property and LOCATED_IN; province and region "
                                    "follow from the geography."},
            "lead": {"kind": "text", "doc": "The lead organisation as written (a text property)."},
            "target_group": {"kind": "text", "doc": "E.g. `0-12 jaar`."},
            "size_group": {"kind": "text", "doc": "Size class of the municipality."},
            "meeting_frequency": {"kind": "text", "doc": "How often the platform meets."},
            "status": {"kind": "text", "doc": "Free text status."},
            "subsidy_eur": {"kind": "number", "doc": "Subsidy in euro (e.g. `25000` or `25000,50`)."},
            "staff_hired": {"kind": "bool", "doc": "Staff hired for the platform."},
            "ervaringsdeskundige": {"kind": "bool", "doc": "An ervaringsdeskundige takes part."},
            "flemish_subsidy": {"kind": "bool", "doc": "Subsidised by the Flemish government."},
            "roles": {"kind": "list", "doc": "The platform's roles, separated by ';'."},
            "tasks": {"kind": "list", "doc": "Its tasks, separated by ';'."},
            "partner_categories": {"kind": "list", "doc": "Kinds of partners, separated by ';'."},
            "good_practices": {"kind": "list", "doc": "Good practices, separated by ';'."},
            **_PROVENANCE,
        },
    },
    "actions": {
        "doc": "The coordinator's own actions (or notes on a plan's actions), each PART_OF its plan and "
               "TARGETS a grondrecht.",
        "unique": [("code", "plan")],
        "columns": {
            "code": {"kind": "text", "required": True, "doc": "The action's code within its plan."},
            "title": {"kind": "text", "doc": "Short title."},
            "plan": {"kind": "text", "required": True,
                     "doc": "The plan's name or id (a new name makes a new Plan node)."},
            "grondrecht": {"kind": "grondrecht", "doc": "The grondrecht code `00`..`10` the action targets."},
            "summary": {"kind": "text", "doc": "What the action does."},
            "actors": {"kind": "refs", "doc": "Actors involved (INVOLVED_IN, role `other`), ids or names, "
                                              "separated by ';'."},
            **_PROVENANCE,
        },
    },
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()


def columns(table: str) -> list[Column]:
    """The columns of a table, in the declared (and exported) order."""
    return [Column(name, spec["kind"], spec["doc"], spec.get("required", False),
                   tuple(spec.get("choices", ())), tuple(spec.get("labels", ())))
            for name, spec in TABLES[table]["columns"].items()]


@dataclass
class Record:
    """One good row: its parsed values (empty cells left out) and its provenance."""
    table: str
    file: str  # where the row is: a file name, or 'workbook.xlsx#sheet'
    row: int
    values: dict[str, Any]
    source: str
    line: int
    sources: list[str] = field(default_factory=list)
    skipped: list[RowError] = field(default_factory=list)  # bad optional cells left out of the row


# -- cells -----------------------------------------------------------------------------------------

def cell_text(raw: Any) -> str:
    """A cell as text: CSV cells are text already; a workbook also has numbers, booleans, dates."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.isoformat()
    return str(raw).strip()


def _list(raw: Any, col: Column) -> list[str]:
    return list(dict.fromkeys(p.strip() for p in cell_text(raw).split(LIST_SEPARATOR) if p.strip()))


def _choice(raw: Any, col: Column) -> str:
    text = cell_text(raw)
    for choice in col.choices:
        if text.lower() == choice.lower():
            return choice
    if choice_of(text) in col.choices:  # 'organisatie', 'werkt mee aan', ...
        return choice_of(text)
    raise ValueError(f"unknown type {text!r}; one of {', '.join(col.choices)}")


def _grondrecht(raw: Any, col: Column) -> str:
    text = cell_text(raw)
    if re.fullmatch(r"\d{1,2}", text) and 0 <= int(text) <= 10:
        return f"{int(text):02d}"
    raise ValueError(f"bad grondrecht code {text!r}: a code 00..10")


_AMBIGUOUS_NUMBER = re.compile(r"-?\d{1,3}[.,]\d{3}")


def _number(raw: Any, col: Column) -> float:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw)
    text = re.sub(r"[\s€]", "", cell_text(raw))
    # '25.000' is 25000 to a Flemish reader and 25.0 to a program: refuse to guess.
    if _AMBIGUOUS_NUMBER.fullmatch(text):
        raise ValueError(f"ambiguous number {text!r}: write it without a thousands separator "
                         f"(25000, or 25000,5 / 25000.5)")
    if not re.fullmatch(r"-?\d+(?:[.,]\d+)?", text):
        raise ValueError(f"not a number: {cell_text(raw)!r}")
    return float(text.replace(",", "."))


_TRUE, _FALSE = {"true", "ja", "yes", "1", "waar"}, {"false", "nee", "neen", "no", "0", "onwaar"}


def _bool(raw: Any, col: Column) -> bool:
    text = cell_text(raw).lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError(f"not true/false: {cell_text(raw)!r} (true, false, ja, nee)")


MAX_LINE = 10_000_000  # far beyond any document; bigger numbers Neo4j (64-bit) could not even store
MAX_CELL_CHARS, MAX_NAME_CHARS = 20_000, 1_000


def _line(raw: Any, col: Column) -> int:
    text = cell_text(raw)
    if re.fullmatch(r"\d{1,9}", text) and 1 <= int(text) <= MAX_LINE:
        return int(text)
    raise ValueError(f"not a line number 1..{MAX_LINE}: {text[:40]!r}")


ID_PATTERN = re.compile(r"[a-z]+:[a-z0-9_][a-z0-9_:-]*")


def label_of_id(node_id: str) -> str | None:
    prefix = node_id.split(":", 1)[0]
    return next((lab.name for lab in load_schema().labels.values() if lab.prefix == prefix), None)


def _id(raw: Any, col: Column) -> str:
    text = cell_text(raw)
    label = label_of_id(text) if ID_PATTERN.fullmatch(text) else None
    if label is None or label not in col.labels:
        prefixes = ", ".join(f"{load_schema().label(lab).prefix}:" for lab in col.labels)
        raise ValueError(f"not a node id {text!r}: lowercase, starting with {prefixes}")
    return text


def _municipality(raw: Any, col: Column) -> str:
    place = lookup_municipality(cell_text(raw))
    if place is None:
        raise ValueError(f"unknown municipality {cell_text(raw)!r} (not in loaders/data/geography.yaml)")
    return place.name


_PARSERS: dict[str, Callable[[Any, Column], Any]] = {
    "text": lambda raw, col: cell_text(raw),
    "ref": lambda raw, col: cell_text(raw),
    "refs": _list,
    "list": _list,
    "choice": _choice,
    "grondrecht": _grondrecht,
    "number": _number,
    "bool": _bool,
    "line": _line,
    "id": _id,
    "municipality": _municipality,
}


# -- rows ------------------------------------------------------------------------------------------

def parse_table(rows: Iterable[Sequence[Any]], file: str, table: str) -> tuple[list[Record], list[RowError]]:
    """Records of the good rows and a RowError per bad cell (file, row, column). Row 1 is the header;
    blank rows are skipped but keep their number, so that every row is cited where it stands."""
    rows = list(rows)
    if not rows or not any(cell_text(c) for c in rows[0]):
        return [], [RowError("no header row: the first row names the columns", file=file, row=1)]
    index, errors = _header(rows, file, table)
    if any(e.row == 1 and "required column" in str(e) for e in errors):
        return [], errors
    records: list[Record] = []
    seen: dict[tuple, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell_text(c) for c in cells):
            continue
        record, row_errors = _row(cells, number, index, file, table)
        row_errors += _duplicates(record, seen, file, table)
        if row_errors:
            errors.extend(row_errors)
            continue
        for key in _unique_keys(record, table):
            seen[key] = number
        records.append(record)
    return records, errors


def _header(rows: list[Sequence[Any]], file: str, table: str) -> tuple[dict[str, int], list[RowError]]:
    declared = TABLES[table]["columns"]
    index: dict[str, int] = {}
    errors = []
    for pos, raw in enumerate(rows[0]):
        name = english_column(table, cell_text(raw)) or cell_text(raw).lower()  # Dutch or English
        if not name:
            if any(pos < len(r) and cell_text(r[pos]) for r in rows[1:]):
                errors.append(RowError(f"column {pos + 1} has values but no name", file=file, row=1,
                                       column=f"#{pos + 1}"))
        elif name in index:
            errors.append(RowError("the column appears twice", file=file, row=1, column=name))
        elif name not in declared:
            errors.append(RowError(f"unknown column; the {table} table has {', '.join(declared)}",
                                   file=file, row=1, column=name))
        else:
            index[name] = pos
    for col in columns(table):
        if col.required and col.name not in index:
            errors.append(RowError("required column missing: no row of this table can load",
                                   file=file, row=1, column=col.name))
    return index, errors


def _row(cells: Sequence[Any], number: int, index: dict[str, int], file: str,
         table: str) -> tuple[Record, list[RowError]]:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    skipped: list[RowError] = []
    for col in columns(table):
        pos = index.get(col.name)
        raw = cells[pos] if pos is not None and pos < len(cells) else None
        if not cell_text(raw):
            if col.required:
                errors.append(RowError("missing required value", file=file, row=number, column=col.name))
            continue
        cap = MAX_NAME_CHARS if col.name in ("name", "aliases") else MAX_CELL_CHARS
        if len(cell_text(raw)) > cap:  # bounded work for the name matcher and the search analyzer
            errors.append(RowError(f"a value of {len(cell_text(raw))} characters; at most {cap}", file=file,
                                   row=number, column=col.name))
            continue
        if len(cell_text(raw)) > MAX_WORD_CHARS and longest_word(cell_text(raw)) > MAX_WORD_CHARS:
            errors.append(RowError(f"a word of {longest_word(cell_text(raw))} characters without a space; at most "
                                   f"{MAX_WORD_CHARS}", file=file, row=number, column=col.name))
            continue
        try:
            values[col.name] = _PARSERS[col.kind](raw, col)
        except ValueError as exc:
            # A typo in an optional cell costs that cell, not the row; the cells that say which
            # node the row is about, or where it was stated, still reject it.
            (errors if col.required or col.name in _IDENTITY else skipped).append(
                RowError(str(exc), file=file, row=number, column=col.name))
    source = values.pop("source", None)
    if source and "line" not in values and "line" not in {e.column for e in errors}:
        errors.append(RowError("a row with a source needs the line in that source", file=file, row=number,
                               column="line"))
    line = values.pop("line", number)
    sources = [s for s in values.pop("sources", []) if s != (source or file)]
    return Record(table, file, number, values, source or file, line, sources, skipped), errors


_IDENTITY = {"id", "type", "source", "line", "sources"}


def guess_table(header: Sequence[Any]) -> str | None:
    """The table whose columns a header row (English or Dutch) names: every required column
    present, the most known columns; on a tie the first table (organisations before platforms)."""
    best, best_score = None, 0
    for table in TABLES:
        named = {english_column(table, cell_text(c)) for c in header} - {None}
        required = {c.name for c in columns(table) if c.required}
        if required <= named and len(named) > best_score:
            best, best_score = table, len(named)
    return best


def _unique_keys(record: Record, table: str) -> list[tuple]:
    keys = []
    for unique in TABLES[table]["unique"]:
        cols = unique if isinstance(unique, tuple) else (unique,)
        if cols[0] not in record.values or ("id" in record.values and "id" not in cols):
            continue
        keys.append((cols, *(fold_name(str(record.values.get(c, ""))) for c in cols)))
    return keys


def _duplicates(record: Record, seen: dict[tuple, int], file: str, table: str) -> list[RowError]:
    return [RowError(f"duplicate {' + '.join(key[0])}: also on row {seen[key]}", file=file, row=record.row,
                     column=key[0][0])
            for key in _unique_keys(record, table) if key in seen]
