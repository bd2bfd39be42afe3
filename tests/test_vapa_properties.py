"""Property tests: real blocks of 004, damaged the way pdftotext damages them, must never yield a wrong
value silently.

Each example builds a small document: the real header, block A (damaged) and its neighbour block B
(untouched). The undamaged document is the baseline. After the damage the parser must not crash, B
must come out unchanged, and every field of A must equal the baseline or be flagged by a warning
inside A's lines. Damage the layout rules cover (split labels, interleaved columns, split codes,
page numbers, blank lines) must even give exactly the baseline.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from loaders.sources import VAPA
from loaders.vapa.document import ActionRecord, VapaDocument, parse_vapa
from loaders.vapa.blocks import FIELDS

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "004_0bee7784f433cdc9.txt"
LINES = SOURCE.read_text(encoding="utf-8").split("\n")
DOC = VAPA.read(SOURCE)
HEADER = LINES[:67]  # the numbering lists, up to the first section header (L68)
NAMES = {g.code: g.name for g in DOC.grondrechten}
TABLE = FIELDS[1:9]  # budget .. andere actoren
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def section(code: str) -> list[str]:
    if code == "00":
        return [" Acties die inzetten op ALLE grondrechten"]
    return [" Acties die inzetten op het grondrecht", "", NAMES[code].upper()]


def block_lines(action: ActionRecord) -> list[str]:
    return LINES[action.line - 1:action.end_line]


def compose(a: ActionRecord, a_lines: list[str], b: ActionRecord, a_last: bool = False) -> tuple[str, int, int]:
    """The document text and the 1-based first and last line of block A in it."""
    parts_a = section(a.grondrecht) + a_lines
    parts_b = section(b.grondrecht) + block_lines(b)
    lines = HEADER + (parts_b + parts_a if a_last else parts_a + parts_b)
    first = len(HEADER) + (len(parts_b) if a_last else 0) + len(section(a.grondrecht)) + 1
    return "\n".join(lines), first, first + len(a_lines) - 1


def norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def snapshot(action: ActionRecord) -> dict[str, object]:
    """What a block says, without line numbers (damage shifts them)."""
    snap: dict[str, object] = {f: norm(v.text) if (v := getattr(action, f)) else None for f in FIELDS[:-1]}
    snap["milestones"] = [(m.year, norm(m.text)) for m in action.milestones]
    snap["budget_amounts_eur"] = action.budget_amounts_eur
    snap["references"] = sorted({c for c, _ in action.references})
    snap["replaced_by"] = action.replaced_by
    return snap


def parse(text: str) -> VapaDocument:
    return parse_vapa(text, "damaged.txt")


def neighbours() -> st.SearchStrategy[tuple[ActionRecord, ActionRecord]]:
    pairs = list(zip(DOC.actions, DOC.actions[1:]))
    return st.sampled_from(pairs)


def baseline(a: ActionRecord, b: ActionRecord, a_last: bool = False) -> tuple[dict, dict]:
    text, _, _ = compose(a, block_lines(a), b, a_last)
    doc = parse(text)
    return snapshot(doc.action(a.code)), snapshot(doc.action(b.code))


def check(a: ActionRecord, b: ActionRecord, damaged: list[str], *, exact: bool, a_last: bool = False,
          prefix_ok: bool = False) -> None:
    base_a, base_b = baseline(a, b, a_last)
    text, first, last = compose(a, damaged, b, a_last)
    doc = parse(text)  # must not raise
    assert snapshot(doc.action(b.code)) == base_b
    got = snapshot(doc.action(a.code)) if any(x.code == a.code for x in doc.actions) else {}
    flagged = any(first <= w.line <= last for w in doc.report.warnings)
    for name, want in base_a.items():
        have = got.get(name)
        if have == want:
            continue
        if prefix_ok and _is_prefix(have, want):
            continue  # the text was cut: what is left is what the damaged source says
        assert not exact, f"{a.code} {name}: {have!r} != {want!r}"
        assert flagged, f"{a.code} {name}: silently {have!r} instead of {want!r}"


def _is_prefix(have: object, want: object) -> bool:
    if have is None or have == []:
        return True
    if isinstance(have, str) and isinstance(want, str):
        return want.startswith(have)
    if isinstance(have, list) and isinstance(want, list) and len(have) <= len(want):
        if not isinstance(have[0], tuple):
            return have == want[:len(have)]
        *head, (year, text) = have
        want_year, want_text = want[len(head)]
        if head != want[:len(head)]:
            return False
        if year == want_year:
            return _is_prefix(text, want_text)
        return want_year.startswith(year)  # the cut went through a year cell ('2018-2019-' / '2020-2021')
    return False


def test_baseline_matches_the_full_document():
    """A block parsed in a small document says what it says in the whole file."""
    for a, b in list(zip(DOC.actions, DOC.actions[1:]))[::10]:
        base_a, _ = baseline(a, b)
        assert base_a == snapshot(a)


# --- damage --------------------------------------------------------------------------------

_SPLITS = [
    (re.compile(r"(mensen in)( armoede.*)$"), 2),
    (re.compile(r"(personen in)( armoede.*)$"), 2),
    (re.compile(r"(andere)( actoren.*)$"), 2),
    (re.compile(r"^(\s*korte inhoud)( actie.*)$"), 2),
    (re.compile(r"^(\s*verantwoordelijken)( kabinet.*)$"), 2),
    (re.compile(r"^(\s*betrokkenen)( kabinet.*)$"), 2),
    (re.compile(r"^(\s*Budgettair)( engagement)\s*$"), 2),
]


def split_label(lines: list[str], action: ActionRecord, pick: int) -> list[str] | None:
    """'mensen in armoede' -> 'mensen in' / 'armoede' and the like, on a label line."""
    spots = []
    for i, line in enumerate(lines):
        if action.line + i not in action.label_lines:
            continue
        for regex, _ in _SPLITS:
            if m := regex.search(line):
                spots.append((i, m))
    if not spots:
        return None
    i, m = spots[pick % len(spots)]
    line = lines[i]
    head, tail = line[:m.start(1)] + m.group(1), m.group(2).strip()
    return lines[:i] + [head, "", tail] + lines[i + 1:]


_LONE_LABEL = re.compile(r"^\s*(Evaluatie en|mensen in armoede|andere actoren|administratie|korte inhoud actie)\s*$")


def interleave(lines: list[str], action: ActionRecord, pick: int) -> list[str] | None:
    """Put a value on the line of a label next to it, as the two columns do: the last line of a
    left-column value in front of the label ('X Evaluatie en'), or the first value line after a
    label that stands alone ('administratie X')."""
    placed = {n: f for f in FIELDS[:-1] if (v := getattr(action, f)) for n in v.lines}
    content = [i for i, line in enumerate(lines) if line.strip()]
    spots = []
    for k, i in enumerate(content):
        m = _LONE_LABEL.match(lines[i])
        if not m or action.line + i not in action.label_lines:
            continue
        before = content[k - 1] if k else None
        after = content[k + 1] if k + 1 < len(content) else None
        label = m.group(1)
        if label in ("Evaluatie en", "mensen in armoede", "andere actoren") and before is not None \
                and placed.get(action.line + before) in ("responsible_cabinet", "involved_cabinet",
                                                          "involved_administration"):
            spots.append((before, i, "front"))
        if label in ("administratie", "mensen in armoede", "andere actoren", "korte inhoud actie") \
                and after is not None and placed.get(action.line + after) is not None \
                and action.line + after not in action.label_lines:
            spots.append((i, after, "behind"))
    if not spots:
        return None
    i, j, _ = spots[pick % len(spots)]
    merged = lines[i].rstrip() + " " + lines[j].strip()
    return lines[:i] + [merged] + lines[i + 1:j] + lines[j + 1:]


def delete_field(lines: list[str], action: ActionRecord, pick: int) -> tuple[list[str], str] | None:
    """Remove a table field: its label and its value, when they have lines of their own."""
    labels = action.field_labels
    shared = {n for f in FIELDS[:-1] if (v := getattr(action, f)) for n in v.lines}
    candidates = []
    for k, name in enumerate(TABLE):
        nxt = next((f for f in FIELDS[FIELDS.index(name) + 1:] if f in labels), None)
        if name not in labels or nxt is None:
            continue
        start, end = labels[name], labels[nxt]
        value = getattr(action, name)
        own = value is None or all(start < n < end for n in value.lines)
        if own and start not in shared and (value is None or end not in value.lines):
            candidates.append((name, start - action.line, end - action.line))
    if not candidates:
        return None
    name, i, j = candidates[pick % len(candidates)]
    return lines[:i] + lines[j:], name


def split_code(lines: list[str]) -> list[str] | None:
    m = re.match(r"^(\s*ACTIE)\s+(\d\d_\d\d_\d\d.*)$", lines[0])
    return [m.group(1), m.group(2)] + lines[1:] if m else None  # 05_02_06 is split already


def insert_artefacts(lines: list[str], spots: list[int], kinds: list[str]) -> list[str]:
    out = list(lines)
    for spot, kind in sorted(zip(spots, kinds), reverse=True):
        at = 1 + spot % (len(out) - 1)  # never before the ACTIE line
        out[at:at] = {"page": ["", "123", ""], "blank": [""], "spaces": ["   "]}[kind]
    return out


# --- properties ------------------------------------------------------------------------------

@SETTINGS
@given(neighbours(), st.integers(0, 50))
def test_split_label(pair, pick):
    a, b = pair
    damaged = split_label(block_lines(a), a, pick)
    assume(damaged is not None)
    check(a, b, damaged, exact=True)


@SETTINGS
@given(neighbours(), st.integers(0, 50))
def test_interleaved_columns(pair, pick):
    a, b = pair
    damaged = interleave(block_lines(a), a, pick)
    assume(damaged is not None)
    check(a, b, damaged, exact=True)


@SETTINGS
@given(neighbours(), st.integers(0, 50))
def test_deleted_field(pair, pick):
    a, b = pair
    result = delete_field(block_lines(a), a, pick)
    assume(result is not None)
    damaged, name = result
    check(a, b, damaged, exact=False)
    base_a, _ = baseline(a, b)
    text, first, last = compose(a, damaged, b)
    doc = parse(text)
    if base_a[name] is not None:  # the lost value must be reported, whatever else happens
        assert any(first <= w.line <= last and w.kind == "missing_field" for w in doc.report.warnings)


@SETTINGS
@given(neighbours(), st.floats(0.02, 0.98))
def test_truncated_file(pair, fraction):
    a, b = pair
    lines = block_lines(a)
    cut = max(1, int(len(lines) * fraction))
    check(a, b, lines[:cut], exact=False, a_last=True, prefix_ok=True)


@SETTINGS
@given(neighbours())
def test_split_code(pair):
    a, b = pair
    damaged = split_code(block_lines(a))
    assume(damaged is not None)
    check(a, b, damaged, exact=True)


@SETTINGS
@given(neighbours(), st.lists(st.integers(0, 10_000), min_size=1, max_size=4),
       st.lists(st.sampled_from(["page", "blank", "spaces"]), min_size=4, max_size=4))
def test_page_numbers_and_blank_lines(pair, spots, kinds):
    a, b = pair
    check(a, b, insert_artefacts(block_lines(a), spots, kinds), exact=True)


@pytest.mark.parametrize("code", ["00_04_18", "05_02_06", "08_06_04", "03_06_05", "07_07_11"])
def test_damage_helpers_apply_to_hard_blocks(code):
    """The damage functions find something to damage in the hard cases (else the properties above
    would quietly test nothing there)."""
    a = DOC.action(code)
    lines = block_lines(a)
    assert split_label(lines, a, 0) is not None or interleave(lines, a, 0) is not None
    assert delete_field(lines, a, 0) is not None
