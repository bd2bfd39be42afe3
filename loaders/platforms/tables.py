"""Reading the flattened PDF tables of the KPMG study (002): column headers and value rows.

pdftotext writes a table row by row: the column headers broken over several lines ('OCMW SH-' /
'Mechelen'), then each row as its cells' texts one after the other, with no delimiter, and empty
cells vanish. So a row can only be read when the number of values found equals the number of
columns; anything else is reported and left unknown, never guessed.

A header is read backwards from its first row label: lines of platform names ('OCMW …', 'vzw …')
up to the caption, row or prose line before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TICK = "\uf0fc"  # the check mark of the study's tables (Wingdings, private use area)
ORG_START = re.compile(r"(?=(?<![\w'])(?:OCMW|OCLW|OCWM|[Vv]zwl?)\b)")
_STOP = re.compile(r"Tabel \d|Figuur \d|ns =|Conclusie|^\s*\d+ [A-Z]|" + TICK)
_LOWER_OK = {"vzw", "vzwl", "en", "de", "des", "et", "lez", "grootsteden", "kleine", "gemeenten",
             "steden/gemeenten"}

# Row labels of the organisation and basic-conditions tables.
ROW_LABELS = re.compile(r"^\s*(Basisvoorwaarden|Doelgroep|Aanwerving/vrijsteling|personeelslid|van een personeelslid|"
                        r"\(voltijds|Organisatie|Inschakeling|ervaringsdeskundige|Overleg|Algemene coördinatie|"
                        r"Doelstellingen bewaken|Actieve inhoudelijke|Administratie en logistiek|Taak \d|Werking)")

TARGET_TOKEN = re.compile(r"\d+\s*-\s*\d+\s*jaar(?:\s*,?\s*focus op\s*\d+\s*-\s*\d+\s*jaar)?|ns\*?")
# Meeting frequencies as the tables write them; longest first so that 'maandelijks of
# 2-maandelijks' is one value. A bracketed remark belongs to the value before it.
FREQUENCY_TOKEN = re.compile(
    r"(?:maandelijks of 2-maandelijks|halfjaarlijks of 2x/jaar|te bepalen in 1ste overleg|minstens 5x/jaar|"
    r"[≥><]\s*5x/jaar|\d-maandelijks|\d-wekelijks|maandelijks|ad hoc|ns\*?)(?:\s*\([^)]*\))?")


@dataclass(frozen=True)
class Entry:
    """One column header (or row head) as written, and the line where it starts."""
    text: str
    line: int


def clean(text: str) -> str:
    """Runs of whitespace as one space; the text itself (quotes, case) stays as written."""
    return " ".join(text.split())


def join_lines(parts: list[tuple[int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Join line texts into one string; a line ending in '-' continues without a space
    ('OCMW SH-' + 'Mechelen'). Returns the text and (offset, line) marks."""
    text, marks = "", []
    for no, part in parts:
        part = part.strip()
        if not part:
            continue
        if text and not text.endswith("-"):
            text += " "
        marks.append((len(text), no))
        text += part
    return text, marks


def line_at(offset: int, marks: list[tuple[int, int]]) -> int:
    return max((no for start, no in marks if start <= offset), default=marks[0][1] if marks else 0)


def _is_header_line(line: str) -> bool:
    if not line.strip():
        return True
    if _STOP.search(line) or ROW_LABELS.match(line) or re.search(r"(^|\s)ns\*?(\s|$)", line):
        return False
    lower = [w for w in line.split() if w[:1].islower() and w.lower() not in _LOWER_OK]
    return len(lower) < 3 and not line.rstrip().endswith((".", ":", ";"))


def header_before(lines: list[str], index: int) -> list[Entry]:
    """The column headers written just above line `index` (0-based), as entries."""
    start = index
    while start > 0 and _is_header_line(lines[start - 1]):
        start -= 1
    parts = [(no + 1, lines[no]) for no in range(start, index)]
    text, marks = join_lines(parts)
    entries = []
    cuts = [m.start() for m in ORG_START.finditer(text)]
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        entries.append(Entry(clean(text[a:b]), line_at(a, marks)))
    return entries


def find_lines(lines: list[str], pattern: str, start: int = 0, end: int | None = None) -> list[int]:
    rx = re.compile(pattern)
    return [i for i in range(start, end if end is not None else len(lines)) if rx.search(lines[i])]


def value_text(lines: list[str], index: int, label: re.Pattern) -> tuple[str, int]:
    """The values of the row whose label starts at line `index`: the rest of that line and the
    lines after it up to the next label, header, caption or page start."""
    first = label.sub("", lines[index], count=1)
    parts, no = [(index + 1, first)], index + 1
    while no < len(lines):
        line = lines[no]
        if line.strip() and (line[:1].isspace() or ROW_LABELS.match(line) or ORG_START.match(line.strip())
                             or _STOP.search(line.replace(TICK, ""))):
            break
        parts.append((no + 1, line))
        no += 1
    text, _ = join_lines(parts)
    return text, index + 1


def tokens(text: str, token: re.Pattern) -> list[str] | None:
    """The values in a row text, or None when something else is left over (the row is garbled)."""
    found = [clean(m.group(0)) for m in token.finditer(text)]
    rest = token.sub(" ", text)
    return found if not rest.strip(" ,") else None


def tick_values(text: str, columns: int) -> list[bool | None] | None:
    """A check-mark row: True/False per column when every column can be placed (all ticked, none
    ticked, or ticks and 'ns' filling every column); None when the positions are lost."""
    marks = [t for t in text.split() if t == TICK or t.startswith("ns")]
    if len(marks) == columns:
        return [True if t == TICK else None for t in marks]
    if not marks:
        return [False] * columns
    return None


def rows_after_header(lines: list[str], index: int, end: int, label: str) -> int | None:
    """Index of the first line in [index, end) that starts with `label`."""
    rx = re.compile(rf"^\s*{label}")
    return next((i for i in range(index, end) if rx.match(lines[i])), None)
