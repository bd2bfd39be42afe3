"""Write the graph as a sociale kaart: the four tables of docs/sociale-kaart-format.md, as a folder
of CSVs or as one workbook, every row with its `source` and `line`.

The export is made to load back on top of the bundled sources and give the same graph:

* every row refers to its node by id, so nothing is resolved differently the second time;
* a relationship that a node row implies (an actor's municipality, an action's plan and
  grondrecht) is written in that row only when it has the row's provenance; otherwise, and for
  every actor relationship, it is a partnerships row with its own `source`, `line`, `as_written`;
* a node's `names` other than its display name are its `aliases`, its other `sources` the
  `sources` column.

What the format has no column for (the action plan's budgets and milestones, a platform's
evidence, minister nodes, REFERS_TO, SIMILAR_TO, MENTIONED_IN ...) stays out: the bundled
sources give it again. `ExportResult.left_out` counts it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import node_id
from graph.schema import load_schema
from loaders.sociale_kaart.format import ACTOR_TYPES, PARTNERSHIP_TYPES, TABLES, columns
from graph.export import FORMULA_STARTS, neutralise
from loaders.sociale_kaart.dutch import DUTCH_TABLES, dutch_header

_ORGANISATION_TYPES = tuple(t for t in ACTOR_TYPES if t != "Platform")  # platforms have their own table
_ROW_RELATIONS = {"LOCATED_IN", "PART_OF", "TARGETS"}  # what node rows may imply


@dataclass
class ExportResult:
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    left_out: Counter = field(default_factory=Counter)  # relationships by type that no row states

    def summary(self) -> str:
        rows = ", ".join(f"{len(r)} {t}" for t, r in self.tables.items())
        out = ", ".join(f"{t} {n}" for t, n in sorted(self.left_out.items()))
        return f"{rows}" + (f"; relationships left out (not in the format): {out}" if out else "")


def export_tables(doc: dict[str, list[dict[str, Any]]]) -> ExportResult:
    """The four tables of a graph export (`store.export()`), rows as {column: value}."""
    nodes = {n["id"]: n for n in doc["nodes"]}
    out_of = {}
    for rel in doc["relationships"]:
        out_of.setdefault(rel["start"], []).append(rel)
    used: set[int] = set()  # ids of relationships a node row states
    result = ExportResult()
    result.tables["organisations"] = [_actor_row(n, out_of, nodes, used) for n in _sorted(nodes, _ORGANISATION_TYPES)]
    result.tables["platforms"] = [_platform_row(n, out_of, nodes, used) for n in _sorted(nodes, ("Platform",))]
    result.tables["actions"] = _action_rows(nodes, out_of, used)
    result.tables["partnerships"] = []
    for rel in doc["relationships"]:
        start = nodes[rel["start"]]
        if id(rel) in used:
            continue
        if rel["type"] in PARTNERSHIP_TYPES and ("Actor" in start["labels"] or "Action" in start["labels"]):
            result.tables["partnerships"].append(_partnership_row(rel, nodes))
        else:  # geography, projects, REFERS_TO, SIMILAR_TO ...: the bundled sources give them
            result.left_out[rel["type"]] += 1
    result.tables = {t: result.tables[t] for t in TABLES}
    return result


def _sorted(nodes: dict[str, dict], labels: tuple[str, ...]) -> list[dict]:
    """Nodes of these labels in provenance order: a re-import meets them as the first load did."""
    chosen = [n for n in nodes.values() if set(labels) & set(n["labels"])]
    return sorted(chosen, key=lambda n: (str(n["properties"].get("source")), n["properties"].get("line", 0), n["id"]))


def _provenance(props: dict[str, Any]) -> dict[str, Any]:
    return {"source": props.get("source"), "line": props.get("line"),
            "sources": [s for s in props.get("sources", []) if s != props.get("source")]}


def _same_place(rel: dict, props: dict[str, Any]) -> bool:
    return (rel["properties"].get("source"), rel["properties"].get("line")) == (props.get("source"), props.get("line"))


def _implied(node: dict, out_of: dict, nodes: dict, rel_type: str, end_label: str, used: set[int]) -> dict | None:
    """The first relationship of this type to a node of this label with the node's own provenance
    (what the node's row states); marked used so that partnerships does not repeat it."""
    for rel in out_of.get(node["id"], []):
        if (rel["type"] == rel_type and end_label in nodes[rel["end"]]["labels"] and id(rel) not in used
                and _same_place(rel, node["properties"])):
            used.add(id(rel))
            return rel
    return None


def _aliases(props: dict[str, Any]) -> list[str]:
    return [n for n in props.get("names", []) if n != props.get("name")]


def _actor_row(node: dict, out_of: dict, nodes: dict, used: set[int]) -> dict[str, Any]:
    props = node["properties"]
    located = _implied(node, out_of, nodes, "LOCATED_IN", "Municipality", used)
    label = next(lab for lab in node["labels"] if lab in _ORGANISATION_TYPES)
    return {"id": node["id"], "name": props.get("name"), "type": label,
            "municipality": nodes[located["end"]]["properties"].get("name") if located else None,
            "aliases": _aliases(props), **_provenance(props)}


def _platform_row(node: dict, out_of: dict, nodes: dict, used: set[int]) -> dict[str, Any]:
    props = node["properties"]
    row = {"id": node["id"], "name": props.get("name"), "aliases": _aliases(props), **_provenance(props)}
    platform_props = load_schema().label("Platform").properties
    row.update({c.name: props.get(c.name) for c in columns("platforms") if c.name in platform_props})
    if props.get("municipality"):  # the row's municipality states LOCATED_IN again: mark it as said
        place = node_id("Municipality", props["municipality"])
        for rel in out_of.get(node["id"], []):
            if rel["type"] == "LOCATED_IN" and rel["end"] == place and _same_place(rel, props):
                used.add(id(rel))
    return row


def _action_rows(nodes: dict, out_of: dict, used: set[int]) -> list[dict[str, Any]]:
    """Action rows; per plan, the row whose provenance is the plan's comes first, so that a
    re-import creates the plan node where the first load did."""
    rows = []
    for node in _sorted(nodes, ("Action",)):
        props = node["properties"]
        plan = _implied(node, out_of, nodes, "PART_OF", "Plan", used)
        plan_props = nodes[plan["end"]]["properties"] if plan else {}
        target = _implied(node, out_of, nodes, "TARGETS", "Grondrecht", used)
        rows.append((0 if plan and _same_place(plan, plan_props) else 1, {
            "code": props.get("code"), "title": props.get("title"), "plan": props.get("plan"),
            "grondrecht": nodes[target["end"]]["properties"].get("code") if target else None,
            "summary": props.get("summary"), "actors": [], **_provenance(props)}))
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def _partnership_row(rel: dict, nodes: dict) -> dict[str, Any]:
    props = rel["properties"]
    names = {end: nodes[rel[end]]["properties"].get("name") for end in ("start", "end")}
    return {"from": rel["start"], "from_name": names["start"], "to": rel["end"], "to_name": names["end"],
            "type": rel["type"],
            **{k: props.get(k) for k in ("role", "responsibility", "as_written", "note", "source", "line")}}


# -- cells and files -------------------------------------------------------------------------------

_AMBIGUOUS = re.compile(r"-?\d{1,3}\.\d{3}")


def cell(value: Any) -> str:
    """A value as the format writes it (and reads it back to the same value)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        # '234.567' would read as ambiguous (thousands separator?); a trailing zero makes it a decimal.
        return text + "0" if _AMBIGUOUS.fullmatch(text) else text
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _table_name(table: str, excel: bool) -> str:
    return next((nl for nl, en in DUTCH_TABLES.items() if en == table), table) if excel else table


def _header(table: str, excel: bool) -> list[str]:
    return [dutch_header(table, c.name) if excel else c.name for c in columns(table)]


def write_csv(result: ExportResult, folder: Path, excel: bool = False) -> list[Path]:
    """One CSV per table in `folder` (created if needed): UTF-8 with ','; with `excel`, what Belgian
    Excel opens by a double click: ';', a BOM, Dutch headers and file names. Text that Excel would run
    as a formula gets a leading "'" (the reader takes it off again)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, rows in result.tables.items():
        path = folder / f"{_table_name(table, excel)}.csv"
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
        names = [c.name for c in columns(table)]
        writer.writerow(_header(table, excel))
        writer.writerows([_csv_cell(row.get(name)) for name in names] for row in rows)
        path.write_text(buffer.getvalue(), encoding="utf-8-sig" if excel else "utf-8", newline="")
        written.append(path)
    return written


def _csv_cell(value: Any) -> str:
    text = cell(value)
    return neutralise(text) if isinstance(value, (str, list)) else text


def write_xlsx(result: ExportResult, path: Path, excel: bool = False) -> Path:
    """One workbook, a sheet per table: names beside ids, true/false as Excel booleans, numbers as
    numbers, a frozen header with filters. Text that looks like a formula is a text cell marked as
    Excel marks typed "'=..." (quotePrefix), never a formula. The bytes depend on the content only
    (fixed timestamps), so an unchanged graph gives the same file."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook(write_only=True)  # streams rows: several times faster
    for table, rows in result.tables.items():
        sheet = workbook.create_sheet(_table_name(table, excel))
        sheet.freeze_panes = "A2"
        names = [c.name for c in columns(table)]
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(rows) + 1}"
        sheet.append(_header(table, excel))
        for row in rows:
            sheet.append([_xlsx_cell(sheet, row.get(n), WriteOnlyCell) for n in names])
    return save_workbook(workbook, path)


def _xlsx_cell(sheet, value: Any, cell_type) -> Any:
    if isinstance(value, (bool, int, float)):
        return value  # bool before int: True stays a boolean cell
    text = cell(value) or None
    if text is not None and text.startswith(FORMULA_STARTS):
        quoted = cell_type(sheet, value=text)
        quoted.data_type, quoted.quotePrefix = "s", True
        return quoted
    return text


def save_workbook(workbook, path: Path) -> Path:
    """Save with fixed timestamps (document properties and zip members): the bytes depend on the
    content only, so regenerating an unchanged workbook changes nothing in git."""
    import datetime as dt

    workbook.properties.created = workbook.properties.modified = dt.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    Path(path).write_bytes(_fixed_zip(buffer.getvalue()))
    return Path(path)


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every timestamp fixed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' with the time of saving
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def export_csv(doc: dict[str, list[dict[str, Any]]], folder: Path, excel: bool = False) -> ExportResult:
    result = export_tables(doc)
    write_csv(result, folder, excel)
    return result


def export_xlsx(doc: dict[str, list[dict[str, Any]]], path: Path, excel: bool = False) -> ExportResult:
    result = export_tables(doc)
    write_xlsx(result, path, excel)
    return result
