"""The grondrechten of a handbook project, read from the project's own text, with its chapter's theme
as a weaker, labelled signal.

`read_grondrechten(text, theme_codes)` gives one `Signal` per grondrecht the project targets: method
'text' (the project's words show it, the theme may agree) or 'theme' (the text shows no grondrecht at
all, so the theme's main one stands in, labelled as such). A theme grondrecht that the text does not
support is no target: it is kept on the project as `theme_grondrechten` only.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from loaders.resolution.names import fold


@dataclass(frozen=True)
class Signal:
    code: str
    method: str  # 'text' | 'theme'
    terms: tuple[str, ...]  # the words of the text that showed it (text), or () (theme)
    in_theme: bool


@functools.lru_cache(maxsize=1)
def _vocabulary() -> tuple[int, dict[str, list[re.Pattern]]]:
    data = yaml.safe_load(resources.files("loaders").joinpath("data/grondrecht_terms.yaml").read_text(encoding="utf-8"))
    terms = {code: [re.compile(t[1:] if t.startswith("~") else rf"(?<![a-z]){t}", re.I) for t in ts]
             for code, ts in data["terms"].items()}
    return int(data["min_hits"]), terms


def read_grondrechten(text: str, theme_codes: tuple[str, ...] | list[str]) -> list[Signal]:
    min_hits, vocabulary = _vocabulary()
    folded = fold(text or "")
    hits = {code: [m.group(0).lower() for rx in patterns for m in rx.finditer(folded)]
            for code, patterns in sorted(vocabulary.items())}
    top = max((len(f) for f in hits.values()), default=0)
    signals = [Signal(code, "text", tuple(sorted(set(found))), code in theme_codes)
               for code, found in hits.items() if len(found) >= max(min_hits, top / 3)]
    if not signals and theme_codes:
        signals = [Signal(theme_codes[0], "theme", (), True)]
    return signals
