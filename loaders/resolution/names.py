"""How a name is compared: its folded and normalised forms, and the values that name no actor.

The lowest layer of name resolution: the alias table, the guard rails, the resolver and the mention
finder (actors.py) all compare names through these functions, and import nothing else of each other
to do so.
"""

from __future__ import annotations

import re
import unicodedata


# Length-preserving replacements, so that offsets in folded text are offsets in the original.
_ONE_CHAR = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                           "‐": "-", "…": ".", "•": " ", "▪": " ", "\u00a0": " ", "\uf0fc": " "})


def fold(text: str) -> str:
    """Same-length ASCII view of `text`: accents dropped (ē→e), typographic marks made plain."""
    out = []
    for ch in text.translate(_ONE_CHAR):
        if ch.isascii():
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
        out.append(base[:1] if base else " ")
    return "".join(out)


_DROP_WORDS = {"vzw", "het"}


def normalise(name: str) -> str:
    """Matching key of a name: case-folded, accents and punctuation gone, '&' read as 'en',
    'vzw' and 'het' and a leading 'de' dropped, plural "'s" cut (OCMW’s → ocmw)."""
    s = fold(name).replace("&", " en ").lower()
    s = re.sub(r"(?<=[a-z0-9])'s\b", "", s)
    tokens = [t for t in re.split(r"[^a-z0-9]+", s) if t and t not in _DROP_WORDS]
    if len(tokens) > 1 and tokens[0] == "de":
        tokens = tokens[1:]
    return " ".join(tokens)


_PLACEHOLDERS = {"", "nog te bepalen", "nog niet bepaald", "niet voorzien", "nvt", "n v t", "niet van toepassing",
                 "neen", "nee", "ja", "geen", "idem", "nihil", "onbekend", "o a", "enz", "enzovoort", "e a",
                 "etc", "sector"}


def is_placeholder(text: str) -> bool:
    """True for values that name no actor: '-', '/', 'Nog te bepalen', 'NVT', 'Neen', 'Ja', empty ..."""
    return normalise(text.replace("?", " ")) in _PLACEHOLDERS


_COLLECTIVE = re.compile(r"^(alle\b|allen$|andere\b|betrokken administraties|idem$)", re.I)


def is_collective(text: str) -> bool:
    """'Alle kabinetten', 'Allen', 'alle betrokken administraties': a set of actors, not one actor."""
    return bool(_COLLECTIVE.match(text.strip()))


# --- positions and lines -----------------------------------------------------------------------
