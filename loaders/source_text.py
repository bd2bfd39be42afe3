"""Reading a source document's text: the one place where an unreadable or non-UTF-8 file becomes a
SourceError that names the document, so that every loader reports it alike."""

from __future__ import annotations

from pathlib import Path

from armoedegraaf.errors import SourceError


def read_source_text(path: Path | str, what: str) -> str:
    """The UTF-8 text of `path`; a SourceError 'cannot read <what>: ...' (on the file's name) when the
    file is missing, unreadable or not UTF-8."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read {what}: {exc}", file=path.name) from exc
