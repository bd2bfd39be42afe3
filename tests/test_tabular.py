"""A coordinator's sociale kaart (CSV folder or workbook) on top of the bundled sources: what it adds,
that loading twice changes nothing, the export round trip, and every bad row reported by file,
row and column while the good rows load."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from armoedegraaf.cli import cli
from armoedegraaf.errors import SourceError
from graph.memory_store import MemoryStore
from graph.model import GraphBatch
from loaders.pipeline import build_graph
from loaders.resolution.resolve import Resolver
from loaders.sociale_kaart.tables import build_extra, read_extra, row_errors
from loaders.sociale_kaart.export import cell, export_csv, export_tables, export_xlsx
from loaders.sociale_kaart.docs import DOCS_BEGIN, docs_with_tables
from loaders.sociale_kaart.format import parse_table

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
EXAMPLE = ROOT / "data" / "examples" / "sociale-kaart"
EXAMPLE_XLSX = ROOT / "data" / "examples" / "sociale-kaart.xlsx"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tabular"
PLAN = "plan:lokaal-actieplan-kinderarmoede-boom-voorbeeld"
ACTION = "action:lokaal-actieplan-kinderarmoede-boom-voorbeeld:"
OVERLEG = "platform:overleg-kinderarmoede-boom"


@pytest.fixture(scope="module")
def example():
    """The bundled sources plus the example CSV folder, through the pipeline."""
    return build_graph(SOURCES, [EXAMPLE])


def _stored(batch: GraphBatch) -> dict:
    store = MemoryStore.open(None)
    store.write(batch)
    return store.export()


def _rels(batch: GraphBatch, rel_type: str, start: str, end: str) -> list[dict]:
    return [r.properties for r in batch.relationships.values() if (r.type, r.start, r.end) == (rel_type, start, end)]


# -- the example -----------------------------------------------------------------------------------

def test_example_adds_its_rows_to_the_bundled_graph(example, seed_load):
    batch = example.batch
    assert row_errors(example.report) == []
    assert {k: example.report.counts[k] for k in ("extra_organisations_rows", "extra_partnerships_rows",
                                                   "extra_platforms_rows", "extra_actions_rows")} == \
        {"extra_organisations_rows": 6, "extra_partnerships_rows": 7, "extra_platforms_rows": 1,
         "extra_actions_rows": 3}
    new = set(batch.nodes) - set(seed_load.batch.nodes)
    passages = {n for n in new if "Passage" in batch.nodes[n].labels}  # the coordinator's rows, searchable by meaning
    assert new - passages == {"org:buurtwerk-boom", "org:speelotheek-boom", OVERLEG, PLAN,
                              f"{ACTION}boom-01", f"{ACTION}boom-02", f"{ACTION}boom-03"}
    assert {batch.nodes[n].properties["doc"] for n in passages} == {f"{ACTION}boom-0{i}" for i in (1, 2, 3)}
    buurtwerk = batch.nodes["org:buurtwerk-boom"].properties
    assert (buurtwerk["name"], buurtwerk["source"], buurtwerk["line"]) == ("Buurtwerk Boom", "organisations.csv", 6)
    assert _rels(batch, "LOCATED_IN", "org:buurtwerk-boom", "municipality:boom")[0]["line"] == 6
    overleg = batch.nodes[OVERLEG].properties
    assert (overleg["municipality"], overleg["province"], overleg["staff_hired"], overleg["tasks"]) == \
        ("Boom", "Antwerpen", True, ["detectie", "toeleiding", "netwerking"])
    assert overleg["names"] == ["Overleg kinderarmoede Boom", "Kinderarmoedeoverleg Boom"]


def test_a_coordinators_spelling_meets_the_plans_node(example, seed_load):
    batch = example.batch
    assert "org:kind-en-gezin" not in batch.nodes  # 'Kind & Gezin' is the plan's 'Kind en Gezin'
    kg = batch.nodes["administration:kind-en-gezin"].properties
    assert (kg["name"], kg["source"], kg["line"]) == ("Kind en Gezin", "004_0bee7784f433cdc9.txt", 5069)
    assert kg["sources"][-1] == "organisations.csv"
    partner = _rels(batch, "PARTNER_OF", "administration:kind-en-gezin", OVERLEG)
    assert partner == [{"as_written": "Kind & Gezin", "source": "partnerships.csv", "line": 4, "key": ""}]
    involved = _rels(batch, "INVOLVED_IN", "administration:kind-en-gezin", f"{ACTION}boom-02")
    assert involved[0] | {} == {"role": "other", "as_written": "Kind & Gezin", "source": "actions.csv",
                                "line": 3, "key": "other"}
    # 'Sociaal Huis Boom' is an alias of the OCMW; the row about the existing node keeps its name.
    assert batch.nodes["org:ocmw-boom"].properties["name"] == "OCMW Boom"
    assert "Sociaal Huis Boom" in batch.nodes["org:ocmw-boom"].properties["names"]
    # A row citing the handbook adds that document, not organisations.csv, to the node's sources.
    assert "organisations.csv" not in batch.nodes["org:gezinsbond"].properties["sources"]
    # Every node of the bundled sources keeps its first provenance.
    for nid, node in seed_load.batch.nodes.items():
        props = batch.nodes[nid].properties
        assert (props["source"], props["line"]) == (node.properties["source"], node.properties["line"]), nid


def test_references_by_id_name_code_and_resolver(example):
    batch = example.batch
    assert _rels(batch, "LEADS", "hvhk:huis-van-het-kind-boom", OVERLEG)[0]["line"] == 2
    assert _rels(batch, "PARTNER_OF", "org:netwerk-tegen-armoede", OVERLEG)[0]["note"] == "lid van de stuurgroep"
    assert _rels(batch, "PARTNER_OF", "localteam:lokale-teams-antwerpen", OVERLEG)
    responsible = _rels(batch, "RESPONSIBLE_FOR", "org:gemeente-boom", f"{ACTION}boom-01")  # name, resolver; code
    assert responsible == [{"responsibility": "responsible", "as_written": "Gemeente Boom",
                            "source": "partnerships.csv", "line": 8, "key": ""}]
    action = batch.nodes[f"{ACTION}boom-03"].properties
    assert (action["code"], action["plan"], action["line"]) == ("BOOM-03", batch.nodes[PLAN].properties["name"], 4)
    assert _rels(batch, "TARGETS", f"{ACTION}boom-03", "grondrecht:06")
    assert _rels(batch, "PART_OF", f"{ACTION}boom-03", PLAN)
    assert _rels(batch, "INVOLVED_IN", "org:netwerk-tegen-armoede", f"{ACTION}boom-03")
    assert batch.nodes[PLAN].properties["line"] == 2


def _in_workbook(value, workbook: str):
    """A CSV folder's provenance as the workbook cites the same row: 'actions.csv' -> 'kaart.xlsx#actions'."""
    if isinstance(value, list):
        return [_in_workbook(v, workbook) for v in value]
    if isinstance(value, str) and value.endswith(".csv") and "/" not in value:
        return f"{workbook}#{value[:-4]}"
    return value


def test_the_workbook_gives_the_same_graph_as_the_csv_folder(seed_load):
    from_csv = build_extra(read_extra(EXAMPLE), Resolver(), seed_load.batch)
    from_xlsx = build_extra(read_extra(EXAMPLE_XLSX), Resolver(), seed_load.batch)
    assert from_xlsx.nodes["org:buurtwerk-boom"].properties["source"] == "sociale-kaart.xlsx#organisations"
    for item in [*from_csv.nodes.values(), *from_csv.relationships.values()]:
        item.properties = {k: _in_workbook(v, EXAMPLE_XLSX.name) if k in ("source", "sources") else v
                           for k, v in item.properties.items()}
    assert from_xlsx.nodes == from_csv.nodes
    assert list(from_xlsx.relationships.values()) == list(from_csv.relationships.values())


def test_loading_twice_changes_nothing(example, seed_load):
    store = MemoryStore.open(None)
    store.write(example.batch)
    once = store.export()
    store.write(example.batch)
    assert store.export() == once
    # Building the document again gives the same nodes and relationships (stable ids).
    doc_a, doc_b = read_extra(EXAMPLE), read_extra(EXAMPLE)
    a = build_extra(doc_a, Resolver(), seed_load.batch)
    b = build_extra(doc_b, Resolver(), seed_load.batch)
    assert a.nodes == b.nodes and a.relationships == b.relationships


# -- export and round trip -------------------------------------------------------------------------

def test_export_then_import_gives_the_identical_graph(store, example, tmp_path):
    """Load the example, export it, load the export into a fresh store: the same graph, on each backend."""
    store.replace(example.batch)
    first = store.export()
    result = export_csv(first, tmp_path / "kaart")
    rows = {r["id"]: r for r in result.tables["organisations"]}
    assert rows["org:buurtwerk-boom"] | {} == {"id": "org:buurtwerk-boom", "name": "Buurtwerk Boom",
                                               "type": "Organisation", "municipality": "Boom", "aliases": [],
                                               "source": "organisations.csv", "line": 6, "sources": []}
    assert rows["administration:kind-en-gezin"]["sources"][-1] == "organisations.csv"
    assert {"from": "administration:kind-en-gezin", "from_name": "Kind en Gezin", "to": OVERLEG,
            "to_name": "Overleg kinderarmoede Boom", "type": "PARTNER_OF", "as_written": "Kind & Gezin",
            "source": "partnerships.csv", "line": 4} in [{k: v for k, v in r.items() if v} for r in
                                                         result.tables["partnerships"]]
    again = build_graph(SOURCES, [tmp_path / "kaart"])
    assert row_errors(again.report) == []
    store.replace(again.batch)
    assert store.export() == first


def _on_seed(seed_load, path: Path) -> tuple[GraphBatch, list]:
    """The bundled sources' batch plus one extra, without the pipeline's derived steps (search
    terms, overlap): what the format itself carries."""
    merged = GraphBatch()
    merged.extend(seed_load.batch)
    doc = read_extra(path)
    merged.extend(build_extra(doc, Resolver(), merged))
    return merged, doc.errors


def test_round_trip_of_rows_about_existing_nodes(seed_load, tmp_path):
    """Rows that add to the bundled nodes: a second municipality, a platform's changed properties, an
    action in the VAPA plan, a sub-unit with its parent, a partnership that restates a row's LOCATED_IN."""
    first, errors = _on_seed(seed_load, FIXTURES / "roundtrip")
    assert errors == []
    assert _rels(first, "LOCATED_IN", "administration:kind-en-gezin", "municipality:sint-gillis")[0]["line"] == 2
    assert _rels(first, "LOCATED_IN", "org:testvereniging-boom", "municipality:boom")[0]["source"] == "partnerships.csv"
    assert _rels(first, "PART_OF", "administration:afdeling-testzaken",
                 "administration:departement-welzijn-volksgezondheid-en-gezin")
    boom = first.nodes["platform:ocmw-boom"].properties
    assert (boom["target_group"], boom["municipality"], boom["subsidy_eur"], boom["line"]) == \
        ("0-18 jaar", "Antwerpen", 234.567, 1161)
    assert first.nodes["plan:vapa-2015-2019"].properties["sources"][-1] == "actions.csv"
    doc = _stored(first)
    result = export_csv(doc, tmp_path / "kaart")
    assert {"from": "administration:kind-en-gezin", "from_name": "Kind en Gezin", "to": "municipality:sint-gillis",
            "to_name": "Sint-Gillis", "type": "LOCATED_IN", "source": "organisations.csv", "line": 2} in [{k: v for k, v in r.items() if v} for r in
                                                          result.tables["partnerships"]]
    again, errors = _on_seed(seed_load, tmp_path / "kaart")
    assert errors == []
    assert _stored(again) == doc


def test_the_exported_workbook_holds_the_exported_csv_rows(example, tmp_path):
    doc = _stored(example.batch)
    export_csv(doc, tmp_path / "kaart")
    export_xlsx(doc, tmp_path / "kaart.xlsx")
    from_csv, from_xlsx = read_extra(tmp_path / "kaart"), read_extra(tmp_path / "kaart.xlsx")
    assert from_csv.errors == from_xlsx.errors == []
    for table, records in from_csv.records.items():
        assert [(r.row, r.values, r.source, r.line, r.sources) for r in records] == \
            [(r.row, r.values, r.source, r.line, r.sources) for r in from_xlsx.records[table]], table


def test_export_cells_read_back_as_the_same_values():
    rows = [["name", "subsidy_eur", "staff_hired", "roles"],
            ["P", cell(234.567), cell(True), cell(["a", "b c"])],
            ["Q", cell(25000.0), cell(False), cell([])]]
    records, errors = parse_table(rows, "platforms.csv", "platforms")
    assert errors == []
    assert [(r.values.get("subsidy_eur"), r.values.get("staff_hired"), r.values.get("roles")) for r in records] == \
        [(234.567, True, ["a", "b c"]), (25000.0, False, None)]


def test_export_leaves_out_only_what_the_format_cannot_hold(example):
    result = export_tables(_stored(example.batch))
    # INSTANCE_OF / MEMBER_OF follow from an actor's name at every load (loaders/resolution/actor_nodes.py); the
    # PART_OF a project has to its Huis van het Kind comes from the handbook, and FUNDS from the curated
    # budgets of 004 (loaders/data/funds.yaml), which every load reads.
    assert set(result.left_out) <= {"LOCATED_IN", "REFERS_TO", "SIMILAR_TO", "TARGETS", "MENTIONED_IN",
                                    "INSTANCE_OF", "MEMBER_OF", "PART_OF", "FUNDS"}
    assert len(result.tables["actions"]) == sum(1 for n in example.batch.nodes.values() if "Action" in n.labels)


# -- bad rows --------------------------------------------------------------------------------------

BROKEN_CELLS = {
    ("organisations.csv", 1, "colour"), ("organisations.csv", 3, "type"), ("organisations.csv", 4, "name"),
    ("organisations.csv", 6, "id"), ("organisations.csv", 7, "name"),
    ("organisations.csv", 8, "type"), ("organisations.csv", 9, "name"),
    ("partnerships.csv", 3, "from"), ("partnerships.csv", 4, "to"), ("partnerships.csv", 5, "type"),
    ("partnerships.csv", 6, "to"), ("partnerships.csv", 7, "line"), ("partnerships.csv", 8, "line"),
    ("partnerships.csv", 9, "from"),
    ("actions.csv", 4, "actors"), ("actions.csv", 5, "code"), ("actions.csv", 6, "code"),
}
# A bad optional cell costs that cell only: reported, left out, its row loads.
SKIPPED_CELLS = {("organisations.csv", 5, "municipality"), ("platforms.csv", 3, "subsidy_eur"),
                 ("platforms.csv", 4, "staff_hired"), ("actions.csv", 3, "grondrecht")}


def test_every_bad_row_is_named_and_the_good_rows_load(seed_load):
    doc = read_extra(FIXTURES / "broken")
    batch = build_extra(doc, Resolver(), seed_load.batch)
    assert {(e.file, e.row, e.column) for e in doc.errors} == BROKEN_CELLS
    assert {(e.file, e.row, e.column) for e in doc.skipped} == SKIPPED_CELLS
    assert len(row_errors(doc.report)) == len(BROKEN_CELLS)
    assert len([w for w in doc.report.warnings if w.kind == "cell_skipped"]) == len(SKIPPED_CELLS)
    messages = {(e.file, e.row): str(e) for e in doc.errors + doc.skipped}
    assert "unknown type 'Vereniging'" in messages[("organisations.csv", 3)]
    assert "unknown actor 'Onbekende Vereniging Xyzzy'" in messages[("partnerships.csv", 3)]
    assert "bad grondrecht code '11'" in messages[("actions.csv", 3)]
    assert "duplicate" in messages[("organisations.csv", 7)]
    # The good rows: one new organisation, an alias, a partnership, a platform, an action.
    assert batch.nodes["org:buurtwerk-boom"].properties["line"] == 2
    assert "Gezinsbond Boom" in batch.nodes["org:gezinsbond"].properties["names"]
    assert _rels(batch, "PARTNER_OF", "org:buurtwerk-boom", "hvhk:huis-van-het-kind-boom")
    assert batch.nodes[OVERLEG].properties["subsidy_eur"] == 25000.0
    assert _rels(batch, "INVOLVED_IN", "org:buurtwerk-boom", "action:testplan:t-01")
    # A rejected row leaves nothing, not even its good parts (T-03's known actor).
    assert not {"action:testplan:t-03", "org:vzw-zonder-type"} & set(batch.nodes)
    # A row with a bad optional cell loads without that cell.
    assert {"action:testplan:t-02", "platform:platform-twee", "org:speelotheek-boom"} <= set(batch.nodes)
    assert not [r for r in batch.relationships.values() if r.start == "org:speelotheek-boom" and r.type == "LOCATED_IN"]
    assert not [r for r in batch.relationships.values() if r.end == "action:testplan:t-03"]
    merged = GraphBatch()
    merged.extend(seed_load.batch)
    merged.extend(batch)
    merged.validate()  # what is kept fits the schema


@pytest.mark.parametrize("folder, message", [
    ("undecodable", "organisations.csv:2: neither UTF-8 nor Windows (cp1252) text"),
    ("binary", "organisations.csv: a binary file, not a CSV"),
    ("unknown-table", "adressen.csv: not a table of the sociale kaart"),
    ("bad-quote", "partnerships.csv:2: not a valid CSV"),
])
def test_an_unreadable_file_is_a_clear_source_error(folder, message):
    with pytest.raises(SourceError) as exc:
        read_extra(FIXTURES / folder)
    assert str(exc.value).startswith(message)


def test_a_windows_csv_reads_as_cp1252():
    doc = read_extra(FIXTURES / "latin1")  # 'Café' saved by Excel as Windows text
    assert doc.errors == [] and [r.values["name"] for r in doc.records["organisations"]] == \
        ["Sociaal Huis Sint-Gillis", "Café Café"]


def test_an_excel_csv_in_a_dutch_locale_reads(tmp_path):
    doc = read_extra(FIXTURES / "excel-nl" / "organisations.csv")  # BOM, ';', CRLF
    assert doc.errors == []
    assert [(r.values["name"], r.values["municipality"], r.values.get("aliases")) for r in doc.records["organisations"]] \
        == [("Buurtwerk Boom", "Boom", ["BW Boom", "Buurtwerk"]), ("Speelotheek Boom", "Boom", None)]
    (tmp_path / "notes.txt").write_text("not a table")
    with pytest.raises(SourceError, match="no table CSV"):
        read_extra(tmp_path)


def test_workbook_sheets_by_name(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Blad1"  # left empty: skipped
    sheet = workbook.create_sheet("Organisations")
    sheet.append(["Name", "Type"])
    sheet.append(["Buurtwerk Boom", "organisation"])
    workbook.save(tmp_path / "kaart.xlsx")
    doc = read_extra(tmp_path / "kaart.xlsx")
    assert [(r.file, r.row, r.values) for r in doc.records["organisations"]] == \
        [("kaart.xlsx#Organisations", 2, {"name": "Buurtwerk Boom", "type": "Organisation"})]
    workbook.create_sheet("Notities").append(["bel Jan"])
    workbook.save(tmp_path / "kaart.xlsx")
    with pytest.raises(SourceError, match="sheet 'Notities': not a table"):
        read_extra(tmp_path / "kaart.xlsx")
    (tmp_path / "kapot.xlsx").write_bytes(b"not a zip")
    with pytest.raises(SourceError, match="not a readable .xlsx"):
        read_extra(tmp_path / "kapot.xlsx")


def test_workbook_cells_and_row_numbers():
    rows = [["Code", "Plan", "Grondrecht", "Line", "Source"],
            ["A1", "P", 5, None, None],
            [None, None, None, None, None],  # blank: skipped, but row 4 stays row 4
            ["A2", "P", 5.0, 12, "004_0bee7784f433cdc9.txt"],
            ["A3", "P", 5.5, None, None]]
    records, errors = parse_table(rows, "kaart.xlsx#actions", "actions")
    assert errors == []
    assert [(r.row, r.values.get("grondrecht"), r.source, r.line) for r in records] == \
        [(2, "05", "kaart.xlsx#actions", 2), (4, "05", "004_0bee7784f433cdc9.txt", 12), (5, None, "kaart.xlsx#actions", 5)]
    assert [(e.file, e.row, e.column) for r in records for e in r.skipped] == [("kaart.xlsx#actions", 5, "grondrecht")]


# -- the command line ------------------------------------------------------------------------------

def test_cli_loads_the_good_rows_and_exits_1(tmp_path):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "g")]
    loaded = runner.invoke(cli, [*data, "load", "--quiet", "--extra", str(FIXTURES / "broken")])
    assert loaded.exit_code == 1
    assert "organisations.csv:3: row_error: row 3, column 'type': unknown type 'Vereniging'" in loaded.output
    assert f"error: {len(BROKEN_CELLS)} row errors" in loaded.output
    stored = json.loads((tmp_path / "g" / "graph.json").read_text(encoding="utf-8"))
    ids = {n["id"] for n in stored["nodes"]}
    assert {"org:buurtwerk-boom", OVERLEG, "action:testplan:t-01", "grondrecht:05"} <= ids
    assert "action:testplan:t-03" not in ids

    exported = runner.invoke(cli, [*data, "export", "--format", "csv", "-o", str(tmp_path / "csv")])
    assert exported.exit_code == 0, exported.output
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == \
        ["actions.csv", "organisations.csv", "partnerships.csv", "platforms.csv"]
    assert "org:buurtwerk-boom,Buurtwerk Boom,Organisation,Boom,,organisations.csv,2," in \
        (tmp_path / "csv" / "organisations.csv").read_text(encoding="utf-8")
    assert runner.invoke(cli, [*data, "export", "--format", "xlsx", "-o", str(tmp_path / "k.xlsx")]).exit_code == 0
    workbook = openpyxl.load_workbook(tmp_path / "k.xlsx", read_only=True)
    assert workbook.sheetnames == ["organisations", "partnerships", "platforms", "actions"]
    workbook.close()
    assert runner.invoke(cli, [*data, "export", "--format", "csv"]).exit_code == 2  # needs -o


def test_cli_unreadable_extra_writes_nothing(tmp_path):
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "g"), "load", "--quiet",
                                      "--extra", str(FIXTURES / "undecodable")])
    assert result.exit_code == 1
    assert "neither UTF-8 nor Windows (cp1252) text" in result.output
    assert not (tmp_path / "g" / "graph.json").exists()


def test_the_docs_show_the_declared_columns():
    text = (ROOT / "docs" / "sociale-kaart-format.md").read_text(encoding="utf-8")
    assert DOCS_BEGIN in text and docs_with_tables(text) == text
