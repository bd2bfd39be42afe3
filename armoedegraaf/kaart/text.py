"""What the sociale kaart says, in Dutch: where a node or relationship was stated (a source's title
and line, with a link to the passage; a coordinator's own file and row), the hover cards, and the
page's messages. Pure functions of the network answer and the style; armoedegraaf/kaart/__init__.py
draws with them.

A bundled document is cited by the title its Source node carries in the graph (`titles`, file name ->
title: armoedegraaf/kaart/data.py source_titles), so the kaart needs nothing of the loaders.

Relationship names come from style.yaml (an edge's `name`); a type without one reads
"heeft een relatie (TYPE) met", so a type added to the schema later still reads as Dutch.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote

BUNDLED = re.compile(r"\d{3}_[0-9a-f]{6,}\.txt")  # how the bundled documents are named
Titles = Mapping[str, str]  # a bundled document's file name -> its title
CURATED = "loaders/data/"  # where the hand-kept lists cite themselves
PASSAGE_ROUTE = "/bron"  # api/routes/kaart.py: the source text around a line
# Values of relationship properties that the sources write in English.
_VALUES = {"responsible": "verantwoordelijk", "involved": "betrokken", "other": "andere partner",
           "cabinet": "kabinet", "administration": "administratie", "lead": "trekker", "partner": "partner"}

# The coordinator's verdicts on a 'lijkt op' pair (graph/verdicts.py VERDICTS["overlap"]), as the
# buttons of the kaart's side panel name them.
OVERLAP_VERDICTS = {"same": "zelfde initiatief", "related": "verwant", "successor": "opvolger",
                    "distinct": "verschillend"}


def source_title(file: str, titles: Titles) -> str | None:
    """The title of a bundled source document, by its file name (`002_839b....txt`); its file name
    when the graph holds no Source node for it; None for any other file."""
    return titles.get(file, file) if BUNDLED.fullmatch(file) else None


def source_ref(file: str | None, line: Any, titles: Titles) -> tuple[str, str | None]:
    """(text, link) for one statement: "KPMG-studie ..., regel 1411" and the passage's address;
    a coordinator's own file reads "eigen sociale kaart (partnerships.csv), rij 2" (no link: the
    file is hers, not the server's)."""
    if not file:
        return "onbekend (de bron zegt het niet)", None
    title = source_title(str(file), titles)
    if title is None and str(file).startswith(CURATED):  # the project's own hand-kept lists
        where = f", regel {line}" if line is not None else ""
        return f"lijst van armoedegraaf ({Path(str(file)).name}){where}", None
    if title is None:
        where = f", rij {line}" if line is not None else ""
        return f"eigen sociale kaart ({file}){where}", None
    if line is None:
        return title, f"{PASSAGE_ROUTE}/{quote(str(file))}"
    return f"{title}, regel {line}", f"{PASSAGE_ROUTE}/{quote(str(file))}?regel={int(line)}#regel-{int(line)}"


def provenance(props: dict[str, Any], titles: Titles) -> str:
    return source_ref(props.get("source"), props.get("line"), titles)[0]


def links(props: dict[str, Any], titles: Titles) -> list[dict[str, str | None]]:
    """Every statement of a node or relationship as {text, href}: its own first, then the other
    documents that state it too (by title; they give no line)."""
    text, href = source_ref(props.get("source"), props.get("line"), titles)
    out = [{"text": text, "href": href}]
    for other in props.get("sources", []):
        if other != props.get("source"):
            other_text, other_href = source_ref(other, None, titles)
            out.append({"text": other_text, "href": other_href})
    return out


def node_card(node: dict[str, Any], kind_name: str, titles: Titles) -> str:
    """The hover text of a node: name, kind, title, where it is stated, distance, id."""
    props = node["properties"]
    lines = [str(props.get("name") or node["id"]), f"soort: {kind_name}"]
    if props.get("title") and props.get("title") != props.get("name"):
        lines.append(f"titel: {props['title']}")
    if props.get("municipality"):
        lines.append(f"gemeente: {props['municipality']}")
    lines.append(f"bron: {provenance(props, titles)}")
    others = [source_ref(s, None, titles)[0] for s in props.get("sources", []) if s != props.get("source")]
    if others:
        lines.append(f"ook in: {'; '.join(others)}")
    if "depth" in node:
        lines.append("dit is de focus" if node["depth"] == 0 else f"stappen van de focus: {node['depth']}")
    lines.append(f"id: {node['id']}")
    return "\n".join(lines)


def relation_name(rel_type: str, named: str | None) -> str:
    return named or f"heeft een relatie ({rel_type}) met"


def edge_card(edge: dict[str, Any], name: str, names: dict[str, str], titles: Titles) -> str:
    """The hover text of a relationship: the sentence it says, then what it carries and its source."""
    props = edge["properties"]
    start, end = names.get(edge["start"], edge["start"]), names.get(edge["end"], edge["end"])
    lines = [f"{start} {name} {end}"]
    for prop, label in (("role", "rol"), ("responsibility", "verantwoordelijkheid")):
        if props.get(prop):
            lines.append(f"{label}: {_VALUES.get(str(props[prop]), props[prop])}")
    if props.get("as_written"):
        lines.append(f"zoals geschreven: “{props['as_written']}”")
    if props.get("score") is not None:
        lines.append(f"gelijkenis: {props['score']:.2f}")
    if props.get("note"):
        lines.append(f"notitie: {props['note']}")
    lines.append(f"bron: {provenance(props, titles)}")
    return "\n".join(lines)


def capped_message(limit: int) -> str:
    return (f"De kaart toont de {limit} dichtstbijzijnde knopen, niet alles: verhoog 'Max. knopen', "
            "kies minder stappen of vink enkele soorten aan om de rest te zien.")


def hub_message(hubs: list[dict[str, Any]]) -> str:
    named = ", ".join(f"{h['name']} ({h['hidden']})" for h in hubs[:4]) + (" ..." if len(hubs) > 4 else "")
    return (f"Drukke knopen samengevat, zodat de kaart lokaal blijft: {named}. Klik op een '+'-knoop om "
            "die open te vouwen, of vink 'ook via drukke knopen' aan.")


def no_scope_message(depth: int, code: str) -> str:
    return (f"Binnen {depth} stappen van de focus is niets verbonden met de acties van grondrecht {code}: "
            "kies meer stappen of een andere focus.")
