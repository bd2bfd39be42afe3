"""The handbook 'Elk kind telt' (001): its local projects, their place, lead, partners and theme.

Chapter 4 ('Inspirerende voorbeelden', from line 1350) describes about 45 local projects, grouped by
the handbook's dimensions (4/1 Materieel welzijn .. 4/7 Een omvattende strategie). Which words of
a sentence are a project, its lead and its partners is a reading, so the projects are curated in
`loaders/data/handbook_projects.yaml` (each fact with file, line and evidence). This module checks
that curation against the text, takes from the text what a machine can: the theme sections, the
boxed project titles (each must be covered by the curation), the summaries (with the lost
ligatures repaired), and builds the graph:

    (:Project)-[:LOCATED_IN]->(:Municipality)      (:Actor)-[:LEADS|PARTNER_OF]->(:Project)
    (:Project)-[:TARGETS]->(:Grondrecht)           via the theme (loaders/data/theme_grondrechten.yaml)
    (:HuisVanHetKind)-[:LOCATED_IN]->(:Municipality), (:Actor)-[:LEADS|PARTNER_OF]->(:HuisVanHetKind)
"""

from __future__ import annotations

import json

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from graph.model import GraphBatch
from loaders.prose import first_sentences, join_lines, repair_ligatures
from loaders.local_graph import (Fact, GeographyLike, ResolverLike, check_evidence, link_actor,
                                 municipality_node, services)
from loaders.handbook.grondrechten import read_grondrechten
from loaders.report import LoadReport


# ---- records ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Theme:
    section: str  # '4/1'
    name: str  # 'Materieel welzijn', as the handbook heads the section
    line: int
    grondrechten: tuple[str, ...]


@dataclass(frozen=True)
class GrondrechtRef:
    code: str
    name: str
    file: str
    line: int


@dataclass
class HandbookProject:
    name: str
    key: str  # the name, or 'name (municipality)' when two projects share a name
    name_source: str  # title | text | descriptive
    line: int
    theme: Theme | None
    summary: str
    municipalities: list[Fact]
    region: Fact | None
    lead: Fact | None
    partners: list[Fact]
    full_text: str = ""  # the whole text of its span: what search, overlap and its grondrechten read


@dataclass
class HuisVanHetKindRecord:
    municipality: str
    line: int
    evidence: str
    project: str | None
    leads: list[Fact]
    partners: list[Fact]


@dataclass
class HandbookDocument:
    file: str
    projects: list[HandbookProject]
    huizen: list[HuisVanHetKindRecord]
    themes: list[Theme]
    grondrechten: list[GrondrechtRef]
    box_titles: list[int]  # lines where the text has a boxed project title
    report: LoadReport = field(default_factory=LoadReport)


# ---- text ---------------------------------------------------------------------------------------

_FOOTER = re.compile(r"^\s*i n f o r m at i e\s+e n\s+i n s p i r at i e")
_PAGE_MARK = re.compile(r"^\s*(\d{1,3}|4\s*Inspirerende\s*voorbeelden:|projecten in de praktijk)\s*$")
_READ_ON = re.compile(r"\s*lees verder op volgende bladzijde\s*$")
_THEME = re.compile(r"^\s*4/(\d)\s+(\S.*?)\s*$")
_BOX_DASH = re.compile(r"^\s*\S.*?\S\s*[-–]\s+\S.{1,40}?\s*$")
_SENTENCE_DONE = re.compile(r"[.,;:!?)]\s*$")


def clean_lines(text: str, report: LoadReport | None = None, file: str = "") -> list[str]:
    """The source lines with f-ligatures repaired and page furniture (running footer, page
    numbers, the chapter's page header, 'lees verder') blanked; the line count is unchanged."""
    repaired, unknown = repair_ligatures(text)
    if report is not None:
        for line, word in unknown:
            report.warn(file, line, "unrepaired_ligature", f"no ligature fits {word!r}")
    lines = []
    for line in repaired.split("\n"):
        if _FOOTER.match(line) or _PAGE_MARK.match(line):
            line = ""
        lines.append(_READ_ON.sub("", line))
    return lines


def find_themes(lines: list[str], mapping: dict[str, dict[str, Any]]) -> list[Theme]:
    """The dimension headings of chapter 4 ('4/3  Opvoeding en onderwijs') with their grondrechten."""
    themes = []
    for no, line in enumerate(lines, start=1):
        if m := _THEME.match(line):
            section = f"4/{m.group(1)}"
            spec = mapping.get(section)
            codes = tuple(spec["grondrechten"]) if spec else ()
            themes.append(Theme(section, " ".join(m.group(2).split()), no, codes))
    return themes


def find_box_titles(lines: list[str]) -> list[int]:
    """Lines of chapter 4 that look like a boxed project's title: 'Name - Lead' before a blank
    line, or a two-line 'Name' / 'Lead' block between a finished sentence and a blank line."""
    start = next((i for i, line in enumerate(lines) if _THEME.match(line)), None)
    if start is None:
        return []
    blank = [not line.strip() for line in lines] + [True, True]
    found = []
    for i in range(start, len(lines)):
        line = lines[i]
        if blank[i] or _SENTENCE_DONE.search(line) or line.strip().startswith(("→", "-")):
            continue
        if _BOX_DASH.match(line) and blank[i + 1]:
            found.append(i + 1)
        elif (not blank[i + 1] and blank[i + 2] and len(lines[i + 1].strip()) < 60
              and not _SENTENCE_DONE.search(lines[i + 1])
              and (i == 0 or blank[i - 1] or _SENTENCE_DONE.search(lines[i - 1]))):
            found.append(i + 1)
    return found


# ---- curated data -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _data(name: str) -> dict[str, Any]:
    text = resources.files("loaders").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def default_curation() -> dict[str, Any]:
    """The curated projects (read once; treat as read-only)."""
    return _data("handbook_projects.yaml")


def default_themes() -> dict[str, Any]:
    """The theme -> grondrechten mapping (read once; treat as read-only)."""
    return _data("theme_grondrechten.yaml")


def _fact(raw: dict[str, Any], raw_lines: list[str], file: str) -> Fact:
    fact = Fact(as_written=str(raw["as_written"]), file=str(raw["file"]), line=int(raw["line"]),
                evidence=str(raw["evidence"]), name=raw.get("name"), official=raw.get("official"),
                note=raw.get("note"))
    check_evidence(fact.file, fact.line, fact.evidence, raw_lines, file)
    return fact


# ---- parse --------------------------------------------------------------------------------------

def parse_handbook(text: str, file: str, curated: dict[str, Any] | None = None,
                   themes: dict[str, Any] | None = None) -> HandbookDocument:
    """The handbook's projects and Huizen van het Kind, checked against `text`."""
    curated = curated if curated is not None else default_curation()
    themes = themes if themes is not None else default_themes()
    report = LoadReport()
    raw_lines = text.split("\n")
    lines = clean_lines(text, report, file)
    theme_list = find_themes(lines, {t["section"]: t for t in themes.get("themes", [])})
    for t in theme_list:
        if not t.grondrechten:
            report.warn(file, t.line, "unknown_theme", f"section {t.section} {t.name!r} has no grondrechten")
    projects = [_project(raw, raw_lines, lines, theme_list, file, report) for raw in curated.get("projects", [])]
    _assign_keys(projects)
    boxes = find_box_titles(lines)
    for box in boxes:
        if not any(p.line <= box <= p.line + 2 for p in projects):
            report.warn(file, box, "uncurated_project",
                        f"boxed title {lines[box - 1].strip()!r} is in no curated project")
    huizen = [_huis(raw, raw_lines, file) for raw in curated.get("huizen_van_het_kind", [])]
    grondrechten = [GrondrechtRef(str(g["code"]), g["name"], g["file"], int(g["line"]))
                    for g in themes.get("grondrechten", [])]
    report.count("handbook_projects", len(projects))
    report.count("handbook_boxed_titles", len(boxes))
    report.count("huizen_van_het_kind", len(huizen))
    return HandbookDocument(file, projects, huizen, theme_list, grondrechten, boxes, report)


def _project(raw: dict[str, Any], raw_lines: list[str], lines: list[str], themes: list[Theme],
             file: str, report: LoadReport) -> HandbookProject:
    line = int(raw["line"])
    check_evidence(raw["file"], line, raw["evidence"], raw_lines, file)
    theme = next((t for t in reversed(themes) if t.line <= line), None)
    if theme is None:
        report.warn(file, line, "no_theme", f"project {raw['name']!r} stands before chapter 4's first section")
    municipalities = [_fact(m, raw_lines, file) for m in raw.get("municipalities") or []]
    region = _fact(raw["region"], raw_lines, file) if raw.get("region") else None
    lead = _fact(raw["lead"], raw_lines, file) if raw.get("lead") else None
    partners = [_fact(p, raw_lines, file) for p in raw.get("partners") or []]
    summary = _summary(raw, lines, file, report)
    full_text = " ".join(join_lines(lines[a - 1:b]) for a, b in raw.get("span") or [])
    return HandbookProject(str(raw["name"]), str(raw["name"]), raw.get("name_source", "descriptive"), line,
                           theme, summary, municipalities, region, lead, partners, full_text)


def _summary(raw: dict[str, Any], lines: list[str], file: str, report: LoadReport) -> str:
    text = " ".join(join_lines(lines[a - 1:b]) for a, b in raw.get("span") or [])
    if start := raw.get("summary_start"):
        at = text.find(start)
        if at < 0:
            report.warn(file, int(raw["line"]), "summary_start_missing", f"{start!r} not in the project's text")
        else:
            text = text[at:]
    return first_sentences(text)


def _assign_keys(projects: list[HandbookProject]) -> None:
    """Two projects with one name (the same measure in two towns) are told apart by their place."""
    counts = Counter(p.name for p in projects)
    for p in projects:
        if counts[p.name] > 1:
            first = p.municipalities[0] if p.municipalities else None
            place = (first.official or first.as_written) if first else f"line {p.line}"
            p.key = f"{p.name} ({place})"


def _huis(raw: dict[str, Any], raw_lines: list[str], file: str) -> HuisVanHetKindRecord:
    check_evidence(raw["file"], int(raw["line"]), raw["evidence"], raw_lines, file)
    return HuisVanHetKindRecord(str(raw["municipality"]), int(raw["line"]), str(raw["evidence"]), raw.get("project"),
                                [_fact(f, raw_lines, file) for f in raw.get("leads") or []],
                                [_fact(f, raw_lines, file) for f in raw.get("partners") or []])


# ---- build --------------------------------------------------------------------------------------

def build_handbook(doc: HandbookDocument, resolver: ResolverLike | None = None,
                   geography: GeographyLike | None = None) -> GraphBatch:
    """Projects, their places, leads, partners and grondrechten; Huizen van het Kind and theirs.
    Without a resolver or geography, the product's own (loaders.resolution.resolve, loaders.resolution.geography)."""
    resolver, geography = services(resolver, geography)
    batch, report = GraphBatch(), doc.report
    grondrecht_ids = {g.code: batch.add_node("Grondrecht", g.code, source=g.file, line=g.line, code=g.code, name=g.name)
                      for g in doc.grondrechten}
    for project in doc.projects:
        _build_project(batch, project, resolver, geography, grondrecht_ids, doc.file, report)
    for huis in doc.huizen:
        _build_huis(batch, huis, resolver, geography, doc.file, report)
    return batch


def _build_project(batch: GraphBatch, p: HandbookProject, resolver: ResolverLike, geography: GeographyLike,
                   grondrecht_ids: dict[str, str], file: str, report: LoadReport) -> None:
    places = [(fact, municipality_node(batch, geography, fact, report)) for fact in p.municipalities]
    official = [batch.nodes[nid].properties["name"] for _, nid in places if nid]
    if not p.municipalities:
        where = f" (region {p.region.as_written})" if p.region else ""
        report.warn(file, p.line, "no_municipality", f"project {p.key!r} names no single municipality{where}")
    theme_codes = list(p.theme.grondrechten) if p.theme else []
    signals = read_grondrechten(p.full_text or p.summary, theme_codes)
    codes = [s.code for s in signals]
    pid = batch.add_node(
        "Project", p.key, source=file, line=p.line, name=p.name, name_source=p.name_source,
        theme=p.theme.name if p.theme else None, summary=p.summary or None, grondrechten=codes,
        theme_grondrechten=theme_codes, full_text=p.full_text or None,
        municipality=official[0] if len(official) == 1 and len(p.municipalities) == 1 else None,
        municipalities=official, municipality_as_written=", ".join(f.as_written for f in p.municipalities) or None,
        region=p.region.as_written if p.region else None,
    )
    for fact, mid in places:
        if mid:
            batch.add_relationship("LOCATED_IN", pid, mid, source=fact.file, line=fact.line, note=fact.note)
    for sig in signals:
        if sig.code not in grondrecht_ids:
            report.warn(file, p.line, "unknown_grondrecht", f"project {p.key!r}: unknown grondrecht {sig.code}")
        elif sig.method == "text":
            agrees = f"; the theme {p.theme.name!r} agrees" if sig.in_theme and p.theme else ""
            batch.add_relationship("TARGETS", pid, grondrecht_ids[sig.code], source=file, line=p.line, method="text",
                                   note=f"the project's text: {', '.join(sig.terms[:6])}{agrees}")
        else:  # the weaker signal, labelled: the text shows no grondrecht, the chapter's theme stands in
            batch.add_relationship("TARGETS", pid, grondrecht_ids[sig.code], source=file, line=p.theme.line,
                                   method="theme",
                                   note=f"only via the theme {p.theme.name!r} (loaders/data/theme_grondrechten.yaml)")
    if p.lead:
        link_actor(batch, resolver, p.lead, "LEADS", pid, report)
    for partner in p.partners:
        link_actor(batch, resolver, partner, "PARTNER_OF", pid, report)
    report.count("projects")
    report.count("projects_located", 1 if official else 0)


def _build_huis(batch: GraphBatch, huis: HuisVanHetKindRecord, resolver: ResolverLike, geography: GeographyLike,
                file: str, report: LoadReport) -> None:
    place = Fact(huis.municipality, file, huis.line, huis.evidence)
    mid = municipality_node(batch, geography, place, report)
    official = batch.nodes[mid].properties["name"] if mid else huis.municipality
    hid = batch.add_node("HuisVanHetKind", f"Huis van het Kind {official}", source=file, line=huis.line,
                         name=f"Huis van het Kind {official}")
    if mid:
        batch.add_relationship("LOCATED_IN", hid, mid, source=file, line=huis.line)
    for fact in huis.leads:
        link_actor(batch, resolver, fact, "LEADS", hid, report)
    for fact in huis.partners:
        link_actor(batch, resolver, fact, "PARTNER_OF", hid, report)
    if huis.project:
        _project_partners(batch, huis, hid, file, report)
    report.count("huizen_van_het_kind_built")


def _project_partners(batch: GraphBatch, huis: HuisVanHetKindRecord, hid: str, file: str, report: LoadReport) -> None:
    """The project that is part of the Huis van het Kind (Boempatat, 001:L1472) is PART_OF it, and the
    project's lead and partners are partners of the Huis: each such PARTNER_OF carries the path of
    relationships that makes it one, so a depth-1 network shows both the partner and why."""
    pid = next((n.id for n in batch.nodes.values() if "Project" in n.labels and n.properties.get("name") == huis.project), None)
    if pid is None:
        report.warn(file, huis.line, "unknown_project", f"Huis van het Kind {huis.municipality}: no project {huis.project!r}")
        return
    batch.add_relationship("PART_OF", pid, hid, source=file, line=huis.line, note=huis.evidence)
    part_of = {"start": pid, "type": "PART_OF", "end": hid, "source": file, "line": huis.line}
    for rel in [r for r in batch.relationships.values() if r.end == pid and r.type in ("PARTNER_OF", "LEADS")]:
        if rel.start == hid:
            continue
        step = {"start": rel.start, "type": rel.type, "end": pid, "source": rel.properties["source"],
                "line": rel.properties["line"]}
        batch.add_relationship("PARTNER_OF", rel.start, hid, source=file, line=huis.line,
                               as_written=rel.properties.get("as_written") or batch.nodes[rel.start].properties["name"],
                               method="via_project", path=json.dumps([step, part_of], ensure_ascii=False),
                               note=f"partner via het project {huis.project!r}, onderdeel van het Huis van het Kind")
        report.count("huis_partners_via_project")
