"""docs/sociale-kaart-format.md's column tables, rendered from the one declaration of the format
(loaders/sociale_kaart/format.py TABLES) and the Dutch headers beside it (loaders/sociale_kaart/dutch.py).

    python -m loaders.sociale_kaart.docs [--update docs/sociale-kaart-format.md]
"""

from __future__ import annotations

from loaders.sociale_kaart.format import TABLES, columns
from loaders.sociale_kaart.dutch import DUTCH_COLUMNS

_KIND_DOCS = {
    "text": "text", "ref": "id or name", "refs": "ids or names, `;`", "list": "list, `;`",
    "grondrecht": "`00`..`10`", "number": "number", "bool": "true/false (ja/nee)", "line": "row number",
    "id": "node id", "municipality": "municipality",
}


def render_markdown() -> str:
    """The column tables of docs/sociale-kaart-format.md, from TABLES."""
    out = []
    for table, spec in TABLES.items():
        out += [f"### {table}.csv", "", spec["doc"], "", "| column | Dutch header | required | value | meaning |",
                "| --- | --- | --- | --- | --- |"]
        for col in columns(table):
            kind = " / ".join(f"`{c}`" for c in col.choices) if col.kind == "choice" else _KIND_DOCS[col.kind]
            dutch = ", ".join(f"`{h}`" for h in DUTCH_COLUMNS[table][col.name])
            out.append(f"| `{col.name}` | {dutch} | {'yes' if col.required else ''} | {kind} | {col.doc} |")
        out.append("")
    return "\n".join(out)


DOCS_BEGIN, DOCS_END = "<!-- columns:begin -->\n", "<!-- columns:end -->"


def docs_with_tables(text: str) -> str:
    """A document with the generated tables between its two markers."""
    start, end = text.index(DOCS_BEGIN) + len(DOCS_BEGIN), text.index(DOCS_END)
    return text[:start] + render_markdown() + text[end:]


if __name__ == "__main__":  # python -m loaders.sociale_kaart.docs [--update docs/sociale-kaart-format.md]
    import sys
    from pathlib import Path

    if sys.argv[1:2] == ["--update"]:
        target = Path(sys.argv[2])
        target.write_text(docs_with_tables(target.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(render_markdown(), end="")
