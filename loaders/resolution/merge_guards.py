"""Guard rails on fuzzy merges: the pairs of names that look alike but are never one actor.

A fuzzy score says two spellings are close; it cannot tell a local body from its national network
('Welzijnsschakel Boom' / 'Welzijnsschakels', 001:L1447; 'Welzijnsschakel', 002:L4003) or one centre
from the category it belongs to ('CGG Mechelen' / 'CGG', 001:L2284). `refusal` names the rule that
forbids a pair, or None when a fuzzy merge may stand. The resolver adds two rules that need context:
a coordinator's 'different' verdicts and names listed side by side in one sentence (loaders/resolution/resolve.py).
"""

from __future__ import annotations

import functools
import re
from loaders.resolution.alias_table import Actor, AliasTable
from loaders.resolution.geography import default_geography
from loaders.resolution.names import fold, normalise

LOCAL_VS_NATIONAL = "local_vs_national"
INSTANCE_VS_CATEGORY = "instance_vs_category"

# Dutch plural endings: a category is often the plural of what one of its members is called.
_PLURAL = re.compile(r"(s|en|'s)$")


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Normalised names of the municipalities and provinces the geography knows."""
    geo = default_geography()
    names = {normalise(n) for m in geo.municipalities.values() for n in (m.name, *getattr(m, "aliases", ()))}
    names |= {normalise(n) for p in geo.provinces.values() for n in (p.name, *p.aliases)}
    return frozenset(n for n in names if n)


def place_in(name: str) -> str | None:
    """The place a name carries ('Welzijnsschakel Boom' -> 'boom'), as a normalised word run."""
    tokens = normalise(name).split()
    places = _places()
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            run = " ".join(tokens[i:i + size])
            if run in places:
                return run
    return None


def _names(actor: Actor) -> list[str]:
    return [normalise(a.text) for a in actor.aliases]


def refusal(written: str, actor: Actor, table: AliasTable) -> str | None:
    """Why `written` may not be fuzzy-merged into `actor`, or None."""
    place = place_in(written)
    if place and not any(place in n.split() or place in n for n in _names(actor)):
        return LOCAL_VS_NATIONAL  # a body of one place is not the network of all of them
    if any(p["rx"].fullmatch(fold(written)) for p in table.patterns):
        return LOCAL_VS_NATIONAL  # 'OCMW Gent', 'CGG Mechelen': a local pattern's own actor
    if _is_plural_of(normalise(written), _names(actor)):
        return INSTANCE_VS_CATEGORY  # one member ('Welzijnsschakel') is not its category or network
    if actor.kind == "category" and _proper_extra(written, actor):
        return INSTANCE_VS_CATEGORY  # 'CGG Mechelen', 'Centrum ... Zuid-Oost-Vlaanderen': one of them
    return None


def _proper_extra(written: str, actor: Actor) -> bool:
    """Does `written` carry a capitalised word that no name of the category has (a proper name)?"""
    known = {t for n in _names(actor) for t in n.split()}
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", fold(written))
    return any(w[0].isupper() and w[1:2].islower() and normalise(w) not in known for w in words[1:])


def _is_plural_of(written: str, names: list[str]) -> bool:
    """Is some name of the actor `written` plus a plural ending ('welzijnsschakels' for 'welzijnsschakel')?"""
    return any(n != written and n.startswith(written) and _PLURAL.fullmatch(n[len(written):]) for n in names)


def guarded_fuzzy(table: AliasTable, name: str, labels: tuple[str, ...]) -> tuple[Actor, float] | None:
    """The actor of one of `labels` whose name is most like `name` (a typo: 'Federeatie'), if its
    token-sorted similarity reaches the table's FUZZY_THRESHOLD and no guard rail refuses the pair
    (a local body and a national one, an instance and its category)."""
    hit = table.fuzzy_candidate(name, labels)
    return None if hit is None or refusal(name, hit[0], table) else hit
