"""Build the graph of the action plan 004 (VAPA 2015-2019) from the parsed records.

Plan, grondrechten, ministers, actions with every field, REFERS_TO between actions, and the actors
of the six actor fields, resolved to one node per real actor. The responsible minister of each
action is decided by evidence, not by the document's header table (see decide_minister).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from graph.model import GraphBatch, node_id
from loaders.protocol import PlanInfo
from loaders.resolution.actor_nodes import add_actor
from loaders.resolution.actors import Mention, extract_organisations, split_actor_field
from loaders.resolution.names import is_placeholder
from loaders.vapa.fields import without_draft_comment
from loaders.report import LoadReport
from loaders.resolution.resolve import Resolver
from loaders.vapa.document import VapaDocument
from loaders.vapa.fields import ActionRecord, FieldValue

# The plan of 004, adopted by the Flemish government of 2014-2019 (whose ministers the alias table
# numbers); a document of the same format holds its own plan, passed by the source registry.
PLAN = PlanInfo("VAPA 2015-2019", "2015-2019", government="Vlaamse Regering 2014-2019", group="vapa-2015-2019")

# field -> (role, responsibility, relationship type, read as prose)
ACTOR_FIELDS: dict[str, tuple[str, str, str, bool]] = {
    "responsible_cabinet": ("cabinet", "responsible", "RESPONSIBLE_FOR", False),
    "responsible_administration": ("administration", "responsible", "RESPONSIBLE_FOR", False),
    "involved_cabinet": ("cabinet", "involved", "INVOLVED_IN", False),
    "people_in_poverty": ("people_in_poverty", "involved", "INVOLVED_IN", True),
    "involved_administration": ("administration", "involved", "INVOLVED_IN", False),
    "other_actors": ("other", "involved", "INVOLVED_IN", True),
}


@dataclass
class VapaContext:
    doc: VapaDocument
    resolver: Resolver
    batch: GraphBatch
    report: LoadReport
    ministers: dict[str, str]  # code number -> minister node id
    plan: PlanInfo = PLAN
    table_numbering: bool = True  # the ministers are the alias table's (its cabinets name their numbers)

    @property
    def government(self) -> str:
        return self.plan.government or self.plan.name

    @property
    def file(self) -> str:
        return self.doc.file


def build_vapa(doc: VapaDocument, resolver: Resolver | None = None, plan_info: PlanInfo = PLAN) -> GraphBatch:
    """The plan `plan_info` with its grondrechten, ministers, actions and actors; warnings go to
    doc.report. The format is the fiche format of 004, whichever plan a document of it holds."""
    batch, report = GraphBatch(), doc.report
    ctx = VapaContext(doc, resolver or Resolver(), batch, report, ministers={}, plan=plan_info)
    plan = batch.add_node("Plan", plan_info.name, source=doc.file, line=1, name=plan_info.name, period=plan_info.period,
                          group=plan_info.group)
    for g in doc.grondrechten:
        batch.add_node("Grondrecht", g.code, source=doc.file, line=g.line, code=g.code, name=g.name)
    _add_ministers(ctx)
    codes = {a.code for a in doc.actions}
    for action in doc.actions:
        mentions = field_mentions(action)
        aid = _add_action(ctx, action, plan, mentions)
        _add_references(ctx, action, aid, codes)
        _add_actors(ctx, action, aid, mentions)
    report.counts["ministers"] = len(ctx.ministers)
    return batch


# -- ministers ---------------------------------------------------------------------------------

def _add_ministers(ctx: VapaContext) -> None:
    """Minister nodes with the number the action codes use, each a person in the plan's government.
    The header of 004 (L43-59) numbers them alphabetically, the codes do not: the alias table records
    the code numbering of that government, derived from the cabinets the blocks name, with the lines
    that show it. A document whose header names none of those ministers (another government) is
    numbered by its header."""
    header = {m.name: m for m in ctx.doc.ministers}
    ministers = ctx.resolver.table.ministers
    if not any(m["name"] in header for m in ministers):
        ctx.table_numbering = False
        ministers = [{"number": r.number, "header_number": r.number, "name": r.name, "title": r.title}
                     for r in ctx.doc.ministers]
    for m in ministers:
        rec = header.get(m["name"])
        line = rec.line if rec else 1
        mid = ctx.batch.add_node(
            "Minister", (ctx.government, m["name"]), source=ctx.file, line=line, name=m["name"], number=m["number"],
            government=ctx.government, title=rec.title if rec else m.get("title"),
            evidence=json.dumps({"header_number": m.get("header_number"), "portfolios": m.get("portfolios", []),
                                 "evidence_lines": m.get("evidence", [])}, ensure_ascii=False))
        ctx.ministers[m["number"]] = mid
        if rec is None:
            ctx.report.warn(ctx.file, 1, "unknown_minister", f"{m['name']} not in the header list")


def field_mentions(a: ActionRecord) -> dict[str, list[Mention]]:
    """The actor mentions of each actor field (placeholders give none), split or read as prose."""
    out: dict[str, list[Mention]] = {}
    for field_name, (_, _, _, prose) in ACTOR_FIELDS.items():
        value: FieldValue | None = getattr(a, field_name)
        if value is None or is_placeholder(value.text):
            out[field_name] = []
            continue
        finder = extract_organisations if prose else split_actor_field
        out[field_name] = finder(without_draft_comment(value.text), value.line, value.lines)
    return out


def decide_minister(ctx: VapaContext, action: ActionRecord,
                    mentions: dict[str, list[Mention]]) -> tuple[str | None, dict[str, Any]]:
    """The responsible minister of an action: the minister of its responsible cabinet(s) when they
    name one, else the minister whose number the code carries. Returns the evidence with it."""
    cabinets = []
    for m in (mentions["responsible_cabinet"] if ctx.table_numbering else []):  # the table's cabinets, its numbers
        res = ctx.resolver.resolve(m.as_written, role="cabinet")
        if res is not None and res.minister:
            cabinets.append({"as_written": m.as_written, "line": m.line, "minister_number": res.minister})
    by_code = action.minister_number
    numbers = {c["minister_number"] for c in cabinets}
    if by_code in numbers or not numbers:
        decided, how = by_code, "code_segment_confirmed_by_cabinet" if numbers else "code_segment"
    else:
        decided, how = sorted(numbers)[0], "responsible_cabinet"
        ctx.report.warn(ctx.file, action.line, "minister_conflict",
                        f"{action.code}: code says minister {by_code}, responsible cabinet says {decided}")
    evidence = {"decided_by": how, "code_segment": by_code, "responsible_cabinets": cabinets}
    return ctx.ministers.get(decided), evidence


# -- actions -----------------------------------------------------------------------------------

def _text(value: FieldValue | None) -> str | None:
    return value.text if value is not None else None


def _add_action(ctx: VapaContext, a: ActionRecord, plan: str, mentions: dict[str, list[Mention]]) -> str:
    title = " ".join((_text(a.title) or "").split())
    milestones = [{"year": m.year, "text": m.text, "line": m.line, **({"marker": m.marker} if m.marker else {})}
                  for m in a.milestones]
    aid = ctx.batch.add_node(
        "Action", (ctx.plan.name, a.code), source=ctx.file, line=a.line, code=a.code, plan=ctx.plan.name,
        name=f"{a.code} {title}".strip(), title=title, budget_text=_text(a.budget_text),
        budget_amounts_eur=[float(x) for x in a.budget_amounts_eur],
        evaluation_indicator=_text(a.evaluation_indicator), summary=_text(a.summary),
        milestones=json.dumps(milestones, ensure_ascii=False), people_in_poverty=_text(a.people_in_poverty),
        other_actors=_text(a.other_actors),
        people_in_poverty_kind=_poverty_kind(a, mentions), replaced_by=a.replaced_by, editorial_note=a.editorial_note,
        duplicate_lines=list(a.duplicate_lines) or None)
    ctx.batch.add_relationship("TARGETS", aid, f"grondrecht:{a.grondrecht}", source=ctx.file, line=a.line)
    ctx.batch.add_relationship("PART_OF", aid, plan, source=ctx.file, line=a.line)
    minister, evidence = decide_minister(ctx, a, mentions)
    if minister:
        ctx.batch.add_relationship("RESPONSIBLE_FOR", minister, aid, source=ctx.file, line=a.line,
                                   role="minister", responsibility="responsible", as_written=a.code,
                                   note=json.dumps(evidence, ensure_ascii=False))
    else:
        ctx.report.warn(ctx.file, a.line, "unknown_minister", f"{a.code}: no minister for number {a.minister_number}")
    return aid


def _poverty_kind(a: ActionRecord, mentions: dict[str, list[Mention]]) -> str:
    """How people in poverty are involved: named organisations, a placeholder, free text, or nothing."""
    field = a.people_in_poverty
    if field is None or not field.text.strip():
        return "none"
    if is_placeholder(field.text):
        return "placeholder"
    return "organisations" if mentions["people_in_poverty"] else "text"


def _add_references(ctx: VapaContext, a: ActionRecord, aid: str, codes: set[str]) -> None:
    refs = [(code, line, "refers_to") for code, line in a.references]
    if a.replaced_by:
        refs.append((a.replaced_by, a.title.line if a.title else a.line, "replaced_by"))
    for code, line, note in refs:
        if code not in codes:
            continue  # the parser warned already: a reference to a code that does not exist
        ctx.batch.add_relationship("REFERS_TO", aid, node_id("Action", ctx.plan.name, code), source=ctx.file,
                                   line=line, note=note)


# -- actors ------------------------------------------------------------------------------------

def _add_actors(ctx: VapaContext, a: ActionRecord, aid: str, mentions: dict[str, list[Mention]]) -> None:
    for field_name, (role, responsibility, rel_type, _) in ACTOR_FIELDS.items():
        listed = [m.as_written for m in mentions[field_name]]  # names side by side never fuzzy-merge
        for mention in mentions[field_name]:
            res = ctx.resolver.resolve(mention.as_written, role=role, source=ctx.file, line=mention.line,
                                       beside=listed)
            if res is None:
                continue
            actor = add_actor(ctx.batch, res, mention.as_written, ctx.file, mention.line)
            ctx.batch.add_relationship(rel_type, actor, aid, source=ctx.file, line=mention.line, role=role,
                                       responsibility=responsibility, as_written=mention.as_written)
            if ctx.table_numbering and res.label == "Cabinet" and res.minister and res.minister in ctx.ministers:
                ctx.batch.add_relationship("PART_OF", actor, ctx.ministers[res.minister], source=ctx.file,
                                           line=mention.line, note="kabinet of the minister")
