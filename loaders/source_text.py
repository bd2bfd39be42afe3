"""Reading a source document's text: the one place where an unreadable or non-UTF-8 file becomes a
SourceError that names the document, so that every loader reports it alike. It also bounds the
work a document can cause: the bundled documents are under 1 MB with lines under 600 characters,
so a file or a line far beyond that is refused before any parser (or the search analyzer) meets it."""

from __future__ import annotations

from pathlib import Path

from armoedegraaf.errors import SourceError
from graph.text import MAX_WORD_CHARS, longest_word  # one limit for loaders and the API

MAX_SOURCE_BYTES = 20_000_000
MAX_LINE_CHARS = 20_000


def read_source_text(path: Path | str, what: str) -> str:
    """The UTF-8 text of `path`; a SourceError 'cannot read <what>: ...' (on the file's name, and the
    line where there is one) when the file is missing, unreadable, not UTF-8 or beyond the limits."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(f"cannot read {what}: {size} bytes, more than the limit of {MAX_SOURCE_BYTES}",
                              file=path.name)
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {what}: {exc.strerror or exc}", file=path.name) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(f"cannot read {what}: not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line})",
                          file=path.name, line=line) from exc
    check_lines(text, path.name, what)
    return text


def check_lines(text: str, file: str, what: str) -> None:
    for no, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise SourceError(f"cannot read {what}: a line of {len(line)} characters, more than the limit of "
                              f"{MAX_LINE_CHARS}", file=file, line=no)
        if len(line) > MAX_WORD_CHARS and longest_word(line) > MAX_WORD_CHARS:
            raise SourceError(f"cannot read {what}: a word of {longest_word(line)} characters without a space, "
                              f"more than the limit of {MAX_WORD_CHARS}", file=file, line=no)
