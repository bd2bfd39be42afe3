"""The state machine that assigns the lines of one VAPA action block to its fields.

A fiche is a two-column table that pdftotext flattened into one stream. The stream order of the
labels is the same in every block (title, budget, responsible cabinet, evaluation, responsible
administration, involved cabinet, mensen in armoede, involved administration, andere actoren,
korte inhoud, mijlpalen), so the parser walks the lines and only looks for the label that comes
next. A right-column label can sit behind a left-column value on the same line
('Armoedebestrijding Evaluatie en', 'administratie X andere actoren Y'), labels can be split over
two lines ('mensen in' / 'armoede') or written vertically ('M' / 'ijl' / 'p' / 'al' / 'e' / 'n'),
and a few are missing. Whatever is not a label goes to the field of the last label seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.vapa.fields import Line, year_row

FIELDS = (
    "title", "budget_text", "responsible_cabinet", "evaluation_indicator", "responsible_administration",
    "involved_cabinet", "people_in_poverty", "involved_administration", "other_actors", "summary",
    "milestones",
)
LABEL_NAMES = {
    "budget_text": "Budgettair engagement", "responsible_cabinet": "verantwoordelijken kabinet",
    "evaluation_indicator": "Evaluatie en indicator", "responsible_administration": "administratie",
    "involved_cabinet": "betrokkenen kabinet", "people_in_poverty": "mensen in armoede",
    "involved_administration": "administratie", "other_actors": "andere actoren",
    "summary": "korte inhoud actie", "milestones": "mijlpalen",
}
# Fields whose text is prose: a label-like line there is text, not a misplaced label.
PROSE = {"title", "summary", "milestones"}
MAX_SKIP = 2  # a strong label may be recognised when at most this many labels before it are missing


@dataclass(frozen=True)
class Label:
    field: str
    where: str  # whole: the fragment is the label; start: value follows; end: value precedes; inside: both
    regex: re.Pattern[str]
    cont: re.Pattern[str] | None = None  # second part of the label at the start of the next line
    cont_required: bool = False  # the first part alone is too common a phrase to be the label
    strong: bool = False  # distinctive enough to be recognised even after a missing label
    evidence: bool = True  # its presence further on shows that a look-alike line here is text
    counted: bool = False  # 'administratie' labels two fields: recognised after a missing label by counting


def _label(fld: str, where: str, text: str, cont: str | None = None, *, required: bool = False,
           strong: bool = False, evidence: bool = True, counted: bool = False, flags: int = 0) -> Label:
    core = f"(?P<lab>{text})"
    pattern = {
        "whole": rf"^\s*{core}\s*$",
        "start": rf"^\s*{core}(?=\s|$)",
        "end": rf"(?:^|(?<=\s)){core}\s*$",
        "inside": rf"(?:^|(?<=\s)){core}(?=\s|$)",
    }[where]
    cont_re = re.compile(rf"^\s*(?:{cont})(?=\s|$)", flags) if cont else None
    return Label(fld, where, re.compile(pattern, flags), cont_re, required, strong, evidence, counted)


_IND = r"indicator|indicatoren|inidcator|indictaor|Indicator|Indicatoren"
LABELS: dict[str, list[Label]] = {
    "budget_text": [
        _label("budget_text", "whole", r"[Bb]udgettair engagement", strong=True),
        _label("budget_text", "whole", r"[Bb]udgettair", "engagement", strong=True),
        _label("budget_text", "end", r"Budgettair", "engagement"),  # behind the title
        _label("budget_text", "whole", r"engagement", evidence=False),  # 'Budgettair' lost
    ],
    "responsible_cabinet": [
        _label("responsible_cabinet", "start", r"verantwoordelijken kabinet", strong=True, flags=re.I),
        _label("responsible_cabinet", "start", r"verantwoordelijken", "kabinet", strong=True, flags=re.I),
        _label("responsible_cabinet", "whole", r"kabinet", evidence=False),  # 08_06_04: no 'verantwoordelijken'
    ],
    "evaluation_indicator": [
        _label("evaluation_indicator", "whole", r"Evaluatie en (?:indicator|indicatoren)", strong=True),
        _label("evaluation_indicator", "whole", r"Evaluatie en", _IND, strong=True),
        _label("evaluation_indicator", "whole", r"Indicator en", r"[Ee]valuatie", strong=True),
        # behind the responsible cabinet ('Armoedebestrijding Evaluatie en'), or a lone variant
        _label("evaluation_indicator", "end", r"Evaluatie en|[Ii]ndicator en", f"{_IND}|[Ee]valuatie"),
        _label("evaluation_indicator", "whole", r"[Ee]valuatie", _IND, strong=True),
        _label("evaluation_indicator", "end", r"[Ee]valuatie", _IND, evidence=False),
        _label("evaluation_indicator", "whole", _IND, strong=True, evidence=False),
    ],
    "responsible_administration": [
        _label("responsible_administration", "start", r"[Aa]dministratie", strong=True, counted=True),
    ],
    "involved_cabinet": [
        _label("involved_cabinet", "start", r"[Bb]etrokkenen kabinet", strong=True),
        _label("involved_cabinet", "start", r"[Bb]etrokkenen", "kabinet", strong=True),
        _label("involved_cabinet", "start", r"kabinet", evidence=False),  # 'betrokkenen' lost
    ],
    "people_in_poverty": [
        _label("people_in_poverty", "inside", r"(?:mensen|personen) in armoede"),
        _label("people_in_poverty", "start", r"(?:mensen|personen) in armoede", strong=True),
        _label("people_in_poverty", "end", r"(?:mensen|personen) in", "armoede", required=True),
        _label("people_in_poverty", "whole", r"(?:mensen|personen) in", "armoede", required=True, strong=True),
    ],
    "involved_administration": [
        _label("involved_administration", "start", r"[Aa]dministratie", strong=True, counted=True),
    ],
    "other_actors": [
        _label("other_actors", "inside", r"andere actoren"),
        _label("other_actors", "start", r"andere actoren", strong=True),
        _label("other_actors", "end", r"andere", "actoren", required=True),
        _label("other_actors", "whole", r"andere", "actoren", required=True, strong=True),
    ],
    "summary": [
        _label("summary", "start", r"korte inhoud actie:?", strong=True, flags=re.I),
        _label("summary", "whole", r"korte inhoud", "actie", strong=True, flags=re.I),
    ],
}
# Whole lines that can only be a label: seen out of place they are reported, not swallowed.
_DISTINCT = {
    "budget_text": r"budgettair( engagement)?|engagement",
    "responsible_cabinet": r"verantwoordelijken( kabinet)?",
    "evaluation_indicator": r"evaluatie en( indicator)?|indicator en( evaluatie)?",
    "involved_cabinet": r"betrokkenen( kabinet)?",
    "other_actors": r"andere actoren",
    "summary": r"korte inhoud actie",
}
_DISTINCT_RE = {f: re.compile(rf"^\s*(?:{p})\s*$", re.I) for f, p in _DISTINCT.items()}
_MIJLPALEN = "mijlpalen"


@dataclass
class BlockFields:
    """What the state machine found in one block."""
    parts: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: {f: [] for f in FIELDS})
    label_at: dict[str, int] = field(default_factory=dict)  # field -> line of its label
    structure: set[int] = field(default_factory=set)  # every line where a label (part) was read
    unassigned: list[tuple[int, str]] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (line, kind, message)


@dataclass
class _Hit:
    label: Label | None  # None: the vertical 'mijlpalen' label or an implicit year row
    field: str
    prefix: str
    suffix: str
    extra_lines: int = 0  # further lines the label occupies (vertical label)
    implicit: bool = False  # no label at all: a year row starts the milestones


class BlockParser:
    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.out = BlockFields()
        self.state = "title"

    def run(self, title_fragment: tuple[int, str] | None) -> BlockFields:
        pending: Label | None = None
        if title_fragment is not None:
            pending, _ = self._fragment(title_fragment[0], title_fragment[1], -1, at_start=False)
        i = 0
        while i < len(self.lines):
            ln = self.lines[i]
            text, at_start = ln.text, True
            if pending is not None and (m := pending.cont.match(text)):
                text, at_start = text[m.end():], False
                self.out.structure.add(ln.no)
            pending = None
            pending, skip = self._fragment(ln.no, text, i, at_start)
            i += 1 + skip
        return self.out

    def _fragment(self, no: int, text: str, i: int, at_start: bool) -> tuple[Label | None, int]:
        """Place one line (or what is left of it after a label); returns a pending continuation
        label and the number of further lines a vertical label used."""
        pending, skip = None, 0
        while True:
            hit = self._find(text, i, at_start)
            if hit is None:
                if at_start and self._misplaced_label(text, i):
                    self.out.unassigned.append((no, text.strip()))
                    self.out.problems.append((no, "unknown_label", f"label {text.strip()!r} out of place "
                                              f"in {self.state}"))
                else:
                    self._add(no, text)
                return pending, skip
            self._add(no, hit.prefix)
            if hit.implicit:
                self.out.problems.append((no, "missing_label", "no 'mijlpalen' label: milestones start at a year row"))
            self._enter(hit.field, no)
            self.out.structure.update(ln.no for ln in self.lines[i:i + 1 + hit.extra_lines] if i >= 0)
            self.out.structure.add(no)
            skip += hit.extra_lines
            pending = hit.label if hit.label and hit.label.cont else None
            if hit.implicit:
                self._add(no, hit.suffix)  # the year row itself belongs to the milestones
                return None, skip
            text, at_start = hit.suffix, False
            if not text.strip():
                return pending, skip

    def _misplaced_label(self, text: str, i: int) -> bool:
        """A line that can only be a label, but not the one expected here. A label further ahead
        whose proper occurrence comes later is text that happens to look like it."""
        if self.state in PROSE:
            return False
        here = FIELDS.index(self.state)
        for fld, regex in _DISTINCT_RE.items():
            if regex.match(text):
                return not (FIELDS.index(fld) > here and self._to_come(i, fld))
        return False

    def _add(self, no: int, text: str) -> None:
        if text.strip():
            self.out.parts[self.state].append((no, text))

    def _enter(self, fld: str, no: int) -> None:
        here = FIELDS.index(self.state)
        for skipped in FIELDS[here + 1:FIELDS.index(fld)]:
            self.out.problems.append((no, "missing_field", f"no {LABEL_NAMES[skipped]!r} label before "
                                      f"{LABEL_NAMES[fld]!r}: {skipped} left empty"))
        self.state = fld
        self.out.label_at[fld] = no

    def _find(self, text: str, i: int, at_start: bool) -> _Hit | None:
        here = FIELDS.index(self.state)
        for distance, fld in enumerate(FIELDS[here + 1:here + 2 + MAX_SKIP]):
            if fld == "milestones":
                hit = self._milestone_label(text, i, at_start, implicit=distance == 0)
            else:
                hit = self._match(fld, text, i, at_start, strong_only=distance > 0)
            if hit is not None:
                return hit
        return None

    def _match(self, fld: str, text: str, i: int, at_start: bool, strong_only: bool) -> _Hit | None:
        for label in LABELS[fld]:
            if strong_only and not (label.strong and at_start and label.where in ("whole", "start")):
                continue
            m = _apply(label, text)
            if m is None:
                continue
            if label.cont_required and not self._next_matches(i, label.cont):
                continue
            if strong_only and not self._may_skip_to(i, label):
                continue
            return _Hit(label, fld, text[:m.start("lab")], text[m.end("lab"):])
        return None

    def _may_skip_to(self, i: int, label: Label) -> bool:
        """A label after a missing one is refused when the labels it would skip still come further
        on and so does the label itself: then this line is text that looks like the label (a
        narrow column can wrap 'mensen in armoede' onto a line of its own)."""
        if label.counted:
            return self._counted_left(i) == self._counted_fields(label.field)
        here, there = FIELDS.index(self.state), FIELDS.index(label.field)
        skipped_to_come = any(self._to_come(i + 1, f) for f in FIELDS[here + 1:there])
        return not (skipped_to_come and self._to_come(i + 1, label.field))

    @staticmethod
    def _counted_fields(fld: str) -> int:
        """How many fields from `fld` on are labelled 'administratie'."""
        return sum(any(x.counted for x in LABELS.get(f, [])) for f in FIELDS[FIELDS.index(fld):])

    def _counted_left(self, i: int) -> int:
        """'administratie' label lines from line index i to the end of the table."""
        regex = LABELS["responsible_administration"][0].regex
        n = 0
        for ln in self.lines[max(i, 0):]:
            if any(_apply(x, ln.text) for x in LABELS["summary"]):
                break
            n += bool(regex.match(ln.text))
        return n

    def _to_come(self, i: int, fld: str) -> bool:
        """Does the label of `fld` still come, from line index i on? The table ends at the summary
        label. 'administratie' comes if enough of them are left for the fields they label."""
        if fld == "milestones":
            return False
        if any(x.counted for x in LABELS[fld]):
            return self._counted_left(i) >= self._counted_fields(fld)
        for ln in self.lines[max(i, 0):]:
            if any(x.evidence and _apply(x, ln.text) for x in LABELS[fld]):
                return True
            if fld != "summary" and any(_apply(x, ln.text) for x in LABELS["summary"]):
                return False
        return False

    def _next_matches(self, i: int, regex: re.Pattern[str]) -> bool:
        nxt = self.lines[i + 1].text if 0 <= i + 1 < len(self.lines) else ""
        return bool(regex.match(nxt))

    def _milestone_label(self, text: str, i: int, at_start: bool, implicit: bool) -> _Hit | None:
        """The vertical label M/ijl/p/al/e/n (and its variants), or, right after the summary, a bare
        year row when the label is missing altogether."""
        word = text.strip().lower()
        if at_start and word.isalpha() and _MIJLPALEN.startswith(word):
            acc, j = word, i + 1
            while acc != _MIJLPALEN and 0 < j < len(self.lines):
                piece = self.lines[j].text.strip().lower()
                if not (piece.isalpha() and _MIJLPALEN.startswith(acc + piece)):
                    break
                acc, j = acc + piece, j + 1
            if len(acc) >= 4:
                return _Hit(None, "milestones", "", "", extra_lines=max(j - i - 1, 0))
        if implicit and at_start and self.state == "summary" and year_row(text, strict=True):
            return _Hit(None, "milestones", "", text, implicit=True)
        return None


def _apply(label: Label, text: str) -> re.Match[str] | None:
    return label.regex.search(text) if label.where in ("end", "inside") else label.regex.match(text)


def parse_block(lines: list[Line], title_fragment: tuple[int, str] | None) -> BlockFields:
    """Assign the content lines of one block (after its ACTIE line) to fields."""
    return BlockParser(lines).run(title_fragment)
