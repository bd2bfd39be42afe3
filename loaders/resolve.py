"""Entity resolution: one node per real actor, whatever spelling a source uses.

The alias table (`loaders/data/aliases.yaml`) is the knowledge; this module only applies it:

    normalise → exact name or alias → (sub-unit of a parent) → local pattern ('OCMW Gent')
    → fuzzy match (rapidfuzz, strict, same label only) → a 'new' actor keyed on its normalised name

The field a mention came from (`role`) settles names that stand for two actors: 'WVG' is the
cabinet in a kabinet field and the department in an administratie field. Every merge and every
unresolved name is kept for the load report.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from armoedegraaf.errors import SourceError
from loaders.actors import fold, is_collective, is_placeholder, normalise
from loaders.report import LoadReport

ROLES = ("cabinet", "administration", "people_in_poverty", "other")
LABELS = ("Cabinet", "Administration", "Organisation", "HuisVanHetKind")
# Which label a name in each field most likely has, best first.
_PREFERENCE = {
    "cabinet": ("Cabinet", "Administration", "Organisation", "HuisVanHetKind"),
    "administration": ("Administration", "Organisation", "Cabinet", "HuisVanHetKind"),
    "people_in_poverty": ("Organisation", "HuisVanHetKind", "Administration", "Cabinet"),
    "other": ("Organisation", "HuisVanHetKind", "Administration", "Cabinet"),
}
FUZZY_THRESHOLD = 92.0  # token_sort_ratio; below this a name stays its own actor
_FUZZY_MIN_LEN = 8


@dataclass(frozen=True)
class Alias:
    text: str
    abbreviation: bool = False  # matched case-sensitively in prose
    exact_case: bool = False  # a name matched case-sensitively in prose ('De Link', 'Opgroeien')
    field_only: bool = False  # only a whole field value, never inside prose ('Wonen', 'Welzijn')
    unless_followed: str | None = None  # prose: not when the next words match (verb 'opgroeien in')


@dataclass(frozen=True)
class Actor:
    key: str
    label: str
    name: str
    aliases: tuple[Alias, ...]
    parent: str | None = None  # key of the actor this one is PART_OF
    minister: str | None = None  # cabinets: the minister number of the action codes (01-09)
    note: str | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: str  # actor key, or 'pattern:<prefix>' for a local pattern


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


class AliasTable:
    """The alias table: actors, their spellings, local patterns, known relations."""

    def __init__(self, data: dict[str, Any], origin: str = "aliases.yaml"):
        self.origin = origin
        self.actors: dict[str, Actor] = {}
        for raw in data.get("actors", []):
            actor = _actor(raw, origin)
            if actor.key in self.actors:
                raise SourceError(f"duplicate actor key {actor.key!r}", file=origin)
            self.actors[actor.key] = actor
        self.actors = {k: _resolve_parent(a, self.actors, origin) for k, a in self.actors.items()}
        self.patterns = [_pattern(p) for p in data.get("local_patterns", [])]
        self.not_actors = {normalise(t): reason for reason, ts in data.get("not_actors", {}).items() for t in ts}
        self._index()
        self.relations = [self._relation(r) for r in data.get("relations", [])]
        self._found: dict[tuple[str, bool], list[Span]] = {}
        self.ministers: list[dict[str, Any]] = list(data.get("ministers", []))

    def key_of(self, name: str) -> str:
        """The key of the actor with this canonical name or key."""
        if name in self.actors:
            return name
        for actor in self.actors.values():
            if actor.name == name:
                return actor.key
        raise SourceError(f"no actor named {name!r}", file=self.origin)

    def _relation(self, raw: dict[str, Any]) -> dict[str, Any]:
        if not (raw.get("source") and raw.get("line")):
            raise SourceError(f"relation {raw!r} needs a source and a line", file=self.origin)
        return {**raw, "from": self.key_of(raw["from"]), "to": self.key_of(raw["to"])}

    def _index(self) -> None:
        self.by_norm: dict[str, list[Actor]] = {}
        self.by_raw: dict[str, list[Actor]] = {}
        for actor in self.actors.values():
            for text in (a.text for a in actor.aliases):
                for index, k in ((self.by_norm, normalise(text)), (self.by_raw, text)):
                    bucket = index.setdefault(k, [])
                    if actor not in bucket:
                        if any(o.label == actor.label for o in bucket):
                            raise SourceError(f"{text!r} names two {actor.label} actors", file=self.origin)
                        bucket.append(actor)
        # Each regex with its longest word: a cheap substring test that skips most regexes on most texts.
        self._regexes = [(actor.key, _alias_regex(a), a, max(re.findall(r"[a-z0-9]+", fold(a.text).lower()), key=len))
                         for actor in self.actors.values() for a in actor.aliases]
        # Fuzzy matching compares full names only: never abbreviations or bare portfolio words.
        self._fuzzy: dict[str, list[tuple[str, str]]] = {}
        for actor in self.actors.values():
            for a in actor.aliases:
                if not a.abbreviation and not a.field_only and len(normalise(a.text)) >= _FUZZY_MIN_LEN:
                    self._fuzzy.setdefault(actor.label, []).append((normalise(a.text), actor.key))

    def fuzzy(self, name: str, labels: tuple[str, ...]) -> tuple[Actor, float] | None:
        """The actor of one of `labels` whose name is most like `name` (a typo: 'Federeatie'), if
        its token-sorted similarity reaches FUZZY_THRESHOLD."""
        norm = normalise(name)
        if len(norm) < _FUZZY_MIN_LEN:
            return None
        choices = [c for label in labels for c in self._fuzzy.get(label, [])]
        best = process.extractOne(norm, [c[0] for c in choices], scorer=fuzz.token_sort_ratio,
                                  score_cutoff=FUZZY_THRESHOLD)
        return None if best is None else (self.actors[choices[best[2]][1]], float(best[1]))

    def find(self, text: str, *, prose: bool) -> list[Span]:
        """Known names in `text`, longest first, not overlapping, in text order. In prose, names
        marked field-only are skipped and abbreviations must match their case."""
        # Field values repeat a lot across actions ('Departement WVG'): scanning every alias
        # regex is the load's hottest loop, and the answer depends on the text alone.
        cached = self._found.get((text, prose))
        if cached is None:
            cached = self._found[(text, prose)] = self._find(text, prose)
        return list(cached)

    def _find(self, text: str, prose: bool) -> list[Span]:
        folded = fold(text)
        found: list[Span] = []
        lowered = folded.lower()
        for key, rx, alias, word in self._regexes:
            if (prose and alias.field_only) or word not in lowered:
                continue
            case_rx = rx[1] if prose and (alias.abbreviation or alias.exact_case) else rx[0]
            found.extend(Span(m.start(), m.end(), key) for m in case_rx.finditer(folded))
        for pat in self.patterns:
            found.extend(Span(m.start(), m.end(), f"pattern:{pat['name']}") for m in pat["rx"].finditer(folded)
                         if m.group("place").split()[0] not in _NOT_PLACE)
        chosen: list[Span] = []
        for span in sorted(found, key=lambda s: (s.start - s.end, s.start)):
            if all(span.end <= c.start or span.start >= c.end for c in chosen):
                chosen.append(span)
        return sorted(chosen, key=lambda s: s.start)


def _actor(raw: dict[str, Any], origin: str) -> Actor:
    label = raw.get("label")
    if label not in LABELS or not raw.get("name"):
        raise SourceError(f"actor {raw!r}: needs a name and a label in {LABELS}", file=origin)
    unless = raw.get("unless_followed")
    exact = raw.get("prose_case") == "exact"
    abbreviations = raw.get("abbreviations", [])
    # A name that is itself an abbreviation ('CAW', 'VDAB') is matched like one.
    name_is_abbr = raw["name"] in abbreviations or bool(re.fullmatch(r"[A-Z][A-Z0-9&]+", raw["name"]))
    aliases = [Alias(raw["name"], abbreviation=name_is_abbr, exact_case=exact, unless_followed=unless)]
    aliases += [Alias(a, exact_case=exact, unless_followed=unless) for a in raw.get("aliases", [])]
    aliases += [Alias(a, abbreviation=True, unless_followed=unless) for a in abbreviations if a != raw["name"]]
    aliases += [Alias(a, exact_case=True, unless_followed=unless) for a in raw.get("exact_case", [])]
    aliases += [Alias(a, field_only=True) for a in raw.get("field_only", [])]
    minister = raw.get("minister")
    return Actor(key=str(raw.get("key") or raw["name"]), label=label, name=raw["name"],
                 aliases=tuple(aliases), parent=raw.get("parent"),
                 minister=f"{int(minister):02d}" if minister is not None else None, note=raw.get("note"))


def _resolve_parent(actor: Actor, actors: dict[str, Actor], origin: str) -> Actor:
    """The yaml names a parent by its name; store its key."""
    if actor.parent is None or actor.parent in actors:
        return actor
    for other in actors.values():
        if other.name == actor.parent:
            return dataclasses.replace(actor, parent=other.key)
    raise SourceError(f"{actor.name}: unknown parent {actor.parent!r}", file=origin)


_W = r"[\W_]"


def _alias_regex(alias: Alias) -> tuple[re.Pattern, re.Pattern]:
    """(case-insensitive, case-sensitive) regexes for an alias, tolerant of line breaks, punctuation
    between words, '&' for 'en', an optional 'het' and a plural "'s"."""
    folded = fold(alias.text)
    tokens = [(m.group(), folded[m.end():]) for m in re.finditer(r"[A-Za-z0-9]+|&", folded)]
    parts, after_en = [re.escape(tokens[0][0])], False
    for i, (tok, rest) in enumerate(tokens[1:], start=1):
        # Between two words the text may break lines or use '.', '-', "'"; a comma only where the alias has one.
        gap = folded[len(folded) - len(tokens[i - 1][1]):len(folded) - len(rest) - len(tok)]
        join = rf"{_W}{{1,4}}" if re.search(r"[,()]", gap) else r"[\s.\-'/]{1,3}"
        if tok == "&" or (tok.lower() == "en" and i < len(tokens) - 1):
            parts.append(rf"(?:{_W}*&{_W}*|{_W}+en{_W}+)")
            after_en = True
            continue
        if tok.lower() == "het":
            parts.append(rf"(?:{join}het)?")
        else:
            parts.append(("" if after_en else join) + re.escape(tok))
        after_en = False
    body = "".join(parts)
    tail = rf"(?!\s*(?:{alias.unless_followed}))" if alias.unless_followed else ""
    pattern = rf"(?<![A-Za-z0-9]){body}(?:'s)?(?![A-Za-z0-9]){tail}"
    return re.compile(pattern, re.I), re.compile(pattern)


# A place: capitalised words ('Sint-Niklaas', "'s-Gravenbrakel", 'Provincie Antwerpen'); not an abbreviation.
# A word of it may be cut at a line end after its hyphen ('Sint-' / 'Niklaas') or hold a dot ('St.Vith').
_PLACE_WORD = r"[A-Z][a-z](?:[A-Za-z']|\.(?=[A-Z])|-\s*(?=[A-Za-z]))*"
_PLACE = rf"(?:'s-)?{_PLACE_WORD}(?:[ ](?:{_PLACE_WORD}|aan|op|de|den|sur|la|le)){{0,2}}"
_NOT_PLACE = {"De", "Het", "Een", "En", "In", "Op", "Dit", "Deze", "Die", "Dat", "Er", "Zij", "Ze", "We", "Wij", "Via"}


def _pattern(raw: dict[str, Any]) -> dict[str, Any]:
    prefixes = sorted(raw["prefixes"], key=len, reverse=True)
    alt = "|".join(re.escape(fold(p)) for p in prefixes)
    rx = re.compile(rf"(?<![A-Za-z0-9])(?:{alt})(?:[ \t]*\n?[ \t]*SH-|[ \t]+|[ \t]*\n[ \t]*)(?P<place>{_PLACE})(?![A-Za-z0-9])")
    return {"name": raw["name"], "label": raw["label"], "rx": rx, "place": raw.get("place", True)}


@functools.lru_cache(maxsize=None)
def default_table() -> AliasTable:
    text = resources.files("loaders").joinpath("data/aliases.yaml").read_text(encoding="utf-8")
    return AliasTable(yaml.safe_load(text), origin="loaders/data/aliases.yaml")


_UNIT = r"(?:afdeling|afd\.|team|dienst|cel)\b"
_UNIT_IN_PARENS = re.compile(rf"(?is)^(?P<parent>[^()]+?)\s*\((?P<unit>{_UNIT}[^()]*)\)$")
_UNIT_AFTER = re.compile(rf"(?is)^(?P<parent>.+)\s*(?:[-–,:/]\s*|\s+)(?P<unit>{_UNIT}.+)$")
_UNIT_OF = re.compile(rf"(?is)^(?P<unit>{_UNIT}.+?)\s*(?:\bvan\s+(?:het\s+|de\s+)?|\()(?P<parent>[^()]+?)\)?$")
_VLAAMS_KABINET = re.compile(r"(?i)^vlaams\s+(?=kabinet)")
_PARENS = re.compile(r"\s*\(([^()]*)\)\s*")


class Resolver:
    """Resolve actor names to canonical actors; remembers every merge and every unresolved name."""

    def __init__(self, table: AliasTable | None = None):
        self.table = table or default_table()
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
            if m and m.group("place").split()[0] not in _NOT_PLACE:
                place = re.sub(r"-\s+", "-", written[m.start("place"):m.end("place")])
                name = f"{pat['name']} {place}"
                return Resolution(pat["label"], name, name, method="local", score=100.0,
                                  municipality=place if pat["place"] else None)
        return None

    def _fuzzy(self, written: str, role: str) -> Resolution | None:
        """A typo of a known name, only against actors of the label the name would get."""
        hit = self.table.fuzzy(written, (_guess_label(written, role),))
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
