"""Roles, tasks and good practices of the platforms in the KPMG study (002).

* Roles: the summary tables of Appendix B (Tables 17 and 24) give per column a check mark for each
  of the four role categories. A category is known for every column only when all or none are
  ticked; the other rows lost their column positions and stay unknown.
* Tasks: the study describes each platform's work as five tasks (L321-332). The tables with one
  row per platform (Appendix C, Tables 28-31 and 36-37) and the one-column table of Brussel
  (Table 32) write each activity in a controlled vocabulary, so that each activity maps to its
  task. 'informatiecampagne' and 'informatieverspreiding' occur under task 2 and task 3 alike and
  are not mapped. Tables with several columns per task are left to the curated file.
* Good practices: the seven of section 2.1.2 (titles from the list at its end) and the platforms
  given as examples in each ('Voorbeelden: - OCMW Lummen', '(vb. OCMW Sint-Niklaas, …)').
"""

from __future__ import annotations

import re

from armoedegraaf.errors import SourceError
from loaders.resolution.geography import Geography
from loaders.platforms.tables import TICK, Entry, clean, header_before, join_lines, line_at, tick_values
from loaders.report import LoadReport
from loaders.platforms.records import GoodPractice, match_entry, note_entry

ROLE_ROWS = ("Algemene coördinatie", "Doelstellingen bewaken", "Actieve inhoudelijke hulp bij taken",
             "Administratie en logistiek")

# (pattern, task number). Order does not matter: every match counts.
TASK_TERMS = [
    (r"meldpunt(?!/drempel)", 1), (r"bespreking algemene tendensen", 1), (r"bespreking individuele gevallen", 1),
    (r"casebespreking", 1), (r"privacyprotocol", 1), (r"richtlijnen over vervolgacties", 1),
    (r"doorverwijsfunctie van OCMW", 1), (r"terugkoppeling naar de melder", 1),
    (r"vorming voor zorgverstrekkers", 2), (r"opmaak (?:van een )?(?:methodiek|handleiding)", 2),
    (r"signalenbundel", 2), (r"nieuwsbrie(?:f|ven)", 2), (r"gemeentelijke/stedelijke infokanalen", 2),
    (r"sensibiliseren van zorgverstrekkers", 2), (r"info(?:rmatie)?sessies", 2),
    (r"aanwezigheid (?:MW|maatschappelijk)", 2), (r"themabrochures", 2),
    (r"huisbezoeken", 3), (r"drempeldetectie", 3), (r"vorming voor ouders", 3), (r"ontmoetingsmomenten", 3),
    (r"beter bekend ?maken", 3), (r"drempel ?verla", 3), (r"sensibiliseren van (?:de )?ouders", 3),
    (r"sensibiliseren (?:van )?(?:de )?bredere samenleving", 3), (r"straathoekwerk", 3),
    (r"individuele gesprekken", 3), (r"acties op scholen", 3),
    (r"\bondersteuning\b", 4), (r"financi[eë]le tussenkomst", 4), (r"tussenkomst sportschool", 4),
    (r"kleuterparticipatie", 4), (r"animatie", 4), (r"theatervoorstelling", 4), (r"leesbevordering", 4),
    (r"acties voor moeders", 4), (r"huiswerkbegeleiding", 4), (r"sportactiviteiten", 4), (r"sportcursussen", 4),
    (r"buitenschoolse activiteiten", 4), (r"activiteiten (?:met|voor) (?:jonge )?kinderen", 4),
    (r"collectieve activiteiten", 4),
    (r"zelf-evaluatie", 5), (r"beleidsvoorstellen", 5), (r"structurele bestrijding", 5), (r"rapportering", 5),
    (r"extra middelen", 5),
]
# A phrase that is task 2 or task 3 alike; '… via nieuwsbrieven' does not make it task 2.
AMBIGUOUS_TERMS = r"informatiecampagne|informatieverspreiding(?: via [^,]*)?"
_TASK_RX = [(re.compile(p, re.I), n) for p, n in TASK_TERMS]
_ROW_START = re.compile(r"^\s*(?:OCMW|OCLW|OCWM|vzwl?)\s", re.I)
_ROWS_END = re.compile(r"Tabel \d+\.|Gepubliceerd door|Gewest|^\s*(?:Vlaamse|Waalse|Brusselse)\b")


def _first(lines: list[str], matches, what: str) -> int:
    """The index of the first line that matches; a SourceError naming what is missing, not a
    StopIteration, when a cut-short or different document has no such line."""
    found = next((i for i, line in enumerate(lines) if matches(line)), None)
    if found is None:
        raise SourceError(f"no {what}: the study is cut short or not the KPMG study")
    return found


def task_titles(lines: list[str]) -> dict[int, str]:
    """The five tasks as the study names them ('1. Informatie-uitwisseling over cliënten & …')."""
    start = _first(lines, lambda line: "volgens vijf taken" in line, "the five tasks ('volgens vijf taken')")
    found = {}
    for line in lines[start:start + 20]:
        if m := re.match(r"^\s*([1-5])\.\s+(.+?)\s*$", line):
            found[int(m.group(1))] = m.group(2)
    return found


# -- roles -----------------------------------------------------------------------------------------

def read_roles(lines, platforms, geo: Geography, file: str, report: LoadReport) -> None:
    for i, line in enumerate(lines):
        if not re.match(rf"^\s*{ROLE_ROWS[0]}\s*(?:{TICK}|$)", line):
            continue
        columns = _columns(header_before(lines, i), platforms, geo, file, report)
        for role in ROLE_ROWS if columns else ():
            at = next((j for j in range(i, min(i + 10, len(lines))) if lines[j].strip().startswith(role)), None)
            if at is None:
                report.warn(file, i + 1, "garbled_row", f"no role row {role!r}")
                continue
            values = tick_values(lines[at].strip()[len(role):], len(columns))
            if values is None:
                report.warn(file, at + 1, "garbled_row", f"role {role!r}: check marks of "
                            f"{', '.join(p.municipality for p in columns)} cannot be placed")
                continue
            for p, ticked in zip(columns, values):
                if ticked:
                    p.add_to("roles", role.lower(), at + 1)


def _columns(entries: list[Entry], platforms, geo, file, report):

    columns = []
    for entry in entries:
        p = match_entry(entry.text, platforms, geo)
        if p is None:
            report.warn(file, entry.line, "unmatched_header", f"no platform for {entry.text!r}")
            return []
        note_entry(entry, p)
        columns.append(p)
    return columns


# -- tasks -----------------------------------------------------------------------------------------

def read_tasks(lines, platforms, geo: Geography, file: str, report: LoadReport) -> None:
    titles = task_titles(lines)
    appendix = _first(lines, lambda line: re.match(r"^\s*C Appendix C", line), "appendix C ('C Appendix C')")
    for i in range(appendix, len(lines)):
        if re.match(r"^\s*Taak 1 Taak 2 Taak 3 Taak 4 Taak 5\s*$", lines[i]):
            _row_table(lines, i + 1, platforms, geo, titles, file, report)
        elif re.match(r"^\s*Taak 1\s*$", lines[i]):
            columns = _columns(header_before(lines, i), platforms, geo, file, report)
            if len(columns) == 1:
                _column_table(lines, i, columns[0], titles, file, report)
            elif columns:
                report.warn(file, i + 1, "garbled_table", "tasks of " + ", ".join(p.municipality for p in columns)
                            + ": cells of several columns cannot be told apart")


def _row_table(lines, start, platforms, geo, titles, file, report) -> None:
    end = next((j for j in range(start, len(lines)) if _ROWS_END.search(lines[j])), len(lines))
    heads = [j for j in range(start, end) if _ROW_START.match(lines[j])]
    for a, b in zip(heads, heads[1:] + [end]):
        text, marks = join_lines([(no + 1, lines[no]) for no in range(a, b)])
        found = _row_head(text, platforms, geo)
        if found is None:
            report.warn(file, a + 1, "unmatched_header", f"no platform at the start of {clean(text)[:60]!r}")
            continue
        platform, head_end = found
        note_entry(Entry(clean(text[:head_end]), a + 1), platform)
        _activities(text, head_end, marks, platform, titles, file, report)


def _row_head(text: str, platforms, geo):
    """The platform a row starts with, and where its name ends: the shortest run of words that
    names a platform, with a bracketed place after it ('vzw Racynes (Haccourt)')."""

    words = list(re.finditer(r"\S+", text))
    for k in range(2, min(len(words), 9) + 1):
        p = match_entry(text[:words[k - 1].end()], platforms, geo)
        if p is not None:
            end = words[k - 1].end()
            if bracket := re.match(r"\s*\([^()]*\)", text[end:]):
                end += bracket.end()
            return p, end
    return None


def _column_table(lines, start, platform, titles, file, report) -> None:
    """A one-column task table: 'Taak N' labels, each followed by that task's activities."""
    no, task = start, None
    while no < len(lines) and not _ROW_START.match(lines[no]) and not _ROWS_END.search(lines[no]):
        if m := re.match(r"^\s*Taak (\d)\s*$", lines[no]):
            task = int(m.group(1))
        elif task and lines[no].strip() and lines[no].strip() != "Werking":
            for rx, _ in _TASK_RX + [(re.compile(AMBIGUOUS_TERMS, re.I), 0)]:
                for m in rx.finditer(lines[no]):
                    platform.task_activities.append(f"{task}: {m.group(0)}")
            platform.add_to("tasks", f"{task}. {titles[task]}", no + 1)
        no += 1


def _activities(text, start, marks, platform, titles, file, report) -> None:
    body = re.sub(AMBIGUOUS_TERMS, lambda m: " " * len(m.group(0)), text[start:], flags=re.I)
    for rx, task in _TASK_RX:
        for m in rx.finditer(body):
            line = line_at(start + m.start(), marks)
            platform.add_to("tasks", f"{task}. {titles[task]}", line)
            platform.task_activities.append(f"{task}: {m.group(0)}")
    for m in re.finditer(AMBIGUOUS_TERMS, text[start:], re.I):
        report.warn(file, line_at(start + m.start(), marks), "ambiguous_task",
                    f"{platform.municipality}: {m.group(0)!r} is task 2 or task 3")
    platform.tasks_evidence[:] = [ln for _, ln in sorted(zip(platform.tasks, platform.tasks_evidence))]
    platform.tasks.sort()


# -- good practices --------------------------------------------------------------------------------

def read_good_practices(lines, platforms, geo: Geography, file: str, report: LoadReport):

    titles = _practice_titles(lines)
    heads = [(i, int(m.group(1))) for i, line in enumerate(lines)
             if (m := re.match(r"^\s*2\.1\.2\.(\d)\s", line))]
    if not heads:
        raise SourceError("no good practices (sections 2.1.2.N): the study is cut short or not the study")
    end_all = heads[-1][0] + _first(lines[heads[-1][0]:], lambda line: re.match(r"^\s*Conclusie\s*$", line),
                                    "the 'Conclusie' after the good practices")
    practices = []
    for (a, number), nxt in zip(heads, [h for h, _ in heads[1:]] + [end_all]):
        gp = GoodPractice(number, titles.get(number, clean(lines[a])), a + 1)
        for name, line, bullet in _examples(lines, a, nxt):
            p = match_entry(name, platforms, geo)
            if p is None:
                report.warn(file, line, "unmatched_example", f"good practice {number}: no platform {name!r}")
                continue
            if p.municipality not in [m for m, _ in gp.examples]:
                gp.examples.append((p.municipality, line))
            p.add_to("good_practices", f"{number}. {gp.title}", line)
            if bullet and (described := _example_text(lines, line, nxt)):
                p.add_to("practice_examples", f"{number}. {described[0]}", described[1])
        practices.append(gp)
    return practices


def _practice_titles(lines: list[str]) -> dict[int, str]:
    start = _first(lines, lambda line: "zeven goede praktijken weerhouden" in line,
                   "the seven good practices ('zeven goede praktijken weerhouden')")
    return {int(m.group(1)): m.group(2) for line in lines[start:start + 20]
            if (m := re.match(r"^\s*([1-7])\.\s+(.+?)\s*$", line))}


_BULLET = re.compile(r"^\s*-\s+\S")
_SUB_BULLET = re.compile(r"^\s*o\s+")
# What the PDF's figures and pages leave between a paragraph's lines: their two panel labels, the
# caption (from 'Figuur N.' to its closing bracket), footnote marks ('9F' after a word, '10' alone)
# and a page's footnote text (its web addresses, one split over two lines: '…vertali' + 'ng.pdf').
_PAGE_NOTE = re.compile(r"https?://|\.pdf\s*$")
_PANEL = re.compile(r"^\s*(Eindevaluatie|Tussentijdse evaluatie)\s*$")
_CAPTION = re.compile(r"^\s*Figuur \d+\.")
_FOOTNOTE = re.compile(r"(?<=[\w.)])\d+F\s*$|^\s*\d{1,3}\s*$")


def _example_text(lines, bullet_line: int, end: int) -> tuple[str, int] | None:
    """What the study says of one example platform: the 'o ...' paragraphs under its bullet line
    ('- OCMW Lummen'), up to the next bullet or the next practice, with the figures that break
    them removed; (text, line of its first paragraph), or None when the bullet has none."""
    kept, first, in_caption = [], None, False
    for no in range(bullet_line, end):  # bullet_line is 1-based: this starts on the line after it
        line = lines[no]
        if _BULLET.match(line) or re.match(r"^\s*2\.1\.2\.\d", line):
            break
        if in_caption or _CAPTION.match(line):
            in_caption = not line.rstrip().endswith(")")
            continue
        if _PANEL.match(line) or _PAGE_NOTE.search(line) or not line.strip():
            continue
        text = _FOOTNOTE.sub("", _SUB_BULLET.sub("", line)).strip()
        if text:
            first = first or no + 1
            kept.append(text)
    text = clean(" ".join(kept))
    return (text, first) if text else None


def _examples(lines, start, end):
    """Example platforms as (name, line, is a bullet): bullet lines '- OCMW Lummen' (the
    paragraphs under them describe it) and the '(vb. OCMW …, vzw …)' lists."""
    for no in range(start, end):
        if m := re.match(r"^\s*-\s+((?:OCMW|OCWM|OCLW|[Vv]zw)\b.*?)\s*:?\s*$", lines[no]):
            yield m.group(1), no + 1, True
    text, marks = join_lines([(no + 1, lines[no]) for no in range(start, end)])
    for m in re.finditer(r"\(vb\.\s*([^()]*)\)", text):
        offset = m.start(1)
        for item in m.group(1).split(","):
            name = item.strip()
            if re.match(r"(?:OCMW|OCWM|vzw)\s", name):
                yield name, line_at(offset + m.group(1).find(name), marks), False
