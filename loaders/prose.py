"""Text repair for pdftotext output of the small local sources (000, 001, 003).

The handbook 'Elk kind telt' (001) was typeset with f-ligatures that pdftotext could not map: each
became U+FFFD followed by a space ('hee� ' = heeft, '� nanciële' = financiële, 'lee� ijd' =
leeftijd). Which ligature was lost (fi, fl, ff, ft, fb, fh, fk) depends on the word, so the repair
looks the rebuilt word up in a short lexicon of Dutch stems that hold an f-ligature. Every repair
keeps the number of lines, so line numbers stay those of the source file.
"""

from __future__ import annotations

import re

_CANDIDATES = ("fi", "fl", "ff", "ft", "fb", "fh", "fk", "ffi", "ffl")
# Dutch stems that contain an f-ligature; the longest stem that fits decides the ligature.
_STEMS = (
    # fi
    "financ", "figu", "specifie", "specifiek", "kwalific", "signific", "configur", "defini", "finalit",
    "profijt", "profit",
    # ft
    "heeft", "geeft", "blijft", "schrijft", "betreft", "leeft", "leeftijd", "halftijd", "behoeft",
    "behoeftig", "proeftuin", "schrift", "aftel", "helft",
    # ff
    "effect", "effici", "affect", "slachtoffer", "aanschaff", "treffend", "betreffend", "kaffee",
    # fl
    "reflect", "flexib", "flyer", "flanker", "leefloon",
    # fb, fh, fk
    "hefbo", "afbouw", "afbeeld", "zelfbewust", "leefbaar", "afhank", "afhang", "afhal", "afkomst",
)
_LOST = re.compile(r"(?P<left>(?:\w+-\n)?\w*)\ufffd ?(?P<hyphen>-\n)?(?P<right>\w*)")
# Ligatures lost without a trace except a line break: 'e\nciënt' (efficiënt), 'ko\ne-' (koffie-).
_VANISHED = ((re.compile(r"(?<![\w])(e)\n[ \t]*(ci[eë]n)"), r"\1ffi-\n\2"),
             (re.compile(r"(?<![\w])(ko)\n[ \t]*(e-)"), r"\1ffi-\n\2"))
_LETTER_SPACED_TT = re.compile(r"(?<=[a-zA-Z])TT (?=[a-zA-Z])")


def choose_ligature(left: str, right: str) -> str | None:
    """The ligature that rebuilds a known word from the letters around a lost one, or None."""
    best, best_len = None, 0
    for lig in _CANDIDATES:
        word = (left + lig + right).lower()
        pos = len(left)
        for stem in _STEMS:
            start = word.find(stem)
            # the stem must cover the ligature, not merely occur somewhere in the word
            while start != -1:
                if start <= pos < start + len(stem) and len(stem) > best_len:
                    best, best_len = lig, len(stem)
                start = word.find(stem, start + 1)
    return best


def repair_ligatures(text: str) -> tuple[str, list[tuple[int, str]]]:
    """`text` with lost f-ligatures restored (same line count), and the (line, word) left unrepaired."""
    unknown: list[tuple[int, str]] = []

    def fix(m: re.Match[str]) -> str:
        left, right = m.group("left"), m.group("right")
        lig = choose_ligature(left.replace("-\n", ""), right)
        if lig is None:
            unknown.append((text.count("\n", 0, m.start("left")) + 1, f"{left}\ufffd{right}"))
            return m.group(0)
        return f"{left}{lig}{m.group('hyphen') or ''}{right}"

    text = _LOST.sub(fix, text)
    for rx, repl in _VANISHED:
        text = rx.sub(repl, text)
    return _LETTER_SPACED_TT.sub("tt", text), unknown


def join_lines(parts: list[str]) -> str:
    """One paragraph from text lines: a word hyphenated over a line break is joined ('ge-/zinnen'),
    a name's own hyphen before a capital is kept ('Oost-/Vlaanderen'), spaces are squeezed."""
    out = ""
    for part in parts:
        part = " ".join(part.split())
        if not part:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            # 'Oost-/Vlaanderen' and 'OCMW-/bestuur' keep their hyphen; 'ge-/zinnen' loses it
            out = out + part if part[0].isupper() or out[-2].isupper() else out[:-1] + part
        else:
            out = f"{out} {part}" if out else part
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"(])")


def first_sentences(text: str, limit: int = 320, at_least: int = 120) -> str:
    """The leading sentences of `text`: at least `at_least` characters where the text has them,
    then more while the whole stays within `limit`."""
    sentences = _SENTENCE_END.split(text.strip())
    out = sentences[0] if sentences else ""
    for sentence in sentences[1:]:
        if len(out) >= at_least and len(out) + 1 + len(sentence) > limit:
            break
        out = f"{out} {sentence}"
    return out
