"""What every source loader is: a `Source` (read or parse a document into records, build the records
into a GraphBatch) and what a load of one gives (`LoadResult`).

The lowest layer of the loaders next to report.py and source_text.py: the source packages
(loaders/vapa/, loaders/platforms/, ...) know nothing of the registry (loaders/sources.py) or the
pipeline, which know the sources only through this protocol. Reading a document's text, the one
step every text source shares, is done here once (`TextSource.read`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

from armoedegraaf.errors import SourceError
from graph.model import GraphBatch
from loaders.report import LoadReport
from loaders.resolution.resolve import Resolver
from loaders.source_text import read_source_text


@dataclass(frozen=True)
class PlanInfo:
    """The plan a source holds: its name (the Plan node's key), the period it covers and the
    government that adopted it (its ministers are persons in that government)."""
    name: str
    period: str | None = None
    government: str | None = None
    group: str | None = None  # a short name that questions may use for it (and plans of the same group)


@dataclass
class LoadResult:
    batch: GraphBatch
    report: LoadReport
    resolver: Resolver | None = None  # the resolver of a whole load: its merge report


class Records(Protocol):
    """What a parser returns: the document's records, with the file they come from and the report
    of what parsing (and then building) met."""
    file: str
    report: LoadReport


class Source(Protocol):
    key: str  # the document's number prefix in the sources folder ('004'), or the registry's name
    title: str  # the Source node's title, and the load report's name for the document
    plan: PlanInfo | None  # the plan the document holds, if it holds one

    def locate(self, sources_dir: Path) -> Path: ...

    def read(self, path: Path) -> Any: ...

    def parse(self, text: str, file: str) -> Any: ...

    def build(self, records: Any, resolver: Resolver, base: GraphBatch) -> GraphBatch:
        """The records as a batch; warnings go to records.report. `base`: the batch of the sources
        loaded before this one (a coordinator's table refers to its nodes)."""
        ...


@dataclass(frozen=True)
class TextSource:
    """A source that is one UTF-8 text document: found by its number prefix in the sources folder
    (or at `path`), read with the shared limits of source_text.py, parsed and built."""
    key: str
    title: str
    what: str  # how an error names the document ('the action plan')
    parser: Callable[[str, str], Any]  # (text, file name) -> records
    builder: Callable[[Any, Resolver], GraphBatch]  # (records, resolver) -> batch
    plan: PlanInfo | None = None
    path: Path | None = None  # a document outside the sources folder (a test's fixture)

    def locate(self, sources_dir: Path) -> Path:
        if self.path is not None:
            return self.path
        matches = sorted(Path(sources_dir).glob(f"{self.key}_*.txt"))
        if not matches:
            raise SourceError(f"no source document {self.key}_*.txt in {sources_dir}", file=str(sources_dir))
        return matches[0]

    def read(self, path: Path | str) -> Any:
        path = Path(path)
        return self.parse(read_source_text(path, self.what), path.name)

    def parse(self, text: str, file: str) -> Any:
        return self.parser(text, file)

    def build(self, records: Any, resolver: Resolver, base: GraphBatch | None = None) -> GraphBatch:
        return self.builder(records, resolver)


def load_source(source: Source, path: Path | str, resolver: Resolver | None = None,
                base: GraphBatch | None = None) -> LoadResult:
    """Read and build one document of `source`: the pipeline's step for each source."""
    records = source.read(Path(path))
    batch = source.build(records, resolver or Resolver(), base if base is not None else GraphBatch())
    return LoadResult(batch, records.report)
