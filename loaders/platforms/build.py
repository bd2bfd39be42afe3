"""The graph of the 57 platforms (KPMG study 002): Platform nodes in their municipality, the lead
OCMW or vzw that LEADS each, the named partners (PARTNER_OF, through the shared resolver), and the
project call 'Kinderen eerst' they are PART_OF.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from graph.model import GraphBatch, slugify
from loaders.platforms.curated import read_curated
from loaders.platforms.document import PlatformsDocument
from loaders.platforms.records import PlatformRecord
from loaders.resolution.actor_nodes import add_actor
from loaders.resolution.geography import Geography, build_geography, default_geography
from loaders.resolution.resolve import Resolver

CALL = "Kinderen eerst"
_LISTS = ("roles", "roles_evidence", "tasks", "tasks_evidence", "task_activities", "partner_categories",
          "partner_categories_evidence", "good_practices", "good_practices_evidence",
          "practice_examples", "practice_examples_evidence")


def _resolver_call(resolver) -> Callable[..., Any]:
    """A Resolver, anything with .resolve(as_written, role=…, source=…, line=…), or such a callable."""
    return resolver.resolve if hasattr(resolver, "resolve") else resolver


def build_platforms(doc: PlatformsDocument, resolver=None, geography: Geography | None = None) -> GraphBatch:
    """Platform, lead and partner nodes with their relationships; every node and relationship
    cites its line in the study. Names the resolver cannot place are reported in doc.report."""
    geo = geography or default_geography()
    own = resolver is None
    if own:
        resolver = Resolver()
    resolve = _resolver_call(resolver)
    file = doc.file
    batch = build_geography(geo, only={p.municipality for p in doc.platforms})
    plan = None
    if doc.call:
        # The study's 7 partner categories live on the call, so 'which category is missing' is a
        # question the graph itself can answer on either backend.
        categories = [c["name"] for c in read_curated()["categories"]]
        plan = batch.add_node("Plan", CALL, source=file, line=doc.call["line"], name=CALL, period="2014-2015",
                              budget_eur=doc.call["budget_eur"], partner_categories=categories)
    for p in doc.platforms:
        pid = _platform_node(batch, p, file)
        muni_id = f"municipality:{_slug(p.municipality)}"
        batch.add_relationship("LOCATED_IN", pid, muni_id, source=file, line=p.line)
        if plan:
            batch.add_relationship("PART_OF", pid, plan, source=file, line=p.line)
        _lead(batch, p, pid, muni_id, resolve, file, doc)
        for partner in p.partners:
            _partner(batch, p, pid, partner, resolve, file, geo, doc)
    doc.report.count("platform_nodes", sum(1 for n in batch.nodes.values() if "Platform" in n.labels))
    if own:  # a shared resolver is reported once, by whoever shares it
        resolver.report(doc.report)
    return batch


def _slug(text: str) -> str:
    return slugify(text)


def _platform_node(batch: GraphBatch, p: PlatformRecord, file: str) -> str:
    props = {prop: getattr(p, prop) for prop in ("size_group", "target_group", "staff_hired", "ervaringsdeskundige",
                                                 "meeting_frequency", "status", "subsidy_eur", "flemish_subsidy",
                                                 "region", "province", "municipality", "section")}
    props.update({prop: list(getattr(p, prop)) for prop in _LISTS if getattr(p, prop)})
    props["names"] = list(dict.fromkeys([p.name, *p.names]))
    props["evidence"] = json.dumps(p.evidence, ensure_ascii=False, sort_keys=True)
    props["lead"] = p.lead_as_written
    # The study names a platform by its lead ('OCMW Boom'); the platform itself is the local network,
    # so its display name says so and the lead's node stays the only 'OCMW Boom' (the study's name
    # stays in `names` and the id is unchanged).
    name = f"Lokaal netwerk kinderarmoede {p.municipality}" if p.municipality else p.name
    return batch.add_node("Platform", p.name, source=file, line=p.line, name=name, **props)


def _lead(batch, p: PlatformRecord, pid: str, muni_id: str, resolve, file: str, doc) -> None:
    if p.lead_kind is None:
        doc.report.warn(file, p.line, "no_lead", f"{p.name}: no lead organisation")
        return
    # The OCMW is keyed on the official municipality ('OCMW Liège' for 'OCMW Luik'), so that every
    # source's mention of the same OCMW meets one node.
    wanted = f"OCMW {p.municipality}" if p.lead_kind == "OCMW" else p.lead_as_written
    res = resolve(wanted, role="other", source=file, line=p.lead_line)
    if res is None:
        doc.report.warn(file, p.lead_line or p.line, "unresolved_lead", f"{p.name}: {wanted!r} names no actor")
        return
    lid = add_actor(batch, res, p.lead_as_written, file, p.lead_line or p.line)
    batch.add_relationship("LEADS", lid, pid, source=file, line=p.lead_line or p.line, as_written=p.lead_as_written)
    if p.lead_kind == "OCMW":
        batch.add_relationship("LOCATED_IN", lid, muni_id, source=file, line=p.lead_line or p.line)


def _partner(batch, p: PlatformRecord, pid: str, partner, resolve, file: str, geo: Geography, doc) -> None:
    res = resolve(partner.resolve_as or partner.as_written, role="other", source=file, line=partner.line)
    if res is None:
        doc.report.warn(file, partner.line, "unresolved_partner", f"{p.name}: {partner.as_written!r} names no actor")
        return
    aid = add_actor(batch, res, partner.as_written, file, partner.line)
    note = f"confidence {partner.confidence}" + (f": {partner.note}" if partner.note else "")
    batch.add_relationship("PARTNER_OF", aid, pid, source=file, line=partner.line, as_written=partner.as_written,
                           note=note)
    doc.report.count("partner_links")
    place = geo.lookup(getattr(res, "municipality", None))
    if place is not None:
        batch.extend(build_geography(geo, only={place.name}))
        batch.add_relationship("LOCATED_IN", aid, f"municipality:{_slug(place.name)}", source=file, line=partner.line)

