"""The local platforms by region and province, one platform with its partners, coverage per province."""

from __future__ import annotations

import json
from typing import Any

from armoedegraaf.errors import InvalidParameter
from graph.model import fold_name
from graph.queries.actors import relationships_of
from graph.queries.places import platforms, province_coverage
from graph.questions.nodes import require_node
from graph.store import Store


def list_platforms(store: Store, region: str | None = None, province: str | None = None) -> dict[str, Any]:
    coverage = store.run(province_coverage)
    regions = sorted({c["region"] for c in coverage if c["region"]})
    provinces = sorted(c["province"] for c in coverage)
    # Filters ignore case and accents: province=limburg, region=wallonie.
    region = next((r for r in regions if fold_name(r) == fold_name(region)), region) if region else region
    province = next((p for p in provinces if fold_name(p) == fold_name(province)), province) if province else province
    if region is not None and region not in regions:
        raise InvalidParameter("region", f"unknown region {region!r}; known: {', '.join(regions)}")
    if province is not None and province not in provinces:
        raise InvalidParameter("province", f"unknown province {province!r}; known: {', '.join(provinces)}")
    items = store.run(platforms, region=region, province=province)
    return {"total": len(items), "items": items}


def platform_detail(store: Store, platform_id: str) -> dict[str, Any]:
    node = require_node(store, platform_id, "platform_id", "Platform")
    props = dict(node["properties"])
    evidence = json.loads(props.pop("evidence")) if props.get("evidence") else {}
    rels = store.run(relationships_of, id=platform_id)
    partners = [{"id": r["id"], "name": r["name"], "labels": r["labels"], **_prov(r["properties"])}
                for r in rels if r["type"] == "PARTNER_OF" and not r["outgoing"]]
    leads = [{"id": r["id"], "name": r["name"], "labels": r["labels"], **_prov(r["properties"])}
             for r in rels if r["type"] == "LEADS" and not r["outgoing"]]
    drop = ("folded_names", "folded_key", "terms", "names", "sources")
    return {"id": platform_id, **{k: v for k, v in props.items() if k not in drop}, "evidence": evidence,
            "lead_organisations": leads, "partners": partners, "relationships": rels}


def _prov(props: dict[str, Any]) -> dict[str, Any]:
    return {k: props.get(k) for k in ("as_written", "source", "line", "note")}
