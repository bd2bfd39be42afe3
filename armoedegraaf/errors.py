"""The one exception tree of armoedegraaf.

    ArmoedegraafError                 root: catch this to catch everything we raise
    ├── SchemaError                   a node/relationship does not fit graph/schema.yaml
    ├── SourceError                   a source document or extra file cannot be read or parsed
    │   └── RowError                  one bad row/field of a tabular file (file, row, column)
    ├── NotFound                      an unknown id, code or name
    ├── InvalidParameter              a bad query parameter (names the parameter)
    └── StoreError                    the graph store failed
        └── StoreUnavailable          the store cannot be reached (e.g. Neo4j down)

The API translates these to HTTP (404, 422, 503) and the CLI to exit codes; nothing else does.
"""

from __future__ import annotations


class ArmoedegraafError(Exception):
    """Root of every error armoedegraaf raises on purpose."""


class SchemaError(ArmoedegraafError):
    """A node or relationship that the schema does not allow."""


class SourceError(ArmoedegraafError):
    """A source file that cannot be read or parsed. Names the file and, where known, the line."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.file, self.line = file, line
        where = f"{file}:{line}: " if file and line else (f"{file}: " if file else "")
        super().__init__(f"{where}{message}")


class RowError(SourceError):
    """One bad row of a tabular file; names file, row and column."""

    def __init__(self, message: str, *, file: str, row: int, column: str | None = None):
        self.row, self.column = row, column
        col = f", column {column!r}" if column else ""
        super().__init__(f"row {row}{col}: {message}", file=file)


class NotFound(ArmoedegraafError):
    """An unknown id, action code or name."""


class InvalidParameter(ArmoedegraafError):
    """A bad parameter; `parameter` names it."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


class Ambiguous(InvalidParameter):
    """A name that fits several nodes; `candidates` lists them ({id, name, label}) to choose from."""

    def __init__(self, parameter: str, message: str, candidates: list[dict[str, str]]):
        self.candidates = candidates
        super().__init__(parameter, message)


class StoreError(ArmoedegraafError):
    """The graph store failed."""


class StoreUnavailable(StoreError):
    """The store cannot be reached; the message says what to do."""
