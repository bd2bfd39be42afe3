"""Actor mentions in source text: split a list-like actor field, or find organisations in prose.

Two entry points, both returning `Mention(as_written, line)`:

* `split_actor_field(text, line, lines)` for the structured fields of the action plan 004
  (verantwoordelijken/betrokkenen kabinet, administratie): one mention per actor, as written.
* `extract_organisations(text, line, lines)` for prose (mensen in armoede, andere actoren, and the
  local sources): only the organisations the alias table knows, found inside sentences.

Splitting leans on the alias table: a known name ('Departement Welzijn, Volksgezondheid en Gezin',
'Kind en Gezin') is never cut at its inner commas or 'en', while two known names that merely follow
each other ('Kabinet Cultuur Kabinet Jeugd', 'VMM en LNE', 'Wonen | Welzijn') are separated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.resolution.alias_table import AliasTable, Span, default_table
from loaders.resolution.merge_guards import guarded_fuzzy
from loaders.resolution.names import is_collective, is_placeholder


@dataclass(frozen=True)
class Mention:
    as_written: str
    line: int


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _line_at(pos: int, starts: list[int], line: int, lines: list[int] | None) -> int:
    """The source line of character `pos`: from `lines` when given, else counted from `line`."""
    idx = max(i for i, s in enumerate(starts) if s <= pos)
    if lines and idx < len(lines):
        return lines[idx]
    return line + idx


def _mention(text: str, start: int, end: int, starts: list[int], line: int, lines: list[int] | None) -> Mention | None:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    written = " ".join(raw.split())
    written = written.strip(" ,;:.+|/-").strip()
    written = re.sub(r"(?i)^(en|of)\s+|\s+(en|of)$", "", written).strip(" ,;:.+|/-")
    written = _strip_parens(written)
    if not written or is_placeholder(written):
        return None
    return Mention(written, _line_at(start + lead, starts, line, lines))


def _strip_parens(s: str) -> str:
    """Drop an unbalanced bracket left at either end by a cut: 'Horizontaal Beleid)' → 'Horizontaal Beleid'."""
    if s.endswith(")") and s.count("(") < s.count(")"):
        s = s[:-1].rstrip()
    if s.startswith("(") and s.count("(") > s.count(")"):
        s = s[1:].lstrip()
    return s


# --- splitting a structured field --------------------------------------------------------------

# A new actor starts at these words, even on the same line as the previous one.
_STARTER = re.compile(r"(?<![A-Za-z0-9])(Kabinet|Departement|Agentschap|Vlaams Agentschap|Team Co[oö]rdinatie)\b")
# ... unless they follow a preposition: 'afdeling X van het Agentschap Y' is one actor.
_BOUND_BEFORE = re.compile(r"(?i)(\bvan|\bvoor|\bhet|\bde|\bbij|\(|-|/)\s*$")
# Sub-units by rank: a team may sit in an afdeling, an afdeling in a department or agency.
_SUBUNIT = re.compile(r"(?i)^\s*(?:(afdeling|afd\.)|(team|dienst|cel))\b")
_PARENT_START = re.compile(r"^\s*((?i:departement|dept|dep|agentschap|vlaams agentschap)\b|[A-Z&]{2,6}\b)")
# ' en ' ends an actor when another one starts after it ('Departement O&V en afdeling Studietoelagen').
_EN_NEXT = re.compile(r"(?i)\s+en\s+(?=(afdeling|afd\.|team|dienst|departement|agentschap|kabinet|alle|de administraties|"
                      r"de departementen|de kabinetten)\b)")
# A sentence break or an arrow ends an actor too; 'Afd. Jeugd' does not.
_SENTENCE = re.compile(r"(?<!\bAfd)(?<!\bafd)(?<!\bDep)(?<!\bo\.a)\.\s+|\s*->\s*")
# Qualifiers that end the name: 'Armoedebestrijding voor het project Wie Online'.
_QUALIFIER = re.compile(r"(?i)\s+(voor het project|in het kader van|als coördinator)\b")
# Links between two actors in one segment: 'Vlaams parlement in nauw overleg met WVG'.
_LINK = re.compile(r"(?i)\s+(in\s+nauw\s+overleg\s+met|in\s+samenspraak\s+met|in\s+samenwerking\s+met|samen\s+met)\s+")
# Lists that distribute a head word: 'De kabinetten van Werk, Welzijn, ...', 'Kabinetten Werk en Welzijn'.
_DISTRIBUTIVE = re.compile(r"(?i)\s*(de\s+)?(kabinetten|departementen|beleidsdomeinen|administraties)(\s+van)?\s+")
# A singular head, dropped only when what follows is one or more known names:
# 'Vlaams kabinet Gelijke kansen en armoedebestrijding', 'Vlaams minister van Binnenlands Bestuur'.
_HEAD = re.compile(r"(?i)\s*((vlaams\s+)?kabinet|vlaams\s+minister\s+van)\s+")
_CONNECTOR_END = re.compile(r"(?i)(,|;|-|/|\+|\(|\ben|\bvan|\bvoor|\bhet|\bde|\ben de|&)\s*$")
# A piece that is a sentence, not a name: read it as prose and keep only the known names in it.
_PROSE = re.compile(r"(?i)\b(is|zijn|wordt|worden|werd|werden|heeft|hebben|zal|zullen|kan|er|tot|met betrekking)\b|\?")


def split_actor_field(text: str, line: int, lines: list[int] | None = None, *,
                      table: "AliasTable | None" = None) -> list[Mention]:
    """Split a structured actor field of 004 into one mention per actor, each kept as written.

    `line` is the field's first line; `lines`, when given, the 1-based source line of each text line.
    Placeholders ('-', '/', 'Nog te bepalen', 'NVT', 'Ja', ...) give no mention; a piece that reads as
    a sentence gives only the known names inside it."""
    if table is None:
        table = default_table()
    if is_placeholder(text):
        return []
    starts = _line_starts(text)
    spans = table.find(text, prose=False)
    pieces, prev = [], 0
    for a, b in _cut_points(text, spans):
        pieces.append((prev, a))
        prev = b
    pieces.append((prev, len(text)))
    pieces = _join_subunits(text, [p for p in pieces if text[p[0]:p[1]].strip(" ,;.\n")], spans, table)
    mentions: list[Mention] = []
    for a, b in pieces:
        for a2, b2 in _refine(text, a, b, spans):
            m = _mention(text, a2, b2, starts, line, lines)
            if m and m not in mentions:
                mentions.append(m)
    return mentions


def _inside(pos: int, spans: "list[Span]") -> bool:
    return any(s.start < pos < s.end for s in spans)


def _cut_points(text: str, spans: "list[Span]") -> list[tuple[int, int]]:
    """(start, end) ranges of separators to cut at, outside known names and brackets."""
    cuts: list[tuple[int, int]] = []

    def ok(pos: int) -> bool:
        return not _inside(pos, spans) and text.count("(", 0, pos) <= text.count(")", 0, pos)

    separators = r"[,;+|]|\s/\s?|/(?=\s*[A-Z])|(?<=[A-Za-z])/(?=[A-Za-z])"
    for rx in (re.compile(separators), _SENTENCE, _LINK, _EN_NEXT):
        cuts.extend((m.start(), m.end()) for m in rx.finditer(text) if ok(m.start()))
    for m in _STARTER.finditer(text):
        before = text[:m.start()]
        if before.strip() and ok(m.start()) and not _BOUND_BEFORE.search(before):
            cuts.append((m.start(), m.start()))
    for m in re.finditer(r"\n", text):
        if ok(m.start()) and _newline_splits(text, m.start(), spans):
            cuts.append((m.start(), m.end()))
    for m in re.finditer(r"(?i)\s+en\s+", text):  # 'VMM en LNE': two known names
        if ok(m.start()) and any(s.end == m.start() for s in spans) and any(s.start == m.end() for s in spans):
            cuts.append((m.start(), m.end()))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(cuts):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _newline_splits(text: str, pos: int, spans: "list[Span]") -> bool:
    """A line break ends an actor when the next line starts a new one: a starter word, 'Alle …', or a
    known name right after a known name; a line ending in a connector ('en', ',', '–') continues."""
    before, after = text[:pos], text[pos + 1:]
    if not before.strip() or not after.strip() or _CONNECTOR_END.search(before):
        return False
    nxt = pos + 1 + (len(after) - len(after.lstrip()))
    if (_STARTER.match(text, nxt) and not _BOUND_BEFORE.search(before)) or is_collective(after):
        return True
    prev_end = len(before.rstrip())
    return any(s.end == prev_end for s in spans) and any(s.start == nxt for s in spans)


def _rank(piece: str) -> int:
    """0 for a department or agency, 1 for an afdeling, 2 for a team, dienst or cel."""
    m = _SUBUNIT.match(piece)
    return 0 if not m else (1 if m.group(1) else 2)


def _join_subunits(text: str, pieces: list[tuple[int, int]], spans: "list[Span]",
                   table: "AliasTable") -> list[tuple[int, int]]:
    """'Departement WVG, Afdeling Welzijn en Samenleving' is one actor: the afdeling of that
    department. A sub-unit joins the piece before it when that piece is a unit of higher rank
    (a department, an agency, or an afdeling for a team), unless only 'en' separates them or the
    sub-unit is a known actor of its own ('Team Coördinatie Brussel')."""
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        piece = text[a:b]
        if out and _SUBUNIT.match(piece) and not _stands_alone(text, a, b, spans, table):
            pa, pb = out[-1]
            prev, between = text[pa:pb], text[pb:a]
            last_unit = re.split(r"(?i)[,\-/:–]\s*(?=(?:afdeling|afd\.|team|dienst|cel)\b)", prev)[-1]
            parentish = _PARENT_START.match(prev.strip()) or any(s.start == pa + len(prev) - len(prev.lstrip())
                                                                  and _is_admin(s, table) for s in spans)
            if (parentish or _SUBUNIT.match(prev)) and _rank(last_unit) < _rank(piece) \
                    and not re.search(r"(?i)\ben\b|\n\s*\n", between):
                out[-1] = (pa, b)
                continue
        out.append((a, b))
    return out


def _is_admin(span: "Span", table: "AliasTable") -> bool:
    actor = table.actors.get(span.key)
    return actor is not None and actor.label == "Administration"


def _stands_alone(text: str, a: int, b: int, spans: "list[Span]", table: "AliasTable") -> bool:
    lead = len(text[a:b]) - len(text[a:b].lstrip())
    for s in spans:
        if s.start == a + lead and not text[s.end:b].strip(" ,;.\n"):
            actor = table.actors.get(s.key)
            return actor is not None and actor.parent is None
    return False


def _refine(text: str, a: int, b: int, spans: "list[Span]") -> list[tuple[int, int]]:
    """Within one piece: cut a trailing qualifier, spread a distributive head, read a sentence as
    prose, and separate known names that follow each other with only 'en', '-' or spaces between."""
    if q := _QUALIFIER.search(text, a, b):
        # The qualifier runs to the end of its line; what follows on later lines is read on its own.
        eol = text.find("\n", q.start(), b)
        rest = _refine(text, eol + 1, b, spans) if eol != -1 and text[eol:b].strip() else []
        return _refine(text, a, q.start(), spans) + rest
    if d := _DISTRIBUTIVE.match(text, a, b):
        a = d.end()
    inner = sorted((s for s in spans if a <= s.start and s.end <= b), key=lambda s: s.start)
    whole = any(s.start <= a + len(text[a:b]) - len(text[a:b].lstrip()) and s.end >= len(text[:b].rstrip()) for s in inner)
    if not whole and _PROSE.search(text, a, b) and not _SUBUNIT.match(text[a:b]):
        return [(s.start, s.end) for s in inner]
    if h := _HEAD.match(text, a, b):
        after = [s for s in inner if s.start >= h.end()]
        if not whole and after and _tiles(text, h.end(), b, after):
            return [(s.start, s.end) for s in after]
    if len(inner) >= 2 and _tiles(text, a, b, inner) and not any(_SUBUNIT.match(text[s.start:s.end]) for s in inner[1:]):
        return [(s.start, s.end) for s in inner]
    return [(a, b)]


def _tiles(text: str, a: int, b: int, inner: "list[Span]") -> bool:
    """Do the known names cover text[a:b], with only whitespace, '-', '/' or 'en' between them?"""
    gaps = [text[a:inner[0].start]] + [text[x.end:y.start] for x, y in zip(inner, inner[1:])] + [text[inner[-1].end:b]]
    return all(re.fullmatch(r"(?i)[\s,.\-/]*(en\s+|&\s*)?[\s.]*", g) for g in gaps)


# --- organisations inside prose -----------------------------------------------------------------

def extract_organisations(text: str, line: int, lines: list[int] | None = None, *,
                          table: "AliasTable | None" = None) -> list[Mention]:
    """The organisations named inside sentences, found by the alias table's names and abbreviations
    (word-bounded; abbreviations and names marked so are case-sensitive), in text order, each actor
    once. A short list item that is a typo of a known name ('Federeatie voor basiseducatie') counts
    as that name, rather than the shorter known name inside it."""
    if table is None:
        table = default_table()
    starts = _line_starts(text)
    found = [(s.start, s.end, s.key) for s in table.find(text, prose=True)]
    for a, b, key in _fuzzy_items(text, found, table):
        found = [f for f in found if f[1] <= a or f[0] >= b] + [(a, b, key)]
    mentions, seen = [], set()
    for a, b, key in sorted(found):
        written = " ".join(text[a:b].split())
        ident = written if key.startswith("pattern:") else key
        if ident not in seen:
            seen.add(ident)
            mentions.append(Mention(written, _line_at(a, starts, line, lines)))
    return mentions


_ITEM = re.compile(r"[^,;()•:+?\n]+(?:\n[^,;()•:+?\n]+)*")


def _fuzzy_items(text: str, found: list[tuple[int, int, str]], table: "AliasTable") -> list[tuple[int, int, str]]:
    """Short list items, capitalised, that no known name covers whole but that a known name matches
    closely: (start, end, actor key)."""
    hits = []
    for m in _ITEM.finditer(text):
        lead = len(m.group()) - len(m.group().lstrip())
        a, item = m.start() + lead, m.group().strip(" .…\n")
        b = a + len(item)
        if not item[:1].isupper() or len(item.split()) > 6 or any(f[0] <= a and f[1] >= b for f in found):
            continue
        hit = guarded_fuzzy(table, item, ("Organisation", "Administration", "HuisVanHetKind"))
        if hit is not None:
            hits.append((a, b, hit[0].key))
    return hits
