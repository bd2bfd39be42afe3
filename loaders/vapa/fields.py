"""Records of the VAPA 2015-2019 action plan (004) and the field-level helpers of its parser.

The block state machine (loaders/vapa/blocks.py) decides which lines belong to which field; this
module turns those lines into values: normalised text, milestone rows, references to other
actions, cabinet mentions, placeholders and draft comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

# Typographic characters that pdftotext keeps and that only get in the way of matching.
_CHAR_MAP = {
    "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
    "\u2013": "-", "\u2010": "-", "\u2026": "...", "\u2022": "-", "\u25aa": "-", "\u2713": "-",
}


def normalise_chars(text: str) -> str:
    """Map curly quotes, dashes, ellipses and bullets to ASCII and drop trailing spaces."""
    for char, plain in _CHAR_MAP.items():  # str.replace is much faster than str.translate here
        if char in text:
            text = text.replace(char, plain)
    return text.rstrip()


_SPACES = re.compile(r"[ \t]+")


def squeeze(text: str) -> str:
    """Collapse runs of spaces (not newlines) and strip each line."""
    if "\n" not in text:
        return _SPACES.sub(" ", text).strip()
    return "\n".join(_SPACES.sub(" ", part).strip() for part in text.split("\n"))


class Line(NamedTuple):
    no: int  # 1-based line number in the source file
    text: str  # normalised characters, no trailing spaces, inner spacing kept
    page_start: bool  # the raw line starts with a space: pdftotext's mark of a new page
    trailing_space: bool  # pdftotext ends text lines with a space, hyperlink annotations without


class FieldValue(NamedTuple):
    text: str  # the field's lines, whitespace-squeezed, joined by newlines
    line: int  # where the value starts
    lines: list[int]  # every line that contributed


class Milestone(NamedTuple):
    year: str  # '2015', '2016-2018', '2015 en 2016', as written (dashes normalised)
    text: str  # the row's text (template markers removed)
    line: int
    marker: str | None = None  # template marker of the year cell: beginfase, nulmeting, einddoel
    lines: tuple[int, ...] = ()  # every line of the row


class Mention(NamedTuple):
    text: str
    line: int
    field: str  # the field the mention sits in


class Artefact(NamedTuple):
    line: int
    kind: str  # page_number | hyperlink
    text: str


@dataclass
class ActionRecord:
    code: str
    line: int
    grondrecht: str
    minister_number: str
    section_grondrecht: str | None
    title: FieldValue | None = None
    budget_text: FieldValue | None = None
    budget_amounts_eur: list[float] = field(default_factory=list)
    evaluation_indicator: FieldValue | None = None
    responsible_cabinet: FieldValue | None = None
    responsible_administration: FieldValue | None = None
    involved_cabinet: FieldValue | None = None
    people_in_poverty: FieldValue | None = None
    involved_administration: FieldValue | None = None
    other_actors: FieldValue | None = None
    summary: FieldValue | None = None
    milestones: list[Milestone] = field(default_factory=list)
    references: list[tuple[str, int]] = field(default_factory=list)
    replaced_by: str | None = None
    editorial_note: str | None = None  # cut from the title (split_editorial_note)
    cabinet_mentions: list[Mention] = field(default_factory=list)
    unassigned_lines: list[tuple[int, str]] = field(default_factory=list)
    label_lines: list[int] = field(default_factory=list)  # lines that hold a label (and maybe a value)
    field_labels: dict[str, int] = field(default_factory=dict)  # field -> line of its label
    artefacts: list[Artefact] = field(default_factory=list)
    duplicate_lines: list[int] = field(default_factory=list)
    end_line: int = 0  # last line of the block (inclusive)


def make_value(parts: list[tuple[int, str]]) -> FieldValue | None:
    """Join (line, fragment) parts into a FieldValue; None when nothing but blanks was collected."""
    parts = [(no, squeeze(text)) for no, text in parts if text.strip()]
    if not parts:
        return None
    return FieldValue("\n".join(t for _, t in parts), parts[0][0], sorted({no for no, _ in parts}))


# --- placeholders and draft comments -------------------------------------------------------

PLACEHOLDERS = {
    "-", "/", "nog te bepalen", "niet voorzien", "nvt", "n.v.t.", "niet van toepassing",
    "neen", "ja", "nog niet bepaald",
}


def placeholder(value: FieldValue | None) -> str | None:
    """The placeholder the whole value consists of ('Nog te bepalen', '-', ...), else None."""
    if value is None:
        return None
    text = " ".join(value.text.split()).strip().rstrip(".").strip().lower()
    return value.text.strip() if text in PLACEHOLDERS or text + "." in PLACEHOLDERS else None


# Questions addressed to colleagues that were left in the fiche ('Gezinsbond ?').
_DRAFT = re.compile(r"\?")


def draft_comment_lines(value: FieldValue | None) -> list[tuple[int, str]]:
    if value is None:
        return []
    return [(no, text) for no, text in zip(value.lines, value.text.split("\n")) if _DRAFT.search(text)]


# --- references to other actions ------------------------------------------------------------

# Codes are written 01_09_04, 08 04 03 or 02-06-09; segment 1 is 00-10 and segment 2 01-09.
_CODE_REF = re.compile(r"(?<![\d/.,])\b(0\d|10)([ _-])(0[1-9])\2(\d\d)\b(?![\d/.,]\d)")


def find_references(lines: list[Line], own_code: str) -> list[tuple[str, int]]:
    refs: list[tuple[str, int]] = []
    if not _CODE_REF.search("\n".join(ln.text for ln in lines)):
        return refs
    for ln in lines:
        for m in _CODE_REF.finditer(ln.text):
            code = f"{m.group(1)}_{m.group(3)}_{m.group(4)}"
            if code != own_code and (code, ln.no) not in refs:
                refs.append((code, ln.no))
    return refs


# Editorial notes glued into a title: 'Vanaf 2017 wordt deze fiche vervangen door actie 06_09_17
# Publiekswerking culturele instellingen' (L14667-14669, the new fiche's title runs on to the next
# line) and 'Linken met actie 01_09_04 Vlaams Kenniscentrum voor Mediawijsheid' (L3118).
_NOTE_START = re.compile(r"^(Vanaf \d{4} wordt deze fiche vervangen door|Linken met) actie \d\d_\d\d_\d\d\b")


def split_editorial_note(title: FieldValue | None) -> tuple[FieldValue | None, str | None, list[int]]:
    """(the title without its editorial note, the note, the note's lines). A note is a title line
    that opens with one of the forms above, with the lines after it up to the next capitalised line."""
    if title is None:
        return None, None, []
    rows = list(zip(title.text.split("\n"), title.lines))
    start = next((i for i, (t, _) in enumerate(rows) if _NOTE_START.match(t.strip())), None)
    if start is None:
        return title, None, []
    end = start + 1
    while end < len(rows) and not rows[end][0].strip()[:1].isupper():
        end += 1
    kept = rows[:start] + rows[end:]
    if not kept:
        return title, None, []  # nothing but the note: keep it as the title rather than lose the block's name
    note = " ".join(t.strip() for t, _ in rows[start:end])
    return FieldValue("\n".join(t for t, _ in kept), kept[0][1], [n for _, n in kept]), note, [n for _, n in rows[start:end]]


# A draft comment at the end of an actor field: '-> de mijlpalen zijn louter Agentschap Jongerenwelzijn.
# zijn er aanvullingen vanuit het departement te vermelden?' (04_06_06, L9976-9980). It names no actor.
_DRAFT_TAIL = re.compile(r"\s*->[^?]*\?\s*$", re.S)


def without_draft_comment(text: str) -> str:
    return _DRAFT_TAIL.sub("", text)


_REPLACED = re.compile(r"vervangen door (?:actie|fiche)\s+(\d\d[ _-]\d\d[ _-]\d\d)", re.I)


def find_replacement(title: FieldValue | None) -> str | None:
    m = _REPLACED.search(title.text.replace("\n", " ")) if title else None
    return re.sub(r"[ -]", "_", m.group(1)) if m else None


# --- cabinet mentions -----------------------------------------------------------------------

_KABINET = re.compile(r"\b([Kk])abinet(?:ten)?\s+(?:van\s+(?:de\s+)?)?(?:minister(?:-\s?president)?\s+)?")
_WORD = re.compile(r"\s*(,\s*|en\s+|&\s*|/\s*)?([\w&'-]+)")


def _cabinet_phrase(text: str, m: re.Match[str]) -> str | None:
    """'Kabinet Welzijn, Volksgezondheid en Gezin', 'kabinet Sport'; not 'het kabinet engageert'.
    After 'Kabinet' the first word may be lowercase ('Kabinet energie'); further words must be
    capitalised, and a next 'Kabinet' starts a mention of its own."""
    pos, first = m.end(), True
    while (w := _WORD.match(text, pos)) and w.group(2).lower() != "kabinet":
        joiner, word = w.group(1), w.group(2)
        if first and (joiner or not (word[:1].isupper() or m.group(1) == "K")):
            break
        if not first and not word[:1].isupper():
            break
        pos, first = w.end(), False
    return None if first else text[m.start():pos]


def minister_pattern(surnames: list[str]) -> re.Pattern[str] | None:
    if not surnames:
        return None
    return re.compile(r"\b[Mm]inister(?:-president)?\s+(?:" + "|".join(map(re.escape, surnames)) + r")\b")


def find_cabinet_mentions(fields: dict[str, list[tuple[int, str]]],
                          ministers: re.Pattern[str] | None) -> list[Mention]:
    """Evidence for the responsible minister: each cabinet-field line, and every 'Kabinet X' or
    'minister <surname>' elsewhere in the block."""
    out: list[Mention] = []
    for name, parts in fields.items():
        for no, text in parts:
            if name in ("responsible_cabinet", "involved_cabinet"):
                if text.strip():
                    out.append(Mention(squeeze(text), no, name))
                continue
            if "abinet" not in text and "inister" not in text:
                continue
            for m in _KABINET.finditer(text):
                if phrase := _cabinet_phrase(text, m):
                    out.append(Mention(phrase.strip(), no, name))
            if ministers is not None:
                out.extend(Mention(m.group(0), no, name) for m in ministers.finditer(text))
    return out


# --- milestones -----------------------------------------------------------------------------

_YEAR = r"20[12]\d"
_YEAR_ROW = re.compile(rf"^\s*(?P<year>{_YEAR}(?:\s*-\s*{_YEAR})*(?P<open>-)?)(?P<rest>.*)$")
# Template markers of the year cell: '(beginfase,' / 'nulmeting)', '(einddoel)', '(nulmeting)'.
_MARKER = re.compile(r"^(?:\((beginfase|nulmeting|einddoel)\s*[,)]?|(beginfase|nulmeting|einddoel)\s*[,)])\s*", re.I)


# Finite verbs that follow a year inside a running sentence ('2015 gaat het VCS uit van ...').
_VERBS = {"is", "was", "zijn", "waren", "wordt", "werd", "worden", "werden", "zal", "zullen", "gaat", "gaan",
          "heeft", "hebben", "had", "startte", "start", "kan", "kunnen", "moet", "moeten", "komt", "kwam"}


def year_row(text: str, strict: bool) -> tuple[str, str] | None:
    """(year, rest) when the line starts a row of the milestone table.

    The year cell is a bare year or range; its text follows after spaces. A year followed by
    ':' or '.', by a date ('2015-09-09'), by a number ('2012 11 418') or, with a single space,
    by a finite verb ('2016 startte er ...') is running text. `strict` (no label seen yet)
    accepts only a bare year, a year with a template marker, or a year followed by 2+ spaces.
    """
    m = _YEAR_ROW.match(text)
    if not m:
        return None
    year, rest = m.group("year"), m.group("rest")
    if re.match(r"^(\s*[:.,;)%]|-?\d|/\d)", rest):
        return None
    body = rest.strip()
    if not body or _MARKER.match(body):
        return year, body
    if strict:
        return (year, body) if rest.startswith("  ") else None
    if re.match(r"^\s\d", rest) and not re.match(rf"^\s+{_YEAR}\b", rest):
        return None  # '2012 11 418' is a table row in the text; '2017 2016: ...' is a year cell
    if rest.startswith(" ") and not rest.startswith("  ") and body.split()[0] in _VERBS:
        return None  # 'In febr' / '2016 startte er een stagiaire': a sentence that runs on
    return year, body


def _first_year(year: str) -> int:
    return int(year[:4])


def parse_milestones(parts: list[tuple[int, str]]) -> tuple[list[Milestone], list[tuple[int, str]]]:
    """Rows of the milestone table; also the fragments before the first row (unassigned)."""
    rows: list[tuple[str, list[tuple[int, str]], int]] = []  # (year, [(line, text)], line)
    before: list[tuple[int, str]] = []
    for no, text in parts:
        hit = year_row(text, strict=False)
        if hit and rows and (_first_year(hit[0]) < _first_year(rows[-1][0]) or hit[0] == rows[-1][0]):
            hit = None  # the template's years go up; an earlier or the same year is a heading in the text
        if hit and rows and (joined := _join_year_cell(rows[-1], hit[0])):
            prev_no = rows[-1][1][0][0]  # keep the first line of the cell, without its 'en'/'tot'
            rows[-1] = (joined, [(prev_no, ""), (no, hit[1])], rows[-1][2])
        elif hit:
            rows.append((hit[0], [(no, hit[1])], no))
        elif rows:
            rows[-1][1].append((no, text))
        elif text.strip():
            before.append((no, text))
    return [_finish_row(*row) for row in rows], before


def _join_year_cell(row: tuple[str, list[tuple[int, str]], int], year: str) -> str | None:
    """'2018-2019-' / '2020-2021' and '2015 en' / '2016' are one year cell over two lines."""
    prev, parts, _ = row
    if len(parts) != 1:
        return None
    rest = parts[0][1].strip()
    if prev.endswith("-") and not rest:
        return prev + year
    return f"{prev} {rest} {year}" if rest in ("en", "tot") else None


def _finish_row(year: str, parts: list[tuple[int, str]], no: int) -> Milestone:
    year = re.sub(r"\s*-\s*", "-", year).rstrip("-")
    markers: list[str] = []
    texts: list[str] = []
    for _, text in parts:
        text = squeeze(text)
        while not texts and (m := _MARKER.match(text)):  # markers only open the cell
            markers.append((m.group(1) or m.group(2)).lower())
            text = text[m.end():]
        if text or texts:
            texts.append(text)
    lines = tuple(sorted({n for n, _ in parts}))
    return Milestone(year, "\n".join(t for t in texts if t), no, ", ".join(markers) or None, lines)
