"""What a load tells its user: counts and every warning, each at file:line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class LoadWarning:
    file: str
    line: int
    kind: str  # e.g. unknown_label, unparsed_fragment, placeholder, unresolved_name, duplicate_block
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)
    warnings: list[LoadWarning] = field(default_factory=list)

    def warn(self, file: str, line: int, kind: str, message: str) -> None:
        self.warnings.append(LoadWarning(file, line, kind, message))

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    def extend(self, other: "LoadReport") -> None:
        self.counts.update(other.counts)
        self.warnings.extend(other.warnings)

    def render(self) -> str:
        lines = [f"{what}: {n}" for what, n in sorted(self.counts.items())]
        by_kind = Counter(w.kind for w in self.warnings)
        lines.append(f"warnings: {len(self.warnings)} ({', '.join(f'{k} {n}' for k, n in sorted(by_kind.items()))})")
        lines.extend(str(w) for w in sorted(self.warnings))
        return "\n".join(lines)
