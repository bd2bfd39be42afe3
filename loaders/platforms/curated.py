"""The hand-curated facts about the 57 platforms: loaders/data/platforms.yaml (names, facts the
garbled tables lost, tasks and roles the prose states, named partners) and the per-platform
categories of loaders/data/partner_categories.yaml. Every fact cites its line in the study
(checked by tests/test_curated_citations.py); this module merges them into the parsed records.
"""

from __future__ import annotations

from importlib import resources

import yaml

from armoedegraaf.errors import SourceError
from loaders.resolution.geography import default_geography
from loaders.report import LoadReport
from loaders.platforms.records import Partner

FACT_PROPERTIES = {"target_group": str, "staff_hired": bool, "ervaringsdeskundige": bool,
                   "meeting_frequency": str, "status": str}
ROLES = ("algemene coördinatie", "doelstellingen bewaken", "actieve inhoudelijke hulp bij taken",
         "administratie en logistiek")


def read_curated() -> dict:
    """Both curated files, parsed: {'platforms': [...], 'categories': [...], 'category_facts': [...]}."""
    def load(name: str) -> dict:
        text = resources.files("loaders").joinpath(f"data/{name}").read_text(encoding="utf-8")
        try:
            return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        except yaml.YAMLError as exc:
            raise SourceError(f"not valid YAML: {exc}", file=f"loaders/data/{name}") from exc

    platforms, categories = load("platforms.yaml"), load("partner_categories.yaml")
    return {"platforms": platforms.get("platforms", []), "categories": categories.get("categories", []),
            "category_facts": categories.get("platforms", [])}


def apply(curated: dict, platforms, file: str, report: LoadReport, task_titles: dict[int, str]) -> None:
    """Merge the curated facts of `file` into the records; a curated value that differs from the
    table's is reported and wins (it was read by hand)."""
    if not curated:
        return
    geo = default_geography()
    by_muni = {p.municipality: p for p in platforms}

    def platform(written: str, where: str):
        muni = geo.lookup(written)
        if muni is None or muni.name not in by_muni:
            raise SourceError(f"{where}: no platform in {written!r}", file="loaders/data/platforms.yaml")
        return by_muni[muni.name]

    def ours(fact: dict) -> bool:
        return fact.get("file") == file

    for entry in curated.get("platforms", []):
        p = platform(entry["municipality"], "platforms.yaml")
        if ours(entry["name"]):
            p.name = entry["name"]["value"]
            p.evidence["name"] = _ev(entry["name"])
        if entry.get("lead") and ours(entry["lead"]):
            # The lead as one line writes it, where the table headers mangle it.
            lead = entry["lead"]
            p.lead_kind = "vzw" if lead["value"].lower().startswith("vzw") else "OCMW"
            p.lead_as_written, p.lead_line = lead["value"], lead["line"]
            p.evidence["lead"] = _ev(lead)
        for fact in filter(ours, entry.get("facts", [])):
            _fact(p, fact, file, report)
        for task in filter(ours, entry.get("tasks", [])):
            p.add_to("tasks", f"{task['value']}. {task_titles[int(task['value'])]}", task["line"])
        for role in filter(ours, entry.get("roles", [])):
            if role["value"] not in ROLES:
                raise SourceError(f"{p.municipality}: unknown role {role['value']!r}", file="loaders/data/platforms.yaml")
            p.add_to("roles", role["value"], role["line"])
        for partner in filter(ours, entry.get("partners", [])):
            p.partners.append(Partner(partner["as_written"], partner["line"], partner.get("confidence", "high"),
                                      partner.get("resolve_as"), partner.get("note")))
        _sort_tasks(p)
    names = {c["key"]: c["name"] for c in curated.get("categories", [])}
    for fact in filter(ours, curated.get("category_facts", [])):
        if fact["category"] not in names:
            raise SourceError(f"unknown partner category {fact['category']!r}", file="loaders/data/partner_categories.yaml")
        platform(fact["platform"], "partner_categories.yaml").add_to("partner_categories", names[fact["category"]],
                                                                      fact["line"])
    unnamed = [p.municipality for p in platforms if not p.name]
    if unnamed:
        raise SourceError(f"no curated name for the platforms of {', '.join(unnamed)}", file="loaders/data/platforms.yaml")


def _ev(fact: dict) -> dict:
    return {"line": fact["line"], "method": "curated", "confidence": fact.get("confidence", "high")}


def _fact(p, fact: dict, file: str, report: LoadReport) -> None:
    prop, value = fact["property"], fact["value"]
    kind = FACT_PROPERTIES.get(prop)
    if kind is None or not isinstance(value, kind):
        raise SourceError(f"{p.municipality}: bad fact {prop}={value!r}", file="loaders/data/platforms.yaml")
    old = getattr(p, prop)
    if p.evidence.get(prop, {}).get("method") == "table" and old != value:
        report.warn(file, fact["line"], "curated_differs", f"{p.municipality}: {prop} {value!r} (curated) "
                    f"replaces {old!r} (table, L{p.evidence[prop]['line']})")
    p.set(prop, value, fact["line"], "curated", fact.get("confidence", "high"))


def _sort_tasks(p) -> None:
    pairs = sorted(zip(p.tasks, p.tasks_evidence))
    p.tasks[:] = [t for t, _ in pairs]
    p.tasks_evidence[:] = [ln for _, ln in pairs]
