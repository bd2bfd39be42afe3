"""Entity resolution: one node per real actor, whatever spelling a source uses.

The alias table (`loaders/data/aliases.yaml`, read by loaders/alias_table.py) is the knowledge; this
module only applies it:

    normalise → exact name or alias → (sub-unit of a parent) → local pattern ('OCMW Gent')
    → fuzzy match (rapidfuzz, strict, same label only) → a 'new' actor keyed on its normalised name

The field a mention came from (`role`) settles names that stand for two actors: 'WVG' is the
cabinet in a kabinet field and the department in an administratie field. Every merge and every
unresolved name is kept for the load report.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Callable

from loaders.actors import fold, is_collective, is_placeholder, normalise
# AliasTable and default_table are part of the resolver's interface: callers import them from here.
from loaders.alias_table import NOT_PLACE, Actor, AliasTable, default_table
from loaders.report import LoadReport

ROLES = ("cabinet", "administration", "people_in_poverty", "other")
# Which label a name in each field most likely has, best first.
_PREFERENCE = {
    "cabinet": ("Cabinet", "Administration", "Organisation", "HuisVanHetKind"),
    "administration": ("Administration", "Organisation", "Cabinet", "HuisVanHetKind"),
    "people_in_poverty": ("Organisation", "HuisVanHetKind", "Administration", "Cabinet"),
    "other": ("Organisation", "HuisVanHetKind", "Administration", "Cabinet"),
}


@dataclass(frozen=True)
class Resolution:
    label: str  # a schema label: Cabinet, Administration, Organisation, HuisVanHetKind
    name: str  # canonical display name
    key: str  # canonical key for the node id
    parent: "Resolution | None" = None  # PART_OF this actor
    method: str = "exact"  # alias | exact | normalised | fuzzy | local | new
    score: float = 100.0
    minister: str | None = None
    municipality: str | None = None


@dataclass
class Occurrence:
    as_written: str
    role: str
    label: str
    name: str
    key: str
    method: str
    score: float
    places: list[tuple[str, int | None]] = field(default_factory=list)  # (source, line)


_UNIT = r"(?:afdeling|afd\.|team|dienst|cel)\b"
_UNIT_IN_PARENS = re.compile(rf"(?is)^(?P<parent>[^()]+?)\s*\((?P<unit>{_UNIT}[^()]*)\)$")
_UNIT_AFTER = re.compile(rf"(?is)^(?P<parent>.+)\s*(?:[-–,:/]\s*|\s+)(?P<unit>{_UNIT}.+)$")
_UNIT_OF = re.compile(rf"(?is)^(?P<unit>{_UNIT}.+?)\s*(?:\bvan\s+(?:het\s+|de\s+)?|\()(?P<parent>[^()]+?)\)?$")
_VLAAMS_KABINET = re.compile(r"(?i)^vlaams\s+(?=kabinet)")
_PARENS = re.compile(r"\s*\(([^()]*)\)\s*")


class Resolver:
    """Resolve actor names to canonical actors; remembers every merge and every unresolved name."""

    def __init__(self, table: AliasTable | None = None,
                 forbid: "Callable[[str, str, Actor], bool] | None" = None):
        self.table = table or default_table()
        # forbid(written, role, actor): a coordinator judged them different (loaders/verdict_hook.py)
        self.forbid = forbid
        self._cache: dict[tuple[str, str], Resolution | None] = {}
        self._occurrences: dict[tuple[str, str, str], Occurrence] = {}
        self.skipped: list[tuple[str, str, str | None, int | None]] = []  # (as_written, reason, source, line)

    # -- public ----------------------------------------------------------------------------------

    def resolve(self, as_written: str, *, role: str, source: str | None = None,
                line: int | None = None) -> Resolution | None:
        """The actor `as_written` names, read as a value of field `role`; None when it names no
        single actor (placeholder, 'Alle kabinetten', a person's name)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {role!r}")
        written = " ".join(as_written.split())
        reason = self._not_an_actor(written)
        if reason:
            self.skipped.append((written, reason, source, line))
            return None
        if (written, role) not in self._cache:
            self._cache[(written, role)] = self._resolve(written, role)
        res = self._cache[(written, role)]
        self._remember(written, role, res, source, line)
        return res

    @property
    def merges(self) -> list[Occurrence]:
        """Every name that was merged into a canonical actor under another spelling."""
        return [o for o in self._occurrences.values() if o.method not in ("new", "local") and o.as_written != o.name]

    @property
    def unresolved(self) -> list[Occurrence]:
        """Every name that matched nothing and became a new actor of its own."""
        return [o for o in self._occurrences.values() if o.method == "new"]

    def report(self, into: LoadReport | None = None) -> LoadReport:
        """Counts per method, a warning for each unresolved name and each fuzzy merge, at file:line."""
        rep = into if into is not None else LoadReport()
        for occ in self._occurrences.values():
            rep.count(f"actor_mentions_{occ.method}", len(occ.places))
            if occ.method in ("new", "fuzzy"):
                kind = "unresolved_name" if occ.method == "new" else "fuzzy_merge"
                msg = (f"{occ.as_written!r} ({occ.role}) kept as new {occ.label}" if occ.method == "new" else
                       f"{occ.as_written!r} ({occ.role}) merged into {occ.name!r}, score {occ.score:.0f}")
                for src, ln in occ.places:
                    rep.warn(src or "", ln or 0, kind, msg)
        for _, reason, _, _ in self.skipped:
            rep.count(f"actor_mentions_skipped_{reason}")
        return rep

    # -- steps -----------------------------------------------------------------------------------

    def _not_an_actor(self, written: str) -> str | None:
        if is_placeholder(written):
            return "placeholder"
        if is_collective(written):
            return "collective"
        return self.table.not_actors.get(normalise(written))

    def _resolve(self, written: str, role: str) -> Resolution:
        return self._known(written, role) or self._local(written, role) or self._new(written, role)

    def _known(self, written: str, role: str) -> Resolution | None:
        """An actor of the table: by name, as a sub-unit, without a bracketed part, or by a typo."""
        return (self._lookup(written, role) or self._subunit(written, role)
                or self._lookup_variants(written, role) or self._fuzzy(written, role))

    def _pick(self, actors: list[Actor], role: str) -> Actor:
        return min(actors, key=lambda a: _PREFERENCE[role].index(a.label))

    def _lookup(self, written: str, role: str) -> Resolution | None:
        """The exact canonical name, a listed alias as written, or either after normalising."""
        if actors := self.table.by_raw.get(written):
            actor = self._pick(actors, role)
            return self._of(actor, "exact" if written == actor.name else "alias")
        if actors := self.table.by_norm.get(normalise(written)):
            return self._of(self._pick(actors, role), "normalised")
        return None

    def _lookup_variants(self, written: str, role: str) -> Resolution | None:
        """Without a bracketed part ('Studiedienst Vlaamse Regering (SVR)'), or that part alone; without
        'Vlaams' before 'kabinet' ('Vlaams kabinet Gelijke kansen')."""
        variants = []
        if (m := _PARENS.search(written)) and m.group(1).strip():
            variants += [_PARENS.sub(" ", written).strip(), m.group(1).strip()]
        if (bare := _VLAAMS_KABINET.sub("", written)) != written:
            variants.append(bare)
        return next((r for v in variants if (r := self._lookup(v, role))), None)

    def _subunit(self, written: str, role: str) -> Resolution | None:
        """'Departement WVG – Afdeling Welzijn en Samenleving', 'Afdeling X van het Agentschap Y',
        'Agentschap Y (Team X)': the unit, PART_OF its parent (the table's parent when it has one)."""
        m = _UNIT_IN_PARENS.match(written) or _UNIT_OF.match(written) or _UNIT_AFTER.match(written)
        if not m:
            return None
        unit, parent_text = m.group("unit").strip(" ,.-–"), m.group("parent").strip(" ,.-–/:")
        parent = self._known(parent_text, "administration") if parent_text else None
        known = (self._lookup(unit, "administration") or self._lookup_variants(unit, "administration")
                 or self._fuzzy(unit, "administration"))
        if known is not None:
            return known if known.parent or parent is None else dataclasses.replace(known, parent=parent)
        return None if parent is None else dataclasses.replace(self._new(unit, "administration"), parent=parent)

    def _local(self, written: str, role: str) -> Resolution | None:
        """'OCMW Gent', 'Huis van het Kind Boom': a local actor of its own, keyed on the place."""
        folded = fold(written)
        for pat in self.table.patterns:
            m = pat["rx"].fullmatch(folded)
            if m and m.group("place").split()[0] not in NOT_PLACE:
                place = re.sub(r"-\s+", "-", written[m.start("place"):m.end("place")])
                name = f"{pat['name']} {place}"
                return Resolution(pat["label"], name, name, method="local", score=100.0,
                                  municipality=place if pat["place"] else None)
        return None

    def _fuzzy(self, written: str, role: str) -> Resolution | None:
        """A typo of a known name, only against actors of the label the name would get."""
        hit = self.table.fuzzy(written, (_guess_label(written, role),))
        if hit is not None and self.forbid is not None and self.forbid(written, role, hit[0]):
            return None
        return None if hit is None else self._of(hit[0], "fuzzy", hit[1])

    def _new(self, written: str, role: str) -> Resolution:
        return Resolution(_guess_label(written, role), written, normalise(written) or written, method="new", score=0.0)

    def _of(self, actor: Actor, method: str, score: float = 100.0) -> Resolution:
        parent = self._of(self.table.actors[actor.parent], "exact") if actor.parent else None
        return Resolution(actor.label, actor.name, actor.key, parent, method, score, actor.minister)

    def _remember(self, written: str, role: str, res: Resolution | None, source: str | None, line: int | None) -> None:
        if res is not None:
            occ = self._occurrences.setdefault((written, role, res.key), Occurrence(
                written, role, res.label, res.name, res.key, res.method, res.score))
            occ.places.append((source or "", line))


_CABINET_FORM = re.compile(r"(?i)^(het\s+|de\s+)?(vlaams\s+)?kabinet")
_ADMIN_FORM = re.compile(r"(?i)^(het\s+|de\s+)?(vlaams\w*\s+)?(departement|dept|agentschap|afdeling|afd\.|team|dienst)\b")


def _guess_label(written: str, role: str) -> str:
    """The label a name gets from its form ('Kabinet …', 'Agentschap …'), else from its field."""
    if _CABINET_FORM.match(written):
        return "Cabinet"
    if _ADMIN_FORM.match(written):
        return "Administration"
    return {"cabinet": "Cabinet", "administration": "Administration"}.get(role, "Organisation")
