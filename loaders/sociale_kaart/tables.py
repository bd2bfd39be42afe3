"""A coordinator's own sociale kaart: CSV files or one workbook, loaded on top of the bundled sources.

    read_extra(path) -> ExtraDocument        a folder of CSVs, one CSV, or an .xlsx (sheets by name)
    build_extra(doc, resolver, base) -> GraphBatch  its warnings in doc.report
    SOCIALE_KAART                            both as a Source (loaders/protocol.py), for `load --extra`

The format (columns, kinds, defaults) is declared in loaders/sociale_kaart/format.py and documented in
docs/sociale-kaart-format.md. A file that cannot be read at all (wrong encoding, not a CSV, an
unknown table) raises SourceError; a bad row becomes a RowError in `doc.errors` and a `row_error`
warning in the report, and every other row still loads.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armoedegraaf.errors import RowError, SourceError
from graph.model import GraphBatch
from loaders.report import LoadReport, LoadWarning
from loaders.resolution.resolve import Resolver
from loaders.sociale_kaart.build import ExtraBuilder
from loaders.sociale_kaart.format import TABLES, Record, cell_text, guess_table, parse_table
from loaders.sociale_kaart.dutch import decode_text, table_name, unneutralise

ROW_ERROR = "row_error"  # the report's warning kind for a rejected row
CELL_SKIPPED = "cell_skipped"  # ... and for a bad optional cell left out of a row that loads
_TABLE_NAMES = ", ".join(f"{t}.csv" for t in TABLES)


@dataclass
class ExtraDocument:
    name: str  # the file or folder name, for messages
    records: dict[str, list[Record]] = field(default_factory=dict)  # table -> good rows
    errors: list[RowError] = field(default_factory=list)  # every rejected row (parse and build)
    skipped: list[RowError] = field(default_factory=list)  # bad optional cells (their rows load)
    files: dict[str, str] = field(default_factory=dict)  # table -> where it was read
    report: LoadReport = field(default_factory=LoadReport)  # filled by build_extra

    @property
    def file(self) -> str:
        return self.name

    def add_table(self, table: str, rows: list[list[Any]], file: str) -> None:
        if table in self.files:
            raise SourceError(f"the {table} table is given twice ({self.files[table]} and {file})", file=self.name)
        records, errors = parse_table(rows, file, table)
        self.records[table], self.files[table] = records, file
        self.errors.extend(errors)
        self.skipped.extend(e for r in records for e in r.skipped)


# -- reading ---------------------------------------------------------------------------------------

def read_extra(path: Path | str) -> ExtraDocument:
    """Read a folder of table CSVs, one table CSV (named by its table), or a workbook with one sheet
    per table. Raise SourceError when a file cannot be read as such."""
    path = Path(path)
    doc = ExtraDocument(path.name)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            raise SourceError(f"no table CSV in this folder; expected {_TABLE_NAMES}", file=str(path))
        for file in files:
            doc.add_table(_table_of(file.stem, file.name), read_csv_rows(file), file.name)
    elif path.suffix.lower() == ".csv":
        rows = read_csv_rows(path)
        doc.add_table(_table_of(path.stem, path.name, rows), rows, path.name)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = {sheet: rows for sheet, rows in read_xlsx_rows(path).items()
                  if any(cell_text(c) for row in rows for c in row)}  # an empty sheet holds nothing
        for sheet, rows in sheets.items():
            # One sheet alone may have any name (Excel's 'Blad1'): its header says which table it is.
            doc.add_table(_table_of(sheet, f"{path.name}, sheet {sheet!r}", rows if len(sheets) == 1 else None),
                          rows, f"{path.name}#{sheet}")
    elif path.suffix.lower() == ".xls":
        raise SourceError("an old Excel .xls file: save it as .xlsx (or as CSV UTF-8)", file=path.name)
    else:
        raise SourceError(f"not a sociale-kaart file: give a folder of CSVs, a table CSV ({_TABLE_NAMES}) "
                          "or an .xlsx workbook", file=path.name)
    return doc


def _table_of(name: str, where: str, rows: list[list[Any]] | None = None) -> str:
    """The table a file or sheet name names (English or Dutch); failing that, for a lone file or
    sheet (`rows` given), the table its header row fits."""
    table = table_name(name)
    if table in TABLES:
        return table
    guessed = guess_table(rows[0]) if rows else None
    if guessed is None:
        raise SourceError(f"not a table of the sociale kaart; the tables are {', '.join(TABLES)} "
                          "(or in Dutch organisaties, partnerschappen, platformen, acties)", file=where)
    return guessed


def read_csv_rows(path: Path) -> list[list[str]]:
    """The rows of a UTF-8 (with or without BOM) or cp1252 CSV, separated by ',' ';' or tab,
    whichever the header uses: Excel in a Belgian locale writes ';' and cp1252. A cell the export
    neutralised ("'=...") reads as what it was."""
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise SourceError("an Excel workbook, not a CSV: name it .xlsx", file=path.name)
    if b"\x00" in data[:4096]:
        raise SourceError("a binary file, not a CSV", file=path.name)
    try:
        text, _ = decode_text(data)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise SourceError(f"neither UTF-8 nor Windows (cp1252) text (byte 0x{data[exc.start]:02x}): "
                          "save the file as 'CSV UTF-8'", file=path.name, line=line) from exc
    return csv_rows(text, path.name)


def csv_rows(text: str, file: str) -> list[list[str]]:
    """The rows of one CSV text, separated by whichever of ',' ';' or tab its header uses."""
    header = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = max(",;\t", key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return [[unneutralise(c) for c in row] for row in reader]
    except csv.Error as exc:
        raise SourceError(f"not a valid CSV: {exc}", file=file, line=reader.line_num) from exc


def read_xlsx_rows(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's rows (cell values as the workbook holds them), by sheet name."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read_only streams the sheets (fast); it yields a blank row for every row the sheet skips,
        # so that row numbers stay the sheet's.
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise SourceError(f"not a readable .xlsx workbook ({exc})", file=path.name) from exc
    except Exception as exc:  # damaged parts inside a readable zip: XML ParseError, ValueError, ...
        raise SourceError(f"not a readable .xlsx workbook ({type(exc).__name__}: {str(exc)[:120]})",
                          file=path.name) from exc
    try:
        return {ws.title: [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]
                for ws in workbook.worksheets}
    except Exception as exc:  # a cut-short or hand-edited sheet: XML ParseError, BadZipFile, EOFError, ...
        raise SourceError(f"a damaged .xlsx workbook ({type(exc).__name__}): open and save it again in "
                          "Excel, or save it as CSV UTF-8", file=path.name) from exc
    finally:
        workbook.close()


# -- building --------------------------------------------------------------------------------------

def build_extra(doc: ExtraDocument, resolver: Resolver, base: GraphBatch) -> GraphBatch:
    """The nodes and relationships of the document's good rows, on top of `base` (the bundled
    sources' batch so far, which references may name). Rows rejected while building (an unknown
    actor, a relationship the schema does not allow) join doc.errors; doc.report holds one
    `row_error` warning per rejected row."""
    builder = ExtraBuilder(doc, resolver, base)
    batch = builder.build()
    report = doc.report
    for table, records in doc.records.items():
        report.count(f"extra_{table}_rows", len(records) - builder.failed[table])
    report.extend(builder.report)
    for err in doc.skipped:
        report.warn(err.file or doc.name, err.row, CELL_SKIPPED, _message(err) + "; the cell was left out, the row loaded")
    for err in doc.errors:
        report.warn(err.file or doc.name, err.row, ROW_ERROR, _message(err))
    report.count("extra_rows_failed", len({(e.file, e.row) for e in doc.errors}))
    return batch


def _message(err: RowError) -> str:
    """The error without its file (the warning names it already)."""
    text = str(err)
    prefix = f"{err.file}: "
    return text[len(prefix):] if err.file and text.startswith(prefix) else text


@dataclass(frozen=True)
class SocialeKaartSource:
    """A coordinator's tables as a Source: not one text, so `read` takes a folder, a CSV or a
    workbook; `parse` one table CSV given as text."""
    key: str = "sociale_kaart"
    title: str = "Sociale kaart van de coördinator (eigen tabellen)"
    plan: None = None

    def locate(self, sources_dir: Path) -> Path:
        raise SourceError("a coordinator's tables are given by their path (load --extra)", file=str(sources_dir))

    def read(self, path: Path) -> ExtraDocument:
        return read_extra(path)

    def parse(self, text: str, file: str) -> ExtraDocument:
        rows = csv_rows(text, file)
        doc = ExtraDocument(file)
        doc.add_table(_table_of(Path(file).stem, file, rows), rows, file)
        return doc

    def build(self, records: ExtraDocument, resolver: Resolver, base: GraphBatch) -> GraphBatch:
        return build_extra(records, resolver, base)


SOCIALE_KAART = SocialeKaartSource()


def row_errors(report: LoadReport) -> list[LoadWarning]:
    """The rejected rows a load report holds (the CLI exits 1 when there are any)."""
    return [w for w in report.warnings if w.kind == ROW_ERROR]


def own_warnings(report: LoadReport) -> list[LoadWarning]:
    """What the load says about the coordinator's own files (rejected rows, skipped cells), which the
    CLI prints first and apart from the remarks on the bundled sources."""
    return [w for w in report.warnings if w.kind in (ROW_ERROR, CELL_SKIPPED)]


__all__ = ["ExtraDocument", "read_extra", "build_extra", "SOCIALE_KAART", "csv_rows", "row_errors", "own_warnings",
           "read_csv_rows", "read_xlsx_rows", "parse_table", "cell_text", "ROW_ERROR", "CELL_SKIPPED"]
