"""Dutch-aware text analysis, shared by search (BM25 on the `terms` property) and overlap scoring.

`analyze(text)` turns text into index terms:

1. normalise: NFKC (ligature characters become letters), PDF ligature-loss artefacts (U+FFFD, as in
   'lee\ufffd ijd') repaired against the vocabulary or dropped, line-end hyphenation joined, accents
   folded (é -> e, ë -> e), lowercase;
2. tokenise: action codes such as 05_02_06 stay one token; other tokens are runs of [a-z0-9];
3. drop Dutch stop words (data/stopwords_nl.txt) and one-letter tokens;
4. stem with Snowball's classic Dutch stemmer (`dutch_porter`) plus corrections: word-final double
   consonants undoubled (gezinnen -> gezin), final z/v read as s/f (huizen -> huis), and the
   irregular forms of data/stems_nl.txt (kinderen -> kind). The newer `dutch` algorithm of
   snowballstemmer 3 strips the 'ge-' prefix (gezin -> zin, gemeente -> meen) and stems schuld and
   schulden apart, so it is not used;
5. split compounds against a vocabulary: 'kinderarmoedebestrijding' gives its own stem AND the stems
   of 'kinder' (-> kind), 'armoede' and 'bestrijding'.

`document_terms(props)` makes the `terms` a node stores (its code, the title twice, then summary,
evaluation indicator, theme), so that both backends search the very same tokens.

Decompounding is dictionary based: a word splits into parts of at least MIN_PART letters that are
known words (a corpus word of 4+ letters seen at least twice, or a curated policy word,
data/policy_words_nl.txt, matched by stem; never a stop word or a bare suffix, data/suffixes_nl.txt),
with the linking morphemes '', 's', 'e', 'en' between parts. Of all such segmentations the one with
the highest geometric mean of part frequencies wins (Koehn & Knight 2003); ties go to fewer parts,
then longer leading parts, so the result is deterministic. A word more than MAX_WHOLE_RATIO times as
frequent as that mean stays whole (platform, not plat|form). The parts are emitted as they are, not
split again, so a compound adds one term per part.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import snowballstemmer

DATA = Path(__file__).resolve().parent / "data"
SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"

# The longest run without a space any text may hold (a source line, a spreadsheet cell, a question):
# the longest in the bundled documents is a 551-character URL. Beyond it the analyzer's work grows.
MAX_WORD_CHARS = 1_000


def longest_word(text: str) -> int:
    return max(map(len, text.split()), default=0)


MIN_PART = 4  # shortest compound part: shorter ones ('arm', 'wet') split too much noise
MIN_VOCAB = 4  # shortest corpus word taken into the vocabulary
MIN_PART_FREQ = 2  # a part seen once is too often a PDF line-break fragment ('ondersteu-', 'ning')
CURATED_COUNT = 2  # the count a curated policy word gets, so that it always qualifies as a part
LINKS = ("", "s", "e", "en")  # Dutch linking morphemes (tussenklanken) between compound parts
LIGATURES = ("fi", "fl", "ff", "ft", "ffi", "ffl", "tt", "f", "t")  # what a lost glyph most often was
MAX_WHOLE_RATIO = 10  # split only when the word is at most this many times as frequent as its parts
MIN_HEAD = 6  # shortest unknown head after a productive modifier
MIN_MODIFIER_USES = 3  # compounds a modifier must start before it may precede an unknown head
MAX_SEGMENTS = 200  # bound on the segmentations examined per word (long words, many known prefixes)
MAX_WORD = 64  # a longer token is cut to this many letters: no Dutch word is longer, and the
# analyzer's work and caches then stay bounded whatever a request sends (20,000 x 'b')
MAX_SPLIT = 40  # longest word that compound splitting looks at (the longest source compound has 31)
MAX_CACHED_WORDS = 100_000  # per-analyzer word caches are emptied when they grow past this

_CODE = r"\d{2}_\d{2}_\d{2}"
_TOKEN = re.compile(rf"{_CODE}|[a-z0-9]+")
_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\n\s*(?=[a-z])")  # "ge-\nzin", also over a blank line
_LOST_GLYPH = re.compile(r"(\w*)\ufffd( ?)(\w*)")
_PUNCT = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": " ", "•": " ", "▪": " ",
          "✓": " ", "\u00ad": ""}
_PUNCT_RE = re.compile("|".join(map(re.escape, _PUNCT)))
_COMBINING = re.compile(r"[\u0300-\u036f]")  # the marks NFKD splits off Latin letters


def _read_words(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


STOPWORDS: frozenset[str] = frozenset(_read_words("stopwords_nl.txt"))
POLICY_WORDS: tuple[str, ...] = tuple(_read_words("policy_words_nl.txt"))
STEM_FIXES: dict[str, str] = dict(line.split() for line in _read_words("stems_nl.txt"))
NOT_PARTS: frozenset[str] = frozenset(_read_words("suffixes_nl.txt"))
_STEMMER = snowballstemmer.stemmer("dutch_porter")


def fold(text: str) -> str:
    """NFKC, typographic punctuation made plain, accents folded, lowercase. U+FFFD is kept (see
    repair_lost_glyphs); use it before this when a vocabulary is at hand."""
    if text.isascii():
        return text.lower()
    text = _PUNCT_RE.sub(lambda m: _PUNCT[m.group()], unicodedata.normalize("NFKC", text))
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text.lower()


def raw_words(text: str) -> list[str]:
    """The folded tokens of a text, before stop words and stemming (U+FFFD simply dropped)."""
    text = _HYPHEN_BREAK.sub(r"\1", fold(text).replace("\ufffd", ""))
    return [t[:MAX_WORD] for t in _TOKEN.findall(text)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Dutch stem with the corrections; codes and tokens with digits stay as they are.
    Words are cut to MAX_WORD letters first, so the cache never holds long strings."""
    word = word[:MAX_WORD]
    if not word.isalpha():
        return word
    s = _STEMMER.stemWord(word)
    if len(s) > 3 and s[-1] == s[-2] and s[-1] not in "aeiou":
        s = s[:-1]  # gezinnen -> gezinn -> gezin
    if len(s) > 3 and s[-1] in "zv":
        s = s[:-1] + ("s" if s[-1] == "z" else "f")  # huizen -> huiz -> huis, brieven -> brief
    return STEM_FIXES.get(s, s)


class Analyzer:
    """Holds the vocabulary the compound splitter and the ligature repair need. Build it once
    from the corpus texts; `default_analyzer()` is the one built from the bundled sources."""

    def __init__(self, texts: Iterable[str] = (), extra_words: Iterable[str] = POLICY_WORDS):
        surface: Counter[str] = Counter()
        for text in texts:
            surface.update(w for w in raw_words(text) if len(w) >= MIN_VOCAB and w.isalpha())
        for word in extra_words:
            surface[fold(word)] += CURATED_COUNT
        for word in STOPWORDS:
            surface.pop(word, None)
        self.surface = surface
        self.stem_freq: Counter[str] = Counter()
        for word, count in surface.items():
            self.stem_freq[stem(word)] += count
        self._word_cache: dict[str, tuple[str, ...]] = {}
        self._known: dict[str, bool] = {}
        self._modifiers: Counter[str] | None = None

    # -- public ------------------------------------------------------------------------------
    def analyze(self, text: str | None) -> list[str]:
        """Index terms of `text`: per word its stem, then the stems of its compound parts."""
        if not text:
            return []
        text = _HYPHEN_BREAK.sub(r"\1", fold(self.repair_lost_glyphs(text)))
        out: list[str] = []
        for token in _TOKEN.findall(text):
            if len(token) < 2 or token in STOPWORDS:
                continue
            out.extend(self.word_terms(token[:MAX_WORD]))
        return out

    def analyze_words(self, text: str | None) -> list[tuple[str, ...]]:
        """Per word of `text` (stop words aside) its word_terms: what a query needs to tell a
        compound's whole stem from its parts."""
        if not text:
            return []
        text = _HYPHEN_BREAK.sub(r"\1", fold(self.repair_lost_glyphs(text)))
        return [self.word_terms(t[:MAX_WORD]) for t in _TOKEN.findall(text) if len(t) >= 2 and t not in STOPWORDS]

    def word_terms(self, word: str) -> tuple[str, ...]:
        """The stem of one folded word followed by the stems of its compound parts, once each.
        The parts are the leaves of the best segmentation (not re-split), so a compound adds one
        term per part: 'schuldhulpverlening' -> schuldhulpverlen, schuld, hulpverlen."""
        cached = self._word_cache.get(word)
        if cached is None:
            terms = [stem(word), *(stem(part) for part in self.split(word))]
            if len(self._word_cache) >= MAX_CACHED_WORDS:
                self._word_cache.clear()  # bounded memory: queries bring ever new words
            cached = self._word_cache[word] = tuple(dict.fromkeys(terms))
        return cached

    def split(self, word: str) -> list[str]:
        """The surface parts of a compound ([] when the word is not one), e.g.
        'kinderarmoede' -> ['kinder', 'armoede'], 'ervaringsdeskundigen' -> ['ervarings', 'deskundigen'].
        A word the corpus does not know (a query's new compound) with no split into known parts
        may still split after a productive modifier (the first part of at least MIN_MODIFIER_USES
        corpus compounds) before an unknown head of 6+ letters: 'voedselpakketten' -> ['voedsel',
        'pakketten']. Corpus words never do: that rule splits too many of them wrongly
        ('huis|vesting', 'doels|tellingen')."""
        full = self.full_split(word)
        if full or self.frequency(word) >= MIN_PART_FREQ:
            return full
        return self._modifier_split(word)

    def full_split(self, word: str) -> list[str]:
        """The best split into known parts only ([] when there is none)."""
        if not word.isalpha() or not 2 * MIN_PART <= len(word) <= MAX_SPLIT:
            return []
        candidates = [seg for seg in self._segmentations(word) if len(seg) > 1]
        if not candidates:
            return []
        best = max(candidates, key=self._segmentation_rank)
        geo = math.exp(self._segmentation_rank(best)[0])
        # A word far more frequent than its would-be parts is a word of its own (platform, not plat|form).
        return [] if self.frequency(word) > MAX_WHOLE_RATIO * geo else best

    def _modifier_split(self, word: str) -> list[str]:
        if not word.isalpha() or not MIN_PART + MIN_HEAD <= len(word) <= MAX_SPLIT:
            return []
        modifiers = self._modifier_counts()
        for end in range(len(word) - MIN_HEAD, MIN_PART - 1, -1):  # longest modifier first
            part = word[:end]
            if modifiers.get(stem(part), 0) < MIN_MODIFIER_USES or not self.known(part):
                continue
            for link in LINKS:
                head = word[end + len(link):]
                if word.startswith(link, end) and len(head) >= MIN_HEAD and head not in NOT_PARTS:
                    return [part, head]
        return []

    def _modifier_counts(self) -> Counter:
        """How many corpus words each stem starts as a compound modifier (computed once, lazily)."""
        if self._modifiers is None:
            self._modifiers = Counter()
            for word in self.surface:
                parts = self.full_split(word)
                if parts:
                    self._modifiers[stem(parts[0])] += 1
        return self._modifiers

    def known(self, part: str) -> bool:
        ok = self._known.get(part)
        if ok is None:
            if len(self._known) >= MAX_CACHED_WORDS:
                self._known.clear()
            ok = self._known[part] = (part not in STOPWORDS and part not in NOT_PARTS
                                      and self.frequency(part) >= MIN_PART_FREQ)
        return ok

    def frequency(self, part: str) -> int:
        return max(self.surface.get(part, 0), self.stem_freq.get(stem(part), 0))

    def repair_lost_glyphs(self, text: str) -> str:
        """A PDF ligature that lost its glyph shows as U+FFFD ('hee\ufffd ', 'lee\ufffd ijd'): put
        back the ligature that makes a known word; else drop the character (and a one-space gap)."""
        if "\ufffd" not in text:
            return text
        return _LOST_GLYPH.sub(self._repair_one, text)

    # -- internals ---------------------------------------------------------------------------
    def _repair_one(self, match: re.Match) -> str:
        left, gap, right = match.group(1), match.group(2), match.group(3)
        inside = bool(gap and right) or bool(left and right)  # 'lee\ufffd ijd': the glyph sat mid-word
        for lig in LIGATURES:
            word = left + lig + right if inside else left + lig
            if left + right and (fold(word) in self.surface or fold(word) in STOPWORDS):
                return word if inside else word + gap + right
        return left + right if inside else left + gap + right

    def _segmentations(self, word: str) -> list[list[str]]:
        """Every way to cut `word` into known parts joined by linking morphemes (at most about
        MAX_SEGMENTS per suffix). Built from the end of the word backwards, by iteration: the
        suffix starting at i is cut only after every shorter suffix has been, so no recursion."""
        n = len(word)
        tails: dict[int, list[list[str]]] = {}
        for start in range(n - MIN_PART, -1, -1):
            found: list[list[str]] = []
            for end in range(start + MIN_PART, n + 1):
                part = word[start:end]
                if not self.known(part) or (start and part.startswith(("elijk", "lijk"))):
                    continue  # '-elijk(heid)' is a suffix (verantwoord|elijkheid), not a part
                if end == n:
                    found.append([part])
                    continue
                for link in LINKS:
                    nxt = end + len(link)
                    if word.startswith(link, end) and n - nxt >= MIN_PART:
                        found.extend([part, *rest] for rest in tails.get(nxt, ()))
                if len(found) > MAX_SEGMENTS:
                    break
            tails[start] = found
        return tails.get(0, [])

    def _segmentation_rank(self, parts: list[str]) -> tuple:
        geo = sum(math.log(self.frequency(p)) for p in parts) / len(parts)
        return (round(geo, 9), -len(parts), [len(p) for p in parts], [tuple(-ord(c) for c in p) for p in parts])


# The properties whose text is indexed, in this order; `name` stands in when there is no title.
TEXT_FIELDS = ("title", "summary", "evaluation_indicator", "theme", "full_text")
TITLE_WEIGHT = 2  # the title's terms count twice: it names the initiative, the rest describes it


def document_text(props: Mapping[str, Any]) -> str:
    """The text of a node (Action, Project) that its terms are made of, each field once: title (or
    name), summary, evaluation indicator, theme; missing ones skipped. What text_fingerprint hashes."""
    title = props.get("title") or props.get("name")
    parts = [title, *(props.get(f) for f in TEXT_FIELDS[1:])]
    return "\n".join(p for p in parts if isinstance(p, str) and p.strip())


def document_terms(props: Mapping[str, Any], analyzer: "Analyzer | None" = None) -> list[str]:
    """The `terms` to store on a node: its code, its title's (or name's) terms TITLE_WEIGHT times,
    then those of the other TEXT_FIELDS."""
    analyzer = analyzer or default_analyzer()
    title = props.get("title") or props.get("name")
    terms = analyzer.analyze(props.get("code") if isinstance(props.get("code"), str) else None)
    terms += analyzer.analyze(title if isinstance(title, str) else None) * TITLE_WEIGHT
    for f in TEXT_FIELDS[1:]:
        text = props.get(f)
        terms += analyzer.analyze(text if isinstance(text, str) else None)
    return terms


def matched_terms(query_terms: Iterable[str], doc_terms: Iterable[str]) -> list[str]:
    """The distinct query terms that occur in the document, in query order."""
    present = set(doc_terms)
    return [t for t in dict.fromkeys(query_terms) if t in present]


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """The analyzer whose vocabulary is every bundled source document (built once, cached)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))]
    return Analyzer(texts)


def analyze(text: str | None) -> list[str]:
    """Index terms of `text` with the default analyzer (see the module docstring)."""
    return default_analyzer().analyze(text)
