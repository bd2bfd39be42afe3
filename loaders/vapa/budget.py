"""Euro amounts in free-text budget fields ('€220.000', '1 116 214 euro', '4.320 kEUR',
'2,5 miljoen', '2015: 20.000 euro 2016: 45.000 euro').

Dutch notation: '.' or a space groups thousands and ',' is the decimal mark. A number is an amount
when a currency sign or word stands before or after it ('€', 'euro', 'EUR', 'kEUR' = ×1000), when
'miljoen'/'miljard'/'mio' follows it (a budget field speaks of money unless a count noun follows),
or when it is written with thousand separators and followed by nothing that makes it a count
('800.000 per jaar', '1.500.000 (AMIF)'). Staff (VTE), percentages, years, dates and article
numbers ('PJ0-1POC2AA-WT', '1PO703') are not amounts.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_NUM = (r"(?<![\w.,/])(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 10.654.448,64
        r"|\d{1,3}(?: \d{3})+(?:,\d+)?"  # 1 116 214 / 5 390,00
        r"|\d+(?:,\d+)?)(?!\d)")  # 3000 / 2,5
_AMOUNT = re.compile(
    rf"(?P<pre>€\s*)?{_NUM}"
    r"(?:\s*(?P<mult>miljoen|miljard|mio)\.?)?"
    r"(?:\s*(?P<unit>k?€|k?eur(?:o)?(?![a-z])))?",
    re.I)
_MULTIPLIER = {"miljoen": 1e6, "mio": 1e6, "miljard": 1e9}
# After 'N miljoen' without a currency: words that make it a count of people or things.
_COUNT_NOUNS = re.compile(r"^\s*(personen|mensen|inwoners|gezinnen|kinderen|huishoudens|jongeren|"
                          r"leerlingen|woningen|bezoekers|deelnemers|vlamingen|euro's)\b", re.I)
# After a bare '800.000': what may follow an amount; anything else ('148.688 personen') is a count.
_BARE_FOLLOW = re.compile(r"^\s*($|[(.;,/+-]|per\b|voor\b|begroot|op jaarbasis|jaarlijks|en\b|of\b|tot\b)",
                          re.I)
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


class Amount(NamedTuple):
    eur: float
    as_written: str


def parse_budget_amounts(text: str) -> list[float]:
    """Every euro amount in `text`, in order of appearance."""
    return [a.eur for a in find_amounts(text)]


def find_amounts(text: str) -> list[Amount]:
    text = " ".join(text.split())
    out: list[Amount] = []
    for m in _AMOUNT.finditer(text):
        if _is_amount(m, text):
            out.append(Amount(_value(m), m.group(0).strip()))
    return out


def _is_amount(m: re.Match[str], text: str) -> bool:
    if m.group("pre") or m.group("unit"):
        return True
    after = text[m.end():]
    if m.group("mult"):
        return not _COUNT_NOUNS.match(after)
    return bool(_THOUSANDS.fullmatch(m.group("num"))) and bool(_BARE_FOLLOW.match(after))


def _value(m: re.Match[str]) -> float:
    value = to_number(m.group("num"))
    if m.group("mult"):
        value *= _MULTIPLIER[m.group("mult").lower()]
    if (m.group("unit") or "").lower().startswith("k"):
        value *= 1000
    return round(value, 2)


def to_number(num: str) -> float:
    """'10.654.448,64' -> 10654448.64, '1 116 214' -> 1116214, '2,5' -> 2.5."""
    num = num.replace(" ", "")
    if "," in num:
        whole, decimals = num.rsplit(",", 1)
        return float(f"{whole.replace('.', '')}.{decimals}")
    return float(num.replace(".", ""))
