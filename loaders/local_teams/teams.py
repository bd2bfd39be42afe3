"""The parliamentary answer on Opgroeien's local teams (000): teams per province, the measure of the
Vlaams Actieplan Armoedebestrijding, the 2021 call for 24 Huizen van het Kind, partners, budgets.

The answer is short prose; every figure is read from its sentence by a pattern, and a missing
sentence is a SourceError (this loader exists for those figures). The graph:

    (:LocalTeam {count})-[:LOCATED_IN]->(:Province), -[:PART_OF]->(Opgroeien)
    (:Action)-[:PART_OF]->(:Plan)   the measure (samenwerking lokale teams / Sociale Huizen / OCMW /
                                    Huizen van het Kind) and the call for 24 Huizen van het Kind
    Opgroeien -[:RESPONSIBLE_FOR]-> both actions; partners -[:INVOLVED_IN]-> the actions;
    referral partners -[:PARTNER_OF]-> each LocalTeam
"""

from __future__ import annotations

import json
import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from armoedegraaf.errors import SourceError
from graph.model import GraphBatch
from loaders.resolution.actor_nodes import add_actor
from loaders.local_graph import Fact, GeographyLike, ResolverLike, link_actor, resolve_actor, services
from loaders.report import LoadReport

# The answer names the plan without its period ('het Vlaams Actieplan Armoedebestrijding', 'de
# lopende beleidstermijn', written in 2021). That is the VAPA 2020-2024, but the source does not say
# so; the key keeps to what it says and differs from 004's 'VAPA 2015-2019'.
PLAN = "Vlaams Actieplan Armoedebestrijding (lopende beleidstermijn, 2021)"
# The source numbers nothing; these codes are generated: OG<year of the document>-<nn>.
MEASURE_CODE, CALL_CODE = "OG21-01", "OG21-02"

_UNITS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
          "zeventien": 17, "achttien": 18, "negentien": 19}
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
         "negentig": 90}


def dutch_number(word: str) -> int | None:
    """'24', 'vierentwintig', 'twee' -> int; None for anything else (up to 99)."""
    w = word.strip().lower()
    if w.isdigit():
        return int(w)
    if w in _UNITS or w in _TEENS or w in _TENS:
        return _UNITS.get(w) or _TEENS.get(w) or _TENS[w]
    for unit, value in _UNITS.items():  # 'vier' + 'en' + 'twintig', 'twee' + 'ën' + 'twintig'
        for joint in ("en", "ën"):
            if w.startswith(unit + joint) and w[len(unit + joint):] in _TENS:
                return value + _TENS[w[len(unit + joint):]]
    return None


def parse_amount_eur(text: str) -> float | None:
    """'50.000 euro' -> 50000.0, '43,64 mio euro' -> 43640000.0; None without an amount."""
    m = re.search(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*(mio|miljoen|k)?\s*(?:euro|EUR|€)", text)
    if not m:
        return None
    value = float(m.group(1).replace(".", "") + (f".{m.group(2)}" if m.group(2) else ""))
    return value * {"mio": 1e6, "miljoen": 1e6, "k": 1e3}.get(m.group(3) or "", 1)


# ---- records ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TeamCount:
    province: str  # as written: 'Vlaams Brabant', 'Brussels Hoofdstedelijk Gewest'
    count: int
    line: int


@dataclass(frozen=True)
class Milestone:
    date: str  # '2021', '2020-2022'
    date_text: str  # as written: 'Begin 2021', 'medio 2021'
    text: str
    line: int

    def as_json(self) -> dict[str, Any]:
        return {"date": self.date, "date_text": self.date_text, "text": self.text, "line": self.line}


@dataclass(frozen=True)
class Budget:
    text: str
    line: int
    amount_eur: float | None
    details: dict[str, Any]


@dataclass
class PlannedAction:
    code: str
    title: str
    line: int
    summary: str
    milestones: list[Milestone]
    budgets: list[Budget]
    responsible: list[Fact]  # the executing organisation
    involved: list[Fact]


@dataclass
class LocalTeamsDocument:
    file: str
    organisation: Fact  # Agentschap Opgroeien
    plan: Fact  # the Vlaams Actieplan Armoedebestrijding, as written
    teams: list[TeamCount]
    total: int
    total_line: int
    measure: PlannedAction
    call: PlannedAction
    call_recipients: int
    referral_partners: list[Fact]
    referral_reasons: list[str]
    report: LoadReport = field(default_factory=LoadReport)


# ---- text ---------------------------------------------------------------------------------------

class Flat:
    """The document as one string (a line break read as a space, a hyphen before a capital kept as
    in 'Oost-/Vlaanderen'), with the source line of every character."""

    def __init__(self, text: str):
        parts, lines = [], []
        for no, line in enumerate(text.split("\n"), start=1):
            line = " ".join(line.split())
            if not line:
                parts.append("\n"), lines.append(no)  # a blank line ends a paragraph
                continue
            # the last part only: joining everything so far per line made a long document quadratic
            sep = "" if parts and parts[-1].endswith("-") and line[0].isupper() else " "
            parts.append(sep + line)
            lines.extend([no] * len(sep + line))
        self.text, self._lines = "".join(parts), lines
        self._breaks: list[tuple[int, bool]] | None = None

    def line(self, pos: int) -> int:
        return self._lines[min(pos, len(self._lines) - 1)]

    def need(self, pattern: str, what: str, flags: int = 0) -> re.Match[str]:
        m = re.search(pattern, self.text, flags)
        if m is None:
            raise SourceError(f"no statement of {what} (pattern {pattern!r})")
        return m

    def sentence(self, pos: int) -> str:
        """The sentence around `pos`, without the answer's number ('4 Opgroeien lanceert ...')."""
        # The breaks are found once and bisected: scanning from the start for every sentence made a
        # long document quadratic.
        if self._breaks is None:
            self._breaks = [(m.start(), m.group() == "\n") for m in _SENTENCE_BREAK.finditer(self.text)]
            self._break_starts = [b for b, _ in self._breaks]
        i = bisect.bisect_left(self._break_starts, pos)  # the first break at or after pos ends the sentence
        j = i - 1  # the last break before pos starts it; a '.' right before pos has no space after it yet
        if j >= 0 and self._breaks[j][0] + 1 == pos and not self._breaks[j][1]:
            j -= 1
        begin = self._breaks[j][0] + 1 if j >= 0 else 0
        sentence = self.text[begin:self._breaks[i][0] + 1 if i < len(self._breaks) else len(self.text)]
        return _ANSWER_NO.sub("", " ".join(_PRIVATE_USE.sub("", sentence).split()))


_SENTENCE_BREAK = re.compile(r"[.?!](?=\s)|\n")
_ANSWER_NO = re.compile(r"^\d{1,2}\s+(?=[A-Z])")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # bullet glyphs pdftotext keeps (U+F0B7)
_PROVINCE_COUNT = re.compile(
    r"(?:provincies?|het)\s+(?P<names>[A-Z][\w-]*(?: [A-Z][\w-]*)*(?: en [A-Z][\w-]*(?: [A-Z][\w-]*)*)?)"
    r"\s+(?:zijn er\s+)?(?:telkens\s+)?(?P<n>\d+)\b")
_MILESTONE = re.compile(r"(?i)\b(?P<q>begin|medio|eind|(?:in het )?voorjaar|(?:in het )?najaar|eerste fase \()\s*"
                        r"(?P<y>20\d\d(?:-20\d\d)?)")


# ---- parse --------------------------------------------------------------------------------------

def parse_local_teams(text: str, file: str) -> LocalTeamsDocument:
    """Teams per province, the measure and the call with their budgets, partners and milestones."""
    try:
        return _parse(Flat(text), file)
    except SourceError as exc:
        raise SourceError(str(exc), file=file, line=exc.line) from None


def _fact(flat: Flat, m: re.Match[str], file: str, group: int | str = 0, note: str | None = None) -> Fact:
    return Fact(m.group(group), file, flat.line(m.start(group)), m.group(group), note=note)


def _parse(flat: Flat, file: str) -> LocalTeamsDocument:
    report = LoadReport()
    org = _fact(flat, flat.need(r"Agentschap Opgroeien", "the executing agency"), file)
    plan = _fact(flat, flat.need(r"Vlaams Actieplan Armoedebestrijding", "the action plan"), file)
    teams, total, total_line = _teams(flat, file, report)
    measure = _measure(flat, file, org)
    call, recipients = _call(flat, file)
    reasons_m = flat.need(r"om diverse redenen \(bv\. (.+?)\)", "the referral reasons")
    partners_m = flat.need(r"toe naar diverse partners \(bv\. (.+?)\)", "the referral partners")
    partners = [Fact(name, file, flat.line(partners_m.start(1) + off), name, note="toeleiding door de lokale teams")
                for name, off in _list_items(partners_m.group(1))]
    report.count("local_teams_provinces", len(teams))
    report.count("local_teams_total", sum(t.count for t in teams))
    return LocalTeamsDocument(file, org, plan, teams, total, total_line, measure, call, recipients, partners,
                              [r for r, _ in _list_items(reasons_m.group(1))], report)


def _list_items(text: str) -> list[tuple[str, int]]:
    """'behandelende arts, spel- en ontmoeting, caw, …' -> items with their offsets."""
    items = []
    for m in re.finditer(r"[^,]+", text):
        item = m.group(0).strip(" .…")
        if item:
            items.append((item, m.start() + len(m.group(0)) - len(m.group(0).lstrip())))
    return items


def _teams(flat: Flat, file: str, report: LoadReport) -> tuple[list[TeamCount], int, int]:
    total_m = flat.need(r"In totaal zijn er (\d+) lokale teams", "the total number of local teams")
    para_end = flat.text.find("\n", total_m.end())
    para = flat.text[total_m.end():para_end if para_end >= 0 else None]
    teams = []
    for m in _PROVINCE_COUNT.finditer(para):
        for name in re.split(r" en ", m.group("names")):
            teams.append(TeamCount(name, int(m.group("n")), flat.line(total_m.end() + m.start("names"))))
    total, total_line = int(total_m.group(1)), flat.line(total_m.start())
    if not teams:
        raise SourceError("no local teams per province", line=total_line)
    if sum(t.count for t in teams) != total:
        report.warn(file, total_line, "count_mismatch",
                    f"teams per province sum to {sum(t.count for t in teams)}, the text says {total}")
    return teams, total, total_line


def _milestones(flat: Flat, start: int, end: int) -> list[Milestone]:
    out = []
    for m in _MILESTONE.finditer(flat.text, start, end):
        date_text = m.group(0).rstrip(" (")
        if m.group("q").lower().startswith("eerste fase"):
            date_text = f"eerste fase ({m.group('y')})"
        out.append(Milestone(m.group("y"), date_text, flat.sentence(m.start()), flat.line(m.start())))
    return out


def _measure(flat: Flat, file: str, org: Fact) -> PlannedAction:
    m = flat.need(r"is de (samenwerking tussen .+?)\.", "the measure")
    call_at = flat.need(r"oproep voor \w+ Huizen", "the call").start()
    milestones = [ms for ms in _milestones(flat, 0, len(flat.text)) if not ms.text.startswith("Opgroeien lanceert")]
    none_m = flat.need(r"zijn geen bijkomende middelen voorzien", "the budget of the measure")
    spent_m = flat.need(r"In (20\d\d) gaven we ([^.]*?euro)[^.]*\.", "the spending on the local teams")
    budgets = [Budget(flat.sentence(none_m.start()), flat.line(none_m.start()), 0.0, {"additional_eur": 0.0}),
               Budget(flat.sentence(spent_m.start()), flat.line(spent_m.start()), parse_amount_eur(spent_m.group(2)),
                      {"local_teams_spending_eur": parse_amount_eur(spent_m.group(2)),
                       "year": int(spent_m.group(1))})]
    involved = [_fact(flat, x, file) for x in (
        flat.need(r"Sociale Huizen", "the Sociale Huizen"), flat.need(r"\bOCMW\b", "the OCMW"),
        flat.need(r"Huizen van het Kind", "the Huizen van het Kind"))]
    involved = [x for x in involved if flat.line(0) <= x.line < flat.line(call_at)]
    title = m.group(1)[0].upper() + m.group(1)[1:]
    task = flat.need(r"Er wordt gewerkt met (lokale teams)", "the local teams' task")
    involved.append(_fact(flat, task, file, 1))
    return PlannedAction(MEASURE_CODE, title, flat.line(m.start(1)), flat.sentence(task.start()), milestones,
                         budgets, [org], involved)


def _call(flat: Flat, file: str) -> tuple[PlannedAction, int]:
    m = flat.need(r"oproep voor (\w+) (Huizen van het Kind)", "the call for Huizen van het Kind")
    recipients = dutch_number(m.group(1))
    if recipients is None:
        raise SourceError(f"the call's number of Huizen van het Kind {m.group(1)!r} is no number",
                          line=flat.line(m.start()))
    launcher = flat.need(r"(Opgroeien) lanceert", "who launches the call")
    sub = flat.need(r"De subsidie verbonden aan de oproep[^.]*?bedraagt ([\d.,]+ euro) per (jaar) en wordt "
                    r"toegekend voor een periode van (\w+) jaar\.", "the call's subsidy")
    years = dutch_number(sub.group(3))
    amount = parse_amount_eur(sub.group(1))
    budget = Budget(flat.sentence(sub.start()), flat.line(sub.start()), amount,
                    {"amount_eur": amount, "per": sub.group(2), "years": years, "recipients": recipients})
    goals = flat.need(r"preventieve gezinsondersteuning in combinatie met minsten één van de volgende "
                      r"doelstellingen\s*:\s*(.+?armoedebestrijding)", "the call's goals", re.S)
    goal_list = " ".join(_PRIVATE_USE.sub("", goals.group(1)).split()).replace(" ;", ";")
    summary = (f"{flat.sentence(m.start())} Doelstellingen: preventieve gezinsondersteuning in combinatie met "
               f"minstens één van: {goal_list}.")
    title = (f"Oproep voor {m.group(1)} Huizen van het Kind: vernieuwende projecten voor een (meer) "
             "geïntegreerde dienstverlening")
    milestones = [ms for ms in _milestones(flat, 0, len(flat.text)) if ms.text.startswith("Opgroeien lanceert")]
    return PlannedAction(CALL_CODE, title, flat.line(m.start()), summary, milestones, [budget],
                         [_fact(flat, launcher, file, 1)], [_fact(flat, m, file, 2)]), recipients


# Opgroeien's local teams (000:L106 'de lokale teams van Opgroeien') are the teams its own plan calls
# 'de teams Kind en Gezin' (003:L423): one body named two ways, so each province's teams are PART_OF it.
KG_TEAMS = Fact("lokale teams van Opgroeien", "000_553a785c04f85bf4.txt", 106, "lokale teams van Opgroeien",
                name="Kind en Gezin-teams",
                note="de lokale teams van Opgroeien (000:L106) zijn de teams Kind en Gezin van zijn armoedeplan (003:L423)")


# ---- build --------------------------------------------------------------------------------------

def build_local_teams(doc: LocalTeamsDocument, resolver: ResolverLike | None = None,
                      geography: GeographyLike | None = None) -> GraphBatch:
    """Local teams per province, the plan with its two actions, their actors and budgets."""
    resolver, geography = services(resolver, geography)
    batch, report, f = GraphBatch(), doc.report, doc.file
    opgroeien = resolve_actor(batch, resolver, doc.organisation, report)
    plan = batch.add_node("Plan", PLAN, source=f, line=doc.plan.line, name=PLAN, names=[doc.plan.as_written])
    actions = {a.code: _build_action(batch, a, plan, resolver, f, report) for a in (doc.measure, doc.call)}
    teams_fact = next(x for x in doc.measure.involved if x.as_written == "lokale teams")
    kg_teams = resolve_actor(batch, resolver, KG_TEAMS, report)
    teams = []
    for team in doc.teams:
        province = geography.province_of(team.province)
        if province is None:
            report.warn(f, team.line, "unknown_province", f"{team.province!r} is no known province")
        name = f"Lokale teams {province.name if province else team.province}"
        tid = batch.add_node("LocalTeam", name, source=f, line=team.line, name=name, count=team.count,
                             province=province.name if province else team.province)
        if province:
            pid = batch.add_node("Province", province.name, source=f, line=team.line, name=province.name)
            batch.add_relationship("LOCATED_IN", tid, pid, source=f, line=team.line)
        if opgroeien:
            batch.add_relationship("PART_OF", tid, opgroeien, source=f, line=doc.total_line)
        if kg_teams:
            batch.add_relationship("PART_OF", tid, kg_teams, source=f, line=KG_TEAMS.line, note=KG_TEAMS.note)
        batch.add_relationship("INVOLVED_IN", tid, actions[MEASURE_CODE], source=f, line=teams_fact.line,
                               as_written=teams_fact.as_written, role="other")
        teams.append(tid)
    # The referral partners are the examples of a 'bv.' list (000:L114-115): kinds of partner, not named
    # bodies. Each is a category, involved once in the measure, rather than a partner of every team.
    beside = [p.as_written for p in doc.referral_partners]
    for partner in doc.referral_partners:
        res = resolver.resolve(partner.lookup, role="other", source=partner.file, line=partner.line, beside=beside)
        if res is None:
            report.warn(partner.file, partner.line, "unresolved_name", f"{partner.as_written!r} names no single actor")
            continue
        pid = add_actor(batch, res, partner.as_written, partner.file, partner.line, kind="category",
                        kind_evidence=f"an example of a 'bv.' list ({partner.file}:{partner.line})")
        batch.add_relationship("INVOLVED_IN", pid, actions[MEASURE_CODE], source=partner.file, line=partner.line,
                               as_written=partner.as_written, role="other",
                               note=f"{partner.note}: voorbeeld uit een bv.-lijst, een soort partner")
    report.count("local_teams_nodes", len(teams))
    return batch


def _build_action(batch: GraphBatch, a: PlannedAction, plan: str, resolver: ResolverLike, file: str,
                  report: LoadReport) -> str:
    amounts = [b.amount_eur for b in a.budgets if b.amount_eur]
    details = [{**b.details, "text": b.text, "line": b.line} for b in a.budgets]
    aid = batch.add_node(
        "Action", (PLAN, a.code), source=file, line=a.line, name=f"{a.code} {a.title}", code=a.code, plan=PLAN,
        code_generated=True, title=a.title, summary=a.summary,
        budget_text=" ".join(b.text for b in a.budgets), budget_amounts_eur=amounts or None,
        budget=json.dumps(details if len(details) > 1 else details[0], ensure_ascii=False),
        milestones=json.dumps([m.as_json() for m in a.milestones], ensure_ascii=False) if a.milestones else None,
    )
    batch.add_relationship("PART_OF", aid, plan, source=file, line=a.line)
    for fact in a.responsible:
        link_actor(batch, resolver, fact, "RESPONSIBLE_FOR", aid, report, role="administration")
    for fact in a.involved:
        if fact.as_written == "lokale teams":
            continue  # the LocalTeam nodes themselves, linked per province
        link_actor(batch, resolver, fact, "INVOLVED_IN", aid, report, role="other")
    return aid
