"""The alias table (`loaders/data/aliases.yaml`): the known actors, every spelling of their names,
the local patterns ('OCMW <place>'), the names that are no actor, and the known relations between
actors. It finds known names in a text (`find`) and near-misses of them (`fuzzy_candidate`; the
guard rails are merge_guards.py's); deciding which actor a mention names is the resolver's work
(loaders/resolution/resolve.py).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from armoedegraaf.errors import SourceError
from loaders.resolution.names import fold, normalise

LABELS = ("Cabinet", "Administration", "Organisation", "HuisVanHetKind")
KINDS = ("organisation", "category")
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
    kind: str = "organisation"  # 'organisation' (one named body) or 'category' (a sector, a kind of body)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: str  # actor key, or 'pattern:<prefix>' for a local pattern


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

    def fuzzy_candidate(self, name: str, labels: tuple[str, ...]) -> tuple[Actor, float] | None:
        """The closest actor above FUZZY_THRESHOLD, before any guard rail."""
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
                         if m.group("place").split()[0] not in NOT_PLACE)
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
    kind = raw.get("kind", "organisation")
    if kind not in KINDS:
        raise SourceError(f"actor {raw['name']!r}: kind must be one of {KINDS}, not {kind!r}", file=origin)
    return Actor(key=str(raw.get("key") or raw["name"]), label=label, name=raw["name"],
                 aliases=tuple(aliases), parent=raw.get("parent"),
                 minister=f"{int(minister):02d}" if minister is not None else None, note=raw.get("note"),
                 kind=kind)


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
# Capitalised words that open a sentence rather than name a place (the resolver skips them too).
NOT_PLACE = {"De", "Het", "Een", "En", "In", "Op", "Dit", "Deze", "Die", "Dat", "Er", "Zij", "Ze", "We", "Wij", "Via"}


def _pattern(raw: dict[str, Any]) -> dict[str, Any]:
    prefixes = sorted(raw["prefixes"], key=len, reverse=True)
    alt = "|".join(re.escape(fold(p)) for p in prefixes)
    rx = re.compile(rf"(?<![A-Za-z0-9])(?:{alt})(?:[ \t]*\n?[ \t]*SH-|[ \t]+|[ \t]*\n[ \t]*)(?P<place>{_PLACE})(?![A-Za-z0-9])")
    # A local actor of a pattern is one of a category ('OCMW Gent' INSTANCE_OF OCMW) or a member of a
    # network ('Welzijnsschakel Boom' MEMBER_OF Welzijnsschakels): its name says so.
    links = [(t, raw[k]) for k, t in (("instance_of", "INSTANCE_OF"), ("member_of", "MEMBER_OF")) if raw.get(k)]
    return {"name": raw["name"], "label": raw["label"], "rx": rx, "place": raw.get("place", True),
            "link": links[0] if links else None}


@functools.lru_cache(maxsize=None)
def default_table() -> AliasTable:
    text = resources.files("loaders").joinpath("data/aliases.yaml").read_text(encoding="utf-8")
    return AliasTable(yaml.safe_load(text), origin="loaders/data/aliases.yaml")
