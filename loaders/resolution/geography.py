"""Geography: municipality -> province -> region, from the curated file loaders/data/geography.yaml.

The file lists every municipality the five sources name (see its header for the choices made:
official names, Dutch exonyms of Walloon places as aliases, the Brussels-Capital Region standing
in at the province level). `lookup_municipality` understands names as the sources write them:
any case, with or without accents, hyphens or spaces, curly quotes, aliases and exonyms, and the
deelgemeenten the sources name instead of their municipality (Haccourt -> Oupeye).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from armoedegraaf.errors import SourceError
from graph.model import GraphBatch

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "geography.yaml"
# The provenance `source` of every geography node: the curated file, by its repository path.
SOURCE = "loaders/data/geography.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the file is read often


@dataclass(frozen=True)
class Municipality:
    name: str
    province: str
    region: str
    line: int = field(default=0, compare=False)
    aliases: tuple[str, ...] = field(default=(), compare=False)
    sections: tuple[str, ...] = field(default=(), compare=False)
    merged_into: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Province:
    name: str
    region: str
    line: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Region:
    name: str
    line: int
    aliases: tuple[str, ...] = ()


@dataclass
class Geography:
    regions: dict[str, Region]
    provinces: dict[str, Province]
    municipalities: dict[str, Municipality]
    file: str = SOURCE
    _index: dict[str, str] = field(default_factory=dict, repr=False)

    def lookup(self, name: str | None) -> Municipality | None:
        """The municipality a written name stands for, or None when the name is unknown."""
        if not name:
            return None
        official = self._index.get(normalise(name))
        return self.municipalities[official] if official else None

    def province_of(self, name: str) -> Province | None:
        key = normalise(name)
        return next((p for p in self.provinces.values()
                     if key in {normalise(n) for n in (p.name, *p.aliases)}), None)

    def region_of(self, name: str) -> Region | None:
        key = normalise(name)
        return next((r for r in self.regions.values()
                     if key in {normalise(n) for n in (r.name, *r.aliases)}), None)


def normalise(name: str) -> str:
    """Comparison key of a place name: accents folded, case folded, quotes dropped, and runs of
    hyphens, dashes, dots and spaces read as one space ('St.Vith' = 'st vith')."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").casefold()
    folded = re.sub(r"['`\"]", "", folded)
    return re.sub(r"[\s\-_./]+", " ", folded).strip()


def _item_lines(text: str, key: str) -> list[int]:
    """1-based line of each item of the top-level sequence `key` (yaml.compose keeps marks)."""
    root = yaml.compose(text, Loader=_LOADER)
    for k, v in root.value:
        if k.value == key:
            return [item.start_mark.line + 1 for item in v.value]
    return []


def _names(entry: dict, key: str) -> tuple[str, ...]:
    return tuple(str(v) for v in entry.get(key) or ())


def parse_geography(text: str, file: str = SOURCE) -> Geography:
    """Parse the geography file; raise SourceError on an unknown province or region, or on a
    name that would stand for two municipalities."""
    try:
        doc = yaml.load(text, Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        raise SourceError(f"not valid YAML: {exc}", file=file) from exc
    regions = {}
    for entry, line in zip(doc.get("regions", []), _item_lines(text, "regions")):
        regions[entry["name"]] = Region(entry["name"], line, _names(entry, "aliases"))
    provinces = {}
    for entry, line in zip(doc.get("provinces", []), _item_lines(text, "provinces")):
        if entry.get("region") not in regions:
            raise SourceError(f"province {entry['name']!r}: unknown region {entry.get('region')!r}",
                              file=file, line=line)
        provinces[entry["name"]] = Province(entry["name"], entry["region"], line, _names(entry, "aliases"))
    geo = Geography(regions, provinces, {}, file)
    for entry, line in zip(doc.get("municipalities", []), _item_lines(text, "municipalities")):
        _add_municipality(geo, entry, line)
    return geo


def _add_municipality(geo: Geography, entry: dict, line: int) -> None:
    province = geo.provinces.get(entry.get("province"))
    if province is None:
        raise SourceError(f"municipality {entry.get('name')!r}: unknown province {entry.get('province')!r}",
                          file=geo.file, line=line)
    muni = Municipality(entry["name"], province.name, province.region, line, _names(entry, "aliases"),
                        _names(entry, "sections"), entry.get("merged_into"))
    if muni.name in geo.municipalities:
        raise SourceError(f"municipality {muni.name!r} listed twice", file=geo.file, line=line)
    geo.municipalities[muni.name] = muni
    for written in (muni.name, *muni.aliases, *muni.sections):
        key = normalise(written)
        if geo._index.get(key, muni.name) != muni.name:
            raise SourceError(f"{written!r} would mean both {geo._index[key]!r} and {muni.name!r}",
                              file=geo.file, line=line)
        geo._index[key] = muni.name


def read_geography(path: Path | str = DATA_FILE) -> Geography:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(f"cannot read: {exc}", file=str(path)) from exc
    return parse_geography(text, SOURCE if path.resolve() == DATA_FILE else path.name)


@functools.lru_cache(maxsize=1)
def default_geography() -> Geography:
    """The bundled geography, read once."""
    return read_geography(DATA_FILE)


def lookup_municipality(name: str | None, geography: Geography | None = None) -> Municipality | None:
    """Municipality(name, province, region) for a place name as written, or None if unknown.
    Prefixes such as 'OCMW' or 'SH-' are the caller's to strip."""
    return (geography or default_geography()).lookup(name)


def build_geography(geo: Geography | None = None, only: set[str] | None = None) -> GraphBatch:
    """Region, Province and Municipality nodes, linked by LOCATED_IN, each citing its line in the
    geography file. `only`: just these municipalities (official names) and what they lie in."""
    geo = geo or default_geography()
    batch, src = GraphBatch(), geo.file
    if only is not None:
        munis = [geo.municipalities[m] for m in only]
        provinces = {m.province for m in munis}
        geo = Geography({r: geo.regions[r] for r in {geo.provinces[p].region for p in provinces}},
                        {p: geo.provinces[p] for p in provinces}, {m.name: m for m in munis}, geo.file)
    region_ids = {r.name: batch.add_node("Region", r.name, source=src, line=r.line, name=r.name,
                                         names=[r.name, *r.aliases])
                  for r in geo.regions.values()}
    province_ids = {}
    for p in geo.provinces.values():
        province_ids[p.name] = batch.add_node("Province", p.name, source=src, line=p.line, name=p.name,
                                              names=[p.name, *p.aliases])
        batch.add_relationship("LOCATED_IN", province_ids[p.name], region_ids[p.region], source=src, line=p.line)
    for m in geo.municipalities.values():
        props = {"names": [m.name, *m.aliases]}
        if m.sections:
            props["sections"] = list(m.sections)
        if m.merged_into:
            props["merged_into"] = m.merged_into
        mid = batch.add_node("Municipality", m.name, source=src, line=m.line, name=m.name, **props)
        batch.add_relationship("LOCATED_IN", mid, province_ids[m.province], source=src, line=m.line)
    return batch
