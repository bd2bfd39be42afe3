"""Parser of the VAPA 2015-2019 action plan inventory (source 004): grondrechten, ministers and
the 201 action fiches with every field and the line it starts on.

`parse_vapa(text, file)` is pure; `read_vapa(path)` reads the file. Layout hazards and what the
parser does about them are described in loaders/vapa/blocks.py (fields of one block) and here
(page artefacts, section headers, block boundaries, duplicates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from armoedegraaf.errors import SourceError
from loaders.vapa.budget import parse_budget_amounts
from loaders.report import LoadReport
from loaders.vapa.blocks import FIELDS, LABEL_NAMES, parse_block
from loaders.vapa.fields import (
    ActionRecord, Artefact, FieldValue, Line, Mention, Milestone, draft_comment_lines, find_cabinet_mentions, split_editorial_note,
    find_references, find_replacement, make_value, minister_pattern, normalise_chars, parse_milestones,
    placeholder,
)

__all__ = [
    "ActionRecord", "FieldValue", "GrondrechtRecord", "Mention", "Milestone", "MinisterRecord",
    "VapaDocument", "parse_vapa",
]


@dataclass(frozen=True)
class GrondrechtRecord:
    code: str  # '00'..'10'
    name: str  # 'alle grondrechten', 'participatie', ...
    line: int


@dataclass(frozen=True)
class MinisterRecord:
    number: str  # '01'..'09', segment 2 of the action codes
    name: str  # 'Geert Bourgeois'
    title: str  # 'Minister-president van de Vlaamse Regering en Vlaams minister'
    line: int


@dataclass
class VapaDocument:
    file: str
    grondrechten: list[GrondrechtRecord] = field(default_factory=list)
    ministers: list[MinisterRecord] = field(default_factory=list)
    actions: list[ActionRecord] = field(default_factory=list)
    report: LoadReport = field(default_factory=LoadReport)

    def action(self, code: str) -> ActionRecord:
        for action in self.actions:
            if action.code == code:
                return action
        raise KeyError(code)


# Fields that hold short values (not prose): placeholders and draft questions are looked for here.
VALUE_FIELDS = ("budget_text", "responsible_cabinet", "evaluation_indicator", "responsible_administration",
                "involved_cabinet", "people_in_poverty", "involved_administration", "other_actors")

_CODE = r"(\d\d)_(\d\d)_(\d\d)"
_ACTIE = re.compile(rf"^\s*ACTIE(?:\s+{_CODE}\b)?\s*(?P<rest>.*)$")  # not 'ACTIEPLAN)'
_BARE_ACTIE = re.compile(r"^\s*ACTIE\s*$")
_CODE_LINE = re.compile(rf"^\s*{_CODE}\b\s*(?P<rest>.*)$")
_SECTION = re.compile(r"^\s*Acties die inzetten op (?:het grondrecht|(?P<all>ALLE grondrechten))\s*$")
_GRONDRECHT = re.compile(r"^\s*(0\d|10) ([a-z][a-z ]+?)\s*$")
_MINISTER = re.compile(r"^\s*(0\d) (.*\bminister) (\S.*?)\s*$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_BARE_URL = re.compile(r"^\s*(?:https?://|www\.)\S+$")


def parse_vapa(text: str, file: str) -> VapaDocument:
    doc = VapaDocument(file)
    lines = split_lines(text)
    artefacts = find_artefacts(lines)
    first_block = next((i for i, ln in enumerate(lines) if _is_actie(lines, i)), len(lines))
    doc.grondrechten, doc.ministers = parse_header(lines[:first_block])
    if not doc.grondrechten or not doc.ministers:
        raise SourceError("no grondrecht or minister list before the first ACTIE", file=file)
    ministers = minister_pattern([m.name.split()[-1] for m in doc.ministers])
    seen: dict[str, ActionRecord] = {}
    for start, end, section in split_blocks(lines, doc, file):
        block_report = LoadReport()  # a repeated block's own warnings would only repeat the first's
        record = parse_action(lines[start:end], artefacts, section, file, block_report, ministers)
        if record.code in seen:
            _duplicate(seen[record.code], record, file, doc.report)
            continue
        doc.report.extend(block_report)
        seen[record.code] = record
        doc.actions.append(record)
    _check_codes(doc, file)
    doc.report.count("actions", len(doc.actions))
    doc.report.count("grondrechten", len(doc.grondrechten))
    doc.report.count("ministers", len(doc.ministers))
    return doc


def split_lines(text: str) -> list[Line]:
    """Number the lines; normalising characters leaves the spaces pdftotext uses as signals."""
    out = []
    for no, raw in enumerate(normalise_chars(text).split("\n"), start=1):
        stripped = raw.rstrip()
        out.append(Line(no, stripped, raw[:1] == " " and bool(stripped), len(stripped) != len(raw)))
    return out


def find_artefacts(lines: list[Line]) -> dict[int, Artefact]:
    """Page numbers, and the hyperlink targets pdftotext appends at the end of a page.

    A hyperlink annotation is a bare URL without the trailing space of text lines, and the next
    non-empty line starts a page (leading space), is another annotation, or ends the file."""
    found: dict[int, Artefact] = {}
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i]
        if _PAGE_NUMBER.match(ln.text):
            found[ln.no] = Artefact(ln.no, "page_number", ln.text.strip())
        elif _BARE_URL.match(ln.text) and not ln.trailing_space:
            nxt = next((n for n in lines[i + 1:] if n.text.strip()), None)
            if nxt is None or nxt.page_start or nxt.no in found:
                found[ln.no] = Artefact(ln.no, "hyperlink", ln.text.strip())
    return found


def parse_header(lines: list[Line]) -> tuple[list[GrondrechtRecord], list[MinisterRecord]]:
    """The numbering lists before the first block: '00 alle grondrechten' and
    '01 Minister-president ... en Vlaams minister Geert Bourgeois'."""
    grondrechten: list[GrondrechtRecord] = []
    ministers: list[MinisterRecord] = []
    for ln in lines:
        if m := _MINISTER.match(ln.text):
            ministers.append(MinisterRecord(m.group(1), m.group(3), m.group(2), ln.no))
        elif m := _GRONDRECHT.match(ln.text):
            grondrechten.append(GrondrechtRecord(m.group(1), m.group(2), ln.no))
    return grondrechten, ministers


def _is_actie(lines: list[Line], i: int) -> bool:
    m = _ACTIE.match(lines[i].text)
    if m is None:
        return False
    if m.group(1):
        return True
    # 'ACTIE' / '05_02_06', maybe with a page number in between
    nxt = next((ln for ln in lines[i + 1:i + 8] if ln.text.strip() and not _PAGE_NUMBER.match(ln.text)), None)
    return nxt is not None and bool(_CODE_LINE.match(nxt.text))


def split_blocks(lines: list[Line], doc: VapaDocument, file: str):
    """Yield (start, end, section grondrecht) index ranges of the ACTIE blocks; section headers
    ('Acties die inzetten op het grondrecht' + its name on the next line) end a block."""
    names = {g.name.lower(): g.code for g in doc.grondrechten}
    section: str | None = None
    start: int | None = None
    i = 0
    while i < len(lines):
        if m := _SECTION.match(lines[i].text):
            if start is not None:
                yield start, i, section
                start = None
            section, i = _section_name(lines, i, m, names, file, doc.report)
            continue
        if _is_actie(lines, i):
            if start is not None:
                yield start, i, section
            start = i
        elif _BARE_ACTIE.match(lines[i].text):
            doc.report.warn(file, lines[i].no, "unparsed_fragment", "'ACTIE' without an action code: "
                            "no block starts here")
        i += 1
    if start is not None:
        yield start, len(lines), section


def _section_name(lines, i, m, names, file, report) -> tuple[str | None, int]:
    if m.group("all"):
        return names.get("alle grondrechten"), i + 1
    j = next((k for k in range(i + 1, len(lines)) if lines[k].text.strip()), len(lines))
    name = lines[j].text.strip().lower() if j < len(lines) else ""
    if name not in names:
        report.warn(file, lines[i].no, "unknown_section", f"section name {name!r} is not a grondrecht")
        return None, i + 1
    return names[name], j + 1


def parse_action(block: list[Line], artefacts: dict[int, Artefact], section: str | None, file: str,
                 report: LoadReport, ministers: re.Pattern[str] | None) -> ActionRecord:
    head = block[0]
    m = _ACTIE.match(head.text)
    content = [ln for ln in block[1:] if ln.text.strip() and ln.no not in artefacts]
    code_line = head
    if not m.group(1):  # the code sits on the next line
        code_line = content.pop(0)
        m = _CODE_LINE.match(code_line.text)
    code = "_".join(m.group(1, 2, 3))
    rest = m.group("rest")
    record = ActionRecord(code, head.no, m.group(1), m.group(2), section, end_line=block[-1].no)
    found = parse_block(content, (code_line.no, rest) if rest.strip() else None)
    record.label_lines = sorted(found.structure | {head.no, code_line.no})
    record.field_labels = dict(found.label_at)
    for name in FIELDS[:-1]:
        setattr(record, name, make_value(found.parts[name]))
    record.milestones, before = parse_milestones(found.parts["milestones"])
    record.budget_amounts_eur = parse_budget_amounts(record.budget_text.text) if record.budget_text else []
    record.artefacts = [artefacts[ln.no] for ln in block if ln.no in artefacts]
    record.unassigned_lines = found.unassigned + [(no, t.strip()) for no, t in before]
    record.references = find_references(block, code)
    record.replaced_by = find_replacement(record.title)
    record.title, record.editorial_note, note_lines = split_editorial_note(record.title)
    for i, no in enumerate(note_lines):  # every line of the note is reported, none silently dropped
        report.warn(file, no, "editorial_note", f"{code}: editorial note cut from the title"
                    + (f": {record.editorial_note!r}" if i == 0 else " (continued)"))
    record.cabinet_mentions = find_cabinet_mentions(found.parts, ministers)
    _warn_block(record, found, before, file, report)
    return record


def _warn_block(record: ActionRecord, found, before, file: str, report: LoadReport) -> None:
    code = record.code
    for no, kind, message in found.problems:
        report.warn(file, no, kind, f"{code}: {message}")
    reached = max((FIELDS.index(f) for f in found.label_at), default=0)
    for name in FIELDS[reached + 1:]:
        report.warn(file, record.end_line, "missing_field",
                    f"{code}: block ends before the {LABEL_NAMES[name]!r} label: {name} left empty")
    for no, text in before:
        report.warn(file, no, "unparsed_fragment", f"{code}: text before the first milestone year: {text!r}")
    for artefact in record.artefacts:
        report.warn(file, artefact.line, "page_artefact", f"{code}: {artefact.kind} {artefact.text!r} dropped")
    for name in VALUE_FIELDS:
        value = getattr(record, name)
        if (text := placeholder(value)) is not None:
            report.warn(file, value.line, "placeholder", f"{code}: {name} is the placeholder {text!r}")
        if name == "evaluation_indicator":
            continue  # indicators are often questions ('Is korting mogelijk op basis van sociale inkomens?')
        for no, text in draft_comment_lines(value):
            report.warn(file, no, "draft_comment", f"{code}: {name} holds a question: {text!r}")
    if record.grondrecht != record.section_grondrecht:
        report.warn(file, record.line, "section_mismatch",
                    f"{code}: grondrecht {record.grondrecht} but in section {record.section_grondrecht}")


def _duplicate(first: ActionRecord, repeat: ActionRecord, file: str, report: LoadReport) -> None:
    first.duplicate_lines.append(repeat.line)
    same = all(_same(getattr(first, f), getattr(repeat, f)) for f in FIELDS[:-1]) and \
        [m[:2] for m in first.milestones] == [m[:2] for m in repeat.milestones]
    report.warn(file, repeat.line, "duplicate_block",
                f"{repeat.code} repeats the block at line {first.line}"
                f"{'' if same else ' with different content'}; the first is kept")


def _same(a: FieldValue | None, b: FieldValue | None) -> bool:
    return (a.text if a else None) == (b.text if b else None)


def _check_codes(doc: VapaDocument, file: str) -> None:
    codes = {a.code for a in doc.actions}
    numbers = {m.number for m in doc.ministers}
    for action in doc.actions:
        for ref, no in action.references:
            if ref not in codes:
                doc.report.warn(file, no, "bad_reference", f"{action.code} refers to {ref}, which is not an action")
        if action.minister_number not in numbers:
            doc.report.warn(file, action.line, "unknown_minister",
                            f"{action.code}: segment {action.minister_number} is not a minister number")
