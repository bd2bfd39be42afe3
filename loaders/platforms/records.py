"""The study's records of one platform and one good practice, and how a table header names a platform.

Below both the document parser (platforms/document.py) and the table readers (platforms/tasks.py),
which fill these records from different parts of the study.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.platforms.tables import Entry, clean
from loaders.resolution.geography import Geography

_ORG_PREFIX = re.compile(r"^(?:OCMW|OCLW|OCWM|[Vv]zwl?)\s+(?:SH-|Sociaal Huis\s+)?", re.I)


@dataclass
class Partner:
    as_written: str
    line: int
    confidence: str = "high"
    resolve_as: str | None = None  # the local actor a generic name stands for ('Huis van het Kind Lier')
    note: str | None = None


@dataclass
class PlatformRecord:
    municipality: str  # official name (geography.yaml)
    municipality_as_written: str
    province: str
    region: str
    size_group: str  # the study's cluster: grootsteden | steden/gemeenten | kleine gemeenten
    section: str  # the study's section, e.g. '1.3'
    line: int  # the section list that names the platform
    name: str | None = None  # the study's name for the platform (curated)
    lead_kind: str | None = None  # 'OCMW' or 'vzw'
    lead_as_written: str | None = None
    lead_line: int | None = None
    target_group: str | None = None
    staff_hired: bool | None = None
    ervaringsdeskundige: bool | None = None
    meeting_frequency: str | None = None
    status: str = "actief"
    subsidy_eur: float | None = None
    flemish_subsidy: bool | None = None
    roles: list[str] = field(default_factory=list)
    roles_evidence: list[int] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    tasks_evidence: list[int] = field(default_factory=list)
    task_activities: list[str] = field(default_factory=list)
    partner_categories: list[str] = field(default_factory=list)
    partner_categories_evidence: list[int] = field(default_factory=list)
    good_practices: list[str] = field(default_factory=list)
    good_practices_evidence: list[int] = field(default_factory=list)
    # what the study writes of this platform as an example of a good practice ('N. <text>')
    practice_examples: list[str] = field(default_factory=list)
    practice_examples_evidence: list[int] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # every way the study writes the platform
    name_lines: dict[str, int] = field(default_factory=dict)  # each of those: where first written
    evidence: dict[str, dict] = field(default_factory=dict)  # fact -> {line, method, confidence}

    def set(self, prop: str, value, line: int, method: str, confidence: str = "high") -> None:
        setattr(self, prop, value)
        self.evidence[prop] = {"line": line, "method": method, "confidence": confidence}

    def add_to(self, prop: str, value: str, line: int) -> None:
        """Add to a list property and its parallel evidence list, once."""
        values, lines = getattr(self, prop), getattr(self, f"{prop}_evidence")
        if value not in values:
            values.append(value)
            lines.append(line)


@dataclass
class GoodPractice:
    number: int
    title: str
    line: int
    examples: list[tuple[str, int]] = field(default_factory=list)  # (platform municipality, line)


def match_entry(entry: str, platforms: list[PlatformRecord], geo: Geography) -> PlatformRecord | None:
    """The platform a table header or row head names: by its municipality ('OCMW SH-Mechelen',
    'vzw Racynes (Haccourt)', 'OCMW St.Vith'), else by the vzw or place inside its name."""
    rest = _ORG_PREFIX.sub("", clean(entry)).strip(" :")
    bracket = re.search(r"\(([^()]*)\)\s*$", rest)
    for candidate in ([bracket.group(1)] if bracket else []) + [rest]:
        muni = geo.lookup(candidate)
        if muni:
            return next((p for p in platforms if p.municipality == muni.name), None)
    folded = rest.casefold()
    for p in platforms:
        if p.lead_as_written and _ORG_PREFIX.sub("", p.lead_as_written).casefold() in folded:
            return p
        if re.search(rf"\b{re.escape(p.municipality_as_written.casefold())}\b", folded):
            return p
    return None


def note_entry(entry: Entry, platform: PlatformRecord) -> None:
    """Remember how a header writes the platform; a 'vzw …' header names the lead vzw."""
    if entry.text not in platform.names:
        platform.names.append(entry.text)
        platform.name_lines[entry.text] = entry.line
    if re.match(r"(?i)vzw", entry.text) and platform.lead_kind is None:
        platform.lead_kind, platform.lead_line = "vzw", entry.line
        platform.lead_as_written = re.sub(r"\s*\([^()]*\)\s*$", "", entry.text)
