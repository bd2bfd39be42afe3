"""Looking up the node a question is about, with a 404 that names the parameter."""

from __future__ import annotations

from typing import Any

from armoedegraaf.errors import NotFound
from graph.store import Store


def require_node(store: Store, node_id: str, parameter: str, label: str | None = None) -> dict[str, Any]:
    """The node `node_id` (of `label`, when given), or NotFound naming `parameter`."""
    what = {None: "node", "Actor": "actor"}.get(label, (label or "").lower())
    try:
        node = store.get_node(node_id)
    except NotFound:
        raise NotFound(f"{parameter}: no {what} with id {node_id!r}") from None
    if label is not None and label not in node["labels"]:
        article = "an" if what[0] in "aeiou" else "a"
        raise NotFound(f"{parameter}: {node_id!r} is a {', '.join(node['labels'])}, not {article} {what}")
    return node
