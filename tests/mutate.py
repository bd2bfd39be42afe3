"""A seeded mutator of source documents and sociale-kaart files, shared by the fuzz tests
(tests/test_fuzz_parsers.py, a few seconds per parser) and benchmarks/fuzz_loaders.py (1,000
documents and 200 extra files). Every mutation is a way a real file breaks: cut short, lines lost or
repeated or shuffled, another encoding, stray bytes, a huge line or word, digits changed, cells
emptied or overlong, a damaged zip. The same seed gives the same files."""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from armoedegraaf.errors import ArmoedegraafError, SourceError

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
TABLES = ROOT / "tests" / "fixtures" / "tabular" / "roundtrip"
EXAMPLE_XLSX = ROOT / "data" / "examples" / "sociale-kaart.xlsx"
PREFIXES = ("000", "001", "002", "003", "004")


def _cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _lines(rng: random.Random, data: bytes, op: str) -> bytes:
    lines = data.split(b"\n")
    a = rng.randrange(len(lines))
    b = min(len(lines), a + rng.randint(1, max(1, len(lines) // 10)))
    if op == "drop":
        del lines[a:b]
    elif op == "repeat":
        lines[a:a] = lines[a:b] * rng.randint(2, 5)
    elif op == "shuffle":
        part = lines[a:b]
        rng.shuffle(part)
        lines[a:b] = part
    return b"\n".join(lines)


def _bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        pos = rng.randrange(len(out) + 1)
        out[pos:pos] = bytes(rng.choice([0x00, 0xff, 0xe9, 0x80, 0xc3, 0x0d, 0x22, 0x3b, 0x2c]) for _ in range(rng.randint(1, 4)))
    return bytes(out)


def _encoding(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    return text.encode(rng.choice(["cp1252", "latin-1", "utf-16"]), errors="replace")


def _huge(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    at = rng.randrange(len(lines))
    word = rng.choice([b"kinderarmoede", b"b", b"armoedebestrijdingsplan", "é".encode()])
    lines.insert(at, word * rng.choice([500, 2_000, 30_000]))
    return b"\n".join(lines)


def _digits(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 200)):
        pos = rng.randrange(len(out))
        if chr(out[pos]).isdigit():
            out[pos] = ord(rng.choice("0123456789"))
    return bytes(out)


def _blank(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"", b"\n" * 50, b"\xef\xbb\xbf", b" "])


TEXT_MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    _cut, lambda r, d: _lines(r, d, "drop"), lambda r, d: _lines(r, d, "repeat"),
    lambda r, d: _lines(r, d, "shuffle"), _bytes, _encoding, _huge, _digits, _blank]


def mutate_text(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(TEXT_MUTATIONS)(rng, data) if data else data
    return data


def mutated_sources(rng: random.Random, prefix: str, folder: Path) -> Path:
    """A copy of the bundled sources in `folder` with document `prefix` mutated; returns its path."""
    if not folder.exists():
        shutil.copytree(SOURCES, folder)
    target = next(folder.glob(f"{prefix}_*.txt"))
    original = next(SOURCES.glob(f"{prefix}_*.txt")).read_bytes()
    target.write_bytes(mutate_text(rng, original))
    return target


def _cell_mutation(rng: random.Random, cell: str) -> str:
    return rng.choice([
        "", cell * rng.randint(2, 50), "x" * rng.choice([1_001, 20_001, 100_000]), "=HYPERLINK(\"http://x\")",
        "99999999999999999999", "-1", "12,5.000", "\x00", "é" * 300, "org:" + "a" * 500, " ; ; ", cell[::-1],
        "05;99", "true", "Vereniging", "\"", "\n".join([cell, cell])])


def mutated_csv(rng: random.Random, folder: Path) -> Path:
    """One table CSV of the sociale kaart with some rows, cells or bytes broken."""
    source = rng.choice(sorted(TABLES.glob("*.csv")))
    text = source.read_text(encoding="utf-8")
    if rng.random() < 0.3:
        data = mutate_text(rng, text.encode("utf-8"))
    else:
        import csv

        rows = list(csv.reader(io.StringIO(text)))
        for _ in range(rng.randint(1, 8)):
            r = rng.randrange(len(rows))
            if rows[r]:
                c = rng.randrange(len(rows[r]))
                rows[r][c] = _cell_mutation(rng, rows[r][c])
        if rng.random() < 0.2:
            rows.insert(1, rows[0])  # the header twice
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=rng.choice(["\n", "\r\n"]), delimiter=rng.choice([",", ",", ";"])).writerows(rows)
        data = buffer.getvalue().encode("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    target.write_bytes(data)
    return target


def mutated_xlsx(rng: random.Random, folder: Path) -> Path:
    """The example workbook with cells changed (through openpyxl) or its zip parts damaged."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "sociale-kaart.xlsx"
    if rng.random() < 0.5:
        import openpyxl

        wb = openpyxl.load_workbook(EXAMPLE_XLSX)
        for _ in range(rng.randint(1, 10)):
            ws = rng.choice(wb.worksheets)
            cell = ws.cell(row=rng.randint(1, ws.max_row + 2), column=rng.randint(1, ws.max_column + 1))
            value = rng.choice([_cell_mutation(rng, str(cell.value or "")), 10**30, -3.5, True, None])
            # a workbook cannot hold control characters (Excel refuses them too)
            cell.value = "".join(ch for ch in value if ch >= " ") if isinstance(value, str) else value
        wb.save(target)
        return target
    with zipfile.ZipFile(EXAMPLE_XLSX) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if rng.random() < 0.3:
                data = rng.choice([_cut(rng, data), _bytes(rng, data), b""])
            if rng.random() > 0.05:
                dst.writestr(item, data)
    if rng.random() < 0.2:
        target.write_bytes(_cut(rng, target.read_bytes()))
    return target


@dataclass
class Outcome:
    kind: str  # "ok", "refused" (our error, naming the file) or "unnamed" / "traceback" (bugs)
    message: str = ""


def classify(run: Callable[[], object], file_name: str) -> Outcome:
    """Run one load; an error of ours must name the file, anything else is a bug."""
    try:
        run()
    except SourceError as exc:
        return Outcome("refused" if file_name in str(exc) else "unnamed", str(exc)[:300])
    except ArmoedegraafError as exc:
        return Outcome("refused" if file_name in str(exc) else "unnamed", f"{type(exc).__name__}: {str(exc)[:300]}")
    except Exception as exc:  # noqa: BLE001 - what the fuzzing looks for
        return Outcome("traceback", f"{type(exc).__name__}: {str(exc)[:300]}")
    return Outcome("ok")
