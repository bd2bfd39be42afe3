"""Reading the slide deck of Opgroeien's poverty plan (003): sections, slides and their labels,
bullets, the planning table and the overview lists. Used by loaders/opgroeien/plan.py.

Every slide of section 3 repeats the title '3. Inhoudelijke lijnen armoedeplan Opgroeien' and
carries one label line that says what the slide is about: a line of policy, an afdeling's theme,
or 'Op de brug tussen afdelingen'. The label mostly closes the slide's text, sometimes follows the
title ('PGJO'); 'Afdelingsoverschrijdend' and 'Afdelingsspecifiek' divide the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from loaders.local_graph import Fact
from loaders.report import LoadReport

# The labels of section 3 (kind, afdeling). 'line': one of the plan's lines of policy.
VISION = "Een gemeenschappelijke visie en kader"
LABELS: dict[str, tuple[str, str | None]] = {
    VISION: ("line", None),
    "Competentieversterking": ("line", None),
    "Impactgericht en onderbouwd werken": ("line", None),
    "Ervaringsdeskundigheid en ervaringskennis": ("line", None),
    "Expliciteren van maximale rechtenrealisatie in onze dienstverlening": ("line", None),
    "Toegankelijke communicatie": ("line", None),
    "Groeipakket": ("afdeling", "Groeipakket"),
    "Kinderopvang": ("afdeling", "Kinderopvang"),
    "Preventieve Gezins- en Jongerenondersteuning": ("afdeling", "Preventieve Gezins- en Jongerenondersteuning"),
    "PGJO": ("afdeling", "Preventieve Gezins- en Jongerenondersteuning"),
    "Jeugdhulp": ("afdeling", "Jeugdhulp"),
    "Jeugdhulp - pleegzorg": ("afdeling", "Jeugdhulp"),
    "Jeugdhulp - jongvolwassenen": ("afdeling", "Jeugdhulp"),
    "Op de brug tussen afdelingen": ("bridge", None),
}
GROUPS = ("Afdelingsoverschrijdend", "Afdelingsspecifiek")
_SECTION = re.compile(r"^\s*(\d)\.\s+\S")
_TITLE = re.compile(r"^\s*(?:\d\.\s*)?Inhoudelijke lijnen(?:\s+armoede(?:bestrijdings)?plan(?:\s+Opgroeien)?)?\s*$")
_URL = re.compile(r"^\s*https?://")
_MONTHS = {m: i for i, m in enumerate(("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                                         "september", "oktober", "november", "december"), start=1)}
_DAY = r"(\d{1,2})\s+([a-z]+)"
_DATE_ROW = re.compile(rf"^\s*(?:{_DAY}(?:\s+en\s+{_DAY})?\s+(\d{{4}})|([A-Z][a-z]+)\s+(\d{{4}}))\b\s*(.*)$")
_MOVED = re.compile(rf"^[–-]\s*verplaatst naar\s+{_DAY}(?:\s+(\d{{4}}))?(?:\s+wegens(?:\s+(.*))?)?$")
_PLAN_ACTOR = re.compile(r"\b(?:met|naar|op)\s+((?:kabinet|Dep\.)\s+[A-Z]\w+|Vlaamse Regering)")


@dataclass
class Item:
    kind: str  # bullet ('•'), sub ('o', '-', 'a)'), text
    lines: list[tuple[int, str]]

    @property
    def line(self) -> int:
        return self.lines[0][0]


@dataclass
class Slide:
    label: str | None
    label_line: int | None
    kind: str | None  # line | afdeling | bridge (from LABELS)
    afdeling: str | None
    group: str | None = None
    content: list[tuple[int, str]] = field(default_factory=list)


def label_of(text: str) -> str | None:
    """The section-3 label a line is, in the deck's spelling ('Jeugdhulp – pleegzorg' -> its key)."""
    key = " ".join(re.sub(r"[–—]", "-", text).split())
    return key if key in LABELS else None


def section_starts(lines: list[str]) -> dict[str, int]:
    """First line of each numbered section ('1. Planning ...' .. '6. Vlaams Actieplan ...'); a
    number only counts when it is the next one, so repeated slide titles do not restart a section."""
    starts: dict[str, int] = {}
    current = 0
    for no, line in enumerate(lines, start=1):
        if (m := _SECTION.match(line)) and int(m.group(1)) == current + 1:
            current = int(m.group(1))
            starts[m.group(1)] = no
    starts[str(current + 1)] = len(lines) + 1
    return starts


def items_of(content: list[tuple[int, str]]) -> list[Item]:
    """Bullets, sub-bullets and paragraphs; a line that starts none of these continues the item
    before it, unless a blank line came between (then it is a new paragraph)."""
    items: list[Item] = []
    blank = True
    for no, text in content:
        s = text.strip()
        if not s or _URL.match(s):
            blank = True
            continue
        kind = ("bullet" if s.startswith("•") else
                "sub" if re.match(r"^(o\s|-\s|[a-z]\)\s)", s) else "text")
        if kind == "text" and items and not blank:
            items[-1].lines.append((no, text))
        else:
            items.append(Item(kind, [(no, text)]))
        blank = False
    return items


def read_section3(lines: list[str], start: int, end: int, report: LoadReport,
                  file: str) -> tuple[list[Slide], list[str], list[str]]:
    """The slides of section 3 with their labels; the plan's lines of policy and afdelingen."""
    slides: list[Slide] = []
    cur = Slide(None, None, None, None)
    group, in_title = None, False

    def close() -> None:
        nonlocal cur
        if any(t.strip() for _, t in cur.content):
            if cur.label is None:
                report.warn(file, cur.content[0][0], "unlabelled_slide", "slide text without a label")
            else:
                slides.append(cur)
        cur = Slide(None, None, None, None, group)

    for no in range(start, end):
        text = lines[no - 1]
        s = text.strip()
        if _URL.match(s):
            continue
        if _TITLE.match(text) or no == start:
            close()
            in_title = True
            continue
        if not s:
            in_title = False
            cur.content.append((no, ""))
            continue
        if s in GROUPS:
            close()
            group = cur.group = s
            continue
        # a label stands after a blank line or under the title; the same word ending a sentence
        # ('... van de sociale toeslag uit het / Groeipakket') is text
        after_blank = no > start and not lines[no - 2].strip()
        if (in_title or after_blank) and (label := label_of(s)) is not None:
            kind, afdeling = LABELS[label]
            had_text = any(t.strip() for _, t in cur.content)
            cur.label, cur.label_line, cur.kind, cur.afdeling = label, no, kind, afdeling
            if had_text:
                close()
            continue
        if not in_title:
            cur.content.append((no, text))
    close()
    policy_lines = list(dict.fromkeys(s.label for s in slides if s.kind == "line" and s.label != VISION))
    stated = next((int(m.group(1)) for line in lines[start - 1:end - 1]
                   if (m := re.search(r"(\d) lijnen van beleid", line))), None)
    if stated is not None and stated != len(policy_lines):
        report.warn(file, start, "count_mismatch",
                    f"{len(policy_lines)} lines of policy found, the slides say {stated}")
    afdelingen = list(dict.fromkeys(s.afdeling for s in slides if s.afdeling))
    return slides, policy_lines, afdelingen


def _iso(day: str | None, month: str, year: str) -> str | None:
    """'2', 'december', '2024' -> '2024-12-02'; without a day '2025-09'; None for no month."""
    m = _MONTHS.get(month.lower())
    if m is None:
        return None
    return f"{year}-{m:02d}-{int(day):02d}" if day else f"{year}-{m:02d}"


def _paragraphs(lines: list[str], start: int, end: int) -> list[list[tuple[int, str]]]:
    paras: list[list[tuple[int, str]]] = [[]]
    for no in range(start, end):
        s = lines[no - 1].strip()
        if s:
            paras[-1].append((no, s))
        elif paras[-1]:
            paras.append([])
    return [p for p in paras if p]


def parse_milestones(lines: list[str], start: int, end: int, file: str) -> tuple[list[dict[str, Any]], list[Fact]]:
    """The planning table ('Timing Mijlpaal') of section 1: one entry per date, the date as ISO
    (year-month when the day is not given) and as written; a move ('– verplaatst naar 26 mei
    wegens treinstaking') is kept with the entry. Also the actors the rows name."""
    at = next((no for no in range(start, end) if "Timing" in lines[no - 1] and "Mijlpaal" in lines[no - 1]), None)
    if at is None:
        return [], []
    stop = next((no for no in range(at + 1, end) if _SECTION.match(lines[no - 1])), end)
    rows: list[dict[str, Any]] = []
    actors: list[Fact] = []
    for para in _paragraphs(lines, at + 1, stop):
        row = _row(para[0][1], para[0][0])
        rest = " ".join(t for _, t in para[1:])
        if row is not None:
            if "moved_to" in row:
                row["moved_reason"] = f"{row.get('moved_reason') or ''} {rest}".strip() or None
            else:
                row["text"] = f"{row['text']} {rest}".strip()
            rows.append(row)
        elif rows and not rows[-1]["text"]:
            rows[-1]["text"] = " ".join(t for _, t in para)
        for no, text in para:
            for pm in _PLAN_ACTOR.finditer(text):
                written = pm.group(1)
                full = written.replace("Dep.", "Departement")
                actors.append(Fact(written, file, no, written, name=full if full != written else None))
    out = [{k: v for k, v in {**row, "date": date}.items() if k != "dates" and v is not None}
           for row in rows for date in row["dates"]]
    return out, actors


def _row(text: str, no: int) -> dict[str, Any] | None:
    """A table row from its first line: its date(s), the date as written, a move, its text."""
    m = _DATE_ROW.match(text)
    if m is None:
        return None
    d1, m1, d2, m2, year, month_only, year_only, rest = m.groups()
    if year_only:
        dates = [_iso(None, month_only, year_only)]
    else:
        dates = [_iso(d1, m1, year)] + ([_iso(d2, m2, year)] if d2 else [])
    if None in dates:
        return None
    written = text[:m.start(8)].strip() if rest else text.strip()
    row: dict[str, Any] = {"dates": dates, "date_text": written, "text": "", "line": no}
    if moved := _MOVED.match(rest.strip()):
        row["moved_to"] = _iso(moved.group(1), moved.group(2), moved.group(3) or year or year_only)
        row["moved_reason"] = moved.group(4)
    else:
        row["text"] = rest.strip()
    return row


def read_overview(lines: list[str], start: int, end: int) -> list[tuple[int, str]]:
    """The bullets of the overview slides (section 4: the actions put in the VAPA)."""
    items = items_of([(no, lines[no - 1]) for no in range(start, end)])
    return [(it.line, " ".join(" ".join(t.strip() for _, t in it.lines).lstrip("• ").split()))
            for it in items if it.kind == "bullet"]


def read_toetsen(lines: list[str], start: int, end: int) -> list[str]:
    """The regulations section 5 wants a poverty test (armoedetoets) for."""
    items = items_of([(no, lines[no - 1]) for no in range(start, end)])
    return [" ".join(" ".join(t.strip() for _, t in it.lines).lstrip("• ").split())
            for it in items if it.kind == "bullet"]
