"""Entity resolution: one node per real actor, whatever spelling a source uses.

The alias table (`loaders/data/aliases.yaml`, read by loaders/resolution/alias_table.py) is the knowledge; this
module only applies it:

    coordinator's override ('same') → normalise → exact name or alias → (sub-unit of a parent)
    → local pattern ('OCMW Gent') → fuzzy match (rapidfuzz, strict, same label only, guard rails)
    → a 'new' actor keyed on its normalised name

Every merge records why (method alias / normalised / override / fuzzy with its score). A fuzzy match
is refused by the guard rails of loaders/resolution/merge_guards.py (a local body is not its national network,
an instance not its category), by a coordinator's 'different' verdict (`Overrides.different`), and
when the same list names both spellings side by side (`beside`, e.g. 'Sociale Huizen en het OCMW').

The field a mention came from (`role`) settles names that stand for two actors: 'WVG' is the
cabinet in a kabinet field and the department in an administratie field. Every merge and every
unresolved name is kept for the load report.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Callable

from loaders.resolution.names import fold, is_collective, is_placeholder, normalise
# AliasTable and default_table are part of the resolver's interface: callers import them from here.
from loaders.resolution.alias_table import NOT_PLACE, Actor, AliasTable, default_table
from loaders.resolution.merge_guards import refusal
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
    method: str = "exact"  # exact | alias | normalised | variant | subunit | override | collective | fuzzy | local | new
    score: float = 100.0
    minister: str | None = None
    municipality: str | None = None
    kind: str = "organisation"  # 'organisation' or 'category' (alias_table.KINDS)
    link: "tuple[str, Resolution] | None" = None  # (INSTANCE_OF | MEMBER_OF, the category or network)


@dataclass(frozen=True)
class Overrides:
    """A coordinator's verdicts on pairs of spellings (issue 13): `same` spellings are merged at the
    next load (spelling -> the name of the actor it is), `different` pairs are never fuzzy-merged.
    Both compare normalised names (loaders.resolution.names.normalise)."""
    same: dict[str, str] = field(default_factory=dict)
    different: frozenset[frozenset[str]] = frozenset()

    @classmethod
    def of(cls, same: "list[tuple[str, str]] | tuple" = (), different: "list[tuple[str, str]] | tuple" = ()) -> "Overrides":
        return cls({normalise(a): b for a, b in same}, frozenset(frozenset((normalise(a), normalise(b))) for a, b in different))

    def forbids(self, a: str, b: str) -> bool:
        return frozenset((normalise(a), normalise(b))) in self.different


@dataclass(frozen=True)
class Refusal:
    """A fuzzy match the guard rails refused: the name stayed its own actor."""
    as_written: str
    candidate: str
    score: float
    reason: str  # merge_guards.LOCAL_VS_NATIONAL | INSTANCE_VS_CATEGORY | 'coordinator_different' | 'listed_beside'
    source: str
    line: int | None


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

    def __init__(self, table: AliasTable | None = None, overrides: Overrides | None = None,
                 forbid: "Callable[[str, str, Actor], bool] | None" = None):
        self.table = table or default_table()
        self.overrides = overrides or Overrides()
        # forbid(written, role, actor): a coordinator judged them different (loaders/resolution/verdict_hook.py)
        self.forbid = forbid
        self.refusals: list[Refusal] = []
        self._beside: tuple[str, ...] = ()
        self._cache: dict[tuple[str, str, tuple[str, ...]], Resolution | None] = {}
        self._occurrences: dict[tuple[str, str, str], Occurrence] = {}
        self.skipped: list[tuple[str, str, str | None, int | None]] = []  # (as_written, reason, source, line)

    # -- public ----------------------------------------------------------------------------------

    def resolve(self, as_written: str, *, role: str, source: str | None = None,
                line: int | None = None, beside: "tuple[str, ...] | list[str]" = ()) -> Resolution | None:
        """The actor `as_written` names, read as a value of field `role`; None when it names no
        single actor (a placeholder, a person's name). `beside`: the other names the same list or
        sentence gives, which a fuzzy match of this one may not join."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {role!r}")
        written = " ".join(as_written.split())
        reason = self._not_an_actor(written)
        if reason:
            self.skipped.append((written, reason, source, line))
            return None
        others = tuple(sorted({" ".join(b.split()) for b in beside} - {written}))
        key = (written, role, others)
        if key not in self._cache:
            self._beside, self._where = others, (source or "", line)
            self._cache[key] = self._resolve(written, role)
            self._beside = ()
        res = self._cache[key]
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
        for r in self.refusals:
            rep.count(f"fuzzy_refused_{r.reason}")
            rep.warn(r.source, r.line or 0, "fuzzy_refused",
                     f"{r.as_written!r} not merged into {r.candidate!r} (score {r.score:.0f}): {r.reason}")
        return rep

    def merge_rows(self) -> list[dict]:
        """Every spelling merged into an actor under another name, with why: the load's merge report."""
        rows = [{"as_written": o.as_written, "actor": o.name, "label": o.label, "method": o.method,
                 "score": round(o.score, 1), "role": o.role, "places": [f"{src}:{ln}" for src, ln in o.places]}
                for o in self.merges]
        return sorted(rows, key=lambda r: (r["method"], r["actor"], r["as_written"]))

    def merge_summary(self) -> str:
        """One line: how many spellings were merged, by method, and how many fuzzy matches were refused."""
        by_method: dict[str, int] = {}
        for o in self.merges:
            by_method[o.method] = by_method.get(o.method, 0) + 1
        methods = ", ".join(f"{m} {n}" for m, n in sorted(by_method.items()))
        return (f"actor merges: {len(self.merges)} spellings joined to another name ({methods}); "
                f"{len(self.refusals)} fuzzy matches refused by guard rails; {len(self.unresolved)} new actors")

    def merge_report(self) -> str:
        """The summary line, then one line per merge (method, score, places) and per refusal."""
        lines = [self.merge_summary()]
        for r in self.merge_rows():
            score = f" {r['score']:.0f}" if r["method"] == "fuzzy" else ""
            lines.append(f"  {r['method']}{score}: {r['as_written']!r} -> {r['actor']!r} ({r['label']}) "
                         f"at {', '.join(r['places'][:3])}{' …' if len(r['places']) > 3 else ''}")
        for f in self.refusals:
            lines.append(f"  refused ({f.reason}, score {f.score:.0f}): {f.as_written!r} kept apart from "
                         f"{f.candidate!r} at {f.source}:{f.line}")
        return "\n".join(lines)

    # -- steps -----------------------------------------------------------------------------------

    def _not_an_actor(self, written: str) -> str | None:
        if is_placeholder(written):
            return "placeholder"
        if is_collective(written) and not self._collective_category(written):
            return "collective"
        return self.table.not_actors.get(normalise(written))

    def _collective_category(self, written: str) -> Actor | None:
        """'Alle kabinetten', 'Allen', 'Alle administraties die …': the category the table has for it."""
        norm = normalise(written)
        for actor in self.table.actors.values():
            if actor.kind == "category" and any(norm == (n := normalise(a.text)) or norm.startswith(n + " ")
                                                for a in actor.aliases if normalise(a.text).startswith("alle")):
                return actor
        return None

    def _resolve(self, written: str, role: str) -> Resolution:
        return (self._override(written, role) or self._known(written, role) or self._collective(written, role)
                or self._local(written, role) or self._new(written, role))

    def _override(self, written: str, role: str) -> Resolution | None:
        """A coordinator's 'same' verdict: this spelling is the actor of that name."""
        target = self.overrides.same.get(normalise(written))
        if target is None:
            return None
        res = self._lookup(target, role) or self._local(target, role) or self._new(target, role)
        return dataclasses.replace(res, method="override", score=100.0)

    def _collective(self, written: str, role: str) -> Resolution | None:
        actor = self._collective_category(written)
        return None if actor is None else self._of(actor, "collective")

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
        found = next((r for v in variants if (r := self._lookup(v, role))), None)
        return None if found is None else dataclasses.replace(found, method="variant")

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
            if known.method != "fuzzy":  # the report says why: the unit of a parent named around it
                known = dataclasses.replace(known, method="subunit")
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
                link = None
                if pat.get("link"):
                    rel, of = pat["link"]
                    link = (rel, self._of(self.table.actors[self.table.key_of(of)], "exact"))
                return Resolution(pat["label"], name, name, method="local", score=100.0,
                                  municipality=place if pat["place"] else None, link=link)
        return None

    def _fuzzy(self, written: str, role: str) -> Resolution | None:
        """A typo of a known name, only against actors of the label the name would get, unless a
        guard rail, a coordinator's 'different' verdict or a name listed beside it refuses the pair."""
        hit = self.table.fuzzy_candidate(written, (_guess_label(written, role),))
        if hit is None:
            return None
        actor, score = hit
        reason = refusal(written, actor, self.table)
        if reason is None and any(self.overrides.forbids(written, a.text) for a in actor.aliases):
            reason = "coordinator_different"
        if reason is None and self.forbid is not None and self.forbid(written, role, actor):
            reason = "coordinator_different"
        if reason is None and any(self._names_actor(b, actor) for b in self._beside):
            reason = "listed_beside"
        if reason:
            where = getattr(self, "_where", ("", None))
            self.refusals.append(Refusal(written, actor.name, score, reason, where[0], where[1]))
            return None
        return self._of(actor, "fuzzy", score)

    def _names_actor(self, other: str, actor: Actor) -> bool:
        return any(a.key == actor.key for a in self.table.by_norm.get(normalise(other), []))

    def _new(self, written: str, role: str) -> Resolution:
        return Resolution(_guess_label(written, role), written, normalise(written) or written, method="new", score=0.0)

    def _of(self, actor: Actor, method: str, score: float = 100.0) -> Resolution:
        parent = self._of(self.table.actors[actor.parent], "exact") if actor.parent else None
        return Resolution(actor.label, actor.name, actor.key, parent, method, score, actor.minister, kind=actor.kind)

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
