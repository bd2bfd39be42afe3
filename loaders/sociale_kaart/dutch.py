"""Belgian Excel, both ways: the Dutch names of the sociale-kaart tables and columns, the text
encodings Excel writes, and the neutralising of cells a spreadsheet would run as a formula.

A Flemish coordinator's Excel saves "CSV (gescheiden door lijstscheidingsteken)": `;`, cp1252, no
BOM; its new workbook's one sheet is "Blad1"; its headers are Dutch. The reader accepts all of it
beside the English format (loaders/sociale_kaart/tables.py); `export --excel` writes it (loaders/sociale_kaart/export.py).
This module imports nothing of the format, so that tabular_format can render the Dutch names in
docs/sociale-kaart-format.md without an import cycle.
"""

from __future__ import annotations

import unicodedata

from graph.export import FORMULA_STARTS

# Dutch file/sheet name -> table.
DUTCH_TABLES = {"organisaties": "organisations", "partnerschappen": "partnerships",
                "samenwerkingen": "partnerships", "platformen": "platforms", "acties": "actions"}

# table -> English column -> the Dutch header the export writes (the first) and the other Dutch
# headers the reader accepts.
DUTCH_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "organisations": {"id": ("id",), "name": ("naam",), "type": ("soort", "type"),
                      "municipality": ("gemeente",), "aliases": ("andere namen", "aliassen"),
                      "source": ("bron",), "line": ("regel", "lijn"), "sources": ("andere bronnen", "bronnen")},
    "partnerships": {"from": ("van",), "to": ("naar",), "from_name": ("van (naam)",), "to_name": ("naar (naam)",),
                     "type": ("soort", "type"), "role": ("rol",),
                     "responsibility": ("verantwoordelijkheid",), "as_written": ("zoals geschreven",),
                     "note": ("notitie", "opmerking"), "source": ("bron",), "line": ("regel", "lijn")},
    "platforms": {"id": ("id",), "name": ("naam",), "aliases": ("andere namen", "aliassen"),
                  "municipality": ("gemeente",), "lead": ("trekker",), "target_group": ("doelgroep",),
                  "size_group": ("grootteklasse",), "meeting_frequency": ("vergaderfrequentie",),
                  "status": ("status",), "subsidy_eur": ("subsidie eur", "subsidie"),
                  "staff_hired": ("personeel aangeworven",), "ervaringsdeskundige": ("ervaringsdeskundige",),
                  "flemish_subsidy": ("vlaamse subsidie",), "roles": ("rollen",), "tasks": ("taken",),
                  "partner_categories": ("soorten partners", "partnercategorieen"),
                  "good_practices": ("goede praktijken",), "source": ("bron",), "line": ("regel", "lijn"),
                  "sources": ("andere bronnen", "bronnen")},
    "actions": {"code": ("code",), "title": ("titel",), "plan": ("plan",), "grondrecht": ("grondrecht",),
                "summary": ("samenvatting",), "actors": ("actoren", "betrokkenen"), "source": ("bron",),
                "line": ("regel", "lijn"), "sources": ("andere bronnen", "bronnen")},
}

def header_key(text: str) -> str:
    """A header as it is compared: accents folded, lowercase, '_' '-' and spaces as one space."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(folded.replace("_", " ").replace("-", " ").split())


def english_column(table: str, header: str) -> str | None:
    """The English column a (Dutch or English) header names in `table`, or None."""
    key = header_key(header)
    for column, dutch in DUTCH_COLUMNS[table].items():
        if key == header_key(column) or key in (header_key(d) for d in dutch):
            return column
    return None


def dutch_header(table: str, column: str) -> str:
    return DUTCH_COLUMNS[table][column][0]


def table_name(name: str) -> str:
    """A file or sheet name as a table name: Dutch names read as their English table."""
    key = header_key(name)
    return DUTCH_TABLES.get(key, key)


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, else cp1252 (what Excel writes for 'CSV
    (gescheiden door lijstscheidingsteken)' in a Belgian locale). UnicodeDecodeError when neither."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"  # strict: the five bytes cp1252 leaves undefined raise


def unneutralise(value: str) -> str:
    """A neutralised cell ("'=...") read back as what it was."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


# Dutch values of the `type` (soort) columns -> the schema's names (compared with header_key).
DUTCH_CHOICES = {
    "organisatie": "Organisation", "administratie": "Administration", "agentschap": "Administration",
    "kabinet": "Cabinet", "platform": "Platform", "lokaal overleg": "Platform",
    "huis van het kind": "HuisVanHetKind", "lokaal team": "LocalTeam",
    "partner van": "PARTNER_OF", "werkt samen met": "PARTNER_OF", "trekt": "LEADS", "trekker van": "LEADS",
    "werkt mee aan": "INVOLVED_IN", "betrokken bij": "INVOLVED_IN", "verantwoordelijk voor": "RESPONSIBLE_FOR",
    "is verantwoordelijk voor": "RESPONSIBLE_FOR", "deel van": "PART_OF", "maakt deel uit van": "PART_OF",
    "ligt in": "LOCATED_IN", "gevestigd in": "LOCATED_IN", "opgevolgd door": "SUCCEEDED_BY",
}


def choice_of(text: str) -> str | None:
    return DUTCH_CHOICES.get(header_key(text))
