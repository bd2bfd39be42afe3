"""The 57 local child-poverty platforms of the KPMG study (002), parsed from its text.

What the text gives mechanically:

* the platforms themselves, from the list sentence that opens each of the eight sections 1.1-1.10
  ('De twintig deelnemende Vlaamse kleine gemeenten zijn: Bredene, …'): municipality as written,
  a lead vzw where the list names one, region and size group from the section heading;
* the lead, from the table column headers ('OCMW …' or 'vzw …');
* target group, staff hired, ervaringsdeskundige and meeting frequency, from the rows of tables
  1-10 whose number of values equals the number of columns (see platforms/tables.py);
* the role categories of the summary tables, and the tasks of the one-row-per-platform tables
  of Appendix C (platforms/tasks.py);
* the seven good practices and their example platforms (platforms/tasks.py).

Facts the garbled tables lost, and what only the prose says, come from the hand-curated
loaders/data/platforms.yaml, each fact citing its line (platforms/curated.py). The graph is built by
platforms/build.py (build_platforms); the records are in platforms/records.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from armoedegraaf.errors import SourceError
from loaders.resolution.geography import Geography, default_geography
from loaders.platforms.tables import (FREQUENCY_TOKEN, TARGET_TOKEN, clean, find_lines, header_before,
                                      join_lines, tick_values, tokens, value_text)
from loaders.platforms.curated import apply as apply_curated, read_curated
from loaders.platforms.records import GoodPractice, PlatformRecord, match_entry, note_entry
from loaders.platforms.tasks import read_good_practices, read_roles, read_tasks, task_titles
from loaders.report import LoadReport

_SECTION = re.compile(r"^\s*1\.(\d+)\s+(Vlaams|Brussels Hoofdstedelijk|Waals) Gewest\s*[–-]\s*"
                      r"(grootsteden|steden/gemeenten|kleine gemeenten)\s*\(n\s*=\s*(\d+)\)")
_REGIONS = {"Vlaams": "Vlaanderen", "Brussels Hoofdstedelijk": "Brussel", "Waals": "Wallonië"}
_LIST = re.compile(r"deelnemende .*? (?:zijn|is):?\s+(?P<items>.*?)\.(?:\s|$)", re.S)


@dataclass
class PlatformsDocument:
    file: str
    platforms: list[PlatformRecord]
    good_practices: list[GoodPractice]
    call: dict  # the project call: total budget and its line, the start date
    report: LoadReport


def parse_platforms(text: str, file: str, geography: Geography | None = None,
                    curated: dict | None = None) -> PlatformsDocument:
    """Parse the study. `curated` is the parsed platforms.yaml (default: the bundled file);
    pass {} to see only what the text gives mechanically."""
    geo = geography or default_geography()
    lines = text.split("\n")
    report = LoadReport()
    sections = _sections(lines, file)
    platforms = []
    for sec in sections:
        platforms.extend(_section_platforms(lines, sec, geo, file))
    if len(platforms) != 57:
        raise SourceError(f"expected the study's 57 platforms, found {len(platforms)}", file=file)
    for sec in sections:
        _read_tables(lines, sec, [p for p in platforms if p.section == sec["number"]], geo, file, report)
    read_roles(lines, platforms, geo, file, report)
    read_tasks(lines, platforms, geo, file, report)
    practices = read_good_practices(lines, platforms, geo, file, report)
    _leads(platforms)
    _flemish_subsidy(lines, platforms, geo, file, report)
    call = _call(lines)
    if curated is None:
        curated = read_curated()
    apply_curated(curated, platforms, file, report, task_titles(lines))
    report.count("platforms", len(platforms))
    return PlatformsDocument(file, platforms, practices, call, report)


# -- the platform list ----------------------------------------------------------------------------

def _sections(lines: list[str], file: str) -> list[dict]:
    found = []
    for i, line in enumerate(lines):
        if m := _SECTION.match(line):
            found.append({"number": f"1.{m.group(1)}", "region": _REGIONS[m.group(2)],
                          "size_group": m.group(3), "n": int(m.group(4)), "start": i})
    if sum(sec["n"] for sec in found) != 57:
        raise SourceError(f"the sections' (n = …) add up to {sum(sec['n'] for sec in found)}, not 57", file=file)
    for sec in found:
        # A section runs to the next numbered section of chapter 1 (1.4 and 1.7 are conclusions).
        sec["end"] = next((i for i in range(sec["start"] + 1, len(lines)) if re.match(r"^\s*1\.\d+\s", lines[i])),
                          len(lines))
    return found


def _split_top(items: str) -> list[str]:
    """Split 'A, B (vzw X, Y), C en D' at commas and the last ' en ' outside brackets."""
    parts, depth, current = [], 0, ""
    for ch in items:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    last = parts.pop()
    depth, cut = 0, None
    for m in re.finditer(r"\(|\)| en ", last):
        depth += (m.group() == "(") - (m.group() == ")")
        if m.group() == " en " and depth == 0:
            cut = m
    if cut:
        parts += [last[:cut.start()], last[cut.end():]]
    else:
        parts.append(last)
    return [clean(p) for p in parts if clean(p)]


def _section_platforms(lines: list[str], sec: dict, geo: Geography, file: str) -> list[PlatformRecord]:
    window = [(no + 1, lines[no]) for no in range(sec["start"], min(sec["end"], sec["start"] + 30))]
    text, marks = join_lines(window)
    m = _LIST.search(text)
    if not m:
        raise SourceError(f"section {sec['number']}: no list of participating municipalities", file=file,
                          line=sec["start"] + 1)
    line = max(no for off, no in marks if off <= m.start("items"))
    items = _split_top(m.group("items"))
    if len(items) != sec["n"]:
        raise SourceError(f"section {sec['number']}: {len(items)} municipalities listed, heading says n = {sec['n']}",
                          file=file, line=line)
    records = []
    for item in items:
        written, _, lead = item.partition(" (")
        muni = geo.lookup(written)
        if muni is None:
            raise SourceError(f"unknown municipality {written!r}", file=file, line=line)
        rec = PlatformRecord(muni.name, written, muni.province, muni.region, sec["size_group"], sec["number"], line)
        if lead:
            rec.lead_kind, rec.lead_as_written, rec.lead_line = "vzw", lead.rstrip(")").split(",")[0].strip(), line
        records.append(rec)
    return records


def _leads(platforms: list[PlatformRecord]) -> None:
    """Platforms no list or header names a vzw for are led by the OCMW (the call's rule, and how
    every one of their headers writes them)."""
    for p in platforms:
        if p.lead_kind is None and any(re.match(r"OC[MLW][WM]?\b", n) for n in p.names):
            first = next(n for n in p.names if re.match(r"OC[MLW][WM]?\b", n))
            p.lead_kind, p.lead_as_written, p.lead_line = "OCMW", first, p.name_lines[first]


# -- tables 1-10: basic conditions and organisation -----------------------------------------------

def _read_tables(lines: list[str], sec: dict, platforms: list[PlatformRecord], geo: Geography,
                 file: str, report: LoadReport) -> None:
    anchors = find_lines(lines, r"^\s*(Basisvoorwaarden Lokale integratie|Aanwerving/vrijsteling)",
                         sec["start"], sec["end"])
    for a, nxt in zip(anchors, anchors[1:] + [sec["end"]]):
        columns = []
        for entry in header_before(lines, a):
            p = match_entry(entry.text, platforms, geo)
            if p is None:
                report.warn(file, entry.line, "unmatched_header", f"no platform for {entry.text!r}")
                columns = []
                break
            note_entry(entry, p)
            columns.append(p)
        if not columns:
            continue
        if lines[a].strip().startswith("Basisvoorwaarden"):
            _row(lines, a, nxt, r"^\s*Doelgroep", TARGET_TOKEN, columns, "target_group", file, report)
        else:
            _ticks(lines, a, nxt, r"^\s*(Organisatie|Inschakeling)", columns, "staff_hired", file, report)
            start = next(i for i in range(a, nxt) if re.match(r"^\s*(Organisatie|Inschakeling)", lines[i]))
            _ticks(lines, start, nxt, r"^\s*Overleg", columns, "ervaringsdeskundige", file, report)
            _row(lines, a, nxt, r"^\s*Overleg Frequentie overleg", FREQUENCY_TOKEN, columns, "meeting_frequency",
                 file, report)


def _row(lines, start, end, label, token, columns, prop, file, report) -> None:
    at = next((i for i in range(start, end) if re.match(label, lines[i])), None)
    if at is None:
        return
    text, line = value_text(lines, at, re.compile(label))
    values = tokens(text, token)
    if values is None or len(values) != len(columns):
        report.warn(file, line, "garbled_row", f"{prop}: {len(values or [])} values for {len(columns)} "
                    f"columns ({', '.join(p.municipality for p in columns)}): {text!r}")
        return
    for p, value in zip(columns, values):
        value = re.sub(r"\s*,\s*", ", ", value)
        p.set(prop, None if value.startswith("ns") else value, line, "table")


def _ticks(lines, start, end, stop, columns, prop, file, report) -> None:
    stop_at = next((i for i in range(start + 1, end) if re.match(stop, lines[i])), end)
    text = " ".join(lines[start:stop_at])
    values = tick_values(text, len(columns))
    if values is None:
        report.warn(file, start + 1, "garbled_row", f"{prop}: check marks of {len(columns)} columns "
                    f"({', '.join(p.municipality for p in columns)}) cannot be placed: {clean(text)!r}")
        return
    for p, value in zip(columns, values):
        p.set(prop, value, start + 1, "table")


def _flemish_subsidy(lines, platforms, geo, file, report) -> None:
    """'veertien Vlaamse steden … komen in aanmerking voor een Vlaamse subsidie …, zijnde: twee
    grootsteden (Antwerpen en Gent), acht … (…) en vier kleine gemeenten (…)': those are True; the
    list is complete, so the other Flemish platforms are False."""
    at = next((i for i, line in enumerate(lines) if "Overlap met Vlaamse subsidie" in line), None)
    if at is None:
        report.warn(file, 1, "missing_section", "no 'Overlap met Vlaamse subsidie'")
        return
    text, marks = join_lines([(no + 1, lines[no]) for no in range(at + 1, at + 14)])
    m = re.search(r"(\w+) Vlaamse steden .*?Vlaamse subsidie.*?zijnde:(.*?)\.\s", text, re.S)
    named = {}
    for group in re.finditer(r"\(([^()]*)\)", m.group(2) if m else ""):
        for written in _split_top(group.group(1)):
            muni = geo.lookup(written)
            if muni:
                offset = m.start(2) + group.start(1) + group.group(1).find(written)
                named[muni.name] = max(no for off, no in marks if off <= offset)
    if not m or len(named) != 14:
        report.warn(file, at + 1, "garbled_row", f"Flemish subsidy: expected 14 named, found {len(named)}")
        return
    sentence = max(no for off, no in marks if off <= m.start())
    for p in platforms:
        if p.region == "Vlaanderen":
            p.set("flemish_subsidy", p.municipality in named, named.get(p.municipality, sentence), "text")


def _call(lines: list[str]) -> dict:
    """The project call: '… maakte de staatssecretaris … 2 miljoen euro vrij' (federal)."""
    for i, line in enumerate(lines):
        if m := re.search(r"(\d+) miljoen euro vrij", line):
            return {"budget_eur": float(m.group(1)) * 1e6, "line": i + 1, "level": "federaal"}
    return {}
