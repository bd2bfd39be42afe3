"""Passages: the pieces of an initiative's text that a question is matched against, each with the
source line it starts on.

A long fiche matches a question on its best passage, not on an average of all its text, so every
searchable node is cut into passages of a few sentences (PASSAGE_CHARS at most, sentences kept
whole) and each passage is embedded (graph/embeddings.py) and stored as a Passage node. What is cut:

* Action: the title with the first sentence of its summary (the head), then the summary and the
  evaluation indicator;
* Project: the name with its summary (the head), then its whole text (`full_text`);
* Platform: its name with each task activity and good practice ('OCMW Kortenaken:
  huiswerkbegeleiding'), the line being the one the study states the task on.

`locate` finds the line a passage starts on in its source document (the texts were joined from
lines, so the passage's first words are searched for from the node's own line on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from graph.text import fold

PASSAGE_CHARS = 360  # a passage is a few sentences: enough context, one subject
MAX_PASSAGES = 60  # per node: a project's whole text is at most a few pages
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9\"'(‘“•-])")
_ALNUM = re.compile(r"[a-z0-9]+")
PROBE = 6  # words of a passage searched for in the source


@dataclass(frozen=True)
class Passage:
    text: str
    line: int | None
    kind: str  # head | text | task | practice


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(re.sub(r"\s+", " ", text)) if s.strip()]


def chunk(text: str) -> list[str]:
    """Sentences grouped into passages of at most PASSAGE_CHARS (a longer sentence stays whole)."""
    out: list[str] = []
    for s in sentences(text):
        if out and len(out[-1]) + 1 + len(s) <= PASSAGE_CHARS:
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


def _str(props: Mapping[str, Any], key: str) -> str:
    value = props.get(key)
    return value.strip() if isinstance(value, str) else ""


def node_passages(labels: set[str] | tuple[str, ...], props: Mapping[str, Any], sources: "SourceLines") -> list[Passage]:
    """The passages of one searchable node ([] for nodes that are not searched by meaning)."""
    labels = set(labels)
    where = sources.get(_str(props, "source")), props.get("line") or 1
    if "Action" in labels or "Project" in labels:
        title = _str(props, "title") or _str(props, "name")
        summary = _str(props, "summary")
        first = sentences(summary)[:1]
        head = Passage(" ".join([title, *first]).strip(), props.get("line"), "head")
        body = " ".join(x for x in (_str(props, "full_text") or summary, _str(props, "evaluation_indicator")) if x)
        rest = [Passage(t, locate(where, t), "text") for t in chunk(body)]
        return [p for p in [head, *rest][:MAX_PASSAGES] if p.text]
    if "Platform" in labels:
        return platform_passages(props)
    return []


def platform_passages(props: Mapping[str, Any]) -> list[Passage]:
    """'<platform>: <activity>' per task activity (line of its task), per good practice it is an
    example of, and the study's description of it as that example (in passages)."""
    name = _str(props, "name")
    task_lines = {t.split(".", 1)[0]: ln for t, ln in zip(props.get("tasks") or [], props.get("tasks_evidence") or [])}
    out = []
    for act in props.get("task_activities") or []:
        number, _, what = act.partition(":")
        out.append(Passage(f"{name}: {what.strip()}", task_lines.get(number.strip()), "task"))
    for gp, ln in zip(props.get("good_practices") or [], props.get("good_practices_evidence") or []):
        out.append(Passage(f"{name}: {gp.split('.', 1)[-1].strip()}", ln, "practice"))
    # what the study tells of the platform as an example: its partners, its way of working
    for text, ln in zip(props.get("practice_examples") or [], props.get("practice_examples_evidence") or []):
        out += [Passage(f"{name}: {part}", ln, "practice") for part in chunk(text.split(".", 1)[-1].strip())]
    return out


class SourceLines:
    """The bundled and given source documents, folded to words with each word's line, so that a
    passage's first words can be found again (loaded once per document)."""

    def __init__(self, dirs: list[Path]):
        self.dirs = dirs

    def get(self, file: str) -> "_Folded | None":
        for d in self.dirs:
            if file and (d / file).is_file():
                return _folded(str(d / file))
        return None


@dataclass(frozen=True)
class _Folded:
    words: tuple[str, ...]
    lines: tuple[int, ...]
    first_word_of_line: dict


@lru_cache(maxsize=16)
def _folded(path: str) -> _Folded:
    words, lines, first = [], [], {}
    for no, line in enumerate(_text(Path(path)).split("\n"), start=1):
        first.setdefault(no, len(words))
        for w in _ALNUM.findall(fold(line)):
            words.append(w)
            lines.append(no)
    return _Folded(tuple(words), tuple(lines), first)


def _text(path: Path) -> str:
    """The file's text as the loaders read it: the sources are UTF-8; a coordinator's CSV may be
    cp1252 (Belgian Excel). Only for finding lines, so an undecodable byte may stand as U+FFFD."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def locate(where: tuple["_Folded | None", int], text: str) -> int | None:
    """The line of the source where `text` starts (searched from the node's line on), or None."""
    doc, start_line = where
    probe = _ALNUM.findall(fold(text))[:PROBE]
    if doc is None or not probe:
        return None
    i = doc.first_word_of_line.get(start_line, 0)
    words, n = doc.words, len(probe)
    while True:
        try:
            i = words.index(probe[0], i)
        except ValueError:
            return None
        # A word broken over two lines ('huiswerkbegelei-' / 'ding') shows as two words: accept
        # a match of the first PROBE-1 words then.
        if list(words[i:i + n]) == probe or list(words[i:i + n - 1]) == probe[:-1]:
            return doc.lines[i]
        i += 1
