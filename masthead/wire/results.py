"""What became of each wire item: one line of `masthead ingest` output."""

from dataclasses import dataclass, field

CREATED, UPDATED, UNCHANGED, KILLED, FAILED, SKIPPED = (
    "created",
    "updated",
    "unchanged",
    "killed",
    "failed",
    "skipped",
)


@dataclass
class ImportResult:
    action: str
    identifier: str
    detail: str = ""
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        notes = "".join(f"; {w}" for w in self.warnings)
        return f"{self.action}\t{self.identifier}\t{self.detail}{notes}"
