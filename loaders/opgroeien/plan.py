"""Opgroeien's poverty plan and its VAPA planning (003, slides): the plan, its milestones, its
policy lines and afdelingen, its actions, the partners they name, and Opgroeien's first input to
the Vlaams Actieplan Dak- en Thuisloosheid.

The slides repeat their title ('3. Inhoudelijke lijnen armoedeplan Opgroeien') on every page and
put the slide's theme in a label line, mostly at its end ('Competentieversterking'), sometimes
right under the title ('PGJO'). The labels are the deck's structure (like the field labels of
004) and are listed below. SharePoint URLs are not content and are skipped.

The source numbers no action: codes are generated in document order, 'OG25-01' .. (Opgroeien,
2025), and 'OG25-DT-01' .. for the input to the Dak- en Thuisloosheid plan; `code_generated` says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from armoedegraaf.errors import SourceError
from graph.model import GraphBatch
from loaders.resolution.actor_nodes import add_actor
from loaders.resolution.actors import extract_organisations
from loaders.prose import first_sentences, join_lines
from loaders.local_graph import Fact, GeographyLike, ResolverLike, link_actor, services
from loaders.opgroeien.slides import (Item, Slide, items_of, parse_milestones, read_overview, read_section3,
                                      read_toetsen, section_starts)
from loaders.report import LoadReport

PLAN = "Armoedeplan Opgroeien"
DT_PLAN = "Vlaams Actieplan Dak- en Thuisloosheid"
# Both plans are Opgroeien's 2025 actions (its armoedeplan, and its input for the Dak- en
# Thuisloosheid plan at 003:700-740): one group, which the continuity question can name.
GROUP = "opgroeien-2025"
CODE, DT_CODE = "OG25-{:02d}", "OG25-DT-{:02d}"
# What the '(VAPA)' flag of the overview (003:588-666) means, for the coordinator who reads it.
VAPA_NOTE = ("gemarkeerd '(VAPA)' in het overzicht 'acties in VAPA' van 003 (r. 588-666): voorgesteld voor het nieuwe Vlaams "
             "Actieplan Armoedebestrijding (2025), niet VAPA 2015-2019; geen bewijs van continuïteit")
VAPA_MATCH = 75  # token_set_ratio an overview item needs to be the same action


@dataclass
class PlanAction:
    code: str
    plan: str
    title: str
    line: int
    policy_line: str | None  # the slide label: a line of policy, an afdeling's theme, 'Op de brug ...'
    afdeling: str | None
    afdeling_line: int | None
    text_lines: list[tuple[int, str]]
    in_vapa: bool = False
    vapa_line: int | None = None

    @property
    def summary(self) -> str:
        """The action's whole text, over all its slides (003:L112-157 for OG25-02): the slides are
        bullet lists, so the first sentences would keep only the first slide."""
        return join_lines([t for _, t in self.text_lines])


@dataclass
class OpgroeienPlanDocument:
    file: str
    plan_line: int
    plan_names: list[str]
    owner: Fact  # Opgroeien, as the plan's title names it
    milestones: list[dict[str, Any]]
    milestone_actors: list[Fact]
    policy_lines: list[str]
    afdelingen: list[str]
    actions: list[PlanAction]
    armoedetoetsen: list[str]
    dt_line: int
    dt_actors: list[Fact]  # who draws up the Dak- en Thuisloosheid plan, as the slides say
    dt_input: Fact | None  # 'Voorlopige input vanuit Opgroeien': Opgroeien proposes those actions
    report: LoadReport = field(default_factory=LoadReport)


# ---- parse --------------------------------------------------------------------------------------

def parse_opgroeien_plan(text: str, file: str) -> OpgroeienPlanDocument:
    report = LoadReport()
    lines = text.split("\n")
    sections = section_starts(lines)
    for number in ("1", "3", "4", "5", "6"):
        if number not in sections:
            raise SourceError(f"no section {number} in the slides", file=file)
    plan_m = re.search(r"armoede(?:bestrijdings)?plan\s+Opgroeien", text)
    if plan_m is None:
        raise SourceError("the slides never name the armoedeplan Opgroeien", file=file)
    plan_line = text.count("\n", 0, plan_m.start()) + 1
    owner_line = text.count("\n", 0, plan_m.end()) + 1
    milestones, milestone_actors = parse_milestones(lines, sections["1"], sections["2"], file)
    slides, policy_lines, afdelingen = read_section3(lines, sections["3"], sections["4"], report, file)
    actions = _actions(slides)
    _mark_vapa(actions, read_overview(lines, sections["4"], sections["5"]), report, file)
    dt_actions, dt_input_line = _dt_actions(lines, sections["6"], len(lines))
    actions += dt_actions
    dt_line, dt_actors = _dt_facts(lines, sections["1"], sections["2"], file)
    report.count("opgroeien_actions", len(actions))
    report.count("opgroeien_milestones", len(milestones))
    return OpgroeienPlanDocument(
        file, plan_line, sorted({" ".join(plan_m.group(0).split()), "armoedeplan Opgroeien"}),
        Fact("Opgroeien", file, owner_line, "Opgroeien"), milestones, milestone_actors, policy_lines, afdelingen,
        actions, read_toetsen(lines, sections["5"], sections["6"]), dt_line, dt_actors,
        Fact("Opgroeien", file, dt_input_line, "Opgroeien") if dt_input_line else None, report)


_MARKER = re.compile(r"^\s*(?:•|o|-|[a-z]\))\s+")


def _title(item: Item) -> str:
    """The item's first sentence, without its bullet mark or a closing colon."""
    parts = [t for _, t in item.lines]
    text = join_lines([_MARKER.sub("", parts[0])] + parts[1:])
    return first_sentences(text, limit=0, at_least=0).rstrip(" :")


def _actions(slides: list[Slide]) -> list[PlanAction]:
    """One action per line of policy (all its slides), per lead paragraph of an afdeling's slide,
    and per top-level bullet of a slide without a lead paragraph."""
    actions: list[PlanAction] = []
    by_line: dict[str, PlanAction] = {}
    previous: Slide | None = None
    for slide in slides:
        items = items_of(slide.content)
        if not items:
            continue
        if slide.kind == "line":
            act = by_line.get(slide.label)
            if act is None:
                act = by_line[slide.label] = _new(actions, slide.label, slide.label_line or items[0].line, slide)
            act.text_lines += [x for it in items for x in it.lines]
        elif items[0].kind == "text":
            act = _new(actions, _title(items[0]), items[0].line, slide)
            act.text_lines += [x for it in items for x in it.lines]
        elif items[0].kind == "sub" and previous is not None and previous.label == slide.label and actions:
            actions[-1].text_lines += [x for it in items for x in it.lines]  # the previous slide continues
        else:
            for it in items:
                if it.kind == "bullet" or not actions or actions[-1].policy_line != slide.label:
                    _new(actions, _title(it), it.line, slide)
                actions[-1].text_lines += it.lines
        previous = slide
    for no, act in enumerate(actions, start=1):
        act.code = CODE.format(no)
    return actions


def _new(actions: list[PlanAction], title: str, line: int, slide: Slide) -> PlanAction:
    # an action that names its own afdeling ('De afdeling Bovenlokale teams ...') belongs to it
    own = re.match(r"De afdeling ([A-Z]\w*(?: [a-z]\w*)*)", title)
    afdeling, afdeling_line = (own.group(1), line) if own else (slide.afdeling, slide.label_line)
    act = PlanAction("", PLAN, title, line, slide.label, afdeling, afdeling_line, [])
    actions.append(act)
    return act


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[–—-]+", " ", text.lower()).split())


def _mark_vapa(actions: list[PlanAction], overview: list[tuple[int, str]], report: LoadReport, file: str) -> None:
    """The actions the overview slides put in the VAPA (section 4), found by their wording."""
    for line, text in overview:
        scored = [(fuzz.token_set_ratio(_norm(text), _norm(a.title)), a) for a in actions]
        score, best = max(scored, key=lambda s: s[0]) if scored else (0, None)
        if best is None or score < VAPA_MATCH:
            report.warn(file, line, "unmatched_vapa_item", f"overview item {text[:60]!r} matches no action")
            continue
        best.in_vapa, best.vapa_line = True, line


def _dt_actions(lines: list[str], start: int, end: int) -> tuple[list[PlanAction], int | None]:
    """'Voorlopige input vanuit Opgroeien' to the Dak- en Thuisloosheid plan: its bullets, each
    under a chapter '(2) Duurzame huisvesting'; and the line of that heading."""
    at = next((i for i in range(start, end) if "Voorlopige input vanuit Opgroeien" in lines[i - 1]), None)
    if at is None:
        return [], None
    actions, chapter, chapter_line = [], None, None
    items = items_of([(no, lines[no - 1]) for no in range(at + 1, end + 1)])
    for it in items:
        first = it.lines[0][1].strip()
        if m := re.match(r"^\((\d)\)\s*(.+)$", first):
            chapter, chapter_line = f"({m.group(1)}) {m.group(2).strip()}", it.line
        elif it.kind == "bullet":
            actions.append(PlanAction(DT_CODE.format(len(actions) + 1), DT_PLAN, _title(it), it.line, chapter, None,
                                      chapter_line, list(it.lines)))
    return actions, at


def _dt_facts(lines: list[str], start: int, end: int, file: str) -> tuple[int, list[Fact]]:
    """Where section 1 names the Dak- en Thuisloosheid plan, and who draws it up ('Getrokken door
    Dep. Zorg, samenwerking met Wonen')."""
    line = next((no for no in range(start, end) if DT_PLAN.lower() in lines[no - 1].lower()), None)
    if line is None:
        raise SourceError(f"section 1 does not name the {DT_PLAN}", file=file, line=start)
    facts = []
    for no in range(start, end):
        if m := re.search(r"Getrokken door (.+?), samenwerking met (\w+)", lines[no - 1]):
            full = m.group(1).replace("Dep.", "Departement")
            facts.append(Fact(m.group(1), file, no, m.group(1), name=full if full != m.group(1) else None,
                              note="trekker"))
            facts.append(Fact(m.group(2), file, no, m.group(2), note="samenwerking"))
    return line, facts


# ---- build --------------------------------------------------------------------------------------

def build_opgroeien_plan(doc: OpgroeienPlanDocument, resolver: ResolverLike | None = None,
                         geography: GeographyLike | None = None) -> GraphBatch:
    """The plan and its actions, Opgroeien and its afdelingen responsible, the partners involved."""
    resolver, _ = services(resolver, geography)
    batch, report, f = GraphBatch(), doc.report, doc.file
    owner_res = resolver.resolve(doc.owner.as_written, role="administration", source=f, line=doc.owner.line)
    if owner_res is None:
        raise SourceError("the resolver knows no Opgroeien", file=f, line=doc.owner.line)
    owner = add_actor(batch, owner_res, source=f, line=doc.owner.line, as_written=doc.owner.as_written)
    plan = batch.add_node("Plan", PLAN, source=f, line=doc.plan_line, name=PLAN, names=doc.plan_names,
                          milestones=json.dumps(doc.milestones, ensure_ascii=False), policy_lines=doc.policy_lines,
                          afdelingen=doc.afdelingen, armoedetoetsen=doc.armoedetoetsen, group=GROUP)
    for fact in doc.milestone_actors:
        link_actor(batch, resolver, fact, "INVOLVED_IN", plan, report, role="other")
    dt_plan = batch.add_node("Plan", DT_PLAN, source=f, line=doc.dt_line, name=DT_PLAN, group=GROUP)
    for fact in doc.dt_actors:
        link_actor(batch, resolver, fact, "INVOLVED_IN", dt_plan, report, role="other")
    plans = {PLAN: plan, DT_PLAN: dt_plan}
    for act in doc.actions:
        aid = _build_action(batch, act, plans[act.plan], f)
        if act.plan == PLAN:  # Opgroeien's own plan
            batch.add_relationship("RESPONSIBLE_FOR", owner, aid, source=f, line=doc.owner.line,
                                   as_written=doc.owner.as_written, role="administration")
        elif doc.dt_input:  # Opgroeien's input to another plan
            batch.add_relationship("INVOLVED_IN", owner, aid, source=f, line=doc.dt_input.line,
                                   as_written=doc.dt_input.as_written, role="other", note="voorlopige input")
        if act.afdeling:
            _afdeling(batch, resolver, act, owner_res, aid, f, report)
        _partners(batch, resolver, act, aid, owner_res.key, f, report)
    return batch


def _build_action(batch: GraphBatch, act: PlanAction, plan: str, file: str) -> str:
    aid = batch.add_node("Action", (act.plan, act.code), source=file, line=act.line, name=f"{act.code} {act.title}",
                         code=act.code, plan=act.plan, code_generated=True, title=act.title, summary=act.summary,
                         policy_line=act.policy_line, afdeling=act.afdeling,
                         in_vapa=act.in_vapa if act.plan == PLAN else None, vapa_line=act.vapa_line,
                         vapa_note=VAPA_NOTE if act.in_vapa else None)
    batch.add_relationship("PART_OF", aid, plan, source=file, line=act.line)
    return aid


def _afdeling(batch: GraphBatch, resolver: ResolverLike, act: PlanAction, owner_res: Any, aid: str, file: str,
              report: LoadReport) -> None:
    """The afdeling of Opgroeien whose slide holds the action, RESPONSIBLE_FOR it."""
    res = resolver.resolve(f"{owner_res.name} - afdeling {act.afdeling}", role="administration", source=file,
                           line=act.afdeling_line)
    if res is None:
        report.warn(file, act.afdeling_line or act.line, "unresolved_name", f"afdeling {act.afdeling!r}")
        return
    nid = add_actor(batch, res, source=file, line=act.afdeling_line or act.line, as_written=act.afdeling)
    batch.add_relationship("RESPONSIBLE_FOR", nid, aid, source=file, line=act.afdeling_line or act.line,
                           as_written=act.afdeling, role="administration")


_PARTNER_LIST = re.compile(r"(?:partners[^:.]{0,100}:|partners,? zoals(?: het)?)\s*"
                           r"(?P<list>.+?)(?:,?\s*…|,\.\.\.|\.\s*$|$)", re.S)


def _partners(batch: GraphBatch, resolver: ResolverLike, act: PlanAction, aid: str, owner_key: str, file: str,
              report: LoadReport) -> None:
    """The organisations the action's text names: known names anywhere, and the items of a
    'partners: A, B, C,…' list."""
    text = "\n".join(t for _, t in act.text_lines)
    numbers = [no for no, _ in act.text_lines]
    mentions = [Fact(m.as_written, file, m.line, m.as_written)
                for m in extract_organisations(text, numbers[0], numbers)]
    flat = " ".join(t.strip() for _, t in act.text_lines)
    for m in _PARTNER_LIST.finditer(flat):
        for item in re.split(r",\s*", m.group("list")):
            item = item.strip(" .…")
            # a name: capitalised or a vzw, and not part of a known name the list's commas cut
            # ('Steunpunt Welzijn, Volksgezondheid en Gezin')
            if item and (item[0].isupper() or "vzw" in item) and not any(item in x.as_written for x in mentions):
                line = next((no for no, t in act.text_lines if item.split()[0] in t), act.line)
                mentions.append(Fact(item, file, line, item))
    seen = {owner_key}
    for fact in mentions:
        res = resolver.resolve(fact.as_written, role="other", source=file, line=fact.line)
        if res is None or res.key in seen:
            continue
        seen.add(res.key)
        nid = add_actor(batch, res, source=file, line=fact.line, as_written=fact.as_written)
        batch.add_relationship("INVOLVED_IN", nid, aid, source=file, line=fact.line, as_written=fact.as_written,
                               role="other")
    report.count("opgroeien_action_partners", len(seen) - 1)
