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
    titles: dict[str, str] = field(default_factory=dict)  # file -> the title of the source it is

    def name(self, file: str, title: str) -> None:
        """Name a file by its source's title, so that the rendered report says which document it is."""
        self.titles[file] = title

    def warn(self, file: str, line: int, kind: str, message: str) -> None:
        self.warnings.append(LoadWarning(file, line, kind, message))

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    def extend(self, other: "LoadReport") -> None:
        self.counts.update(other.counts)
        self.warnings.extend(other.warnings)
        self.titles.update(other.titles)

    def render(self) -> str:
        lines = [f"{what}: {n}" for what, n in sorted(self.counts.items())]
        by_kind = Counter(w.kind for w in self.warnings)
        lines.append(f"warnings: {len(self.warnings)} ({', '.join(f'{k} {n}' for k, n in sorted(by_kind.items()))})")
        shown = None
        # A heading per source, its title (not its file's hash name), then its warnings at file:line.
        for warning in sorted(self.warnings, key=lambda w: (w.file not in self.titles, self.titles.get(w.file, ""), w)):
            title = self.titles.get(warning.file, "other files")
            if self.titles and title != shown:
                lines.append(f"{title}:")
                shown = title
            lines.append(str(warning))
        return "\n".join(lines)
