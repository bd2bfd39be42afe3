"""What the kaart hands to a coordinator beside the picture: the view's nodes as a CSV that Belgian
Excel opens by a double click, and the passage of a source document a card links to.

    nodes_csv(net, titles) -> str                        ';', a BOM, Dutch headers, formulas neutralised
    passage_html(sources_dir, file, line, titles) -> str the lines around `line`, that line marked
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path
from typing import Any

from armoedegraaf.kaart import text as kaart_text
from armoedegraaf.kaart.text import Titles
from armoedegraaf.errors import NotFound
from armoedegraaf.kaart import load_style
from graph.export import neutralise

CSV_HEADER = ["naam", "soort", "stappen van de focus", "gemeente", "bron", "id"]
CONTEXT_LINES = 20


def nodes_csv(net: dict[str, Any], titles: Titles) -> str:
    """The nodes of a kaart answer, nearest first, one row each."""
    style = load_style()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for node in sorted(net["nodes"], key=lambda n: (n.get("depth", 0), str(n["properties"].get("name", "")))):
        props = node["properties"]
        row = [str(props.get("name") or node["id"]), style.node(node["labels"]).name, str(node.get("depth", "")),
               str(props.get("municipality") or ""), kaart_text.provenance(props, titles), node["id"]]
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def passage_html(sources_dir: Path, file: str, line: int | None, titles: Titles) -> str:
    """A bundled source document around one line, as a small Dutch page. Only the documents the
    graph holds (`titles`: their Source nodes) in `sources_dir`, by their exact file name: nothing
    else on the server can be read this way. The loaders read (and bounded) each of them before
    they wrote its Source node, so the text is read as it is; a byte changed since reads as U+FFFD."""
    folder = Path(sources_dir)
    if file not in titles or not folder.is_dir() or file not in {p.name for p in folder.iterdir()}:
        raise NotFound(f"file: no bundled source document {file!r}")
    title = titles[file]
    lines = (folder / file).read_text(encoding="utf-8", errors="replace").splitlines()
    if line is not None and line > len(lines):
        raise NotFound(f"regel: {file} has {len(lines)} lines, not {line}")
    first = max(1, (line or 1) - CONTEXT_LINES)
    last = min(len(lines), (line or 1) + CONTEXT_LINES)
    rows = "\n".join(
        f'<tr id="regel-{n}"{" class=hit" if n == line else ""}><td class="n">{n}</td>'
        f"<td>{html.escape(lines[n - 1]) or '&nbsp;'}</td></tr>" for n in range(first, last + 1))
    where = f", regel {line}" if line else ""
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{html.escape(title)}{where}</title>
<style>body{{font-family:system-ui,sans-serif;margin:16px;color:#222}} table{{border-collapse:collapse}}
td{{padding:1px 8px;vertical-align:top;white-space:pre-wrap}} td.n{{color:#888;text-align:right}}
tr.hit td{{background:#fff3cd;font-weight:600}}</style></head>
<body><h1 style="font-size:18px">{html.escape(title)}{where}</h1>
<p>Regels {first} tot {last} van {len(lines)} uit <code>{html.escape(file)}</code>.</p>
<table>{rows}</table></body></html>"""
